"""Budget tallies: totals by fiscal year, project, vendor, category, funding and council.

``tally(ledger_or_lines, fiscal_year=None) -> BudgetTally`` is pure arithmetic on the
ledger's records. The outputs live in their own modules and are imported lazily (rich and
XlsxWriter are not needed to tally): :mod:`.report` (JSON), :mod:`.console` (rich),
:mod:`.workbook` (the tally .xlsx), :mod:`.rows` (the 予算集計 sheet) and :mod:`.run`.
"""

from __future__ import annotations

from typing import Any

from .tally import (
    VIEWS,
    Amounts,
    BudgetTally,
    DeclaredTotal,
    Group,
    TbdLine,
    category_of,
    execution_rate,
    tally,
)

_LAZY = {
    "to_dict": ("report", "to_dict"),
    "render": ("console", "render"),
    "write_tally_workbook": ("workbook", "write_tally_workbook"),
    "TallyOutputError": ("workbook", "TallyOutputError"),
    "tally_rows": ("rows", "tally_rows"),
    "run_budget": ("run", "run_budget"),
    "write_ledger_sheet": ("run", "write_ledger_sheet"),
}

__all__ = [
    "VIEWS",
    "Amounts",
    "BudgetTally",
    "DeclaredTotal",
    "Group",
    "TbdLine",
    "category_of",
    "execution_rate",
    "tally",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'mihara_sheets.budget' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value
