"""What goes into the documents: the parts every product's context shares.

Pure logic: records in, plain dicts of display strings out (和暦 already applied). Nothing in
the ``*_context`` modules touches a file. Each product has its own module
(:mod:`.notice_context`, :mod:`.agenda_context`); the variables are documented for staff in
``templates/README.md`` — keep the two in step.
"""

from __future__ import annotations

from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import SECRETARIAT, meeting_title
from ..ledger.records import Meeting, Origin
from ..wareki import format_date, format_time_range

ROLE_ORDER = ("会長", "部会長", "副会長", "副部会長", "委員", "オブザーバー")
UNDECIDED = "（未定）"


def where(origin: Origin | None, field_name: str | None = None) -> str:
    """「会議!D7の」: the cell of ``field_name`` when the sheet has that column, else the row."""
    return f"{origin.location(field_name)}の" if origin else ""


def agenda_titles(ledger: Ledger, meeting: Meeting) -> list[str]:
    """The meeting's agenda: the 議題 sheet when it has items, else the 議題 cell's lines."""
    items = ledger.agenda_of(meeting.meeting_id)
    if items:
        return [item.title for item in items]
    return list(meeting.agenda)


def meeting_block(ledger: Ledger, meeting: Meeting) -> dict[str, Any]:
    """The ``meeting`` variable: display strings of one meeting."""
    council = ledger.council(meeting.council_id)
    return {
        "id": meeting.meeting_id,
        "title": meeting_title(ledger, meeting),
        "council": council.name if council else meeting.council_id,
        "number": meeting.number if meeting.number is not None else "",
        "date": format_date(meeting.date, weekday=True) if meeting.date else UNDECIDED,
        "time": format_time_range(meeting.start, meeting.end) if meeting.start else "",
        "venue": meeting.venue or UNDECIDED,
        "format": meeting.format or "",
    }
