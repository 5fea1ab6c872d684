"""The buttons' ledger source: the books open in Excel, read and written through xlwings.

Inside Excel the live workbook is the truth: when the calling book holds ledger sheets it
is the ledger (unsaved edits included); a ledger named on the 操作 sheet is read through
Excel when it is open in the same Excel, otherwise from disk. Changes to an open ledger go
into the live book (staff save it); a closed file goes through the part-level writer,
exactly as for the command line.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..jobs.result import LedgerChange
from ..jobs.writeback import describe, field_header, row_update, update_records
from ..problems import Problem, make_problem, problem_at
from .request import CONTROL_SHEET, MacroError, Request


class LiveLedger:
    """A :class:`~mihara_sheets.jobs.LedgerSource` over the calling book and the books open beside it."""

    def __init__(self, book: Any, request: Request):
        self.book = book
        self.request = request
        self.live: dict[str, Any] = {}  # a record origin's file name -> the open xlwings.Book
        base = book_folder(book)
        self.files = [absolute(p, base) for p in request.paths]
        self._folder = self.files[0].parent if self.files else base

    @property
    def folder(self) -> Path:
        return self._folder

    def load(self, today: dt.date | None = None):  # noqa: ANN201 - a Ledger
        """The ledger: the files of the request, or the calling book itself."""
        from ..ledger.load import ledger_from_grids
        from ..loading import load_ledger_from_book, read_grids
        from ..sources.xlwings_book import grids_from_book

        if not self.files:
            if not holds_ledger(self.book):
                raise MacroError(make_problem("no-ledger-in-book", sheet=CONTROL_SHEET).message)
            self.live = {self.book.name: self.book}
            return load_ledger_from_book(self.book, today=today)
        open_books = list(_open_books(self.book))
        sources = [_find_open(open_books, path) or path for path in self.files]  # a Book or a Path
        on_disk = [s for s in sources if isinstance(s, Path)]
        from_disk: dict[str, list] = {}
        for grid in read_grids(*on_disk) if on_disk else []:  # raises for every unreadable file
            from_disk.setdefault(grid.file, []).append(grid)
        grids = []
        for source in sources:  # in the order staff listed them
            grids += from_disk.get(str(source), []) if isinstance(source, Path) else grids_from_book(source)
        ledger = ledger_from_grids(grids, today=today)
        ledger.sources = [str(s) if isinstance(s, Path) else s.name for s in sources]
        self.live = {s.name: s for s in sources if not isinstance(s, Path)}
        return ledger

    def update_rows(self, updates: Sequence[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
        """Rows of open books are written in Excel (not saved); closed files through the writer.

        In an open book, too, the row is found by its key in the live sheet as it is now
        (staff may have inserted rows or changed the values since the read), the values
        read are checked, and nothing of that book is written when one row fails.
        """
        on_disk = [(r, v) for r, v in updates if r.origin is None or r.origin.file not in self.live]
        changes, problems = update_records(on_disk) if on_disk else ([], [])
        by_book: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
        for record, values in updates:
            if record.origin is not None and record.origin.file in self.live:
                by_book.setdefault(record.origin.file, []).append((record, values))
        for name, items in by_book.items():
            book_changes, book_problems = _update_live_book(self.live[name], items)
            changes += book_changes
            problems += book_problems
        return changes, problems


def _update_live_book(book: Any, items: list[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
    """Write ``items`` into the open ``book`` by key: all of them, or none when a row fails."""
    from ..ledger.writeback import grid_names, locate
    from ..sources.xlwings_book import grids_from_book

    changes: list[LedgerChange] = []
    problems: list[Problem] = []
    updates = []
    for record, values in items:
        change = LedgerChange(record.origin.file, record.origin.sheet,
                              describe(record, values) + "（開いている台帳。保存はしていません）", False)
        changes.append(change)
        update = row_update(record, values)
        if update is None:
            problems.append(problem_at("writeback-no-key", record.origin, None, key_header="ID",
                                       fields="・".join(field_header(record, n) for n in values)))
            continue
        update.tag = (record, values, change)
        updates.append(update)
    if not updates:
        return changes, problems
    wanted = set(grid_names(u.sheet for u in updates))
    names = [sheet.name for sheet in book.sheets if sheet.name in wanted
             or sheet.name.casefold() in {w.casefold() for w in wanted}]
    plans, found = locate(grids_from_book(book, sheets=names), updates)
    problems += found
    if any(p.is_error for p in found):
        return changes, problems
    for plan in plans:
        record, values, change = plan.update.tag
        sheet = book.sheets[plan.sheet]
        for name, cell in plan.cells.items():
            sheet[cell].value = values[name]
        if plan.missing:
            problems.append(make_problem("writeback-missing-column", file=record.origin.file, sheet=plan.sheet,
                                         row=plan.row, headers="」「".join(plan.missing)))
        change.what = describe(record, values, plan.row) + "（開いている台帳。保存はしていません）"
        change.done = bool(plan.cells)
    return changes, problems


def holds_ledger(book: Any) -> bool:
    """True when the book has a sheet named like a ledger table (会議体, 名簿, 会議, 予算...)."""
    from ..ledger.headers import header_key
    from ..ledger.spec import TABLES

    names = {header_key(n) for table in TABLES for n in table.names}
    return any(header_key(sheet.name) in names for sheet in book.sheets)


def book_folder(book: Any) -> Path:
    """The folder of a workbook, or the current folder when it has none (new, online)."""
    fullname = str(getattr(book, "fullname", "") or "")
    if "://" in fullname:
        return Path.cwd()
    path = Path(fullname)
    return path.parent if path.is_absolute() else Path.cwd()


def absolute(text: str, base: Path) -> Path:
    """A path typed on the 操作 sheet, made absolute from the calling book's folder."""
    path = Path(os.path.expandvars(text.strip().strip('"')))
    return path if path.is_absolute() else base / path


def _open_books(book: Any) -> Iterable[Any]:
    try:
        return list(book.app.books)
    except Exception:  # an engine without a list of books: only the caller is known
        return [book]


def _find_open(books: Sequence[Any], path: Path) -> Any | None:
    """The open book that is ``path``: same full name, or same name when Excel gives no folder."""
    wanted = os.path.normcase(str(path))
    for other in books:
        fullname = str(other.fullname)
        if os.path.isabs(fullname) and os.path.normcase(fullname) == wanted:
            return other
        if os.path.isabs(fullname) and other.name == path.name and _same_file(fullname, path):
            return other  # the same file through a mapped drive and its UNC path
        if not os.path.isabs(fullname) and "://" not in fullname and other.name == path.name:
            return other
    return None


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
