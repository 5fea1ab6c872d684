"""``mihara-sheets agenda``: the 次第 of the annual plenary (全体会議)."""

from __future__ import annotations

import click

from ..documents.cli_support import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION, output_folder
from .common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    LEDGER_ARGUMENT,
    FiscalYear,
    fail,
    load_or_exit,
    print_problems,
)


@click.command()
@LEDGER_ARGUMENT
@click.option("--fy", "fiscal_year", type=FiscalYear(), required=True, metavar="年度",
              help="年度。2026、令和8年度、R8 のいずれの形でも指定できます。")
@OUT_OPTION
@PDF_OPTION
@TEMPLATE_OPTION
def agenda(ledgers, fiscal_year, out, pdf, template) -> None:
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
      1  エラーがある（PDF変換に失敗など）
      2  台帳やテンプレートを読めない、その年度の全体会議がない、出力先に書き込めない

    \b
    例:
      mihara-sheets agenda 台帳.xlsx --fy 2026
      mihara-sheets agenda 台帳.xlsx --fy 令和8年度 --out 全体会議 --pdf
    """
    from ..documents import DocumentError, make_agenda

    year = fiscal_year
    ledger = load_or_exit(ledgers)
    try:
        result = make_agenda(ledger, year, output_folder(ledger, ledgers, out), pdf=pdf, template=template)
    except DocumentError as error:
        fail(error.message, EXIT_UNREADABLE)
    click.echo(f"全体会議の次第を作成しました: {result.path}")
    if result.pdf:
        click.echo(f"  PDF: {result.pdf}")
    if result.problems:
        print_problems(result.problems, title="確認が必要な事項")
    raise SystemExit(EXIT_OK if result.ok else EXIT_ERRORS)
