"""Reading ledger files: files become grids (:mod:`.sources`), grids become a ledger (:mod:`.ledger`).

The one place that joins the two layers: :func:`read_grids` dispatches on the suffix
(.csv, else a workbook read in the background), :func:`load_ledger` turns the grids of
files into one checked :class:`~mihara_sheets.ledger.ledger.Ledger`, and
:func:`load_ledger_from_book` does the same for a workbook open in Excel (xlwings).
Files are only read, never changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from .ledger.ledger import Ledger
from .ledger.load import collector_paused, ledger_from_grids, reading_order
from .problems import LedgerReadError, Problem, make_problem
from .sources.errors import SourceError
from .sources.grid import Grid, PendingGrid

CSV_SUFFIXES = (".csv", ".txt", ".tsv")


def read_grids(*paths: str | Path) -> list[Grid]:
    """Every sheet of every file as grids; CSV files give one grid named after the file.

    Raises :class:`LedgerReadError` listing every file that cannot be read at all (each
    path is tried, so all of them are reported together).
    """
    grids = _open_grids(paths)
    failures = _sheet_failures(paths, grids)
    if failures:
        raise LedgerReadError(failures)
    return [grid.loaded() if isinstance(grid, PendingGrid) else grid for grid in grids]


def _open_grids(paths: tuple[str | Path, ...], reading_order: Callable[[str], Any] | None = None) -> list[Grid]:
    """Every file opened; the sheets of workbooks are being read in the background
    (:class:`PendingGrid`), in ``reading_order`` of their names.

    Raises :class:`LedgerReadError` listing every file that cannot be opened, together
    with every file one of whose sheets cannot be read.
    """
    from .sources.csv_file import read_csv
    from .sources.xlsx import open_xlsx

    grids: list[Grid] = []
    failures: dict[str, Problem] = {}
    for path in paths:
        shown = str(path)
        try:
            if Path(path).suffix.lower() in CSV_SUFFIXES:
                grids.extend(read_csv(path, shown))
            else:
                grids.extend(open_xlsx(path, shown, reading_order=reading_order))
        except (SourceError, OSError, MemoryError) as exc:
            failures[shown] = _read_failure(shown, exc)
    if failures:
        raise LedgerReadError(_sheet_failures(paths, grids, failures))
    return grids


def _sheet_failures(paths: tuple[str | Path, ...], grids: list[Grid],
                    failures: dict[str, Problem] | None = None) -> list[Problem]:
    """Waits for every sheet still being read: a problem for each path that could not be
    opened (``failures``) or has a sheet that cannot be read, in the order of ``paths``."""
    failures = dict(failures or {})
    for grid in grids:
        if not isinstance(grid, PendingGrid) or grid.file in failures:
            continue
        try:
            grid.loaded()
        except (SourceError, OSError, MemoryError) as exc:
            failures[grid.file] = _read_failure(grid.file, exc)
    return [failures[str(path)] for path in paths if str(path) in failures]


def _read_failure(shown: str, exc: BaseException) -> Problem:
    """The problem staff see for a file that cannot be read."""
    if isinstance(exc, SourceError):
        return exc.problem
    return make_problem("file-unreadable", file=shown, detail=type(exc).__name__)


def load_ledger(*paths: str | Path, today: dt.date | None = None, frames: dict[str, Any] | None = None) -> Ledger:
    """Read ledger workbooks (.xlsx, .xlsm) and CSV exports into one checked :class:`Ledger`.

    The tables may be spread over several files. ``today`` is the date terms are checked
    against (default: the real today). ``frames`` adds tables from pandas DataFrames
    (``{"members": df}``; see :func:`mihara_sheets.ledger_from_frames`), read after the
    files' sheets. Files are only read, never changed. Raises
    :class:`~mihara_sheets.problems.LedgerReadError` when a file cannot be read at all;
    every other problem is collected in ``ledger.problems``.
    """
    # Sheets are parsed in the background in the order they are needed, so the records of
    # one sheet are made while the next is parsed. The rows parsed are as free of cycles
    # as the records built from them: the collector waits for both.
    with collector_paused():
        grids = _open_grids(paths, reading_order=reading_order)
        if frames:
            from .ledger.frames import frames_grids

            grids = [*grids, *frames_grids(frames)]
        try:
            ledger = ledger_from_grids(grids, today=today)
        except Exception:
            # A file that cannot be read comes first, whatever went wrong after it.
            failures = _sheet_failures(paths, grids)
            if not failures:
                raise
            raise LedgerReadError(failures) from None
        failures = _sheet_failures(paths, grids)  # a sheet no table needed must be readable too
    if failures:
        raise LedgerReadError(failures)
    ledger.sources = [str(p) for p in paths]
    return ledger



def load_ledger_from_book(book, *, today: dt.date | None = None) -> Ledger:
    """Read the ledger sheets of a workbook open in Excel, through xlwings.

    What staff see is what is read, unsaved edits included. Problems name the book's
    sheets and cells as for a file.
    """
    from .sources.xlwings_book import grids_from_book

    ledger = ledger_from_grids(grids_from_book(book), today=today)
    ledger.sources = [book.name]
    return ledger
