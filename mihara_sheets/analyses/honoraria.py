"""Who is paid what for a meeting: 報酬, 報償費, 費用弁償, 謝金 and 旅費, with the tax withheld.

Pure logic over a :class:`~mihara_sheets.ledger.ledger.Ledger` (docs/honoraria.md):

- **Members' day rate**: for a held meeting of a body with a 報酬日額, each invitee who took
  part on the day (:func:`~mihara_sheets.analyses.attendance.plan_attendance`: 出席, 遅刻,
  早退, オンライン出席 — who attended, not who replied) is paid the rate, as 報酬 (a 附属機関)
  or 報償費 (a 要綱 body) by the body's 報酬区分. Never paid: 庁内関係課 staff and the 事務局,
  オブザーバー, a member with 報酬辞退, a member absent on the day; a proxy only when the
  設定 代理出席者に報酬を支払う is はい (then the proxy, by name, is the payee).
- **費用弁償**: the 出欠 row's 費用弁償 of a member who is paid for the meeting (also of a
  member who declined the 報酬: travel is not pay). Not withheld.
- **謝金 sheet**: each row of the meeting (a lecturer's 謝金 or 報償費, 旅費), as typed; a row
  whose 区分 could not be read is skipped (``honoraria-payment-kind-unknown``), a blank 区分 is
  謝金. A meeting not yet held is listed as planned (``planned``, 備考 「予定」) but kept out
  of :func:`totals` (under ``planned``) and :func:`year_end`; the budget link counts it.
- **A held meeting with no 当日 at all** is paid from the replies, with
  ``honoraria-no-day-record``; an invitee who never replied is excluded as 未回答.
- **Withholding** (:mod:`.withholding`): the day rates are 給与 (28-7), taxed by the 月額表
  乙欄 on each person's total of the calendar month, rounded once per month; 謝金 and 報償費 of
  the 謝金 sheet to an individual at the 設定 rate (10.21%, 20.42% over ¥1,000,000).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..ledger.checks import name_key
from ..ledger.ledger import Ledger
from ..ledger.queries import person_key
from ..ledger.records import Meeting, Origin
from ..problems import Problem, make_problem, problem_at
from . import withholding as tax

PAY = "報酬"
REWARD = "報償費"
TRAVEL_REFUND = "費用弁償"
FEE = "謝金"
TRAVEL = "旅費"
KINDS = (PAY, REWARD, TRAVEL_REFUND, FEE, TRAVEL)
SALARY_KINDS = (PAY, REWARD)  # a member's day rate: 給与 for tax (28-7)
#: 節 of the budget each kind is paid from.
BUDGET_LINE = {PAY: "報酬", REWARD: "報償費", FEE: "報償費", TRAVEL_REFUND: "旅費", TRAVEL: "旅費"}
STAFF_CATEGORY = "庁内関係課"
#: 所得税基本通達28-7: yearly pay from one body at or under this (and no other pay) is not taxed.
EXEMPT_28_7 = 10_000
#: A payee's yearly 謝金 over this needs a 支払調書 (所得税法225条).
REPORT_OVER = 50_000
#: The 備考 of a payment of a meeting not yet held (listed, not in the totals).
PLANNED_NOTE = "予定（開催前のため合計に含めない）"
#: The 備考 of a day rate whose payee is a 28-7 candidate for the payment's calendar year.
EXEMPT_NOTE = "28-7非課税の候補（{year}年分1万円以下・費用弁償なし）"


@dataclass
class PayLine:
    """One payment to one person for one meeting. ``withholding``/``net`` ``None``: refused."""

    meeting_id: str
    council_id: str
    meeting_title: str
    date: dt.date | None
    name: str
    payee_key: str
    organization: str
    kind: str
    gross: int
    withholding: int | None = 0
    method: str = ""
    note: str = ""
    planned: bool = False
    fiscal_year: int | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)

    @property
    def net(self) -> int | None:
        """What the payee receives: gross minus the tax (``None`` while the tax is refused)."""
        return None if self.withholding is None else self.gross - self.withholding

    @property
    def budget_line(self) -> str:
        """The 節 the payment is made from: 報酬, 報償費 or 旅費."""
        return BUDGET_LINE[self.kind]

    def to_dict(self) -> dict:
        """The ``--json`` form of the payment."""
        return {"name": self.name, "meeting_id": self.meeting_id, "council_id": self.council_id,
                "date": self.date.isoformat() if self.date else None, "kind": self.kind, "gross": self.gross,
                "withholding": self.withholding, "net": self.net, "budget_line": self.budget_line,
                "organization": self.organization, "method": self.method, "planned": self.planned,
                "note": self.note}


@dataclass
class Excluded:
    """An invitee of a held meeting who is not paid, and why (shown to staff)."""

    meeting_id: str
    name: str
    reason: str


@dataclass
class HonorariaPlan:
    """Every payment of the meetings asked for, the unpaid invitees, the 28-7 candidates."""

    payments: list[PayLine]
    excluded: list[Excluded]
    exempt_candidates: list[dict]
    problems: list[Problem] = field(default_factory=list)


def fiscal_year_of(meeting: Meeting) -> int | None:
    """The meeting's 年度: as typed, else from its date (April–March)."""
    if meeting.fiscal_year:
        return meeting.fiscal_year
    if meeting.date:
        return meeting.date.year if meeting.date.month >= 4 else meeting.date.year - 1
    return None


