"""報酬・謝金計算: who is paid what for the meetings asked for, with the tax withheld.

Decided by :mod:`mihara_sheets.analyses.honoraria`; this job writes, into
``報酬_<会議ID | 2026年 | 2026年度 | 2026-09>/`` of the output folder, the 支払明細 workbook (with
the 年間集計 sheet for a calendar year — the tax year, for the 給与支払報告書 and 支払調書 — or
a fiscal year — the budget's view) and the Word 支出内訳. Nothing is written into the ledger.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import problems_on
from ..ledger.records import Meeting
from ..problems import make_problem
from .common import load, not_writable, output_folder
from .result import JobResult
from .source import LedgerSource

_MONTH = re.compile(r"^(\d{4})[-/年.](\d{1,2})月?$")


@dataclass
class HonorariaRequest:
    """Exactly one of: a meeting (会議ID), a fiscal year (年度), a month (``"2026-09"``), a
    calendar year (``year``: 暦年, the meetings dated 1 January to 31 December)."""

    meeting_id: str | None = None
    fiscal_year: int | None = None
    month: str | None = None
    out: str | Path | None = None
    today: dt.date | None = None
    template: Any = None
    year: int | None = None


def parse_month(typed: str) -> tuple[int, int] | None:
    """``(2026, 9)`` for 「2026-09」「2026/9」「2026年9月」, or ``None``."""
    match = _MONTH.match(unicodedata.normalize("NFKC", typed or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))


def scope_of(ledger: Ledger, request: HonorariaRequest, result: JobResult) -> tuple[str, str, list[Meeting]] | None:
    """The scope's label, folder stem and meetings, or ``None`` with ``result`` stopped."""
    from ..analyses.honoraria import fiscal_year_of
    from ..documents.files import safe_filename
    from .attendance import pick_meeting

    given = [x for x in (request.meeting_id, request.fiscal_year, request.month, request.year) if x not in (None, "")]
    if len(given) != 1:
        result.stop(make_problem("invalid-request", detail="会議ID（--meeting）、年度（--fy）、月（--month）、"
                                                           "暦年（--year）のどれか1つを指定してください。"))
        return None
    if request.meeting_id:
        meeting = pick_meeting(ledger, request.meeting_id, result)
        if meeting is None:
            return None
        return meeting.meeting_id, safe_filename(meeting.meeting_id), [meeting]
    if request.fiscal_year is not None:
        from ..wareki import format_fiscal_year

        fy = request.fiscal_year
        return format_fiscal_year(fy), f"{fy}年度", [m for m in ledger.meetings if fiscal_year_of(m) == fy]
    if request.year is not None:
        year = request.year
        return f"{year}年（1月～12月）", f"{year}年", [m for m in ledger.meetings if m.date and m.date.year == year]
    month = parse_month(str(request.month))
    if month is None:
        result.stop(make_problem("invalid-request", detail=f"月「{request.month}」を読めません。2026-09 の形で指定してください。"))
        return None
    year, number = month
    meetings = [m for m in ledger.meetings if m.date and (m.date.year, m.date.month) == month]
    return f"{year}年{number}月", f"{year}-{number:02d}", meetings


