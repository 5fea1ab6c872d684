"""The notice's template context: recipients, 文書番号, dates, the shared variables.

Pure logic (see :mod:`.context`); ``templates/README.md`` documents the variables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import NOT_HELD, meeting_invitees
from ..ledger.records import Meeting, Member
from ..problems import Problem, has_errors, problem_at
from ..wareki import fiscal_year_of, format_date
from .context import SECRETARIAT, UNDECIDED, agenda_titles, meeting_block, where

DEFAULT_OTHER = "御都合により御欠席の場合は、代理の方の御出席をお願いします。"
#: A confidential body (守秘義務) meets in closed session and takes no proxies.
CONFIDENTIAL_OTHER = "本会議は、個人の情報を取り扱うため非公開で開催します。委員には守秘義務があるため、代理の方の御出席はお受けできません。"
ONLINE_FORMATS = ("オンライン", "併用")
# 設定 keys read from ``settings.extra`` (optional; the template has defaults).
OTHER_KEY = "通知その他"
PERSON_KEY = "担当者"


# -- recipients ----------------------------------------------------------------------------
@dataclass
class Recipient:
    """A member who gets a notice, and how it reaches them.

    ``delivery`` is the roster's 送付方法, or the one the address allows (郵送 when there is
    a postal address, メール when only an e-mail). ``problem`` is set when the chosen
    delivery has no usable address: the notice is still made, and the member reported.
    """

    member: Member
    delivery: str
    problem: Problem | None = None

    @property
    def reachable(self) -> bool:
        return self.problem is None


def choose_delivery(member: Member) -> tuple[str, str | None]:
    """The delivery of a member and, when it cannot work, why (Japanese)."""
    delivery = (member.delivery or "").strip()
    has_post = bool(member.address and member.address.strip())
    has_mail = bool(member.email and member.email.strip())
    if not delivery:
        if has_post:
            return "郵送", None
        if has_mail:
            return "メール", None
        return "要確認", "送付方法が空欄で、住所もメールアドレスもありません"
    if delivery == "郵送" and not has_post:
        return delivery, "送付方法は「郵送」ですが、住所が空欄です"
    if delivery == "メール" and not has_mail:
        return delivery, "送付方法は「メール」ですが、メールアドレスが空欄です"
    return delivery, None


def notice_recipients(ledger: Ledger, meeting: Meeting) -> list[Recipient]:
    """The meeting's invitees (:func:`~mihara_sheets.ledger.queries.meeting_invitees`), each
    with how the notice reaches them."""
    return [_recipient(member) for member in meeting_invitees(ledger, meeting)]


def _recipient(member: Member) -> Recipient:
    delivery, why = choose_delivery(member)
    found = None
    if why:
        missing = "address" if delivery == "郵送" else "email" if delivery == "メール" else "delivery"
        found = problem_at("notice-no-address", member.origin, missing, name=member.name, why=why)
    return Recipient(member, delivery, found)


# -- notice numbers and dates --------------------------------------------------------------
_NUMBER = re.compile(r"(\d+)\s*号\s*$")


def next_notice_no(ledger: Ledger, prefix: str, fiscal_year: int, taken: Iterable[str] = ()) -> str:
    """The next 文書番号 of ``prefix`` in ``fiscal_year``: one more than the highest used.

    Numbers restart each fiscal year, as registers of outgoing documents do; notices without
    a 通知日 count for the year of their meeting. ``taken``: numbers given earlier in the
    same run, not yet in the ledger.
    """
    highest = 0
    for no in taken:
        match = _NUMBER.search(no[len(prefix):]) if no.startswith(prefix) else None
        if match:
            highest = max(highest, int(match.group(1)))
    for meeting in ledger.meetings:
        no = (meeting.notice_no or "").strip()
        if not no.startswith(prefix):
            continue
        day = meeting.notice_date or meeting.date
        if day is not None and fiscal_year_of(day) != fiscal_year:
            continue
        match = _NUMBER.search(no[len(prefix):])
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1}号"


def default_reply_by(meeting_date: dt.date, issue_date: dt.date) -> dt.date:
    """A week before the meeting; the day before it when the notice goes out later than that."""
    reply_by = meeting_date - dt.timedelta(days=7)
    if reply_by <= issue_date:
        reply_by = max(issue_date, meeting_date - dt.timedelta(days=1))
    return reply_by


# -- the notice ----------------------------------------------------------------------------
@dataclass
class NoticePlan:
    """Everything a notice run needs, decided before any file is written."""

    meeting: Meeting
    notice_no: str
    issue_date: dt.date
    reply_by: dt.date | None
    shared: dict[str, Any]
    recipients: list[Recipient]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def plan_notice(
    ledger: Ledger,
    meeting_id: str,
    *,
    issue_date: dt.date,
    notice_no: str | None = None,
    taken: Iterable[str] = (),
) -> NoticePlan:
    """Decide a meeting's notice: number, dates, recipients and the shared template context.

    ``taken``: 文書番号 given earlier in the same run (see :func:`next_notice_no`).
    Raises ``LookupError`` (Japanese message) when the meeting is not in the ledger.
    """
    meeting = ledger.meeting(meeting_id)
    if meeting is None:
        raise LookupError(f"会議ID「{meeting_id}」は会議の台帳にありません。会議シートの会議IDを確認してください。")
    settings = ledger.settings
    problems: list[Problem] = []
    same_id = [m for m in ledger.meetings if m.meeting_id == meeting_id]
    if len(same_id) > 1:  # which row would be notified, and recorded as 通知済, is unknowable
        rows = "、".join(where(m.origin, 'meeting_id').rstrip("の") for m in same_id)
        problems.append(problem_at("notice-duplicate-meeting", same_id[1].origin, "meeting_id",
                                   value=meeting_id, rows=rows))
    if meeting.date is None:
        problems.append(problem_at("notice-no-date", meeting.origin, "date"))
    if meeting.status in NOT_HELD:
        problems.append(problem_at("notice-cancelled", meeting.origin, "status", value=meeting.status))
    prefix = (settings.notice_prefix or "").strip()
    if not notice_no:
        notice_no = (meeting.notice_no or "").strip() or None  # a rerun keeps its number
    if not notice_no:
        if not prefix:
            problems.append(problem_at("notice-no-prefix", None))
            prefix = "第"
        notice_no = next_notice_no(ledger, prefix, fiscal_year_of(issue_date), taken)

    reply_by = None
    if meeting.date is not None:
        reply_by = meeting.reply_by or default_reply_by(meeting.date, issue_date)
        days_left = (meeting.date - issue_date).days
        if days_left < 0:
            problems.append(problem_at("notice-after-meeting", meeting.origin, "date", value=meeting.date))
        elif days_left < settings.notice_lead_days:
            problems.append(problem_at("notice-late", meeting.origin, "date", days=days_left,
                                       lead=settings.notice_lead_days))

    recipients = notice_recipients(ledger, meeting)
    problems.extend(r.problem for r in recipients if r.problem)
    if not recipients:
        problems.append(problem_at("notice-no-recipients", meeting.origin, "council_id", value=meeting.council_id))
    council = ledger.council(meeting.council_id)
    confidential = bool(council and council.confidential)
    agenda = agenda_titles(ledger, meeting)
    block = meeting_block(ledger, meeting)
    online = (meeting.format or "").strip() in ONLINE_FORMATS
    if (meeting.format or "").strip() == "オンライン" and not meeting.venue:
        block["venue"] = "オンライン（参加方法は下記のとおり）"
    block.update({
        "online": online,
        "hybrid": (meeting.format or "").strip() == "併用",
        "join_info": (meeting.join_info or "").strip() if online else "",
        "closed": confidential,
    })
    shared = {
        "notice_no": notice_no,
        "issue_date": format_date(issue_date),
        "reply_by": format_date(reply_by, weekday=True) if reply_by else UNDECIDED,
        "sender": settings.sender or "",
        "sender_address": (settings.sender_address or "").strip(),  # 設定 差出人住所 (window notice)
        "meeting": block,
        "agenda": agenda,
        "other": CONFIDENTIAL_OTHER if confidential else settings.extra.get(OTHER_KEY) or DEFAULT_OTHER,
        "confidential": confidential,
        "no": record_numbers(online=online, agenda=bool(agenda)),
        "contact": {
            "division": settings.division or "",
            "person": settings.extra.get(PERSON_KEY, ""),
            "phone": settings.phone or "",
            "email": settings.email or "",
            "fax": settings.fax or "",
        },
    }
    if online and not block["join_info"]:
        problems.append(problem_at("notice-no-join-info", meeting.origin, "join_info", format=meeting.format))
    return NoticePlan(meeting, notice_no, issue_date, reply_by, shared, recipients, problems)


def record_numbers(*, online: bool, agenda: bool) -> dict[str, str]:
    """The numbers of the 記 items (1 日時, 2 場所, then 参加方法, 議題, その他 as present).

    A meeting without agenda items has no 議題 line, an in-person one no 参加方法 line, and
    the numbers after them close up, so the notice never prints 「3 議題」 over nothing.
    """
    numbers = {"date": "1", "venue": "2"}
    for key, present in (("join", online), ("agenda", agenda), ("other", True)):
        if present:
            numbers[key] = str(len(numbers) + 1)
    return numbers


def recipient_context(member: Member) -> dict[str, Any]:
    """The ``recipient`` variable for one member: 所属 役職 and 氏名＋敬称."""
    affiliation = "　".join(x for x in (member.organization, member.title) if x)
    honorific = member.honorific or "様"
    return {
        "recipient": {
            "name": member.name,
            "honorific": honorific,
            "organization": member.organization or "",
            "title": member.title or "",
            "role": member.role or "",
            "affiliation": affiliation,
            "addressee": f"{member.name}　{honorific}",
            # the window-envelope notice (notice_window.docx) shows these through the window
            "postal_code": (member.postal_code or "").strip(),
            "address": (member.address or "").strip(),
        }
    }


def everyone_context(council_name: str) -> dict[str, Any]:
    """The ``recipient`` variable of a single shared copy addressed 「○○委員　各位」."""
    return {
        "recipient": {
            "name": "",
            "honorific": "各位",
            "organization": "",
            "title": "",
            "role": "",
            "affiliation": "",
            "addressee": f"{council_name}委員　各位",
            "postal_code": "",
            "address": "",
        }
    }


def mailing_rows(recipients: list[Recipient]) -> list[dict[str, Any]]:
    """The 宛名一覧 rows: postal data and delivery of each recipient, and what to check (No. a number)."""
    rows = []
    for number, r in enumerate(recipients, start=1):
        m = r.member
        rows.append({
            "No.": number,
            "郵便番号": m.postal_code or "",
            "住所": m.address or "",
            "宛名": f"{m.name}　{m.honorific or '様'}",
            "所属": m.organization or "",
            "役職": m.title or "",
            "送付方法": r.delivery,
            "メールアドレス": m.email or "",
            "確認事項": r.problem.message if r.problem else "",
        })
    return rows
