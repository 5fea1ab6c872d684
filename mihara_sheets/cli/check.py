"""``mihara-sheets check``: read ledgers and list every problem at its cell."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, TODAY_OPTION, as_date, finish


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
    from ..jobs import FileLedger, run_check

    result = run_check(FileLedger(ledgers), today=as_date(today))
    finish(result, as_json=as_json, title="台帳チェックの結果", problems_always=True)
