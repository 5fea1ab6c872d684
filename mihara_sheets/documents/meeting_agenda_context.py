"""The 次第 of an ordinary meeting (a 部会, the 運営会議…): its template context.

Pure logic (see :mod:`.context`); the programme is :func:`.agenda_context.program`, the
plenary's own, with 開会 as the only opening line and the 会議 sheet's 議題 cell as the
fallback. ``templates/README.md`` documents the variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.records import Meeting
from ..problems import Problem, problem_at
from .agenda_context import MEETING_OPENING, program
from .context import meeting_block


@dataclass
class MeetingAgendaPlan:
    """One meeting's 次第: the context and what staff should check."""

    meeting: Meeting
    context: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def meeting_materials(ledger: Ledger, meeting: Meeting) -> list[dict[str, str]]:
    """The 配布資料 list: each 議題 row with a 資料 number, in the 次第's order."""
    from .agenda_context import _order_key  # the 次第's own order of rows

    rows = sorted(ledger.agenda_of(meeting.meeting_id), key=_order_key)
    return [{"number": a.material.strip(), "title": a.title} for a in rows if a.material and a.material.strip()]


def plan_meeting_agenda(ledger: Ledger, meeting: Meeting) -> MeetingAgendaPlan:
    """The context of ``meeting``'s 次第: ``meeting``, ``program``, ``materials``, ``sender``.

    Warns (``meeting-agenda-no-items``) when the meeting has neither 議題 rows nor a 議題
    cell: the 次第 then has 開会, その他 and 閉会 only.
    """
    problems: list[Problem] = []
    if meeting.date is None:
        problems.append(problem_at("meeting-agenda-no-date", meeting.origin, "date"))
    if not ledger.agenda_of(meeting.meeting_id) and not meeting.agenda:
        problems.append(problem_at("meeting-agenda-no-items", meeting.origin, "agenda", meeting=meeting.meeting_id))
    context = {
        "meeting": meeting_block(ledger, meeting),
        "program": program(ledger, meeting, opening=MEETING_OPENING, from_cell=True),
        "materials": meeting_materials(ledger, meeting),
        "sender": ledger.settings.division or "",
    }
    return MeetingAgendaPlan(meeting, context, problems)
