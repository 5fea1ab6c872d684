"""The one registry of problems: every code the project can give, and the Problem itself.

Reading never stops at the first problem. Every check appends a :class:`Problem` with a
stable ``code`` (see :data:`CATALOG`), a severity, the place it concerns (file, sheet, cell,
row, field) and a Japanese message a member of staff can act on. Ledger, document,
write-back, writer and output codes are all declared here, once; an exception that stops a
job carries its :class:`Problem` (:class:`ProblemError`). Problems that make a whole file
unreadable are raised together as :class:`LedgerReadError`.

The staff guide's table of messages is generated from :data:`CATALOG` and :data:`REMEDIES`
(``scripts/build_staff_guide.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from operator import attrgetter
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"

SEVERITY_JA = {ERROR: "エラー", WARNING: "警告"}

# code -> (severity, message template), one dict per part of the project. Templates are
# filled with str.format(**details). The codes are public: scripts and the staff guide refer
# to them, so never rename one.
Templates = dict[str, tuple[str, str]]

# Files a job makes in its output folder (mihara_sheets.outputs).
OUTPUTS: Templates = {
    "output-edited-kept": (WARNING, "「{file}」は前回作った後に変更されていたため、上書きせず「{kept}」として残しました。"),
    "output-not-ours-kept": (WARNING, "「{file}」はこのプログラムが作ったファイルではないため、上書きせず「{kept}」として残しました。"),
    "output-stale-edited": (WARNING, "「{file}」は今回の対象ではありませんが、前回作った後に変更されていたため削除していません。不要なら手で削除してください。"),
}

READING: Templates = {
    # -- the file as a whole (these make load_ledger raise LedgerReadError)
    "file-not-found": (ERROR, "ファイル「{file}」が見つかりません。場所と名前を確認してください。"),
    "file-is-directory": (ERROR, "「{file}」はフォルダです。台帳のファイルを指定してください。"),
    "file-empty": (ERROR, "ファイル「{file}」は空です（0バイト）。保存し直したファイルを指定してください。"),
    "file-not-excel": (ERROR, "ファイル「{file}」はExcelの台帳として読めません（{detail}）。.xlsx、.xlsm または .csv を指定してください。"),
    "file-renamed-csv": (ERROR, "ファイル「{file}」は拡張子が .xlsx ですが、中身はCSV（テキスト）です。拡張子を .csv に直してください。"),
    "file-encrypted": (ERROR, "ファイル「{file}」はパスワードで保護されています。Excelでパスワードを解除して保存し直してください。"),
    "file-legacy-xls": (ERROR, "ファイル「{file}」は古い形式（.xls）です。Excelで「Excelブック（*.xlsx）」として保存し直してください。"),
    "file-corrupt": (ERROR, "ファイル「{file}」は壊れているため読めません（{detail}）。バックアップから戻すか、Excelで開いて保存し直してください。"),
    "file-too-large": (ERROR, "ファイル「{file}」は展開すると大きすぎるため（{detail}）、安全のため読み込みを中止しました。"),
    "file-unsafe-xml": (ERROR, "ファイル「{file}」に安全でないXMLの記述（外部実体・実体展開）があるため、読み込みを中止しました。"),
    "file-unreadable": (ERROR, "ファイル「{file}」を読めません（{detail}）。"),
    "csv-encoding": (ERROR, "CSVファイル「{file}」の文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。"),
    # -- sheets and headers
    "no-ledger-sheet": (ERROR, "ファイル「{file}」に台帳のシート（会議体・名簿・会議・予算など）が見つかりません。シート名を確認してください。"),
    "no-header-row": (ERROR, "シート「{sheet}」の見出し行が見つかりません（先頭20行に既知の見出しがありません）。"),
    "missing-column": (ERROR, "シート「{sheet}」に必須の列「{header}」がありません。見出し行に列を追加してください。"),
    "duplicate-column": (WARNING, "{where}の見出し「{header}」は、左にある列と同じ項目を指しています。左の列を使い、この列は読みません。"),
    "unknown-roster-sheet": (WARNING, "名簿シート「{sheet}」がどの会議体のものか分かりません。シート名を会議体名または会議体IDにしてください。"),
    "settings-out-of-range": (WARNING, "{where}の「{header}」の値「{value}」は範囲外です（{low}～{high}）。既定値の{default}を使います。"),
    "settings-alias-invalid": (WARNING, "{where}の「{key}」は列の別名として読めません。「列の別名:シート名:項目名」の形で、このページの最初のシート名と項目名を書いてください。"),
    # -- values
    "required-missing": (ERROR, "{where}の「{header}」が空欄です。入力してください。"),
    "invalid-date": (ERROR, "{where}の「{header}」の日付「{value}」を読めません。令和5年4月1日 や 2023/4/1 の形で入力してください。"),
    "nonexistent-date": (ERROR, "{where}の「{header}」の日付「{value}」は存在しない日付です。"),
    "invalid-time": (ERROR, "{where}の「{header}」の時刻「{value}」を読めません。14:00 や 午後2時 の形で入力してください。"),
    "invalid-number": (ERROR, "{where}の「{header}」の数値「{value}」を読めません。数字で入力してください。"),
    "invalid-amount": (ERROR, "{where}の「{header}」の金額「{value}」を読めません。3,454,000 のように円単位の整数で入力してください。"),
    "fractional-amount": (ERROR, "{where}の「{header}」の金額「{value}」に1円未満の端数があります。"),
    "invalid-fiscal-year": (ERROR, "{where}の「{header}」の年度「{value}」を読めません。令和4年度、R4、2022年度 などの形で入力してください。"),
    "invalid-choice": (ERROR, "{where}の「{header}」の「{value}」は使えない値です。{choices} のいずれかを入力してください。"),
    "unexpected-choice": (WARNING, "{where}の「{header}」の「{value}」は想定外の値です（想定: {choices}）。"),
    "invalid-postal-code": (WARNING, "{where}の郵便番号「{value}」は7桁ではありません。"),
    "end-before-start": (ERROR, "{where}の終了「{end}」が開始「{start}」より前になっています。"),
    # -- across records
    "duplicate-id": (ERROR, "{where}の{header}「{value}」は{other}と重複しています。IDは一意にしてください。"),
    "unknown-council": (ERROR, "{where}の会議体「{value}」は会議体の台帳にありません。会議体IDまたは会議体名を確認してください。"),
    "ambiguous-council": (ERROR, "{where}の会議体「{value}」に当てはまる会議体が複数あります。会議体IDで指定してください。"),
    "self-reference": (ERROR, "{where}の「{header}」が自分自身を指しています。"),
    "parent-cycle": (ERROR, "{where}の親会議体の関係が循環しています（{detail}）。"),
    "unknown-meeting": (ERROR, "{where}の会議ID「{value}」は会議の台帳にありません。"),
    "unknown-person": (WARNING, "{where}の「{value}」は名簿にいません。"),
    "term-ended": (WARNING, "{where}の委員の任期は{end}に終了していますが、名簿に残っています。再任・交代を確認してください。"),
    "term-ending-soon": (WARNING, "{where}の委員の任期が{end}に終了します（あと{days}日）。"),
    "concurrent-seats": (WARNING, "{where}の{name}さんは{count}件の会議体で委員を務めています（兼職の上限の目安は{limit}件）。"),
    "similar-names": (WARNING, "{where}の「{value}」と{other}の「{other_value}」は同じ人かもしれません（異体字の違い）。同じ人なら人物IDをそろえてください。"),
    "total-mismatch": (ERROR, "{where}の{label}「{amount}」が上の行の合計「{lines_sum}」と一致しません（差額 {difference}）。"),
    "total-without-lines": (WARNING, "{where}の{label}の上に集計する行がありません。"),
    "case-details-present": (WARNING, "{where}は個別支援会議の記録ですが「{header}」に記載があります。個別支援会議は件数のみを記録し、事例の内容は台帳に書かないでください。"),
    "reply-after-meeting": (WARNING, "{where}の回答期限「{value}」が開催日より後です。"),
    "meeting-before-established": (WARNING, "{where}の開催日「{value}」が会議体の設置日より前です。"),
    "sheet-extent-unsafe": (ERROR, "ファイル「{file}」のシート「{sheet}」は、表（{block}）から遠く離れたセル {detail} に値があるため、読み込むと大量のメモリ（{memory}）が必要になります。安全のため読み込みを中止しました。Excelでそのセルの値を削除して（Ctrl+End で最後のセルへ移動できます）保存し直してください。"),
}

# What a command or button was asked to do.
JOBS: Templates = {
    "meeting-not-found": (ERROR, "会議ID「{value}」は会議の台帳にありません。{suggestion}会議シートの会議IDを確認してください。"),
    "no-meeting-to-notify": (ERROR, "通知する予定の会議がありません。会議IDを指定してください。"),
    "plenary-not-found": (ERROR, "{fiscal_year}の全体会議が台帳にありません。会議体の区分が「全体会議」の会議体と、その年度の会議の行を確認してください。"),
    "no-plenary": (ERROR, "台帳に全体会議の記録がありません。会議シートに全体会議の行を入力してください。"),
    "no-budget-lines": (ERROR, "台帳に予算の行がありません。予算シートを確認してください。"),
    "no-budget-workbook": (ERROR, "予算の行があるExcelの台帳（.xlsx / .xlsm）がないため、「予算集計」シートを書き込めません。"),
    "tally-not-writable": (ERROR, "集計表を保存できませんでした。{detail}"),
    "tally-is-ledger": (ERROR, "集計表の保存先「{file}」は台帳そのものです。別のファイル名を指定してください（台帳には --write-ledger で書き込みます）。"),
    "no-ledger-in-book": (ERROR, "このブックには台帳のシート（会議体・名簿・会議・予算など）がありません。「{sheet}」シートの「台帳ファイル」に台帳の場所を入力してください。"),
    "invalid-request": (ERROR, "指定に誤りがあります：{detail}"),
    "unexpected-error": (ERROR, "予期しないエラーが発生しました（{detail}）。処理は中止しました。担当者に、この画面と次のファイルを伝えてください: {file}"),
}

# Notices, the plenary agenda, templates, PDFs.
DOCUMENTS: Templates = {
    "notice-no-address": (WARNING, "{where}の{name}さんは{why}。通知は作成しましたが、送付方法を確認してください。"),
    "notice-duplicate-meeting": (ERROR, "会議ID「{value}」の会議が複数あります（{rows}）。会議IDを一意にしてから通知を作ってください。"),
    "notice-no-date": (ERROR, "{where}の開催日が空欄のため、通知を作れません。"),
    "notice-cancelled": (WARNING, "{where}の会議は状態が「{value}」です。"),
    "notice-no-prefix": (WARNING, "設定シートに「文書番号」（例：三保福第）がないため、文書番号は「第N号」にしました。"),
    "notice-after-meeting": (WARNING, "{where}の開催日（{value}）は通知日より前です。"),
    "notice-late": (WARNING, "開催日まで{days}日しかありません（設定の通知リードタイムは{lead}日）。"),
    "notice-no-recipients": (ERROR, "会議体「{value}」の名簿に、開催日に任期中の委員（事務局を除く）がいません。"),
    "notice-number-taken": (ERROR, "文書番号「{value}」は{where}の会議（{meeting}）で使われています。別の番号を指定してください。"),
    "agenda-no-date": (WARNING, "{where}の全体会議の開催日が空欄です。"),
    "agenda-no-subcommittees": (WARNING, "会議体シートに区分「部会」の会議体がないため、報告の欄は空です。"),
    "template-unreadable": (ERROR, "テンプレート「{template}」を開けません（{detail}）。場所と名前を確認し、Wordの.docxファイルを指定してください。"),
    "template-unknown-variable": (ERROR, "テンプレート「{template}」で使われている変数「{names}」は定義されていません。変数名のつづりを確認してください（使える変数は templates/README.md にあります）。"),
    "template-syntax": (ERROR, "テンプレート「{template}」の{part}にある {{{{ }}}} や {{% %}} の書き方に誤りがあります（{detail}）。該当箇所の付近：「{near}」"),
    "template-unsafe": (ERROR, "テンプレート「{template}」は安全でない記述（「{what}」）を含むため使えません。差し込みには templates/README.md にある変数だけを使ってください。"),
    "template-output-invalid": (ERROR, "テンプレート「{template}」の{part}から正しいWord文書を作れませんでした（{detail}）。{{%p if %}} と {{%p endif %}} などの組が対応しているか確認してください。"),
    "output-not-writable": (ERROR, "「{file}」に書き込めませんでした（{detail}）。同じ名前のファイルをWordやExcelで開いていないか、フォルダに書き込めるか確認してください。"),
    "pdf-unavailable": (ERROR, "LibreOffice が見つからないため PDF を作れませんでした（Word文書は作成済みです）。PDF が必要な場合は LibreOffice をインストールしてください。"),
    "pdf-failed": (ERROR, "LibreOffice による PDF 変換に失敗しました（{detail}）。"),
    "template-header-variable": (ERROR, "テンプレート「{template}」の{part}で宛先ごとの変数「{name}」が使われています。一括印刷用ファイルでは{part}は全員に共通なので、本文に移してください。"),
    "template-too-large": (ERROR, "テンプレート「{template}」の{part}の差し込みが大きくなりすぎるため、作成を中止しました（{what}）。繰り返し（{{% for %}}）や、数・文字列の計算を見直してください。"),
    "template-too-slow": (ERROR, "テンプレート「{template}」の{part}の差し込みが{seconds}秒以内に終わらないため、作成を中止しました。繰り返し（{{% for %}}）や計算を見直してください。"),
    "template-render-failed": (ERROR, "テンプレート「{template}」の{part}の差し込み中にエラーが起きました（{detail}）。{{{{ }}}} の中の計算や変数の使い方を確認してください。"),
    "pdf-missing": (ERROR, "LibreOffice が{count}件の PDF を作りませんでした（{names}）。Word文書は作成済みです。もう一度 --pdf を付けて実行するか、Wordで開いて PDF として保存してください。"),
}

# A job's values written back into a staff ledger.
WRITE_BACK: Templates = {
    "writeback-no-origin": (WARNING, "{what}の行の場所が分からないため、台帳に記録できませんでした。"),
    "writeback-not-excel": (WARNING, "台帳「{file}」はExcelのブックではないため、{fields}を記録できませんでした。手で記入してください。"),
    "writeback-missing-column": (WARNING, "シート「{sheet}」に列「{headers}」がないため、その値は記録していません。"),
    "writeback-refused": (ERROR, "台帳に{fields}を記録できませんでした：{detail}"),
    "writeback-row-changed": (ERROR, "{where}の{header}は、読み込んだ後に{change}（{key_header}「{key}」の行）。台帳は変更していません（{fields}は記録していません）。内容を確かめてから、もう一度実行してください。"),
    "writeback-row-missing": (ERROR, "シート「{sheet}」に{key_header}「{key}」の行が見つかりません（読み込んだ後に削除されたか、IDが変わりました）。台帳は変更していません（{fields}は記録していません）。"),
    "writeback-key-duplicate": (ERROR, "シート「{sheet}」に{key_header}「{key}」の行が複数あります（{rows}行目）。どの行に記録するか決められないため、台帳は変更していません。IDを一意にしてから、もう一度実行してください。"),
    "writeback-key-column-missing": (ERROR, "シート「{sheet}」の見出しに「{key_header}」の列が見つかりません（読み込んだ後に見出しが変わりました）。行を特定できないため、台帳は変更していません。"),
    "writeback-no-key": (WARNING, "{where}の行には{key_header}がないため、行を特定して記録することができません。{fields}は手で記入してください。"),
    "budget-changed": (ERROR, "シート「{sheet}」の予算の行が、集計した後に変わりました（{detail}）。古い集計を書き込まないよう、「{target}」シートは書き込んでいません。もう一度実行してください。"),
}

# The writer's refusals (mihara_sheets.writer.WriteRefused).
WRITER: Templates = {
    "no-such-sheet": (ERROR, "シート「{sheet}」がファイル「{file}」にありません。シート名を確認してください。"),
    "not-a-worksheet": (ERROR, "シート「{sheet}」はグラフシートなどの特殊なシートのため書き込めません。"),
    "invalid-cell": (ERROR, "セル番地「{cell}」が正しくありません。B7 のように列の英字と行番号で指定してください。"),
    "merged-cell": (ERROR, "{sheet}!{cell} は結合セルの一部のため書き込めません。結合範囲の左上のセル（{sheet}!{anchor}）に書き込んでください。"),
    "table-header": (ERROR, "{sheet}!{cell} はテーブル「{table}」の見出しのため書き込めません。見出しを変えるときはExcelで直接編集してください。"),
    "table-totals-row": (ERROR, "シート「{sheet}」のテーブル「{table}」には集計行があるため、下に行を追加できません。Excelで集計行をオフにしてから実行してください。"),
    "array-formula": (ERROR, "{sheet}!{cell} は配列数式（{range}）の一部のため書き込めません。Excelで配列数式を解除してから実行してください。"),
    "protected-cell": (ERROR, "{sheet}!{cell} はシートの保護によりロックされているため書き込めません。Excelで「シート保護の解除」をしてから実行してください。"),
    "protected-workbook": (ERROR, "ファイル「{file}」はブックの構成が保護されているため、シートを追加・置き換えできません。Excelで「ブックの保護」を解除してから実行してください。"),
    "staff-sheet": (ERROR, "シート「{sheet}」はこのプログラムが作ったシートではないため置き換えません。別のシート名を指定するか、不要ならExcelで削除してから実行してください。"),
    "invalid-sheet-name": (ERROR, "シート名「{sheet}」は使えません（{detail}）。"),
    "invalid-value": (ERROR, "{sheet}!{cell} に書き込む値「{value}」は扱えません（{detail}）。"),
    "value-too-long": (ERROR, "{sheet}!{cell} に書き込む文字列が長すぎます（{length}文字。Excelの上限は32,767文字）。"),
    "file-locked": (ERROR, "ファイル「{file}」は{holder}が開いているため書き込めません。ファイルを閉じてもらってから、もう一度実行してください。"),
    "file-changed": (ERROR, "ファイル「{file}」は処理中に他の人またはプログラムによって変更されました。書き込みを中止しました（ファイルは変更前のままです）。もう一度実行してください。"),
    "not-a-workbook": (ERROR, "ファイル「{file}」はExcelのブック（.xlsx / .xlsm）ではないため書き込めません（{detail}）。"),
    "unsupported-workbook": (ERROR, "ファイル「{file}」は安全に書き込めない形式です（{detail}）。Excelで開いて「Excelブック」として保存し直してから実行してください。"),
    "verify-failed": (ERROR, "ファイル「{file}」への書き込みを確認できなかったため、保存を中止しました（元のファイルは変更されていません。{detail}）。"),
    "write-failed": (ERROR, "ファイル「{file}」を保存できませんでした（{detail}）。元のファイルは変更されていません。"),
    "file-read-only": (ERROR, "ファイル「{file}」は読み取り専用のため書き込みません（ファイルは変更していません）。書き込んでよいファイルなら、読み取り専用を解除してからもう一度実行してください。"),
}

# 会議体の棚卸・委員構成 (mihara_sheets.jobs.inventory).
INVENTORY: Templates = {
    "inventory-no-councils": (ERROR, "台帳に会議体の行がないため、棚卸ができません。会議体シートを確認してください。"),
    "inventory-no-members": (WARNING, "{as_of}に任期中の委員が名簿にいないため、重なりと委員構成は空です。"),
    "same-name-unconfirmed": (WARNING, "{where}の「{value}」と{other}の「{other_value}」は氏名が同じですが、ふりがな・所属がないため同じ人か確かめられません。別の人として数えました。"),
    "gender-unknown": (WARNING, "性別が空欄（または男・女以外）の委員が{count}人います。女性比率には女性として数えていません。"),
}

# Checks that keep the network healthy, run on every read (ledger/schedule_checks.py,
# ledger/term_checks.py): meeting days, double bookings, late notices, seats and terms.
LEDGER_HEALTH: Templates = {
    "meeting-on-closed-day": (WARNING, "{where}の開催日（{value}）は年末年始の閉庁日（12月29日～1月3日）{extra}です。開催日を確認してください。"),
    "meeting-on-holiday": (WARNING, "{where}の開催日（{value}）は{holiday}で、市役所の休日です。開催日を確認してください。"),
    "meeting-on-weekend": (WARNING, "{where}の開催日（{value}）は{weekday}曜日です。開催日を確認してください。"),
    "person-double-booked": (WARNING, "{where}の{council}の会議（{value}）と同じ日に{other}の会議（{other_meeting}、{other_where}）があり、{people}が両方に招集されています。"),
    "notice-too-late": (WARNING, "{where}の通知日（{value}）は開催日（{date}）の{gap}で、設定の通知リードタイム（{lead}日）より遅れています。"),
    "council-vacancy": (WARNING, "{where}の{name}は、{today}現在の委員が{members}人で、委員定数{value}人に{missing}人足りません。"),
    "duplicate-chair": (WARNING, "{where}の{name}さんと{other}の{other_name}さんが、任期の重なる期間に同じ会議体の{value}になっています。"),
    "term-past-predecessor": (WARNING, "{where}の{name}さんの任期終了（{value}）は、ほかの委員の任期（{common_start}～{common_end}）より後です。任期の途中（{start}）に就任した委員の任期は、前任者の残任期間（{common_end}まで）ではありませんか。"),
}

# 印刷の設定: what a printed output needs from the ledger (notices, 次第).
PRINT: Templates = {
    "notice-no-join-info": (WARNING, "{where}の会議は「{format}」ですが、参加方法（URL・会議ID など）が空欄です。通知には参加方法を載せずに作成しました。"),
}

# Replies, attendance, quorum, the minutes draft and publication deadlines (issue 14).
ATTENDANCE: Templates = {
    "attendance-not-invited": (WARNING, "{where}の「{value}」はこの会議の通知先（開催日に任期中の委員）ではありません。氏名・人物ID・会議IDを確認してください。"),
    "attendance-duplicate-reply": (WARNING, "{where}は{name}さんの2件目の回答です。{first}の回答を使い、この行は数えていません。不要な行を削除してください。"),
    "attendance-proxy-no-name": (WARNING, "{where}の{name}さんは代理出席ですが、代理者の氏名が空欄です。"),
    "attendance-unanswered": (WARNING, "{name}さん（{where}）から、回答期限（{reply_by}）を過ぎても出欠の回答がありません。"),
    "quorum-not-met": (WARNING, "会議「{value}」は{when}が{present}名で、定足数（{rule}：{required}名）に達していません。"),
    "quorum-rule-unknown": (WARNING, "{where}の定足数「{value}」を読めないため、過半数として数えました。過半数、半数以上、3分の2以上、または人数（例：5）を入力してください。"),
    "attendance-count-typed": (WARNING, "{where}の出席者数は「{value}」と入力済みです（出欠シートの当日の記録では{count}名）。入力済みの値は変更していません。"),
    "minutes-confidential": (WARNING, "会議「{value}」は個別支援会議または守秘義務のある会議のため、会議録（案）には人数・件数だけを載せ、委員や事例の氏名は載せていません。公開用ではありません。"),
    "summary-overdue": (WARNING, "{where}の会議（{value}開催）は公開の会議ですが、開催から{days}日を過ぎても要旨公開日が空欄です（設定の要旨公表日数は{limit}日）。"),
    "minutes-overdue": (WARNING, "{where}の会議（{value}開催）は公開の会議ですが、開催から{days}日を過ぎても会議録公開日が空欄です（設定の会議録公表日数は{limit}日）。"),
    "closed-without-reason": (WARNING, "{where}の会議（{value}）は{disclosure}で開催しましたが、非公開理由が空欄です。"),
    "schedule-notice-due": (WARNING, "{where}の会議（{value}開催予定）は公開の会議です。開催予定を公表する時期です（開催の{limit}日前まで）。公表したら会議シートの備考などに記録してください。"),
}

# Which table a sheet holds when its name does not say, and a roster's council
# (mihara_sheets.ledger.detect).
READING_MORE: Templates = {
    "table-guessed": (WARNING, "シート「{sheet}」は名前からは分かりませんが、見出し（{headers}）から「{table}」の表として読みました。違う場合は設定シートに「表:{sheet}」の行を書き、表の名前か「対象外」を入れてください。"),
    "table-ambiguous": (WARNING, "シート「{sheet}」の見出し（{headers}）は「{tables}」のどれにも同じくらい当てはまるため、読んでいません。設定シートに「表:{sheet}」の行を書き、どの表かを入れてください。"),
    "table-weak": (WARNING, "シート「{sheet}」の見出し（{headers}）は「{table}」の表に一部だけ似ていますが、必要な列がそろわないため読んでいません。台帳の表なら見出しを直すか、設定シートに「表:{sheet}」の行を書いてください。"),
    "settings-table-invalid": (WARNING, "設定シートの「{key}」の「{value}」は表の名前としても会議体としても読めません。名簿・会議・予算などの表の名前、会議体名・会議体ID、または「対象外」を書いてください。"),
    "settings-table-no-sheet": (WARNING, "設定シートの「{key}」のシート「{sheet}」が見つかりません。シート名を確認してください。"),
    "roster-council-from-title": (WARNING, "シート「{sheet}」の名簿には会議体の列がないため、表題「{text}」から「{council}」の名簿として読みました。違う場合は会議体の列を加えてください。"),
    "roster-council-from-file": (WARNING, "シート「{sheet}」の名簿には会議体の列も表題もないため、ファイル名「{text}」から「{council}」の名簿として読みました。違う場合は会議体の列を加えてください。"),
}

# The 次第 of an ordinary meeting (agenda --meeting).
PAPER: Templates = {
    "meeting-agenda-no-date": (WARNING, "{where}の会議の開催日が空欄です。次第の日時は「（未定）」になります。"),
    "meeting-agenda-no-items": (WARNING, "会議「{meeting}」には議題シートの行も、会議シートの議題もないため、次第は開会・その他・閉会だけです。"),
}

# The minutes draft (会議録（案）, issue 14); minutes-confidential is declared in ATTENDANCE.
MINUTES: Templates = {
    "minutes-not-held": (WARNING, "{where}の会議「{value}」はまだ開催済みになっていないため、会議録（案）の出席・欠席は出欠の回答から載せました。"),
    "minutes-no-attendance": (WARNING, "出欠シートに会議「{value}」の行がないため、会議録（案）の出席委員・欠席委員の欄は空欄です（人数は会議シートの出席者数から載せました）。"),
}

# Address labels (宛名ラベル) and the window-envelope notice (issue 16).
LABELS: Templates = {
    "label-no-address": (WARNING, "{where}の{name}さんは送付方法が郵送ですが、住所が空欄のため、宛名ラベルを作っていません。"),
    "label-no-postal-code": (WARNING, "{where}の{name}さんは郵便番号が空欄です。宛名ラベルは郵便番号なしで作りました。"),
    "label-no-recipients": (WARNING, "会議「{meeting}」には郵送で送る宛先がないため、宛名ラベルは作っていません。"),
    "label-offset-invalid": (WARNING, "設定シートの「{key}」の値「{value}」は補正の値として読めないか、範囲外です（-{limit}～{limit} mm）。補正なし（0）で作りました。"),
    "label-offset-cut": (WARNING, "設定シートのラベル印刷の補正が大きすぎて、ラベルの枠が用紙からはみ出すため、はみ出さない位置まで小さくしました。"),
    "window-no-sender-address": (WARNING, "設定シートに「差出人住所」がないため、窓あき封筒用の通知の差出人欄には担当課だけを載せました。"),
}

# 報酬・報償費・謝金・費用弁償 from attendance, with the tax withheld (issue 15).
HONORARIA: Templates = {
    "honoraria-withholding-over-table": (ERROR, "{name}さん（{where}）の{month}の報酬・報償費は合計{amount}円で、源泉徴収税額表（月額表乙欄）の88,000円以上の欄にあたります。この欄の税額はプログラムに入っていないため、源泉徴収額を計算していません（支払明細では空欄）。"),
    "honoraria-fee-rate-invalid": (WARNING, "設定シートの謝金の源泉徴収率「{value}」を読めないため、10.21%（100万円を超える部分は20.42%）で計算しました。"),
    "honoraria-payment-no-amount": (WARNING, "{where}の{name}さんへの{kind}の金額が空欄のため、支払明細に入れていません。"),
    "honoraria-payment-unknown-meeting": (WARNING, "{where}の会議ID「{value}」は会議シートにないため、この謝金の行は支払明細に入れていません。"),
    "honoraria-travel-not-paid": (WARNING, "{where}に{name}さんの費用弁償（{amount}円）が入力されていますが、当日出席していないか支給の対象外（庁内関係課・オブザーバー・代理出席）のため、支給していません。"),
    "honoraria-no-attendance": (WARNING, "{where}の会議「{value}」は開催済みですが、出欠シートにこの会議の行が1つもないため、委員の報酬・費用弁償を計算していません（全員欠席とはみなしません）。"),
    "honoraria-no-date": (WARNING, "{where}の会議は開催済みですが開催日が空欄のため、報酬・費用弁償を計算していません。"),
    "honoraria-meeting-not-held": (WARNING, "会議「{value}」はまだ開催済みではなく、当日の出欠の記録もないため、委員の報酬・費用弁償は計算していません（謝金シートの支払いだけを予定額として載せました）。"),
    "honoraria-no-day-record": (WARNING, "{where}の会議「{value}」は開催済みですが、出欠シートの当日の欄が1つも入力されていないため、出欠の回答（出席・オンライン出席）をもとに報酬・費用弁償を計算しました。回答のない委員は「未回答」として支給していません。"),
    "honoraria-payment-kind-unknown": (WARNING, "{where}の{name}さんへの支払いの区分「{value}」を読めないため（謝金・旅費・報償費のいずれか）、支払明細に入れていません。"),
    "honoraria-pay-withholding-unknown": (WARNING, "設定シートの報酬の源泉徴収「{value}」を読めないため、乙欄（月額表）で源泉徴収しました。源泉徴収しないときは「なし」と入力してください。"),
    "honoraria-nothing-in-scope": (WARNING, "{scope}には支給する報酬・謝金がありません。会議体シートの報酬日額、出欠シートの当日・費用弁償、謝金シートを確認してください。"),
}

# E-mail drafts of notices and the letters of a term renewal (委嘱状・解嘱状・礼状・就任承諾書).
LETTERS: Templates = {
    "email-address-invalid": (WARNING, "{where}の{name}さんのメールアドレスは、アドレスの形になっていないため、メールの下書きを作りませんでした（通知は作成済みです）。"),
    "email-no-pdf": (ERROR, "通知のPDFがないため、メールの下書き{count}件を作りませんでした。"),
    "email-no-recipients": (WARNING, "会議「{meeting}」の宛先に、送付方法が「メール」の委員がいないため、メールの下書きはありません。"),
    "email-template-syntax": (ERROR, "メール本文のひな形「{template}」の{line}行目付近にある {{{{ }}}} や {{% %}} の書き方に誤りがあります（閉じ忘れ、つづりの誤りなど）。該当箇所の付近：「{near}」"),
    "email-template-unreadable": (ERROR, "メール本文のひな形「{template}」を開けません（{detail}）。場所と名前を確認し、文字コード UTF-8 で保存したテキストファイル（.txt）を指定してください。"),
    "appointments-council-not-found": (ERROR, "会議体ID「{value}」は会議体シートにありません。{suggestion}会議体シートの会議体IDを確認してください。"),
    "appointments-nobody": (WARNING, "「{council}」の名簿に、{date}から任期が始まる委員も、その前日で任期が終わる委員もいないため、文書は作りませんでした。"),
    "appointment-no-term-end": (WARNING, "{where}の{name}さんの任期終了が空欄のため、委嘱状の任期は始まりの日だけです。"),
    "appointment-remaining-end": (WARNING, "{where}の{name}さんの任期終了が空欄のため、委嘱状の任期の終わりは、前任者の残任期間の終わり（ほかの委員の任期終了：{end}）としました。"),
    "appointment-no-appointer": (WARNING, "設定シートに「委嘱者」（例：三原市長　見本 太郎）がないため、委嘱状などの差出人は「三原市長」だけにしました。"),
}

# Section title (for the staff guide) -> its codes, in the order staff meet them.
SECTIONS: dict[str, Templates] = {
    "台帳の読み込み": READING,
    "処理の指定": JOBS,
    "文書の作成": DOCUMENTS,
    "出力ファイル": OUTPUTS,
    "台帳への記録": WRITE_BACK,
    "ファイルの書き込み": WRITER,
    "会議体の棚卸・委員構成": INVENTORY,
    "台帳の点検（日程・任期）": LEDGER_HEALTH,
    "出欠・会議録": ATTENDANCE,
    "印刷の設定": PRINT,
    "表の見分け方": READING_MORE,
    "部会の次第": PAPER,
    "会議録（案）": MINUTES,
    "宛名ラベル・窓あき封筒": LABELS,
    "報酬・謝金の計算": HONORARIA,
    "メールの下書き・委嘱状など": LETTERS,
}

# What staff do about a code whose message does not already say it (the staff guide's
# 対処 column). Codes not listed here carry their remedy in the message itself.
REMEDIES: dict[str, str] = {
    "file-not-excel": "別の形式（.ods、.numbers など）で保存されたファイルです。Excelで開き「Excelブック（*.xlsx）」として保存し直してください。",
    "file-too-large": "通常の台帳では起きません。別のファイルを指定していないか確認し、担当者に相談してください。",
    "file-unsafe-xml": "外部から受け取ったファイルの可能性があります。開かずに担当者に相談してください。",
    "file-unreadable": "ファイルの読み取り権限、ネットワークの接続を確認してください。",
    "no-header-row": "表の見出し（会議ID、氏名、開催日など）を先頭20行のどこかに1行で書いてください。",
    "duplicate-column": "同じ意味の列が2つあります。不要な列を削除するか、見出しを変えてください。",
    "unknown-roster-sheet": "名簿のシート名を「高齢者支援部会名簿」のように会議体名（または会議体ID）にしてください。",
    "settings-out-of-range": "設定シートの値を範囲内に直してください。直すまでは既定値で処理します。",
    "unexpected-choice": "想定の値のどれかに直すと、集計や文書に正しく反映されます。",
    "invalid-postal-code": "郵便番号は7桁（723-0000 など）で入力してください。",
    "unknown-person": "氏名の打ち間違いか、名簿にない人です。名簿と氏名をそろえてください。",
    "term-ended": "再任なら任期を更新し、退任なら名簿から外してください。",
    "term-ending-soon": "改選・再任の手続きを準備してください。",
    "concurrent-seats": "国の指針では兼職は4件までが目安です。設定シートの「兼職上限」で目安を変えられます。",
    "total-without-lines": "計の行の位置を確認してください（計の行は集計する行の下に置きます）。",
    "meeting-before-established": "開催日か、会議体の設置日の打ち間違いを確認してください。",
    "reply-after-meeting": "回答期限を開催日より前にしてください。",
    "no-meeting-to-notify": "状態が「予定」「通知済」で、開催日が通知日以降の会議がありません。開催済みの会議の状態が「予定」のままなら「開催済」に直し、会議IDを指定してください。",
    "invalid-request": "指定の仕方を直して、もう一度実行してください。",
    "unexpected-error": "プログラムの不具合の可能性があります。メッセージの画面と、表示されたファイルを担当者に伝えてください。",
    "notice-no-address": "名簿の住所・メールアドレス・送付方法を確認してください。通知は作成済みです。",
    "notice-cancelled": "中止・延期の会議の通知でよいか確認してください。",
    "notice-late": "開催日が近いため、電話などでの連絡も検討してください。",
    "notice-after-meeting": "通知日（--date・基準日）と開催日を確認してください。",
    "notice-no-prefix": "設定シートに「文書番号」の行（例：三保福第）を加えると、その接頭辞で番号を付けます。",
    "agenda-no-date": "会議シートの全体会議の行に開催日を入力してください。",
    "agenda-no-subcommittees": "会議体シートで部会の区分を「部会」にしてください。",
    "tally-not-writable": "集計表のファイルをExcelで開いていれば閉じ、保存先のフォルダを確認してください。",
    "output-edited-kept": "手で直した文書は「（前回）」の名前で残っています。今回の文書と見比べて、必要な直しを移してください。",
    "output-not-ours-kept": "出力フォルダには、ほかのファイルを同じ名前で置かないでください。",
    "output-stale-edited": "名簿から外れた人の文書などです。送付済みでなければ削除して構いません。",
    "writeback-no-origin": "台帳に手で記入してください。",
    "writeback-missing-column": "会議シートにその列を足すと、次から記録します。",
    "writeback-refused": "文書は作成済みです。台帳を閉じてもらうなど、メッセージの理由を解消してから、もう一度実行してください（同じ文書番号で記録します）。",
    "file-locked": "Excelの「ファイル」→「情報」などで開いている人を確かめ、閉じてもらってください。",
    "file-changed": "もう一度実行してください。台帳は変更前のままです。",
    "verify-failed": "元のファイルは変更されていません。もう一度実行し、続くときは担当者に相談してください。",
    "write-failed": "ディスクの空きと、フォルダへの書き込み権限を確認してください。",
    # -- trust-writer
    "writeback-row-changed": "誰かが台帳を編集して保存したためです。文書は作成済みです。台帳の内容を確かめ、もう一度実行すると正しい行に記録します。",
    "writeback-row-missing": "会議IDを変えたり行を削除したりしていないか確認してください。文書は作成済みです。",
    "writeback-key-duplicate": "同じIDの行のどちらかを直してください。",
    "writeback-key-column-missing": "見出しの名前を元に戻すか、会議IDの列を戻してから、もう一度実行してください。",
    "writeback-no-key": "台帳に手で記入してください。",
    "budget-changed": "予算シートを編集中なら保存し終えてから、もう一度実行してください。",
    "file-read-only": "ファイルのプロパティで「読み取り専用」を外すか、書き込み権限のある人に実行を頼んでください。",
    # -- trust-pdf
    "template-too-large": "通常の通知では起きない大きさです。テンプレートの繰り返しの範囲、掛け算・べき乗を小さくしてください。",
    "template-too-slow": "入れ子の繰り返しなど、時間のかかる書き方がないか確認してください。",
    "template-render-failed": "同梱のテンプレートで作れるか確かめ、直したテンプレートの該当箇所を見直してください。",
    "pdf-missing": "PDF フォルダに書き込めるか、ディスクの空きを確認してください。",
    # -- inventory
    "inventory-no-members": "基準日（--as-of、既定は年度の4月1日）と名簿の任期を確認してください。",
    "same-name-unconfirmed": "同じ人なら名簿に人物IDかふりがなを入れてください。別の人なら、そのままで構いません。",
    "gender-unknown": "名簿の「性別」列に入力すると、委員構成の集計に反映されます（氏名から推測はしません）。",
    # -- inv-checks
    "meeting-on-closed-day": "年末年始（12月29日～1月3日）は市役所が閉庁しています。開催日の打ち間違いでないか確認し、そのまま開催するなら会場と連絡体制を確かめてください。",
    "meeting-on-holiday": "祝日（振替休日・国民の休日を含む）に開催するのでよいか確認してください。打ち間違いなら開催日を直してください。",
    "meeting-on-weekend": "住民向けに土日に開く会議なら、そのままで構いません。打ち間違いなら開催日を直してください。",
    "person-double-booked": "同じ人が同じ日に2つの会議に呼ばれています。時間が重ならないか確かめ、重なるならどちらかの日程を変えてください。",
    "notice-too-late": "通知日を確認してください。遅れて通知した場合は、電話などでも出欠を確認してください。設定シートの「通知リードタイム」で日数を変えられます。",
    "council-vacancy": "欠員の補充（後任の推薦依頼・委嘱）を準備してください。名簿に載っていない委員がいれば名簿に加えてください。",
    "duplicate-chair": "前の会長・部会長の行の任期終了を入れるか、どちらかの役職を直してください。",
    "term-past-predecessor": "補欠の委員の任期は前任者の残任期間です。任期終了を、ほかの委員と同じ日に直してください（新たな任期で委嘱した場合はそのままで構いません）。",
    # -- attendance
    "attendance-not-invited": "名簿にいない人の回答は数えていません。代理者なら、委員本人の行の「代理者」欄に書いてください。",
    "attendance-unanswered": "電話などで出欠を確かめ、出欠シートに入力してください。",
    "quorum-not-met": "要綱の定足数を確かめ、欠席の委員に代理出席やオンライン出席を依頼するか、日程を見直してください。",
    "attendance-count-typed": "入力した値が正しければそのままで構いません。出欠シートの当日の記録と見比べてください。",
    "minutes-confidential": "会議録（案）は内部用です。公開する場合は公開用の要旨を別に作ってください。",
    "summary-overdue": "要旨を公表したら、会議シートの要旨公開日に日付を入力してください。",
    "minutes-overdue": "会議録を公表したら、会議シートの会議録公開日に日付を入力してください。",
    "closed-without-reason": "非公開とした理由（個人情報を扱うため、など）を会議シートの非公開理由に入力してください。",
    "schedule-notice-due": "市のホームページなどに開催予定（日時・場所・傍聴の方法）を掲載してください。",
    # -- print-ready
    "notice-no-join-info": "会議シートの「参加方法」列にURL・会議ID・パスコードを入力し、通知を作り直してください。",
    # -- reading-more
    "table-guessed": "正しく読めていれば、そのままで構いません。シート名を表の名前（名簿・会議・予算など）にすると、この警告は出なくなります。",
    "table-ambiguous": "設定シートのA列に「表:シート名」、B列に表の名前（名簿・会議・予算など）を書いてください。",
    "table-weak": "必須の列（名簿なら氏名、会議なら会議ID・会議体、予算なら事業名）があるか確認してください。",
    "roster-council-from-title": "名簿に「会議体」の列を加えるか、シート名を会議体名にすると確実です。",
    "roster-council-from-file": "名簿に「会議体」の列を加えるか、シート名を会議体名にすると確実です。",
    # -- paper
    "meeting-agenda-no-items": "議題シートにその会議の行（会議ID・順・種別・議題・資料）を入力するか、会議シートの議題欄に議題を書いてください。",
    # -- minutes
    "minutes-not-held": "会議のあとで、会議シートの状態を「開催済」にし、出欠シートの「当日」に出欠を入力してから作り直してください。",
    "minutes-no-attendance": "出欠シートにその会議の出欠（回答・当日）を入力して作り直すか、会議録（案）に手で記入してください。",
    # -- labels
    "label-no-address": "名簿の住所を入力するか、送付方法をメールなどに直してください。ほかの人のラベルは作成済みです。",
    "label-no-postal-code": "名簿の郵便番号（723-0000 の形）を入力し、ラベルを作り直してください。",
    "label-no-recipients": "名簿の送付方法を確認してください。メールの人には開催通知のPDFを送ります。",
    "label-offset-invalid": "1.5 や -2 のように、mm の数だけを入力してください。",
    "label-offset-cut": "補正は数mm（-10～10）で足ります。試し刷りを見て、ずれた分だけを入力してください。",
    "window-no-sender-address": "設定シートに「差出人住所」の行（例：〒723-8601 三原市港町三丁目5番1号）を加えてください。",
    # -- honoraria
    "honoraria-withholding-over-table": "国税庁の源泉徴収税額表（月額表の乙欄）でその月の税額を確かめ、支払明細に手で記入してください。",
    "honoraria-travel-not-paid": "出欠シートの当日の記録を確かめてください。支給しないなら費用弁償の欄を空欄にしてください。",
    "honoraria-no-date": "会議シートの開催日を入力してください。",
    "honoraria-no-attendance": "出欠シートに、その会議の委員ごとの行（会議ID・人物ID または氏名・当日）を入力してから、もう一度実行してください。",
    "honoraria-meeting-not-held": "会議が終わったら、出欠シートの当日の欄か会議シートの状態（開催済）を入力して、もう一度実行してください。",
    # -- letters
    "email-address-invalid": "名簿のメールアドレスを「name@example.jp」の形に直し（1つのセルに1つだけ）、もう一度 --email を付けて実行してください。",
    "email-no-pdf": "LibreOffice がなければインストールし、もう一度 --email を付けて実行してください。",
    "appointments-nobody": "--from の日付（新しい任期の始まりの日）と、名簿の任期開始・任期終了を確認してください。",
    "appointment-no-term-end": "名簿の任期終了を入力して、作り直してください。",
    "appointment-no-appointer": "設定シートに「委嘱者」の行を加えると、その名前で作ります。",
    # -- fix-money
    "honoraria-no-day-record": "出欠シートの当日の欄に、委員ごとの出席・欠席・遅刻・早退を入力してから、もう一度実行してください。",
    "honoraria-payment-kind-unknown": "謝金シートの区分を「謝金」「旅費」「報償費」のどれかに直してください（交通費は「旅費」）。",
    "honoraria-pay-withholding-unknown": "設定シートの報酬の源泉徴収を「乙欄」か「なし」にしてください。",
    # -- fix-paper
    "email-template-syntax": "メモ帳などでひな形を開き、{{ と }}、{% と %} の組や、{% if %} と {% endif %} の組がそろっているか確認してください。",
    "email-template-unreadable": "メモ帳の「名前を付けて保存」で、文字コードに「UTF-8」を選んで保存し直してください。",
    "appointment-remaining-end": "補欠の委員なら、名簿の任期終了に前任者の任期の終わりの日を入力してください。",
}


def _merge(sections: dict[str, Templates]) -> Templates:
    merged: Templates = {}
    for part in sections.values():
        for code, entry in part.items():
            if code in merged:  # one declaration per code: the writer uses the reader's file-not-found
                raise ValueError(f"problem code {code!r} declared twice")
            merged[code] = entry
    return merged


CATALOG: Templates = _merge(SECTIONS)


_FIELDS = ("code", "severity", "message", "file", "sheet", "cell", "value", "row", "field")


class Problem:
    """One problem found in a ledger, at one place.

    ``cell`` is an A1 address ("C7") on ``sheet``; either may be ``None`` when the problem
    concerns a whole file or sheet. ``row`` is the 1-based row and ``field`` the record
    field (``date``) it concerns, when known: code looks them up here, never in ``cell``.
    ``value`` is what the reader saw, as text.

    ``message`` is built when first read, from the catalog's template and the details
    :func:`make_problem` was given (a ledger whose every term has ended makes thousands of
    problems nobody may read; the 和暦 dates of their messages cost more than the rest of
    the check). A problem is a value: immutable, compared and hashed by its fields.
    """

    # Private slots behind read-only properties: set directly in ``__init__`` (a quarter of
    # the cost of a frozen dataclass's object.__setattr__ per field), never after.
    __slots__ = ("_code", "_severity", "_message", "_file", "_sheet", "_cell", "_value", "_row", "_field",
                 "_details")

    def __init__(self, code: str, severity: str, message: str | None = None, file: str | None = None,
                 sheet: str | None = None, cell: str | None = None, value: str | None = None,
                 row: int | None = None, field: str | None = None, *,
                 details: dict[str, Any] | None = None) -> None:
        self._code = code
        self._severity = severity
        self._message = message
        self._file = file
        self._sheet = sheet
        self._cell = cell
        self._value = value
        self._row = row
        self._field = field
        self._details = details

    code = property(attrgetter("_code"), doc="The stable code (``invalid-date``), see :data:`CATALOG`.")
    severity = property(attrgetter("_severity"), doc="``error`` or ``warning``.")
    file = property(attrgetter("_file"), doc="The file as the user gave it, or ``None``.")
    sheet = property(attrgetter("_sheet"), doc="The sheet, or ``None``.")
    cell = property(attrgetter("_cell"), doc="The A1 address on the sheet, or ``None``.")
    value = property(attrgetter("_value"), doc="What the reader saw, as text (never personal data).")
    row = property(attrgetter("_row"), doc="The 1-based row, or ``None``.")
    field = property(attrgetter("_field"), doc="The record field concerned (``date``), or ``None``.")

    @property
    def message(self) -> str:
        """The Japanese message staff read, naming the place (built once, when first read)."""
        message = self._message
        if message is None:
            message = _message(self._code, self._file, self._sheet, self._cell, self._value, self._details or {})
            self._message = message
        return message

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Problem({shown})"

    def __reduce__(self):  # pickling and copy: the message is built first
        return (Problem, self._key())

    @property
    def location(self) -> str:
        """Where the problem is, the way staff write it: ``会議!C7``, ``会議``, or the file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.sheet:
            return self.sheet
        return self.file or ""

    @property
    def severity_ja(self) -> str:
        """「エラー」 or 「警告」."""
        return SEVERITY_JA[self.severity]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json`` output)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "field": self.field,
            "location": self.location,
            "value": self.value,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"[{self.severity_ja}] {self.location} {self.code}: {self.message}"


