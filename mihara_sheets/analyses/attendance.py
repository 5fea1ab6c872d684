"""Who is invited to a meeting, what each one answered, and whether the quorum is met.

Pure logic over a :class:`~mihara_sheets.ledger.ledger.Ledger`. The invitees are exactly
the notice's recipients (:func:`~mihara_sheets.ledger.queries.meeting_invitees`:
members serving on the meeting's date, the 事務局 excluded, for the plenary every 部会's
members too, one entry per person). Each invitee's reply is the 出欠 row of the meeting
matched by 人物ID, else by name (NFKC, no spaces).

How the answers count:

- before the meeting (no 当日 recorded): 出席 and オンライン出席 are expected present;
  代理出席 is a proxy; 欠席 absent; a blank or 未回答 answer, or no row, is unanswered;
- after the meeting (状態 開催済, or any 当日 typed for it): 当日 decides. 出席, 遅刻 and
  早退 count as present — the member took part, and a 要綱's quorum is judged at the opening
  and at each vote, which staff see in the record, not in the roster; 欠席 is absent. The
  当日 values have no 代理出席, so a member who answered 代理出席 and is ticked 出席 (遅刻,
  早退) stays a proxy: the proxy attended, not the member. A member with no 当日 keeps
  their answer (代理出席 stays a proxy, 未回答 counts absent).
- a proxy counts toward the quorum only when the 設定 「代理出席を定足数に含める」 is はい;
  they always count in the 出席者数 (people at the table), as the office records it.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass, field

from ..ledger.checks import name_key
from ..ledger.ledger import Ledger
from ..ledger.queries import OBSERVER, meeting_invitees
from ..ledger.records import Attendance, Meeting, Member
from ..problems import Problem, problem_at

PRESENT = "出席"
ABSENT = "欠席"
PROXY = "代理出席"
ONLINE = "オンライン出席"
UNANSWERED = "未回答"
LATE = "遅刻"
LEFT_EARLY = "早退"
HELD_STATUS = "開催済"
DEFAULT_QUORUM = "過半数"


@dataclass
class Invitee:
    """One invited member, their reply (``None``: no row) and what it comes to.

    ``status`` is one of 出席, オンライン出席, 代理出席, 欠席, 未回答 (the answer, or after
    the meeting what happened: 遅刻/早退 are shown as such in ``on_the_day``).
    """

    member: Member
    reply: Attendance | None = None
    status: str = UNANSWERED
    proxy: str | None = None
    on_the_day: str | None = None
    answer: str = UNANSWERED  # the reply as understood (出席…未回答), before 当日 decides

    @property
    def present(self) -> bool:
        """Took part (or is expected to) in person or online, not by proxy."""
        return self.status in (PRESENT, ONLINE)

    @property
    def label(self) -> str:
        """The name as printed in a roster: 「○○（代理：△△）」 for a proxy."""
        if self.status == PROXY:
            return f"{self.member.name}（代理：{self.proxy or '氏名未記入'}）"
        return self.member.name


@dataclass
class Quorum:
    """The quorum of a meeting: the rule, the members it is counted from, the need, the count."""

    rule: str
    members: int
    required: int
    present: int
    proxies_count: bool

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.required


@dataclass
class AttendancePlan:
    """Everything known about a meeting's attendance (see the module docstring)."""

    meeting: Meeting
    invitees: list[Invitee]
    quorum: Quorum
    held: bool
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

    def with_status(self, *statuses: str) -> list[Invitee]:
        """The invitees whose status is one of ``statuses``, in roster order."""
        return [i for i in self.invitees if i.status in statuses]

    @property
    def overdue(self) -> bool:
        """True when the 回答期限 has passed (the meeting not yet held)."""
        reply_by = self.meeting.reply_by
        return bool(reply_by and self.today > reply_by and not self.held)

    @property
    def head_count(self) -> int:
        """The 出席者数: members present and proxies at the table."""
        return len(self.with_status(PRESENT, ONLINE, PROXY))


def required_count(rule: str | None, members: int) -> tuple[int, bool]:
    """Members needed under a 定足数 rule, and whether the rule was understood.

    過半数 (more than half: 5 of 8, 5 of 9), 半数以上 (4 of 8), 3分の2以上 (6 of 8, 6 of 9),
    or a number of members (「5」「5人」「５名」). Anything else is read as 過半数.
    """
    text = "".join(unicodedata.normalize("NFKC", rule or DEFAULT_QUORUM).split())
    if text in ("過半数", "過半"):
        return members // 2 + 1, True
    if text in ("半数以上", "半数"):
        return math.ceil(members / 2), True
    if text in ("3分の2以上", "2/3以上", "3分の2", "2/3", "三分の二以上"):
        return math.ceil(members * 2 / 3), True
    digits = text.removesuffix("人").removesuffix("名").removesuffix("以上")
    if digits.isdigit():
        return int(digits), True
    return members // 2 + 1, False


