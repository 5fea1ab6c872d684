"""全体会議次第作成: the plenary's 次第 of a fiscal year, with the member list by 部会."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ledger.queries import latest_plenary_year, problems_on
from ..problems import make_problem
from ..wareki import format_fiscal_year
from .common import load, output_folder
from .result import JobResult
from .source import LedgerSource


@dataclass
class AgendaRequest:
    """Which year (default: the latest plenary's) and where; the ledger is only read."""

    fiscal_year: int | None = None
    out: str | Path | None = None
    pdf: bool = False
    template: Any = None


def run_agenda(source: LedgerSource, request: AgendaRequest | None = None) -> JobResult:
    """Make the 次第; errors on the rows it was made from (the plenary, the 部会, their
    meetings, reports and rosters) are named and make the exit 1."""
    from ..documents import DocumentError, make_agenda
    from ..documents.agenda_context import find_plenary, held_meetings, subcommittees

    request = request or AgendaRequest()
    result = JobResult("agenda", "全体会議次第作成")
    ledger = load(source, result)
    if ledger is None:
        return result
    year = request.fiscal_year or latest_plenary_year(ledger)
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
