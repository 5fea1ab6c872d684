"""Checks across records: references, duplicates, terms, seats, totals, confidentiality.

Each check is a function ``(ledger, today) -> list[Problem]`` that only reads the ledger,
except :func:`resolve_councils`, which rewrites council names typed in cells to ids.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from itertools import compress
from operator import attrgetter, not_
from typing import Any

from ..problems import CATALOG, Problem, make_problem
from . import fast_paths
from .ledger import Ledger
from .records import _LETTERS, Origin, column_letter


def _at(origin: Origin | None, field: str | None = None) -> dict[str, Any]:
    if origin is None:
        return {}
    return {"file": origin.file, "sheet": origin.sheet, "cell": origin.cell(field) if field else None,
            "row": origin.row, "field": field}


def name_key(name: str | None) -> str:
    """A person's or council's name as compared: NFKC, no spaces (safe, per field notes)."""
    if not name:
        return ""
    normal = unicodedata.normalize("NFKC", name)
    # The only whitespace a printable text can hold is " " (tests/test_fast_paths.py checks
    # every code point): removing it is split-and-join, without splitting.
    return normal.replace(" ", "") if normal.isprintable() else "".join(normal.split())


def person_keys(members: list[Any]) -> list[str]:
    """Each member's person: ``member.person_id or name_key(member.name)``, in order."""
    return [m.person_id or name_key(m.name) for m in members]


# Variant characters only ever proposed as the same person, never merged silently.
VARIANT_OF = {"髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "濵": "浜",
              "濱": "浜", "齋": "斎", "齊": "斉", "澤": "沢", "德": "徳", "廣": "広"}
VARIANTS = str.maketrans(VARIANT_OF)
VARIANT_CHARS = frozenset(VARIANT_OF)
# Characters that are, or become under NFKC, a variant character: the Kangxi radical ⿑
# (U+2FD1) becomes 齊. Found by normalising every code point (a test does it again).
VARIANT_SOURCES = VARIANT_CHARS | {"\u2fd1"}


# -- references --------------------------------------------------------------------------

def resolve_councils(ledger: Ledger) -> list[Problem]:
    """Rewrite every council reference (an id or a name) to the council's id.

    Without any 会議体 row read, a budget line's 関連会議体ID (optional: a budget export on its
    own) is left as typed and not reported; a roster's or meeting's council still is.
    """
    by_id = {c.council_id: c for c in ledger.councils}
    by_name: dict[str, list[str]] = defaultdict(list)
    for council in ledger.councils:
        by_name[name_key(council.name)].append(council.council_id)
    problems: list[Problem] = []

    def resolve(record: Any, field: str, header: str) -> None:
        ref = getattr(record, field)
        if ref is None or ref in by_id:
            return
        ids = by_name.get(name_key(ref), [])
        # A roster sheet named 「高齢者支援部会名簿」 names its council with 名簿 after it.
        if not ids and ref.endswith("名簿"):
            ids = by_name.get(name_key(ref[: -len("名簿")]), []) or (
                [ref[: -len("名簿")]] if ref[: -len("名簿")] in by_id else []
            )
        if len(ids) == 1:
            setattr(record, field, ids[0])
            return
        code = "ambiguous-council" if ids else "unknown-council"
        problems.append(make_problem(code, value=ref, header=header, **_at(record.origin, field)))

    for council in ledger.councils:
        resolve(council, "parent_id", "親会議体")
        resolve(council, "merged_into_id", "統合先")
    budget = [ledger.budget_lines] if ledger.councils else []  # nothing to check them against
    for collection in (ledger.members, ledger.meetings, *budget, ledger.annual_reports):
        # Most references are ids already (or blank): only the others are looked at one by one.
        settled = {*by_id, None}
        known = map(settled.__contains__, map(attrgetter("council_id"), collection))
        for record in compress(collection, map(not_, known)):
            resolve(record, "council_id", "会議体")
    return problems


def check_duplicate_ids(ledger: Ledger) -> list[Problem]:
    """Council and meeting ids must be unique across all sheets and files."""
    problems = []
    for records, field, header in (
        (ledger.councils, "council_id", "会議体ID"),
        (ledger.meetings, "meeting_id", "会議ID"),
    ):
        first_seen: dict[str, Any] = {}
        for record in records:
            key = getattr(record, field)
            if key in first_seen:
                other = first_seen[key].origin
                problems.append(
                    make_problem(
                        "duplicate-id", value=key, header=header,
                        other=other.location(field) if other else "", **_at(record.origin, field),
                    )
                )
            else:
                first_seen[key] = record
    return problems


