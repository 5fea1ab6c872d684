"""The inventory's Word report and the 公示 list (Word and CSV): their contexts and bytes.

Templates are staff-editable docxtpl files (templates/inventory.docx, templates/koji.docx;
variables in templates/README.md). Contexts hold names, counts and shares only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from ..analyses.inventory import Inventory
from ..analyses.koji import KojiList
from ..wareki import format_date
from .charts import OverlapBar, charts_available, overlap_chart, put_picture
from .properties import DocProperties
from .render import CompiledTemplate, load_template

INVENTORY_TEMPLATE = "inventory.docx"
KOJI_TEMPLATE = "koji.docx"
CONFIDENTIAL_NOTE = "守秘義務のある会議体のため、構成員は掲載していません"
#: What {{ overlap_chart }} renders to in the report: the paragraph the chart replaces.
CHART_MARKER = "［図：統合候補の重なり］"
CHART_WIDTH_MM = 160
CHART_PAIRS = 8
# The heat map's shades, from no overlap to full (cell fill colours, hex RGB).
SHADES = ((0.0, "FFFFFF"), (0.1, "FFF2CC"), (0.2, "FFD966"), (0.35, "F4B183"), (0.5, "E06666"), (0.999, "C00000"))


def percent(value: float | None) -> str:
    """A share as staff read it: 「37.5%」 (「－」 without members)."""
    return "－" if value is None else f"{value * 100:.1f}%"


def shade(value: float) -> str:
    """The fill colour of a heat-map cell for an overlap between 0 and 1."""
    colour = SHADES[0][1]
    for floor, fill in SHADES:
        if value >= floor:
            colour = fill
    return colour


def heat_map(data: dict[str, Any], inventory: Inventory) -> dict[str, Any]:
    """The overlap heat map: one row and column per council with members, shaded by Jaccard."""
    ids = [p.council.council_id for p in inventory.places if p.members]
    names = {c["id"]: c["name"] for c in data["councils"]}
    values = {}
    for pair in inventory.pairs:
        values[(pair.a, pair.b)] = values[(pair.b, pair.a)] = pair.member_jaccard
    rows = []
    for a in ids:
        cells = []
        for b in ids:
            value = 1.0 if a == b else values.get((a, b), 0.0)
            cells.append({"text": "－" if a == b else f"{value * 100:.0f}", "color": "D9D9D9" if a == b else shade(value)})
        rows.append({"id": a, "name": names.get(a, a), "cells": cells})
    return {"ids": ids, "rows": rows}


def _composition_row(name: str, t: dict[str, Any], target: int) -> dict[str, Any]:
    met = "" if t["women_ratio"] is None else ("達成" if t["women_ratio"] * 100 >= target else "未達")
    return {"name": name, "members": t["members"], "women": t["women"], "ratio": percent(t["women_ratio"]),
            "without_ex_officio": percent(t["women_ratio_without_ex_officio"]), "public": t["public_recruited"],
            "long_tenure": t["long_tenure"], "unknown": t["unknown_gender"], "met": met}


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The report's first section: what a division head reads first."""
    comp = data["composition"]
    total = comp["total"]
    targets = comp["targets"]
    candidates = data["consolidation_candidates"]
    names = {c["id"]: c["name"] for c in data["councils"]}
    lines = [
        f"会議体は{len(data['councils'])}、{format_date(comp['as_of'])}現在の委員は延べ{total['members']}人です。"
        f"2つ以上の会議体に所属する人は{len(data['people_on_several_councils'])}人、"
        f"兼職が上限（{targets['seat_limit']}）を超える人は{len(data['seats_over_cap'])}人です。",
        f"女性委員の比率は{percent(total['women_ratio'])}（目標{targets['women_percent']}%、"
        f"充て職を除くと{percent(total['women_ratio_without_ex_officio'])}）、"
        f"公募委員の比率は{percent(total['public_ratio'])}です。性別が未記入の委員が{total['unknown_gender']}人います。",
        f"女性委員のいない会議体は{len(comp['councils_without_women'])}"
        f"（ほかに性別の空欄があり女性の記録がない会議体が{len(comp['councils_no_women_recorded'])}）、"
        f"在任{targets['tenure_years']}年を超える委員は"
        f"{total['long_tenure']}人です。",
    ]
    if candidates:
        top = candidates[0]
        lines.append(f"最も重なりの大きい組は{names.get(top['a'], top['a'])}と{names.get(top['b'], top['b'])}"
                     f"（委員の重なり{percent(top['member_jaccard'])}）です。")
    burden = data["burden"]
    lines.append(f"年間の延べ出席は{burden['total']:,}回、上位の候補を統合すると{burden['total_if_merged']:,}回の見込みです。")
    lines.append(f"任期・委員定数で確認の必要なものが{len(data['term_alerts']) + len(data['vacancies'])}件、"
                 f"日程で確認の必要なものが{len(data['schedule_warnings'])}件あります。")
    if data["possibly_same_person"]:
        lines.append(f"同じ人かもしれない氏名の組が{len(data['possibly_same_person'])}組あります（名簿で確認してください）。")
    return lines


