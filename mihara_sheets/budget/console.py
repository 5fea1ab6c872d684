"""The tally on a terminal, for staff: rich tables with Japanese headings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .labels import (
    VIEW_HEADINGS,
    VIEW_TITLES,
    fiscal_year_label,
    group_label,
    rate_text,
    short_years_label,
    yen,
)
from .tally import BudgetTally

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.table import Table

_AMOUNT_HEADINGS = ("予算額", "契約額", "執行額", "執行率", "件数")

# Below this many columns a view leaves out its 年度 column (the 年度別 table has them).
_WIDE = 110


def render(tally: BudgetTally, console: Console, by: str = "project") -> None:
    """Print the tally: per year, one more view (``by``), 金額未確定 lines, total checks."""
    from rich.markup import escape

    scope = fiscal_year_label(tally.fiscal_year) if tally.fiscal_year else "全年度"
    console.print(f"[bold]予算集計（{scope}）[/bold]")
    if not tally.total.lines:
        console.print("予算の行がありません。" if tally.fiscal_year is None
                      else f"{scope}の予算の行がありません。")
    else:
        console.print(view_table(tally, "fiscal_year"))
        console.print(view_table(tally, by, years=console.width >= _WIDE))
    if tally.tbd:
        console.print(f"[yellow]金額未確定の行が{len(tally.tbd)}件あります"
                      "（合計に含めていません）:[/yellow]", soft_wrap=True)
        for t in tally.tbd:
            where = f"{t.location}　" if t.location else ""
            console.print(f"  {where}{t.project}（{fiscal_year_label(t.fiscal_year)}）",
                          markup=False, soft_wrap=True)
    for d in tally.declared_totals:
        where = escape(f"{d.location} の{d.label}")
        if d.amount is None:
            console.print(f"[yellow]・{where} には金額の記載がありません（上の行の合計 "
                          f"{d.lines_sum:,}円）。[/yellow]", soft_wrap=True)
        elif d.matches:
            console.print(f"[green]✓[/green] {where} {yen(d.amount)}円 は"
                          f"上の行の合計と一致しています。", soft_wrap=True)
        else:
            console.print(f"[red]✗ {where} {yen(d.amount)}円 が上の行の合計 "
                          f"{d.lines_sum:,}円 と一致しません（差額 {d.difference:+,}円）。[/red]",
                          soft_wrap=True)
    errors = tally.ledger_errors
    if errors:
        console.print(f"[red]台帳にエラーが{len(errors)}件あります。"
                      f"`mihara-sheets check` で一覧を確認してください。[/red]", soft_wrap=True)


def _count(lines: int, tbd: int) -> str:
    return f"{lines}（未確定{tbd}）" if tbd else str(lines)


def view_table(tally: BudgetTally, view: str, years: bool = True) -> Table:
    """One view as a rich table, with a 合計 line at the bottom.

    ``years`` adds the fiscal years each group spans (not for the 年度別 view itself).
    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{VIEW_TITLES[view]}（金額の単位: 円）", title_justify="left",
                  show_footer=True)
    # Figures never wrap or get cut; names fold onto a second line when space is short.
    table.add_column(VIEW_HEADINGS[view], footer="合計", overflow="fold", ratio=3)
    years = years and view != "fiscal_year"
    if years:
        table.add_column("年度", overflow="fold", ratio=1)
    total = tally.total
    footers = (yen(total.known_budget), yen(total.contract), yen(total.spent),
               rate_text(total.execution_rate), _count(total.lines, total.tbd))
    for heading, footer in zip(_AMOUNT_HEADINGS, footers):
        table.add_column(heading, footer=footer, justify="right", no_wrap=True)
    for group in tally.view(view):
        a = group.amounts
        cells = [Text(group_label(view, group, tally))]  # a project's name as typed, not markup
        if years:
            cells.append(short_years_label(group.fiscal_years))
        cells += [yen(a.known_budget), yen(a.contract), yen(a.spent), rate_text(a.execution_rate),
                  _count(a.lines, a.tbd)]
        table.add_row(*cells)
    return table
