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


def position(plan: RenewalPlan) -> str:
    """「地域共生会議高齢者支援部会委員」: the council's name (a 部会's after its parent's) and 委員."""
    name = plan.council.name
    if plan.parent is not None and plan.parent.name and not name.startswith(plan.parent.name):
        name = f"{plan.parent.name}{name}"
    return f"{name}委員"


def shared_context(plan: RenewalPlan, settings: Settings, issue_date: dt.date) -> dict[str, Any]:
    """The variables every letter of the run shares: date, appointer, council, office.

    ``issue_date`` is the appointments' date; each letter's context has its own
    ``issue_date`` too (see :func:`renewal_letters`).
    """
    return {
        "issue_date": format_date(issue_date),
        "appointer": appointer(settings),
        "council": plan.council.name,
        "position": position(plan),
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


def appointment_letters(item: Appointment, issue_date: dt.date) -> list[Letter]:
    """The 委嘱状 (or 任命書) and the 就任承諾書 of one appointed member, dated ``issue_date``."""
    member = item.member
    title = NOMINATION_DOC if item.kind == NOMINATION else COMMISSION_DOC
    end = item.term_end
    letter = {
        "title": title,
        "heading": spaced(title),
        "verb": item.kind,
        "term": term_text(member.term_start, end),
        "term_start": format_date(member.term_start) if member.term_start else "",
        "term_end": format_date(end) if end else "",
        "replacement": item.replacement,
        "remaining": REMAINING if item.replacement else "",
        "role": member.role or "",
    }
    dated = {**recipient_context(member), "issue_date": format_date(issue_date)}
    acceptance = {**letter, "title": ACCEPTANCE_DOC, "heading": spaced(ACCEPTANCE_DOC)}
    return [Letter(title, member, {**dated, "letter": letter}),
            Letter(ACCEPTANCE_DOC, member, {**dated, "letter": acceptance})]


def departure_letters(item: Departure, issue_date: dt.date) -> list[Letter]:
    """The 解嘱状 (a term cut short) and the 礼状 of one member who leaves, dated ``issue_date``.

    The 礼状 thanks for the years since 初回委嘱日 (``letter.served_from``) when the roster
    has it, else since the last term's start.
    """
    member = item.member
    served_from = member.first_appointed or member.term_start
    if member.term_start and served_from and served_from > member.term_start:
        served_from = member.term_start
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
        "served_from": format_date(served_from) if served_from else "",
        "service": term_text(served_from, member.term_end),
    }
    dated = {**recipient_context(member), "issue_date": format_date(issue_date)}
    letters = []
    if item.cut_short:
        dismissal = {**letter, "title": DISMISSAL_DOC, "heading": spaced(DISMISSAL_DOC)}
        letters.append(Letter(DISMISSAL_DOC, member, {**dated, "letter": dismissal}))
    letters.append(Letter(THANKS_DOC, member, {**dated, "letter": letter}))
    return letters


def renewal_letters(plan: RenewalPlan, issue_date: dt.date | None = None) -> dict[str, list[Letter]]:
    """Every letter of the plan by document (:data:`DOCUMENTS` order; kinds without any left out).

    The 委嘱状・任命書・就任承諾書 are dated ``issue_date`` or the new term's first day; the
    解嘱状・礼状 ``issue_date`` or the last day of the term that ends (the day before), so a
    dismissal is never dated after the day it takes effect.
    """
    by_kind: dict[str, list[Letter]] = {kind: [] for kind in DOCUMENTS}
    for item in plan.appointed:
        for letter in appointment_letters(item, issue_date or plan.start):
            by_kind[letter.kind].append(letter)
    for leaving in plan.leaving:
        for letter in departure_letters(leaving, issue_date or plan.last_day):
            by_kind[letter.kind].append(letter)
    return {kind: letters for kind, letters in by_kind.items() if letters}
