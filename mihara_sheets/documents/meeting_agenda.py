"""The 次第 of an ordinary meeting as a Word document (and PDF), through the output folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.ledger import Ledger
from ..ledger.queries import meeting_title
from ..ledger.records import Meeting
from ..outputs import OutputFolder
from ..problems import Problem
from .files import safe_filename, write_document, writing_into
from .meeting_agenda_context import plan_meeting_agenda
from .properties import DocProperties
from .render import CompiledTemplate, load_template

MEETING_AGENDA_TEMPLATE = "meeting_agenda.docx"


@dataclass
class MeetingAgendaResult:
    """What :func:`make_meeting_agenda` made, and the problems staff should see."""

    meeting_id: str
    path: Path | None = None
    pdf: Path | None = None
    problems: list[Problem] = field(default_factory=list)


def make_meeting_agenda(
    ledger: Ledger,
    meeting: Meeting,
    out_dir: str | Path,
    *,
    pdf: bool = False,
    template: str | Path | bytes | CompiledTemplate | None = None,
) -> MeetingAgendaResult:
    """Write ``out_dir/次第_<会議ID>.docx`` (and ``PDF/次第_<会議ID>.pdf``).

    Raises :class:`DocumentError` when the template cannot be used or the folder cannot be
    written; the rest is in ``problems``. A 次第 edited by hand since the last run is kept
    as ``…（前回）.docx`` (:class:`~mihara_sheets.outputs.OutputFolder`).
    """
    plan = plan_meeting_agenda(ledger, meeting)
    result = MeetingAgendaResult(meeting.meeting_id, problems=list(plan.problems))
    compiled = template if isinstance(template, CompiledTemplate) else load_template(template, MEETING_AGENDA_TEMPLATE)
    title = f"次第　{meeting_title(ledger, meeting)}"
    data = compiled.render(plan.context, DocProperties(title, ledger.settings.division or ""))
    out = Path(out_dir)
    name = f"次第_{safe_filename(meeting.meeting_id)}"
    with writing_into(out):
        folder = OutputFolder(out)
        result.path, result.pdf, failed = write_document(folder, f"{name}.docx", data, pdf=pdf)
        if failed:
            result.problems.append(failed)
        folder.save_manifest()
    result.problems.extend(folder.problems)
    return result
