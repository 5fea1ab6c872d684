"""The XML of a sheet the library generates (予算集計, チェック結果, ...).

Simple and predictable: optional title lines (the first bold), an optional bold header
row (frozen), thin borders round the table, column widths, number and date formats per
column, and a print setup in the sheet's own XML (A4, the orientation, one page wide,
page numbers in the footer). Styles come from :class:`~.styles.Styles`, so they are
appended to the workbook's own styles.xml. The header row repeated on every printed page
is a defined name of workbook.xml, set by :class:`~.book.Book`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any, Mapping, Sequence

from .cells import Formula, cell_xml, index_to_col, make_range, make_ref, value_kind
from .errors import WriteRefused
from .styles import DATE_FORMAT, DATETIME_FORMAT, FORMAT_ALIASES, Styles
from .xmlutil import MAIN_NS, REL_NS

MAX_SHEET_NAME = 31
_FORBIDDEN = set('[]:*?/\\')


def check_sheet_name(name: str) -> None:
    """Refuse a name Excel would not accept for a sheet."""
    if not isinstance(name, str) or not name.strip():
        raise WriteRefused("invalid-sheet-name", sheet=str(name), detail="空の名前です")
    if len(name) > MAX_SHEET_NAME:
        raise WriteRefused("invalid-sheet-name", sheet=name, detail="31文字以内にしてください")
    bad = sorted(set(name) & _FORBIDDEN)
    if bad:
        raise WriteRefused("invalid-sheet-name", sheet=name, detail="次の文字は使えません: " + " ".join(bad))
    if name.startswith("'") or name.endswith("'"):
        raise WriteRefused("invalid-sheet-name", sheet=name, detail="先頭と末尾に ' は使えません")
    if name.casefold() == "history":
        raise WriteRefused("invalid-sheet-name", sheet=name, detail="History はExcelの予約語です")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise WriteRefused("invalid-sheet-name", sheet=name, detail="制御文字は使えません")


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, Formula):
        value = value.cached
    if isinstance(value, (dt.date, dt.datetime)):
        return 12
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return len(f"{value:,}") + 1 if not isinstance(value, float) else 12
    text = str(value).split("\n")[0]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format_for_column(
    number_formats: Mapping[Any, str] | None, index: int, header: Any
) -> str | None:
    if not number_formats:
        return None
    for key in (index, index_to_col(index + 1), header):
        if key is not None and key in number_formats:
            code = number_formats[key]
            return FORMAT_ALIASES.get(code, code)
    return None


#: Page footer of generated sheets: 「- 1 / 2 -」.
FOOTER = "&C- &P / &N -"


def _page_xml(landscape: bool) -> bytes:
    """printOptions … headerFooter: A4, orientation, fit to one page wide, footer."""
    orientation = "landscape" if landscape else "portrait"
    footer = FOOTER.replace("&", "&amp;")
    return (
        b'<printOptions horizontalCentered="1"/>'
        b'<pageMargins left="0.6" right="0.6" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        + f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'.encode()
        + f"<headerFooter><oddFooter>{footer}</oddFooter></headerFooter>".encode()
    )


def build_sheet(
    rows: Sequence[Sequence[Any]],
    styles: Styles,
    *,
    header: bool,
    widths: Sequence[float | None] | None,
    number_formats: Mapping[Any, str] | None,
    date1904: bool,
    sheet: str,
    title: Sequence[str] = (),
    landscape: bool = False,
    borders: bool = False,
) -> tuple[bytes, dict[str, Any]]:
    """The worksheet XML for ``rows`` and the {ref: value} it holds (for verification).

    ``title`` lines go above the rows (the first in a bold title style); the header is
    then the row after them. With ``borders`` the table (header down to the first empty
    row) gets thin borders.
    """
    title = [t for t in title if t]
    rows = [[t] for t in title] + [list(r) for r in rows]
    top = len(title)  # 0-based index of the header (or first) row
    ncols = max((len(r) for r in rows[top:]), default=0)
    headers = rows[top] if header and len(rows) > top else []
    col_styles: dict[tuple[int, str], int] = {}
    written: dict[str, Any] = {}
    body: list[bytes] = []
    head_style = styles.header_style() if header and len(rows) > top else 0
    table_end = next((i for i in range(top, len(rows)) if not any(v is not None for v in rows[i])), len(rows))
    bordered = borders and styles.available

    def style_for(col: int, value: Any) -> int:
        kind = value_kind(value.cached if isinstance(value, Formula) else value)
        code = _format_for_column(number_formats, col, headers[col] if col < len(headers) else None)
        if code is None:
            if kind == "date":
                code = DATE_FORMAT
            elif kind == "datetime":
                code = DATETIME_FORMAT
            else:
                return 0
        key = (col, code)
        if key not in col_styles:
            col_styles[key] = styles.with_num_fmt(0, code)
        return col_styles[key]

    title_style = styles.title_style() if title else 0
    for r, values in enumerate(rows, start=1):
        cells = []
        in_table = top < r <= table_end
        for c, value in enumerate(values):
            if r <= top:
                style = title_style if r == 1 else 0
            elif value is None and not (bordered and in_table and c < ncols):
                continue
            else:
                if header and r == top + 1:
                    style = head_style
                else:
                    style = style_for(c, value) if value is not None else 0
                if bordered and in_table:
                    style = styles.with_border(style)
            ref = make_ref(r, c + 1)
            if value is None:
                cells.append(f'<c r="{ref}" s="{style}"/>'.encode())
                continue
            cells.append(cell_xml(ref, style, value, date1904, sheet))
            written[ref] = value
        if bordered and in_table:  # every cell of a table row is framed, filled or not
            for c in range(len(values), ncols):
                ref = make_ref(r, c + 1)
                blank = head_style if (header and r == top + 1) else 0
                cells.append(f'<c r="{ref}" s="{styles.with_border(blank)}"/>'.encode())
        if cells:
            body.append(f'<row r="{r}">'.encode() + b"".join(cells) + b"</row>")

    if widths is None:
        auto = [0] * ncols
        for values in rows[top:]:
            for c, value in enumerate(values):
                auto[c] = max(auto[c], _display_width(value))
        widths = [min(max(w + 2, 8), 60) for w in auto]
    cols = b""
    col_parts = []
    for c, width in enumerate(widths, start=1):
        if width:
            col_parts.append(f'<col min="{c}" max="{c}" width="{float(width):.2f}" customWidth="1"/>'.encode())
    if col_parts:
        cols = b"<cols>" + b"".join(col_parts) + b"</cols>"
    nrows = len(rows)
    dim = make_range(1, 1, max(nrows, 1), max(ncols, 1))
    first = top + 2  # the first row under the header
    pane = (
        f'<pane ySplit="{top + 1}" topLeftCell="A{first}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="A{first}" sqref="A{first}"/>'.encode()
        if header and nrows > top + 1 else b""
    )
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        + f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'.encode()
        + b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        + f'<dimension ref="{dim}"/>'.encode()
        + b'<sheetViews><sheetView workbookViewId="0">' + pane + b"</sheetView></sheetViews>"
        + b'<sheetFormatPr defaultRowHeight="18.75"/>'
        + cols
        + b"<sheetData>" + b"".join(body) + b"</sheetData>"
        + _page_xml(landscape)
        + b"</worksheet>"
    )
    return xml, written
