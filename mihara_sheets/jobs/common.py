"""What every job shares: loading its ledger without raising, the output folder rule, scoping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..problems import LedgerReadError, Problem, make_problem
from .result import JobResult
from .source import LedgerSource

if TYPE_CHECKING:  # pragma: no cover
    from ..ledger.ledger import Ledger

DEFAULT_OUT = "出力"


def load(source: LedgerSource, result: JobResult, today: dt.date | None = None) -> Ledger | None:
    """The source's ledger, or ``None`` with ``result`` stopped for the files that cannot be read."""
    try:
        return source.load(today)
    except LedgerReadError as error:
        result.stop(*error.problems)
        result.lines.append("台帳を読めませんでした。")
        return None


def output_folder(ledger: Ledger, source: LedgerSource, out: str | Path | None = None) -> Path:
    """Where a job puts what it makes — one rule for the CLI, the buttons and scripts.

    ``out`` when given (a relative one from the current folder; the buttons make it absolute
    from their workbook's folder first), else the 設定 出力フォルダ (relative to the first
    ledger's folder), else 出力 beside the first ledger.
    """
    if out is not None and str(out).strip():
        return Path(out)
    configured = (ledger.settings.output_folder or "").strip()
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else source.folder / path
    return source.folder / DEFAULT_OUT


def not_writable(place: str | Path, error: OSError) -> Problem:
    """``output-not-writable`` for ``place``: a file open in Word or Excel, a read-only folder."""
    from ..outputs import os_reason

    return make_problem("output-not-writable", file=str(place), detail=os_reason(error))


def problems_of_tables(ledger: Ledger, tables: Iterable[str]) -> list[Problem]:
    """The ledger's problems on the sheets of ``tables`` (e.g. ``("budget",)``), and file-level ones.

    A job's output shows the problems of what it reads, never a roster's phone number
    typed in the wrong column when it tallies the budget.
    """
    sheets = {(layout.file, layout.sheet) for table in tables for layout in ledger.layouts.get(table, [])}
    return [p for p in ledger.problems
            if p.sheet is None or (p.file, p.sheet) in sheets or (p.file is None and p.sheet in {s for _, s in sheets})]


def record_in_ledger(source: LedgerSource, result: JobResult, updates: list, *, note: str = "") -> None:
    """Write ``(record, values)`` back through the source (by key) and tell staff what was done.

    The changes and problems go into ``result``; a line per change says whether it was
    recorded (``note`` is appended to the recorded ones, e.g. 「（8名）」).
    """
    changes, problems = source.update_rows(updates)
    result.changes += changes
    result.problems += problems
    for change in changes:
        name = Path(change.file).name
        result.lines.append(f"  台帳「{name}」に記録しました: {change.what}{note}" if change.done
                            else f"  台帳「{name}」に記録できませんでした: {change.what}")
