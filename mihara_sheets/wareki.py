"""和暦 (Japanese era dates), fiscal years (年度) and the way official documents write times.

Pure calendar logic: no files, no Excel. Parsing free text lives in :mod:`mihara_sheets.values`;
this module converts between the Gregorian calendar and era years and formats for documents.

Conventions (公用文):
- Year 1 of an era is written 元年 (令和元年5月1日).
- A fiscal year runs April–March and is named after the calendar year it starts in. Its era
  is the one in effect at the end of that calendar year, so FY2019 is 令和元年度 (as every
  municipality calls it, although it began under 平成) and FY1988 is 昭和63年度.
- Times use the 12-hour clock with 午前/午後; 12:00 is 正午, 0:00 is 午前0時 and 12:30 is
  午後0時30分 (公用文 avoids 午前12時 and 午後12時, which readers take either way).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Era(NamedTuple):
    """A Japanese era: its name (令和), initial (R) as used in 'R5.4.1', and first day."""

    # A NamedTuple, not a dataclass: importing dataclasses costs more than this whole module.

    name: str
    initial: str
    start: dt.date


# Newest first, so the first era whose start is on or before a date is that date's era.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", dt.date(2019, 5, 1)),
    Era("平成", "H", dt.date(1989, 1, 8)),
    Era("昭和", "S", dt.date(1926, 12, 25)),
    Era("大正", "T", dt.date(1912, 7, 30)),
)

WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")


def era_by_name(era: str) -> Era:
    """The :class:`Era` called ``era`` — a name (令和) or an initial (R, r) — else ValueError."""
    key = era.strip()
    for candidate in ERAS:
        if key == candidate.name or key.upper() == candidate.initial:
            return candidate
    raise ValueError(f"unknown era: {era!r}")


def _era_end(era: Era) -> dt.date | None:
    """The first day after ``era`` (the next era's start), or None for the current era."""
    index = ERAS.index(era)
    return ERAS[index - 1].start if index > 0 else None


def era_of(date: dt.date) -> Era:
    """The era in effect on ``date``; ValueError before 大正 (1912-07-30)."""
    for era in ERAS:
        if date >= era.start:
            return era
    raise ValueError(f"{date.isoformat()} is before the first supported era (大正)")


def to_wareki(date: dt.date) -> tuple[str, int]:
    """The era name and era year of ``date``: 2023-06-12 → ("令和", 5)."""
    era = era_of(date)
    return era.name, date.year - era.start.year + 1


def from_wareki(era: str, year: int, month: int, day: int) -> dt.date:
    """The date written as ``era`` ``year``年``month``月``day``日 (era by name or initial).

    Raises ValueError for a date that does not exist (令和5年2月30日) or that lies outside
    its era (平成31年5月1日 — 平成 ended on 4月30日; 令和元年4月30日 — 令和 began on 5月1日).
    """
    found = era_by_name(era)
    if year < 1:
        raise ValueError(f"era year must be 1 or more: {year}")
    date = dt.date(found.start.year + year - 1, month, day)  # ValueError if impossible
    end = _era_end(found)
    if date < found.start or (end is not None and date >= end):
        raise ValueError(f"{found.name}{year}年{month}月{day}日 is outside the {found.name} era")
    return date


def _era_year_text(year: int) -> str:
    return "元" if year == 1 else str(year)


def weekday_ja(date: dt.date) -> str:
    """The weekday of ``date`` as one kanji: 月 火 水 木 金 土 日."""
    return WEEKDAYS_JA[date.weekday()]


def format_date(date: dt.date, *, weekday: bool = False, era: bool = True) -> str:
    """A date as documents write it: "令和5年6月12日", with ``weekday`` "令和5年6月12日（月）".

    ``era=False`` gives the Western year ("2023年6月12日"). Year 1 of an era is 元年.
    With ``era`` a date before 大正 (1912-07-30) raises ValueError.
    """
    if era:
        name, year = to_wareki(date)
        text = f"{name}{_era_year_text(year)}年{date.month}月{date.day}日"
    else:
        text = f"{date.year}年{date.month}月{date.day}日"
    if weekday:
        text += f"（{weekday_ja(date)}）"
    return text


def fiscal_year_era(fy: int) -> tuple[str, int]:
    """The era name and era year of fiscal year ``fy``: 2019 → ("令和", 1), 2018 → ("平成", 30)."""
    # The era at the end of the calendar year: FY2019 is 令和元年度, FY1988 昭和63年度.
    return to_wareki(dt.date(fy, 12, 31))


def format_fiscal_year(fy: int) -> str:
    """Fiscal year ``fy`` as documents name it: 2023 → "令和5年度", 2019 → "令和元年度"."""
    name, year = fiscal_year_era(fy)
    return f"{name}{_era_year_text(year)}年度"


def fiscal_year_of(date: dt.date) -> int:
    """The fiscal year (April–March) ``date`` belongs to: 2024-03-31 → 2023, 2024-04-01 → 2024."""
    return date.year if date.month >= 4 else date.year - 1


def fiscal_year_range(fy: int) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year ``fy``: (date(fy, 4, 1), date(fy + 1, 3, 31))."""
    return dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)


def format_time(t: dt.time) -> str:
    """A time as 公用文 writes it: 14:00 → "午後2時", 15:30 → "午後3時30分", 10:00 → "午前10時".

    12:00 is "正午", 0:00 "午前0時", 12:30 "午後0時30分". Seconds are not shown.
    """
    if t.hour == 12 and t.minute == 0:
        return "正午"
    meridiem = "午前" if t.hour < 12 else "午後"
    text = f"{meridiem}{t.hour % 12}時"
    if t.minute:
        text += f"{t.minute}分"
    return text


def format_time_range(start: dt.time, end: dt.time | None) -> str:
    """A meeting's hours: "午後2時～午後3時30分"; only the start when ``end`` is None."""
    if end is None:
        return format_time(start)
    return f"{format_time(start)}～{format_time(end)}"
