"""Questions asked of a :class:`Ledger` by several jobs: which meeting, which plenary, titles.

Pure logic over records; nothing here reads a file or knows a document.
"""

from __future__ import annotations

import difflib
import unicodedata
import datetime as dt
from collections.abc import Iterable
from typing import Any

import re

from ..problems import Problem
from .checks import name_key
from .ledger import Ledger
from .records import Council, Meeting, Member

PLENARY_KIND = "全体会議"
NOT_HELD = ("中止", "延期")
#: The 役職 of a roster row that is staff of the secretariat, not a member.
SECRETARIAT = "事務局"
#: The 役職 of an invited non-member: listed and invited, never counted as a 委員.
OBSERVER = "オブザーバー"
TO_NOTIFY = ("予定", "通知済")
# 設定 key: further councils (ids or names, separated by 、 or ,) whose members the
# plenary's notice also goes to, besides the 部会 under the network.
PLENARY_INVITES_KEY = "全体会議の通知先"


def id_key(text: str) -> str:
    """An id as compared: NFKC, no spaces, upper case, every dash alike (Ｋ１８－２０２６ is K18-2026)."""
    folded = unicodedata.normalize("NFKC", text or "")
    for dash in "‐‑‒–—―−ー－":
        folded = folded.replace(dash, "-")
    return "".join(folded.split()).upper()


def find_meeting(ledger: Ledger, typed: str) -> Meeting | None:
    """The meeting whose 会議ID is ``typed`` as staff type it (width, case and spaces aside)."""
    exact = ledger.meeting(typed)
    if exact is not None:
        return exact
    wanted = id_key(typed)
    for meeting in ledger.meetings:
        if id_key(meeting.meeting_id) == wanted:
            return meeting
    return None


def similar_meeting_ids(ledger: Ledger, typed: str, limit: int = 3) -> list[str]:
    """The 会議ID closest to ``typed``, best first (for 「もしかして」 in a message)."""
    keys = {id_key(m.meeting_id): m.meeting_id for m in ledger.meetings}
    close = difflib.get_close_matches(id_key(typed), list(keys), n=limit, cutoff=0.6)
    return [keys[key] for key in close]


def is_plenary(council: Council) -> bool:
    """The 全体会議: its 区分, or its name when the 区分 was left blank or typed otherwise."""
    return council.kind == PLENARY_KIND or council.name.endswith(PLENARY_KIND)


def plenary_ids(ledger: Ledger) -> set[str]:
    """Ids of the councils that are a 全体会議."""
    return {c.council_id for c in ledger.councils if is_plenary(c)}


def latest_plenary_year(ledger: Ledger) -> int | None:
    """The fiscal year of the latest 全体会議 meeting in the ledger, or ``None``."""
    plenary = plenary_ids(ledger)
    years = [m.fiscal_year for m in ledger.meetings if m.council_id in plenary and m.fiscal_year]
    return max(years) if years else None


def next_meeting_id(ledger: Ledger, on: dt.date | None = None) -> str | None:
    """The earliest meeting still to be notified (状態 予定 / 通知済), the plenary aside.

    With ``on`` (the notice date), a meeting dated before it is passed over: a 予定 left on a
    meeting held months ago (staff forgot 開催済) must not get notices and a 通知済 now."""
    plenary = plenary_ids(ledger)
    waiting = [m for m in ledger.meetings if m.status in TO_NOTIFY and m.date and m.council_id not in plenary
               and (on is None or m.date >= on)]
    return min(waiting, key=lambda m: m.date).meeting_id if waiting else None


def meeting_title(ledger: Ledger, meeting: Meeting) -> str:
    """The meeting's 会議名, or 「第N回＋会議体名」 as the ledger contract defaults it."""
    if meeting.title:
        return meeting.title
    council = ledger.council(meeting.council_id)
    name = council.name if council else meeting.council_id
    return f"第{meeting.number}回{name}" if meeting.number else name


def person_key(member: Member) -> str:
    """One person across rosters: the 人物ID, else the name (NFKC, no spaces)."""
    return member.person_id or name_key(member.name)


def subcommittees_of(ledger: Ledger, plenary: Council) -> list[Council]:
    """The 部会 under the network the plenary belongs to (all 部会 when it has no parent)."""
    units = [c for c in ledger.councils if c.kind == "部会" and c.status != "廃止"]
    if plenary.parent_id:
        siblings = [c for c in units if c.parent_id == plenary.parent_id]
        units = siblings or units
    return units


def invited_councils(ledger: Ledger, meeting: Meeting) -> list[Council]:
    """The councils whose members a meeting's notice goes to, in ledger order.

    A meeting's own council; for the plenary also every 部会 under the network and the
    councils the 設定 「全体会議の通知先」 names.
    """
    council = ledger.council(meeting.council_id)
    if council is None:
        return []
    if not is_plenary(council):
        return [council]
    named = [ledger.find_council(part.strip()) for part in
             re.split(r"[、,，]", ledger.settings.extra.get(PLENARY_INVITES_KEY, "")) if part.strip()]
    wanted = [council, *subcommittees_of(ledger, council), *(c for c in named if c)]
    return _unique(wanted)


def meeting_invitees(ledger: Ledger, meeting: Meeting) -> list[Member]:
    """Who is invited to ``meeting``: members serving on its date, one entry a person.

    The councils are :func:`invited_councils` (for the plenary every 部会 under the network
    too); the 事務局 rows are staff, not members, and are left out. The notices, the
    attendance and the products after them all start from this list.
    """
    invitees = []
    seen: set[str] = set()
    for council in invited_councils(ledger, meeting):
        for member in ledger.members_of(council.council_id, on=meeting.date):
            if member.role == SECRETARIAT or person_key(member) in seen:
                continue
            seen.add(person_key(member))
            invitees.append(member)
    return invitees


def _unique(councils: list[Council]) -> list[Council]:
    seen: set[str] = set()
    kept = []
    for council in councils:
        if council.council_id not in seen:
            seen.add(council.council_id)
            kept.append(council)
    return kept


def settings_place(settings: Any, key: str) -> dict[str, Any]:
    """Where a 設定 key's value is, as ``make_problem`` arguments: its B cell when the key was
    typed in the sheet (``設定!B12``), else the 設定 sheet alone."""
    from .headers import header_key

    found = getattr(settings, "rows", {}).get(header_key(key))
    if found is None:
        return {"sheet": "設定"}
    file, sheet, row = found
    return {"file": file, "sheet": sheet, "cell": f"B{row}", "row": row}


def problems_on(ledger: Ledger, records: Iterable[Any], *, errors_only: bool = True) -> list[Problem]:
    """The ledger's problems (errors by default) on the rows ``records`` were read from.

    A document made from a row with an error (a date that could not be read...) may be
    wrong, so those errors go with it; errors elsewhere in the ledger are not its business.
    A roster row left out for a missing required value (a blank 氏名) may be a member the
    document misses: those errors come with every document made from that roster sheet.
    """
    rows = {(r.origin.file, r.origin.sheet, r.origin.row) for r in records if getattr(r, "origin", None)}
    rosters = {(r.origin.file, r.origin.sheet) for r in records if isinstance(r, Member) and r.origin}
    return [p for p in ledger.problems
            if (p.is_error or not errors_only) and p.row is not None
            and (any(p.sheet == sheet and p.row == row and p.file in (None, file) for file, sheet, row in rows)
                 or (p.code == "required-missing" and (p.file, p.sheet) in rosters))]
