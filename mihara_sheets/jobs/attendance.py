"""出欠確認: a meeting's replies, who has not answered, the quorum, the rosters for the door.

Decided by :mod:`mihara_sheets.analyses.attendance`; this job writes the 出欠一覧 (xlsx),
the 出席者名簿 and 受付名簿 (docx) into ``出欠_<会議ID>/`` of the output folder, and — once the
meeting is held — the 出席者数 into the 会議 row, by key, only when that cell is blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import find_meeting, meeting_title, problems_on, similar_meeting_ids
from ..ledger.records import Meeting
from ..problems import make_problem, problem_at
from ..xlsx_out import ledger_names
from .common import load, not_writable, output_folder, record_in_ledger
from .result import JobResult
from .source import LedgerSource

ROSTER_TEMPLATE = "attendance.docx"


@dataclass
class AttendanceRequest:
    """Which meeting (its 会議ID as typed), where, and whether to record the 出席者数."""

    meeting_id: str = ""
    out: str | Path | None = None
    update: bool = True
    today: dt.date | None = None
    template: Any = None


def pick_meeting(ledger: Ledger, typed: str, result: JobResult) -> Meeting | None:
    """The meeting staff typed, or ``None`` with ``result`` stopped (unknown, or none given)."""
    if not (typed or "").strip():
        result.stop(make_problem("invalid-request", detail="会議IDを指定してください（--meeting）。"))
        return None
    meeting = find_meeting(ledger, typed)
    if meeting is None:
        close = similar_meeting_ids(ledger, typed)
        suggestion = f"近い会議ID：{'、'.join(close)}。" if close else ""
        result.stop(make_problem("meeting-not-found", value=typed, suggestion=suggestion))
    return meeting


def run_attendance(source: LedgerSource, request: AttendanceRequest) -> JobResult:
    """Make the 出欠一覧, 出席者名簿 and 受付名簿 of one meeting; record its 出席者数 when held."""
    from ..analyses.attendance import plan_attendance
    from ..documents.attendance_context import (RECEPTION_TITLE, ROSTER_TITLE, list_rows, roster_context,
                                                summary_data)
    from ..documents.errors import DocumentError
    from ..documents.files import safe_filename
    from ..documents.properties import DocProperties
    from ..documents.render import load_template
    from ..outputs import OutputFolder

    result = JobResult("attendance", "出欠確認")
    ledger = load(source, result, request.today)
    if ledger is None:
        return result
    meeting = pick_meeting(ledger, request.meeting_id, result)
    if meeting is None:
        return result
    plan = plan_attendance(ledger, meeting, request.today)
    result.product = plan
    title = meeting_title(ledger, meeting)
    used = [meeting, *(i.member for i in plan.invitees),
            *(a for a in ledger.attendance if a.meeting_id == meeting.meeting_id)]
    result.problems += problems_on(ledger, used) + plan.problems
    try:
        template = load_template(request.template, ROSTER_TEMPLATE)
        division = ledger.settings.division or ""
        rosters = {kind: template.render(roster_context(ledger, plan, kind), DocProperties(f"{kind}　{title}", division))
                   for kind in (ROSTER_TITLE, RECEPTION_TITLE)}
    except DocumentError as error:
        return result.stop(error.problem)
    stem = safe_filename(meeting.meeting_id)
    folder = OutputFolder(output_folder(ledger, source, request.out) / f"出欠_{stem}")
    notes = {p.row: p.message for p in plan.problems if p.sheet and p.row and p.code.startswith("attendance-")}
    try:
        path = folder.path_for(f"出欠一覧_{stem}.xlsx")
        write_attendance_list(path, list_rows(plan, notes), title=f"出欠一覧　{title}",
                              made_on=request.today, ledger_name=ledger_names(ledger.sources),
                              author=ledger.settings.division or "")
        folder.adopt(path)
        result.files.append(path)
        for kind, data in rosters.items():
            result.files.append(folder.write(f"{kind}_{stem}.docx", data))
        folder.save_manifest()
    except OSError as error:
        return result.stop(not_writable(folder.folder, error))
    result.problems += folder.problems
    data = summary_data(plan)
    result.data = data
    q = plan.quorum
    result.lines.append(f"{title}の出欠一覧・出席者名簿・受付名簿を作成しました。保存先: {folder.folder}")
    result.lines.append(
        f"  通知先 {len(plan.invitees)}名：出席 {len(data['present'])}名、代理出席 {len(data['proxy'])}名、"
        f"欠席 {len(data['absent'])}名、未回答 {len(data['unanswered'])}名。")
    verdict = "達しています" if q.met else "達していません"
    counted = "代理出席を含む" if q.proxies_count else "代理出席を含まない"
    if any(i.member.role == "オブザーバー" for i in plan.invitees):
        counted += "。オブザーバーは数えません"
    result.lines.append(f"  定足数（{q.rule}）{q.required}名に対し、{'出席' if plan.held else '出席見込み'} "
                        f"{q.present}名（{counted}）で、{verdict}。")
    if plan.held and request.update:
        _record_head_count(source, meeting, plan.head_count, result)
    result.summary = f"{meeting.meeting_id} 出席{q.present}/定足数{q.required}"
    return result


def _record_head_count(source: LedgerSource, meeting: Meeting, count: int, result: JobResult) -> None:
    """The 出席者数 into the meeting's row: only into a blank cell of an existing column."""
    origin = meeting.origin
    if origin is None or "attendees" not in origin.layout.columns:
        result.lines.append("  会議シートに出席者数の列がないため、台帳には記録していません。")
        return
    if meeting.attendees is not None:
        if meeting.attendees != count:
            result.problems.append(problem_at("attendance-count-typed", origin, "attendees",
                                              value=meeting.attendees, count=count))
        else:
            result.lines.append(f"  出席者数（{count}名）は台帳に入力済みです。")
        return
    record_in_ledger(source, result, [(meeting, {"attendees": count})], note=f"（{count}名）")


def write_attendance_list(path: Path, rows: list[dict[str, str]], *, title: str, made_on: dt.date | None = None,
                          ledger_name: str = "", author: str = "") -> Path:
    """The 出欠一覧 for the clerk: one row per invitee; the unanswered and what to check in red."""
    from ..documents.attendance_context import LIST_COLUMNS
    from ..documents.files import write_list_workbook

    def red(row: dict[str, str], column: str) -> bool:
        return (column == "確認事項" and bool(row.get(column))) or row.get("回答") == "未回答"

    return write_list_workbook(path, "出欠一覧", LIST_COLUMNS, rows, title=title, made_on=made_on,
                               ledger_name=ledger_name, author=author, red=red)
