"""``mihara-sheets check``: read ledgers and list every problem at its cell."""

from __future__ import annotations

import click

from .common import (
    EXIT_ERRORS,
    EXIT_OK,
    JSON_OPTION,
    LEDGER_ARGUMENT,
    TODAY_OPTION,
    as_date,
    emit_json,
    load_or_exit,
    print_problems,
)


@click.command()
@LEDGER_ARGUMENT
@JSON_OPTION
@TODAY_OPTION
def check(ledgers: tuple[str, ...], as_json: bool, today) -> None:
    """台帳を読み込み、見つかった問題をすべてセル番地つきで一覧にします。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。複数のファイルに分かれた台帳も
    まとめて指定できます。ファイルは読むだけで、変更しません。

    \b
    終了コード:
      0  エラーなし（警告のみは 0）
      1  エラーあり
      2  読めないファイルがある

    \b
    例:
      mihara-sheets check 台帳.xlsx
      mihara-sheets check 会議体.xlsx 名簿.xlsx --json
    """
    ledger = load_or_exit(ledgers, today=as_date(today), as_json=as_json)
    if as_json:
        emit_json(
            {
                "ok": ledger.ok,
                "counts": ledger.problem_counts(),
                "records": {
                    key: len(getattr(ledger, key))
                    for key in ("councils", "members", "meetings", "agenda_items", "attendance",
                                "budget_lines", "budget_totals", "annual_reports")
                },
                "problems": [p.to_dict() for p in ledger.problems],
            }
        )
    else:
        click.echo(
            f"会議体 {len(ledger.councils)}件、名簿 {len(ledger.members)}人、会議 {len(ledger.meetings)}件、"
            f"予算 {len(ledger.budget_lines)}行を読み込みました。"
        )
        print_problems(ledger.problems)
    raise SystemExit(EXIT_OK if ledger.ok else EXIT_ERRORS)
