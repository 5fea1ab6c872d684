"""会議録作成: the 会議録（案） of one meeting, from a staff-editable template.

Decided by :mod:`mihara_sheets.documents.minutes_context` (over the attendance plan of
:mod:`mihara_sheets.analyses.attendance`); this job writes ``会議録（案）_<会議ID>.docx``
(and with ``pdf`` its PDF) into the output folder through the manifest, so a draft staff
have edited is never overwritten. The ledger is only read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ledger.queries import meeting_title, problems_on
from .attendance import pick_meeting
from .common import load, not_writable, output_folder
from .result import JobResult
from .source import LedgerSource

MINUTES_TEMPLATE = "minutes.docx"


@dataclass
class MinutesRequest:
    """Which meeting (its 会議ID as typed), where, from which template, and whether to make a PDF."""

    meeting_id: str = ""
    out: str | Path | None = None
    pdf: bool = False
    template: Any = None
    today: dt.date | None = None


MINUTES_ROW_CODES = ("closed-without-reason", "minutes-overdue")


def run_minutes(source: LedgerSource, request: MinutesRequest) -> JobResult:
    """Make the 会議録（案） of one meeting; errors on the rows it was made from make the exit 1."""
    from ..analyses.attendance import plan_attendance
    from ..documents.errors import DocumentError
    from ..documents.files import safe_filename, write_document, writing_into
    from ..documents.minutes_context import TITLE, plan_minutes, summary_data
    from ..documents.properties import DocProperties
    from ..documents.render import load_template
    from ..outputs import OutputFolder

    result = JobResult("minutes", "会議録作成")
    ledger = load(source, result, request.today)
    if ledger is None:
        return result
    meeting = pick_meeting(ledger, request.meeting_id, result)
    if meeting is None:
        return result
    attendance = plan_attendance(ledger, meeting, request.today)
    plan = plan_minutes(ledger, meeting, attendance)
    result.product = plan
    title = meeting_title(ledger, meeting)
    used = [meeting, *(i.member for i in attendance.invitees), *ledger.agenda_of(meeting.meeting_id),
            *(a for a in ledger.attendance if a.meeting_id == meeting.meeting_id)]
    # The attendance job's own reply checks belong to it; the minutes keep the quorum and reply-row ones.
    # Without any 出欠 row the quorum is not known: no quorum-not-met for a count of nobody.
    known = any(i.reply is not None for i in attendance.invitees)
    kept = [p for p in attendance.problems
            if p.code != "attendance-unanswered" and (known or p.code != "quorum-not-met")]
    # The meeting row's own publication warnings concern this record (a closed meeting's 非公開理由).
    row_notes = [p for p in problems_on(ledger, [meeting], errors_only=False) if p.code in MINUTES_ROW_CODES]
    result.problems += problems_on(ledger, used) + row_notes + kept + plan.problems
    out = output_folder(ledger, source, request.out)
    name = f"{TITLE}_{safe_filename(meeting.meeting_id)}"
    try:
        template = load_template(request.template, MINUTES_TEMPLATE)
        data = template.render(plan.context, DocProperties(f"{TITLE}　{title}", ledger.settings.division or ""))
        with writing_into(out):
            folder = OutputFolder(out)
            path, pdf, failed = write_document(folder, f"{name}.docx", data, pdf=request.pdf)
            result.files += [path, *([pdf] if pdf else [])]
            if failed:
                result.problems.append(failed)
            folder.save_manifest()
    except DocumentError as error:
        return result.stop(error.problem)
    except OSError as error:
        return result.stop(not_writable(out, error))
    result.problems += folder.problems
    result.data = summary_data(plan)
    counts = plan.context["counts"]
    result.lines.append(f"{title}の{TITLE}を作成しました。保存先: {path}")
    if plan.confidential:
        result.lines.append(f"  守秘義務のある会議のため、人数・件数だけを載せました（出席 {counts['present']}名）。")
    elif plan.context["attendance_known"]:
        result.lines.append(f"  出席 {len(plan.context['present'])}名、欠席 {len(plan.context['absent'])}名、"
                            f"議題 {len(plan.context['items'])}件。会議の経過は議題ごとの見出しの下に記入してください。")
    else:
        result.lines.append(f"  出欠シートに出欠がないため、出席・欠席の委員は空欄です。議題 {len(plan.context['items'])}件。")
    if request.pdf and len(result.files) > 1:
        result.lines.append(f"  PDF: {result.files[-1]}")
    result.summary = f"{meeting.meeting_id} 会議録（案）"
    return result
