"""Meeting notices (開催通知): one .docx per recipient, one combined file, the 宛名一覧, PDFs.

Output folder of a run (``out_dir/開催通知_<会議ID>/``)::

    個別/001_広島花子.docx ...        one notice per recipient (page 2: the reply slip)
    一括印刷用_<会議ID>.docx          every notice in one file, each from a new page
    宛名一覧_<会議ID>.xlsx            postal code, address, name + 敬称, delivery
    PDF/                              with ``pdf=True``: all of the above .docx as PDF (the
                                      combined file converted once and split by page)
    .mihara_sheets.json               the files this folder holds that the project made
                                      (see :mod:`mihara_sheets.outputs`)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.ledger import Ledger
from ..problems import Problem, has_errors
from .notice_context import Recipient, everyone_context, mailing_rows, plan_notice, recipient_context
from .errors import DocumentError
from ..outputs import OutputFolder
from ..xlsx_out import ledger_names
from .files import safe_filename, write_mailing_list, writing_into
from ..ledger.queries import problems_on
from .split import make_pdfs
from .properties import DocProperties
from .render import CompiledTemplate, load_template
from .writeback import record_notice
from .email_plan import plan_drafts

Progress = Callable[[int, int], None]
NOTICE_TEMPLATE = "notice.docx"


@dataclass
class NoticeResult:
    """What :func:`make_notices` made, and the problems staff should see."""

    meeting_id: str
    notice_no: str | None = None
    issue_date: dt.date | None = None
    folder: Path | None = None
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    mailing_list: Path | None = None
    pdfs: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)  # メール/*.eml with email=True
    recipients: list[Recipient] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    updated: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing of severity ``error`` was found."""
        return not has_errors(self.problems)


def make_notices(
    ledger: Ledger,
    meeting_id: str,
    out_dir: str | Path,
    *,
    pdf: bool = False,
    update: bool = True,
    issue_date: dt.date | None = None,
    notice_no: str | None = None,
    everyone: bool = False,
    template: str | Path | bytes | CompiledTemplate | None = None,
    progress: Progress | None = None,
    taken: Sequence[str] = (),
    email: bool = False,
    email_template: str | Path | None = None,
) -> NoticeResult:
    """Make the notices of one meeting into ``out_dir`` and record them in the ledger.

    ``issue_date`` defaults to today; ``notice_no`` to the meeting's existing 文書番号 (a
    rerun keeps it) or the next number of the 設定 prefix. ``everyone=True`` makes a single
    copy addressed 「○○委員 各位」 instead of one per member. ``update=False`` leaves the
    ledger untouched. ``taken``: 文書番号 already given in the same run. ``email=True`` also
    writes an unsent e-mail (.eml, the notice PDF attached) per メール recipient into
    ``メール/`` (it implies ``pdf``; see :mod:`.email_drafts`). Raises :class:`DocumentError` for an unknown meeting, an unusable
    template or an output folder that cannot be written; everything else is in
    ``result.problems``.
    """
    issue_date = issue_date or dt.date.today()
    try:
        plan = plan_notice(ledger, meeting_id, issue_date=issue_date, notice_no=notice_no, taken=taken)
    except LookupError as exc:
        raise DocumentError("meeting-not-found", value=meeting_id) from exc
    result = NoticeResult(meeting_id, plan.notice_no, issue_date, recipients=plan.recipients)
    result.problems.extend(problems_on(ledger, [plan.meeting] + [r.member for r in plan.recipients]))
    result.problems.extend(plan.problems)
    if not plan.ok:
        return result
    compiled = template if isinstance(template, CompiledTemplate) else load_template(template, NOTICE_TEMPLATE)

    council = ledger.council(plan.meeting.council_id)
    if everyone:
        contexts = [everyone_context(council.name if council else "")]
        names = [f"開催通知_{safe_filename(meeting_id)}_各位.docx"]
    else:
        contexts = [recipient_context(r.member) for r in plan.recipients]
        names = [f"{n:03d}_{safe_filename(r.member.name)}.docx" for n, r in enumerate(plan.recipients, start=1)]
    # The first document is rendered before any file is touched: a template that cannot be
    # used stops the run with the output folder as it was.
    props = DocProperties(f"開催通知　{plan.shared['meeting']['title']}", ledger.settings.division or "")
    first = compiled.render({**plan.shared, **contexts[0]}, props)
    pdf = pdf or email
    drafts = plan_drafts(plan, email_template) if email else None

    folder = Path(out_dir) / f"開催通知_{safe_filename(meeting_id)}"
    result.folder = folder
    total = len(contexts) + (0 if everyone else 1)
    with writing_into(folder):
        # The folder knows its own files: an edited or foreign file of the same name is kept
        # as …（前回）, other files are never touched, our stale ones (a member who left,
        # PDFs of an earlier run) are removed.
        outputs = OutputFolder(folder)
        subfolder = "" if everyone else "個別/"
        for number, (name, context) in enumerate(zip(names, contexts), start=1):
            data = first if number == 1 else compiled.render({**plan.shared, **context}, props)
            result.files.append(outputs.write(subfolder + name, data))
            if progress:
                progress(number, total)
        if not everyone:
            combined = f"一括印刷用_{safe_filename(meeting_id)}.docx"
            result.combined = outputs.write(combined, compiled.render_combined(plan.shared, contexts, props))
            if progress:
                progress(total, total)
        mailing = outputs.path_for(f"宛名一覧_{safe_filename(meeting_id)}.xlsx")
        result.mailing_list = write_mailing_list(
            mailing, mailing_rows(plan.recipients),
            title=f"宛名一覧　{plan.shared['meeting']['title']}（{plan.notice_no}）",
            ledger_name=ledger_names(ledger.sources), author=ledger.settings.division or "",
        )
        outputs.adopt(mailing)
        if pdf:
            for docx in [*result.files, *([result.combined] if result.combined else [])]:
                outputs.path_for(f"PDF/{docx.stem}.pdf")  # room for each PDF, as for the .docx
            result.pdfs, error = make_pdfs(result.files, result.combined, folder / "PDF")
            for made in result.pdfs:
                outputs.adopt(made)
            if error is not None:
                result.problems.append(error.problem)
        if drafts is not None:
            pdf_of = {made.stem: made for made in result.pdfs}
            attachments = [pdf_of.get(docx.stem) for docx in result.files]
            if everyone:
                attachments = attachments * len(plan.recipients)
            result.drafts = drafts.write(outputs, attachments, ledger.settings)
            result.problems.extend(drafts.problems)
        outputs.remove_stale()
        outputs.save_manifest()
    result.problems.extend(outputs.problems)
    if update:
        found = record_notice(plan.meeting, plan.notice_no, issue_date)
        result.problems.extend(found)
        result.updated = not any(p.code.startswith("writeback-") and p.code != "writeback-missing-column" for p in found)
    return result

