"""次第作成: the plenary's 次第 of a fiscal year (with the member list by 部会), or the
次第 of one ordinary meeting (a 部会, the 運営会議…) from its 議題."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ledger.queries import (find_meeting, latest_plenary_year, meeting_title, plenary_ids, problems_on,
                              similar_meeting_ids)
from ..problems import make_problem
from ..wareki import fiscal_year_of, format_fiscal_year
from .common import load, output_folder
from .result import JobResult
from .source import LedgerSource


@dataclass
class AgendaRequest:
    """Which year (default: the latest plenary's) or which meeting, and where; the ledger is
    only read. ``meeting_id``: the 次第 of that meeting (a plenary meeting's id gives the
    plenary 次第 of its year); not together with ``fiscal_year``."""

    fiscal_year: int | None = None
    out: str | Path | None = None
    pdf: bool = False
    template: Any = None
    meeting_id: str | None = None


def run_agenda(source: LedgerSource, request: AgendaRequest | None = None) -> JobResult:
    """Make the 次第; errors on the rows it was made from (the plenary, the 部会, their
    meetings, reports and rosters) are named and make the exit 1."""
    from ..documents import DocumentError, make_agenda
    from ..documents.agenda_context import find_plenary, held_meetings, subcommittees

    request = request or AgendaRequest()
    meeting_id = (request.meeting_id or "").strip()
    result = JobResult("agenda", "部会次第作成" if meeting_id else "全体会議次第作成")
    if meeting_id and request.fiscal_year:
        return result.stop(make_problem("invalid-request", detail="年度と会議IDは、どちらか一方だけを指定してください。"))
    ledger = load(source, result)
    if ledger is None:
        return result
    year = request.fiscal_year
    if meeting_id:
        meeting = find_meeting(ledger, meeting_id)
        if meeting is None:
            close = similar_meeting_ids(ledger, meeting_id)
            return result.stop(make_problem("meeting-not-found", value=meeting_id,
                                            suggestion=f"近い会議ID：{'、'.join(close)}。" if close else ""))
        if meeting.council_id not in plenary_ids(ledger):
            return _meeting_agenda(ledger, source, request, meeting, result)
        year = meeting.fiscal_year or (fiscal_year_of(meeting.date) if meeting.date else None)
        result.title = "全体会議次第作成"
    year = year or latest_plenary_year(ledger)
    if year is None:
        return result.stop(make_problem("no-plenary"))
    try:
        made = make_agenda(ledger, year, output_folder(ledger, source, request.out), pdf=request.pdf,
                           template=request.template)
    except DocumentError as error:
        return result.stop(error.problem)
    used: list[Any] = []
    found = find_plenary(ledger, year)
    if found:
        council, plenary = found
        used += [council, plenary]
        for unit in subcommittees(ledger, council, year):
            used.append(unit)
            used += held_meetings(ledger, unit.council_id, year, plenary.date)
            used += ledger.members_of(unit.council_id, on=plenary.date)
            report = ledger.annual_report(unit.council_id, year)
            used += [report] if report else []
    seen = {(p.code, p.location) for p in made.problems}
    result.problems = made.problems + [p for p in problems_on(ledger, used) if (p.code, p.location) not in seen]
    result.files = [p for p in (made.path, made.pdf) if p]
    result.data = {"fiscal_year": year}
    result.lines.append(f"{format_fiscal_year(year)}の全体会議の次第を作成しました。保存先: {made.path}")
    if made.pdf:
        result.lines.append(f"  PDF: {made.pdf}")
    result.summary = f"{format_fiscal_year(year)} 次第"
    return result


def _meeting_agenda(ledger: Any, source: LedgerSource, request: AgendaRequest, meeting: Any,
                    result: JobResult) -> JobResult:
    """The 次第 of one ordinary meeting; errors on its row and its 議題 rows make the exit 1."""
    from ..documents import DocumentError
    from ..documents.meeting_agenda import make_meeting_agenda

    try:
        made = make_meeting_agenda(ledger, meeting, output_folder(ledger, source, request.out),
                                   pdf=request.pdf, template=request.template)
    except DocumentError as error:
        return result.stop(error.problem)
    used = [meeting, *ledger.agenda_of(meeting.meeting_id)]
    result.problems = problems_on(ledger, used) + made.problems
    result.files = [p for p in (made.path, made.pdf) if p]
    title = meeting_title(ledger, meeting)
    result.data = {"meeting_id": meeting.meeting_id}
    result.lines.append(f"{title}の次第を作成しました。保存先: {made.path}")
    if made.pdf:
        result.lines.append(f"  PDF: {made.pdf}")
    result.summary = f"{meeting.meeting_id} 次第"
    return result
