"""The 会議録（案）'s template context: every item the city's guidelines require.

Pure logic (see :mod:`.context`). Who was present and absent comes from
:func:`~mihara_sheets.analyses.attendance.plan_attendance` (当日 once the meeting is held,
else the replies); the 議題 from :func:`.agenda_context.program` (the 次第's own reading of
the 議題 rows, else the 会議 sheet's 議題 cell). A 個別支援会議 or a 守秘義務 body gets
counts only: no member's, staff member's or case's name, no 議題 titles or 決定事項, and
the 「非公開・内部資料」 marking. ``templates/README.md`` documents the variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analyses.attendance import ABSENT, ONLINE, PRESENT, PROXY, UNANSWERED, AttendancePlan
from ..ledger.ledger import Ledger
from ..ledger.publication_checks import disclosure_of
from ..ledger.queries import OBSERVER
from ..ledger.records import Council, Meeting, Member
from ..problems import Problem, problem_at
from ..wareki import format_time
from .agenda_context import MEETING_OPENING, CLOSING, program
from .context import SECRETARIAT, meeting_block

TITLE = "会議録（案）"
CONFIDENTIAL_MARK = "非公開・内部資料"
CONFIDENTIAL_REASON = "個人に関する情報を取り扱うため（委員には守秘義務があります）"
ATTEST = "上記のとおり会議の経過を記録し、その内容に相違ないことを証するため、ここに署名する。"


@dataclass
class MinutesPlan:
    """One meeting's 会議録（案）: the context, whether it is confidential, what to check."""

    meeting: Meeting
    context: dict[str, Any]
    confidential: bool
    problems: list[Problem] = field(default_factory=list)


def is_confidential(council: Council | None) -> bool:
    """True for a 個別支援会議 or a council marked 守秘義務: its minutes carry counts only."""
    return bool(council and (council.confidential or council.kind == "個別支援会議"))


def secretariat(ledger: Ledger, meeting: Meeting) -> list[Member]:
    """The 事務局 rows of the meeting's council serving on its date (never invited, listed as staff)."""
    return [m for m in ledger.members_of(meeting.council_id, on=meeting.date) if m.role == SECRETARIAT]


