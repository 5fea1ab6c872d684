"""Cell value parsers (mihara_sheets.values): every rule, the unhappy paths, and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import xlsxwriter
from hypothesis import given, strategies as st
from python_calamine import CalamineWorkbook

from mihara_sheets import values as v, wareki
from mihara_sheets.problems import CATALOG, make_problem
from mihara_sheets.values import ValueProblem

D = dt.date
T = dt.time


def problem_code(func, *args, **kwargs) -> str:
    """The code of the ValueProblem ``func`` raises (fails the test when it returns)."""
    with pytest.raises(ValueProblem) as info:
        func(*args, **kwargs)
    return info.value.code


# -------------------------------------------------------------- ValueProblem


def test_value_problem_carries_code_value_and_details_and_fills_a_catalog_message():
    problem = ValueProblem("end-before-start", "x", start="令和5年4月1日", end="令和5年3月1日")
    assert isinstance(problem, ValueError)
    assert (problem.code, problem.value) == ("end-before-start", "x")
    assert problem.details == {"start": "令和5年4月1日", "end": "令和5年3月1日"}
    message = make_problem(problem.code, sheet="予算", cell="D5", value=problem.value, **problem.details).message
    assert message == "予算!D5の終了「令和5年3月1日」が開始「令和5年4月1日」より前になっています。"


def test_value_problem_keeps_the_value_out_of_its_text():
    # str() of an exception ends up in logs; a value may be a name or an address.
    assert "山田" not in str(ValueProblem("invalid-number", "山田太郎"))


# -------------------------------------------------------------- blanks and text


@pytest.mark.parametrize("value", [None, "", " ", "\u3000\u3000", " \n\t", "\u200b", float("nan")])
def test_is_blank_true(value):
    assert v.is_blank(value)


@pytest.mark.parametrize("value", ["a", "　a　", 0, 0.0, False, D(2023, 1, 1), "-"])
def test_is_blank_false(value):
    assert not v.is_blank(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("\u3000 ", None),
        (4.0, "4"),
        (4.5, "4.5"),
        (12, "12"),
        (Decimal("3.50"), "3.5"),
        (Decimal("4.000"), "4"),
        (True, "TRUE"),
        (D(2023, 6, 12), "2023-06-12"),
        (dt.datetime(2023, 6, 12), "2023-06-12"),
        (dt.datetime(2023, 6, 12, 14, 30), "2023-06-12 14:30"),
        (T(14, 0), "14:00"),
        ("　ＡＢＣ　１２３　", "ABC 123"),
        ("ｻﾝﾌﾟﾙ", "サンプル"),
        ("一行目\r\n二行目\r三行目", "一行目\n二行目\n三行目"),
        ("  内側  の 空白 ", "内側  の 空白"),
    ],
)
def test_normalize_text(value, expected):
    assert v.normalize_text(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("開催日", ("開催日", None)),
        ("予算額（千円）", ("予算額", "千円")),
        ("予算額 (千円)", ("予算額", "千円")),
        ("任期（年）", ("任期", "年")),
        ("発注先 (予算配分)", ("発注先", "予算配分")),
        ("発注先\n(予算配分)", ("発注先", "予算配分")),
        ("開　催　日", ("開催日", None)),
        ("会議体\nＩＤ", ("会議体ID", None)),
        ("氏名※必須", ("氏名", None)),
        ("氏名*", ("氏名", None)),
        ("氏名＊", ("氏名", None)),
        ("予算額（千円）※税込", ("予算額", "千円")),
        ("金額【円】", ("金額", "円")),
        ("金額［円］", ("金額", "円")),
        ("No.", ("No.", None)),
        ("E-mail", ("E-mail", None)),
        ("", ("", None)),
        (None, ("", None)),
        ("(備考)", ("(備考)", None)),
    ],
)
def test_normalize_header(text, expected):
    assert v.normalize_header(text) == expected


# -------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, expected",
    [
        ("令和5年4月1日", D(2023, 4, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("令和 5 年 4 月 1 日", D(2023, 4, 1)),
        ("R5.4.1", D(2023, 4, 1)),
        ("R05/04/01", D(2023, 4, 1)),
        ("r5-4-1", D(2023, 4, 1)),
        ("Ｒ５．４．１", D(2023, 4, 1)),
        ("令5.4.1", D(2023, 4, 1)),
        ("㋿5年4月1日", D(2023, 4, 1)),
        ("H31.4.30", D(2019, 4, 30)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("S64.1.7", D(1989, 1, 7)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("2022.11.14", D(2022, 11, 14)),
        ("2022/11/14", D(2022, 11, 14)),
        ("2022-11-14", D(2022, 11, 14)),
        ("2022年11月14日", D(2022, 11, 14)),
        ("２０２２年１１月１４日", D(2022, 11, 14)),
        ("20221114", D(2022, 11, 14)),
        ("令和5年6月12日(月)", D(2023, 6, 12)),
        ("令和5年6月12日（月）", D(2023, 6, 12)),
        ("令和5年5月3日(水・祝)", D(2023, 5, 3)),
        ("令和5年5月3日（水曜日）", D(2023, 5, 3)),
        ("令和5年6月12日(月) 14:00～15:30", D(2023, 6, 12)),
        ("2023/6/12 14:00", D(2023, 6, 12)),
        ("2023-06-12T14:00:00", D(2023, 6, 12)),
        ("令和5年6月12日 午後2時", D(2023, 6, 12)),
        ("  2022/11/14\u3000", D(2022, 11, 14)),
        (D(2023, 6, 12), D(2023, 6, 12)),
        (dt.datetime(2023, 6, 12, 14, 0), D(2023, 6, 12)),
        (45089, D(2023, 6, 12)),
        (45089.0, D(2023, 6, 12)),
        (45089.583333333336, D(2023, 6, 12)),
        (Decimal("45089"), D(2023, 6, 12)),
        (20221114, D(2022, 11, 14)),
        (20221114.0, D(2022, 11, 14)),
    ],
)
def test_parse_date(value, expected):
    assert v.parse_date(value) == expected


def test_parse_date_1904_system():
    assert v.parse_date(43627, date1904=True) == D(2023, 6, 12)
    assert v.parse_date(43627) == D(2019, 6, 11)


@pytest.mark.parametrize(
    "value",
    [
        "令和5年2月30日",
        "令和5年2月29日",  # not a leap year
        "2023/2/29",
        "2023/13/1",
        "平成31年5月1日",  # 平成 ended on 4月30日: reported, not moved into 令和
        "H31.5.1",
        "令和元年4月30日",  # 令和 began on 5月1日
        "昭和64年1月8日",
        "令和0年5月1日",
        60,  # Excel's fictitious 1900-02-29
    ],
)
def test_parse_date_nonexistent(value):
    assert problem_code(v.parse_date, value) == "nonexistent-date"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        None,
        "abc",
        "未定",
        "令和5年",
        "5月1日",  # no year
        "22/11/14",  # two-digit year: ambiguous
        "2022/11/14 頃",
        "2022/11/14 会議室",
        "R5.4.1.2",
        True,
        2022,  # a year, not a date (as a serial it would be 1905)
        3454000,  # past the reasonable range
        -1,
        float("nan"),
        float("inf"),
        0.5,  # a time of day
        "1900/1/1",  # before the first era this library knows
        "2101/1/1",
        D(1900, 1, 1),  # a real date cell is held to the same years
        dt.datetime(1911, 1, 1, 9, 0),
        D(2101, 1, 1),
        T(14, 0),
        [2023, 6, 12],
    ],
)
def test_parse_date_invalid(value):
    assert problem_code(v.parse_date, value) == "invalid-date"


@pytest.mark.parametrize("value", [D(1900, 1, 1), dt.datetime(1911, 1, 1, 9, 0)])
def test_parse_date_time_holds_real_dates_to_the_same_years(value):
    assert problem_code(v.parse_date_time, value) == "invalid-date"


def test_parse_date_problem_keeps_the_cell_value():
    with pytest.raises(ValueProblem) as info:
        v.parse_date("令和5年2月30日")
    assert info.value.value == "令和5年2月30日"


# -------------------------------------------------------------- Excel serials, against Excel files


def test_excel_serial_1900_system_including_the_fictitious_leap_day():
    assert v.excel_serial_to_datetime(1) == dt.datetime(1900, 1, 1)
    assert v.excel_serial_to_datetime(59) == dt.datetime(1900, 2, 28)
    assert v.excel_serial_to_datetime(61) == dt.datetime(1900, 3, 1)
    assert v.excel_serial_to_datetime(45089.5) == dt.datetime(2023, 6, 12, 12, 0)
    with pytest.raises(ValueError):
        v.excel_serial_to_datetime(60)
    for bad in (-1, float("nan"), float("inf"), 10**12):
        with pytest.raises(ValueError):
            v.excel_serial_to_datetime(bad)


@pytest.mark.parametrize("date1904", [False, True])
def test_excel_serial_agrees_with_calamine_reading_a_real_workbook(tmp_path, date1904):
    serials = [61, 366, 4595, 32516.25, 43586, 43627.5833333333, 45089.999988426, 73050]
    path = tmp_path / "serials.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
    sheet = book.add_worksheet()
    fmt = book.add_format({"num_format": "yyyy/mm/dd hh:mm:ss"})
    for row, serial in enumerate(serials):
        sheet.write_number(row, 0, serial, fmt)
    book.close()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for serial, (cell,) in zip(serials, rows):
        as_datetime = cell if isinstance(cell, dt.datetime) else dt.datetime.combine(cell, T(0))
        ours = v.excel_serial_to_datetime(serial, date1904=date1904)
        assert abs(ours - as_datetime) <= dt.timedelta(seconds=1), serial


def test_values_as_calamine_gives_them_from_a_real_ledger_row(tmp_path):
    """A row typed as staff type it, written by XlsxWriter, read by python-calamine."""
    path = tmp_path / "row.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("会議")
    wareki_fmt = book.add_format({"num_format": '[$-ja-JP]ggge"年"m"月"d"日"'})
    time_fmt = book.add_format({"num_format": "h:mm"})
    sheet.write_datetime(0, 0, dt.datetime(2023, 6, 12), wareki_fmt)
    sheet.write_datetime(0, 1, dt.datetime(1900, 1, 1, 14, 0), time_fmt)
    sheet.write_number(0, 2, 4)  # read back as 4.0
    sheet.write_number(0, 3, 3454)  # a 千円 column
    sheet.write_string(0, 4, "令和5年6月12日(月) 14:00～15:30")
    sheet.write_string(0, 5, "（３，４５４，０００）")
    sheet.write_number(0, 6, 7230000)
    sheet.write_string(0, 7, "")
    book.close()
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("会議").to_python()[0]
    assert v.parse_date(row[0]) == D(2023, 6, 12)
    assert v.parse_time(row[1]) == T(14, 0)
    assert v.parse_int(row[2]) == 4 and v.normalize_text(row[2]) == "4"
    assert v.parse_yen(row[3], multiplier=1000) == 3_454_000
    assert v.parse_date_time(row[4]) == (D(2023, 6, 12), T(14), T(15, 30))
    assert v.parse_yen(row[5]) == 3_454_000
    assert v.parse_postal_code(row[6]) == "723-0000"
    assert v.parse_yen(row[7]) is None


in_range_dates = st.dates(min_value=v.MIN_DATE, max_value=v.MAX_DATE)


@given(in_range_dates, st.sampled_from(["{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}", "{y}-{m:02d}-{d:02d}", "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}"]))
def test_western_date_texts_parse_back(date, pattern):
    assert v.parse_date(pattern.format(y=date.year, m=date.month, d=date.day)) == date


@given(in_range_dates, st.booleans())
def test_excel_serials_parse_back(date, date1904):
    epoch = D(1904, 1, 1) if date1904 else D(1899, 12, 30)
    serial = (date - epoch).days
    assert v.parse_date(serial, date1904=date1904) == date
    assert v.parse_date(float(serial) + 0.75, date1904=date1904) == date


@given(in_range_dates, in_range_dates, st.sampled_from(["～", "〜", " ~ ", "-", "ー", "から"]))
def test_date_ranges_parse_back(a, b, separator):
    start, end = min(a, b), max(a, b)
    text = f"{wareki.format_date(start)}{separator}{end.isoformat()}"
    assert v.parse_date_range(text) == (start, end)


# -------------------------------------------------------------- date ranges and date-times


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022.11.14 ～ 2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14〜2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14~2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022/11/14 - 2023/2/28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022-11-14 - 2023-02-28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022-11-14-2023-02-28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14ー2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14–2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14—2023.2.28", (D(2022, 11, 14), D(2023, 2, 28))),
        ("令和5年4月1日～令和7年3月31日", (D(2023, 4, 1), D(2025, 3, 31))),
        ("令和5年4月1日から令和7年3月31日まで", (D(2023, 4, 1), D(2025, 3, 31))),
        ("R5.4.1～R7.3.31", (D(2023, 4, 1), D(2025, 3, 31))),
        ("令和5年4月1日(土)～令和5年9月30日(土)", (D(2023, 4, 1), D(2023, 9, 30))),
        ("令和5年4月1日～9月30日", (D(2023, 4, 1), D(2023, 9, 30))),
        ("２０２２．１１．１４　～　２０２３．２．２８", (D(2022, 11, 14), D(2023, 2, 28))),
        ("2022.11.14～", (D(2022, 11, 14), None)),
        ("2022.11.14", (D(2022, 11, 14), None)),
        ("2022.11.14～2022.11.14", (D(2022, 11, 14), D(2022, 11, 14))),
        (D(2022, 11, 14), (D(2022, 11, 14), None)),
        (44879, (D(2022, 11, 14), None)),
    ],
)
def test_parse_date_range(value, expected):
    assert v.parse_date_range(value) == expected


def test_parse_date_range_end_before_start():
    with pytest.raises(ValueProblem) as info:
        v.parse_date_range("2023.2.28 ～ 2022.11.14")
    assert info.value.code == "end-before-start"
    assert info.value.details == {"start": "令和5年2月28日", "end": "令和4年11月14日"}
    assert problem_code(v.parse_date_range, "令和5年4月1日～3月31日") == "end-before-start"


@pytest.mark.parametrize(
    "value, code",
    [
        ("2022.11.14 ～ 未定", "invalid-date"),
        ("2022.11.14 2023.2.28", "invalid-date"),  # no separator
        ("2022.11.14 ～ 2023.2.28 頃", "invalid-date"),
        ("未定", "invalid-date"),
        ("", "invalid-date"),
        ("2022.11.14 ～ 2023.2.30", "nonexistent-date"),
        ("令和5年4月1日～2月30日", "nonexistent-date"),
        ("平成31年4月1日～平成31年5月31日", "nonexistent-date"),
    ],
)
def test_parse_date_range_unhappy(value, code):
    assert problem_code(v.parse_date_range, value) == code


@pytest.mark.parametrize(
    "value, expected",
    [
        ("令和5年6月12日(月) 14:00～15:30", (D(2023, 6, 12), T(14), T(15, 30))),
        ("令和5年6月12日（月）午後2時～午後3時30分", (D(2023, 6, 12), T(14), T(15, 30))),
        ("令和5年6月12日(月)14時～", (D(2023, 6, 12), T(14), None)),
        ("2023/6/12 14:00", (D(2023, 6, 12), T(14), None)),
        ("2023-06-12T14:00:00", (D(2023, 6, 12), T(14), None)),
        ("令和5年6月12日", (D(2023, 6, 12), None, None)),
        (D(2023, 6, 12), (D(2023, 6, 12), None, None)),
        (dt.datetime(2023, 6, 12, 14, 0), (D(2023, 6, 12), T(14), None)),
        (dt.datetime(2023, 6, 12), (D(2023, 6, 12), None, None)),
        (45089.5833333333, (D(2023, 6, 12), T(14), None)),
        (45089, (D(2023, 6, 12), None, None)),
    ],
)
def test_parse_date_time(value, expected):
    assert v.parse_date_time(value) == expected


@pytest.mark.parametrize(
    "value, code",
    [
        ("令和5年6月12日 会議室A", "invalid-time"),
        ("令和5年6月12日 15:30～14:00", "end-before-start"),
        ("令和5年6月12日 25:00", "invalid-time"),
        ("令和5年6月31日 14:00", "nonexistent-date"),
        ("午後2時", "invalid-date"),
        (None, "invalid-date"),
    ],
)
def test_parse_date_time_unhappy(value, code):
    assert problem_code(v.parse_date_time, value) == code


def test_parse_date_time_problem_names_the_whole_cell():
    with pytest.raises(ValueProblem) as info:
        v.parse_date_time("令和5年6月12日 会議室A")
    assert info.value.value == "令和5年6月12日 会議室A"


# -------------------------------------------------------------- times


@pytest.mark.parametrize(
    "value, expected",
    [
        ("14:00", T(14)),
        ("14:00:30", T(14, 0, 30)),
        ("９：３０", T(9, 30)),
        ("14時", T(14)),
        ("14時30分", T(14, 30)),
        ("14時半", T(14, 30)),
        ("午後2時", T(14)),
        ("午後2時30分", T(14, 30)),
        ("午後 2 時 30 分", T(14, 30)),
        ("午前10時", T(10)),
        ("午前0時", T(0)),
        ("午後0時30分", T(12, 30)),
        ("正午", T(12)),
        ("午前12時", T(12)),  # 明治5年太政官達第337号: 午前12時 is noon
        ("午後2時から", T(14)),
        ("14時頃", T(14)),
        (T(14, 0), T(14)),
        (dt.datetime(2023, 6, 12, 14, 0), T(14)),
        (dt.timedelta(hours=14, minutes=30), T(14, 30)),
        (0.5833333333333334, T(14)),
        (0.5, T(12)),
        (0, T(0)),
        (Decimal("0.75"), T(18)),
    ],
)
def test_parse_time(value, expected):
    assert v.parse_time(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "午後12時",  # noon to some readers, midnight to others
        "午前12時30分",
        "午後13時",
        "午前13時",
        "24:00",
        "25:00",
        "14:60",
        "14",
        "abc",
        "",
        None,
        "14:00 会議",
        1.0,
        1.5,
        -0.1,
        True,
        dt.timedelta(days=1),
        dt.timedelta(hours=-1),
        D(2023, 6, 12),
    ],
)
def test_parse_time_invalid(value):
    assert problem_code(v.parse_time, value) == "invalid-time"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("14:00～15:30", (T(14), T(15, 30))),
        ("14:00〜15:30", (T(14), T(15, 30))),
        ("14:00-15:30", (T(14), T(15, 30))),
        ("１４：００～１５：３０", (T(14), T(15, 30))),
        ("午後2時～午後3時30分", (T(14), T(15, 30))),
        ("午後2時～3時30分", (T(14), T(15, 30))),  # the end takes the start's 午後
        ("午前10時～正午", (T(10), T(12))),
        ("午前10時～12時", (T(10), T(12))),
        ("午前11時～午後1時", (T(11), T(13))),
        ("午後2時から午後4時まで", (T(14), T(16))),
        ("14:00～", (T(14), None)),
        ("14:00", (T(14), None)),
        (T(14), (T(14), None)),
        (0.5, (T(12), None)),
    ],
)
def test_parse_time_range(value, expected):
    assert v.parse_time_range(value) == expected


@pytest.mark.parametrize(
    "value, code",
    [
        ("15:30～14:00", "end-before-start"),
        ("午後3時～午後2時", "end-before-start"),
        ("14:00～会議終了まで", "invalid-time"),
        ("14:00 15:00", "invalid-time"),
        ("14:00～25:00", "invalid-time"),
        ("未定", "invalid-time"),
    ],
)
def test_parse_time_range_unhappy(value, code):
    assert problem_code(v.parse_time_range, value) == code


def test_parse_time_range_end_before_start_details_are_for_staff():
    with pytest.raises(ValueProblem) as info:
        v.parse_time_range("15:30～14:00")
    assert info.value.details == {"start": "午後3時30分", "end": "午後2時"}


# -------------------------------------------------------------- integers


@pytest.mark.parametrize(
    "value, expected",
    [
        (4, 4),
        (4.0, 4),
        (Decimal("4"), 4),
        ("4", 4),
        ("４", 4),
        (" 4 ", 4),
        ("4.0", 4),
        ("1,200", 1200),
        ("年4回", 4),
        ("年４回", 4),
        ("年 4 回", 4),
        ("毎年1回", 1),
        ("第3回", 3),
        ("第３回", 3),
        ("第三回", 3),
        ("第十二回", 12),
        ("二十三", 23),
        ("3人", 3),
        ("3件", 3),
        ("3名", 3),
        ("2年", 2),
        ("月1回", 12),  # a monthly meeting is 12 a year
        ("毎月2回", 24),
        ("0", 0),
        ("随時", None),
        ("未定", None),
        ("適宜", None),
        ("", None),
        ("\u3000", None),
        (None, None),
        (float("nan"), None),  # pandas' empty cell
    ],
)
def test_parse_int(value, expected):
    assert v.parse_int(value) == expected


@pytest.mark.parametrize(
    "value",
    [4.5, "4.5", "abc", "年4.5回", "月1人", "1,2", "12,34", ",", "四五", True, D(2023, 1, 1), "3人程度"],
)
def test_parse_int_invalid(value):
    assert problem_code(v.parse_int, value) == "invalid-number"


# -------------------------------------------------------------- yen


@pytest.mark.parametrize(
    "value, expected",
    [
        ("3,454,000円", 3_454_000),
        ("¥3,454,000", 3_454_000),
        ("￥3,454,000", 3_454_000),
        ("\\3,454,000", 3_454_000),
        ("3454000", 3_454_000),
        ("(3,454,000)", 3_454_000),
        ("（３，４５４，０００）", 3_454_000),
        ("３，４５４，０００", 3_454_000),
        ("3,454,000 円", 3_454_000),
        ("(3,454,000円)", 3_454_000),
        (3454000.0, 3_454_000),
        (3454000, 3_454_000),
        (Decimal("3454000"), 3_454_000),
        ("△1,000", -1000),
        ("▲1,000", -1000),
        ("-1,000", -1000),
        ("¥-1,000", -1000),
        ("(△1,000)", -1000),
        ("0", 0),
        (0, 0),
        ("345万円", 3_450_000),
        ("3,454千円", 3_454_000),
        ("", None),
        ("\u3000", None),
        (None, None),
    ],
)
def test_parse_yen(value, expected):
    assert v.parse_yen(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (3454, 3_454_000),
        (3454.0, 3_454_000),
        (1.5, 1_500),
        ("1.5", 1_500),
        ("3,454", 3_454_000),
        ("△1.5", -1_500),
        (0.001, 1),
        ("3,454,000円", 3_454_000_000),  # a bare 円 keeps the column's unit
        ("3,454千円", 3_454_000),  # the cell's own unit replaces the column's
        (None, None),
    ],
)
def test_parse_yen_thousands_column(value, expected):
    assert v.parse_yen(value, multiplier=1000) == expected


def test_parse_yen_never_returns_a_float():
    for value in (3454000.0, "3454000", Decimal("3454000.000"), 1.5):
        result = v.parse_yen(value, multiplier=1000)
        assert type(result) is int


@pytest.mark.parametrize("value, multiplier", [(1.5, 1), ("1.5", 1), (Decimal("0.1"), 1), (0.0001, 1000), ("1.2345", 1000)])
def test_parse_yen_fractional(value, multiplier):
    assert problem_code(v.parse_yen, value, multiplier=multiplier) == "fractional-amount"


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "未定",
        "-",
        "3,45,000",  # malformed grouping: a typo, not a guess
        "3.454.000",
        "--1",
        "△-1",
        "¥¥100",
        "1e5",
        "3,454,000円(税込)",
        "(3,454,000",
        "千円",
        True,
        float("inf"),
        Decimal("NaN"),
        D(2023, 1, 1),
        10**40,  # 1,000兆円 or more: a typing slip
        1e15,
        "9" * 400,
        "1,000,000,000,000,000円",
        "-1,000,000,000,000,000",
    ],
)
def test_parse_yen_invalid(value):
    assert problem_code(v.parse_yen, value) == "invalid-amount"


def test_parse_yen_takes_amounts_up_to_its_limit():
    assert v.parse_yen("999,999,999,999,999円") == 10**15 - 1
    assert v.parse_yen(-(10.0**15) + 1) == -(10**15) + 1
    assert problem_code(lambda value: v.parse_yen(value, multiplier=1000), "1,000,000,000,000") == "invalid-amount"


def test_parse_yen_from_a_cp932_csv_cell():
    # In Shift_JIS the yen sign is byte 0x5C, which cp932 decodes as a backslash.
    cell = b"\x5c3,454,000".decode("cp932")
    assert v.parse_yen(cell) == 3_454_000


_FULL_WIDTH = str.maketrans("0123456789,-()", "０１２３４５６７８９，－（）")


@st.composite
def yen_texts(draw):
    """An integer amount and one of the ways staff write it."""
    amount = draw(st.integers(min_value=-(10**12), max_value=10**12))
    digits = f"{abs(amount):,}" if draw(st.booleans()) else str(abs(amount))
    sign = draw(st.sampled_from(["-", "△", "▲"])) if amount < 0 else ""
    text = sign + digits
    if draw(st.booleans()):
        text = draw(st.sampled_from(["¥", "￥"])) + text
    if draw(st.booleans()):
        text += "円"
    if draw(st.booleans()):
        text = f"({text})" if draw(st.booleans()) else f"（{text}）"
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    if draw(st.booleans()):
        text = f" {text}\u3000"
    return amount, text


@given(yen_texts())
def test_yen_text_parses_back_exactly(case):
    amount, text = case
    assert v.parse_yen(text) == amount


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_yen_numbers_parse_back_exactly(amount):
    assert v.parse_yen(amount) == amount
    assert v.parse_yen(float(amount)) == amount  # every amount under the limit is an exact float


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_thousands_column_amounts_parse_exactly(yen):
    thousands = Decimal(yen) / 1000
    assert v.parse_yen(str(thousands), multiplier=1000) == yen
    assert v.parse_yen(float(thousands), multiplier=1000) == yen  # calamine gives floats
    if yen % 1000 == 0:
        assert v.parse_yen(f"{yen // 1000:,}", multiplier=1000) == yen


# -------------------------------------------------------------- amount with a label


@pytest.mark.parametrize(
    "value, expected",
    [
        ("サーベイリサーチセンター (3,454,000)", ("サーベイリサーチセンター", 3_454_000)),
        ("NTTデータ経営研究所 (2,000,000)", ("NTTデータ経営研究所", 2_000_000)),
        ("サーベイリサーチセンター（３，４５４，０００）", ("サーベイリサーチセンター", 3_454_000)),
        ("(5,454,000)", (None, 5_454_000)),
        ("NTTデータ経営研究所", ("NTTデータ経営研究所", None)),
        ("株式会社○○ 1,000円", ("株式会社○○", 1000)),
        ("株式会社○○ (東京本社)", ("株式会社○○ (東京本社)", None)),
        ("株式会社○○ (第2期)", ("株式会社○○ (第2期)", None)),
        ("5,454,000", (None, 5_454_000)),
        (3454000.0, (None, 3_454_000)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_amount_label(value, expected):
    assert v.split_amount_label(value) == expected


def test_split_amount_label_in_thousands():
    assert v.split_amount_label("○○ (3,454)", multiplier=1000) == ("○○", 3_454_000)


def test_split_amount_label_malformed_amount_in_brackets():
    with pytest.raises(ValueProblem) as info:
        v.split_amount_label("サーベイリサーチセンター (3,45,4000)")
    assert info.value.code == "invalid-amount"
    assert info.value.value == "サーベイリサーチセンター (3,45,4000)"


# -------------------------------------------------------------- fiscal years


@pytest.mark.parametrize(
    "value, expected",
    [
        ("令和4年度", 2022),
        ("令和４年度", 2022),
        ("R4", 2022),
        ("r4", 2022),
        ("R4年度", 2022),
        ("R04", 2022),
        ("令和4年", 2022),
        ("令和元年度", 2019),
        ("平成31年度", 2019),  # FY2019's name before the era changed
        ("2022年度", 2022),
        ("2022", 2022),
        ("FY2022", 2022),
        ("２０２２年度", 2022),
        (2022, 2022),
        (2022.0, 2022),
        ("平成30年度", 2018),
        ("H30", 2018),
        ("昭和63年度", 1988),
        ("令和4(2022)年度", 2022),
        ("2022(令和4)年度", 2022),
        ("令和4年度（2022年度）", 2022),
        (D(2022, 4, 1), 2022),
    ],
)
def test_parse_fiscal_year(value, expected):
    assert v.parse_fiscal_year(value) == expected


@pytest.mark.parametrize(
    "value",
    ["平成32年度", "令和0年度", "令和4(2023)年度", "abc", "", None, "22", "令和", 1800, 2022.5, True, "2022年度上期", "M45",
     D(1911, 1, 1), dt.datetime(2101, 4, 1)],  # a date cell is held to the same years
)
def test_parse_fiscal_year_invalid(value):
    assert problem_code(v.parse_fiscal_year, value) == "invalid-fiscal-year"


# -------------------------------------------------------------- postal codes


@pytest.mark.parametrize(
    "value",
    ["7230000", 7230000, 7230000.0, "723-0000", "〒723-0000", "〒 723-0000", "７２３－００００", "723ー0000", " 723 0000 "],
)
def test_parse_postal_code(value):
    assert v.parse_postal_code(value) == "723-0000"


def test_parse_postal_code_restores_a_leading_zero_excel_dropped():
    assert v.parse_postal_code(600000) == "060-0000"


@pytest.mark.parametrize(
    "value",
    ["723000", "72300000", "7230-000", "abc", "", None, "〒723-0000 三原市港町", 723.5, 123, True, "723-00OO"],
)
def test_parse_postal_code_invalid(value):
    assert problem_code(v.parse_postal_code, value) == "invalid-postal-code"


# -------------------------------------------------------------- lists and agenda


@pytest.mark.parametrize(
    "value, expected",
    [
        ("高齢、障害", ["高齢", "障害"]),
        ("高齢・障害・子ども", ["高齢", "障害", "子ども"]),
        ("高齢;障害；子ども", ["高齢", "障害", "子ども"]),
        ("高齢/障害／子ども", ["高齢", "障害", "子ども"]),
        ("高齢,障害，子ども", ["高齢", "障害", "子ども"]),
        ("高齢\n障害\r\n\n子ども", ["高齢", "障害", "子ども"]),
        ("高齢､ 障害 ･子ども、、", ["高齢", "障害", "子ども"]),
        ("ｺﾄﾞﾓ", ["コドモ"]),
        ("", []),
        (None, []),
        (4.0, ["4"]),
    ],
)
def test_split_list(value, expected):
    assert v.split_list(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1. 開会\n2. 報告事項\n3. 閉会", ["開会", "報告事項", "閉会"]),
        ("１．開会\n２．閉会", ["開会", "閉会"]),
        ("1) 開会\n2）閉会", ["開会", "閉会"]),
        ("(1) 開会\n（２）閉会", ["開会", "閉会"]),
        ("⑴ 開会\n⒉ 閉会", ["開会", "閉会"]),
        ("① 開会\n②閉会\n⑩ その他\n⑳ 最後", ["開会", "閉会", "その他", "最後"]),
        ("㉑ 二十一番目", ["二十一番目"]),
        ("一、開会\n二、閉会", ["開会", "閉会"]),
        ("(一) 開会\n㈡ 閉会", ["開会", "閉会"]),
        ("(ア) 開会", ["開会"]),
        ("・開会\n● 閉会", ["開会", "閉会"]),
        ("1 開会\n2 閉会", ["開会", "閉会"]),
        ("開会\n\n\u3000\n閉会\n", ["開会", "閉会"]),
        ("3年間の計画について", ["3年間の計画について"]),
        ("1.5倍の増員について", ["1.5倍の増員について"]),
        ("一人暮らし高齢者の見守り", ["一人暮らし高齢者の見守り"]),
        ("○○部会の設置について", ["○○部会の設置について"]),
        ("(仮称)地域共生会議について", ["(仮称)地域共生会議について"]),
        ("1.\n2. 閉会", ["閉会"]),
        ("議題Ａ\r\n議題Ｂ", ["議題Ａ", "議題Ｂ"]),  # items stay as typed
        ("", []),
        (None, []),
    ],
)
def test_parse_agenda(value, expected):
    assert v.parse_agenda(value) == expected


# -------------------------------------------------------------- ○ / ×


@pytest.mark.parametrize(
    "value", ["○", "〇", "◯", "◎", "有", "あり", "有り", "✓", "✔", "レ", "はい", "TRUE", "True", "true", "ＴＲＵＥ", "1", 1, 1.0, True, " ○ "]
)
def test_parse_mark_true(value):
    assert v.parse_mark(value) is True


@pytest.mark.parametrize(
    "value", ["×", "✕", "無", "無し", "なし", "いいえ", "－", "-", "―", "FALSE", "False", "x", "Ｘ", "0", 0, 0.0, False]
)
def test_parse_mark_false(value):
    assert v.parse_mark(value) is False


@pytest.mark.parametrize("value", ["", "\u3000", None])
def test_parse_mark_blank(value):
    assert v.parse_mark(value) is None


@pytest.mark.parametrize("value", ["△", "たぶん", "2", 2, 0.5, "○×", D(2023, 1, 1)])
def test_parse_mark_invalid(value):
    with pytest.raises(ValueProblem) as info:
        v.parse_mark(value)
    assert info.value.code == "invalid-choice"
    assert info.value.details == {"choices": "○ / ×"}


# -------------------------------------------------------------- codes


def test_every_code_raised_here_is_in_the_catalog():
    raised = {
        problem_code(v.parse_date, "x"),
        problem_code(v.parse_date, "令和5年2月30日"),
        problem_code(v.parse_time, "x"),
        problem_code(v.parse_int, "x"),
        problem_code(v.parse_yen, "x"),
        problem_code(v.parse_yen, 0.5),
        problem_code(v.parse_fiscal_year, "x"),
        problem_code(v.parse_postal_code, "x"),
        problem_code(v.parse_date_range, "2023/2/1～2023/1/1"),
        problem_code(v.parse_mark, "たぶん"),
    }
    assert len(raised) == 10
    assert raised <= set(CATALOG)


# -------------------------------------------------------------- robustness

PARSERS = [
    v.is_blank, v.normalize_text, v.normalize_header, v.parse_date, v.parse_time,
    v.parse_time_range, v.parse_date_time, v.parse_date_range, v.parse_int, v.parse_yen,
    v.split_amount_label, v.parse_fiscal_year, v.parse_postal_code, v.split_list,
    v.parse_agenda, v.parse_mark,
]
# Text made of what dates, times and amounts are made of, so the fuzzing reaches deep.
cell_text = st.text(
    alphabet=st.sampled_from(list("0123456789０１２３４５６７８９.,/-:～〜~ー()（）年月日時分半元度回第円¥△▲RHSrh令和平成昭和午前後正〒①⑴一、・\n 　※*")),
    max_size=30,
)
cells = st.one_of(
    cell_text,
    st.text(max_size=20),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)


@given(cells)
def test_parsers_raise_only_value_problems_with_catalog_codes(cell):
    for parse in PARSERS:
        try:
            parse(cell)
        except ValueProblem as problem:
            assert problem.code in CATALOG


def test_agenda_items_keep_official_full_width_punctuation():
    assert v.parse_agenda("１．報告～その他（案）\n（２）協議事項") == ["報告～その他（案）", "協議事項"]
