"""``mihara-sheets minutes``: the 会議録（案） of one meeting, from the ledger."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, LedgerDate, as_date, finish
from .options import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", required=True, metavar="会議ID",
              help="会議録（案）を作る会議の会議ID（会議シートの「会議ID」）。")
@click.option("--today", type=LedgerDate(), default=None,
              help="台帳を確かめる基準日（2026-12-10 や 令和8年12月10日、既定は今日）。")
@OUT_OPTION
@TEMPLATE_OPTION
@PDF_OPTION
@JSON_OPTION
def minutes(ledgers, meeting_id, today, out, template, pdf, as_json) -> None:
    """会議の会議録（案）を、台帳の記録から Word で作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。市の審議会等の会議録に必要な
    項目を台帳から埋めます：会議の名称、日時（開始～終了）、場所、公開・非公開とその理由
    （会議シートの非公開理由）、出席委員と欠席委員の氏名（開催後は出欠シートの「当日」、
    開催前は回答から。代理出席は「○○（代理：△△）」）、事務局（名簿の役割「事務局」の人）、
    傍聴者数（会議シートの傍聴者数。空欄なら記入欄）、議題と資料番号（議題シート、なければ
    会議シートの議題欄）、決定事項、議題ごとの見出しを付けた「会議の経過」の記入欄、議長と
    署名委員の署名欄（会議シートの議長・署名委員。空欄なら記入欄）。

    個別支援会議と守秘義務のある会議体は、人数と件数だけを載せ（出席○名、欠席○名、
    事例○件）、委員や事例の名前は載せません。「非公開・内部資料」と表示します。

    台帳は読むだけで変更しません。作り直しても、手で直した会議録（案）は上書きせず
    「…（前回）.docx」として残します。

    \b
    作られるもの（出力フォルダ/）:
      会議録（案）_会議ID.docx   会議録の案（Word。経過は職員が記入）
      PDF/会議録（案）_会議ID.pdf --pdf のとき（LibreOffice が必要）

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  使った行にエラーがある、PDF を作れなかった
      2  台帳やテンプレートを読めない、会議IDが見つからない、出力先に書き込めない

    \b
    例:
      mihara-sheets minutes 台帳.xlsx --meeting K18-2026-02
      mihara-sheets minutes 台帳.xlsx --meeting K18-2026-02 --pdf --json
    """
    from ..jobs import FileLedger, MinutesRequest, run_minutes

    result = run_minutes(FileLedger(ledgers), MinutesRequest(meeting_id, out, pdf, template, as_date(today)))
    finish(result, as_json=as_json)
