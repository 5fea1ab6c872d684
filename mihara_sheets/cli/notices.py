"""``mihara-sheets notices``: the meeting notices (開催通知) of one or more meetings."""

from __future__ import annotations

from pathlib import Path

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, LedgerDate, as_date, finish
from .options import OUT_OPTION, PDF_OPTION, TEMPLATE_OPTION, progress_bar


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_ids", multiple=True, metavar="会議ID",
              help="通知を作る会議の会議ID（会議シートの「会議ID」）。何度でも指定できます。"
                   "全角・半角、大文字・小文字の違いは問いません。既定は次に通知する会議。")
@OUT_OPTION
@PDF_OPTION
@click.option("--no-update", is_flag=True, help="台帳（会議シート）に「通知済」・通知日・文書番号を記録しない。")
@click.option("--date", "issue_date", type=LedgerDate(), default=None,
              help="通知日（2026-12-01、令和8年12月1日 など）。既定は今日。同じ文書番号で通知済みの会議は、記録された通知日のまま。")
@click.option("--number", "notice_no", default=None, metavar="文書番号",
              help="文書番号（例：三保福第123号、または番号だけ 123 で設定の接頭辞つき）。"
                   "既定は会議シートの文書番号、なければ設定の接頭辞＋次の番号。")
@click.option("--everyone", is_flag=True, help="一人ずつではなく、宛名「○○委員　各位」の共通の1部だけを作る。")
@click.option("--email", is_flag=True,
              help="送付方法が「メール」の委員ごとに、通知のPDFを添付したメールの下書き（.eml）も作る"
                   "（--pdf を含みます。送信はしません）。")
@click.option("--email-template", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              metavar="TXT", help="メール本文のひな形（UTF-8 のテキスト）。既定は同梱の templates/notice_email.txt。")
@TEMPLATE_OPTION
@click.option("--window-envelope", is_flag=True,
              help="長形3号の窓あき封筒用の通知にする（A4を三つ折りにすると、〒・住所・宛名が窓に出ます。"
                   "同梱の notice_window.docx を使います。差出人は設定の「差出人住所」）。")
@JSON_OPTION
def notices(ledgers, meeting_ids, out, pdf, no_update, issue_date, notice_no, everyone, email, email_template,
            template, window_envelope, as_json) -> None:
    """会議の開催通知（Word）を、委員一人ずつ・一括印刷用・宛名一覧（Excel）として作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。--meeting で会議IDを指定します。
    宛先は、その会議体の名簿のうち開催日に任期中の委員です（事務局を除きます）。
    住所やメールアドレスがなく送れない委員は、通知を作ったうえで一覧に表示します。
    会議の行にエラー（読めない日付など）があるときは、その会議の通知は作りません。

    \b
    作られるもの（出力フォルダ/開催通知_会議ID/）:
      個別/001_氏名.docx     委員ごとの通知（2ページ目は出欠回答票）
      一括印刷用_会議ID.docx  全員分を1つにした印刷用（1人ごとに改ページ）
      宛名一覧_会議ID.xlsx    郵便番号・住所・宛名・送付方法
      PDF/                   --pdf のとき、上のWord文書のPDF（LibreOffice が必要）
      メール/001_氏名.eml     --email のとき、メールで送る委員ごとの下書き
                              （PDF添付）

    \b
    メールの下書き（--email）:
      宛先は名簿のメールアドレス、件名は「【開催通知】会議名」、本文は
      templates/notice_email.txt から作り、その委員の通知のPDFを添付します。
      ダブルクリックすると Outlook や Thunderbird が送信前の下書きとして開く
      ので、内容を確かめて送信してください（このコマンドは送信しません）。
      アドレスの形になっていないメールアドレスは、そのセルを表示し、下書きを
      作りません。

    \b
    台帳への記録:
      作成後、会議シートのその会議の行に 状態「通知済」・通知日・文書番号 を
      書き込みます（他のセルや書式はそのまま。開催済の会議の状態は変えません）。
      もう一度実行しても同じ文書番号・通知日を使い、記録済みなら台帳は変更
      しません。書き込まないときは --no-update を付けます。Excel で台帳を
      開いていると書き込めません。

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  エラーがある（宛先がいない、会議の行にエラー、PDF変換・台帳への記録に
         失敗など）
      2  台帳やテンプレートを読めない、会議IDが見つからない、出力先に書き込めない

    \b
    例:
      mihara-sheets notices 台帳.xlsx --meeting K18-2026-03
      mihara-sheets notices 台帳.xlsx --meeting K18-2026-03 --meeting K18-2026-04
      mihara-sheets notices 台帳.xlsx --meeting K18-2026-03 --out 通知 --no-update
      mihara-sheets notices 台帳.xlsx --meeting K18-2026-03 --window-envelope
      mihara-sheets notices 台帳.xlsx --meeting K18-2026-03 --email
    """
    from ..jobs import FileLedger, NoticeRequest, run_notices

    with progress_bar("開催通知を作成中") as advance:
        result = run_notices(FileLedger(ledgers), NoticeRequest(
            list(meeting_ids), out, pdf, not no_update, as_date(issue_date), notice_no, everyone, template,
            progress=advance, window_envelope=window_envelope, email=email, email_template=email_template,
        ))
    finish(result, as_json=as_json)
