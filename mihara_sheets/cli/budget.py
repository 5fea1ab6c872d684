"""``mihara-sheets budget``: the budget tally, for staff (console) and scripts (--json)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import FiscalYear, finish, make_console

BY_CHOICES = ("project", "vendor", "category", "funding", "council")


@click.command(
    "budget",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("ledgers", metavar="LEDGER...", nargs=-1, required=True,
                type=click.Path(dir_okay=True, readable=False, path_type=Path))
@click.option("--fy", "fiscal_year", type=FiscalYear(), default=None,
              help="この年度だけを集計する（2022 / 令和4年度 / R4）。省略時は全年度。")
@click.option("--by", "by", type=click.Choice(BY_CHOICES), default="project", show_default=True,
              help="年度別の表に続けて表示する内訳: 事業(project)・発注先(vendor)・"
                   "科目(category)・財源(funding)・関連会議体(council)。")
@click.option("--json", "as_json", is_flag=True,
              help="画面表示の代わりに、すべての集計をJSONで標準出力に出す（スクリプト用）。")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="OUT.xlsx",
              help="集計表（Excel）を新しいファイルとして保存する。内訳ごとのシート、"
                   "各列の合計はSUM式、年度別の予算額・執行額のグラフつき。"
                   "台帳そのものは指定できない。")
@click.option("--write-ledger", is_flag=True,
              help="予算の行がある台帳に「予算集計」シートを追加（前回の分は置き換え）する。"
                   "ほかのシートやセルには触れない。")
def budget(ledgers: tuple[Path, ...], fiscal_year: int | None, by: str, as_json: bool,
           xlsx: Path | None, write_ledger: bool) -> None:
    """予算を集計します（年度別・事業別・発注先別・科目別・財源別・会議体別）。

    \b
    LEDGER には台帳（.xlsx / .xlsm / .csv）を1つ以上指定します。複数の年度・
    複数のファイルにまたがる予算の行を、まとめて集計します。

    \b
    集計の決まり:
      ・金額は円単位の整数で計算します（「予算額（千円）」の列は1,000倍）。
      ・予算額が空欄の行は「金額未確定」として別に一覧し、0円とはみなしません。
      ・契約額・執行額が空欄の行は、まだ契約・執行がないものとして扱います。
      ・執行率 = 執行額 ÷ 予算額（小数第1位まで、四捨五入）。
      ・年度は「年度」列、なければ実施時期の開始日（4月〜翌3月）で決めます。
        支払日では分けません（出納整理期間の4〜5月の支払いも前年度分です）。
        どちらもない行は、その行を締める計の行と同じ年度とみなします。
      ・科目は「科目」列、なければ「節」の名前（"12 委託料" → 委託料）です。
      ・計・合計・小計の行は、上の行の合計と照合し、違えば差額を表示します。

    \b
    例:
      mihara-sheets budget 台帳.xlsx
      mihara-sheets budget 台帳.xlsx --fy 令和4年度 --by vendor
      mihara-sheets budget R4予算.xlsx R5予算.xlsx --xlsx 予算集計.xlsx
      mihara-sheets budget 台帳.xlsx --json > 予算集計.json
      mihara-sheets budget 台帳.xlsx --write-ledger

    \b
    出力先:
      --xlsx のファイル名は、今いるフォルダから見た位置です。

    \b
    終了コード:
      0  集計できた（予算のシートにエラーなし、計の行もすべて一致）
      1  予算のシートにエラーがある、計の行が上の行の合計と一致しない、
         または台帳への「予算集計」シートの書き込みができなかった
      2  ファイルを読めない、集計表を保存できない、または指定の誤り
    """
    from ..jobs import BudgetRequest, FileLedger, run_budget

    result = run_budget(FileLedger(ledgers), BudgetRequest(fiscal_year, xlsx, write_ledger=write_ledger))
    if as_json or result.stopped:
        finish(result, as_json=as_json)
    from ..budget.console import render

    out = make_console()
    render(result.product, out, by=by)
    for line in result.lines[1:]:  # the first repeats the totals render() has shown
        out.print(line, markup=False, soft_wrap=True)
    _print_errors(result, out)
    sys.exit(result.exit_code)


def _error(console, message: str, indent: str = "") -> None:  # noqa: ANN001
    """One error line for staff; the message is shown as typed (no rich markup)."""
    from rich.markup import escape

    # soft_wrap: a long path or message is left for the terminal to wrap, never cut.
    console.print(f"{indent}[red]エラー[/red] {escape(message)}", soft_wrap=True)


def _print_errors(result, out, limit: int = 20) -> None:  # noqa: ANN001
    """The budget sheets' errors, so staff see why the exit code is 1 (warnings: check command)."""
    # Mismatched totals of the years shown were already listed with their difference by
    # render(); those of other years (--fy) were not, so they are listed here.
    shown = {total.location for total in result.product.declared_totals}
    errors = [p for p in result.problems if p.is_error and not (p.code == "total-mismatch" and p.location in shown)]
    for problem in errors[:limit]:
        _error(out, problem.message, indent="  ")
    if len(errors) > limit:
        out.print(f"  ほか{len(errors) - limit}件（mihara-sheets check で全件を確認できます）")
