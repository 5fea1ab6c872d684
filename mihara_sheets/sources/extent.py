"""How far a sheet's cells reach, found in its XML before python-calamine parses it.

python-calamine (0.9.1) turns a sheet into one rectangle from A1 to its last row and last
column, whatever lies between: a single value in XFD1048576 makes it ask for 17 billion
cells (≈ 512 GB, and the process aborts), one in AZ1048576 costs ≈ 2 GB and many seconds.
The ``<dimension ref>`` a sheet states is not what costs (calamine ignores its size), the
cells holding a value are. :func:`far_cells` tells, from the sheet's XML, whether the
rectangle stays within :data:`MAX_SHEET_CELLS`, and if not, which cells lie out there.

A sheet part of :data:`TRUST_STATED_FROM` bytes of XML or more (a ledger of some 4,000
rows and more) is not scanned when its ``<dimension ref>`` states a rectangle within the
limit: Excel, LibreOffice, openpyxl and XlsxWriter all write the extent of the cells they
save there, so a stray value saved by any of them shows in it; scanning every cell of a
large sheet costs as much as a fifth of python-calamine's own parse. A large part without
a dimension, or stating a large one, is scanned.

The scan's common case is cheap: the last row is read off the end of the XML (rows are written in
order), then one regular-expression pass looks for a cell in a column or row further out
than that bound allows. Only a sheet where such a cell turns up is scanned cell by cell.
A cell without ``r`` (python-calamine places it after the previous one) is not counted by
the scan: a row's ``r`` far out holding such cells is the one layout the guard does not see.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# ≈ 40 bytes a cell in calamine and Python together (measured: AZ1048576, 54.5 M cells,
# 2.2 GB): 5 M cells ≈ 200 MB, far above a real ledger (100,000 rows × 20 columns = 2 M).
MAX_SHEET_CELLS = 5_000_000
# A sheet over the limit is still read when its cells fill at least this share of the
# rectangle: a big sheet of real data (bounded by the package's size limit), not a stray value.
DENSE_SHARE = 4
# At most this many far cells are named in the message.
NAMED_CELLS = 3
BYTES_PER_CELL = 40
TRUST_STATED_FROM = 1024 * 1024

_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?"')

_LAST_ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]{1,7})"')
_LAST_CELL = re.compile(rb'<c\b[^>]*?\br="[A-Z]{1,3}([0-9]{1,7})"')
# Every cell element, with what it holds (self-closing cells hold nothing).
_CELL = re.compile(rb'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


@dataclass(frozen=True)
class FarCells:
    """A sheet whose cells would make too large a rectangle.

    ``cells`` are the farthest cells holding a value (A1 addresses, farthest first, at
    most :data:`NAMED_CELLS`), ``more`` how many others lie out there too, ``block`` the
    extent of the cells without them (``A1:N120``), ``cells_needed`` the rectangle's size.
    """

    cells: list[str]
    more: int
    block: str
    cells_needed: int

    @property
    def memory_text(self) -> str:
        """The memory the rectangle would take, for staff (``約 512 GB``)."""
        size = self.cells_needed * BYTES_PER_CELL
        return f"約 {size / 2**30:,.0f} GB" if size >= 2**30 else f"約 {size / 2**20:,.0f} MB"


def stated_cells(head: bytes) -> int | None:
    """The rectangle's size (from A1) the sheet's ``<dimension ref>`` states, if it has one."""
    match = _DIMENSION.search(head)
    if match is None:
        return None
    letters, digits = (match.group(3), match.group(4)) if match.group(3) else (match.group(1), match.group(2))
    return _column_number(letters) * int(digits)


def needs_scan(size: int, head: bytes, limit: int = MAX_SHEET_CELLS) -> bool:
    """Whether a sheet part of ``size`` bytes whose XML begins with ``head`` must be scanned."""
    if size < TRUST_STATED_FROM:
        return True
    stated = stated_cells(head)
    return stated is None or stated > limit


def far_cells(xml: bytes, limit: int = MAX_SHEET_CELLS) -> FarCells | None:
    """``None`` when the sheet's rectangle is safe to allocate, else its far cells."""
    rows = _row_bound(xml)
    pattern = _suspect_pattern(rows, limit)
    if pattern is not None and not pattern.search(xml):
        return None
    return _exact(xml, limit)


