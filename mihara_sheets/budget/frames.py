"""A budget tally's views as pandas DataFrames (``BudgetTally.frame``); pandas is
imported only here, when a frame is asked for."""

from __future__ import annotations

from typing import Any

from .tally import VIEWS, BudgetTally

AMOUNT_COLUMNS = ("budget", "contract", "spent", "lines", "tbd")


def tally_frame(tally: BudgetTally, view: str) -> Any:
    """One view of ``tally`` as a DataFrame (see :meth:`BudgetTally.frame`)."""
    from ..ledger.frames import _pandas

    pd = _pandas()
    if view == "tbd":
        rows = [{"project": t.project, "fiscal_year": t.fiscal_year, "vendor": t.vendor,
                 "file": t.file, "sheet": t.sheet, "row": t.row, "location": t.location} for t in tally.tbd]
        frame = pd.DataFrame(rows, columns=["project", "fiscal_year", "vendor", "file", "sheet", "row", "location"])
        return frame.astype({"fiscal_year": "Int64", "row": "Int64", "project": "string", "vendor": "string",
                             "file": "string", "sheet": "string", "location": "string"})
    if view == "totals":
        rows = [{"label": t.label, "amount": t.amount, "lines_sum": t.lines_sum, "difference": t.difference,
                 "matches": t.matches, "lines": t.lines, "tbd_lines": t.tbd_lines, "fiscal_year": t.fiscal_year,
                 "file": t.file, "location": t.location} for t in tally.declared_totals]
        columns = ["label", "amount", "lines_sum", "difference", "matches", "lines", "tbd_lines",
                   "fiscal_year", "file", "location"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({**{c: "Int64" for c in ("amount", "lines_sum", "difference", "lines", "tbd_lines",
                                                         "fiscal_year")},
                             "matches": "boolean", "label": "string", "file": "string", "location": "string"})
    if view != "fiscal_year" and view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (views: fiscal_year, {', '.join(VIEWS)}, tbd, totals)")
    groups = tally.view(view)
    key_dtype = "Int64" if view == "fiscal_year" else "string"
    data: dict[str, Any] = {"key": pd.array([g.key for g in groups], dtype=key_dtype)}
    if view == "council":
        data["name"] = pd.array([tally.council_names.get(g.key) for g in groups], dtype="string")
    for column in AMOUNT_COLUMNS:
        data[column] = pd.array([getattr(g.amounts, column) for g in groups], dtype="Int64")
    data["execution_rate"] = pd.array(
        [float(r) if (r := g.amounts.execution_rate) is not None else None for g in groups], dtype="Float64")
    data["fiscal_years"] = pd.Series([list(g.fiscal_years) for g in groups], dtype=object)
    return pd.DataFrame(data)
