"""The control workbook's 実行 button: ``main()`` with the 操作 sheet's inputs.

The control book and, where a test says so, the ledger are remote-engine books in the same
xlwings app: the ledger "open in the same Excel". Ledgers named by a path that is not open
are read from disk and written through the part-level writer.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest

from mihara_sheets import load_ledger, macros
from mihara_sheets.resources import sample_ledger_path, workbooks_dir

from .test_macros_support import (
    TODAY, actions, alerts, control_book, ledger_sheets, make_book, table, written,
)

xw = pytest.importorskip("xlwings")
BROKEN = workbooks_dir() / "sample_ledger_broken.xlsx"


@pytest.fixture
def books():
    made = []
    yield made
    for book in made:
        book.close()


def control(books, action, **inputs):
    book = control_book(action, **inputs)
    books.append(book)
    book.set_mock_caller()
    return book


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log_lines(book):
    cells = written(book, macros.CONTROL_SHEET)
    rows = sorted({int(c[1:]) for c in cells if c[0] == "B" and int(c[1:]) >= macros.LOG_FIRST_ROW})
    return [[cells.get(f"{col}{r}") for col in "BCDE"] for r in rows]


def test_check_of_a_ledger_on_disk_goes_to_the_control_book(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(BROKEN, ledger)
    book = control(books, macros.CHECK, paths=[ledger])
    macros.main()
    rows = table(book, macros.CHECK_SHEET)[1:]
    assert ["会議体", "G19", "nonexistent-date"] in [r[2:5] for r in rows]
    assert {r[6] for r in rows} == {str(ledger.name)}
    [alert] = alerts(book)
    assert "エラー 6件" in alert
    [line] = log_lines(book)
    assert line[1:3] == [macros.CHECK, "要確認"] and line[3].startswith("エラー 6件")


def test_the_log_goes_below_earlier_lines(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    earlier = [("2026/11/27 10:00", macros.CHECK, "完了", "エラー 0件、警告 4件")] * 2
    book = control(books, macros.TERMS, paths=[ledger], log=earlier)
    macros.main()
    cells = written(book, macros.CONTROL_SHEET)
    row = macros.LOG_FIRST_ROW + 2
    assert cells[f"C{row}"] == macros.TERMS and cells[f"D{row}"] == "完了"


def test_notices_for_a_closed_ledger_are_recorded_in_its_file(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.NOTICES, paths=[ledger], meeting_id="K18-2026-03", out_dir=str(tmp_path / "出力"))
    macros.main()
    meeting = load_ledger(ledger, today=TODAY).meeting("K18-2026-03")
    assert meeting.status == "通知済" and meeting.notice_date == TODAY and meeting.notice_no
    assert (tmp_path / "出力" / "開催通知_K18-2026-03" / "一括印刷用_K18-2026-03.docx").is_file()
    assert "会議" not in [s.name for s in book.sheets]
    assert meeting.notice_no in alerts(book)[0] and "台帳.xlsx" in alerts(book)[0]


def test_notices_for_a_ledger_open_in_the_same_excel_go_into_that_book(books, tmp_path):
    path = tmp_path / "開いている台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    before = digest(path)
    live = make_book(path.name, ledger_sheets(path))  # opened in Excel, not the caller
    books.append(live)
    book = control(books, macros.NOTICES, paths=[path], meeting_id="K18-2026-03", out_dir=str(tmp_path / "出力"))
    macros.main()
    origin = load_ledger(path, today=TODAY).meeting("K18-2026-03").origin
    cells = written(live, "会議")
    assert cells[origin.cell("status")] == "通知済"
    assert digest(path) == before  # never the file under an open workbook
    assert "保存はしていません" in alerts(book)[0]


def test_a_ledger_open_in_the_same_excel_is_read_with_its_unsaved_edits(books, tmp_path):
    path = tmp_path / "開いている台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    live = make_book(path.name, ledger_sheets(path, {("会議", "B13"): "K99"}))
    books.append(live)
    book = control(books, macros.CHECK, paths=[path])
    macros.main()
    rows = table(book, macros.CHECK_SHEET)[1:]
    assert ["会議", "B13", "unknown-council"] in [r[2:5] for r in rows]


def test_agenda_and_tally_from_the_control_sheet(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.AGENDA, paths=[ledger], fiscal_year="令和8年度")
    macros.main()
    assert (tmp_path / "出力" / "全体会議次第_令和8年度.docx").is_file()  # 出力 beside the ledger
    book = control(books, macros.BUDGET, paths=[ledger], fiscal_year=2025.0)
    macros.main()
    rows = table(book, "予算集計")
    assert [r[0] for r in rows[1:3]] == ["令和7年度", "合計"]
    assert "令和7年度" in alerts(book)[0]


@pytest.mark.parametrize(("inputs", "words"), [
    ({"fiscal_year": "来年度"}, "年度「来年度」を読めません"),
    ({"within": "3か月"}, "任期確認の日数「3か月」を読めません"),
    ({"as_of": "4月31日"}, "棚卸の基準日「4月31日」を読めません"),
    ({"today": None, "meeting_id": "", "paths": [], "fiscal_year": ""}, "台帳のシート"),
])
def test_inputs_that_cannot_be_used_are_an_alert(books, inputs, words):
    book = control(books, macros.AGENDA, **inputs)
    outcome = macros.main()
    assert outcome is None
    [alert] = alerts(book)
    assert words in alert
    assert actions(book, "alert")[0]["args"][3] == "critical"


def test_a_typo_in_the_date_is_an_alert(books):
    book = control(books, macros.TERMS, today="11月31日", paths=[sample_ledger_path()])
    macros.main()
    assert "基準日「11月31日」を読めません" in alerts(book)[0]
    assert actions(book, "addSheet") == []


def test_blank_action_asks_to_choose_one(books):
    book = control(books, "")
    macros.main()
    assert "処理「（空欄）」はありません" in alerts(book)[0]


def test_read_request_of_the_control_sheet(books, tmp_path):
    book = control(books, macros.NOTICES, paths=["a.xlsx", "b.csv"], meeting_id="K18-2026-03",
                   fiscal_year="R8", out_dir="出力", pdf="はい")
    request = macros.read_request(book)
    assert request == macros.Request(action=macros.NOTICES, paths=["a.xlsx", "b.csv"],
                                     meeting_id="K18-2026-03", fiscal_year=2026, out_dir="出力",
                                     today=TODAY, pdf=True)


# -- 通知の形式, ラベル用紙, ラベルの開始位置 ---------------------------------------------------

@pytest.mark.parametrize(("inputs", "expected"), [
    ({}, {"window_envelope": False, "email": False, "label_layout": "A4-12", "label_vertical": False,
          "label_start": 1}),
    ({"notice_form": "通常", "label_sheet": "A4判12面"}, {"window_envelope": False, "email": False,
                                                       "label_layout": "A4-12", "label_vertical": False}),
    ({"notice_form": "窓あき封筒"}, {"window_envelope": True, "email": False}),
    ({"notice_form": "メールの下書きも作る"}, {"window_envelope": False, "email": True}),
    ({"notice_form": "窓あき封筒とメールの下書き"}, {"window_envelope": True, "email": True}),
    ({"notice_form": " 窓あき 封筒 "}, {"window_envelope": True}),  # spaces typed by hand
    ({"label_sheet": "A4判24面"}, {"label_layout": "A4-24", "label_vertical": False}),
    ({"label_sheet": "A4判12面（縦書き）"}, {"label_layout": "A4-12", "label_vertical": True}),
    ({"label_sheet": "A4判24面（縦書き）"}, {"label_layout": "A4-24", "label_vertical": True}),
    ({"label_sheet": "Ａ４判２４面(縦書き)"}, {"label_layout": "A4-24", "label_vertical": True}),  # widths differ
    ({"label_start": 5}, {"label_start": 5}),
    ({"label_start": "５"}, {"label_start": 5}),
    ({"label_start": "5枚目"}, {"label_start": 5}),
    ({"label_start": "１２枚目"}, {"label_start": 12}),
    ({"label_start": 13}, {"label_start": 13}),  # beyond the sheet: the job says so, as for --start 13
    ({"label_start": "  "}, {"label_start": 1}),
])
def test_read_request_of_the_new_inputs(books, inputs, expected):
    action = macros.NOTICES if "notice_form" in inputs else macros.LABELS  # each read for its action
    book = control(books, action, meeting_id="K18-2026-03", **inputs)
    request = macros.read_request(book)
    assert {key: getattr(request, key) for key in expected} == expected


@pytest.mark.parametrize(("inputs", "words"), [
    ({"notice_form": "窓付き封筒"}, ["通知の形式「窓付き封筒」は選べません", "「通常」「窓あき封筒」「メールの下書きも作る」「窓あき封筒とメールの下書き」"]),
    ({"notice_form": "メール"}, ["通知の形式「メール」は選べません"]),
    ({"label_sheet": "A4判18面"}, ["ラベル用紙「A4判18面」は選べません",
                                 "「A4判12面」「A4判24面」「A4判12面（縦書き）」「A4判24面（縦書き）」", "空欄なら「A4判12面」"]),
    ({"label_sheet": "縦書き"}, ["ラベル用紙「縦書き」は選べません"]),
    ({"label_start": "五枚目"}, ["ラベルの開始位置「五枚目」を読めません", "5 のように数字で"]),
    ({"label_start": "-1"}, ["ラベルの開始位置「-1」を読めません"]),
    ({"label_start": 2.5}, ["ラベルの開始位置「2.5」を読めません"]),
    ({"label_start": "5枚目から"}, ["ラベルの開始位置「5枚目から」を読めません"]),
])
def test_new_inputs_that_cannot_be_used_are_a_macro_error_naming_the_input(books, inputs, words):
    action = macros.NOTICES if "notice_form" in inputs else macros.LABELS
    book = control(books, action, meeting_id="K18-2026-03", **inputs)
    with pytest.raises(macros.MacroError) as raised:
        macros.read_request(book)
    assert all(w in raised.value.message for w in words), raised.value.message
    # Through the 実行 button: the same words as a critical alert, nothing run, a log line.
    macros.main()
    [alert] = alerts(book)
    assert alert == raised.value.message
    assert actions(book, "alert")[0]["args"][3] == "critical"
    assert log_lines(book)[0][1:3] == [action, "要確認"]


@pytest.mark.parametrize("inputs", [{"label_start": "五"}, {"label_sheet": "A4判18面"}, {"notice_form": "窓付き"}])
def test_a_typo_in_an_input_the_action_does_not_use_does_not_stop_it(books, tmp_path, inputs):
    """A value left from making labels must not stop 任期確認 (only the chosen action's inputs count)."""
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.TERMS, paths=[ledger], **inputs)
    assert macros.read_request(book).action == macros.TERMS
    macros.main()
    [alert] = alerts(book)
    assert "読めません" not in alert and "選べません" not in alert, alert
    assert log_lines(book)[0][1] == macros.TERMS and log_lines(book)[0][2] != "要確認"


