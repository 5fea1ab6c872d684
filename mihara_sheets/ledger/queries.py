"""Questions asked of a :class:`Ledger` by several jobs: which meeting, which plenary, titles.

Pure logic over records; nothing here reads a file or knows a document.
"""

from __future__ import annotations

import difflib
import unicodedata

from .ledger import Ledger
from .records import Council, Meeting

PLENARY_KIND = "全体会議"
NOT_HELD = ("中止", "延期")
TO_NOTIFY = ("予定", "通知済")


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


def next_meeting_id(ledger: Ledger) -> str | None:
    """The earliest meeting still to be notified (状態 予定 / 通知済), the plenary aside."""
    plenary = plenary_ids(ledger)
    waiting = [m for m in ledger.meetings if m.status in TO_NOTIFY and m.date and m.council_id not in plenary]
    return min(waiting, key=lambda m: m.date).meeting_id if waiting else None


def meeting_title(ledger: Ledger, meeting: Meeting) -> str:
    """The meeting's 会議名, or 「第N回＋会議体名」 as the ledger contract defaults it."""
    if meeting.title:
        return meeting.title
    council = ledger.council(meeting.council_id)
    name = council.name if council else meeting.council_id
    return f"第{meeting.number}回{name}" if meeting.number else name
