"""File names that work everywhere, and the mailing list (宛名一覧) as a new .xlsx."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import xlsxwriter

from .errors import DocumentError

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
MAX_NAME_CHARS = 40


def safe_filename(text: str, *, fallback: str = "名称なし") -> str:
    """A file-name part made from any text (a member's name, a meeting ID).

    Keeps Japanese, drops what Windows, macOS or Linux forbid (``/ \\ : * ? " < > |``, control
    characters), trailing dots and spaces, reserved device names, and cuts long names.
    """
    text = unicodedata.normalize("NFC", text or "")
    text = _FORBIDDEN.sub("", text)
    text = re.sub(r"\s+", "", text)  # 「広島 花子」→「広島花子」; spaces trouble scripts
    text = text.strip(". ")[:MAX_NAME_CHARS].strip(". ")
    if not text or _WINDOWS_RESERVED.match(text):
        text = f"{fallback}_{text}" if text else fallback
    return text


MAILING_COLUMNS = [
    ("No.", 5),
    ("郵便番号", 10),
    ("住所", 40),
    ("宛名", 22),
    ("所属", 28),
    ("役職", 14),
    ("送付方法", 10),
    ("メールアドレス", 28),
    ("確認事項", 50),
]


def write_mailing_list(path: Path, rows: list[dict[str, str]], *, title: str) -> Path:
    """Write the 宛名一覧 workbook (a new file, so XlsxWriter) with a title row and filters."""
    return write_list_workbook(path, "宛名一覧", MAILING_COLUMNS, rows, title=title,
                               red=lambda row, column: column == "確認事項" and bool(row.get(column)))


def write_list_workbook(path: Path, sheet_name: str, columns: Sequence[tuple[str, int]],
                        rows: list[dict[str, str]], *, title: str,
                        red: Callable[[dict[str, str], str], bool] = lambda row, column: False) -> Path:
    """A one-sheet list for staff (a new file, so XlsxWriter): title, header, filters, A4.

    Every cell is text (postal codes keep their zeros); ``red(row, column)`` says which cells
    to show in red (what staff must look at).
    """
    workbook = xlsxwriter.Workbook(str(path))
    try:
        sheet = workbook.add_worksheet(sheet_name)
        bold = workbook.add_format({"bold": True, "font_name": "ＭＳ ゴシック"})
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "font_name": "ＭＳ ゴシック"})
        text = workbook.add_format({"num_format": "@", "border": 1, "font_name": "ＭＳ 明朝", "text_wrap": True, "valign": "top"})
        warn = workbook.add_format({"num_format": "@", "border": 1, "font_name": "ＭＳ 明朝", "text_wrap": True, "valign": "top", "font_color": "#C00000"})
        sheet.write_string(0, 0, title, bold)
        for col, (name, width) in enumerate(columns):
            sheet.write_string(2, col, name, header)
            sheet.set_column(col, col, width)
        for r, row in enumerate(rows, start=3):
            for col, (name, _) in enumerate(columns):
                style = warn if red(row, name) else text
                sheet.write_string(r, col, row.get(name, ""), style)
        sheet.autofilter(2, 0, 2 + max(len(rows), 1), len(columns) - 1)
        sheet.freeze_panes(3, 0)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(2)
    finally:
        workbook.close()
    return path


@contextmanager
def writing_into(folder: Path) -> Iterator[None]:
    """Turn an OSError while writing outputs into a Japanese :class:`DocumentError`."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        yield
    except FileCreateError as exc:  # XlsxWriter's own: the 宛名一覧 is open in Excel, or the like
        raise DocumentError("output-not-writable", file=str(folder), detail="宛名一覧を保存できません") from exc
    except OSError as exc:
        raise DocumentError("output-not-writable", file=str(exc.filename or folder), detail=exc.strerror or exc) from exc
