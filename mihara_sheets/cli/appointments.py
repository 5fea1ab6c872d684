"""``mihara-sheets appointments``: the letters of a council's term renewal (委嘱状など)."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, LedgerDate, as_date, finish
from .options import OUT_OPTION, PDF_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--council", "council_id", required=True, metavar="会議体ID",
              help="会議体ID（会議体シートの「会議体ID」、例：K18）または会議体名。")
@click.option("--from", "start", type=LedgerDate(), required=True, metavar="日付",
              help="新しい任期（または補欠の委員の任期）の始まりの日（2027-04-01、令和9年4月1日 など）。")
@click.option("--date", "issue_date", type=LedgerDate(), default=None, metavar="日付",
              help="文書に書く日付（すべての文書）。既定は、委嘱状・任命書・就任承諾書は --from の日、解嘱状・礼状はその前日。")
@OUT_OPTION
@PDF_OPTION
@JSON_OPTION
def appointments(ledgers, council_id, start, issue_date, out, pdf, as_json) -> None:
    """任期の始まりの日に合わせて、委嘱状・就任承諾書・解嘱状・礼状（Word）を作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--council の会議体の名簿から、
    任期開始が --from の日の委員と、任期終了がその前日の委員を選びます（事務局・オブザーバー
    を除きます）。台帳は変更しません。

    \b
    作る文書:
      委嘱状      任期開始が --from の日の委員に。「あなたを○○委員に委嘱
                  します」と任期（和暦）。ほかの委員の任期の途中から始まる
                  補欠の委員には「（前任者の残任期間）」を添えます。
                  日付は --from の日。
      任命書      選任区分が「充て職」の委員で、設定シートの「充て職は任命
                  とする」が「はい」のとき、委嘱状の代わりに作ります。
      就任承諾書  新しい委員ごとに、記入して返送してもらう用紙。
      解嘱状      任期終了が前日で、会議体のほかの委員の任期より早く終わる
                  委員に。日付は任期の最後の日（--from の前日）。
      礼状        任期終了が前日の委員（解嘱の委員を含む）に。初回委嘱日
                  からの在任期間を書きます。引き続き再任される委員には
                  作りません。日付は任期の最後の日。
    差出人は設定シートの「委嘱者」（例：三原市長　見本 太郎）、なければ
    「三原市長」です。部会は親会議体の名前を前に付けます（例：地域共生会議高齢者
    支援部会委員）。--date を付けると、すべての文書をその日付にします。

    \b
    作られるもの（出力フォルダ/委嘱状等_会議体ID_年月日/）:
      委嘱状/001_氏名.docx など    文書ごとのフォルダに、委員一人ずつ
      一括印刷用_委嘱状.docx など  文書ごとに全員分を1つにした印刷用
                                   （1人ごとに改ページ）
      PDF/                         --pdf のとき（LibreOffice が必要）

    \b
    終了コード:
      0  作成した（警告のみを含む。該当する委員がいないときも 0）
      1  エラーがある（PDF変換に失敗など）
      2  台帳やテンプレートを読めない、会議体IDが見つからない、
         出力先に書き込めない

    \b
    例:
      mihara-sheets appointments 台帳.xlsx --council K18 --from 2027-04-01
      mihara-sheets appointments 台帳.xlsx --council 高齢者支援部会 \\
        --from 令和9年1月1日 --pdf
    """
    from ..jobs import AppointmentRequest, FileLedger, run_appointments

    result = run_appointments(FileLedger(ledgers), AppointmentRequest(
        council_id, as_date(start), out, pdf, as_date(issue_date)))
    finish(result, as_json=as_json)
