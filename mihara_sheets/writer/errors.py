"""The one exception the writer raises: a refusal worded for staff.

Every refusal carries a stable kebab-case ``code`` (scripts and the staff guide refer to
it, so never rename one), the place it concerns (file, sheet, cell) and a Japanese message
a member of staff can act on. ``str(exc)`` is that message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# code -> Japanese message template, filled with str.format(**details).
MESSAGES: dict[str, str] = {
    "no-such-sheet": "シート「{sheet}」がファイル「{file}」にありません。シート名を確認してください。",
    "not-a-worksheet": "シート「{sheet}」はグラフシートなどの特殊なシートのため書き込めません。",
    "invalid-cell": "セル番地「{cell}」が正しくありません。B7 のように列の英字と行番号で指定してください。",
    "merged-cell": "{sheet}!{cell} は結合セルの一部のため書き込めません。結合範囲の左上のセル（{sheet}!{anchor}）に書き込んでください。",
    "table-header": "{sheet}!{cell} はテーブル「{table}」の見出しのため書き込めません。見出しを変えるときはExcelで直接編集してください。",
    "table-totals-row": "シート「{sheet}」のテーブル「{table}」には集計行があるため、下に行を追加できません。Excelで集計行をオフにしてから実行してください。",
    "array-formula": "{sheet}!{cell} は配列数式（{range}）の一部のため書き込めません。Excelで配列数式を解除してから実行してください。",
    "protected-cell": "{sheet}!{cell} はシートの保護によりロックされているため書き込めません。Excelで「シート保護の解除」をしてから実行してください。",
    "protected-workbook": "ファイル「{file}」はブックの構成が保護されているため、シートを追加・置き換えできません。Excelで「ブックの保護」を解除してから実行してください。",
    "staff-sheet": "シート「{sheet}」はこのプログラムが作ったシートではないため置き換えません。別のシート名を指定するか、不要ならExcelで削除してから実行してください。",
    "invalid-sheet-name": "シート名「{sheet}」は使えません（{detail}）。",
    "invalid-value": "{sheet}!{cell} に書き込む値「{value}」は扱えません（{detail}）。",
    "value-too-long": "{sheet}!{cell} に書き込む文字列が長すぎます（{length}文字。Excelの上限は32,767文字）。",
    "file-not-found": "ファイル「{file}」が見つかりません。場所と名前を確認してください。",
    "file-locked": "ファイル「{file}」は{holder}が開いているため書き込めません。ファイルを閉じてもらってから、もう一度実行してください。",
    "file-changed": "ファイル「{file}」は処理中に他の人またはプログラムによって変更されました。書き込みを中止しました（ファイルは変更前のままです）。もう一度実行してください。",
    "not-a-workbook": "ファイル「{file}」はExcelのブック（.xlsx / .xlsm）ではないため書き込めません（{detail}）。",
    "unsupported-workbook": "ファイル「{file}」は安全に書き込めない形式です（{detail}）。Excelで開いて「Excelブック」として保存し直してから実行してください。",
    "verify-failed": "ファイル「{file}」への書き込みを確認できなかったため、保存を中止しました（元のファイルは変更されていません。{detail}）。",
    "write-failed": "ファイル「{file}」を保存できませんでした（{detail}）。元のファイルは変更されていません。",
}


class WriteRefused(Exception):
    """The writer would not (or could not safely) write; nothing was changed.

    ``code`` is stable and kebab-case; ``sheet``, ``cell`` and ``file`` say where;
    ``message`` (also ``str(exc)``) is Japanese for staff.
    """

    def __init__(
        self,
        code: str,
        *,
        file: str | Path | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        **details: Any,
    ) -> None:
        self.code = code
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.cell = cell
        self.details = details
        template = MESSAGES.get(code, "書き込めません（{code}）。")
        fields = {"file": _display_name(self.file), "sheet": sheet, "cell": cell, "code": code}
        fields.update(details)
        self.message = template.format_map(_Default(fields))
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def with_file(self, file: str | Path) -> "WriteRefused":
        """Return the same refusal naming ``file`` (for errors raised before it was known)."""
        return WriteRefused(self.code, file=file, sheet=self.sheet, cell=self.cell, **self.details)


def _display_name(file: str | None) -> str:
    # Staff recognise the file by its name; the full path adds noise (and may hold names).
    return Path(file).name if file else "?"


class _Default(dict):
    """format_map helper: a missing field shows as ? rather than raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "?"
