"""The guard of ``budget --write-ledger``: the 予算 rows tallied are still the rows saved.

The 予算集計 sheet is generated from the budget lines read at the start. Before it replaces
the previous one, the budget sheets of that file are read again from the bytes being saved
(the reader's own rules), and the lines and declared totals compared with those tallied:
position does not matter (a row inserted or an empty row is fine), content does — an amount,
a year, a project, a line added or removed. A difference refuses the write
(``budget-changed``): an old tally never lands in a ledger that no longer matches it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Sequence

from ..problems import ProblemError, make_problem

# Resolved after reading against the 会議体 sheet, which may be in another file: compared
# as typed would differ for no reason, so left out (the tally's amounts do not depend on it).
SKIPPED_FIELDS = ("council_id", "origin")


class BudgetChanged(ProblemError):
    """The budget rows changed between the tally and the write (carries ``budget-changed``)."""


def _line_values(line: Any) -> tuple:
    return tuple(getattr(line, f.name) for f in dataclasses.fields(line) if f.name not in SKIPPED_FIELDS)


def _total_values(total: Any) -> tuple:
    return (total.label, total.amount, total.lines_sum, total.fiscal_year)


def budget_sheets(lines: Sequence[Any], file: str) -> list[str]:
    """The sheets of ``file`` the lines were read from, in order."""
    return list(dict.fromkeys(line.origin.sheet for line in lines if line.origin and line.origin.file == file))


def check_budget_unchanged(grids: Sequence[Any], file: str, lines: Sequence[Any], totals: Sequence[Any],
                           target: str) -> None:
    """Raise :class:`BudgetChanged` when the budget rows of ``file`` on ``grids`` differ from
    ``lines``/``totals`` (those tallied from that file)."""
    from ..ledger.load import ledger_from_grids

    read_lines = [l for l in lines if l.origin is not None and l.origin.file == file]
    read_totals = [t for t in totals if t.origin is not None and t.origin.file == file]
    sheets = budget_sheets(read_lines, file) or ["予算"]
    now = ledger_from_grids(list(grids))
    now_lines = [l for l in now.budget_lines if l.origin is not None]
    detail = _difference(read_lines, now_lines)
    if detail is None and [_total_values(t) for t in read_totals] != [_total_values(t) for t in now.budget_totals]:
        detail = "計・合計の行が変わりました"
    if detail is not None:
        raise BudgetChanged(make_problem("budget-changed", file=file, sheet=sheets[0], detail=detail,
                                         target=target))


YEN_FIELDS = ("budget", "contract", "spent")


def _amount_or_text(name: str, value: Any) -> str:
    from ..problems import _shown

    if value is None:
        return "空欄"
    if name in YEN_FIELDS and isinstance(value, int):
        return f"「{value:,}円」"
    return f"「{_shown(value)}」"


def _difference(before: Sequence[Any], after: Sequence[Any]) -> str | None:
    """The first difference between two lists of budget lines, in staff's words (``None``: none)."""
    for old, new in zip(before, after):
        if _line_values(old) == _line_values(new):
            continue
        for f in dataclasses.fields(old):
            if f.name in SKIPPED_FIELDS:
                continue
            a, b = getattr(old, f.name), getattr(new, f.name)
            if a != b:
                layout = new.origin.layout
                header = layout.headers.get(f.name) or f.name
                cell = new.origin.cell(f.name)
                where = f"{new.origin.sheet}!{cell}" if cell else f"{new.origin.sheet}!{new.origin.row}行"
                shown_a, shown_b = _amount_or_text(f.name, a), _amount_or_text(f.name, b)
                return f"{where}の{header}が{shown_a}から{shown_b}に変わりました"
    if len(before) != len(after):
        return f"予算の行が{len(before)}行から{len(after)}行に変わりました"
    return None