def plan_honoraria(ledger: Ledger, meetings: Iterable[Meeting], today: dt.date | None = None) -> HonorariaPlan:
    """The payments of ``meetings``, withheld against every payment of the same months and years.

    The tax of a month and the 28-7 yearly test depend on a person's other meetings, so the
    payments are worked out for every meeting of the calendar years concerned (the years of
    the dated meetings asked for: a tax year is January–December, so a 年度's January–March
    meetings bring in the rest of their calendar year), then kept for ``meetings`` only.
    """
    wanted = {m.meeting_id for m in meetings}
    years = {m.date.year for m in ledger.meetings if m.meeting_id in wanted and m.date}
    context = [m for m in ledger.meetings if m.meeting_id in wanted or (m.date and m.date.year in years)]
    problems: list[Problem] = []
    rate = tax.parse_rate(ledger.settings.fee_withholding_rate)
    if rate is None:
        problems.append(make_problem("honoraria-fee-rate-invalid", value=ledger.settings.fee_withholding_rate))
        rate = tax.DEFAULT_FEE_RATE
    payments: list[PayLine] = []
    excluded: list[Excluded] = []
    unreadable_kinds = {(p.file, p.sheet, p.row): p.value for p in ledger.problems
                        if p.field == "kind" and p.sheet is not None and p.row is not None}
    by_meeting = defaultdict(list)
    for payment in ledger.payments:
        by_meeting[payment.meeting_id].append(payment)
    replies = defaultdict(list)
    for reply in ledger.attendance:
        replies[reply.meeting_id].append(reply)
    known = {m.meeting_id for m in ledger.meetings}
    for payment in ledger.payments:
        if payment.meeting_id not in known:
            problems.append(problem_at("honoraria-payment-unknown-meeting", payment.origin, "meeting_id",
                                       value=payment.meeting_id))
    rosters = _rosters(ledger)
    for meeting in context:
        lines, out, found = _meeting_payments(ledger, meeting, by_meeting.get(meeting.meeting_id, []),
                                              replies.get(meeting.meeting_id, []), rate, today, unreadable_kinds,
                                              rosters)
        payments += lines
        excluded += out
        if meeting.meeting_id in wanted:
            problems += found
    problems += _withhold_salaries(payments, ledger.settings.pay_withholding, wanted)
    candidates = _exempt_candidates(ledger, payments)
    kept = sorted((p for p in payments if p.meeting_id in wanted),  # planned ones last, as in the workbook
                  key=lambda p: (p.planned, p.date is None, p.date or dt.date.min, p.meeting_id))
    kept_excluded = [e for e in excluded if e.meeting_id in wanted]
    paid = {(p.name, p.council_id, p.date.year) for p in kept if p.kind in SALARY_KINDS and p.date}
    candidates = [c for c in candidates if (c["name"], c["council_id"], c["year"]) in paid]
    people = {(c["name"], c["council_id"], c["year"]) for c in candidates}
    for line in kept:
        if line.kind in SALARY_KINDS and line.date and (line.name, line.council_id, line.date.year) in people:
            line.note = _join(line.note, EXEMPT_NOTE.format(year=line.date.year))
    return HonorariaPlan(kept, kept_excluded, candidates, problems)


