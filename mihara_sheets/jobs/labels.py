"""宛名ラベル作成: address labels for the 郵送 recipients of one meeting's notice.

The recipients and their 送付方法 are the notices' own (documents/notice_context); the
sheet is laid out by :mod:`mihara_sheets.documents.labels`. Output (``out/宛名ラベル/``):
``宛名ラベル_<会議ID>.docx`` and, with ``pdf``, ``PDF/宛名ラベル_<会議ID>.pdf``. The ledger
is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ledger.queries import find_meeting, meeting_title, problems_on, similar_meeting_ids
from ..problems import make_problem
from .common import load, output_folder
from .result import JobResult
from .source import LedgerSource

LABELS_FOLDER = "宛名ラベル"


@dataclass
class LabelsRequest:
    """Which meeting, which sheet (``A4-12`` / ``A4-24``), the first free label (``start``,
    1 = the sheet is new), 縦書き or not, a PDF too, and where."""

    meeting_id: str = ""
    layout: str = "A4-12"
    start: int = 1
    vertical: bool = False
    pdf: bool = False
    out: str | Path | None = None


def run_labels(source: LedgerSource, request: LabelsRequest) -> JobResult:
    """Make the label sheet of ``request.meeting_id``; recipients without an address are
    named and skipped, the rest get their label."""
    from ..documents.label_layouts import LAYOUTS
    from ..documents.labels import label_document, page_geometry, plan_labels, printer_offset
    from ..documents.errors import DocumentError
    from ..documents.properties import DocProperties

    result = JobResult("labels", "宛名ラベル作成")
    layout = LAYOUTS.get((request.layout or "").strip().upper())
    if layout is None:
        return result.stop(make_problem("invalid-request", detail=f"ラベルの種類は {'・'.join(LAYOUTS)} のどれかです（指定：{request.layout}）。"))
    if not 1 <= request.start <= layout.per_page:
        return result.stop(make_problem("invalid-request",
                                        detail=f"開始位置は1～{layout.per_page}（{layout.title}の何枚目から使うか）です（指定：{request.start}）。"))
    meeting_id = (request.meeting_id or "").strip()
    if not meeting_id:
        return result.stop(make_problem("invalid-request", detail="宛名ラベルを作る会議の会議IDを指定してください。"))
    ledger = load(source, result)
    if ledger is None:
        return result
    meeting = find_meeting(ledger, meeting_id)
    if meeting is None:
        close = similar_meeting_ids(ledger, meeting_id)
        return result.stop(make_problem("meeting-not-found", value=meeting_id,
                                        suggestion=f"近い会議ID：{'、'.join(close)}。" if close else ""))
    title = meeting_title(ledger, meeting)
    plan = plan_labels(ledger, meeting)
    offset, offset_problems = printer_offset(ledger.settings)
    _, cut = page_geometry(layout, offset)
    result.problems += problems_on(ledger, [meeting] + [m for m in ledger.members if m.name in plan.names])
    result.problems += plan.problems + offset_problems
    if cut:
        result.problems.append(make_problem("label-offset-cut", sheet="設定"))
    result.data = {"meeting_id": meeting.meeting_id, "layout": layout.name, "labels": len(plan.labels),
                   "start": request.start, "vertical": request.vertical,
                   "pages": -(-(request.start - 1 + len(plan.labels)) // layout.per_page) if plan.labels else 0}
    if not plan.labels:
        result.problems.append(make_problem("label-no-recipients", meeting=meeting.meeting_id))
        result.lines.append(f"{title}には郵送の宛先がないため、宛名ラベルは作っていません。")
        result.summary = f"{meeting.meeting_id} ラベルなし"
        return result
    data = label_document(plan.labels, layout, start=request.start, vertical=request.vertical, offset=offset,
                          properties=DocProperties(f"宛名ラベル　{title}", ledger.settings.division or ""))
    folder = output_folder(ledger, source, request.out) / LABELS_FOLDER
    try:
        result.files += _write(folder, meeting.meeting_id, data, request.pdf, result)
    except DocumentError as error:  # the folder cannot be written
        return result.stop(error.problem)
    skipped = f"（{request.start - 1}枚目まで使用済みとして空けています）" if request.start > 1 else ""
    result.lines.append(f"{title}の宛名ラベル{len(plan.labels)}枚分を{layout.title}の用紙用に"
                        f"{'縦書きで' if request.vertical else ''}作成しました{skipped}。"
                        f"保存先: {result.files[0]}")
    if request.pdf and len(result.files) > 1:
        result.lines.append(f"  PDF: {result.files[1]}")
    result.summary = f"{meeting.meeting_id} ラベル{len(plan.labels)}枚"
    return result


def _write(folder: Path, meeting_id: str, data: bytes, pdf: bool, result: JobResult) -> list[Path]:
    """Write the .docx (and its PDF) through the folder's manifest; the files made."""
    from ..documents.files import safe_filename, write_document, writing_into
    from ..outputs import OutputFolder

    with writing_into(folder):
        outputs = OutputFolder(folder)
        # Without --pdf, a PDF of an earlier run (another --start...) is removed: it would not match.
        docx, made_pdf, failed = write_document(outputs, f"宛名ラベル_{safe_filename(meeting_id)}.docx", data, pdf=pdf)
        if failed:
            result.problems.append(failed)
        outputs.save_manifest()
    result.problems += outputs.problems
    return [docx, *([made_pdf] if made_pdf else [])]