def run_honoraria(source: LedgerSource, request: HonorariaRequest) -> JobResult:
    """Work out the payments of a meeting, a fiscal year, a month or a calendar year; write the
    支払明細 and 支出内訳 (with the 年間集計 for a calendar or a fiscal year)."""
    from ..analyses.honoraria import plan_honoraria, totals, year_end
    from ..documents.errors import DocumentError
    from ..documents.honoraria_context import TEMPLATE, spending_context
    from ..documents.honoraria_workbook import write_payment_book
    from ..documents.properties import DocProperties
    from ..documents.render import load_template
    from ..outputs import OutputFolder
    from ..xlsx_out import ledger_names

    result = JobResult("honoraria", "報酬・謝金計算")
    ledger = load(source, result, request.today)
    if ledger is None:
        return result
    scope = scope_of(ledger, request, result)
    if scope is None:
        return result
    label, stem, meetings = scope
    plan = plan_honoraria(ledger, meetings, request.today)
    result.product = plan
    names = {c.council_id: c.name for c in ledger.councils}
    ids = {m.meeting_id for m in meetings}
    used = [*meetings, *(c for c in ledger.councils if c.council_id in {m.council_id for m in meetings}),
            *(a for a in ledger.attendance if a.meeting_id in ids),
            *(p for p in ledger.payments if p.meeting_id in ids)]
    result.problems += problems_on(ledger, used) + plan.problems
    if request.meeting_id and meetings:
        meeting = meetings[0]
        if not any(not p.planned for p in plan.payments) and not _held(ledger, meeting):
            result.problems.append(make_problem("honoraria-meeting-not-held", value=meeting.meeting_id))
    if not plan.payments:
        result.problems.append(make_problem("honoraria-nothing-in-scope", scope=label))
    summed = totals(plan.payments, names)
    basis = "暦年" if request.year is not None else ("年度" if request.fiscal_year is not None else None)
    year = year_end(plan.payments, names, plan.exempt_candidates, basis=basis) if basis else None
    try:
        template = load_template(request.template, TEMPLATE)
        context = spending_context(plan.payments, summed, scope=label, made_on=request.today,
                                   division=ledger.settings.division or "", council_names=names)
        document = template.render(context, DocProperties(f"支出内訳　{label}", ledger.settings.division or ""))
    except DocumentError as error:
        return result.stop(error.problem)
    folder = OutputFolder(output_folder(ledger, source, request.out) / f"報酬_{stem}")
    try:
        book = write_payment_book(plan.payments, title=label, year_end=year, made_on=request.today,
                                  ledger_name=ledger_names(ledger.sources), author=ledger.settings.division or "")
        result.files.append(folder.write(f"支払明細_{stem}.xlsx", book))
        result.files.append(folder.write(f"支出内訳_{stem}.docx", document))
        folder.save_manifest()
    except OSError as error:
        return result.stop(not_writable(folder.folder, error))
    result.problems += folder.problems
    every = summed["all"]
    result.data = {"scope": label, "payments": [p.to_dict() for p in plan.payments], "totals": summed,
                   "excluded": [vars(e) for e in plan.excluded], "tax_exempt_candidates": plan.exempt_candidates}
    if year is not None:
        result.data["year_end"] = year
    result.lines.append(f"{label}の支払明細・支出内訳を作成しました。保存先: {folder.folder}")
    unsettled = (f"（源泉徴収額が未計算の{every['unsettled']}件・{every['unsettled_gross']:,}円を除く）"
                 if every["unsettled"] else "")
    result.lines.append(f"  支払 {every['count']}件：支給額 {every['gross']:,}円、源泉徴収額 {every['withholding']:,}円、"
                        f"差引支給額 {every['net']:,}円{unsettled}。")
    planned = summed["planned"]
    if planned["count"]:
        result.lines.append(f"  開催前の会議の予定額 {planned['gross']:,}円（{planned['count']}件）は、合計に含めていません。")
    for row in summed["by_budget_line"]:
        result.lines.append(f"  {row['budget_line']}：{row['gross']:,}円（{row['count']}件）")
    if plan.excluded:
        result.lines.append(f"  支給しない出席予定者・欠席者 {len(plan.excluded)}名（庁内関係課・報酬辞退・当日欠席など）。")
    if every["withholding_refused"]:
        result.lines.append(f"  源泉徴収額を計算していない支払いが{every['withholding_refused']}件あります（月額88,000円以上）。")
    if plan.exempt_candidates:
        result.lines.append(f"  28-7で非課税となりうる人 {len(plan.exempt_candidates)}名（1つの会議体からの報酬が暦年（1月～12月）で"
                            "その年の開催予定も含めて1万円以下、費用弁償なし。市からほかに給与がないかは担当者が確認。"
                            "支払明細の備考を参照）。")
    if basis == "年度":
        result.lines.append("  年間集計は年度（4月～翌年3月）の集計です（予算の確認用）。給与支払報告書・支払調書は"
                            "暦年の集計（--year）から作成してください。")
    result.summary = f"{label} {every['count']}件 {every['gross']:,}円"
    return result


def _held(ledger: Ledger, meeting: Meeting) -> bool:
    return meeting.status == "開催済" or any(a.on_the_day for a in ledger.attendance if a.meeting_id == meeting.meeting_id)
