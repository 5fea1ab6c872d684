"""The member composition report as of a date (内閣府 surveys it as of 1 April each year).

Per council and in total: members, women, women's share (also without 充て職), councils with
no women, 公募委員 share, members in office longer than 在任年数上限 (counted from 初回委嘱日),
people on more than 兼職上限 bodies — each against its 設定 target. Members are the rows
whose term covers the date, without 事務局 and オブザーバー. A blank or other 性別 is counted
as unknown: it is never guessed, and it is not a woman (the share is women / members).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from ..ledger.ledger import Ledger
from ..ledger.records import Member
from .identity import Identities, identify

NOT_MEMBERS = ("事務局", "オブザーバー")
WOMAN, MAN = "女", "男"
PUBLIC, EX_OFFICIO = "公募", "充て職"
PUBLIC_TARGET_KEY = "公募委員比率目標"


def default_as_of(today: dt.date) -> dt.date:
    """1 April of the fiscal year ``today`` falls in (the survey's date)."""
    return dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def years_in_office(first: dt.date, on: dt.date) -> int:
    """Whole years from ``first`` to ``on``."""
    return on.year - first.year - ((on.month, on.day) < (first.month, first.day))


@dataclass
class Tally:
    """The counts of one council, or of all of them."""

    members: int = 0
    women: int = 0
    men: int = 0
    unknown: int = 0
    ex_officio: int = 0
    women_ex_officio: int = 0
    public_recruited: int = 0
    long_tenure: int = 0

    def add(self, member: Member, long_tenure: bool) -> None:
        """Count one member (``long_tenure``: in office longer than 在任年数上限)."""
        self.members += 1
        woman = member.gender == WOMAN
        self.women += woman
        self.men += member.gender == MAN
        self.unknown += member.gender not in (WOMAN, MAN)
        if member.selection == EX_OFFICIO:
            self.ex_officio += 1
            self.women_ex_officio += woman
        self.public_recruited += member.selection == PUBLIC
        self.long_tenure += long_tenure

    @property
    def women_ratio(self) -> float | None:
        """Women / members (None without members)."""
        return self.women / self.members if self.members else None

    @property
    def women_ratio_without_ex_officio(self) -> float | None:
        """Women / members, 充て職 left out of both."""
        rest = self.members - self.ex_officio
        return (self.women - self.women_ex_officio) / rest if rest else None

    @property
    def public_ratio(self) -> float | None:
        """公募委員 / members."""
        return self.public_recruited / self.members if self.members else None


@lru_cache(maxsize=4096)
def is_long_tenure(first: dt.date, as_of: dt.date, limit_years: int) -> bool:
    """True when someone first appointed on ``first`` has been in office longer than the limit."""
    try:
        limit_day = first.replace(year=first.year + limit_years)
    except ValueError:  # 29 February
        limit_day = first.replace(year=first.year + limit_years, day=28)
    return as_of > limit_day


@dataclass
class CouncilComposition:
    """One council's tally."""

    council_id: str
    name: str
    tally: Tally
    long_tenure_names: list[str] = field(default_factory=list)


@dataclass
class Composition:
    """The report: per council, the total, and the targets of 設定."""

    as_of: dt.date
    councils: list[CouncilComposition]
    total: Tally
    women_target: int  # percent
    public_target: int | None  # percent, when 設定 has 公募委員比率目標
    tenure_limit: int
    seat_limit: int
    over_seat_limit: list[tuple[str, list[str]]]  # (name, council ids)

    @property
    def without_women(self) -> list[CouncilComposition]:
        """Councils with members, no woman among them, and every 性別 known."""
        return [c for c in self.councils if c.tally.members and not c.tally.women and not c.tally.unknown]

    @property
    def no_women_recorded(self) -> list[CouncilComposition]:
        """Councils with no woman recorded but some 性別 blank: whether they have none is unknown."""
        return [c for c in self.councils if c.tally.members and not c.tally.women and c.tally.unknown]

    def meets_women_target(self, tally: Tally) -> bool | None:
        """Women's share at or above 女性委員比率目標."""
        return None if tally.women_ratio is None else tally.women_ratio * 100 >= self.women_target

    def meets_public_target(self, tally: Tally) -> bool | None:
        """公募 share at or above the target, when one is set."""
        if self.public_target is None or tally.public_ratio is None:
            return None
        return tally.public_ratio * 100 >= self.public_target


def compose(ledger: Ledger, as_of: dt.date, identities: Identities | None = None) -> Composition:
    """The composition of every council with members on ``as_of``, and the total.

    ``identities``: who is who among the rosters (:func:`identify`), when already known.
    """
    settings = ledger.settings
    limit = settings.tenure_limit_years
    by_council: dict[str, CouncilComposition] = {}
    total = Tally()
    names = {c.council_id: c.name for c in ledger.councils}
    for member in ledger.members:
        if member.role in NOT_MEMBERS or not member.serves_on(as_of):
            continue
        entry = by_council.get(member.council_id)
        if entry is None:
            entry = by_council[member.council_id] = CouncilComposition(
                member.council_id, names.get(member.council_id, member.council_id), Tally())
        first = member.first_appointed
        long_tenure = bool(first) and is_long_tenure(first, as_of, limit)
        entry.tally.add(member, long_tenure)
        if long_tenure:
            entry.long_tenure_names.append(member.name)
    for entry in by_council.values():  # the total is the sum of the councils' counts
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(entry.tally, name))
    order = {c.council_id: i for i, c in enumerate(ledger.councils)}
    councils = sorted(by_council.values(), key=lambda c: order.get(c.council_id, len(order)))
    identities = identities or identify(ledger.members)
    over = []
    for person in identities.people:
        seats = list(dict.fromkeys(m.council_id for m in person.seats
                                   if m.role not in NOT_MEMBERS and m.serves_on(as_of)))
        if len(seats) > settings.concurrent_seat_limit:
            over.append((person.name, seats))
    public_target = settings.extra.get(PUBLIC_TARGET_KEY)
    try:
        public = int(str(public_target).strip().rstrip("%％")) if public_target not in (None, "") else None
    except ValueError:
        public = None
    return Composition(as_of, councils, total, settings.women_target_percent, public, limit,
                       settings.concurrent_seat_limit, over)
