"""Who gets which letter at a council's term renewal (委嘱状・任命書・解嘱状・礼状・就任承諾書).

Pure logic over a read ledger: :func:`plan_renewal` takes a council and the day the new
term (or a replacement's term) starts, and says

- who is appointed from that day: the roster rows of the council whose 任期開始 is that day
  (a 委嘱状, or a 任命書 for a 充て職 member when 設定 「充て職は任命とする」 is はい), each
  with a 就任承諾書 to return; a member who starts during one of the council's regular
  terms (:func:`~mihara_sheets.ledger.term_checks.regular_terms`) and ends no later than it
  is a replacement, appointed for 「前任者の残任期間」;
- who leaves: the rows whose 任期終了 is the day before and who are not appointed again
  from that day. Each gets a 礼状; one whose term ends before the end of the council's
  regular term it served in (a term cut short) also gets a 解嘱状.

事務局 and オブザーバー rows are not seats (no letters). One person is counted once.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from ..ledger.ledger import Ledger
from ..ledger.records import Council, Member
from ..ledger.term_checks import NOT_SEATS, regular_terms
from ..problems import Problem, problem_at

COMMISSION = "委嘱"
NOMINATION = "任命"
EX_OFFICIO = "充て職"
#: 会議体 区分 of a body under another (its letters name the parent body first).
SUBCOMMITTEE = "部会"
#: 設定 key: 充て職 members are 任命 (a 任命書) instead of 委嘱 when it says はい.
EX_OFFICIO_KEY = "充て職は任命とする"
YES = ("はい", "する", "○", "1", "TRUE", "True", "true", "yes")


@dataclass(frozen=True)
class Appointment:
    """A member appointed from the renewal day: 委嘱 or 任命, and the term on the letter.

    ``remaining`` is the regular term whose rest a replacement holds (前任者の残任期間),
    ``None`` for a full term.
    """

    member: Member
    kind: str
    remaining: tuple[dt.date, dt.date] | None = None

    @property
    def replacement(self) -> bool:
        """True for a replacement appointed for the rest of the predecessor's term."""
        return self.remaining is not None

    @property
    def term_end(self) -> dt.date | None:
        """The end on the letter: the row's 任期終了, else a replacement's common term end."""
        if self.member.term_end is None and self.remaining is not None:
            return self.remaining[1]
        return self.member.term_end


@dataclass(frozen=True)
class Departure:
    """A member whose term ends the day before the renewal day; ``cut_short`` when it ends
    before the regular term's end (``regular_end``)."""

    member: Member
    regular_end: dt.date | None = None

    @property
    def cut_short(self) -> bool:
        """True when the member leaves before the end of the regular term (a 解嘱)."""
        return self.regular_end is not None


@dataclass
class RenewalPlan:
    """The letters of one council's renewal on ``start``."""

    council: Council
    start: dt.date
    #: The body a 部会 belongs to (会議体 親会議体ID), named in front of the 部会 on the letters.
    parent: Council | None = None
    appointed: list[Appointment] = field(default_factory=list)
    leaving: list[Departure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nobody is appointed or leaves on ``start``."""
        return not self.appointed and not self.leaving

    @property
    def last_day(self) -> dt.date:
        """The day before ``start``: the last day of the leaving members' terms."""
        return self.start - dt.timedelta(days=1)


def find_council(ledger: Ledger, typed: str) -> Council | None:
    """The council typed as its 会議体ID, its name or a 会議ID of it (全角/半角 and case forgiven)."""
    wanted = _key(typed)
    for council in ledger.councils:
        if _key(council.council_id) == wanted:
            return council
    for council in ledger.councils:
        if _key(council.name) == wanted:
            return council
    meeting = next((m for m in ledger.meetings if _key(m.meeting_id) == wanted), None)
    return ledger.council(meeting.council_id) if meeting is not None else None


def similar_councils(ledger: Ledger, typed: str) -> list[str]:
    """A few 会議体ID whose id or name contains what was typed (for a suggestion)."""
    wanted = _key(typed)
    if not wanted:
        return []
    return [c.council_id for c in ledger.councils
            if wanted in _key(c.council_id) or wanted in _key(c.name) or _key(c.council_id) in wanted][:5]


def nominates_ex_officio(settings_extra: dict[str, str]) -> bool:
    """True when 設定 「充て職は任命とする」 says はい."""
    typed = unicodedata.normalize("NFKC", settings_extra.get(EX_OFFICIO_KEY, "") or "").strip()
    return typed in YES


def plan_renewal(ledger: Ledger, council: Council, start: dt.date) -> RenewalPlan:
    """Who is appointed on ``start`` in ``council`` and who leaves the day before (see the module)."""
    parent = ledger.council(council.parent_id) if council.kind == SUBCOMMITTEE and council.parent_id else None
    plan = RenewalPlan(council, start, parent)
    seats = [m for m in ledger.members if m.council_id == council.council_id and m.role not in NOT_SEATS]
    terms = regular_terms(seats)
    nominate = nominates_ex_officio(ledger.settings.extra)
    day_before = start - dt.timedelta(days=1)
    starting: set[str] = set()
    for member in seats:
        if member.term_start != start or _person(member) in starting:
            continue
        starting.add(_person(member))
        kind = NOMINATION if nominate and member.selection == EX_OFFICIO else COMMISSION
        during = [t for t in terms if t[0] < start <= t[1] and (member.term_end is None or member.term_end <= t[1])]
        remaining = during[-1] if during else None
        plan.appointed.append(Appointment(member, kind, remaining))
        if member.term_end is None and remaining is not None:
            plan.problems.append(problem_at("appointment-remaining-end", member.origin, "term_end", name=member.name,
                                            end=remaining[1]))
        elif member.term_end is None:
            plan.problems.append(problem_at("appointment-no-term-end", member.origin, "term_end", name=member.name))
    seen: set[str] = set()
    for member in seats:
        person = _person(member)
        if member.term_end != day_before or person in starting or person in seen:
            continue
        seen.add(person)
        own = (member.term_start, member.term_end)
        longer = [t for t in terms if t != own and t[0] <= day_before < t[1]
                  and (member.term_start is None or t[0] <= member.term_start)]
        plan.leaving.append(Departure(member, longer[-1][1] if longer else None))
    return plan


def _person(member: Member) -> str:
    from ..ledger.checks import name_key

    return member.person_id or name_key(member.name)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().casefold().replace(" ", "").replace("　", "")