def make_problem(
    code: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    field: str | None = None,
    value: Any = None,
    severity: str | None = None,
    **details: Any,
) -> Problem:
    """Build a :class:`Problem` from the catalog; its message template is filled when the
    message is first read.

    ``where`` in a template is filled with the location (``会議!C7``) unless given.
    ``severity`` overrides the catalog's default (e.g. a choice that is only a warning).
    ``row`` defaults to the number in ``cell``.
    """
    default_severity = CATALOG[code][0]  # an unknown code fails here, not when read
    shown = None
    if value is not None:
        shown = value if type(value) is str and len(value) <= 60 else _shown(value)
        if shown and (field in PERSONAL_FIELDS or looks_personal(shown)):
            shown = PERSONAL_MASK  # the cell is named; what was typed in it is not repeated
    return Problem(
        code,
        severity or default_severity,
        None,
        file,
        sheet,
        cell,
        None if shown == PERSONAL_MASK else shown,
        row if row is not None or not cell else _row_of(cell),
        field,
        details=details if shown != PERSONAL_MASK else {**details, "value": PERSONAL_MASK},
    )


def _message(code: str, file: str | None, sheet: str | None, cell: str | None, value: str | None,
             details: dict[str, Any]) -> str:
    """A problem's message: its template filled with its place and details."""
    template = CATALOG[code][1]
    if sheet and cell:
        where = f"{sheet}!{cell}"
    elif sheet:
        where = f"シート「{sheet}」"
    else:
        where = f"「{file}」" if file else ""
    fill = {"file": file or "", "sheet": sheet or "", "value": "" if value is None else value, "where": where}
    # A detail is a whole sentence (a refusal, a reason): never cut like a quoted cell.
    fill.update({k: str(v) if k == "detail" else _shown(v) for k, v in details.items()})
    message = template.format_map(_Defaulting(fill))
    if not where:  # a problem with no place: 「{where}の…」 reads from its second word
        message = message.removeprefix("の")
    return message


