"""``mihara-sheets agenda``: the 次第 of the annual plenary (全体会議)."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, FiscalYear, finish
from .options import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--fy", "fiscal_year", type=FiscalYear(), default=None, metavar="年度",
              help="年度。2026、令和8年度、R8 のいずれの形でも指定できます。既定は台帳にある最新の全体会議の年度。")
@OUT_OPTION
@PDF_OPTION
@TEMPLATE_OPTION
@JSON_OPTION
def agenda(ledgers, fiscal_year, out, pdf, template, as_json) -> None:
    """全体会議の次第（Word）を、部会別の委員名簿を添えて作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--fy の年度の全体会議（会議体の
    区分が「全体会議」の会議）の日時・場所を使い、各部会について、その年度の開催回数・
    開催日・主な議題と、部会年次報告シートの内容を並べます。セミナーの演題・講師は設定
    シート（セミナー演題・セミナー講師）か、全体会議の議題から取ります。
    添付の委員名簿には氏名・所属・役職だけを載せ、住所や電話番号は載せません。
    台帳は読むだけで、変更しません。

    \b
    作られるもの（出力フォルダ/）:
      全体会議次第_令和N年度.docx
      PDF/全体会議次第_令和N年度.pdf   --pdf のとき（LibreOffice が必要）

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  使った行（全体会議・部会・その会議・名簿・年次報告）にエラーがある、PDF変換に失敗など
      2  台帳やテンプレートを読めない、その年度の全体会議がない、出力先に書き込めない

    \b
    例:
      mihara-sheets agenda 台帳.xlsx --fy 2026
      mihara-sheets agenda 台帳.xlsx --fy 令和8年度 --out 全体会議 --pdf
    """
    from ..jobs import AgendaRequest, FileLedger, run_agenda

    result = run_agenda(FileLedger(ledgers), AgendaRequest(fiscal_year, out, pdf, template))
    finish(result, as_json=as_json)