def report_context(data: dict[str, Any], inventory: Inventory, *, division: str | None, made_on: dt.date,
                   top: int = 10) -> dict[str, Any]:
    """Every variable of templates/inventory.docx."""
    comp = data["composition"]
    names = {c["id"]: c["name"] for c in data["councils"]}
    burden = data["burden"]
    target = comp["targets"]["women_percent"]
    return {
        "title": "会議体の棚卸・委員構成",
        "as_of": format_date(comp["as_of"]),
        "made_on": format_date(made_on),
        "division": division or "",
        "summary": summary_lines(data),
        "candidates": [{"rank": c["rank"], "a": names.get(c["a"], c["a"]), "b": names.get(c["b"], c["b"]),
                        "member": percent(c["member_jaccard"]), "organization": percent(c["organization_jaccard"]),
                        "reason": c["reason"]} for c in data["consolidation_candidates"][:top]],
        "burden": {"total": f"{burden['total']:,}", "after": f"{burden['total_if_merged']:,}",
                   "saved": f"{burden['saved']:,}",
                   "merged": "、".join(f"{names.get(a, a)}と{names.get(b, b)}" for a, b in burden["merged"]) or "なし"},
        "overlap_chart": CHART_MARKER,
        "heat": heat_map(data, inventory),
        "councils": [{"id": c["id"], "name": c["name"], "before": c["before"],
                      "after": c["after"] + (f"→{c['merged_into']}" if c["merged_into"] else ""),
                      "meetings": c["meetings_per_year"], "members": c["members"], "burden": c["burden"]}
                     for c in data["councils"]],
        "composition": [_composition_row(c["name"], c, target) for c in comp["councils"]],
        "total": _composition_row("合計", comp["total"], target),
        "targets": {"women": target, "tenure": comp["targets"]["tenure_years"], "seats": comp["targets"]["seat_limit"],
                    "public": comp["targets"]["public_percent"]},
        "over_cap": [{"name": p["name"], "count": p["count"], "councils": "、".join(names.get(i, i) for i in p["councils"])}
                     for p in data["seats_over_cap"]],
        "same_person": [{"a": p["a"]["name"], "b": p["b"]["name"], "reason": p["reason"]}
                        for p in data["possibly_same_person"]],
        "terms": [{"location": t["location"], "message": t["message"]} for t in data["term_alerts"] + data["vacancies"]],
        "schedule": [{"location": t["location"], "message": t["message"]} for t in data["schedule_warnings"]],
    }


def overlap_bars(data: dict[str, Any], top: int = CHART_PAIRS) -> list[OverlapBar]:
    """The chart's bars: the first ``top`` consolidation candidates, by their councils' names."""
    names = {c["id"]: c["name"] for c in data["councils"]}
    return [OverlapBar(f"{names.get(c['a'], c['a'])}\n× {names.get(c['b'], c['b'])}", c["member_jaccard"],
                       c["organization_jaccard"]) for c in data["consolidation_candidates"][:top]]


def with_overlap_chart(report: bytes, data: dict[str, Any]) -> bytes:
    """The rendered report with the overlap chart at its marker (no candidates: no chart)."""
    bars = overlap_bars(data)
    picture = overlap_chart(bars) if bars and charts_available() else None
    return put_picture(report, CHART_MARKER, picture, width_mm=CHART_WIDTH_MM)


def koji_context(koji: KojiList, *, sender: str | None) -> dict[str, Any]:
    """Every variable of templates/koji.docx."""
    return {
        "sender": sender or "",
        "network": koji.network,
        "coordinator": koji.coordinator or "",
        "as_of": format_date(koji.as_of),
        "bodies": [{"name": b.name, "kind": b.kind, "note": CONFIDENTIAL_NOTE if b.confidential else ""}
                   for b in koji.bodies],
        "categories": [{"name": category, "organizations": orgs} for category, orgs in koji.by_category],
        "individuals": sum(b.individuals for b in koji.bodies),
    }


def koji_csv(koji: KojiList) -> bytes:
    """The 公示 list as CSV for Excel: UTF-8 with BOM, CRLF, one row per organisation."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["区分", "団体名", "会議体"])
    bodies_of: dict[str, list[str]] = {}
    for body in koji.bodies:
        for org in body.organizations:
            bodies_of.setdefault(org, []).append(body.name)
    for category, org in koji.organizations:
        writer.writerow([category, org, "、".join(bodies_of.get(org, []))])
    for body in koji.bodies:
        if body.confidential:
            writer.writerow(["（会議体）", body.name, CONFIDENTIAL_NOTE])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render(template: str | bytes | CompiledTemplate | None, default: str, context: dict[str, Any],
           properties: DocProperties | None = None) -> bytes:
    """A document's bytes from a staff template (path/bytes) or the bundled ``default``."""
    compiled = template if isinstance(template, CompiledTemplate) else load_template(template, default)
    return compiled.render(context, properties)