def _row_bound(xml: bytes) -> int:
    """A bound on the last row: the last row or cell written, to the next power of ten
    (a row out of order with no more digits than the last one cannot go beyond it)."""
    tail = xml[xml.rfind(b"<row"):] if b"<row" in xml else b""
    numbers = [int(m.group(1)) for rx in (_LAST_ROW, _LAST_CELL) for m in rx.finditer(tail)]
    last = max(numbers, default=1)
    return 10 ** len(str(last)) - 1


def _suspect_pattern(rows: int, limit: int) -> re.Pattern[bytes] | None:
    """A pattern matching any cell that could take the rectangle past ``limit`` given
    ``rows``: one whose reference has more column letters or row digits than allowed, or
    whose ``r`` is not its first attribute (writers put it first; such a cell is looked at
    cell by cell). ``None`` when the sheet must be scanned cell by cell anyway."""
    letters = max((n for n, columns in ((3, 16384), (2, 702), (1, 26)) if rows * columns <= limit), default=0)
    if letters == 0:
        return None
    return _pattern(letters, len(str(rows)))


@functools.lru_cache(maxsize=32)
def _pattern(letters: int, digits: int) -> re.Pattern[bytes]:
    # One pass with a single literal start is the cheapest form sre offers (≈ 8 ms for
    # 5 MB of sheet XML, against ≈ 9 ms to decompress it).
    allowed = rb'r="[A-Z]{1,%d}[0-9]{1,%d}"' % (letters, digits)
    return re.compile(rb'<c(?:[>/]| (?!' + allowed + rb'))')


def _exact(xml: bytes, limit: int) -> FarCells | None:
    """Every cell holding a value, by position: the rectangle and, if too large, its far cells."""
    cells: list[tuple[int, int]] = []
    for match in _CELL.finditer(xml):
        content = match.group(2)
        if not content or (b"<v" not in content and b"<is" not in content):
            continue  # a formatted cell without a value: calamine leaves it out
        ref = _REF.search(match.group(1))
        if ref:
            cells.append((int(ref.group(2)), _column_number(ref.group(1))))
    if not cells:
        return None
    area = max(r for r, _ in cells) * max(c for _, c in cells)
    if area <= limit or area <= DENSE_SHARE * len(cells):
        return None
    return _name_far_cells(cells, limit)


def _name_far_cells(cells: list[tuple[int, int]], limit: int) -> FarCells:
    """The cells to clear: the farthest ones, taken away one at a time (the one whose
    removal shrinks the rectangle most) until what is left is safe."""
    needed = max(r for r, _ in cells) * max(c for _, c in cells)
    candidates = sorted(set(sorted(cells, key=lambda rc: -rc[0])[:50] + sorted(cells, key=lambda rc: -rc[1])[:50]))
    rest = [rc for rc in cells if rc not in set(candidates)]
    removed: list[tuple[int, int]] = []
    kept = list(candidates)

    def area_without(taken: list[tuple[int, int]]) -> int:
        left = rest + taken
        return max((r for r, _ in left), default=0) * max((c for _, c in left), default=0)

    while kept and area_without(kept) > max(limit, DENSE_SHARE * (len(rest) + len(kept))):
        best = min(kept, key=lambda rc: area_without([k for k in kept if k != rc]))
        kept.remove(best)
        removed.append(best)
    left = rest + kept
    block_rows = max((r for r, _ in left), default=1)
    block_cols = max((c for _, c in left), default=1)
    named = sorted(removed, key=lambda rc: -(rc[0] * rc[1]))
    return FarCells(
        cells=[cell_name(r, c) for r, c in named[:NAMED_CELLS]],
        more=max(0, len(named) - NAMED_CELLS),
        block=f"A1:{cell_name(block_rows, block_cols)}",
        cells_needed=needed,
    )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def cell_name(row: int, column: int) -> str:
    """``(1048576, 16384)`` → ``XFD1048576``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
