"""The context of the 支出内訳 (templates/honoraria.docx): what backs a 支出命令.

Amounts are formatted with thousands separators here (「7,000」), dates in 和暦; the
template only places them. Variables are listed in templates/README.md.
"""

from __future__ import annotations

import datetime as dt

from ..analyses.honoraria import PayLine
from ..wareki import format_date

TEMPLATE = "honoraria.docx"


def yen(amount: int | None) -> str:
    """「7,000」 for an amount, 「（未計算）」 for a refused tax."""
    return "（未計算）" if amount is None else f"{amount:,}"


def spending_context(payments: list[PayLine], totals: dict, *, scope: str, made_on: dt.date | None,
                     division: str, council_names: dict[str, str]) -> dict:
    """The 支出内訳's variables (see templates/README.md)."""
    def figures(row: dict) -> dict:
        refused = row["withholding_refused"]
        return {"count": row["count"], "gross": yen(row["gross"]),
                "withholding": yen(row["withholding"]) + ("（一部未計算）" if refused else ""),
                "net": yen(row["net"]) if not refused else "（未確定）",
                # The sentence forms (「8,356円（一部未計算）」): the unit before the marker.
                "withholding_yen": f"{yen(row['withholding'])}円" + ("（一部未計算）" if refused else ""),
                "net_yen": f"{yen(row['net'])}円" + ("（未確定分を除く）" if refused else "")}

    dates = {p.meeting_id: p.date for p in payments}
    titles = {p.meeting_id: p.meeting_title for p in payments}
    return {
        "title": f"報酬・報償費等 支出内訳（{scope}）",
        "scope": scope,
        "made_on": format_date(made_on or dt.date.today()),
        "division": division,
        "lines": [{"budget_line": r["budget_line"], **figures(r)} for r in totals["by_budget_line"]],
        "kinds": [{"kind": r["kind"], **figures(r)} for r in totals["by_kind"]],
        "meetings": [{"title": titles[r["meeting_id"]], "meeting_id": r["meeting_id"],
                      "date": format_date(dates[r["meeting_id"]]) if dates[r["meeting_id"]] else "（未定）",
                      **figures(r)} for r in totals["by_meeting"]],
        "councils": [{"name": council_names.get(r["council_id"], r["council_id"]), **figures(r)}
                     for r in totals["by_council"]],
        "total": figures(totals["all"]),
        "refused": totals["all"]["withholding_refused"] > 0,
        "planned": figures(totals["planned"]) if totals["planned"]["count"] else None,
    }
