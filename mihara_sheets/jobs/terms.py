"""任期確認: members whose term has ended or ends soon, and people on more councils than the limit."""

from __future__ import annotations

import datetime as dt

from ..wareki import format_date
from .common import load
from .result import JobResult
from .source import LedgerSource

TERM_CODES = ("term-ended", "term-ending-soon", "concurrent-seats")


def run_terms(source: LedgerSource, *, today: dt.date | None = None) -> JobResult:
    """The ledger's term and seat problems, counted by kind (they are warnings: exit 0)."""
    result = JobResult("terms", "任期確認")
    ledger = load(source, result, today)
    if ledger is None:
        return result
    result.problems = [p for p in ledger.problems if p.code in TERM_CODES]
    count = {code: sum(1 for p in result.problems if p.code == code) for code in TERM_CODES}
    settings = ledger.settings
    result.data = {"term_counts": count, "today": today or dt.date.today()}
    result.lines += [
        f"任期を確認しました（基準日 {format_date(today or dt.date.today())}）。",
        f"・任期が終了しているのに名簿に残っている委員: {count['term-ended']}件",
        f"・{settings.term_alert_days}日以内に任期が終了する委員: {count['term-ending-soon']}件",
        f"・兼職が上限（{settings.concurrent_seat_limit}）を超える人: {count['concurrent-seats']}件",
    ]
    if not result.problems:
        result.lines.append("該当する委員はいません。")
    result.summary = "終了/間近/兼職 " + "・".join(f"{n}件" for n in count.values())
    return result