class _OneMeeting:
    """The ledger as one meeting's attendance sees it: its own 出欠 rows only (found once)."""

    def __init__(self, ledger: Ledger, attendance: list, rosters: dict[str, list] | None = None):
        self._ledger = ledger
        self.attendance = attendance
        self._rosters = rosters

    def __getattr__(self, name: str):
        return getattr(self._ledger, name)

    def members_of(self, council_id: str, on: dt.date | None = None) -> list:
        """As :meth:`Ledger.members_of`, from the rosters grouped once for the whole year."""
        if self._rosters is None:
            return self._ledger.members_of(council_id, on)
        return [m for m in self._rosters.get(council_id, ()) if on is None or m.serves_on(on)]


def _rosters(ledger: Ledger) -> dict[str, list]:
    """Each council's roster rows, in ledger order (one scan, not one per meeting)."""
    grouped: dict[str, list] = defaultdict(list)
    for member in ledger.members:
        grouped[member.council_id].append(member)
    return grouped


def _meeting_payments(ledger: Ledger, meeting: Meeting, sheet_rows: list, replies: list, rate: Decimal,
                      today: dt.date | None, unreadable_kinds: dict | None = None,
                      rosters: dict[str, list] | None = None,
                      ) -> tuple[list[PayLine], list[Excluded], list[Problem]]:
    from .attendance import PROXY, plan_attendance

    council = ledger.council(meeting.council_id)
    title = meeting.title or (f"第{meeting.number}回{council.name}" if council and meeting.number else
                              (council.name if council else meeting.meeting_id))
    fy = fiscal_year_of(meeting)
    lines: list[PayLine] = []
    out: list[Excluded] = []
    problems: list[Problem] = []

    def line(name: str, key: str, org: str, kind: str, gross: int, **kw) -> PayLine:
        return PayLine(meeting.meeting_id, meeting.council_id, title, meeting.date, name, key, org, kind, gross,
                       fiscal_year=fy, **kw)

    rows = [r for r in sheet_rows]
    has_rate = bool(council and council.fee_per_day and council.fee_kind in SALARY_KINDS)
    replies_with_travel = [a for a in replies if a.travel]
    held = meeting.status == "開催済" or any(a.on_the_day for a in replies)
    recorded = bool(replies)
    if (has_rate or replies_with_travel) and held:
        if meeting.date is None:
            problems.append(problem_at("honoraria-no-date", meeting.origin, "date"))
        elif not recorded:
            problems.append(problem_at("honoraria-no-attendance", meeting.origin, "meeting_id",
                                       value=meeting.meeting_id))
        else:
            if not any(a.on_the_day for a in replies):
                problems.append(problem_at("honoraria-no-day-record", meeting.origin, "meeting_id",
                                           value=meeting.meeting_id))
            plan = plan_attendance(_OneMeeting(ledger, replies, rosters), meeting, today)
            paid_replies = set()
            proxies_paid = ledger.settings.proxies_paid
            for invitee in plan.invitees:
                member = invitee.member
                reason = _unpaid_reason(invitee, proxies_paid)
                travel = invitee.reply.travel if invitee.reply and invitee.reply.travel else None
                if reason and not (reason == "報酬辞退" and travel):
                    out.append(Excluded(meeting.meeting_id, member.name, reason))
                    continue
                proxy = invitee.status == PROXY
                name = (invitee.proxy or f"{member.name}の代理者") if proxy else member.name
                key = ("proxy:" + name_key(name)) if proxy else (member.person_id or name_key(member.name))
                org = member.organization or ""
                method = "" if proxy else (member.payment_method or "")
                note = f"{member.name}の代理" if proxy else ""
                origin = invitee.reply.origin if invitee.reply else member.origin
                if has_rate and not reason:
                    lines.append(line(name, key, org, council.fee_kind, council.fee_per_day, method=method,
                                      note=note, origin=member.origin))
                elif reason:
                    out.append(Excluded(meeting.meeting_id, member.name, reason + "（費用弁償のみ支給）"))
                if travel:
                    lines.append(line(name, key, org, TRAVEL_REFUND, travel, method=method, note=note, origin=origin))
                    paid_replies.add(id(invitee.reply))
            for reply in replies_with_travel:
                if id(reply) not in paid_replies:
                    problems.append(problem_at("honoraria-travel-not-paid", reply.origin, "travel",
                                               name=reply.name or reply.person_id or "", amount=f"{reply.travel:,}"))
    for row in rows:
        origin = row.origin
        typed = (unreadable_kinds or {}).get((origin.file, origin.sheet, origin.row)) if origin else None
        if row.kind is None and typed is not None:
            problems.append(problem_at("honoraria-payment-kind-unknown", origin, "kind", name=row.name, value=typed))
            continue
        kind = row.kind or FEE  # a blank 区分 is a 謝金
        if row.amount is None:
            problems.append(problem_at("honoraria-payment-no-amount", row.origin, "amount", name=row.name, kind=kind))
            continue
        withheld = tax.fee_tax(row.amount, rate) if row.individual and kind in (FEE, REWARD) else 0
        kind = FEE if kind == REWARD else kind  # a lecturer's 報償費 is paid and taxed as a fee
        lines.append(line(row.name, "payee:" + name_key(row.name), row.organization or "", kind, row.amount,
                          withholding=withheld, method=row.payment_method or "", planned=not held,
                          note=_join(PLANNED_NOTE, row.note or "") if not held else (row.note or ""),
                          origin=row.origin))
    return lines, out, problems


