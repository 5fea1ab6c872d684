"""``mihara-sheets agenda``: the 次第 of the annual plenary (全体会議), or of one meeting."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, FiscalYear, finish
from .options import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--fy", "fiscal_year", type=FiscalYear(), default=None, metavar="年度",
              help="年度。2026、令和8年度、R8 のいずれの形でも指定できます。既定は台帳にある最新の全体会議の年度。")
@click.option("--meeting", "meeting_id", default=None, metavar="会議ID",
              help="部会など、ふだんの会議の次第を作るときの会議ID（会議シートの「会議ID」）。--fy とは一緒に使えません。"
                   "全体会議の会議IDなら、その年度の全体会議の次第を作ります。")
@OUT_OPTION
@PDF_OPTION
@TEMPLATE_OPTION
@JSON_OPTION
def agenda(ledgers, fiscal_year, meeting_id, out, pdf, template, as_json) -> None:
    """全体会議の次第（部会別の委員名簿つき）、または部会などの会議の次第（Word）を作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。

    \b
    全体会議（--fy、または何も指定しないとき）:
      --fy の年度の全体会議（会議体の区分が「全体会議」の会議）の日時・場所を
      使い、各部会について、その年度の開催回数・開催日・主な議題と、部会年次
      報告シートの内容を並べます。セミナーの演題・講師は設定シート（セミナー
      演題・セミナー講師）か、全体会議の議題から取ります。添付の委員名簿には
      氏名・所属・役職だけを載せ、住所や電話番号は載せません。

    \b
    部会などの会議（--meeting 会議ID）:
      議題シートのその会議の行を、順の列の順に並べます（1 開会、議題、
      その他、閉会）。区分の列が同じ行（報告・協議）が続くときは、ひとつの
      見出しにまとめます。順が「2-(1)」の行は、その前の議題の小項目（ア、
      イ…）になります。公開の列が×の議題には「（非公開）」を付けます。
      資料の列の番号は議題の後ろと「配布資料」に載ります。議題シートに行が
      なければ、会議シートの議題欄の議題を「議題」として並べます。

    台帳は読むだけで、変更しません。

    \b
    作られるもの（出力フォルダ/）:
      全体会議次第_令和N年度.docx       --fy（全体会議）のとき
      次第_会議ID.docx                   --meeting のとき（手で直したものは
                                         「（前回）」で残します）
      PDF/…pdf                           --pdf のとき（LibreOffice が必要）

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  使った行（会議・議題・部会・名簿・年次報告）にエラーがある、
         PDF変換に失敗など
      2  台帳やテンプレートを読めない、会議IDや全体会議がない、
         出力先に書き込めない

    \b
    例:
      mihara-sheets agenda 台帳.xlsx --fy 2026
      mihara-sheets agenda 台帳.xlsx --fy 令和8年度 --out 全体会議 --pdf
      mihara-sheets agenda 台帳.xlsx --meeting K18-2026-03
    """
    from ..jobs import AgendaRequest, FileLedger, run_agenda

    result = run_agenda(FileLedger(ledgers), AgendaRequest(fiscal_year, out, pdf, template, meeting_id=meeting_id))
    finish(result, as_json=as_json)
