"""One way to make a new .xlsx (XlsxWriter): print-ready sheets for every workbook we create.

Every workbook the project creates (the budget tally, the 宛名一覧, the inventory, and the
products that come later) is made through :func:`new_workbook` and each sheet through a
:class:`SheetLayout`, so all of them print the same way:

- A4 (paper 9), the orientation chosen per sheet, fit to one page wide (any number tall),
  the header row repeated on every page (``_xlnm.Print_Titles``), 1.5 cm side margins,
  page numbers 「- 1 / 3 -」 in the footer;
- a title row, and under it 「作成日 令和8年12月3日　台帳: 台帳.xlsx」;
- column widths from the content, counting East Asian wide characters double
  (``unicodedata.east_asian_width``), and row heights for wrapped text so lines never
  run into the next row;
- frozen header panes; numbers stored as numbers; dates shown in 和暦.

The document properties (title, author = 設定 担当課, created = now) are set too.
This module only creates new files; a staff workbook is never saved through it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from .wareki import format_date

A4 = 9
#: Excel's own 和暦 date format (the LCID form LibreOffice also shows).
WAREKI_FORMAT = '[$-411]ggge"年"m"月"d"日"'
#: Footer with page numbers: 「- 1 / 3 -」.
FOOTER = "&C- &P / &N -"
MARGINS = {"left": 0.6, "right": 0.6, "top": 0.75, "bottom": 0.75}
LINE_HEIGHT = 15.0  # points per text line (11 pt Japanese fonts)
MIN_WIDTH, MAX_WIDTH = 6.0, 50.0


def text_width(value: Any) -> int:
    """Display width of a value's longest line, East Asian wide characters counting 2."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return 10
    if isinstance(value, (dt.date, dt.datetime)):
        return 16  # 令和10年12月31日
    lines = str(value).split("\n") or [""]
    return max(len(line) if line.isascii() else sum(_char_width(ch) for ch in line) for line in lines)


@functools.lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def line_count(text: str, column_width: float) -> int:
    """How many printed lines ``text`` takes wrapped in a column ``column_width`` wide."""
    room = max(column_width - 1, 1)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in str(text).split("\n"))


def new_workbook(target: str | Path | io.BytesIO, *, title: str, author: str = "", subject: str = "") -> Any:
    """A new XlsxWriter workbook that never turns ledger text into formulas or links.

    ``target`` is a path or a BytesIO (then the workbook is kept in memory). The document
    properties carry ``title``, ``author`` (設定 担当課) and the time it was made.
    """
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    if isinstance(target, io.BytesIO):
        options["in_memory"] = True
        book = xlsxwriter.Workbook(target, options)
    else:
        book = xlsxwriter.Workbook(str(target), options)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    book.set_properties({"title": title, "author": author or "三原市", "subject": subject,
                         "company": author or "", "created": now})
    return book


def made_line(made_on: dt.date | None, ledger_name: str = "") -> str:
    """「作成日 令和8年12月3日　台帳: 台帳.xlsx」, the line under every sheet's title."""
    text = f"作成日 {format_date(made_on or dt.date.today())}"
    return f"{text}　台帳: {ledger_name}" if ledger_name else text


def ledger_names(sources: Iterable[str]) -> str:
    """The ledgers' file names joined with 、 (no folders: they say nothing on paper)."""
    return "、".join(Path(s).name for s in sources if s)


class SheetLayout:
    """Page setup, title, widths and row heights of one sheet being written.

    Write cells through :meth:`write` (or note them with :meth:`track`), so widths and row
    heights follow the content; call :meth:`finish` last.
    """

    def __init__(self, sheet: Any, *, header_row: int, landscape: bool = False,
                 freeze_cols: int = 0, min_width: float = MIN_WIDTH, max_width: float = MAX_WIDTH) -> None:
        self.sheet = sheet
        self.header_row = header_row
        self.landscape = landscape
        self.freeze_cols = freeze_cols
        self.min_width, self.max_width = min_width, max_width
        self.widths: dict[int, int] = {}
        self.fixed: dict[int, float] = {}
        self.wrapped: dict[int, list[tuple[int, str]]] = {}  # row -> [(col, text)]
        self.last_col = 0

    def title(self, text: str, made: str, title_format: Any = None, note_format: Any = None) -> None:
        """Row 1: the title; row 2: the 作成日 / 台帳 line (not counted for column widths)."""
        self.sheet.write_string(0, 0, text, title_format)
        self.sheet.write_string(1, 0, made, note_format)

    def track(self, row: int, col: int, value: Any, *, wrap: bool = False) -> None:
        """Count ``value`` for the width of ``col`` (and, when wrapped, the height of ``row``)."""
        width = text_width(value)
        self.last_col = max(self.last_col, col)
        if row >= self.header_row:
            self.widths[col] = max(self.widths.get(col, 0), width)
        if wrap or (isinstance(value, str) and "\n" in value):
            self.wrapped.setdefault(row, []).append((col, str(value)))

    def write(self, row: int, col: int, value: Any, fmt: Any = None, *, wrap: bool = False) -> None:
        """Write ``value`` with the type it has: numbers as numbers, text as text, None blank."""
        self.track(row, col, value, wrap=wrap)
        sheet = self.sheet
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, fmt)
        elif isinstance(value, (dt.date, dt.datetime)):
            sheet.write_datetime(row, col, value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)

    def width(self, col: int, width: float) -> None:
        """Fix the width of ``col`` (characters) instead of measuring it."""
        self.fixed[col] = width

    def column_width(self, col: int) -> float:
        """The width ``col`` will get: fixed, else the content's (+2), within the limits."""
        if col in self.fixed:
            return self.fixed[col]
        return min(max(self.widths.get(col, 0) + 2, self.min_width), self.max_width)

    def finish(self) -> None:
        """Set widths, row heights, frozen panes and the print setup (A4, one page wide)."""
        sheet = self.sheet
        for col in range(self.last_col + 1):
            sheet.set_column(col, col, self.column_width(col))
        for row, cells in self.wrapped.items():
            lines = max(line_count(text, self.column_width(col)) for col, text in cells)
            if lines > 1:
                sheet.set_row(row, LINE_HEIGHT * lines + 3)
        sheet.freeze_panes(self.header_row + 1, self.freeze_cols)
        print_setup(sheet, header_row=self.header_row, landscape=self.landscape)


def print_setup(sheet: Any, *, header_row: int | None, landscape: bool) -> None:
    """A4, the orientation, fit to one page wide, margins, page numbers, print titles."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(**MARGINS)
    sheet.set_footer(FOOTER)
    sheet.center_horizontally()
    if header_row is not None:
        sheet.repeat_rows(header_row)