def test_an_older_control_workbook_is_refused_before_its_cells_are_misread(books, tmp_path):
    """Yesterday's layout had 台帳ファイル on row 13 and the paths in C14:C18: its first path
    would be read as ラベルの開始位置. Staff are told to replace the workbook instead."""
    old = [[""] * 6 for _ in range(22)]
    old[3][1], old[3][2] = "処理", macros.TERMS
    old[12][1], old[12][2] = "台帳ファイル", "台帳の場所（1行に1ファイル）"
    old[13][2] = str(tmp_path / "台帳.xlsx")
    old[20][1:5] = ["日時", "処理", "結果", "内容"]
    from .test_macros_support import make_book, sheet_payload
    book = make_book("mihara_sheets.macros.xlsm", [sheet_payload(macros.CONTROL_SHEET, old),
                                                    sheet_payload("xlwings.conf", [["Interpreter_Win", "python"]])])
    books.append(book)
    book.set_mock_caller()
    with pytest.raises(macros.MacroError) as raised:
        macros.read_request(book)
    assert "この操作ブックは古い版です" in raised.value.message and "13行目" in raised.value.message
    assert f"{macros.PATH_FIRST_ROW - 1}行目" in raised.value.message
    macros.main()
    assert alerts(book) == [raised.value.message]


def test_a_start_beyond_the_sheet_is_the_jobs_own_problem(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.LABELS, paths=[ledger], meeting_id="K18-2026-03", label_sheet="A4判24面",
                   label_start="25枚目")
    macros.main()
    [alert] = alerts(book)
    assert "開始位置は1～24" in alert and "指定：25" in alert
    assert not (tmp_path / "出力").exists()


def test_labels_from_the_sheet_are_made_on_the_chosen_sheet(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.LABELS, paths=[ledger], meeting_id="K18-2026-03", label_sheet="A4判24面（縦書き）",
                   label_start="５枚目")
    outcome = macros.run_from_sheet(book)
    assert outcome.ok, outcome.message
    assert (tmp_path / "出力" / "宛名ラベル" / "宛名ラベル_K18-2026-03.docx").is_file()
    assert {k: outcome.result.data[k] for k in ("layout", "vertical", "start")} == {
        "layout": "A4-24", "vertical": True, "start": 5}
    assert "4枚目まで使用済み" in alerts(book)[0]
