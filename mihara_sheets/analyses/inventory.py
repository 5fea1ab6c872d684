"""The council inventory (棚卸): where each council sits, who sits where, where they overlap.

:func:`take_inventory` gives one :class:`Inventory`: every council with its place in the
structure, the person × council matrix, each person's seats against 兼職上限, every pair of
councils' member and organisation overlap (Jaccard) ranked as consolidation candidates,
and the burden (meetings per year × members) now and if the top candidates merged.
A seat counts when its term covers the date; 事務局 rows are never seats.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ..ledger.ledger import Ledger
from ..ledger.records import Council
from .identity import Identities, Person, identify, name_key

AFTER_STATUS = {"部会化": "部会化", "統合": "統合", "廃止": "廃止", "存続": "存続"}


@dataclass
class CouncilPlace:
    """One council in the inventory."""

    council: Council
    parent: str | None  # the parent's name
    subcommittees: list[str]  # names of its children
    merged_into: str | None  # the name of the council it goes into
    before: str  # 区分 as the ledger has it (before the reorganisation)
    after: str  # 状態: 存続, 部会化, 統合, 廃止 (blank: not decided)
    meetings_per_year: int  # declared 開催頻度, else meetings of the fiscal year
    members: list[Person]
    categories: dict[str, int]

    @property
    def burden(self) -> int:
        """Attendances a year: meetings per year × members."""
        return self.meetings_per_year * len(self.members)


@dataclass(slots=True)
class CouncilPair:
    """Two councils' overlap."""

    a: str
    b: str
    shared_members: int
    members_a: int
    members_b: int
    shared_organizations: int
    organizations_a: int
    organizations_b: int
    excluded: str | None  # why the pair is no candidate: parent and child, 守秘義務...
    shared_domains: frozenset[str] = frozenset()

    @property
    def reason(self) -> str:
        """Why the pair is (or is not) a candidate, in Japanese."""
        return _reason(self, self.shared_domains)

    @property
    def member_jaccard(self) -> float:
        """Shared members / members of either."""
        union = self.members_a + self.members_b - self.shared_members
        return self.shared_members / union if union else 0.0

    @property
    def organization_jaccard(self) -> float:
        """Shared organisations / organisations of either."""
        union = self.organizations_a + self.organizations_b - self.shared_organizations
        return self.shared_organizations / union if union else 0.0


@dataclass
class Burden:
    """Attendances a year, in total and per person, now and with the candidates merged."""

    total: int
    per_person: dict[str, int]
    merged: list[tuple[str, str]]
    total_after: int
    per_person_after: dict[str, int]


@dataclass
class Inventory:
    """Everything :func:`take_inventory` finds (see the module's docstring)."""

    as_of: dt.date
    limit: int
    places: list[CouncilPlace]
    identities: Identities
    matrix: dict[str, dict[str, str]]  # person key -> council id -> role
    pairs: list[CouncilPair]
    candidates: list[CouncilPair]
    burden: Burden
    people: list[Person] = field(default_factory=list)

    def place(self, council_id: str) -> CouncilPlace | None:
        """The inventory entry of a council."""
        return next((p for p in self.places if p.council.council_id == council_id), None)

    def seats_on(self, person: Person) -> list[str]:
        """Councils (ids) where ``person`` holds a seat on the date."""
        return list(self.matrix.get(person.key, {}))

    @property
    def on_several(self) -> list[Person]:
        """People on two councils or more."""
        return [p for p in self.people if len(self.seats_on(p)) >= 2]

    @property
    def over_cap(self) -> list[Person]:
        """People on more councils than 兼職上限."""
        return [p for p in self.people if len(self.seats_on(p)) > self.limit]


def fiscal_year_of(day: dt.date) -> int:
    """The 年度 (April–March) a date falls in."""
    return day.year if day.month >= 4 else day.year - 1


def take_inventory(ledger: Ledger, as_of: dt.date, *, top: int = 3) -> Inventory:
    """The inventory of ``ledger`` as of ``as_of``; ``top`` candidates are merged for the burden."""
    identities = identify(ledger.members)
    names = {c.council_id: c.name for c in ledger.councils}
    year = fiscal_year_of(as_of)
    held = Counter(m.council_id for m in ledger.meetings if (m.fiscal_year or (m.date and fiscal_year_of(m.date))) == year
                   and m.status not in ("中止", "延期"))
    matrix: dict[str, dict[str, str]] = {}
    seated: dict[str, dict[str, Person]] = {c.council_id: {} for c in ledger.councils}
    categories: dict[str, Counter] = {c.council_id: Counter() for c in ledger.councils}
    for member in ledger.members:
        person = identities.person_of(member)
        if person is None or not member.serves_on(as_of):
            continue
        matrix.setdefault(person.key, {}).setdefault(member.council_id, member.role)
        if person.key not in seated.setdefault(member.council_id, {}):
            seated[member.council_id][person.key] = person
            counts = categories.get(member.council_id)
            if counts is None:
                counts = categories[member.council_id] = Counter()
            counts[member.category or "（未記入）"] += 1
    children: dict[str, list[str]] = {}
    for council in ledger.councils:
        if council.parent_id:
            children.setdefault(council.parent_id, []).append(council.name)
    places = []
    for council in ledger.councils:
        cid = council.council_id
        places.append(CouncilPlace(
            council, names.get(council.parent_id) if council.parent_id else None, children.get(cid, []),
            names.get(council.merged_into_id) if council.merged_into_id else None,
            council.kind or "", AFTER_STATUS.get(council.status or "", council.status or ""),
            council.meetings_per_year if council.meetings_per_year is not None else held.get(cid, 0),
            list(seated.get(cid, {}).values()), dict(categories.get(cid, {})),
        ))
    pairs = council_pairs(ledger, places)
    candidates = rank_candidates(pairs)
    people = [p for p in identities.people if p.key in matrix]
    burden = estimate_burden(places, candidates[:top])
    return Inventory(as_of, ledger.settings.concurrent_seat_limit, places, identities, matrix, pairs, candidates,
                     burden, people)


