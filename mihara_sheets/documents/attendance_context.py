"""The template context of the 出席者名簿 / 受付名簿 and the rows of the 出欠一覧.

Pure logic over an :class:`~mihara_sheets.analyses.attendance.AttendancePlan`. Only 氏名,
所属, 役職 and answers: never an address, a phone number or an e-mail.
"""

from __future__ import annotations

from typing import Any

from ..analyses.attendance import ABSENT, AttendancePlan, Invitee
from ..ledger.ledger import Ledger
from ..wareki import format_date
from .context import meeting_block

ROSTER_TITLE = "出席者名簿"
RECEPTION_TITLE = "受付名簿"
LIST_COLUMNS = (("No.", 5), ("氏名", 16), ("所属", 30), ("役職", 18), ("回答", 13), ("代理者", 24),
                ("回答日", 14), ("当日", 8), ("確認事項", 36))


def _person(number: int, invitee: Invitee) -> dict[str, Any]:
    member = invitee.member
    return {
        "number": number,
        "name": invitee.label,
        "organization": member.organization or "",
        "title": member.title or "",
        "role": member.role or "",
        "status": invitee.status,
    }


def roster_context(ledger: Ledger, plan: AttendancePlan, kind: str) -> dict[str, Any]:
    """The context of the 出席者名簿 (``kind`` = ROSTER_TITLE) or the 受付名簿.

    出席者名簿: members present (or expected: 出席, オンライン出席, 代理出席). 受付名簿:
    everyone invited but those who said they will not come, to sign at the door.
    """
    if kind == ROSTER_TITLE:
        people = [i for i in plan.invitees if i.present or i.status == "代理出席"]
    else:
        people = [i for i in plan.invitees if i.status != ABSENT]
    q = plan.quorum
    return {
        "list_title": kind,
        "meeting": meeting_block(ledger, plan.meeting),
        "people": [_person(n, i) for n, i in enumerate(people, start=1)],
        "counts": {
            "invited": len(plan.invitees),
            "listed": len(people),
            "required": q.required,
            "present": q.present,
            "rule": q.rule,
        },
    }


def list_rows(plan: AttendancePlan, problems_by_row: dict[int, str] | None = None) -> list[dict[str, str]]:
    """The 出欠一覧 rows: one per invitee, what they answered and what to check."""
    problems_by_row = problems_by_row or {}
    rows = []
    for number, invitee in enumerate(plan.invitees, start=1):
        member, reply = invitee.member, invitee.reply
        note = ""
        if reply is None or invitee.status == "未回答":
            note = "回答期限を過ぎています" if plan.overdue else "未回答"
        if reply is not None and reply.origin is not None:
            note = problems_by_row.get(reply.origin.row, note)
        rows.append({
            "No.": str(number),
            "氏名": member.name,
            "所属": member.organization or "",
            "役職": member.title or "",
            "回答": invitee.status,
            "代理者": invitee.proxy or "",
            "回答日": format_date(reply.answered_on) if reply and reply.answered_on else "",
            "当日": invitee.on_the_day or "",
            "確認事項": note,
        })
    return rows


def summary_data(plan: AttendancePlan) -> dict[str, Any]:
    """The ``--json`` figures: invited, present, absent, proxy, unanswered and the quorum."""
    def names(*statuses: str) -> list[dict[str, Any]]:
        return [{"name": i.member.name, "person_id": i.member.person_id, "status": i.status}
                for i in plan.with_status(*statuses)]

    q = plan.quorum
    return {
        "meeting_id": plan.meeting.meeting_id,
        "held": plan.held,
        "reply_by": plan.meeting.reply_by.isoformat() if plan.meeting.reply_by else None,
        "invited": [{"name": i.member.name, "person_id": i.member.person_id} for i in plan.invitees],
        "present": names("出席", "オンライン出席"),
        "absent": names("欠席"),
        "proxy": [{"name": i.member.name, "proxy": i.proxy} for i in plan.with_status("代理出席")],
        "unanswered": names("未回答"),
        "unanswered_overdue": plan.overdue,
        "head_count": plan.head_count,
        "quorum": {"rule": q.rule, "members": q.members, "required": q.required, "present": q.present,
                   "met": q.met, "proxies_count": q.proxies_count},
    }
