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
from dataclasses import dataclass
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

# Section title (for the staff guide) -> its codes, in the order staff meet them.
# Address labels, e-mail drafts, a meeting's 次第, appointment letters (委嘱状・解嘱状・礼状).
PAPER: Templates = {
    "meeting-agenda-no-date": (WARNING, "{where}の会議の開催日が空欄です。次第の日時は「（未定）」になります。"),
    "meeting-agenda-no-items": (WARNING, "会議「{meeting}」には議題シートの行も、会議シートの議題もないため、次第は開会・その他・閉会だけです。"),
}

SECTIONS: dict[str, Templates] = {
    "台帳の読み込み": READING,
    "処理の指定": JOBS,
    "文書の作成": DOCUMENTS,
    "出力ファイル": OUTPUTS,
    "台帳への記録": WRITE_BACK,
    "ファイルの書き込み": WRITER,
    "宛名ラベル・メール・委嘱状": PAPER,
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
    "no-meeting-to-notify": "状態が「予定」「通知済」で開催日のある会議がありません。会議IDを指定してください。",
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
    # -- paper
    "meeting-agenda-no-items": "議題シートにその会議の行（会議ID・順・種別・議題・資料）を入力するか、会議シートの議題欄に議題を書いてください。",
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


@dataclass(frozen=True)
class Problem:
    """One problem found in a ledger, at one place.

    ``cell`` is an A1 address ("C7") on ``sheet``; either may be ``None`` when the problem
    concerns a whole file or sheet. ``row`` is the 1-based row and ``field`` the record
    field (``date``) it concerns, when known: code looks them up here, never in ``cell``.
    ``value`` is what the reader saw, as text.
    """

    code: str
    severity: str
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None
    row: int | None = None
    field: str | None = None

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
    """Build a :class:`Problem` from the catalog, filling its message template.

    ``where`` in a template is filled with the location (``会議!C7``) unless given.
    ``severity`` overrides the catalog's default (e.g. a choice that is only a warning).
    ``row`` defaults to the number in ``cell``.
    """
    default_severity, template = CATALOG[code]
    shown = "" if value is None else _shown(value)
    if sheet and cell:
        where = f"{sheet}!{cell}"
    elif sheet:
        where = f"シート「{sheet}」"
    else:
        where = f"「{file}」" if file else ""
    fill = {"file": file or "", "sheet": sheet or "", "value": shown, "where": where}
    # A detail is a whole sentence (a refusal, a reason): never cut like a quoted cell.
    fill.update({k: str(v) if k == "detail" else _shown(v) for k, v in details.items()})
    message = template.format_map(_Defaulting(fill))
    if not where:  # a problem with no place: 「{where}の…」 reads from its second word
        message = message.removeprefix("の")
    return Problem(
        code=code,
        severity=severity or default_severity,
        message=message,
        file=file,
        sheet=sheet,
        cell=cell,
        value=shown if value is not None else None,
        row=row if row is not None or not cell else _row_of(cell),
        field=field,
    )


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
        from .wareki import format_date

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
