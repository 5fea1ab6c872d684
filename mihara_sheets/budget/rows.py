"""The 予算集計 sheet put into a ledger by ``--write-ledger``: plain rows for put_sheet.

The rows go through the write-back writer (:func:`mihara_sheets.edit_workbook`), which
adds or replaces the sheet without touching anything else in the staff workbook.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from .labels import fiscal_year_label
from .workbook import _rate_value
from .tally import BudgetTally

SHEET_NAME = "予算集計"

HEADER = ["年度", "予算額（円）", "契約額（円）", "執行額（円）", "執行率", "件数", "金額未確定（件）"]

#: Excel number format of each column of :data:`HEADER`, by heading.
NUMBER_FORMATS = {
    "予算額（円）": "#,##0",
    "契約額（円）": "#,##0",
    "執行額（円）": "#,##0",
    "執行率": "0.0%",
    "件数": "0",
    "金額未確定（件）": "0",
}

WIDTHS = [16, 15, 15, 15, 9, 7, 14]


def sheet_title(tally: BudgetTally, made_on: dt.date | None = None) -> list[str]:
    """The title lines above the table: 「予算集計（全年度）」, then 作成日 and the ledgers."""
    from ..xlsx_out import ledger_names, made_line

    scope = fiscal_year_label(tally.fiscal_year) if tally.fiscal_year is not None else "全年度"
    return [f"予算集計（{scope}）", made_line(made_on, ledger_names(tally.sources))]


def tally_rows(tally: BudgetTally, first_row: int = 1, honoraria: Iterable[dict] = ()) -> list[list[Any]]:
    """Rows of the 予算集計 sheet: a heading row, one row per 年度, a 合計 row of SUM
    formulas (with cached values), then one note row per 金額未確定 line, per declared
    total that does not match, and per 報酬・報償費・旅費 line the attendance and 謝金 sheet
    put a figure on (``honoraria``: :func:`mihara_sheets.analyses.honoraria.budget_link`'s
    rows, as the budget job's ``data["honoraria"]`` holds them).

    ``first_row`` is the Excel row the heading lands on (below the title lines), which the
    formulas refer from. Amounts are integer yen; the rate column holds formulas
    (``ROUND(spent/budget,3)``) shown as 0.0 %. Formulas are
    :class:`mihara_sheets.writer.Formula` values.
    """
    from ..writer import Formula

    rows: list[list[Any]] = [list(HEADER)]
    for offset, group in enumerate(tally.by_fiscal_year):
        r = offset + first_row + 1  # Excel row of this year
        a = group.amounts
        rows.append([
            fiscal_year_label(group.key),  # type: ignore[arg-type]
            "金額未確定" if a.known_budget is None else a.budget,
            a.contract,
            a.spent,
            Formula(f'=IF(N(B{r})>0,ROUND(D{r}/N(B{r}),3),"")',
                    cached=_rate_value(a.execution_rate)),
            a.lines,
            a.tbd,
        ])
    last = len(rows) + first_row - 1  # Excel row of the last year
    t = last + 1  # Excel row of the 合計 line
    total = tally.total

    def column_sum(col: str, value: int) -> Any:
        top = first_row + 1
        return Formula(f"=SUM({col}{top}:{col}{last})", cached=value) if last >= top else value

    rows.append([
        "合計",
        column_sum("B", total.budget),
        column_sum("C", total.contract),
        column_sum("D", total.spent),
        Formula(f'=IF(N(B{t})>0,ROUND(D{t}/N(B{t}),3),"")',
                cached=_rate_value(total.execution_rate)),
        column_sum("F", total.lines),
        column_sum("G", total.tbd),
    ])
    notes = [f"※ 金額未確定: {x.project}（{x.location or fiscal_year_label(x.fiscal_year)}）"
             for x in tally.tbd]
    notes += [f"※ {d.location} の{d.label}が上の行の合計と一致しません（差額 {d.difference:+,}円）"
              for d in tally.mismatched_totals]
    notes += [honoraria_note(row) for row in honoraria if row["implied"]]
    if notes:
        rows.append([])
        rows.extend([note] for note in notes)
    return rows


def honoraria_note(row: dict) -> str:
    """One budget line against what the attendance and the 謝金 sheet imply, for staff
    (「※ 出欠・謝金からの見込み: 令和8年度 全体会議セミナー講師謝礼（7 報償費）…」)."""
    budget = "金額未確定" if row["budget"] is None else f"{row['budget']:,}円"
    remaining = "" if row["remaining"] is None else (
        f"、予算を{-row['remaining']:,}円超えます" if row["remaining"] < 0 else f"、残り{row['remaining']:,}円")
    return (f"※ 出欠・謝金からの見込み: {fiscal_year_label(row['fiscal_year'])} {row['project']}（{row['setsu']}） "
            f"予算 {budget}・執行額 {row['spent'] or 0:,}円に対し {row['implied']:,}円{remaining}")