def check_council_tree(ledger: Ledger) -> list[Problem]:
    """No council is its own parent or merge target, and parents never loop."""
    problems = []
    parents = {c.council_id: c.parent_id for c in ledger.councils}
    for council in ledger.councils:
        for field, header in (("parent_id", "親会議体"), ("merged_into_id", "統合先")):
            if getattr(council, field) == council.council_id:
                problems.append(
                    make_problem("self-reference", header=header, **_at(council.origin, field))
                )
        seen = [council.council_id]
        current = parents.get(council.council_id)
        while current is not None and current in parents and current != council.council_id:
            if current in seen:
                break
            seen.append(current)
            current = parents.get(current)
        if current == council.council_id and len(seen) > 1:
            problems.append(
                make_problem(
                    "parent-cycle", detail=" → ".join(seen + [council.council_id]),
                    **_at(council.origin, "parent_id"),
                )
            )
    return problems


def check_links(ledger: Ledger) -> list[Problem]:
    """Agenda items and attendance replies point at meetings that exist."""
    meeting_ids = {m.meeting_id for m in ledger.meetings}
    problems = []
    for record in (*ledger.agenda_items, *ledger.attendance):
        if record.meeting_id not in meeting_ids:
            problems.append(
                make_problem("unknown-meeting", value=record.meeting_id, **_at(record.origin, "meeting_id"))
            )
    if not ledger.attendance:
        return problems
    known_people = {m.person_id for m in ledger.members if m.person_id} | {
        name_key(m.name) for m in ledger.members
    }
    for reply in ledger.attendance:
        key = reply.person_id or name_key(reply.name)
        if key and key not in known_people:
            field = "person_id" if reply.person_id else "name"
            problems.append(
                make_problem("unknown-person", value=reply.person_id or reply.name, **_at(reply.origin, field))
            )
    return problems


# -- dates and terms -----------------------------------------------------------------------

def check_order(ledger: Ledger) -> list[Problem]:
    """Ends come after starts: terms, meeting times, budget periods."""
    problems = []
    for records, start_field, end_field in (
        (ledger.members, "term_start", "term_end"),
        (ledger.meetings, "start", "end"),
        (ledger.budget_lines, "start", "end"),
    ):
        starts = map(attrgetter(start_field), records)
        ends = map(attrgetter(end_field), records)
        for record, start, end in zip(records, starts, ends):
            if start is not None and end is not None and end < start:
                problems.append(
                    make_problem("end-before-start", start=start, end=end, **_at(record.origin, end_field))
                )
    established = {c.council_id: c.established for c in ledger.councils if c.established}
    for meeting in ledger.meetings:
        since = established.get(meeting.council_id)
        if since and meeting.date and meeting.date < since:
            problems.append(
                make_problem("meeting-before-established", value=meeting.date, **_at(meeting.origin, "date"))
            )
        if meeting.reply_by and meeting.date and meeting.reply_by > meeting.date:
            problems.append(
                make_problem("reply-after-meeting", value=meeting.reply_by, **_at(meeting.origin, "reply_by"))
            )
    return problems


def check_terms(ledger: Ledger, today: dt.date) -> list[Problem]:
    """Members whose term has ended, or ends within 任期アラート日数 of ``today``."""
    problems = []
    alert = dt.timedelta(days=ledger.settings.term_alert_days)
    # A ledger whose every term has ended gives a problem per row: they are made directly
    # (the same fields make_problem would give), their places looked up once per sheet.
    places: dict[int, tuple[str, str, str | None]] | None = {} if fast_paths.enabled() else None
    ended_severity = CATALOG["term-ended"][0]
    members = ledger.members
    for member in members:
        end = member.term_end
        if end is None or member.role == "事務局":
            continue
        if end < today:
            origin = member.origin
            if places is not None and origin is not None:
                layout = origin.layout
                place = places.get(id(layout)) or _place(layout, "term_end", places)
                row = origin.row
                problems.append(Problem("term-ended", ended_severity, None, place[0], place[1],
                                        None if place[2] is None else f"{place[2]}{row}", None, row, "term_end",
                                        details={"end": end}))
            else:
                problems.append(make_problem("term-ended", end=end, **_at(origin, "term_end")))
        elif end - today <= alert:
            problems.append(
                make_problem(
                    "term-ending-soon", end=end, days=(end - today).days, **_at(member.origin, "term_end")
                )
            )
    return problems


def _place(layout: Any, field: str, places: dict[int, tuple[str, str, str | None]]) -> tuple[str, str, str | None]:
    """A layout's file, sheet and the column letter of ``field`` (``None`` without that
    column), as :meth:`Origin.cell` gives it; remembered in ``places`` by the layout."""
    col = layout.columns.get(field)
    letter = None if col is None else (_LETTERS[col] if col < len(_LETTERS) else column_letter(col))
    place = places[id(layout)] = (layout.file, layout.sheet, letter)
    return place


