"""``mihara-sheets notices``: the meeting notices (開催通知) of one meeting."""

from __future__ import annotations

import click

from .common import (
    EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, LEDGER_ARGUMENT, LedgerDate, as_date, fail, load_or_exit, print_problems,
)
from ..documents.cli_support import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION, output_folder, progress_bar


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", required=True, metavar="会議ID", help="通知を作る会議の会議ID（会議シートの「会議ID」）。")
@OUT_OPTION
@PDF_OPTION
@click.option("--no-update", is_flag=True, help="台帳（会議シート）に「通知済」・通知日・文書番号を記録しない。")
@click.option("--date", "issue_date", type=LedgerDate(), default=None,
              help="通知日（YYYY-MM-DD）。既定は今日。")
@click.option("--number", "notice_no", default=None, metavar="文書番号",
              help="文書番号を指定する（例：三保福第123号）。既定は会議シートの文書番号、なければ設定の接頭辞＋次の番号。")
@click.option("--everyone", is_flag=True, help="一人ずつではなく、宛名「○○委員　各位」の共通の1部だけを作る。")
@TEMPLATE_OPTION
def notices(ledgers, meeting_id, out, pdf, no_update, issue_date, notice_no, everyone, template) -> None:
    """会議の開催通知（Word）を、委員一人ずつ・一括印刷用・宛名一覧（Excel）として作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--meeting で会議IDを指定します。
    宛先は、その会議体の名簿のうち開催日に任期中の委員です（事務局は除きます）。
    住所やメールアドレスがなく送れない委員は、通知を作ったうえで一覧に表示します。

    \b
    作られるもの（出力フォルダ/開催通知_会議ID/）:
      個別/001_氏名.docx     委員ごとの通知（2ページ目は出欠回答票）
      一括印刷用_会議ID.docx  全員分を1つにした印刷用（1人ごとに改ページ）
      宛名一覧_会議ID.xlsx    郵便番号・住所・宛名・送付方法
      PDF/                   --pdf のとき、上のWord文書のPDF（LibreOffice が必要）

    \b
    台帳への記録:
      作成後、会議シートのその会議の行に 状態「通知済」・通知日・文書番号 を書き込みます
      （他のセルや書式はそのまま）。もう一度実行しても同じ文書番号を使います。
      書き込まないときは --no-update を付けます。Excel で台帳を開いていると書き込めません。

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  エラーがある（宛先がいない、PDF変換・台帳への記録に失敗など）
      2  台帳やテンプレートを読めない、会議IDが見つからない、出力先に書き込めない

    \b
    例:
      mihara-sheets notices 台帳.xlsx --meeting M2026-05
      mihara-sheets notices 台帳.xlsx --meeting M2026-05 --out 通知 --pdf --no-update
    """
    from ..documents import DocumentError, make_notices

    ledger = load_or_exit(ledgers)
    out_dir = output_folder(ledger, ledgers, out)
    try:
        with progress_bar("開催通知を作成中") as advance:
            result = make_notices(
                ledger, meeting_id, out_dir,
                pdf=pdf, update=not no_update, issue_date=as_date(issue_date), notice_no=notice_no,
                everyone=everyone, template=template, progress=advance,
            )
    except DocumentError as error:
        fail(error.message, EXIT_UNREADABLE)
    if result.folder is not None:
        click.echo(f"{_title(ledger, meeting_id)}の開催通知（{result.notice_no}）を作成しました。")
        click.echo(f"  通知 {len(result.files)}件: {result.files[0].parent if result.files else result.folder}")
        if result.combined:
            click.echo(f"  一括印刷用: {result.combined}")
        click.echo(f"  宛名一覧: {result.mailing_list}")
        if result.pdfs:
            click.echo(f"  PDF {len(result.pdfs)}件: {result.pdfs[0].parent}")
        if result.updated:
            click.echo("  台帳の会議シートに「通知済」・通知日・文書番号を記録しました。")
        elif no_update:
            click.echo("  台帳は変更していません（--no-update）。")
    if result.problems:
        print_problems(result.problems, title="確認が必要な事項")
    raise SystemExit(EXIT_OK if result.ok else EXIT_ERRORS)


def _title(ledger, meeting_id: str) -> str:
    from ..documents.context import meeting_title

    return meeting_title(ledger, ledger.meeting(meeting_id))
