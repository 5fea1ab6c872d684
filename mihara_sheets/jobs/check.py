"""台帳チェック: every problem of the ledger, at its cell."""

from __future__ import annotations

import datetime as dt

from ..ledger.spec import TABLES
from ..problems import count_by_severity
from .common import load
from .result import JobResult
from .source import LedgerSource

RECORD_TABLES = (*(table.key for table in TABLES), "budget_totals")


def run_check(source: LedgerSource, *, today: dt.date | None = None) -> JobResult:
    """Read the ledger and report every problem; the ledger is only read, never changed.

    ``today`` is the date terms are checked against (default: today).
    """
    result = JobResult("check", "台帳チェック")
    ledger = load(source, result, today)
    if ledger is None:
        return result
    result.problems = list(ledger.problems)
    result.data = {"records": {key: len(getattr(ledger, key)) for key in RECORD_TABLES}}
    result.lines.append(
        f"会議体 {len(ledger.councils)}件、名簿 {len(ledger.members)}人、会議 {len(ledger.meetings)}件、"
        f"予算 {len(ledger.budget_lines)}行を読み込みました。"
    )
    counts = count_by_severity(ledger.problems)
    result.summary = f"エラー {counts['error']}件、警告 {counts['warning']}件"
    return result
