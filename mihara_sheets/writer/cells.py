"""Cell addresses and the XML of one cell: pure logic, no files.

Values become ``<c>`` elements the way Excel writes them: numbers in ``<v>``, booleans
``t="b"``, dates as serial numbers (the style carries the date format), text as an inline
string (so sharedStrings.xml stays untouched), formulas only when given as :class:`Formula`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import WriteRefused
from .xmlutil import escape_text

MAX_ROW = 1_048_576
MAX_COL = 16_384
MAX_TEXT = 32_767
MAX_EXACT_INT = 2**53  # beyond this an Excel number (a double) changes the value

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


@dataclass(frozen=True)
class Formula:
    """A formula written on purpose, with the value it evaluates to.

    ``text`` may start with ``=``. ``cached`` is stored as the cell's value so readers
    that do not calculate (python-calamine, pandas, viewers) see the result too.
    """

    text: str
    cached: Any = None

    @property
    def body(self) -> str:
        """The formula as stored in ``<f>`` (without the leading ``=``)."""
        return self.text[1:] if self.text.startswith("=") else self.text


def col_to_index(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def index_to_col(index: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def parse_ref(ref: str, sheet: str | None = None) -> tuple[int, int]:
    """'B7' -> (7, 2) as (row, column), 1-based; an invalid address is a refusal."""
    m = _REF.match(ref.strip()) if isinstance(ref, str) else None
    if m:
        row, col = int(m.group(2)), col_to_index(m.group(1))
        if 1 <= row <= MAX_ROW and 1 <= col <= MAX_COL:
            return row, col
    raise WriteRefused("invalid-cell", sheet=sheet, cell=str(ref))


def make_ref(row: int, col: int) -> str:
    """(7, 2) -> 'B7'."""
    return f"{index_to_col(col)}{row}"


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """'A1:C5' -> (1, 1, 5, 3) as (row1, col1, row2, col2); a single cell is a 1x1 range."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def make_range(r1: int, c1: int, r2: int, c2: int) -> str:
    """(1, 1, 5, 3) -> 'A1:C5' (a single cell stays 'A1')."""
    a, b = make_ref(r1, c1), make_ref(r2, c2)
    return a if a == b else f"{a}:{b}"


# -- text escaping ----------------------------------------------------------------------
_ESCAPE_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


def escape_excel_text(text: str) -> str:
    """Escape text as Excel does: control characters as _xHHHH_, a literal _xHHHH_ as _x005F_xHHHH_."""
    text = _ESCAPE_LITERAL.sub(r"_x005F_\1", text)
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def utf16_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# -- values ----------------------------------------------------------------------------
def date_serial(value: dt.date, date1904: bool, sheet: str | None = None, cell: str | None = None) -> float | int:
    """An Excel serial number for a date or naive datetime."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise WriteRefused("invalid-value", sheet=sheet, cell=cell, value=str(value), detail="タイムゾーン付きの日時は扱えません")
        epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        delta = value - epoch
        serial: float | int = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    else:
        epoch_d = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
        serial = (value - epoch_d).days
    # Before 1900-03-01 Excel's calendar has a phantom 29 Feb 1900; refuse rather than be off by one.
    limit = dt.date(1904, 1, 1) if date1904 else dt.date(1900, 3, 1)
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < limit:
        raise WriteRefused("invalid-value", sheet=sheet, cell=cell, value=str(value), detail=f"{limit.year}年より前の日付はExcelで扱えません")
    return serial


def number_text(value: Any, sheet: str | None, cell: str | None) -> str:
    """The ``<v>`` text of a number; NaN, infinities and imprecise integers are refused."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        if abs(value) > MAX_EXACT_INT:
            raise WriteRefused("invalid-value", sheet=sheet, cell=cell, value=str(value), detail="Excelで正確に扱える桁数を超えています")
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise WriteRefused("invalid-value", sheet=sheet, cell=cell, value=str(value), detail="数値ではありません")
        text = format(value, "f")
        return text
    if isinstance(value, float):
        if not math.isfinite(value):
            raise WriteRefused("invalid-value", sheet=sheet, cell=cell, value=str(value), detail="数値ではありません")
        return repr(value)
    raise TypeError(value)


def check_text(text: str, sheet: str | None, cell: str | None) -> None:
    """Refuse text Excel cannot hold."""
    length = utf16_length(text)
    if length > MAX_TEXT:
        raise WriteRefused("value-too-long", sheet=sheet, cell=cell, length=f"{length:,}")


def value_kind(value: Any) -> str:
    """Classify a value: 'none', 'bool', 'number', 'datetime', 'date', 'text', 'formula'."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Formula):
        return "formula"
    return "unknown"


def cell_xml(ref: str, style: int, value: Any, date1904: bool, sheet: str | None = None) -> bytes:
    """The complete ``<c>`` element for ``value`` at ``ref`` with style index ``style``.

    The caller has chosen ``style`` (a date style for dates). Text is never a formula,
    whatever it starts with.
    """
    s = f' s="{style}"' if style else ""
    kind = value_kind(value)
    if kind == "none":
        body, t = "", ""
    elif kind == "bool":
        body, t = f"<v>{'1' if value else '0'}</v>", ' t="b"'
    elif kind == "number":
        body, t = f"<v>{number_text(value, sheet, ref)}</v>", ""
    elif kind in ("date", "datetime"):
        serial = date_serial(value, date1904, sheet, ref)
        text = str(serial) if isinstance(serial, int) else repr(round(serial, 10))
        body, t = f"<v>{text}</v>", ""
    elif kind == "text":
        check_text(value, sheet, ref)
        body = f'<is><t xml:space="preserve">{escape_text(escape_excel_text(value))}</t></is>'
        t = ' t="inlineStr"'
    elif kind == "formula":
        check_text(value.body, sheet, ref)
        if len(value.body) > 8192:
            raise WriteRefused("invalid-value", sheet=sheet, cell=ref, value=value.text[:20] + "…", detail="数式が長すぎます（上限8,192文字）")
        f = f"<f>{escape_text(escape_excel_text(value.body))}</f>"
        cached = value.cached
        ck = value_kind(cached)
        if ck == "none":
            body, t = f, ""
        elif ck == "bool":
            body, t = f + f"<v>{'1' if cached else '0'}</v>", ' t="b"'
        elif ck == "number":
            body, t = f + f"<v>{number_text(cached, sheet, ref)}</v>", ""
        elif ck in ("date", "datetime"):
            serial = date_serial(cached, date1904, sheet, ref)
            body, t = f + f"<v>{serial if isinstance(serial, int) else repr(round(serial, 10))}</v>", ""
        elif ck == "text":
            check_text(cached, sheet, ref)
            body, t = f + f"<v>{escape_text(escape_excel_text(cached))}</v>", ' t="str"'
        else:
            raise WriteRefused("invalid-value", sheet=sheet, cell=ref, value=repr(cached)[:40], detail="数式の計算結果の型を扱えません")
    else:
        raise WriteRefused(
            "invalid-value", sheet=sheet, cell=ref, value=repr(value)[:40],
            detail=f"{type(value).__name__} 型は書き込めません（文字列・数値・日付・真偽値・None のみ）",
        )
    if not body:
        return f'<c r="{ref}"{s}/>'.encode()
    return f'<c r="{ref}"{s}{t}>{body}</c>'.encode()
