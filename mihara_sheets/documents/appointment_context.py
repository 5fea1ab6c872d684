"""The template contexts of the renewal letters (委嘱状・任命書・解嘱状・礼状・就任承諾書).

Pure logic from a :class:`~mihara_sheets.analyses.appointments.RenewalPlan`; dates in 和暦
(``templates/README.md`` documents every variable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..analyses.appointments import NOMINATION, Appointment, Departure, RenewalPlan
from ..ledger.records import Member, Settings
from ..wareki import format_date
from .notice_context import recipient_context

#: 設定 key: who appoints (the 委嘱状's signature), e.g. 「三原市長　見本 太郎」.
APPOINTER_KEY = "委嘱者"
DEFAULT_APPOINTER = "三原市長"
REMAINING = "前任者の残任期間"

# The five documents: (folder and title, template file).
COMMISSION_DOC = "委嘱状"
NOMINATION_DOC = "任命書"
DISMISSAL_DOC = "解嘱状"
THANKS_DOC = "礼状"
ACCEPTANCE_DOC = "就任承諾書"
TEMPLATES = {
    COMMISSION_DOC: "appointment_commission.docx",
    NOMINATION_DOC: "appointment_commission.docx",
    DISMISSAL_DOC: "appointment_dismissal.docx",
    THANKS_DOC: "appointment_thanks.docx",
    ACCEPTANCE_DOC: "appointment_acceptance.docx",
}
DOCUMENTS = (COMMISSION_DOC, NOMINATION_DOC, ACCEPTANCE_DOC, DISMISSAL_DOC, THANKS_DOC)


@dataclass(frozen=True)
class Letter:
    """One document to make: its kind (a key of :data:`TEMPLATES`), member and context."""

    kind: str
    member: Member
    context: dict[str, Any]


def appointer(settings: Settings) -> str:
    """The 委嘱者 of 設定 (e.g. 「三原市長　見本 太郎」), else 「三原市長」."""
    return (settings.extra.get(APPOINTER_KEY) or "").strip() or DEFAULT_APPOINTER


def shared_context(plan: RenewalPlan, settings: Settings, issue_date: dt.date) -> dict[str, Any]:
    """The variables every letter of the run shares: date, appointer, council, office."""
    return {
        "issue_date": format_date(issue_date),
        "appointer": appointer(settings),
        "council": plan.council.name,
        "position": f"{plan.council.name}委員",
        "start_date": format_date(plan.start),
        "division": settings.division or "",
        "sender": settings.sender or "",
    }


def term_text(start: dt.date | None, end: dt.date | None) -> str:
    """「令和9年1月1日から令和9年3月31日まで」 (only 「…から」 without an end)."""
    if start is None:
        return ""
    return f"{format_date(start)}から{format_date(end)}まで" if end else f"{format_date(start)}から"


def spaced(title: str) -> str:
    """「委　嘱　状」: a document title with a full-width space between its characters."""
    return "　".join(title)


def appointment_letters(item: Appointment) -> list[Letter]:
    """The 委嘱状 (or 任命書) and the 就任承諾書 of one appointed member."""
    member = item.member
    title = NOMINATION_DOC if item.kind == NOMINATION else COMMISSION_DOC
    letter = {
        "title": title,
        "heading": spaced(title),
        "verb": item.kind,
        "term": term_text(member.term_start, member.term_end),
        "term_start": format_date(member.term_start) if member.term_start else "",
        "term_end": format_date(member.term_end) if member.term_end else "",
        "replacement": item.replacement,
        "remaining": REMAINING if item.replacement else "",
        "role": member.role or "",
    }
    context = {**recipient_context(member), "letter": letter}
    acceptance = {**letter, "title": ACCEPTANCE_DOC, "heading": spaced(ACCEPTANCE_DOC)}
    return [Letter(title, member, context),
            Letter(ACCEPTANCE_DOC, member, {**recipient_context(member), "letter": acceptance})]


def departure_letters(item: Departure) -> list[Letter]:
    """The 解嘱状 (a term cut short) and the 礼状 of one member who leaves."""
    member = item.member
    letter = {
        "title": THANKS_DOC,
        "heading": "お　礼",
        "verb": "解嘱",
        "term": term_text(member.term_start, member.term_end),
        "term_start": format_date(member.term_start) if member.term_start else "",
        "term_end": format_date(member.term_end) if member.term_end else "",
        "replacement": False,
        "remaining": "",
        "role": member.role or "",
        "cut_short": item.cut_short,
        "regular_end": format_date(item.regular_end) if item.regular_end else "",
    }
    letters = []
    if item.cut_short:
        dismissal = {**letter, "title": DISMISSAL_DOC, "heading": spaced(DISMISSAL_DOC)}
        letters.append(Letter(DISMISSAL_DOC, member, {**recipient_context(member), "letter": dismissal}))
    letters.append(Letter(THANKS_DOC, member, {**recipient_context(member), "letter": letter}))
    return letters


def renewal_letters(plan: RenewalPlan) -> dict[str, list[Letter]]:
    """Every letter of the plan by document (:data:`DOCUMENTS` order; kinds without any left out)."""
    by_kind: dict[str, list[Letter]] = {kind: [] for kind in DOCUMENTS}
    for item in plan.appointed:
        for letter in appointment_letters(item):
            by_kind[letter.kind].append(letter)
    for leaving in plan.leaving:
        for letter in departure_letters(leaving):
            by_kind[letter.kind].append(letter)
    return {kind: letters for kind, letters in by_kind.items() if letters}