def _unpaid_reason(invitee, proxies_paid: bool) -> str:  # noqa: ANN001 (an attendance Invitee)
    from .attendance import ABSENT, ONLINE, PRESENT, PROXY, UNANSWERED

    member, status = invitee.member, invitee.status
    if member.category == STAFF_CATEGORY or member.role == "事務局":
        return "庁内関係課（支給対象外）"
    if member.role == "オブザーバー":
        return "オブザーバー（支給対象外）"
    if status == PROXY and not proxies_paid:
        return "代理出席（設定により支給しない）"
    if status not in (PRESENT, ONLINE, PROXY):
        if invitee.on_the_day == ABSENT:
            return "当日欠席"
        return "未回答" if invitee.answer == UNANSWERED else "欠席（回答）"
    if member.fee_exempt:
        return "報酬辞退"
    return ""


def _withhold_salaries(payments: list[PayLine], setting: str | None, wanted: set[str]) -> list[Problem]:
    """The 乙欄 tax of each person's month, shared over the month's payments in date order."""
    salary = [p for p in payments if p.kind in SALARY_KINDS]
    withhold, understood = tax.salary_withholding_setting(setting)
    problems = [] if understood else [make_problem("honoraria-pay-withholding-unknown", value=setting)]
    if not withhold:
        for p in salary:
            p.withholding = 0
        return problems
    months: dict[tuple, list[PayLine]] = defaultdict(list)
    for p in salary:
        months[(p.payee_key, p.date.year, p.date.month)].append(p)
    for (_, year, month), lines in months.items():
        lines.sort(key=lambda p: (p.date, p.meeting_id))
        try:
            for p, share in zip(lines, tax.salary_tax_shares([p.gross for p in lines])):
                p.withholding = share
        except tax.OverTable as refused:
            for p in lines:
                p.withholding = None
            if any(p.meeting_id in wanted for p in lines):
                problems.append(problem_at("honoraria-withholding-over-table", lines[0].origin, "name",
                                           name=lines[0].name, month=f"{year}年{month}月",
                                           amount=f"{refused.amount:,}"))
    return problems


def _exempt_candidates(ledger: Ledger, payments: list[PayLine]) -> list[dict]:
    """People whose day rates from one body in one calendar year come to ¥10,000 or less (28-7).

    The tax year is the calendar year of the payment date (a payment without a date is left
    out: a held meeting without a date pays nothing anyway). A person who received any
    費用弁償 from the body that year is no candidate (28-7 asks for no 費用の弁償). The test is
    on the year's total, so during the year the member's meetings of the body still to come
    in that calendar year (not held, not 中止, within the member's term; one without a date
    counts in every year) count at the body's day rate: ``yearly`` is what was paid so far,
    ``projected`` the year with those meetings, ``planned_meetings`` how many they are. A
    member paid ¥8,000 once, with a second meeting planned that year, is no candidate; after
    the year's last meeting the two figures agree. Whether the city pays the person other
    給与 is not known here: it is left to staff.
    """
    totals: dict[tuple, int] = defaultdict(int)
    names: dict[tuple, str] = {}
    refunded: set[tuple] = set()
    for p in payments:
        if p.date is None:
            continue
        key = (p.date.year, p.council_id, p.payee_key)
        if p.kind in SALARY_KINDS:
            totals[key] += p.gross
            names[key] = p.name
        elif p.kind == TRAVEL_REFUND:
            refunded.add(key)
    to_come = _meetings_to_come(ledger, {(year, cid) for year, cid, _ in totals})
    seats: dict[tuple, list] = defaultdict(list)  # (body, person) → the roster rows, found once
    for member in ledger.members:
        if not member.fee_exempt:
            seats[(member.council_id, person_key(member))].append(member)
    found = []
    for key, total in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        year, cid, payee = key
        if total > EXEMPT_28_7 or key in refunded:
            continue
        council = ledger.council(cid)
        rate = council.fee_per_day if council and council.fee_kind in SALARY_KINDS and council.fee_per_day else 0
        coming = _serving_at(seats.get((cid, payee), []), payee, to_come.get((year, cid), []))
        projected = total + rate * coming
        if projected <= EXEMPT_28_7:
            found.append({"year": year, "council_id": cid, "name": names[key], "yearly": total,
                          "projected": projected, "planned_meetings": coming})
    return found


