"""The 公示 list (孤独・孤立対策推進法 §15): the network's bodies and member organisations.

The network is the top council (区分 親会) and every council under it; a ledger without a
親会 uses every council that has children and their descendants, else every council still
running (状態 not 統合/廃止/部会化). Organisations are the members' 所属, deduplicated
(NFKC, no spaces), grouped by 区分; individuals (公募委員, rows without 所属) are counted,
not named. A confidential body (守秘義務) is named, but its members and their organisations
are not taken from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..ledger.ledger import Ledger
from ..ledger.records import Council
from .identity import name_key

NOT_SEATS = ("事務局",)
ENDED = ("統合", "廃止", "部会化")
UNCATEGORISED = "その他"


@dataclass
class Body:
    """A body of the network as published."""

    name: str
    kind: str
    confidential: bool
    organizations: list[str] = field(default_factory=list)  # empty for a confidential body
    individuals: int = 0  # members without an organisation to publish (公募委員 and others)


@dataclass
class KojiList:
    """What is published: the network's name, its 調整機関, bodies and organisations by 区分."""

    network: str
    coordinator: str | None
    as_of: dt.date
    bodies: list[Body]
    by_category: list[tuple[str, list[str]]]

    @property
    def organizations(self) -> list[tuple[str, str]]:
        """(区分, 団体名) pairs, in the order of :attr:`by_category`."""
        return [(category, org) for category, orgs in self.by_category for org in orgs]


def network_councils(ledger: Ledger) -> list[Council]:
    """The councils of the network, top first, in ledger order."""
    roots = [c for c in ledger.councils if c.kind == "親会"]
    if not roots:
        parents = {c.parent_id for c in ledger.councils if c.parent_id}
        roots = [c for c in ledger.councils if c.council_id in parents and not c.parent_id]
    if not roots:
        return [c for c in ledger.councils if c.status not in ENDED]
    chosen = {c.council_id for c in roots}
    grew = True
    while grew:
        grew = False
        for council in ledger.councils:
            if council.parent_id in chosen and council.council_id not in chosen:
                chosen.add(council.council_id)
                grew = True
    return [c for c in ledger.councils if c.council_id in chosen]


def _is_individual(organization: str | None, selection: str | None) -> bool:
    return not organization or selection == "公募" or "公募" in organization


def koji_list(ledger: Ledger, as_of: dt.date) -> KojiList:
    """The 公示 list of ``ledger``'s network as of ``as_of``."""
    councils = network_councils(ledger)
    top = councils[0].name if councils else ""
    bodies = []
    seen: dict[str, tuple[str, str]] = {}  # key -> (category, name as first typed)
    rosters: dict[str, list] = {}
    for member in ledger.members:
        if member.serves_on(as_of):
            rosters.setdefault(member.council_id, []).append(member)
    for council in councils:
        body = Body(council.name, council.kind or "", council.confidential)
        bodies.append(body)
        if council.confidential:
            continue
        for member in rosters.get(council.council_id, []):
            if member.role in NOT_SEATS:
                continue
            if _is_individual(member.organization, member.selection):
                body.individuals += 1
                continue
            key = name_key(member.organization)
            seen.setdefault(key, (member.category or UNCATEGORISED, member.organization))
            if seen[key][1] not in body.organizations:
                body.organizations.append(seen[key][1])
    grouped: dict[str, list[str]] = {}
    for category, name in seen.values():
        grouped.setdefault(category, []).append(name)
    return KojiList(top, ledger.settings.division, as_of, bodies, list(grouped.items()))
