"""Scheduling checks: meeting days the office is closed, people invited twice a day, late notices.

Pure functions over a read :class:`~mihara_sheets.ledger.ledger.Ledger` (no files). They run on
every ``check`` (through :func:`mihara_sheets.ledger.checks.run_checks`) and are public so that
other jobs (the inventory) can list the same findings with their meeting ids:

- :func:`schedule_findings` — every finding, each with ``meeting_id`` and ``code``;
- :func:`schedule_problems` — the same as :class:`~mihara_sheets.problems.Problem` objects.

Rules (developer notes: ``docs/checks.md``):

- ``meeting-on-closed-day``: 12/29–1/3 (the city's 年末年始 closure);
- ``meeting-on-holiday``: a national holiday, 振替休日 and 国民の休日 included, from the
  ``jpholiday`` package (no hand-kept list), named in the message;
- ``meeting-on-weekend``: a Saturday or Sunday.
  One meeting gets at most one of these three, in this order.
- ``person-double-booked``: one person invited to meetings of two councils on one day.
- ``notice-too-late``: a 通知日 later than the meeting day minus 通知リードタイム.
- ``reply-after-meeting``: a 回答期限 after the meeting (reported on ``check`` by
  :func:`~mihara_sheets.ledger.checks.check_order`; listed here too for the inventory).

Cancelled and postponed meetings (状態 中止 / 延期) and meetings without a 開催日 are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import jpholiday

from ..problems import Problem, problem_at
from ..wareki import format_date
from .ledger import Ledger
from .records import Meeting, Member

# 状態 values of a meeting that will not (or did not) take place on its 開催日.
NOT_HELD = frozenset({"中止", "延期"})
# Roles never invited to a meeting (notices leave them out too).
NOT_INVITED = frozenset({"事務局"})
# Names listed in a double-booking message at most (the rest are counted).
NAMES_SHOWN = 5

SCHEDULE_CODES = ("meeting-on-closed-day", "meeting-on-holiday", "meeting-on-weekend",
                  "person-double-booked", "notice-too-late", "reply-after-meeting")


@dataclass(frozen=True)
class ScheduleFinding:
    """One scheduling finding about one meeting: its code, the meeting and the problem shown."""

    code: str
    meeting_id: str
    council_id: str
    date: dt.date
    problem: Problem
    other_meeting_id: str | None = None  # person-double-booked: the other meeting that day
    people: tuple[str, ...] = field(default=())  # person-double-booked: names (empty if confidential)
    count: int | None = None  # person-double-booked: how many people

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``meeting_id``, ``code``, the date and the message)."""
        out: dict[str, Any] = {"meeting_id": self.meeting_id, "code": self.code, "council_id": self.council_id,
                               "date": self.date.isoformat(), "location": self.problem.location,
                               "message": self.problem.message}
        if self.code == "person-double-booked":
            out.update(other_meeting_id=self.other_meeting_id, people=list(self.people), count=self.count)
        return out