def record_items(sections: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One heading per agenda item for the 会議の経過, in the 次第's order.

    Each entry of a section is an item (「報告（1）…」); a section without entries other
    than 開会 and 閉会 (その他, a セミナー) is an item of its own.
    """
    skip = {h.replace("\u3000", "") for h in (*MEETING_OPENING, CLOSING)}
    items = []
    for section in sections:
        heading = section["heading"].replace("\u3000", "")
        if heading in skip:
            continue
        if not section["entries"]:
            items.append({"heading": heading, "title": heading, "material": ""})
            continue
        for entry in section["entries"]:
            label = entry["label"].strip()
            items.append({"heading": f"{heading}{label}{entry['title']}", "title": entry["title"],
                          "material": entry["material"]})
    return items


def _times(meeting: Meeting) -> dict[str, str]:
    start = format_time(meeting.start) if meeting.start else ""
    end = format_time(meeting.end) if meeting.end else ""
    return {"start": start, "end": end, "time": f"{start}～{end}" if start and end else start}



def _person_label(invitee: Any) -> str:
    """「○○（代理：△△）」, 「○○（オンライン）」 or the name."""
    return invitee.label + ("（オンライン）" if invitee.status == ONLINE else "")


def _is_observer(invitee: Any) -> bool:
    """An オブザーバー is invited and listed, but is not a 委員: never counted as one."""
    return invitee.member.role == OBSERVER


def _people(plan: AttendancePlan, known: bool) -> dict[str, list[dict[str, str]]]:
    def rows(invitees: list[Any]) -> list[dict[str, str]]:
        return [{"name": _person_label(i), "organization": i.member.organization or "",
                 "title": i.member.title or "", "role": i.member.role or ""} for i in invitees]

    if not known:
        return {"present": [], "absent": [], "unanswered": [], "observer_members": []}
    members = [i for i in plan.invitees if not _is_observer(i)]
    present = [i for i in members if i.present or i.status == PROXY]
    observers = [i for i in plan.invitees if _is_observer(i) and (i.present or i.status == PROXY)]
    return {"present": rows(present), "absent": rows([i for i in members if i.status == ABSENT]),
            "unanswered": rows([i for i in members if i.status == UNANSWERED]), "observer_members": rows(observers)}


def _counts(ledger: Ledger, meeting: Meeting, plan: AttendancePlan, known: bool) -> dict[str, Any]:
    members = [i for i in plan.invitees if not _is_observer(i)]  # 委員 only
    invited = len(members)
    if known:
        def count(*statuses: str) -> int:
            return sum(1 for i in members if i.status in statuses)

        present, proxy = count(PRESENT, ONLINE, PROXY), count(PROXY)
        absent, unanswered = count(ABSENT), count(UNANSWERED)
    else:  # no 出欠 rows: the 出席者数 typed in the 会議 row, if any
        present = meeting.attendees if meeting.attendees is not None else ""
        proxy, unanswered = "", ""
        absent = invited - meeting.attendees if meeting.attendees is not None and meeting.attendees <= invited else ""
    cases = [("受理", meeting.cases_received), ("新規", meeting.cases_new), ("終結", meeting.cases_closed)]
    cases_text = "、".join(f"{label} {n}件" for label, n in cases if n is not None)
    return {"invited": invited, "present": present, "proxy": proxy, "absent": absent, "unanswered": unanswered,
            "cases": meeting.cases_received if meeting.cases_received is not None else "",
            "cases_text": cases_text, "staff": len(secretariat(ledger, meeting)),
            "source": "" if known else "会議シートの出席者数",
            "item_count": len(ledger.agenda_of(meeting.meeting_id)) or len(meeting.agenda)}


def _signatures(meeting: Meeting, confidential: bool) -> list[dict[str, str]]:
    """議長 and each 署名委員 (one blank 署名委員 line when none is named); blank names when confidential."""
    chair = "" if confidential else (meeting.chair or "").strip()
    signers = [] if confidential else [s.strip() for s in meeting.signers if s and s.strip()]
    lines = [{"role": "議長", "name": chair}]
    lines += [{"role": "署名委員", "name": s} for s in signers] or [{"role": "署名委員", "name": ""}]
    return lines


def _confidential_items(ledger: Ledger, meeting: Meeting) -> list[dict[str, str]]:
    """Numbered headings without titles (「議題1」…), or one 「事例の検討」 without any 議題."""
    count = len(ledger.agenda_of(meeting.meeting_id)) or len(meeting.agenda)
    if not count:
        return [{"heading": "事例の検討", "title": "", "material": ""}]
    return [{"heading": f"議題{n}", "title": "", "material": ""} for n in range(1, count + 1)]


def plan_minutes(ledger: Ledger, meeting: Meeting, plan: AttendancePlan) -> MinutesPlan:
    """The context of ``meeting``'s 会議録（案） from its attendance ``plan``.

    Warns ``minutes-not-held`` when the meeting is not yet held (the replies stand in for
    当日), ``minutes-no-attendance`` when the 出欠 sheet has no row for it (names left for
    staff), and ``minutes-confidential`` for a 個別支援会議 or 守秘義務 body.
    """
    council = ledger.council(meeting.council_id)
    confidential = is_confidential(council)
    problems: list[Problem] = []
    known = any(i.reply is not None for i in plan.invitees)
    if confidential:
        problems.append(problem_at("minutes-confidential", meeting.origin, "meeting_id", value=meeting.meeting_id))
    if not plan.held:
        problems.append(problem_at("minutes-not-held", meeting.origin, "status", value=meeting.meeting_id))
    if not known:
        problems.append(problem_at("minutes-no-attendance", meeting.origin, "meeting_id", value=meeting.meeting_id))
    block = meeting_block(ledger, meeting)
    block.update(_times(meeting))
    disclosure = disclosure_of(ledger, meeting)
    reason = (meeting.closed_reason or "").strip() or (CONFIDENTIAL_REASON if confidential else "")
    sections = program(ledger, meeting, opening=MEETING_OPENING, from_cell=True)
    items = record_items(sections)
    staff = secretariat(ledger, meeting)
    q = plan.quorum
    people = _people(plan, known and not confidential)
    context = {
        "title": TITLE,
        "meeting": block,
        "confidential": confidential,
        "marking": CONFIDENTIAL_MARK if confidential else "",
        "disclosure": disclosure,
        "closed_reason": reason if disclosure != "公開" else "",
        "held": plan.held,
        "attendance_known": known,
        **people,
        "counts": _counts(ledger, meeting, plan, known),
        "quorum": {"rule": q.rule, "required": q.required, "present": q.present, "met": q.met},
        "secretariat": [] if confidential else [
            {"name": m.name, "organization": m.organization or "", "title": m.title or ""} for m in staff],
        "division": ledger.settings.division or "",
        # A meeting closed to the public has no 傍聴者: 0 unless a number was typed.
        "observers": (str(meeting.observers) if meeting.observers is not None
                      else "0" if disclosure == "非公開" else ""),
        "agenda": [] if confidential else [
            {"heading": s["heading"], "entries": s["entries"]} for s in sections
            if s["heading"].replace("\u3000", "") not in {"開会", "閉会"}],
        "items": _confidential_items(ledger, meeting) if confidential else items,
        "decisions": [] if confidential else [line.strip() for line in (meeting.decisions or "").splitlines()
                                              if line.strip()],
        "attest": ATTEST,
        "signatures": _signatures(meeting, confidential),
    }
    return MinutesPlan(meeting, context, confidential, problems)


def summary_data(plan: MinutesPlan) -> dict[str, Any]:
    """The ``--json`` figures of a 会議録（案）: names only when the body is not confidential."""
    c = plan.context
    data: dict[str, Any] = {
        "meeting_id": plan.meeting.meeting_id,
        "held": c["held"],
        "confidential": plan.confidential,
        "disclosure": c["disclosure"],
        # Not "counts": that key of every job's JSON counts the problems (JobResult.to_dict).
        "people_counts": {k: (None if c["counts"][k] == "" else c["counts"][k])  # not known: null
                   for k in ("invited", "present", "proxy", "absent", "cases")},
        "items": [i["heading"] for i in c["items"]],
    }
    if not plan.confidential:
        data.update({"present": [p["name"] for p in c["present"]], "absent": [p["name"] for p in c["absent"]],
                     "observer_members": [p["name"] for p in c["observer_members"]],
                     "chair": c["signatures"][0]["name"],
                     "signers": [s["name"] for s in c["signatures"][1:] if s["name"]]})
    return data
