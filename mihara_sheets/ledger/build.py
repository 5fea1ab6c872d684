"""From raw rows to records: defaults the spec gives, fiscal years, declared totals."""

from __future__ import annotations

import dataclasses
import re
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import Any

from .. import values
from ..values import ValueProblem
from ..wareki import fiscal_year_of
from .records import BudgetLine, BudgetTotal, Origin
from .tables import TableRead

FISCAL_YEAR_IN_TEXT = re.compile(
    r"(令和|平成|R|H)\s*(元|\d{1,2})\s*年度|(\d{4})\s*年度", re.IGNORECASE
)


def build_records(read: TableRead) -> list[Any]:
    """The records of one table read, with the spec's defaults applied.

    Records are made column-wise: each field's column of values is handed to the record
    type positionally (``map(Member, *columns)``), with a blank falling back to the field's
    default, so no per-row dict is ever made.
    """
    record_type = read.table.record
    defaults = dict(read.table.defaults)
    columns = dict(read.columns)
    count = len(read.row_numbers)
    if not count:
        return []
    arguments: list[Any] = []
    for spec in dataclasses.fields(record_type):
        if spec.name == "origin":
            arguments.append(map(Origin, repeat(read.layout), read.row_numbers))
            continue
        column = columns.pop(spec.name, None)
        factory = spec.default_factory
        default = defaults.get(spec.name, spec.default)
        if column is None:
            if factory is not dataclasses.MISSING:
                arguments.append([factory() for _ in range(count)])
            elif default is not dataclasses.MISSING:
                arguments.append(repeat(default, count))
            else:
                raise ValueError(f"{read.table.key}: no column for required field {spec.name}")
        elif factory is not dataclasses.MISSING:
            arguments.append([factory() if value is None else value for value in column])
        elif default is None or default is dataclasses.MISSING:
            arguments.append(column)
        else:
            arguments.append([default if value is None else value for value in column])
    if columns:  # the spec names a field the record type lacks: a bug, not bad input
        raise ValueError(f"{read.table.key}: fields without a place in the record: {sorted(columns)}")
    records = list(map(record_type, *arguments))
    if read.table.key == "meetings":
        for meeting in _without_fiscal_year(records):
            if meeting.date is not None:
                meeting.fiscal_year = fiscal_year_of(meeting.date)
    if read.table.key == "budget_lines":
        _fill_budget_years(records, read.title_text)
        if "initial_budget" in read.columns and "budget" not in read.columns:
            for line in records:  # 当初予算額 alone is the budget
                line.budget = line.initial_budget
    return records


def title_fiscal_year(text: str) -> int | None:
    """A fiscal year named in a sheet's title rows (「令和4年度 試行的事業」), or ``None``."""
    match = FISCAL_YEAR_IN_TEXT.search(text or "")
    if not match:
        return None
    try:
        return values.parse_fiscal_year(match.group(0))
    except ValueProblem:
        return None


def _fill_budget_years(lines: list[BudgetLine], title_text: str) -> None:
    """年度 when absent: from the period's start; failing that, the sheet title's year, or
    the one year every other line of the sheet shares (a seed line without a period)."""
    missing = _without_fiscal_year(lines)
    if not missing:
        return
    for line in missing:
        if line.start is not None:
            line.fiscal_year = fiscal_year_of(line.start)
    fallback = title_fiscal_year(title_text)
    if fallback is None:
        years = set(map(attrgetter("fiscal_year"), lines)) - {None}
        fallback = years.pop() if len(years) == 1 else None
    for line in missing:
        if line.fiscal_year is None:
            line.fiscal_year = fallback


def _without_fiscal_year(records: list[Any]) -> list[Any]:
    """The records whose 年度 is blank (picked out at C speed: most have one)."""
    return list(compress(records, map(is_, map(attrgetter("fiscal_year"), records), repeat(None))))


def build_totals(read: TableRead, lines: list[BudgetLine]) -> list[BudgetTotal]:
    """Declared total rows of one budget sheet, each with the lines it closes.

    A total closes the lines since the previous total of the same or a higher level, so a
    合計 under two 小計 adds up all the lines, not the subtotals.
    """
    totals = []
    boundaries = {level: 0 for level in (1, 2, 3)}
    for row in read.totals:
        closed = lines[boundaries[row.level] : row.lines_before]
        years = {line.fiscal_year for line in closed if line.fiscal_year is not None}
        totals.append(
            BudgetTotal(
                label=row.label,
                amount=row.amount,
                lines_sum=sum(line.budget for line in closed if line.budget is not None),
                lines=list(closed),
                fiscal_year=years.pop() if len(years) == 1 else None,
                origin=row.origin,
                cell=row.amount_cell,
            )
        )
        for level in boundaries:
            if level <= row.level:
                boundaries[level] = row.lines_before
    return totals
