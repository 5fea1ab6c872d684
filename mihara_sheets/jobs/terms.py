"""任期確認: members whose term has ended or ends soon, people on more councils than the limit,
and (when the ledger checks give them) councils short of members, two chairs, replacements
whose term runs past their predecessor's."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

from ..wareki import format_date
from .common import load
from .result import JobResult
from .source import LedgerSource

TERM_CODES = ("term-ended", "term-ending-soon", "concurrent-seats")
# Term rules of the ledger checks (ledger/term_checks.py): reported here when present.
MORE_TERM_CODES = ("council-vacancy", "duplicate-chair", "term-past-predecessor")


def run_terms(source: LedgerSource, *, today: dt.date | None = None, within: int | None = None) -> JobResult:
    """The ledger's term and seat problems, counted by kind (they are warnings: exit 0), and
    the roster rows whose term could not be read or that were left out (errors: exit 1).

    ``within`` (days) replaces 設定 任期アラート日数 for this run: terms ending within that
    many days of ``today`` are the ones "ending soon".
    """
    result = JobResult("terms", "任期確認")
    ledger = load(source, result, today)
    if ledger is None:
        return result
    day = today or dt.date.today()
    problems = [p for p in ledger.problems if p.code in TERM_CODES + MORE_TERM_CODES]
    alert_days = ledger.settings.term_alert_days
    if within is not None:
        from ..ledger.checks import check_terms

        alert_days = within
        view = SimpleNamespace(members=ledger.members, settings=replace(ledger.settings, term_alert_days=within))
        others = [p for p in problems if p.code not in ("term-ended", "term-ending-soon")]
        problems = check_terms(view, day) + others
    # A roster row whose term could not be read, or left out for a blank required value, is a
    # member this check could not look at: those errors come first (exit 1), at their cells.
    rosters = {(layout.file, layout.sheet) for layout in ledger.layouts.get("members", [])}
    unchecked = [p for p in ledger.problems if p.is_error and (p.file, p.sheet) in rosters
                 and (p.field in ("term_start", "term_end") or p.code == "required-missing")]
    result.problems = unchecked + problems
    count = {code: sum(1 for p in result.problems if p.code == code) for code in TERM_CODES}
    more = sum(1 for p in result.problems if p.code in MORE_TERM_CODES)
    settings = ledger.settings
    result.data = {"term_counts": count, "today": day, "within_days": alert_days}
    result.lines += [
        f"任期を確認しました（基準日 {format_date(day)}）。",
        f"・任期が終了しているのに名簿に残っている委員: {count['term-ended']}件",
        f"・{alert_days}日以内に任期が終了する委員: {count['term-ending-soon']}件",
        f"・兼職が上限（{settings.concurrent_seat_limit}）を超える人: {count['concurrent-seats']}件",
    ]
    if more:
        result.lines.append(f"・委員定数の不足・会長（部会長）の重複・残任期間を超える任期: {more}件")
    if unchecked:
        result.lines.append(f"・任期を読めない、または読み飛ばした名簿の行: {len(unchecked)}件（確認できていません）")
    if not result.problems:
        result.lines.append("該当する委員はいません。")
    result.summary = "終了/間近/兼職 " + "・".join(f"{n}件" for n in count.values())
    return result
