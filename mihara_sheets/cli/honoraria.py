"""``mihara-sheets honoraria``: 報酬・報償費・謝金・費用弁償 from the attendance, with the tax withheld."""

from __future__ import annotations

import unicodedata

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, FiscalYear, LedgerDate, as_date, finish
from .options import OUT_OPTION, TEMPLATE_OPTION


class CalendarYear(click.ParamType):
    """A calendar year (暦年) as staff type it: 2026, 2026年, 令和8年, R8 — but not a 年度."""

    name = "暦年"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click's signature
        if isinstance(value, int):
            return value
        from ..values import ValueProblem, parse_fiscal_year

        text = unicodedata.normalize("NFKC", str(value)).strip()
        if "年度" in text or text.upper().startswith("FY"):
            self.fail(f"「{value}」は年度です。暦年（1月～12月）は 2026、2026年、令和8年 のように、"
                      "年度は --fy で指定してください。", param, ctx)
        try:
            return parse_fiscal_year(text)  # the same era rules: 令和8年 → 2026
        except ValueProblem:
            self.fail(f"暦年「{value}」を読めません。2026、2026年、令和8年、R8 のように指定してください。", param, ctx)


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", default=None, metavar="会議ID",
              help="1つの会議の支払いを計算する（会議シートの「会議ID」）。")
@click.option("--year", "year", type=CalendarYear(), default=None, metavar="暦年",
              help="暦年（1月1日～12月31日）に開催した会議の支払いをまとめて計算し、その年の年間集計を作る。"
                   "給与支払報告書・支払調書（1月31日提出）はこの集計から作ります。"
                   "2026、2026年、令和8年、R8 のいずれの形でも指定できます。")
@click.option("--fy", "fiscal_year", type=FiscalYear(), default=None, metavar="年度",
              help="年度（4月～翌年3月）の支払いをまとめて計算し、年度の年間集計（予算の確認用）も作る。"
                   "給与支払報告書・支払調書には --year の暦年集計を使ってください。"
                   "2026、令和8年度、R8 のいずれの形でも指定できます。")
@click.option("--month", default=None, metavar="YYYY-MM",
              help="開催日がその月の会議の支払いを計算する（例：2026-09）。")
@click.option("--today", type=LedgerDate(), default=None,
              help="作成日として文書に載せる日（既定は今日）。")
@OUT_OPTION
@TEMPLATE_OPTION
@JSON_OPTION
def honoraria(ledgers, meeting_id, year, fiscal_year, month, today, out, template, as_json) -> None:
    """出欠の当日の記録から、委員の報酬・報償費、費用弁償、講師の謝金・旅費と源泉徴収額を計算します。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--meeting、--year、--fy、
    --month のどれか1つを指定します。

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
        しません。
      28-7非課税の候補：1つの会議体から受ける報酬・報償費が、暦年（1月～
        12月の支払い。年度ではありません）で1万円以下の人。その年の残りの
        開催予定（任期内・報酬辞退でない回）も日額で数えた見込みで判定し、
        その会議体からその年に費用弁償を受けた人は候補にしません。備考に
        「28-7非課税の候補（2026年分…）」と示します。市からほかに給与が
        支払われていないかは、担当者が確認してください。開催日のない会議
        の支払いは暦年の合計に入りません。
      謝金（謝金シートの個人が○）：10.21%、100万円を超える部分は20.42%
        （1円未満切捨て）。
      費用弁償・旅費：源泉徴収しません。

    \b
    作られるもの（出力フォルダ/報酬_会議ID・報酬_2026年・報酬_2026年度・
    報酬_2026-09/）:
      支払明細_….xlsx   1支払1行（氏名・所属・会議・区分・支給額・源泉徴収
                        額・差引支給額・支払方法）、合計・区分別・予算節別
                        の計は数式。--year と --fy では「年間集計」シート
                        （人・会議体ごとの報酬と源泉徴収額、28-7の候補、
                        講師ごとの謝金と支払調書の要否）も。--year の集計
                        は暦年で、給与支払報告書・支払調書の元になります。
                        --fy の集計は年度の見方（予算の確認用）です。
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
      mihara-sheets honoraria 台帳.xlsx --year 2026
      mihara-sheets honoraria 台帳.xlsx --fy 2026 --json
      mihara-sheets honoraria 台帳.xlsx --month 2026-09 --out 支払
    """
    from ..jobs import FileLedger, HonorariaRequest, run_honoraria

    request = HonorariaRequest(meeting_id, fiscal_year, month, out, as_date(today), template, year=year)
    finish(run_honoraria(FileLedger(ledgers), request), as_json=as_json)
