"""Who is the same person across the rosters: one :class:`Person` per human being.

The rules (docs/inventory.md):

1. Rows with a 人物ID are one person per 人物ID (two IDs are two people, whatever the names).
2. Otherwise the name is compared after Unicode NFKC with every space removed. Rows with the
   same compared name are the same person only when it is *confirmed*: the same ふりがな
   (compared the same way, katakana read as hiragana), or, when a ふりがな is missing, the same
   organisation. A different ふりがな, or a different organisation, keeps them two people.
   A row with neither to confirm it stays its own person and is *proposed* as possibly the
   same person.
3. A row without a 人物ID that is confirmed against a person who has one joins that person.
4. Names that are equal only once variant characters are folded (髙/高, 﨑/崎, 邊/邉/辺 and
   the rest of :data:`VARIANT_OF`) are only ever proposed, never merged.

事務局 rows are office staff, not seats: they are left out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..ledger.checks import name_key as _name_key
from ..ledger.records import Member

# Rosters repeat the same names and organisations on many rows: compare each text once.
name_key = lru_cache(maxsize=65536)(_name_key)
_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}

# Variant characters of personal names, folded only to *propose* a match. Source: the three
# pairs staff meet most (髙/高, 﨑/崎, 邊/邉/辺; shared/notes/field-notes.md §4) and the other
# 異体字 pairs of 人名 common in 戸籍 (法務省「戸籍統一文字」; JIS X 0213 adds 髙, 﨑, 德),
# the same table the ledger check ``similar-names`` uses (mihara_sheets/ledger/checks.py).
VARIANT_OF = {"髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "濵": "浜",
              "濱": "浜", "齋": "斎", "齊": "斉", "澤": "沢", "德": "徳", "廣": "広"}
_FOLD = str.maketrans(VARIANT_OF)
STAFF_ROLE = "事務局"


@lru_cache(maxsize=65536)
def kana_key(kana: str | None) -> str:
    """A ふりがな as compared: NFKC, no spaces, katakana turned into hiragana."""
    return name_key(kana).translate(_HIRAGANA)


def folded(name: str | None) -> str:
    """A compared name with variant characters folded (髙橋 → 高橋): for proposals only."""
    return unicodedata.normalize("NFKC", name_key(name)).translate(_FOLD)


@dataclass
class Person:
    """One person and the roster rows (seats) that are theirs, in ledger order."""

    key: str
    name: str
    person_id: str | None = None
    kana: str | None = None
    seats: list[Member] = field(default_factory=list, repr=False)
    _kanas: set[str] = field(default_factory=set, repr=False)
    _orgs: set[str] = field(default_factory=set, repr=False)

    def add(self, member: Member) -> None:
        """Take one more roster row as this person's."""
        self.seats.append(member)
        self.kana = self.kana or member.kana
        if member.kana:
            self._kanas.add(kana_key(member.kana))
        if member.organization:
            self._orgs.add(name_key(member.organization))

    @property
    def councils(self) -> list[str]:
        """The ids of the councils the person sits on, in ledger order, each once."""
        return list(dict.fromkeys(m.council_id for m in self.seats))

    @property
    def organizations(self) -> list[str]:
        """The organisations typed on the person's rows, each once (as first typed)."""
        seen: dict[str, str] = {}
        for member in self.seats:
            if member.organization:
                seen.setdefault(name_key(member.organization), member.organization)
        return list(seen.values())



@dataclass
class Proposal:
    """Two people who may be one, for staff to confirm (never merged by the program)."""

    a: Person
    b: Person
    reason: str


@dataclass
class Identities:
    """Every person of the rosters, which person each row belongs to, and the proposals."""

    people: list[Person]
    proposals: list[Proposal]
    _of: dict[int, Person] = field(default_factory=dict, repr=False)

    def person_of(self, member: Member) -> Person | None:
        """The person a roster row belongs to (``None`` for 事務局 rows and rows not given)."""
        return self._of.get(id(member))


def _confirms(person: Person, member: Member) -> bool | None:
    """True: the row is this person; False: someone else; None: cannot tell."""
    kanas = person._kanas
    if member.kana and kanas:
        return kana_key(member.kana) in kanas
    orgs = person._orgs
    if member.organization and orgs:
        return name_key(member.organization) in orgs
    return None


def identify(members: Iterable[Member]) -> Identities:
    """Group roster rows into people by the module's rules; 事務局 rows are skipped."""
    people: list[Person] = []
    of: dict[int, Person] = {}
    by_id: dict[str, Person] = {}
    by_name: dict[str, list[Person]] = {}
    unsure: list[tuple[Person, Person]] = []
    rows = [m for m in members if m.role != STAFF_ROLE and m.name]
    for member in rows:  # 人物ID first, so rows without one can join them
        if member.person_id:
            person = by_id.get(member.person_id)
            if person is None:
                person = Person(f"id:{member.person_id}", member.name, member.person_id, member.kana)
                by_id[member.person_id] = person
                people.append(person)
                by_name.setdefault(name_key(member.name), []).append(person)
            person.add(member)
            of[id(member)] = person
    for member in rows:
        if member.person_id:
            continue
        key = name_key(member.name)
        chosen = None
        doubtful = []
        for candidate in by_name.get(key, []):
            verdict = _confirms(candidate, member)
            if verdict:
                chosen = candidate
                break
            if verdict is None:
                doubtful.append(candidate)
        if chosen is None:
            chosen = Person(f"name:{key}#{len(by_name.get(key, []))}", member.name, None, member.kana)
            people.append(chosen)
            by_name.setdefault(key, []).append(chosen)
            unsure += [(other, chosen) for other in doubtful]
        chosen.add(member)
        of[id(member)] = chosen
    proposals = [Proposal(a, b, "氏名が同じですが、ふりがな・所属で同じ人か確かめられません") for a, b in unsure]
    proposals += _variant_proposals(people)
    return Identities(people, proposals, of)


def _variant_proposals(people: list[Person]) -> list[Proposal]:
    """People whose names differ only by variant characters (髙橋/高橋)."""
    variants = set(VARIANT_OF)
    groups: dict[str, list[Person]] = {}
    for person in people:
        groups.setdefault(folded(person.name), []).append(person)
    proposals = []
    for group in groups.values():
        if len(group) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if name_key(a.name) != name_key(b.name) and variants & set(name_key(a.name) + name_key(b.name)):
                    proposals.append(Proposal(a, b, "氏名の異体字（髙/高、﨑/崎、邊/邉/辺など）だけが違います"))
    return proposals