def is_closed_day(day: dt.date) -> bool:
    """True for 12/29–1/3, the days the city office is closed at the turn of the year."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def holiday_name(day: dt.date) -> str | None:
    """The national holiday on ``day`` (jpholiday), as staff write it; ``None`` on other days.

    jpholiday names a substitute holiday 「憲法記念日 振替休日」: it is shown as
    「振替休日（憲法記念日）」.
    """
    name = jpholiday.is_holiday_name(day)
    if not name:
        return None
    if name.endswith("振替休日") and name != "振替休日":
        return f"振替休日（{name.removesuffix('振替休日').strip()}）"
    return name


def _shown_day(day: dt.date) -> str:
    return format_date(day, weekday=True)


def _scheduled(ledger: Ledger) -> list[Meeting]:
    return [m for m in ledger.meetings if m.date is not None and (m.status or "") not in NOT_HELD]


def _day_findings(meeting: Meeting) -> list[ScheduleFinding]:
    day = meeting.date
    assert day is not None
    holiday = holiday_name(day)
    if is_closed_day(day):
        code, details = "meeting-on-closed-day", {"extra": f"で、{holiday}" if holiday else ""}
    elif holiday:
        code, details = "meeting-on-holiday", {"holiday": holiday}
    elif day.weekday() >= 5:
        code, details = "meeting-on-weekend", {"weekday": "土日"[day.weekday() - 5]}
    else:
        return []
    problem = problem_at(code, meeting.origin, "date", value=_shown_day(day), meeting=meeting.meeting_id, **details)
    return [ScheduleFinding(code, meeting.meeting_id, meeting.council_id, day, problem)]


def _notice_findings(meeting: Meeting, lead_days: int) -> list[ScheduleFinding]:
    day, notice = meeting.date, meeting.notice_date
    if day is None or notice is None or notice <= day - dt.timedelta(days=lead_days):
        return []
    days = (day - notice).days
    gap = f"{days}日前" if days > 0 else ("当日" if days == 0 else f"{-days}日後")
    problem = problem_at("notice-too-late", meeting.origin, "notice_date", value=notice, date=day, gap=gap,
                         lead=lead_days)
    return [ScheduleFinding("notice-too-late", meeting.meeting_id, meeting.council_id, day, problem)]


def _reply_findings(meeting: Meeting) -> list[ScheduleFinding]:
    if meeting.reply_by is None or meeting.date is None or meeting.reply_by <= meeting.date:
        return []
    problem = problem_at("reply-after-meeting", meeting.origin, "reply_by", value=meeting.reply_by)
    return [ScheduleFinding("reply-after-meeting", meeting.meeting_id, meeting.council_id, meeting.date, problem)]


def person_key(person_id: str | None, name: str | None) -> str:
    """Who a roster row or a reply is: the 人物ID when given, else the name (NFKC, no spaces)."""
    from .checks import name_key

    return person_id or name_key(name)


def invited(ledger: Ledger, meetings: Iterable[Meeting]) -> dict[str, dict[str, str]]:
    """For each meeting id, the people invited to it: ``{person key: name}``.

    Invited means on the meeting's council's roster with a term covering the meeting day
    (事務局 excluded; オブザーバー included, as notices go to them), or holding a 出欠 reply
    for the meeting (a guest or a proxy arrangement recorded there).
    """
    by_council: dict[str, list[Member]] = defaultdict(list)
    for member in ledger.members:
        if member.role not in NOT_INVITED:
            by_council[member.council_id].append(member)
    replies: dict[str, list[Any]] = defaultdict(list)
    for reply in ledger.attendance:
        replies[reply.meeting_id].append(reply)
    out: dict[str, dict[str, str]] = {}
    for meeting in meetings:
        people: dict[str, str] = {}
        for member in by_council.get(meeting.council_id, ()):
            if meeting.date is None or member.serves_on(meeting.date):
                people.setdefault(person_key(member.person_id, member.name), member.name)
        for reply in replies.get(meeting.meeting_id, ()):
            key = person_key(reply.person_id, reply.name)
            if key:
                people.setdefault(key, reply.name or reply.person_id or key)
        out[meeting.meeting_id] = people
    return out


def _double_bookings(ledger: Ledger, meetings: list[Meeting]) -> list[ScheduleFinding]:
    by_day: dict[dt.date, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_day[meeting.date].append(meeting)  # type: ignore[index]
    busy = {day: group for day, group in by_day.items() if len({m.council_id for m in group}) > 1}
    if not busy:
        return []
    guests = invited(ledger, [m for group in busy.values() for m in group])
    confidential = {c.council_id for c in ledger.councils if c.confidential or c.kind == "個別支援会議"}
    titles = {c.council_id: c.name for c in ledger.councils}
    findings = []
    for day, group in busy.items():
        ordered = sorted(group, key=lambda m: (m.start or dt.time.min, m.origin.row if m.origin else 0))
        for i, later in enumerate(ordered):
            for earlier in ordered[:i]:
                if earlier.council_id == later.council_id:
                    continue
                shared = guests[earlier.meeting_id].keys() & guests[later.meeting_id].keys()
                if not shared:
                    continue
                names = sorted(guests[earlier.meeting_id][key] for key in shared)
                secret = {earlier.council_id, later.council_id} & confidential
                if secret:
                    people_text, shown = f"{len(names)}人", ()
                else:
                    listed = "さん、".join(names[:NAMES_SHOWN]) + "さん"
                    more = f"ほか{len(names) - NAMES_SHOWN}人" if len(names) > NAMES_SHOWN else ""
                    total = f"（{len(names)}人）" if len(names) > 1 else ""
                    people_text, shown = f"{listed}{more}{total}", tuple(names)
                where_other = earlier.origin.location("date") if earlier.origin else ""
                problem = problem_at(
                    "person-double-booked", later.origin, "date", value=_shown_day(day),
                    council=titles.get(later.council_id, later.council_id),
                    other=titles.get(earlier.council_id, earlier.council_id), other_meeting=earlier.meeting_id,
                    other_where=where_other, people=people_text,
                )
                findings.append(ScheduleFinding("person-double-booked", later.meeting_id, later.council_id, day,
                                                problem, earlier.meeting_id, shown, len(names)))
    return findings


def schedule_findings(ledger: Ledger, *, include_reply: bool = True) -> list[ScheduleFinding]:
    """Every scheduling finding of the ledger, meeting by meeting in ledger order.

    ``include_reply=False`` leaves out ``reply-after-meeting`` (``check`` reports it already).
    """
    meetings = _scheduled(ledger)
    lead = ledger.settings.notice_lead_days
    findings: list[ScheduleFinding] = []
    for meeting in meetings:
        findings += _day_findings(meeting)
        findings += _notice_findings(meeting, lead)
        if include_reply:
            findings += _reply_findings(meeting)
    findings += _double_bookings(ledger, meetings)
    return findings


def schedule_problems(ledger: Ledger, *, include_reply: bool = True) -> list[Problem]:
    """The scheduling findings as problems (warnings), each at its meeting's 開催日 / 通知日 cell."""
    return [finding.problem for finding in schedule_findings(ledger, include_reply=include_reply)]


def check_schedule(ledger: Ledger, today: dt.date) -> list[Problem]:
    """The check run on every read (``today`` unused: a past meeting's date can be mistyped too)."""
    return schedule_problems(ledger, include_reply=False)