# Personal fields (住所, 電話, メール): a problem never repeats what was typed in them, nor
# a phone number or e-mail address typed in another column (the cell is named instead).
PERSONAL_FIELDS = frozenset({"address", "phone", "email"})
PERSONAL_MASK = "（個人情報のため表示しません）"
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-(\s]?\d{1,4}[-)\s]?\d{3,4}(?!\d)")


def looks_personal(text: str) -> bool:
    """True when ``text`` holds an e-mail address or a Japanese phone number (after NFKC,
    so 全角 digits and hyphens count)."""
    normal = unicodedata.normalize("NFKC", text).replace("ー", "-").replace("‐", "-").replace("−", "-")
    return bool(_EMAIL.search(normal) or _PHONE.search(normal))


def problem_at(code: str, origin: Any, field_name: str | None = None, **details: Any) -> Problem:
    """A problem on the row a record was read from (``origin``), at ``field_name``'s cell.

    ``origin`` is a record's :class:`~mihara_sheets.ledger.records.Origin` or ``None`` (then
    the problem has no place). Without the field's column, the cell is the row's first.
    """
    if origin is None:
        return make_problem(code, field=field_name, **details)
    cell = (origin.cell(field_name) if field_name else None) or origin.cell("name") or f"A{origin.row}"
    return make_problem(code, file=origin.file, sheet=origin.sheet, cell=cell, row=origin.row,
                        field=field_name, **details)


