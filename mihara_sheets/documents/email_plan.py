"""Which notice recipients get an e-mail draft, and writing the drafts into ``メール/``.

:func:`plan_drafts` decides before any file is written (a body template that cannot be
used stops the run with the folder untouched); :meth:`DraftPlan.write` writes one .eml per
planned recipient through the run's :class:`~mihara_sheets.outputs.OutputFolder`.

Only recipients whose delivery is メール get a draft. A malformed address is a problem at
its cell (the address itself never appears in a message) and that member gets no draft;
a member with no address at all is already reported by ``notice-no-address``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problems import Problem, make_problem, problem_at
from .email_drafts import clean_address, draft_bytes, load_body_template, subject_of
from .files import safe_filename
from .notice_context import Recipient, recipient_context

if TYPE_CHECKING:
    from ..ledger.records import Settings
    from ..outputs import OutputFolder
    from .notice_context import NoticePlan

MAIL_FOLDER = "メール"


@dataclass
class Draft:
    """One planned draft: the recipient's number (as their notice's), address, subject and body."""

    number: int
    recipient: Recipient
    address: str
    subject: str
    body: str

    @property
    def name(self) -> str:
        """The draft's file name in ``メール/`` (the notice's number and the member's name)."""
        return f"{self.number:03d}_{safe_filename(self.recipient.member.name)}.eml"


@dataclass
class DraftPlan:
    """The drafts of one notice run and the problems of the addresses checked."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    attachment_title: str = "開催通知"

    def write(self, outputs: OutputFolder, attachments: Sequence[Path | None], settings: Settings) -> list[Path]:
        """Write each draft with its recipient's PDF (``attachments[number-1]``); the paths.

        A draft whose PDF was not made is not written (``email-no-pdf`` says how many).
        """
        sender = clean_address(settings.email)
        written, without = [], 0
        for draft in self.drafts:
            pdf = attachments[draft.number - 1] if draft.number - 1 < len(attachments) else None
            if pdf is None or not pdf.is_file():
                without += 1
                continue
            data = draft_bytes(
                to=draft.address, to_name=f"{draft.recipient.member.name} {draft.recipient.member.honorific or '様'}",
                subject=draft.subject, body=draft.body, sender=sender, sender_name=settings.division or None,
                attachment=pdf.read_bytes(), attachment_name=f"{self.attachment_title}.pdf",
            )
            written.append(outputs.write(f"{MAIL_FOLDER}/{draft.name}", data))
        if without:
            self.problems.append(make_problem("email-no-pdf", count=without))
        return written


def plan_drafts(plan: NoticePlan, template: str | Path | None = None) -> DraftPlan:
    """The drafts of a notice plan: its メール recipients with a usable address, bodies rendered.

    Raises :class:`~.errors.TemplateError` when the body template cannot be used.
    """
    body = load_body_template(template)
    title = plan.shared["meeting"]["title"]
    out = DraftPlan(attachment_title=safe_filename(f"開催通知_{title}"))
    for number, recipient in enumerate(plan.recipients, start=1):
        member = recipient.member
        if recipient.delivery != "メール" or not recipient.reachable:
            continue
        address = clean_address(member.email)
        if address is None:
            out.problems.append(problem_at("email-address-invalid", member.origin, "email", name=member.name))
            continue
        context: dict[str, Any] = {**plan.shared, **recipient_context(member)}
        out.drafts.append(Draft(number, recipient, address, subject_of(title), body.render(context)))
    if not out.drafts and not out.problems:
        out.problems.append(make_problem("email-no-recipients", meeting=plan.meeting.meeting_id))
    return out
