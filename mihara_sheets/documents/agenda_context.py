"""The plenary 次第's template context: the programme, the 部会 reports, the rosters.

Pure logic (see :mod:`.context`); ``templates/README.md`` documents the variables.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..ledger.ledger import Ledger
from ..ledger.queries import NOT_HELD, is_plenary, subcommittees_of
from ..ledger.records import AgendaItem, Council, Meeting
from ..problems import Problem, problem_at
from ..wareki import format_date, format_fiscal_year, format_time_range
from .context import ROLE_ORDER, SECRETARIAT, UNDECIDED, agenda_titles


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


def attachment_labels(materials: list[dict[str, str]]) -> dict[str, str]:
    """The 資料 label printed at the head of each attached section of the 次第.

    ``reports`` (各部会の活動報告) and ``roster`` (委員名簿) take the number of the material
    whose title names them (活動報告, 名簿); without one, the next 資料 number, and 参考
    for the roster.
    """
    def find(word: str) -> str | None:
        return next((m["number"] for m in materials if word in m["title"]), None)

    numbered = [m for m in materials if m["number"].startswith("資料")]
    reports = find("活動報告") or f"資料{len(numbered) + 1}"
    return {"reports": reports, "roster": find("名簿") or "参考"}


# The 次第's fixed opening lines; the 議題 sheet's items follow, then 閉会.
OPENING = ("開　会", "あいさつ")
CLOSING = "閉　会"
KIND_HEADINGS = {"報告": "報　告", "協議": "協　議"}
UNTYPED_HEADING = "議　題"  # items of an ordinary meeting without a 種別
MEETING_OPENING = ("開　会",)
CLOSED_MARK = "（非公開）"  # after the title of a 議題 row whose 公開 is ×
_SUB_ITEM = re.compile(r"[-－‐ー]|[（(]")  # 2-(1), 2（1）: an item under the one before
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノ"


def program(ledger: Ledger, meeting: Meeting, reports: list[dict[str, Any]] | None = None, fy_text: str = "", *,
            opening: tuple[str, ...] = OPENING, from_cell: bool = False) -> list[dict[str, Any]]:
    """A 次第 from a meeting's 議題 rows: the opening, the items, その他, 閉会.

    Used for the plenary (``reports``: each 部会's activity report, used as 報告 when the
    plenary has no 報告 rows; all 報告 rows, then all 協議, then the others) and for an
    ordinary meeting (``opening=("開　会",)``, ``from_cell=True``: the rows in the 順 typed,
    consecutive rows of the same 区分 under one heading; without 議題 rows, the 会議 sheet's
    議題 cell gives the items, under 「議　題」). Returns ``[]`` when there are no items at
    all and ``from_cell`` is False (the plenary template then shows its default programme).
    Rows without a 区分 are listed under 「議　題」 for a meeting and as sections of their
    own for the plenary; without an その他 row, その他 comes before 閉会. A row whose 公開 is
    × gets 「（非公開）」 after its title. Each section is ``{"number", "heading",
    "entries", "lines"}``; an entry is ``{"label", "title", "material", "presenter",
    "sub"}``, a sub-item (順 ``2-(1)``) labelled ア, イ… under the item before it.
    """
    items = sorted(ledger.agenda_of(meeting.meeting_id), key=_order_key)
    if not items and from_cell:
        items = [AgendaItem(meeting.meeting_id, title, order=str(n)) for n, title in enumerate(meeting.agenda, start=1)]
    if not items and not from_cell:
        return []
    sections: list[dict[str, Any]] = [{"heading": h, "entries": [], "lines": []} for h in opening]
    greeting = (ledger.settings.greeting or "").strip()
    greeting_at = next((i for i, h in enumerate(opening) if h.replace("\u3000", "") == "あいさつ"), None)
    if greeting and greeting_at is not None:
        sections[greeting_at]["lines"].append(greeting)  # 設定 あいさつ names the speaker
    if not any(a.kind == "報告" for a in items) and reports:
        entries = [{"label": f"（{n}）", "title": unit["name"] + (f"　報告：{unit['reporter']}" if unit["reporter"] else ""),
                    "material": "", "presenter": unit["reporter"], "sub": False}
                   for n, unit in enumerate(reports, start=1)]
        sections.append({"heading": f"報　告　各部会の活動報告（{fy_text}）", "entries": entries, "lines": []})
    if from_cell:
        sections += _typed_order_sections(ledger, meeting, items)
    else:
        sections += _plenary_sections(ledger, meeting, items)
    if not any(s["heading"] == "その他" for s in sections):
        sections.append({"heading": "その他", "entries": [], "lines": []})
    sections.append({"heading": CLOSING, "entries": [], "lines": []})
    for number, section in enumerate(sections, start=1):
        section["number"] = number
    return sections


def _plenary_sections(ledger: Ledger, meeting: Meeting, items: list[AgendaItem]) -> list[dict[str, Any]]:
    """The plenary's sections: all 報告, then all 協議, then each other row as its own section."""
    sections = []
    for kind, heading in KIND_HEADINGS.items():
        of_kind = [a for a in items if a.kind == kind]
        if of_kind:
            sections.append({"heading": heading, "entries": _numbered(of_kind), "lines": []})
    sections += [_own_section(ledger, meeting, item) for item in items if item.kind not in KIND_HEADINGS]
    return sections


