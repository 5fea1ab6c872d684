"""和暦, fiscal years and time formatting (mihara_sheets.wareki)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from mihara_sheets import wareki
from mihara_sheets.values import parse_date, parse_fiscal_year, parse_time, parse_time_range

D = dt.date


# -------------------------------------------------------------- eras


@pytest.mark.parametrize(
    "date, expected",
    [
        (D(2023, 6, 12), ("令和", 5)),
        (D(2019, 5, 1), ("令和", 1)),
        (D(2019, 4, 30), ("平成", 31)),
        (D(1989, 1, 8), ("平成", 1)),
        (D(1989, 1, 7), ("昭和", 64)),
        (D(1926, 12, 25), ("昭和", 1)),
        (D(1926, 12, 24), ("大正", 15)),
        (D(1912, 7, 30), ("大正", 1)),
    ],
)
def test_to_wareki_at_and_around_era_starts(date, expected):
    assert wareki.to_wareki(date) == expected


def test_to_wareki_refuses_dates_before_taisho():
    with pytest.raises(ValueError):
        wareki.to_wareki(D(1912, 7, 29))


def test_eras_are_newest_first_with_their_initials():
    assert [(e.name, e.initial) for e in wareki.ERAS] == [
        ("令和", "R"), ("平成", "H"), ("昭和", "S"), ("大正", "T"),
    ]
    assert wareki.ERAS[0].start == D(2019, 5, 1)


@pytest.mark.parametrize("era", ["令和", "R", "r", " R "])
def test_from_wareki_by_name_or_initial(era):
    assert wareki.from_wareki(era, 5, 4, 1) == D(2023, 4, 1)


@pytest.mark.parametrize(
    "args, expected",
    [
        (("令和", 1, 5, 1), D(2019, 5, 1)),
        (("平成", 31, 4, 30), D(2019, 4, 30)),
        (("H", 1, 1, 8), D(1989, 1, 8)),
        (("S", 64, 1, 7), D(1989, 1, 7)),
        (("昭和", 1, 12, 25), D(1926, 12, 25)),
        (("T", 15, 12, 24), D(1926, 12, 24)),
    ],
)
def test_from_wareki_boundaries_that_exist(args, expected):
    assert wareki.from_wareki(*args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ("平成", 31, 5, 1),  # 平成 ended on 2019-04-30
        ("令和", 1, 4, 30),  # 令和 began on 2019-05-01
        ("平成", 32, 1, 1),
        ("昭和", 64, 1, 8),
        ("平成", 1, 1, 7),
        ("令和", 5, 2, 30),  # no such day
        ("令和", 5, 13, 1),
        ("令和", 0, 5, 1),
        ("明治", 1, 1, 1),  # not an era this library knows
        ("X", 1, 1, 1),
    ],
)
def test_from_wareki_refuses_dates_outside_their_era_or_calendar(args):
    with pytest.raises(ValueError):
        wareki.from_wareki(*args)


# -------------------------------------------------------------- formatting dates


@pytest.mark.parametrize(
    "date, kwargs, expected",
    [
        (D(2023, 6, 12), {}, "令和5年6月12日"),
        (D(2023, 6, 12), {"weekday": True}, "令和5年6月12日（月）"),
        (D(2019, 5, 1), {}, "令和元年5月1日"),
        (D(2019, 4, 30), {}, "平成31年4月30日"),
        (D(1989, 1, 8), {"weekday": True}, "平成元年1月8日（日）"),
        (D(2023, 6, 12), {"era": False}, "2023年6月12日"),
        (D(2023, 6, 12), {"era": False, "weekday": True}, "2023年6月12日（月）"),
    ],
)
def test_format_date(date, kwargs, expected):
    assert wareki.format_date(date, **kwargs) == expected


@pytest.mark.parametrize(
    "date, expected",
    [(D(2023, 6, 12), "月"), (D(2023, 6, 13), "火"), (D(2023, 6, 17), "土"), (D(2023, 6, 18), "日")],
)
def test_weekday_ja(date, expected):
    assert wareki.weekday_ja(date) == expected


# -------------------------------------------------------------- fiscal years


@pytest.mark.parametrize(
    "fy, expected",
    [
        (2023, "令和5年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),  # began under 平成, named 令和元年度 by every municipality
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_format_fiscal_year(fy, expected):
    assert wareki.format_fiscal_year(fy) == expected


@pytest.mark.parametrize(
    "date, fy",
    [
        (D(2024, 3, 31), 2023),
        (D(2024, 4, 1), 2024),
        (D(2024, 1, 1), 2023),
        (D(2023, 12, 31), 2023),
        (D(2019, 4, 30), 2019),
    ],
)
def test_fiscal_year_of(date, fy):
    assert wareki.fiscal_year_of(date) == fy


def test_fiscal_year_range():
    assert wareki.fiscal_year_range(2023) == (D(2023, 4, 1), D(2024, 3, 31))
    assert wareki.fiscal_year_range(2019) == (D(2019, 4, 1), D(2020, 3, 31))


@given(st.dates(min_value=D(1913, 4, 1), max_value=D(2100, 3, 31)))
def test_fiscal_year_range_contains_every_date_of_its_year(date):
    first, last = wareki.fiscal_year_range(wareki.fiscal_year_of(date))
    assert first <= date <= last
    assert (last - first).days in (364, 365)


@given(st.integers(min_value=1927, max_value=2099))
def test_fiscal_year_name_parses_back(fy):
    assert parse_fiscal_year(wareki.format_fiscal_year(fy)) == fy


# -------------------------------------------------------------- times


@pytest.mark.parametrize(
    "time, expected",
    [
        (dt.time(14, 0), "午後2時"),
        (dt.time(15, 30), "午後3時30分"),
        (dt.time(10, 0), "午前10時"),
        (dt.time(9, 5), "午前9時5分"),
        (dt.time(12, 0), "正午"),
        (dt.time(12, 30), "午後0時30分"),
        (dt.time(0, 0), "午前0時"),
        (dt.time(23, 59), "午後11時59分"),
    ],
)
def test_format_time_follows_the_public_document_convention(time, expected):
    assert wareki.format_time(time) == expected


def test_format_time_range():
    assert wareki.format_time_range(dt.time(14), dt.time(15, 30)) == "午後2時～午後3時30分"
    assert wareki.format_time_range(dt.time(10), None) == "午前10時"
    assert wareki.format_time_range(dt.time(10), dt.time(12)) == "午前10時～正午"


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_format_time_parses_back(time):
    assert parse_time(wareki.format_time(time)) == time


@given(
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_format_time_range_parses_back(a, b):
    start, end = min(a, b), max(a, b)
    assert parse_time_range(wareki.format_time_range(start, end)) == (start, end)


# -------------------------------------------------------------- round trips through text

ERA_STARTS = [era.start for era in wareki.ERAS if era.start.year >= 1926]
near_era_starts = st.builds(
    lambda start, offset: start + dt.timedelta(days=offset),
    st.sampled_from(ERA_STARTS),
    st.integers(min_value=-3, max_value=3),
)
dates = st.one_of(st.dates(min_value=D(1927, 1, 1), max_value=D(2100, 12, 31)), near_era_starts)


@given(dates, st.booleans(), st.booleans())
def test_format_date_parses_back(date, weekday, era):
    text = wareki.format_date(date, weekday=weekday, era=era)
    assert parse_date(text) == date


@given(dates)
def test_wareki_round_trip(date):
    name, year = wareki.to_wareki(date)
    assert wareki.from_wareki(name, year, date.month, date.day) == date
    initial = wareki.era_by_name(name).initial
    assert parse_date(f"{initial}{year:02d}.{date.month}.{date.day}") == date


@given(near_era_starts)
def test_era_boundaries_belong_to_exactly_one_era(date):
    name, year = wareki.to_wareki(date)
    others = [era for era in wareki.ERAS if era.name != name]
    for era in others:
        other_year = date.year - era.start.year + 1
        if other_year >= 1:
            with pytest.raises(ValueError):
                wareki.from_wareki(era.name, other_year, date.month, date.day)
