"""``mihara-sheets attendance``: a meeting's replies, the quorum, and the rosters for the door."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, LedgerDate, as_date, finish
from .options import OUT_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@click.option("--meeting", "meeting_id", required=True, metavar="会議ID",
              help="出欠を確かめる会議の会議ID（会議シートの「会議ID」）。")
@click.option("--no-update", is_flag=True, help="開催済みの会議でも、台帳の出席者数を記録しない。")
@click.option("--today", type=LedgerDate(), default=None,
              help="回答期限を過ぎたかを判断する基準日（2026-12-10 や 令和8年12月10日、既定は今日）。")
@OUT_OPTION
@TEMPLATE_OPTION
@JSON_OPTION
def attendance(ledgers, meeting_id, no_update, today, out, template, as_json) -> None:
    """会議の出欠の回答をまとめ、定足数を確かめ、出席者名簿・受付名簿を作ります。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。通知先（開催日に任期中の委員、
    事務局を除く。全体会議は各部会の委員も）ごとに、出欠シートの回答（人物ID、なければ
    氏名で照合）を出席・オンライン出席・代理出席・欠席・未回答に分け、回答期限を過ぎて
    未回答の人を知らせます。定足数は会議体シートの「定足数」（過半数・半数以上・3分の2以上・
    人数。空欄は過半数）で数え、代理出席は設定「代理出席を定足数に含める」が「はい」の
    ときだけ数えます。開催後は出欠シートの「当日」（出席・遅刻・早退は出席、欠席）で数え、
    会議シートの出席者数が空欄なら記録します（入力済みの値は変えません）。
    名簿には氏名・所属・役職だけを載せ、住所や電話番号は載せません。

    \b
    作られるもの（出力フォルダ/出欠_会議ID/）:
      出欠一覧_会議ID.xlsx     事務局用の一覧（回答・代理者・回答日・確認事項）
      出席者名簿_会議ID.docx   出席（見込み）の委員。代理は「○○（代理：△△）」
      受付名簿_会議ID.docx     欠席の回答をした人を除く全員（署名欄つき）

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  使った行にエラーがある、台帳への記録ができなかった
      2  台帳やテンプレートを読めない、会議IDが見つからない、出力先に書き込めない

    \b
    例:
      mihara-sheets attendance 台帳.xlsx --meeting K18-2026-03
      mihara-sheets attendance 台帳.xlsx --meeting K18-2026-03 --json
    """
    from ..jobs import AttendanceRequest, FileLedger, run_attendance

    result = run_attendance(FileLedger(ledgers), AttendanceRequest(meeting_id, out, not no_update, as_date(today), template))
    finish(result, as_json=as_json)