def council_pairs(ledger: Ledger, places: list[CouncilPlace]) -> list[CouncilPair]:
    """Every pair of councils that both have members, with their overlaps.

    Members and organisations are held as bit sets (one bit per person or organisation):
    100 councils make 4,950 pairs, and an ``&`` and a bit count per pair keeps that cheap.
    """
    bit: dict[str, int] = {}
    members: dict[str, int] = {}
    orgs: dict[str, int] = {}
    for place in places:
        if not place.members:
            continue
        cid = place.council.council_id
        people = orgs_of = 0
        for person in place.members:
            people |= 1 << bit.setdefault(person.key, len(bit))
            for seat in person.seats:
                if seat.council_id == cid and seat.organization:
                    orgs_of |= 1 << bit.setdefault("org:" + name_key(seat.organization), len(bit))
        members[cid], orgs[cid] = people, orgs_of
    size = {cid: (value.bit_count(), orgs[cid].bit_count()) for cid, value in members.items()}
    parent = {c.council_id: c.parent_id for c in ledger.councils}
    into = {c.council_id: c.merged_into_id for c in ledger.councils}
    domains = {c.council_id: frozenset(c.domains) for c in ledger.councils}
    secret = {c.council_id for c in ledger.councils if c.confidential or c.kind == "個別支援会議"}
    pairs = []
    for a, b in combinations(members, 2):
        excluded = None
        if parent.get(a) == b or parent.get(b) == a:
            excluded = "親会議体と部会の関係"
        elif into.get(a) == b or into.get(b) == a:
            excluded = "統合先が決まっている"
        elif a in secret or b in secret:
            excluded = "守秘義務のある会議体（個別支援会議など）"
        (ma, oa), (mb, ob) = size[a], size[b]
        pairs.append(CouncilPair(a, b, (members[a] & members[b]).bit_count(), ma, mb,
                                 (orgs[a] & orgs[b]).bit_count(), oa, ob, excluded, domains[a] & domains[b]))
    return pairs


def _reason(pair: CouncilPair, shared_domains: set[str]) -> str:
    parts = []
    if pair.shared_members:
        parts.append(f"委員{pair.shared_members}人が共通（重なり{pair.member_jaccard:.0%}）")
    if pair.shared_organizations:
        parts.append(f"所属団体{pair.shared_organizations}団体が共通（重なり{pair.organization_jaccard:.0%}）")
    if shared_domains:
        parts.append("分野が同じ（" + "・".join(sorted(shared_domains)) + "）")
    if pair.excluded:
        parts.append(f"{pair.excluded}のため統合候補から除外")
    return "、".join(parts)


def rank_candidates(pairs: list[CouncilPair]) -> list[CouncilPair]:
    """Pairs with overlap and not excluded, by member then organisation overlap (highest first)."""
    found = [p for p in pairs if not p.excluded and (p.shared_members or p.shared_organizations)]
    return sorted(found, key=lambda p: (-p.member_jaccard, -p.organization_jaccard, -p.shared_members, p.a, p.b))


def estimate_burden(places: list[CouncilPlace], merged: list[CouncilPair]) -> Burden:
    """Attendances a year now, and with each merged pair meeting as one body.

    A merged body meets as often as the busier of its councils and has the union of their
    members; pairs that share a council are merged into one group.
    """
    per_person: Counter = Counter()
    for place in places:
        for person in place.members:
            per_person[person.key] += place.meetings_per_year
    group = {p.council.council_id: p.council.council_id for p in places}

    def root(cid: str) -> str:
        while group[cid] != cid:
            cid = group[cid]
        return cid

    for pair in merged:
        ra, rb = root(pair.a), root(pair.b)
        if ra != rb:
            group[rb] = ra
    meetings: dict[str, int] = {}
    members: dict[str, set[str]] = {}
    for place in places:
        r = root(place.council.council_id)
        meetings[r] = max(meetings.get(r, 0), place.meetings_per_year)
        members.setdefault(r, set()).update(m.key for m in place.members)
    after: Counter = Counter()
    for r, keys in members.items():
        for key in keys:
            after[key] += meetings[r]
    return Burden(sum(p.burden for p in places), dict(per_person), [(p.a, p.b) for p in merged],
                  sum(after.values()), dict(after))
