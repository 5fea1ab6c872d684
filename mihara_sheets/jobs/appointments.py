"""委嘱状作成: the letters of a council's term renewal (委嘱状・任命書・就任承諾書・解嘱状・礼状).

Who gets which letter is decided by :mod:`mihara_sheets.analyses.appointments`; the
contexts by :mod:`mihara_sheets.documents.appointment_context`; the files are written by
:func:`mihara_sheets.documents.appointments.make_letters` into
``委嘱状等_<会議体ID>_<YYYYMMDD>/`` of the output folder. The ledger is not changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import make_problem
from .common import load, output_folder
from .result import JobResult
from .source import LedgerSource


#: check's codes for terms that end: expected on the rows of a renewal, not repeated.
TERMS_ENDING = frozenset({"term-ended", "term-ending-soon"})


@dataclass
class AppointmentRequest:
    """Which council (its 会議体ID or name as typed), the day the new terms start, and how.

    ``issue_date`` (the date on the letters) defaults to ``start`` for the 委嘱状・任命書・
    就任承諾書 and to the day before (the last day of the ending terms) for the 解嘱状・礼状. ``templates`` maps a
    document (委嘱状, 任命書, 就任承諾書, 解嘱状, 礼状) to a staff template (.docx).
    """

    council_id: str = ""
    start: dt.date | None = None
    out: str | Path | None = None
    pdf: bool = False
    issue_date: dt.date | None = None
    templates: dict[str, Any] = field(default_factory=dict)


def run_appointments(source: LedgerSource, request: AppointmentRequest) -> JobResult:
    """Make the renewal letters of one council for the terms starting on ``request.start``."""
    from ..analyses.appointments import find_council, plan_renewal, similar_councils
    from ..documents.appointment_context import APPOINTER_KEY, renewal_letters, shared_context
    from ..documents.appointments import folder_name, make_letters
    from ..documents.errors import DocumentError
    from ..ledger.queries import problems_on, settings_place

    result = JobResult("appointments", "委嘱状作成")
    if not (request.council_id or "").strip():
        return result.stop(make_problem("invalid-request", detail="会議体IDを指定してください（--council）。"))
    if request.start is None:
        return result.stop(make_problem("invalid-request", detail="新しい任期の始まりの日を指定してください（--from）。"))
    ledger = load(source, result)
    if ledger is None:
        return result
    council = find_council(ledger, request.council_id)
    if council is None:
        close = similar_councils(ledger, request.council_id)
        suggestion = f"近い会議体ID：{'、'.join(close)}。" if close else ""
        return result.stop(make_problem("appointments-council-not-found", value=request.council_id.strip(),
                                        suggestion=suggestion))
    plan = plan_renewal(ledger, council, request.start)
    result.product = plan
    members = [a.member for a in plan.appointed] + [d.member for d in plan.leaving]
    # Errors and warnings of check on the rows the letters are made from (a replacement's term
    # past the predecessor's...), but not the terms ending: that is what a renewal is for.
    used = [p for p in problems_on(ledger, members, errors_only=False) if p.code not in TERMS_ENDING]
    result.problems += used + plan.problems
    result.data = _data(plan)
    if plan.empty:
        result.problems.append(make_problem("appointments-nobody", council=council.name, date=request.start))
        result.lines.append(f"{council.name}の{_day(request.start)}の委嘱・退任はありません。")
        result.summary = "作成せず"
        return result
    if not (ledger.settings.extra.get(APPOINTER_KEY) or "").strip():
        where = settings_place(ledger.settings, APPOINTER_KEY)
        result.problems.append(make_problem("appointment-no-appointer", **where))
    letters = renewal_letters(plan, request.issue_date)
    shared = shared_context(plan, ledger.settings, request.issue_date or request.start)
    folder = output_folder(ledger, source, request.out) / folder_name(council.council_id, request.start)
    try:
        made = make_letters(letters, shared, folder, pdf=request.pdf, author=ledger.settings.division or "",
                            templates=request.templates)
    except DocumentError as error:
        result.lines.append(f"{council.name}の委嘱状などを作成できませんでした。")
        return result.stop(error.problem)
    result.files += made.all_files
    result.problems += made.problems
    counts = "、".join(f"{kind}{len(paths)}件" for kind, paths in made.files.items())
    result.lines.append(f"{council.name}（{_day(request.start)}から）の{counts}を作成しました。保存先: {folder}")
    if made.pdfs:
        result.lines.append(f"  PDF {len(made.pdfs)}件: {folder / 'PDF'}")
    result.summary = counts
    return result


def _day(day: dt.date) -> str:
    from ..wareki import format_date

    return format_date(day)


def _data(plan) -> dict[str, Any]:
    """The --json figures: who is appointed (and how) and who leaves (and whether cut short)."""
    return {
        "council_id": plan.council.council_id,
        "start": plan.start.isoformat(),
        "appointed": [{"name": a.member.name, "person_id": a.member.person_id, "kind": a.kind,
                       "replacement": a.replacement,
                       "term_start": a.member.term_start.isoformat() if a.member.term_start else None,
                       "term_end": a.member.term_end.isoformat() if a.member.term_end else None}
                      for a in plan.appointed],
        "leaving": [{"name": d.member.name, "person_id": d.member.person_id, "cut_short": d.cut_short,
                     "term_end": d.member.term_end.isoformat() if d.member.term_end else None}
                    for d in plan.leaving],
    }
