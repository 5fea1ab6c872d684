"""The :class:`Ledger`: every record read from one or more workbooks, and the problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..problems import Problem, count_by_severity
from .records import (
    AgendaItem,
    Payment,
    AnnualReport,
    Attendance,
    BudgetLine,
    BudgetTotal,
    Council,
    Meeting,
    Member,
    SheetLayout,
    Settings,
)


@dataclass
class Ledger:
    """What :func:`mihara_sheets.load_ledger` returns.

    Lists keep the order of the sheets and rows they came from. Council references in
    members, meetings and budget lines are resolved to ``council_id`` (a name typed in a
    cell becomes the council's id). ``layouts`` tells where each table was found, which the
    writer uses to put values back into the right cells.
    """

    councils: list[Council] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    budget_totals: list[BudgetTotal] = field(default_factory=list)
    annual_reports: list[AnnualReport] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    layouts: dict[str, list[SheetLayout]] = field(default_factory=dict)

    # -- problems
    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``."""
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """True when reading found no errors (warnings allowed)."""
        return not self.errors

    def problem_counts(self) -> dict[str, int]:
        """``{"error": n, "warning": m}``."""
        return count_by_severity(self.problems)

    # -- DataFrames (pandas, imported only here)
    def frame(self, table: str):
        """One table as a pandas DataFrame with typed columns and each row's file, sheet
        and row (see :mod:`mihara_sheets.ledger.frames`). ``table`` is a key
        (``members``) or a sheet name (``名簿``). Needs ``mihara-sheets[pandas]``."""
        from .frames import table_frame, table_spec

        spec = table_spec(table)
        return table_frame(getattr(self, spec.key), spec)

    # -- look-ups
    def council(self, council_id: str) -> Council | None:
        """The council with this id, or ``None``."""
        for council in self.councils:
            if council.council_id == council_id:
                return council
        return None

    def find_council(self, id_or_name: str) -> Council | None:
        """The council with this id, or failing that with this exact name."""
        found = self.council(id_or_name)
        if found:
            return found
        for council in self.councils:
            if council.name == id_or_name:
                return council
        return None

    def children(self, council_id: str) -> list[Council]:
        """Councils whose parent is ``council_id``, in ledger order."""
        return [c for c in self.councils if c.parent_id == council_id]

    def members_of(self, council_id: str, on: dt.date | None = None) -> list[Member]:
        """Members of a council, optionally only those whose term covers ``on``."""
        return [
            m
            for m in self.members
            if m.council_id == council_id and (on is None or m.serves_on(on))
        ]

    def meeting(self, meeting_id: str) -> Meeting | None:
        """The meeting with this id, or ``None``."""
        for meeting in self.meetings:
            if meeting.meeting_id == meeting_id:
                return meeting
        return None

    def meetings_of(self, council_id: str, fiscal_year: int | None = None) -> list[Meeting]:
        """Meetings of a council, optionally of one fiscal year, in date order."""
        found = [
            m
            for m in self.meetings
            if m.council_id == council_id
            and (fiscal_year is None or m.fiscal_year == fiscal_year)
        ]
        return sorted(found, key=lambda m: (m.date or dt.date.max, m.number or 0))

    def agenda_of(self, meeting_id: str) -> list[AgendaItem]:
        """Agenda items of a meeting from the 議題 sheet (empty when it has none)."""
        return [a for a in self.agenda_items if a.meeting_id == meeting_id]

    def annual_report(self, council_id: str, fiscal_year: int) -> AnnualReport | None:
        """The 部会年次報告 row of a council for a year, or ``None``."""
        for report in self.annual_reports:
            if report.council_id == council_id and report.fiscal_year == fiscal_year:
                return report
        return None
