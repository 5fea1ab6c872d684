"""``mihara-sheets honoraria``: 報酬・報償費・謝金・費用弁償 from the attendance, with the tax withheld."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, FiscalYear, LedgerDate, as_date, finish
from .options import OUT_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", default=None, metavar="会議ID",
              help="1つの会議の支払いを計算する（会議シートの「会議ID」）。")
@click.option("--fy", "fiscal_year", type=FiscalYear(), default=None, metavar="年度",
              help="年度の支払いをまとめて計算し、年間集計（給与支払報告書・支払調書の下準備）も作る。"
                   "2026、令和8年度、R8 のいずれの形でも指定できます。")
@click.option("--month", default=None, metavar="YYYY-MM",
              help="開催日がその月の会議の支払いを計算する（例：2026-09）。")
@click.option("--today", type=LedgerDate(), default=None,
              help="作成日として文書に載せる日（既定は今日）。")
@OUT_OPTION
@TEMPLATE_OPTION
@JSON_OPTION
def honoraria(ledgers, meeting_id, fiscal_year, month, today, out, template, as_json) -> None:
    """出欠の当日の記録から、委員の報酬・報償費、費用弁償、講師の謝金・旅費と源泉徴収額を計算します。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--meeting、--fy、--month の
    どれか1つを指定します。

    \b
    だれに支払うか:
      会議体シートの「報酬日額」がある会議体の開催済みの会議で、出欠シートの
      「当日」が出席・遅刻・早退（当日が空欄なら回答の出席・オンライン出席）の
      委員に、日額を支払います。区分は会議体の「報酬区分」（報酬＝附属機関の
      報酬、報償費＝要綱の会議の謝礼）。
      支払わない人：庁内関係課の職員と事務局、オブザーバー、名簿の「報酬辞退」
      が○の人（費用弁償は支払う）、当日欠席の人。代理出席者には、設定「代理
      出席者に報酬を支払う」が「はい」のときだけ支払います。出欠シートの
      「費用弁償」は、支払う人にだけ支給します。
      謝金シートの行（講師の謝金・旅費など）は入力どおりに支払います（開催前
      の会議の分は予定額として別に示し、合計には含めません）。

    \b
    源泉徴収:
      報酬・報償費（所得税基本通達28-7により給与）：源泉徴収税額表の月額表
        乙欄。1人の1か月の合計が88,000円未満なら3.063%（1円未満切捨て）。
        88,000円以上の月は税額表の欄がプログラムに入っていないため計算せず、
        エラーとして知らせます。設定「報酬の源泉徴収」が「なし」なら源泉徴収
        しません。1つの会議体から年間1万円以下の人は「28-7非課税の候補」と
        備考に示します（ほかに給与がないかは担当者が確認）。
      謝金（謝金シートの個人が○）：10.21%、100万円を超える部分は20.42%
        （1円未満切捨て）。
      費用弁償・旅費：源泉徴収しません。

    \b
    作られるもの（出力フォルダ/報酬_会議ID・報酬_2026年度・報酬_2026-09/）:
      支払明細_….xlsx   1支払1行（氏名・所属・会議・区分・支給額・源泉徴収
                        額・差引支給額・支払方法）、合計・区分別・予算節別
                        の計は数式。--fy では「年間集計」シート（人・会議体
                        ごとの報酬と源泉徴収額、講師ごとの謝金と支払調書の
                        要否）も。
      支出内訳_….docx   支出命令に添える予算節別・区分別・会議別の内訳
      口座情報は読みません。支払明細には氏名と金額だけを載せます。

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  使った行にエラーがある、源泉徴収額を計算できない支払いがある
      2  台帳やテンプレートを読めない、会議IDが見つからない、指定の誤り、
         出力先に書き込めない

    \b
    例:
      mihara-sheets honoraria 台帳.xlsx --meeting K18-2026-02
      mihara-sheets honoraria 台帳.xlsx --fy 2026 --json
      mihara-sheets honoraria 台帳.xlsx --month 2026-09 --out 支払
    """
    from ..jobs import FileLedger, HonorariaRequest, run_honoraria

    request = HonorariaRequest(meeting_id, fiscal_year, month, out, as_date(today), template)
    finish(run_honoraria(FileLedger(ledgers), request), as_json=as_json)