def _meetings_to_come(ledger: Ledger, bodies: set[tuple]) -> dict[tuple, list[Meeting]]:
    """Each (calendar year, body)'s meetings not held yet: not 開催済 or 中止, no 当日 recorded.

    A meeting without a 開催日 (予定, 通知済, 延期 with the date still blank) may fall in any
    year: it is counted in every year asked for (fewer candidates, never a wrong one)."""
    day_recorded = {a.meeting_id for a in ledger.attendance if a.on_the_day}
    years_of: dict[str, list[int]] = defaultdict(list)
    for year, cid in bodies:
        years_of[cid].append(year)
    coming: dict[tuple, list[Meeting]] = defaultdict(list)
    for meeting in ledger.meetings:
        if meeting.status in ("開催済", "中止") or meeting.meeting_id in day_recorded:
            continue
        years = [meeting.date.year] if meeting.date else years_of.get(meeting.council_id, [])
        for year in years:
            if (year, meeting.council_id) in bodies:
                coming[(year, meeting.council_id)].append(meeting)
    return coming


def _serving_at(seats: list, payee_key: str, meetings: list[Meeting]) -> int:
    """How many of ``meetings`` the member paid as ``payee_key`` (on the body's roster as
    ``seats``, 報酬辞退 left out) would be paid for, in office on the day; a proxy's key
    counts none (a proxy comes once)."""
    if not meetings or payee_key.startswith("proxy:"):
        return 0
    return sum(1 for meeting in meetings
               if any(meeting.date is None or seat.serves_on(meeting.date) for seat in seats))


def _join(a: str, b: str) -> str:
    return f"{a}、{b}" if a else b


# -- totals -------------------------------------------------------------------------------------

def _sum(lines: list[PayLine]) -> dict:
    """Count, gross, tax and net of ``lines``; ``net`` over the settled ones only (as the
    workbook's 差引支給額), the ones whose tax is refused counted in ``unsettled``."""
    unsettled = [p for p in lines if p.withholding is None]
    settled = [p for p in lines if p.withholding is not None]
    withheld = sum(p.withholding for p in settled)
    return {"count": len(lines), "gross": sum(p.gross for p in lines), "withholding": withheld,
            "net": sum(p.gross for p in settled) - withheld, "withholding_refused": len(unsettled),
            "unsettled": len(unsettled), "unsettled_gross": sum(p.gross for p in unsettled)}


def totals(payments: list[PayLine], council_names: dict[str, str] | None = None) -> dict:
    """Totals of ``payments``: all, per meeting, per body, per budget line (節), per kind.

    Payments of meetings not yet held (``planned``) are left out of every group and summed
    apart under ``planned``.
    """
    names = council_names or {}
    planned = [p for p in payments if p.planned]
    payments = [p for p in payments if not p.planned]

    def grouped(key, label) -> list[dict]:
        groups: dict = {}
        for p in payments:
            groups.setdefault(key(p), []).append(p)
        return [{**label(k), **_sum(v)} for k, v in groups.items()]

    def ordered(rows: list[dict], key: str, order: tuple) -> list[dict]:
        return sorted(rows, key=lambda r: order.index(r[key]) if r[key] in order else len(order))

    return {
        "all": _sum(payments),
        "by_meeting": grouped(lambda p: p.meeting_id, lambda k: {"meeting_id": k}),
        "by_council": grouped(lambda p: p.council_id, lambda k: {"council_id": k, "name": names.get(k, k)}),
        "by_budget_line": ordered(grouped(lambda p: p.budget_line, lambda k: {"budget_line": k}), "budget_line",
                                  ("報酬", "報償費", "旅費")),
        "by_kind": ordered(grouped(lambda p: p.kind, lambda k: {"kind": k}), "kind", KINDS),
        "planned": _sum(planned),
    }


