"""A grid: one sheet's cell values as a list of rows, whatever file or program it came from."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Grid:
    """The values of one sheet, starting at A1.

    ``rows[r][c]`` is the value of the cell at zero-based row ``r`` and column ``c``: str,
    float, int, bool, ``datetime.date``/``datetime``/``time``, or ``""`` when empty. Merged
    areas are zero-based inclusive ``(first_row, first_col, last_row, last_col)``; their value
    is only at the top-left cell, as Excel stores it. ``file`` is the path as the user gave
    it, used in messages.
    """

    file: str
    sheet: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # The names the table may be known by, best first, when they are not the sheet's own:
    # a CSV is shown as its file (名簿_kintone.csv) but holds the table its name mentions.
    names: tuple[str, ...] = ()

    @property
    def table_names(self) -> tuple[str, ...]:
        """The names to recognise the table by: ``names``, else the sheet's name."""
        return self.names or (self.sheet,)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        """The value at zero-based (row, col), ``""`` outside the grid."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def filled_merges(self) -> list[list[Any]]:
        """The rows with every cell of a merged area holding the area's value (a copy when
        there are merged areas; never modify the result).

        Staff merge a 部会 cell over all of its members' rows, or a header over the columns
        it names: both mean the value applies to every cell of the area.
        """
        if not self.merged:
            return self.rows  # nothing to fill: no copy (a large roster has no merges)
        rows = [list(row) for row in self.rows]
        width = self.width
        for row in rows:
            row.extend([""] * (width - len(row)))
        for r0, c0, r1, c1 in self.merged:
            if r0 >= len(rows):
                continue
            top_left = rows[r0][c0] if c0 < width else ""
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    rows[r][c] = top_left
        return rows


class PendingGrid(Grid):
    """A :class:`Grid` whose cells are being read in the background (``sources.xlsx``):
    ``rows`` and ``merged`` wait for them, and raise the reader's error (a
    :class:`~mihara_sheets.sources.errors.SourceError`) if the sheet cannot be read."""

    def __init__(self, file: str, sheet: str, future: Future[Grid]):
        self.file = file
        self.sheet = sheet
        self._future = future

    @property
    def rows(self) -> list[list[Any]]:  # type: ignore[override]
        return self._future.result().rows

    @property
    def merged(self) -> list[tuple[int, int, int, int]]:  # type: ignore[override]
        return self._future.result().merged

    def ready(self) -> bool:
        """Whether the sheet has been read (or failed): reading ``rows`` would not wait."""
        return self._future.done()

    def loaded(self) -> Grid:
        """The plain grid, once read."""
        return self._future.result()

    def __repr__(self) -> str:  # never waits, never shows cells
        state = "read" if self.ready() else "being read"
        return f"PendingGrid(file={self.file!r}, sheet={self.sheet!r}, {state})"


def is_ready(grid: Grid) -> bool:
    """Whether reading ``grid.rows`` would return at once (a grid not read in the
    background always would)."""
    return not isinstance(grid, PendingGrid) or grid.ready()


def wait_for_any(grids: list[Grid]) -> None:
    """Returns once at least one of ``grids`` is ready."""
    pending = [grid._future for grid in grids if isinstance(grid, PendingGrid)]
    if len(pending) == len(grids) and not any(future.done() for future in pending):
        wait(pending, return_when=FIRST_COMPLETED)