def invitees_of(ledger: Ledger, meeting: Meeting) -> list[Member]:
    """The members invited to ``meeting``: the notice's recipients, one a person."""
    return meeting_invitees(ledger, meeting)


def plan_attendance(ledger: Ledger, meeting: Meeting, today: dt.date | None = None) -> AttendancePlan:
    """Match the 出欠 rows of ``meeting`` to its invitees and count the quorum."""
    today = today or dt.date.today()
    members = invitees_of(ledger, meeting)
    invitees = [Invitee(m) for m in members]
    by_id = {m.person_id: i for m, i in zip(members, invitees) if m.person_id}
    by_name = {name_key(m.name): i for m, i in zip(members, invitees)}
    problems: list[Problem] = []
    replies = [a for a in ledger.attendance if a.meeting_id == meeting.meeting_id]
    for reply in replies:
        invitee = by_id.get(reply.person_id) if reply.person_id else None
        if invitee is None and reply.name:
            invitee = by_name.get(name_key(reply.name))
        who = reply.name or reply.person_id or ""
        if invitee is None:
            problems.append(problem_at("attendance-not-invited", reply.origin, "name", value=who))
            continue
        if invitee.reply is not None:
            first = invitee.reply.origin.location("answer") if invitee.reply.origin else ""
            problems.append(problem_at("attendance-duplicate-reply", reply.origin, "answer",
                                       name=invitee.member.name, first=first))
            continue
        invitee.reply = reply
    held = meeting.status == HELD_STATUS or any(r.on_the_day for r in replies)
    for invitee in invitees:
        _decide(invitee, held)
        reply = invitee.reply
        if invitee.status == PROXY and not invitee.proxy and reply is not None:
            problems.append(problem_at("attendance-proxy-no-name", reply.origin, "proxy", name=invitee.member.name))
    quorum = _quorum(ledger, meeting, invitees)
    council = ledger.council(meeting.council_id)
    if council is not None and quorum.rule != (council.quorum or DEFAULT_QUORUM):
        problems.append(problem_at("quorum-rule-unknown", council.origin, "quorum", value=council.quorum))
    plan = AttendancePlan(meeting, invitees, quorum, held, today, problems)
    if plan.overdue:
        for invitee in plan.with_status(UNANSWERED):
            problems.append(problem_at("attendance-unanswered", invitee.member.origin, "name",
                                       name=invitee.member.name, reply_by=meeting.reply_by))
    if not quorum.met and invitees:
        problems.append(problem_at("quorum-not-met", meeting.origin, "meeting_id", value=meeting.meeting_id,
                                   present=quorum.present, required=quorum.required, rule=quorum.rule,
                                   when="出席者" if held else "出席の見込み"))
    return plan


def _decide(invitee: Invitee, held: bool) -> None:
    reply = invitee.reply
    answer = (reply.answer or "").strip() if reply else ""
    invitee.status = answer if answer in (PRESENT, ABSENT, PROXY, ONLINE) else UNANSWERED
    invitee.answer = invitee.status
    invitee.proxy = (reply.proxy or "").strip() or None if reply else None
    day = (reply.on_the_day or "").strip() if reply else ""
    invitee.on_the_day = day or None
    if held:
        if day in (PRESENT, LATE, LEFT_EARLY):
            # 当日 has no 代理出席: staff tick 出席 when the proxy came, so a proxy stays a proxy.
            invitee.status = invitee.status if invitee.status in (ONLINE, PROXY) else PRESENT
        elif day == ABSENT:
            invitee.status = ABSENT
        elif invitee.status == UNANSWERED:
            invitee.status = ABSENT


def _quorum(ledger: Ledger, meeting: Meeting, invitees: list[Invitee]) -> Quorum:
    council = ledger.council(meeting.council_id)
    rule = (council.quorum if council else None) or DEFAULT_QUORUM
    voters = [i for i in invitees if i.member.role != OBSERVER]  # an オブザーバー is no 委員
    required, understood = required_count(rule, len(voters))
    counted = [i for i in voters if i.present]
    proxies = ledger.settings.proxies_count
    if proxies:
        counted += [i for i in voters if i.status == PROXY]
    return Quorum(rule if understood else DEFAULT_QUORUM, len(voters), required, len(counted), proxies)