def year_end(payments: list[PayLine], council_names: dict[str, str] | None = None,
             exempt_candidates: list[dict] | None = None, *, basis: str = "年度") -> dict:
    """The year-end figures: per person and body the period's day rates and tax, and per
    payee the period's 謝金 (支払調書 when over ¥50,000). Planned payments are left out.

    ``basis`` says what the period is: 「暦年」 (January–December of payment, the tax year:
    the figures of the 給与支払報告書 and the 支払調書) or 「年度」 (April–March, the budget's
    view). ``exempt_candidates`` (:attr:`HonorariaPlan.exempt_candidates`, per calendar year)
    mark the 28-7 candidates: a row's ``exempt_years`` are the calendar years of its payments
    in which the person is a candidate, ``exempt_candidate`` whether there is any; without
    them, the period so far decides."""
    names = council_names or {}
    payments = [p for p in payments if not p.planned]
    salary: dict[tuple, dict] = {}
    years: dict[tuple, set] = defaultdict(set)
    for p in payments:
        if p.kind in SALARY_KINDS:
            row = salary.setdefault((p.payee_key, p.council_id), {
                "name": p.name, "organization": p.organization, "council_id": p.council_id,
                "council": names.get(p.council_id, p.council_id), "days": 0, "gross": 0, "withholding": 0,
                "refused": False})
            row["days"] += 1
            row["gross"] += p.gross
            row["withholding"] += p.withholding or 0
            row["refused"] |= p.withholding is None
            if p.date:
                years[(p.payee_key, p.council_id)].add(p.date.year)
    marked = None if exempt_candidates is None else {(c["name"], c["council_id"], c["year"])
                                                     for c in exempt_candidates}
    for key, row in salary.items():
        if marked is None:
            row["exempt_years"] = sorted(years[key]) if row["gross"] <= EXEMPT_28_7 else []
        else:
            row["exempt_years"] = [y for y in sorted(years[key]) if (row["name"], row["council_id"], y) in marked]
        row["exempt_candidate"] = bool(row["exempt_years"])
    fees: dict[str, dict] = {}
    for p in payments:
        if p.kind == FEE:
            row = fees.setdefault(p.payee_key, {"name": p.name, "count": 0, "gross": 0, "withholding": 0})
            row["count"] += 1
            row["gross"] += p.gross
            row["withholding"] += p.withholding or 0
    for row in fees.values():
        row["report_due"] = row["gross"] > REPORT_OVER
    return {"basis": basis, "salary": list(salary.values()), "fees": list(fees.values())}


# -- the budget link (the tally) ------------------------------------------------------------------

def budget_link(ledger: Ledger, lines: Iterable) -> list[dict]:
    """For each budget line of 節 報酬 / 報償費 / 旅費 with a 関連会議体ID and a 年度: the amount
    the attendance (and the 謝金 sheet) implies for that body and year, beside its 予算 and 執行額.

    Unlike :func:`totals`, the implied amount counts the 謝金 of meetings not yet held (planned):
    the budget has to cover them.
    """
    from ..budget.tally import setsu_name

    linked = [line for line in lines if line.council_id and line.fiscal_year
              and setsu_name(line.setsu) in ("報酬", "報償費", "旅費")]
    if not linked:
        return []
    years = {line.fiscal_year for line in linked}
    councils = {line.council_id for line in linked}
    meetings = [m for m in ledger.meetings if m.council_id in councils and fiscal_year_of(m) in years]
    implied: dict[tuple, int] = defaultdict(int)
    for p in plan_honoraria(ledger, meetings).payments:
        implied[(p.fiscal_year, p.council_id, p.budget_line)] += p.gross
    rows = []
    for line in linked:
        amount = implied.get((line.fiscal_year, line.council_id, setsu_name(line.setsu)), 0)
        rows.append({"fiscal_year": line.fiscal_year, "project": line.project, "setsu": line.setsu,
                     "council_id": line.council_id, "budget": line.budget, "spent": line.spent, "implied": amount,
                     "remaining": None if line.budget is None else line.budget - amount})
    return rows
