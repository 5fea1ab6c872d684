"""``mihara-sheets terms``: terms ended or ending soon, and people on too many councils."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, TODAY_OPTION, as_date, finish


@click.command()
@LEDGER_ARGUMENT
@TODAY_OPTION
@click.option("--within", type=click.IntRange(0, 3660), default=None, metavar="日数",
              help="この日数以内に任期が終わる委員を「任期間近」とする（既定は設定の「任期アラート日数」、なければ90日）。")
@JSON_OPTION
def terms(ledgers, today, within, as_json) -> None:
    """委員の任期と兼職を確認します（Excel の「任期確認」ボタンと同じ処理）。

    任期が終了しているのに名簿に残っている委員、設定の「任期アラート日数」（既定90日）以内に
    任期が終わる委員（--within で日数を変えられます）、設定の「兼職上限」（既定4）を超えて会議体の委員を務める人を一覧にします。
    台帳は読むだけで、変更しません。

    \b
    終了コード:
      0  確認できた（該当者がいても 0）
      1  名簿に、任期を読めない行や必須の欄が空欄で読み飛ばした行がある（確認
         できなかった委員がいます。一覧のセルを直してください）
      2  台帳を読めない

    \b
    例:
      mihara-sheets terms 台帳.xlsx --today 2027-01-01
      mihara-sheets terms 台帳.xlsx --within 180 --json
    """
    from ..jobs import FileLedger, run_terms

    finish(run_terms(FileLedger(ledgers), today=as_date(today), within=within), as_json=as_json,
           title="任期確認の結果")
