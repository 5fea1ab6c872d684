"""Terms rules on rosters: vacant seats, two chairs at once, a replacement's term too long.

Pure functions over a read :class:`~mihara_sheets.ledger.ledger.Ledger`. They run on every
``check`` (through :func:`mihara_sheets.ledger.checks.run_checks`) and are public so that the
inventory can list them:

- :func:`vacancies` — councils with fewer current members than 委員定数 (``council-vacancy``);
- :func:`term_rule_findings` — every finding (vacancy, ``duplicate-chair``,
  ``term-past-predecessor``), each with ``council_id`` and ``code``;
- :func:`term_rule_problems` — the same as problems.

Terms that have ended or end soon (``term-ended``, ``term-ending-soon``) stay in
:func:`mihara_sheets.ledger.checks.check_terms`. Exact rules: ``docs/checks.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, problem_at
from .ledger import Ledger
from .records import Council, Member

# Roster roles that are not seats of the council (委員定数 counts members only).
NOT_SEATS = frozenset({"事務局", "オブザーバー"})
# A council in one of these 状態 no longer meets as itself: its seats are not checked.
NOT_RUNNING = frozenset({"廃止", "統合", "部会化"})
# Roles one council has at most one of at a time.
CHAIRS = ("会長", "部会長")


@dataclass(frozen=True)
class Vacancy:
    """A council with fewer current members than its 委員定数."""

    council_id: str
    name: str
    seats: int
    members: int

    @property
    def missing(self) -> int:
        """Seats not filled."""
        return self.seats - self.members

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``council_id``, ``seats``, ``members``, ``missing``)."""
        return {"council_id": self.council_id, "name": self.name, "seats": self.seats, "members": self.members,
                "missing": self.missing}


@dataclass(frozen=True)
class TermFinding:
    """One terms finding: its code, the council, the member concerned (if any) and the problem."""

    code: str
    council_id: str
    problem: Problem
    name: str | None = None
    person_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``council_id``, ``code``, ``name``, the message and its place)."""
        return {"council_id": self.council_id, "code": self.code, "name": self.name, "person_id": self.person_id,
                "location": self.problem.location, "message": self.problem.message}


def _seat_holders(ledger: Ledger) -> dict[str, list[Member]]:
    by_council: dict[str, list[Member]] = defaultdict(list)
    for member in ledger.members:
        if member.role not in NOT_SEATS:
            by_council[member.council_id].append(member)
    return by_council


def _person(member: Member) -> str:
    from .checks import name_key

    return member.person_id or name_key(member.name)


def current_members(members: list[Member], today: dt.date) -> list[Member]:
    """The members whose term covers ``today`` (open ends count), one row per person."""
    seen: set[str] = set()
    out = []
    for member in members:
        key = _person(member)
        if member.serves_on(today) and key not in seen:
            seen.add(key)
            out.append(member)
    return out


def vacancies(ledger: Ledger, today: dt.date) -> list[Vacancy]:
    """Councils with a 委員定数 and fewer current members than it on ``today``.

    Counted: roster rows of the council other than 事務局 and オブザーバー whose term covers
    ``today``, each person once. Not checked: councils without 委員定数, councils no longer
    running (状態 廃止 / 統合 / 部会化) and councils with no roster row at all (their roster
    is not in the ledger).
    """
    if not any(c.seats and c.status not in NOT_RUNNING for c in ledger.councils):
        return []  # no council to count (the rosters need not be grouped)
    holders = _seat_holders(ledger)
    rostered = {m.council_id for m in ledger.members}
    out = []
    for council in ledger.councils:
        if not council.seats or council.status in NOT_RUNNING or council.council_id not in rostered:
            continue
        count = len(current_members(holders.get(council.council_id, []), today))
        if count < council.seats:
            out.append(Vacancy(council.council_id, council.name, council.seats, count))
    return out


def _vacancy_findings(ledger: Ledger, today: dt.date) -> list[TermFinding]:
    councils = {c.council_id: c for c in ledger.councils}
    findings = []
    for vacancy in vacancies(ledger, today):
        council: Council = councils[vacancy.council_id]
        problem = problem_at("council-vacancy", council.origin, "seats", value=vacancy.seats, name=council.name,
                             members=vacancy.members, missing=vacancy.missing, today=today)
        findings.append(TermFinding("council-vacancy", council.council_id, problem))
    return findings


def _overlap(a: Member, b: Member) -> bool:
    a_start, a_end = a.term_start or dt.date.min, a.term_end or dt.date.max
    b_start, b_end = b.term_start or dt.date.min, b.term_end or dt.date.max
    return a_start <= b_end and b_start <= a_end


def _duplicate_chairs(ledger: Ledger) -> list[TermFinding]:
    by_council: dict[tuple[str, str], list[Member]] = defaultdict(list)
    for member in ledger.members:
        if member.role in CHAIRS:
            by_council[(member.council_id, member.role)].append(member)
    findings = []
    for (council_id, role), chairs in by_council.items():
        for i, later in enumerate(chairs):
            other = next((c for c in chairs[:i] if _person(c) != _person(later) and _overlap(c, later)), None)
            if other is None:
                continue
            problem = problem_at("duplicate-chair", later.origin, "role", value=role, name=later.name,
                                 other=other.origin.location("role") if other.origin else "",
                                 other_name=other.name)
            findings.append(TermFinding("duplicate-chair", council_id, problem, later.name, later.person_id))
    return findings


def regular_terms(members: list[Member]) -> list[tuple[dt.date, dt.date]]:
    """A council's regular terms: (任期開始, 任期終了) pairs held by at least two of its members.

    A member appointed to a seat mid-term (a 補欠委員) holds it for the rest of the
    predecessor's term (残任期間), so their term is not one of these.
    """
    pairs = Counter((m.term_start, m.term_end) for m in members if m.term_start and m.term_end)
    return sorted(pair for pair, count in pairs.items() if count >= 2)  # type: ignore[misc]


def _past_predecessor(ledger: Ledger) -> list[TermFinding]:
    findings = []
    for council_id, members in _seat_holders(ledger).items():
        terms = regular_terms(members)
        if not terms:
            continue
        regular = set(terms)
        for member in members:
            start, end = member.term_start, member.term_end
            if start is None or end is None or (start, end) in regular:
                continue
            # The regular term the member joined during: started before them, still running.
            during = [t for t in terms if t[0] < start <= t[1]]
            if not during:
                continue
            term_start, term_end = during[-1]
            if end > term_end:
                problem = problem_at("term-past-predecessor", member.origin, "term_end", value=end,
                                     name=member.name, start=start, common_start=term_start, common_end=term_end)
                findings.append(TermFinding("term-past-predecessor", council_id, problem, member.name,
                                            member.person_id))
    return findings


def term_rule_findings(ledger: Ledger, today: dt.date) -> list[TermFinding]:
    """Every terms finding: vacancies (as of ``today``), duplicate chairs, replacements' terms."""
    return _vacancy_findings(ledger, today) + _duplicate_chairs(ledger) + _past_predecessor(ledger)


def term_rule_problems(ledger: Ledger, today: dt.date) -> list[Problem]:
    """The terms findings as problems (warnings): the check run on every read."""
    return [finding.problem for finding in term_rule_findings(ledger, today)]
