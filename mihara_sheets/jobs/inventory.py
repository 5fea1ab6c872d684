"""会議体の棚卸・委員構成: the inventory, the composition report and the 公示 list, as files.

Reads the ledger (never changes it) and makes, in ``棚卸/`` of the output folder: the
workbook (会議体の棚卸_…xlsx), the Word report (…docx), the 公示 list as Word and CSV.
``data`` holds the figures for ``--json`` (names, ids, counts; never an address, phone or
e-mail). Term, vacancy and scheduling findings are the ledger's own problems by code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analyses.composition import compose, default_as_of
from ..analyses.inventory import take_inventory
from ..analyses.koji import koji_list
from ..analyses.report import SCHEDULE_CODES, TERM_CODES, VACANCY_CODES, inventory_data
from ..problems import Problem, make_problem, problem_at
from ..wareki import format_date, format_fiscal_year
from .common import load, not_writable, output_folder, problems_of_tables
from .result import JobResult
from .source import LedgerSource

SUBFOLDER = "棚卸"
SEAT_CODES = ("concurrent-seats", "similar-names")


@dataclass
class InventoryRequest:
    """Where (``out``), as of which date (default 1 April of today's fiscal year), and for
    term alerts which ``today``; ``top`` candidates are merged in the burden estimate;
    ``template`` / ``koji_template`` are staff templates instead of the bundled ones."""

    out: str | Path | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None
    top: int = 3
    template: Any = None
    koji_template: Any = None


def run_inventory(source: LedgerSource, request: InventoryRequest | None = None) -> JobResult:
    """Make the inventory's files; warnings only (exit 0) unless the councils or rosters have errors."""
    from ..documents.errors import DocumentError
    from ..documents.inventory_docs import (INVENTORY_TEMPLATE, KOJI_TEMPLATE, koji_context, koji_csv, render,
                                            report_context, with_overlap_chart)
    from ..documents.inventory_workbook import build_inventory_workbook
    from ..documents.properties import DocProperties
    from ..outputs import OutputFolder
    from ..xlsx_out import ledger_names

    request = request or InventoryRequest()
    result = JobResult("inventory", "会議体の棚卸・委員構成")
    today = request.today or dt.date.today()
    ledger = load(source, result, today)
    if ledger is None:
        return result
    if not ledger.councils:
        return result.stop(make_problem("inventory-no-councils"))
    as_of = request.as_of or default_as_of(today)
    inventory = take_inventory(ledger, as_of, top=request.top)
    composition = compose(ledger, as_of, inventory.identities)
    koji = koji_list(ledger, as_of)
    data = inventory_data(ledger, inventory, composition, koji, today)
    result.data = data
    result.problems = _scope(ledger, inventory, composition, as_of)
    year = format_fiscal_year(as_of.year if as_of.month >= 4 else as_of.year - 1)
    try:
        report = render(request.template, INVENTORY_TEMPLATE,
                        report_context(data, inventory, division=ledger.settings.division, made_on=today),
                        DocProperties(f"会議体の棚卸・委員構成（{year}）", ledger.settings.division or ""))
        report = with_overlap_chart(report, data)
        notice = render(request.koji_template, KOJI_TEMPLATE, koji_context(koji, sender=ledger.settings.sender),
                        DocProperties(f"構成団体の公示（{year}）", ledger.settings.division or ""))
    except DocumentError as error:
        return result.stop(error.problem)
    folder = OutputFolder(output_folder(ledger, source, request.out) / SUBFOLDER)
    outputs = [
        (f"会議体の棚卸_{year}.xlsx", build_inventory_workbook(
            data, inventory, made_on=today, ledger_name=ledger_names(ledger.sources),
            author=ledger.settings.division or "")),
        (f"会議体の棚卸_{year}.docx", report),
        (f"公示_構成団体_{year}.docx", notice),
        (f"公示_構成団体_{year}.csv", koji_csv(koji)),
    ]
    for name, content in outputs:
        try:
            result.files.append(folder.write(name, content))
        except OSError as exc:
            return result.stop(not_writable(folder.folder / name, exc))
    try:
        folder.save_manifest()
    except OSError:
        pass  # the files are made; a missing manifest only means the next run keeps them as not ours
    result.problems += folder.problems
    result.lines += _lines(data, as_of, folder.folder)
    result.summary = (f"会議体{len(data['councils'])}・兼職{len(data['people_on_several_councils'])}人・"
                      f"候補{len(data['consolidation_candidates'])}組")
    return result


def _scope(ledger: Any, inventory: Any, composition: Any, as_of: dt.date) -> list[Problem]:
    """The problems the inventory shows: errors of the councils and rosters, its own findings."""
    codes = (*TERM_CODES, *VACANCY_CODES, *SCHEDULE_CODES, *SEAT_CODES)
    errors = [p for p in problems_of_tables(ledger, ("councils", "members")) if p.is_error and p.code not in codes]
    found = errors + [p for p in ledger.problems if p.code in codes]
    for proposal in inventory.identities.proposals:
        if proposal.reason.startswith("氏名が同じ"):
            first, second = proposal.a.seats[0], proposal.b.seats[0]
            found.append(problem_at("same-name-unconfirmed", second.origin, "name", value=second.name,
                                    other=first.origin.location("name") if first.origin else "", other_value=first.name))
    if not composition.total.members:
        found.append(make_problem("inventory-no-members", as_of=format_date(as_of)))
    elif composition.total.unknown:
        found.append(make_problem("gender-unknown", count=composition.total.unknown))
    return found


def _lines(data: dict[str, Any], as_of: dt.date, folder: Path) -> list[str]:
    comp = data["composition"]
    total = comp["total"]
    ratio = "－" if total["women_ratio"] is None else f"{total['women_ratio'] * 100:.1f}%"
    return [
        f"会議体の棚卸と委員構成（{format_date(as_of)}現在）をまとめました。保存先: {folder}",
        f"・会議体 {len(data['councils'])}、委員 延べ{total['members']}人、2つ以上の会議体に所属する人 "
        f"{len(data['people_on_several_councils'])}人、兼職の上限超え {len(data['seats_over_cap'])}人",
        f"・統合の候補 {len(data['consolidation_candidates'])}組、年間の延べ出席 {data['burden']['total']:,}回"
        f"（上位の候補を統合すると {data['burden']['total_if_merged']:,}回）",
        f"・女性委員の比率 {ratio}（目標 {comp['targets']['women_percent']}%）、女性委員のいない会議体 "
        f"{len(comp['councils_without_women'])}（性別の空欄があり女性の記録がない会議体 {len(comp['councils_no_women_recorded'])}）",
        f"・任期・定数の確認 {len(data['term_alerts']) + len(data['vacancies'])}件、日程の確認 {len(data['schedule_warnings'])}件、"
        f"同じ人かもしれない組 {len(data['possibly_same_person'])}組",
    ]
