"""Where a job's ledger comes from and where its changes go: files on disk, or a live book.

A job asks its source for the ledger and hands it the changes to make. :class:`FileLedger`
reads files and writes through the part-level writer; the Excel buttons bring their own
source (``mihara_sheets.macros.live``) that reads and writes the books open in Excel. The
jobs never know which one they have.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Sequence

from ..problems import Problem
from .result import LedgerChange

if TYPE_CHECKING:  # pragma: no cover
    from ..ledger.ledger import Ledger


class LedgerSource(Protocol):
    """What a job needs of the place its ledger lives."""

    @property
    def folder(self) -> Path:
        """The folder of the first ledger (outputs go beside it by default)."""

    def load(self, today: dt.date | None = None) -> Ledger:
        """Read the ledger; raises ``LedgerReadError`` for files that cannot be read."""

    def update_rows(self, updates: Sequence[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
        """Write each ``(record, values)`` (field -> new value) into the row the record came from."""


class FileLedger:
    """Ledger files on disk (.xlsx, .xlsm, .csv); changes go through the part-level writer."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]]):
        if not paths:
            raise ValueError("FileLedger needs at least one path")
        self.paths = [str(p) for p in paths]

    @property
    def folder(self) -> Path:
        return Path(self.paths[0]).resolve().parent

    def load(self, today: dt.date | None = None) -> Ledger:
        from ..loading import load_ledger

        return load_ledger(*self.paths, today=today)

    def update_rows(self, updates: Sequence[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
        from .writeback import update_records

        return update_records(updates)
