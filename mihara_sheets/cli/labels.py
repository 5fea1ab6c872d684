"""``mihara-sheets labels``: address labels (宛名ラベル) for a meeting's 郵送 recipients."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, finish
from .options import OUT_OPTION, PDF_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", required=True, metavar="会議ID",
              help="宛名ラベルを作る会議の会議ID（会議シートの「会議ID」）。宛先は開催通知と同じです。")
@click.option("--layout", type=click.Choice(["A4-12", "A4-24"], case_sensitive=False), default="A4-12",
              show_default=True, help="ラベル用紙。A4-12＝A4判12面 86.4×42.3mm（エーワン 72212 など）、"
                                      "A4-24＝A4判24面 66×33.9mm。")
@click.option("--start", type=int, default=1, show_default=True, metavar="N",
              help="使いかけの用紙の、N枚目のラベルから印刷する（1～N-1枚目は空けます。左上から右へ数えます）。")
@click.option("--vertical", is_flag=True, help="縦書きのラベルにする。")
@PDF_OPTION
@OUT_OPTION
@JSON_OPTION
def labels(ledgers, meeting_id, layout, start, vertical, pdf, out, as_json) -> None:
    """会議の通知を郵送する委員の宛名ラベル（Word）を作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。宛先は開催通知と同じ決まりで選び
    （開催日に任期中の委員、事務局を除く）、そのうち送付方法が「郵送」の人のラベルを作ります。
    各ラベルには 〒郵便番号、住所、所属・役職、氏名と敬称（名簿の敬称。既定は「様」、
    設定シートの「ラベルの敬称」で「殿」などにできます）を載せます。
    住所が空欄の人はラベルを作らず、名簿のセルを示して知らせます。

    \b
    作られるもの（出力フォルダ/宛名ラベル/）:
      宛名ラベル_会議ID.docx      Wordのラベル（12枚または24枚ごとに1ページ）
      PDF/宛名ラベル_会議ID.pdf   --pdf のとき（LibreOffice が必要）

    \b
    印刷のこつ:
      Wordで開き、「実際のサイズ」（拡大・縮小なし、用紙に合わせない）で印刷
      します。ずれるときは、設定シートに「ラベル印刷の補正（横mm）」
      「ラベル印刷の補正（縦mm）」の行を加え、右・下へずらす量を mm で入れます
      （左・上は負の数。-10～10）。
      台帳は変更しません。

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  エラーがある（PDF変換に失敗など）
      2  台帳を読めない、会議IDが見つからない、指定の誤り、出力先に書き込めない

    \b
    例:
      mihara-sheets labels 台帳.xlsx --meeting K18-2026-03
      mihara-sheets labels 台帳.xlsx --meeting K18-2026-03 --layout A4-24 \\
        --start 5 --pdf
      mihara-sheets labels 台帳.xlsx --meeting K18-2026-03 --vertical --out ラベル
    """
    from ..jobs import FileLedger, LabelsRequest, run_labels

    result = run_labels(FileLedger(ledgers), LabelsRequest(meeting_id, layout.upper(), start, vertical, pdf, out))
    finish(result, as_json=as_json)
