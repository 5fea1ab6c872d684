"""開催通知作成: the notices of one or more meetings, and their record in the ledger.

The documents are made by :func:`mihara_sheets.documents.make_notices`; this job decides
which meetings, which number and date, and what goes back into the ledger — once, for the
CLI, the buttons and the demo alike.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import (find_meeting, meeting_title, next_meeting_id, problems_on, settings_place,
                              similar_meeting_ids)
from ..ledger.records import Meeting
from ..problems import make_problem, problem_at
from .common import load, output_folder, record_in_ledger
from .result import JobResult
from .source import LedgerSource

# A notice does not move a meeting backwards: one already held stays 開催済.
KEEP_STATUS = ("開催済",)
WINDOW_TEMPLATE_NAME = "notice_window.docx"  # the bundled window-envelope template


@dataclass
class NoticeRequest:
    """Which meetings and how. Empty ``meeting_ids``: the next meeting to be notified.

    ``issue_date`` defaults to today — or, for a meeting whose notice was already sent
    under the same 文書番号, to the 通知日 recorded then. ``notice_no`` is a whole 文書番号
    or just its number (``801`` → the 設定 prefix + 801号); only with one meeting.
    """

    meeting_ids: list[str] = field(default_factory=list)
    out: str | Path | None = None
    pdf: bool = False
    update: bool = True
    issue_date: dt.date | None = None
    notice_no: str | None = None
    everyone: bool = False
    template: Any = None
    progress: Callable[[int, int], None] | None = None
    window_envelope: bool = False  # the 長形3号 window-envelope layout (notice_window.docx)
    email: bool = False  # also an unsent .eml per メール recipient, the PDF attached (implies pdf)
    email_template: str | Path | None = None  # the body template (default templates/notice_email.txt)


def run_notices(source: LedgerSource, request: NoticeRequest | None = None) -> JobResult:
    """Make the notices of the requested meetings and record them (one write-back)."""
    from ..documents import DocumentError

    request = request or NoticeRequest()
    result = JobResult("notices", "開催通知作成")
    if request.window_envelope and request.everyone:
        return result.stop(make_problem("invalid-request", detail="窓あき封筒用の通知は一人ずつ作ります。各位の1部（--everyone）とは一緒に使えません。"))
    ledger = load(source, result)
    if ledger is None:
        return result
    if request.window_envelope:
        request = _window_envelope(ledger, request, result)
    meetings = _meetings(ledger, request, result)
    if result.stopped:
        return result
    out_dir = output_folder(ledger, source, request.out)
    updates: list[tuple[Meeting, dict[str, Any]]] = []
    made: list[dict[str, Any]] = []
    result.product = made  # grows meeting by meeting: later ones number after earlier ones
    for meeting in meetings:
        try:
            entry = _one_meeting(ledger, meeting, out_dir, request, result)
        except DocumentError as error:
            result.lines.append(f"{meeting_title(ledger, meeting)}の開催通知を作成できませんでした。")
            return result.stop(error.problem)
        if entry is None:
            continue
        made.append(entry)
        values = _changed_values(meeting, entry["notice_no"], entry["issue_date"])
        if request.update and values:
            updates.append((meeting, values))
        elif request.update:
            result.lines.append(f"  {meeting.meeting_id} は台帳に記録済みのため、台帳は変更していません。")
    if request.update and updates:
        record_in_ledger(source, result, updates)
    elif not request.update and made:
        result.lines.append("  台帳は変更していません（記録しない指定）。")
    result.data = {"meetings": [{k: v for k, v in m.items() if k != "result"} for m in made]}
    result.summary = "、".join(f"{m['meeting_id']} {m['notice_no']} {m['count']}件" for m in made) or "作成せず"
    return result


def _window_envelope(ledger: Ledger, request: NoticeRequest, result: JobResult) -> NoticeRequest:
    """The request with the window-envelope template (unless staff gave their own), and a
    warning when 設定 has no 差出人住所 for it."""
    from dataclasses import replace

    from ..documents.render import load_template

    if not (ledger.settings.sender_address or "").strip():
        where = settings_place(ledger.settings, "差出人住所")
        result.problems.append(make_problem("window-no-sender-address", **where))
    return replace(request, template=request.template or load_template(None, WINDOW_TEMPLATE_NAME))


def _meetings(ledger: Ledger, request: NoticeRequest, result: JobResult) -> list[Meeting]:
    typed = [t for t in request.meeting_ids if t and t.strip()]
    if not typed:
        next_id = next_meeting_id(ledger, on=request.issue_date or dt.date.today())
        if next_id is None:
            result.stop(make_problem("no-meeting-to-notify"))
            return []
        typed = [next_id]
    if request.notice_no and len(typed) > 1:
        result.stop(make_problem("invalid-request", detail="文書番号の指定は、会議を1つだけ指定するときに使えます。"))
        return []
    found: list[Meeting] = []
    for text in dict.fromkeys(typed):
        meeting = find_meeting(ledger, text)
        if meeting is None:
            close = similar_meeting_ids(ledger, text)
            suggestion = f"近い会議ID：{'、'.join(close)}。" if close else ""
            result.problems.append(make_problem("meeting-not-found", value=text, suggestion=suggestion))
        elif meeting not in found:
            found.append(meeting)
    if any(p.code == "meeting-not-found" for p in result.problems):
        result.stop()
    return found


def _one_meeting(ledger: Ledger, meeting: Meeting, out_dir: Path, request: NoticeRequest,
                 result: JobResult) -> dict[str, Any] | None:
    from ..documents import make_notices

    title = meeting_title(ledger, meeting)
    row_errors = problems_on(ledger, [meeting])
    if row_errors:  # a time read as blank, a date typed wrong: the notice would be wrong
        result.problems += row_errors
        result.lines.append(f"{title}の行にエラーがあるため、開催通知を作りませんでした（台帳も変更していません）。")
        return None
    notice_no = _notice_no(ledger, meeting, request.notice_no, result)
    if notice_no is False:
        result.lines.append(f"{title}の開催通知を作りませんでした（文書番号が重複しています）。")
        return None
    issue_date = request.issue_date or dt.date.today()
    if meeting.notice_no and meeting.notice_date and notice_no in (None, meeting.notice_no):
        issue_date = meeting.notice_date  # already sent under this number: it keeps its date
    made = make_notices(ledger, meeting.meeting_id, out_dir, pdf=request.pdf, update=False,
                        issue_date=issue_date, notice_no=notice_no, everyone=request.everyone,
                        template=request.template, progress=request.progress,
                        taken=[m["notice_no"] for m in result.product or []],
                        email=request.email, email_template=request.email_template)
    result.problems += made.problems
    if made.folder is None:
        result.lines.append(f"{title}の開催通知を作成できませんでした。")
        return None
    result.files += made.files + [p for p in (made.combined, made.mailing_list) if p] + made.pdfs + made.drafts
    result.lines.append(f"{title}の開催通知（{made.notice_no}）を{len(made.files)}件作成しました。保存先: {made.folder}")
    if made.pdfs:
        result.lines.append(f"  PDF {len(made.pdfs)}件: {made.pdfs[0].parent}")
    if request.email:
        where = f": {made.drafts[0].parent}" if made.drafts else ""
        result.lines.append(f"  メールの下書き {len(made.drafts)}件（送信はしていません）{where}")
    return {"meeting_id": meeting.meeting_id, "title": title, "notice_no": made.notice_no,
            "issue_date": issue_date, "count": len(made.files), "folder": made.folder,
            "recipients": len(made.recipients), "drafts": len(made.drafts), "result": made}


def _notice_no(ledger: Ledger, meeting: Meeting, typed: str | None, result: JobResult) -> str | None | bool:
    """The 文書番号 asked for (``None``: the meeting's own or the next), or False when taken."""
    wanted = unicodedata.normalize("NFKC", typed).strip() if typed else None
    if wanted and wanted.isdigit():
        wanted = f"{(ledger.settings.notice_prefix or '').strip() or '第'}{int(wanted)}号"
    number = wanted or (meeting.notice_no or "").strip() or None
    if number is None:
        return None
    others = [m for m in ledger.meetings if m is not meeting and (m.notice_no or "").strip() == number]
    if others:
        result.problems.append(problem_at("notice-number-taken", others[0].origin, "notice_no",
                                          value=number, meeting=others[0].meeting_id))
        return False
    return number


def _changed_values(meeting: Meeting, notice_no: str, issue_date: dt.date) -> dict[str, Any]:
    """The fields of the meeting's row that the notice changes (nothing when already recorded)."""
    values: dict[str, Any] = {}
    if meeting.status not in KEEP_STATUS and meeting.status != "通知済":
        values["status"] = "通知済"
    if (meeting.notice_no or "").strip() != notice_no:
        values["notice_no"] = notice_no
    if meeting.notice_date != issue_date:
        values["notice_date"] = issue_date
    return values