def _typed_order_sections(ledger: Ledger, meeting: Meeting, items: list[AgendaItem]) -> list[dict[str, Any]]:
    """An ordinary meeting's sections in the 順 typed: consecutive rows of one 区分 (報告, 協議,
    or none: 「議　題」) share a heading; every other row is a section of its own."""
    sections: list[dict[str, Any]] = []
    group: list[AgendaItem] = []
    heading = None

    def flush() -> None:
        if group:
            sections.append({"heading": heading, "entries": _numbered(group), "lines": []})

    for item in items:
        if item.kind in KIND_HEADINGS:
            wanted = KIND_HEADINGS[item.kind]
        elif not item.kind and not item.title.startswith("その他"):
            wanted = UNTYPED_HEADING
        else:
            flush()
            group, heading = [], None
            sections.append(_own_section(ledger, meeting, item))
            continue
        if wanted != heading:
            flush()
            group, heading = [], wanted
        group.append(item)
    flush()
    return sections


def _own_section(ledger: Ledger, meeting: Meeting, item: AgendaItem) -> dict[str, Any]:
    """A row that is a section by itself: セミナー (演題・講師), その他, or its title."""
    if item.kind == "セミナー" or "セミナー" in item.title:
        seminar = _seminar(ledger, meeting)
        lines = [f"演題：{seminar['title']}", f"講師：{seminar['speaker']}"]
        return {"heading": "セミナー", "entries": [], "lines": lines}
    return {"heading": "その他" if item.title.startswith("その他") else item.title, "entries": [], "lines": []}


def _order_key(item: Any) -> tuple[tuple[int, ...], str]:
    """The 順 as numbers, width aside: 「２」 < 「2-(1)」 < 「2（2）」 < 「3」; rows without a 順 last."""
    typed = unicodedata.normalize("NFKC", item.order or "")
    numbers = tuple(int(n) for n in re.findall(r"\d+", typed))
    return (numbers or (10_000,), typed)


def _numbered(items: list[Any]) -> list[dict[str, Any]]:
    out, number, sub = [], 0, 0
    for item in items:
        is_sub = bool(number) and bool(_SUB_ITEM.search((item.order or "").strip()[1:]))
        if is_sub:
            label = (_KANA[sub] if sub < len(_KANA) else str(sub + 1)) + "　"
            sub += 1
        else:
            number, sub = number + 1, 0
            label = f"（{number}）"
        title = item.title + (CLOSED_MARK if item.public is False else "")
        out.append({"label": label, "title": title, "material": item.material or "",
                    "presenter": item.presenter or "", "sub": is_sub})
    return out


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
    reports = [_report_block(ledger, c, fiscal_year, plenary.date) for c in units]
    materials = _materials(ledger, plenary, fiscal_year)
    context = {
        "fiscal_year": fy_text,
        "network_name": parent.name if parent else council.name.removesuffix("全体会議") or council.name,
        "plenary": {
            "title": council.name,  # annual: no 第N回 (the reader's default 会議名)
            "date": format_date(plenary.date, weekday=True) if plenary.date else UNDECIDED,
            "time": format_time_range(plenary.start, plenary.end) if plenary.start else "",
            "venue": plenary.venue or UNDECIDED,
        },
        "reports": reports,
        "seminar": _seminar(ledger, plenary),
        "program": program(ledger, plenary, reports, fy_text),
        "materials": materials,
        "attachments": attachment_labels(materials),
        "greeting": (ledger.settings.greeting or "").strip(),
        "roster_date": format_date(plenary.date) if plenary.date else fy_text,
        "rosters": [_roster(ledger, c, plenary.date) for c in units],
    }
    if not units:
        problems.append(problem_at("agenda-no-subcommittees", None))
    return AgendaPlan(fiscal_year, plenary, context, problems)