def check_concurrent_seats(ledger: Ledger) -> list[Problem]:
    """People sitting on more councils than 兼職上限 (default 4), and likely duplicates.

    A person is their 人物ID when given, else their name (NFKC, no spaces). Names that
    differ only by variant characters (髙/高) are proposed as the same person, not merged.
    """
    limit = ledger.settings.concurrent_seat_limit
    counted = [m for m in ledger.members if m.role != "事務局"]
    keys = person_keys(counted)
    counts = Counter(keys)
    if len(counts) == len(keys):  # everyone on one row: each key's first member is its only one
        first: dict[str, Any] = dict(zip(keys, counted))
    else:
        first = {}
        for key, member in zip(keys, counted):
            first.setdefault(key, member)
    # Only someone on more rows than the limit can sit on more councils than it.
    many_rows = {key for key, rows in counts.items() if rows > limit}
    seats: dict[str, set[str]] = defaultdict(set)
    for key, member in zip(keys, counted):
        if key in many_rows:
            seats[key].add(member.council_id)
    problems = []
    for key, councils in seats.items():
        if len(councils) > limit:
            member = first[key]
            problems.append(
                make_problem(
                    "concurrent-seats", name=member.name, count=len(councils), limit=limit,
                    **_at(member.origin, "name"),
                )
            )
    return problems + _similar_names(first)


def _similar_names(first: dict[str, Any]) -> list[Problem]:
    """People (one member each) whose names are the same but for variant characters."""
    names = "".join(map(attrgetter("name"), first.values()))
    if not any(variant in names for variant in VARIANT_SOURCES):
        return []  # the usual roster: nobody can be a variant of anybody
    names = {key: name_key(member.name) for key, member in first.items()}
    with_variant = {key for key, name in names.items() if not VARIANT_CHARS.isdisjoint(name)}
    folded_targets = {names[key].translate(VARIANTS) for key in with_variant}
    by_folded: dict[str, list[Any]] = defaultdict(list)
    for key, member in first.items():
        if key in with_variant or names[key] in folded_targets:
            by_folded[names[key].translate(VARIANTS)].append((names[key], member))
    problems = []
    for group in by_folded.values():
        (base_name, base), *others = group
        for other_name, other in others:
            if other_name != base_name:
                problems.append(
                    make_problem(
                        "similar-names", value=other.name, other=base.origin.location("name")
                        if base.origin else "", other_value=base.name, **_at(other.origin, "name"),
                    )
                )
    return problems


def check_confidential_meetings(ledger: Ledger) -> list[Problem]:
    """個別支援会議 and confidential councils record counts only, never case details."""
    confidential = {
        c.council_id for c in ledger.councils if c.confidential or c.kind == "個別支援会議"
    }
    problems = []
    for meeting in ledger.meetings:
        if meeting.council_id not in confidential:
            continue
        for field, header in (("summary", "概要"), ("decisions", "決定事項")):
            if getattr(meeting, field):
                problems.append(
                    make_problem("case-details-present", header=header, **_at(meeting.origin, field))
                )
    return problems


def check_totals(ledger: Ledger) -> list[Problem]:
    """Every declared total row equals the sum of the lines it closes."""
    problems = []
    for total in ledger.budget_totals:
        at = ({"file": total.origin.file, "sheet": total.origin.sheet, "cell": total.cell, "row": total.origin.row,
               "field": "budget"} if total.origin else {})
        if not total.lines:
            problems.append(make_problem("total-without-lines", label=total.label, **at))
        elif total.amount is not None and not total.matches:
            problems.append(
                make_problem(
                    "total-mismatch", value=total.amount, label=total.label,
                    amount=f"{total.amount:,}", lines_sum=f"{total.lines_sum:,}",
                    difference=f"{total.difference:+,}", **at,
                )
            )
    return problems


def run_checks(ledger: Ledger, today: dt.date) -> list[Problem]:
    """Every cross-record check, in a stable order."""
    problems = []
    problems += check_duplicate_ids(ledger)
    problems += check_council_tree(ledger)
    problems += check_links(ledger)
    problems += check_order(ledger)
    problems += check_terms(ledger, today)
    problems += check_concurrent_seats(ledger)
    problems += check_confidential_meetings(ledger)
    problems += check_totals(ledger)
    # Scheduling and terms rules (their own modules; public for the inventory too).
    from .schedule_checks import check_schedule
    from .term_checks import term_rule_problems

    problems += check_schedule(ledger, today)
    problems += term_rule_problems(ledger, today)
    problems += _publication(ledger, today)
    return problems


def _publication(ledger: Ledger, today: dt.date) -> list[Problem]:
    from .publication_checks import check_publication  # publication deadlines (issue 14)

    return check_publication(ledger, today)
