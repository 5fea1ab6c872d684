"""The inventory's figures as plain data: the ``--json`` output and what the documents show.

Names, ids, counts and ratios only: no address, phone or e-mail ever enters this data.
Ratios are rounded to four places (the workbook's formulas give the same to that precision).
Term, vacancy and scheduling findings are the ledger's own problems, picked by code, with
the meeting, member or council each one is on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..ledger.ledger import Ledger
from ..problems import Problem
from .composition import Composition, Tally
from .inventory import Inventory
from .koji import KojiList

TERM_CODES = ("term-ended", "term-ending-soon", "duplicate-chair", "term-past-predecessor")
VACANCY_CODES = ("council-vacancy",)
SCHEDULE_CODES = ("meeting-on-weekend", "meeting-on-holiday", "meeting-on-closed-day", "person-double-booked",
                  "notice-too-late", "reply-after-meeting")


def ratio(value: float | None) -> float | None:
    """A share rounded to four places (None stays None)."""
    return None if value is None else round(value, 4)


def tally_dict(tally: Tally) -> dict[str, Any]:
    """One council's (or the total's) composition figures."""
    return {
        "members": tally.members, "women": tally.women, "men": tally.men, "unknown_gender": tally.unknown,
        "women_ratio": ratio(tally.women_ratio), "ex_officio": tally.ex_officio,
        "women_ex_officio": tally.women_ex_officio,
        "women_ratio_without_ex_officio": ratio(tally.women_ratio_without_ex_officio),
        "public_recruited": tally.public_recruited, "public_ratio": ratio(tally.public_ratio),
        "long_tenure": tally.long_tenure,
    }


def _index(ledger: Ledger) -> dict[tuple[str, str, int], Any]:
    found: dict[tuple[str, str, int], Any] = {}
    for records in (ledger.meetings, ledger.members, ledger.councils, ledger.attendance):
        for record in records:
            if record.origin is not None:
                found[(record.origin.file, record.origin.sheet, record.origin.row)] = record
    return found


def _finding(problem: Problem, record: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"code": problem.code, "severity": problem.severity, "location": problem.location,
                            "message": problem.message}
    if record is None:
        return item
    for attribute, key in (("meeting_id", "meeting_id"), ("council_id", "council_id"), ("name", "name"),
                           ("term_end", "term_end"), ("date", "date")):
        value = getattr(record, attribute, None)
        if value is not None and key not in item:
            item[key] = value
    return item


def findings(ledger: Ledger, codes: tuple[str, ...], index: dict | None = None) -> list[dict[str, Any]]:
    """The ledger's problems of ``codes``, each with the record it is on (meeting, member...)."""
    index = _index(ledger) if index is None else index
    chosen = [p for p in ledger.problems if p.code in codes]
    return [_finding(p, index.get((p.file, p.sheet, p.row)) if p.row else None) for p in chosen]


def inventory_data(ledger: Ledger, inventory: Inventory, composition: Composition, koji: KojiList,
                   today: dt.date) -> dict[str, Any]:
    """Everything the job reports, JSON-ready (dates as dates; the CLI prints them ISO)."""
    names = {c.council_id: c.name for c in ledger.councils}
    several = [{"name": p.name, "person_id": p.person_id, "councils": inventory.seats_on(p)}
               for p in inventory.on_several]
    over = [{"name": p.name, "person_id": p.person_id, "councils": inventory.seats_on(p),
             "count": len(inventory.seats_on(p)), "limit": inventory.limit} for p in inventory.over_cap]
    proposals = [{"names": [x.a.name, x.b.name], "reason": x.reason,
                  "a": {"name": x.a.name, "councils": x.a.councils}, "b": {"name": x.b.name, "councils": x.b.councils}}
                 for x in inventory.identities.proposals]
    pairs = [{"a": p.a, "b": p.b, "shared_members": p.shared_members, "member_jaccard": ratio(p.member_jaccard),
              "shared_organizations": p.shared_organizations,
              "organization_jaccard": ratio(p.organization_jaccard), "excluded": p.excluded}
             for p in inventory.pairs]
    index = _index(ledger)
    candidates = [{"rank": i, "a": p.a, "b": p.b, "member_jaccard": ratio(p.member_jaccard),
                   "organization_jaccard": ratio(p.organization_jaccard), "reason": p.reason}
                  for i, p in enumerate(inventory.candidates, start=1)]
    councils = [{
        "id": place.council.council_id, "name": place.council.name, "parent": place.parent,
        "subcommittees": place.subcommittees, "merged_into": place.merged_into, "before": place.before,
        "after": place.after, "meetings_per_year": place.meetings_per_year, "members": len(place.members),
        "categories": place.categories, "burden": place.burden,
    } for place in inventory.places]
    burden = inventory.burden
    return {
        "as_of": composition.as_of,
        "today": today,
        "councils": councils,
        "people_on_several_councils": several,
        "possibly_same_person": proposals,
        "seats_over_cap": over,
        "council_pairs": pairs,
        "consolidation_candidates": candidates,
        "burden": {"total": burden.total, "merged": [list(m) for m in burden.merged],
                   "total_if_merged": burden.total_after, "saved": burden.total - burden.total_after},
        "composition": {
            "as_of": composition.as_of,
            "targets": {"women_percent": composition.women_target, "public_percent": composition.public_target,
                        "tenure_years": composition.tenure_limit, "seat_limit": composition.seat_limit},
            "councils": [{"id": c.council_id, "name": names.get(c.council_id, c.name), **tally_dict(c.tally)}
                         for c in composition.councils],
            "total": tally_dict(composition.total),
            "councils_without_women": [c.council_id for c in composition.without_women],
            "councils_no_women_recorded": [c.council_id for c in composition.no_women_recorded],
            "people_over_seat_limit": [{"name": n, "councils": ids} for n, ids in composition.over_seat_limit],
            "meets_women_target": composition.meets_women_target(composition.total),
            "meets_public_target": composition.meets_public_target(composition.total),
        },
        "term_alerts": findings(ledger, TERM_CODES, index),
        "vacancies": findings(ledger, VACANCY_CODES, index),
        "schedule_warnings": findings(ledger, SCHEDULE_CODES, index),
        "koji": {"network": koji.network, "coordinator": koji.coordinator,
                 "bodies": [{"name": b.name, "confidential": b.confidential,
                             "organizations": [] if b.confidential else b.organizations} for b in koji.bodies],
                 "organizations": [{"category": c, "name": o} for c, o in koji.organizations]},
    }
