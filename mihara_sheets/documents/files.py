"""File names that work everywhere, one document with its PDF, and the list workbooks (宛名一覧, 出欠一覧)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DocumentError

if TYPE_CHECKING:
    from ..outputs import OutputFolder
    from ..problems import Problem

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


def write_document(outputs: OutputFolder, name: str, data: bytes, *,
                   pdf: bool) -> tuple[Path, Path | None, Problem | None]:
    """Write the .docx ``name`` through ``outputs`` and, with ``pdf``, ``PDF/<stem>.pdf`` beside it.

    Room is made for the PDF as for the .docx (a hand-edited one is kept as …（前回）);
    without ``pdf`` our own PDF of an earlier run is removed, so no print of an older
    version lies beside the new file. Returns the .docx, the PDF (or None) and the problem
    of a failed conversion (or None): the .docx is written either way.
    """
    from .pdf import convert_to_pdf

    docx = outputs.write(name, data)
    relative = f"PDF/{docx.stem}.pdf"
    if not pdf:
        outputs.remove_own(relative)
        return docx, None, None
    outputs.path_for(relative)
    try:
        made = convert_to_pdf([docx], outputs.folder / "PDF")[0]
    except DocumentError as error:
        return docx, None, error.problem
    outputs.adopt(made)
    return docx, made, None


#: The columns of the 宛名一覧 and the widest each may grow (characters; longer text wraps).
MAILING_COLUMNS = [
    ("No.", 5),
    ("郵便番号", 10),
    ("住所", 34),
    ("宛名", 20),
    ("所属", 26),
    ("役職", 22),
    ("送付方法", 10),
    ("メールアドレス", 26),
    ("確認事項", 36),
]


def write_mailing_list(path: Path, rows: list[dict[str, Any]], *, title: str, made_on: dt.date | None = None,
                       ledger_name: str = "", author: str = "") -> Path:
    """Write the 宛名一覧 workbook: print-ready, one landscape page wide (see :func:`write_list_workbook`)."""
    return write_list_workbook(path, "宛名一覧", MAILING_COLUMNS, rows, title=title, made_on=made_on,
                               ledger_name=ledger_name, author=author,
                               red=lambda row, column: column == "確認事項" and bool(row.get(column)))


def write_list_workbook(path: Path, sheet_name: str, columns: Sequence[tuple[str, int]],
                        rows: list[dict[str, Any]], *, title: str, made_on: dt.date | None = None,
                        ledger_name: str = "", author: str = "",
                        red: Callable[[dict[str, Any], str], bool] = lambda row, column: False) -> Path:
    """A one-sheet list for staff (a new file, so XlsxWriter), print-ready.

    Row 1 the title, row 2 作成日 and the ledger's name, row 3 the header (repeated on every
    printed page, with filters), then one row per entry; an ``int`` is written as a number,
    everything else as text (postal codes keep their hyphen and zeros). Column widths follow
    the content up to the widths in ``columns``; longer text wraps and its row grows.
    ``red(row, column)`` says which cells to show in red (what staff must look at).
    """
    from ..xlsx_out import SheetLayout, made_line, new_workbook

    workbook = new_workbook(path, title=title, author=author)
    try:
        sheet = workbook.add_worksheet(sheet_name)
        gothic = {"font_name": "ＭＳ ゴシック"}
        bold = workbook.add_format({"bold": True, "font_size": 12, **gothic})
        note = workbook.add_format({"font_color": "#595959", **gothic})
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter", **gothic})
        cell = {"border": 1, "font_name": "ＭＳ 明朝", "text_wrap": True, "valign": "top"}
        text = workbook.add_format({"num_format": "@", **cell})
        number = workbook.add_format({"num_format": "0", **cell})
        warn = workbook.add_format({"num_format": "@", "font_color": "#C00000", **cell})
        layout = SheetLayout(sheet, header_row=2, landscape=True, freeze_cols=0)
        layout.title(title, made_line(made_on, ledger_name), bold, note)
        for col, (name, _) in enumerate(columns):
            layout.write(2, col, name, header)
        for r, row in enumerate(rows, start=3):
            for col, (name, _) in enumerate(columns):
                value = row.get(name, "")
                if isinstance(value, int) and not isinstance(value, bool):
                    layout.write(r, col, value, number)
                    continue
                layout.write(r, col, value or None, warn if red(row, name) else text, wrap=True)
        for col, (_, widest) in enumerate(columns):
            layout.width(col, min(max(layout.column_width(col), 6), widest))
        sheet.autofilter(2, 0, 2 + max(len(rows), 1), len(columns) - 1)
        layout.finish()
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
        from ..outputs import os_reason

        raise DocumentError("output-not-writable", file=str(exc.filename or folder), detail=os_reason(exc)) from exc
