"""The tally as a JSON-ready dict (``mihara-sheets budget --json``); schema in docs/budget.md.

Amounts are integer yen. ``execution_rate`` is a percentage with one decimal (63.3 means
63.3 %) or ``null`` without a budget: it is a ratio, not money, so it may be a JSON number.
"""

from __future__ import annotations

from typing import Any

from .labels import fiscal_year_label, group_label
from .tally import VIEWS, Amounts, BudgetTally, Group

SCHEMA = "mihara_sheets.budget/1"

# JSON name of each view's key.
_KEY_NAMES = {
    "fiscal_year": "fiscal_year",
    "project": "project",
    "vendor": "vendor",
    "category": "category",
    "funding": "funding",
    "council": "council_id",
}


def amounts_dict(amounts: Amounts) -> dict[str, Any]:
    """Budget, contract, spent, execution_rate, lines, tbd of one group or the total."""
    rate = amounts.execution_rate
    return {
        "budget": amounts.known_budget,
        "contract": amounts.contract,
        "spent": amounts.spent,
        "execution_rate": None if rate is None else float(rate),
        "lines": amounts.lines,
        "tbd": amounts.tbd,
    }


def group_dict(view: str, group: Group, tally: BudgetTally) -> dict[str, Any]:
    """One row of a view: its key under the view's name, a label, the amounts."""
    row: dict[str, Any] = {_KEY_NAMES[view]: group.key, "label": group_label(view, group, tally)}
    if view == "council":
        row["council_name"] = tally.council_names.get(str(group.key)) if group.key else None
    if view != "fiscal_year":
        row["fiscal_years"] = list(group.fiscal_years)
    row.update(amounts_dict(group.amounts))
    return row


def to_dict(tally: BudgetTally) -> dict[str, Any]:
    """Everything the tally holds, as plain JSON types."""
    return {
        "schema": SCHEMA,
        "fiscal_year": tally.fiscal_year,
        "fiscal_year_label": (
            fiscal_year_label(tally.fiscal_year) if tally.fiscal_year is not None else None
        ),
        "sources": list(tally.sources),
        "ok": tally.ok,
        "total": amounts_dict(tally.total),
        "by_fiscal_year": [group_dict("fiscal_year", g, tally) for g in tally.by_fiscal_year],
        **{
            f"by_{view}": [group_dict(view, g, tally) for g in tally.view(view)]
            for view in VIEWS
        },
        "tbd": [
            {
                "project": t.project,
                "fiscal_year": t.fiscal_year,
                "vendor": t.vendor,
                "file": t.file,
                "sheet": t.sheet,
                "row": t.row,
                "location": t.location,
            }
            for t in tally.tbd
        ],
        "declared_totals": [
            {
                "label": d.label,
                "location": d.location,
                "file": d.file,
                "fiscal_year": d.fiscal_year,
                "amount": d.amount,
                "lines_sum": d.lines_sum,
                # Nothing to compare when the row has no amount: neither true nor false.
                "matches": None if d.amount is None else d.matches,
                "difference": None if d.amount is None else d.difference,
                "lines": d.lines,
                "tbd_lines": d.tbd_lines,
            }
            for d in tally.declared_totals
        ],
        "problems": [p.to_dict() for p in tally.problems],
    }
