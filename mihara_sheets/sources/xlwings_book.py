"""Grids from a workbook open in Excel, read through xlwings (unsaved edits included).

Works with any xlwings engine: Excel itself on Windows, and the remote / Lite engines
(``xw.Book(json=...)``) that the macro tests use on Linux. Merged areas are not reported by
every engine; where they are missing, a merged cell's value stays at its top-left cell.
"""

from __future__ import annotations

from typing import Any

from .grid import Grid


def grids_from_book(book: Any, *, sheets: list[str] | None = None) -> list[Grid]:
    """Every worksheet of an ``xlwings.Book`` (or the named ones) as grids from A1."""
    grids = []
    for sheet in book.sheets:
        if sheets is not None and sheet.name not in sheets:
            continue
        grids.append(Grid(file=book.name, sheet=sheet.name, rows=_rows(sheet)))
    return grids


def _rows(sheet: Any) -> list[list[Any]]:
    used = sheet.used_range
    values = used.options(ndim=2).value or []
    # Excel's used range starts at the first used cell, not always at A1.
    top, left = used.row - 1, used.column - 1
    width = left + max((len(row) for row in values), default=0)
    rows: list[list[Any]] = [[""] * width for _ in range(top)]
    for row in values:
        cells = [""] * left + ["" if value is None else value for value in row]
        rows.append(cells + [""] * (width - len(cells)))
    return rows
