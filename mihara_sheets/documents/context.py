"""What goes into the documents: template contexts built from a :class:`Ledger`.

Pure logic: records in, plain dicts of display strings out (和暦 already applied), plus the
problems found on the way. Nothing here touches a file. The variables are documented for
staff in ``templates/README.md``; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import NOT_HELD, invited_councils, is_plenary, person_key, subcommittees_of, latest_plenary_year, meeting_title, next_meeting_id  # noqa: F401 (re-exported)
from ..ledger.records import Council, Meeting, Member, Origin
from ..problems import Problem, has_errors, problem_at
from ..wareki import fiscal_year_of, format_date, format_fiscal_year, format_time_range

SECRETARIAT = "事務局"
ROLE_ORDER = ("会長", "部会長", "副会長", "副部会長", "委員", "オブザーバー")
DEFAULT_OTHER = "御都合により御欠席の場合は、代理の方の御出席をお願いします。"
UNDECIDED = "（未定）"
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
    """Members serving on the meeting's date, the secretariat excluded, one notice a person.

    The councils are :func:`~mihara_sheets.ledger.queries.invited_councils` (for the
    plenary: every 部会 under the network too); a person on several gets one notice.
    """
    recipients = []
    seen: set[str] = set()
    for council in invited_councils(ledger, meeting):
        for member in ledger.members_of(council.council_id, on=meeting.date):
            if member.role == SECRETARIAT or person_key(member) in seen:
                continue
            seen.add(person_key(member))
            recipients.append(_recipient(member))
    return recipients


def _recipient(member: Member) -> Recipient:
    delivery, why = choose_delivery(member)
    found = None
    if why:
        missing = "address" if delivery == "郵送" else "email" if delivery == "メール" else "delivery"
        found = problem_at("notice-no-address", member.origin, missing, name=member.name, why=why)
    return Recipient(member, delivery, found)


def _where(origin: Origin | None, field_name: str | None = None) -> str:
    """「会議!D7の」: the cell of ``field_name`` when the sheet has that column, else the row."""
    return f"{origin.location(field_name)}の" if origin else ""


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


def agenda_titles(ledger: Ledger, meeting: Meeting) -> list[str]:
    """The meeting's agenda: the 議題 sheet when it has items, else the 議題 cell's lines."""
    items = ledger.agenda_of(meeting.meeting_id)
    if items:
        return [item.title for item in items]
    return list(meeting.agenda)


def meeting_block(ledger: Ledger, meeting: Meeting) -> dict[str, Any]:
    """The ``meeting`` variable: display strings of one meeting."""
    council = ledger.council(meeting.council_id)
    return {
        "id": meeting.meeting_id,
        "title": meeting_title(ledger, meeting),
        "council": council.name if council else meeting.council_id,
        "number": meeting.number if meeting.number is not None else "",
        "date": format_date(meeting.date, weekday=True) if meeting.date else UNDECIDED,
        "time": format_time_range(meeting.start, meeting.end) if meeting.start else "",
        "venue": meeting.venue or UNDECIDED,
        "format": meeting.format or "",
    }


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
        rows = "、".join(_where(m.origin, 'meeting_id').rstrip("の") for m in same_id)
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
    shared = {
        "notice_no": notice_no,
        "issue_date": format_date(issue_date),
        "reply_by": format_date(reply_by, weekday=True) if reply_by else UNDECIDED,
        "sender": settings.sender or "",
        "meeting": meeting_block(ledger, meeting),
        "agenda": agenda_titles(ledger, meeting),
        "other": settings.extra.get(OTHER_KEY) or DEFAULT_OTHER,
        "contact": {
            "division": settings.division or "",
            "person": settings.extra.get(PERSON_KEY, ""),
            "phone": settings.phone or "",
            "email": settings.email or "",
        },
    }
    return NoticePlan(meeting, notice_no, issue_date, reply_by, shared, recipients, problems)


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
        }
    }


def mailing_rows(recipients: list[Recipient]) -> list[dict[str, str]]:
    """The 宛名一覧 rows: postal data and delivery of each recipient, and what to check."""
    rows = []
    for number, r in enumerate(recipients, start=1):
        m = r.member
        rows.append({
            "No.": str(number),
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


# -- the plenary agenda --------------------------------------------------------------------
@dataclass
class AgendaPlan:
    """The plenary meeting of a fiscal year and the context of its 次第."""

    fiscal_year: int
    plenary: Meeting
    context: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def find_plenary(ledger: Ledger, fiscal_year: int) -> tuple[Council, Meeting] | None:
    """The 全体会議 council and its meeting in ``fiscal_year`` (held or planned, not cancelled)."""
    for council in ledger.councils:
        if not is_plenary(council):
            continue
        meetings = [m for m in ledger.meetings_of(council.council_id, fiscal_year) if m.status not in NOT_HELD]
        if meetings:
            return council, meetings[0]
    return None


def subcommittees(ledger: Ledger, plenary_council: Council, fiscal_year: int) -> list[Council]:
    """The 部会 reporting to the plenary, in 報告順 (部会年次報告) then ledger order."""
    units = subcommittees_of(ledger, plenary_council)

    def order(council: Council) -> tuple[int, int]:
        report = ledger.annual_report(council.council_id, fiscal_year)
        rank = report.order if report and report.order is not None else 10_000
        return rank, units.index(council)

    return sorted(units, key=order)


def held_meetings(ledger: Ledger, council_id: str, fiscal_year: int, until: dt.date | None) -> list[Meeting]:
    """Meetings a council held in the year: 開催済, or dated before the plenary and not cancelled."""
    held = []
    for m in ledger.meetings_of(council_id, fiscal_year):
        if m.status in NOT_HELD or m.date is None:
            continue
        if m.status == "開催済" or (until is not None and m.date < until):
            held.append(m)
    return held


def dates_text(dates: list[dt.date]) -> str:
    """「令和8年5月20日、7月15日、令和9年1月20日」: the era and year only when they change."""
    parts, year = [], None
    for day in dates:
        full = format_date(day)
        parts.append(full if day.year != year else f"{day.month}月{day.day}日")
        year = day.year
    return "、".join(parts)


def _report_block(ledger: Ledger, council: Council, fiscal_year: int, until: dt.date | None) -> dict[str, Any]:
    held = held_meetings(ledger, council.council_id, fiscal_year, until)
    main: list[str] = []
    for m in held:
        for title in agenda_titles(ledger, m):
            if title not in main and not title.startswith("その他"):
                main.append(title)
    report = ledger.annual_report(council.council_id, fiscal_year)
    lines = []
    if report:
        for label, text in (("主な取組", report.activities), ("成果", report.outcomes), ("課題", report.issues), ("次年度の方針", report.next_year)):
            if text and text.strip():
                lines.append({"label": label, "text": text.strip()})
    return {
        "name": council.name,
        "reporter": (report.reporter if report and report.reporter else ""),
        "held_count": len(held),
        "held_text": f"{len(held)}回（{dates_text([m.date for m in held])}）" if held else "開催なし",
        "main_agenda": main[:3],
        "report_lines": lines,
    }


def _seminar(ledger: Ledger, plenary: Meeting) -> dict[str, str]:
    title, speaker = ledger.settings.seminar_title, ledger.settings.seminar_speaker
    if not title or not speaker:
        for item in ledger.agenda_of(plenary.meeting_id):
            if item.kind == "セミナー" or "セミナー" in item.title:
                title = title or re.sub(r"^セミナー[\s　：:]*", "", item.title) or item.title
                speaker = speaker or item.presenter
                break
    return {"title": title or UNDECIDED, "speaker": speaker or UNDECIDED}


def _materials(ledger: Ledger, plenary: Meeting, fiscal_year: int) -> list[dict[str, str]]:
    items = [{"number": a.material, "title": a.title} for a in ledger.agenda_of(plenary.meeting_id) if a.material]
    if not items:
        fy = format_fiscal_year(fiscal_year)
        items.append({"number": "資料1", "title": f"{fy} 各部会の活動報告"})
        if any(line.fiscal_year == fiscal_year for line in ledger.budget_lines):
            items.append({"number": "資料2", "title": f"{fy} 事業・予算の状況"})
    if not any("名簿" in m["title"] for m in items):
        items.append({"number": "参考", "title": "委員名簿"})
    return items


def _roster(ledger: Ledger, council: Council, on: dt.date | None) -> dict[str, Any]:
    members = [m for m in ledger.members_of(council.council_id, on=on) if m.role != SECRETARIAT]
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    members.sort(key=lambda m: rank.get(m.role, len(ROLE_ORDER)))  # stable: ledger order within a role
    return {
        "name": council.name,
        "members": [
            {"name": m.name, "organization": m.organization or "", "title": m.title or "", "role": m.role or ""}
            for m in members
        ],
    }


def plan_agenda(ledger: Ledger, fiscal_year: int) -> AgendaPlan:
    """The context of the plenary 次第 of ``fiscal_year``.

    Raises ``LookupError`` (Japanese message) when the ledger has no 全体会議 meeting that year.
    """
    found = find_plenary(ledger, fiscal_year)
    fy_text = format_fiscal_year(fiscal_year)
    if found is None:
        raise LookupError(
            f"{fy_text}の全体会議が会議シートにありません。会議体（区分「全体会議」）と、その年度の会議の行を確認してください。"
        )
    council, plenary = found
    problems = []
    if plenary.date is None:
        problems.append(problem_at("agenda-no-date", plenary.origin, "date"))
    parent = ledger.council(council.parent_id) if council.parent_id else None
    units = subcommittees(ledger, council, fiscal_year)
    context = {
        "fiscal_year": fy_text,
        "network_name": parent.name if parent else council.name.removesuffix("全体会議") or council.name,
        "plenary": {
            "title": council.name,  # annual: no 第N回 (the reader's default 会議名)
            "date": format_date(plenary.date, weekday=True) if plenary.date else UNDECIDED,
            "time": format_time_range(plenary.start, plenary.end) if plenary.start else "",
            "venue": plenary.venue or UNDECIDED,
        },
        "reports": [_report_block(ledger, c, fiscal_year, plenary.date) for c in units],
        "seminar": _seminar(ledger, plenary),
        "materials": _materials(ledger, plenary, fiscal_year),
        "roster_date": format_date(plenary.date) if plenary.date else fy_text,
        "rosters": [_roster(ledger, c, plenary.date) for c in units],
    }
    if not units:
        problems.append(problem_at("agenda-no-subcommittees", None))
    return AgendaPlan(fiscal_year, plenary, context, problems)