def _row_of(cell: str) -> int | None:
    digits = cell.lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else None


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):  # staff read dates in 和暦
        from .wareki import format_date  # only when a message with a date is read

        day = value if type(value) is dt.date else value.date()
        try:
            value = format_date(day)
        except ValueError:  # before 大正: no era to write it in
            value = format_date(day, era=False)
    elif isinstance(value, dt.time):
        value = value.strftime("%H:%M")
    text = str(value)
    # Long cell texts are cut so a message stays one readable line.
    return text if len(text) <= 60 else text[:57] + "…"


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


class ProblemError(Exception):
    """An exception that stops a job, carrying the :class:`Problem` staff are shown."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def message(self) -> str:
        return self.problem.message


class LedgerReadError(Exception):
    """Raised by :func:`mihara_sheets.load_ledger` when a file cannot be read at all.

    ``problems`` holds one problem per unreadable file (every path is tried first, so all
    of them are reported together).
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is of severity ``error`` (a job's result is then not ok)."""
    return any(problem.severity == ERROR for problem in problems)


def count_by_severity(problems: Iterable[Problem]) -> dict[str, int]:
    """``{"error": n, "warning": m}`` for a list of problems."""
    counts = {ERROR: 0, WARNING: 0}
    for problem in problems:
        counts[problem.severity] += 1
    return counts
