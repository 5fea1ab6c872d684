"""The inventory workbook (会議体の棚卸.xlsx), a new file written with XlsxWriter.

Sheets: 会議体一覧, 重複マトリクス (a colour scale), 兼職, 統合候補, 委員構成, 任期, 日程.
Figures a reader would check are formulas over the cells beside them — 委員数 = the sum
of the categories, 負担 = 回数 × 委員数, every share = its count / 委員数, the totals = SUM —
with the computed value cached, so a viewer that does not recalculate still shows it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..analyses.inventory import Inventory
from ..wareki import format_date
from ..xlsx_out import WAREKI_FORMAT

SHEETS = ("会議体一覧", "重複マトリクス", "兼職", "統合候補", "委員構成", "任期", "日程")
MARK = "○"


def _formats(book: Any) -> dict[str, Any]:
    base = {"border": 1, "valign": "vcenter", "font_name": "游ゴシック"}
    return {
        "head": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True}),
        "text": book.add_format({**base, "text_wrap": True}),
        "int": book.add_format({**base, "num_format": "#,##0"}),
        "pct": book.add_format({**base, "num_format": "0.0%"}),
        "mark": book.add_format({**base, "align": "center"}),
        "date": book.add_format({**base, "num_format": WAREKI_FORMAT}),
        "total": book.add_format({**base, "bold": True, "top": 2, "num_format": "#,##0"}),
        "total_pct": book.add_format({**base, "bold": True, "top": 2, "num_format": "0.0%"}),
        "title": book.add_format({"bold": True, "font_size": 12, "font_name": "游ゴシック"}),
    }


def _header(sheet: Any, row: int, headers: list[str], fmt: Any, widths: list[int] | None = None) -> None:
    for col, text in enumerate(headers):
        sheet.write_string(row, col, text, fmt)
        if widths:
            sheet.set_column(col, col, widths[col] if col < len(widths) else 10)


def _cell(row: int, col: int) -> str:
    return xl_rowcol_to_cell(row, col)


#: Per sheet: the header row repeated on every printed page, and landscape or not.
PRINT_SETUP = {"会議体一覧": (1, True), "重複マトリクス": (1, True), "兼職": (1, True), "統合候補": (1, True),
               "委員構成": (5, True), "任期": (1, True), "日程": (1, True)}


UNFROZEN = ("統合候補", "任期", "日程")


def build_inventory_workbook(data: dict[str, Any], inventory: Inventory, *, made_on: dt.date | None = None,
                             ledger_name: str = "", author: str = "") -> bytes:
    """The workbook's bytes, from the job's data and the inventory (for the matrices).

    Every sheet prints on A4, one page wide, its header row repeated, with 作成日 and the
    ledger's name in the page header (see :mod:`mihara_sheets.xlsx_out`).
    """
    from ..xlsx_out import made_line, new_workbook, print_setup

    buffer = io.BytesIO()
    book = new_workbook(buffer, title="会議体の棚卸・委員構成", author=author)
    f = _formats(book)
    sheets = {name: book.add_worksheet(name) for name in SHEETS}
    _councils(sheets[SHEETS[0]], f, data)
    _matrix(sheets[SHEETS[1]], f, data, inventory)
    _seats(sheets[SHEETS[2]], f, data, inventory)
    _candidates(sheets[SHEETS[3]], f, data, inventory)
    _composition(sheets[SHEETS[4]], f, data)
    _findings(sheets[SHEETS[5]], f, data["term_alerts"] + data["vacancies"], "任期・委員定数")
    _findings(sheets[SHEETS[6]], f, data["schedule_warnings"], "日程")
    made = made_line(made_on, ledger_name).replace("&", "&&")
    for name, sheet in sheets.items():
        header_row, landscape = PRINT_SETUP[name]
        print_setup(sheet, header_row=header_row, landscape=landscape)
        if name in UNFROZEN:  # the others freeze their ID and name columns too
            sheet.freeze_panes(header_row + 1, 0)
        sheet.set_header(f"&R{made}")
    book.close()
    return buffer.getvalue()


def _councils(sheet: Any, f: dict[str, Any], data: dict[str, Any]) -> None:
    councils = data["councils"]
    categories = list(dict.fromkeys(c for council in councils for c in council["categories"]))
    fixed = ["会議体ID", "会議体名", "再編前（区分）", "親会議体", "部会", "再編後（状態）", "統合先", "年間開催回数",
             "委員数", "負担（回×人）"]
    sheet.write_string(0, 0, f"会議体一覧（{format_date(data['as_of'])}現在の委員）", f["title"])
    _header(sheet, 1, fixed + categories, f["head"], [9, 34, 12, 18, 24, 12, 18, 10, 8, 10] + [10] * len(categories))
    first_cat = len(fixed)
    for i, council in enumerate(councils):
        r = 2 + i
        values = [council["id"], council["name"], council["before"], council["parent"] or "",
                  "、".join(council["subcommittees"]), council["after"], council["merged_into"] or ""]
        for col, value in enumerate(values):
            sheet.write_string(r, col, value, f["text"])
        sheet.write_number(r, 7, council["meetings_per_year"], f["int"])
        for j, category in enumerate(categories):
            count = council["categories"].get(category)
            if count:
                sheet.write_number(r, first_cat + j, count, f["int"])
            else:
                sheet.write_blank(r, first_cat + j, None, f["int"])
        if categories:
            span = f"{_cell(r, first_cat)}:{_cell(r, first_cat + len(categories) - 1)}"
            sheet.write_formula(r, 8, f"=SUM({span})", f["int"], council["members"])
        else:
            sheet.write_number(r, 8, council["members"], f["int"])
        sheet.write_formula(r, 9, f"={_cell(r, 7)}*{_cell(r, 8)}", f["int"], council["burden"])
    last = 2 + len(councils)
    sheet.write_string(last, 1, "合計", f["total"])
    for col in [7, 8, 9] + list(range(first_cat, first_cat + len(categories))):
        column = xl_col_to_name(col)
        cached = {7: sum(c["meetings_per_year"] for c in councils), 8: sum(c["members"] for c in councils),
                  9: data["burden"]["total"]}.get(col, sum(c["categories"].get(categories[col - first_cat], 0)
                                                             for c in councils) if col >= first_cat else 0)
        sheet.write_formula(last, col, f"=SUM({column}3:{column}{last})", f["total"], cached)
    sheet.freeze_panes(2, 2)


def _matrix(sheet: Any, f: dict[str, Any], data: dict[str, Any], inventory: Inventory) -> None:
    ids = [p.council.council_id for p in inventory.places if p.members]
    names = {c["id"]: c["name"] for c in data["councils"]}
    jaccard = {}
    shared = {}
    for pair in inventory.pairs:
        jaccard[(pair.a, pair.b)] = jaccard[(pair.b, pair.a)] = round(pair.member_jaccard, 4)
        shared[(pair.a, pair.b)] = shared[(pair.b, pair.a)] = pair.shared_members
    sheet.write_string(0, 0, "委員の重なり（Jaccard 係数：共通の委員 ÷ どちらかの委員。1 に近いほど重なる）", f["title"])
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 1 + len(ids), 7)

    def block(top: int, values: dict, fmt: Any, diagonal: Any) -> int:
        sheet.write_string(top, 0, "会議体ID", f["head"])
        sheet.write_string(top, 1, "会議体名", f["head"])
        for j, cid in enumerate(ids):
            sheet.write_string(top, 2 + j, cid, f["head"])
        for i, a in enumerate(ids):
            sheet.write_string(top + 1 + i, 0, a, f["text"])
            sheet.write_string(top + 1 + i, 1, names.get(a, a), f["text"])
            for j, b in enumerate(ids):
                value = diagonal(a) if a == b else values.get((a, b), 0)
                sheet.write_number(top + 1 + i, 2 + j, value, fmt)
        if ids:
            sheet.conditional_format(top + 1, 2, top + len(ids), 1 + len(ids), {
                "type": "3_color_scale", "min_color": "#FFFFFF", "mid_color": "#FFD966", "max_color": "#C00000"})
        return top + len(ids) + 2

    below = block(1, jaccard, f["pct"], lambda _: 1)
    sheet.write_string(below, 0, "共通の委員の人数（対角は委員数）", f["title"])
    members = {p.council.council_id: len(p.members) for p in inventory.places}
    block(below + 1, shared, f["int"], lambda cid: members.get(cid, 0))
    sheet.freeze_panes(2, 2)


def _seats(sheet: Any, f: dict[str, Any], data: dict[str, Any], inventory: Inventory) -> None:
    ids = [p.council.council_id for p in inventory.places if p.members]
    limit = inventory.limit
    sheet.write_string(0, 0, f"兼職（会議体ごとの委員。兼職上限 {limit}）", f["title"])
    headers = ["氏名", "所属", *ids, "兼職数", "上限", "超過"]
    _header(sheet, 1, headers, f["head"], [16, 30] + [6] * len(ids) + [8, 6, 8])
    people = sorted(inventory.people, key=lambda p: -len(inventory.seats_on(p)))
    count_col = 2 + len(ids)
    for i, person in enumerate(people):
        r = 2 + i
        seats = inventory.seats_on(person)
        sheet.write_string(r, 0, person.name, f["text"])
        sheet.write_string(r, 1, "、".join(person.organizations), f["text"])
        for j, cid in enumerate(ids):
            if cid in seats:
                sheet.write_string(r, 2 + j, MARK, f["mark"])
            else:
                sheet.write_blank(r, 2 + j, None, f["mark"])
        span = f"{_cell(r, 2)}:{_cell(r, count_col - 1)}"
        sheet.write_formula(r, count_col, f'=COUNTIF({span},"{MARK}")', f["int"], len(seats))
        sheet.write_number(r, count_col + 1, limit, f["int"])
        over = "超過" if len(seats) > limit else ""
        sheet.write_formula(r, count_col + 2, f'=IF({_cell(r, count_col)}>{_cell(r, count_col + 1)},"超過","")',
                            f["text"], over)
    r = 3 + len(people)
    sheet.write_string(r, 0, "同じ人かもしれない組（確認してください。プログラムは同一人物として扱っていません）", f["title"])
    _header(sheet, r + 1, ["氏名", "会議体", "氏名", "会議体", "理由"], f["head"])
    for k, pair in enumerate(data["possibly_same_person"]):
        row = [pair["a"]["name"], "、".join(pair["a"]["councils"]), pair["b"]["name"], "、".join(pair["b"]["councils"]),
               pair["reason"]]
        for col, value in enumerate(row):
            sheet.write_string(r + 2 + k, col, value, f["text"])
    sheet.freeze_panes(2, 2)


def _candidates(sheet: Any, f: dict[str, Any], data: dict[str, Any], inventory: Inventory) -> None:
    names = {c["id"]: c["name"] for c in data["councils"]}
    sheet.write_string(0, 0, "統合候補（委員の重なりの大きい順）", f["title"])
    headers = ["順位", "会議体A", "会議体B", "Aの委員数", "Bの委員数", "共通の委員", "委員の重なり",
               "Aの団体数", "Bの団体数", "共通の団体", "団体の重なり", "理由"]
    _header(sheet, 1, headers, f["head"], [6, 30, 30, 9, 9, 9, 10, 9, 9, 9, 10, 60])
    for i, pair in enumerate(inventory.candidates):
        r = 2 + i
        sheet.write_number(r, 0, i + 1, f["int"])
        sheet.write_string(r, 1, f"{pair.a} {names.get(pair.a, '')}", f["text"])
        sheet.write_string(r, 2, f"{pair.b} {names.get(pair.b, '')}", f["text"])
        for col, value in zip((3, 4, 5, 7, 8, 9), (pair.members_a, pair.members_b, pair.shared_members,
                                                   pair.organizations_a, pair.organizations_b,
                                                   pair.shared_organizations)):
            sheet.write_number(r, col, value, f["int"])
        for col, (x, y, s), cached in ((6, (3, 4, 5), pair.member_jaccard), (10, (7, 8, 9), pair.organization_jaccard)):
            union = f"({_cell(r, x)}+{_cell(r, y)}-{_cell(r, s)})"
            sheet.write_formula(r, col, f"=IF({union}=0,0,{_cell(r, s)}/{union})", f["pct"], cached)
        sheet.write_string(r, 11, pair.reason, f["text"])
    r = 3 + len(inventory.candidates)
    burden = data["burden"]
    merged = "、".join(f"{a}+{b}" for a, b in burden["merged"]) or "なし"
    sheet.write_string(r, 0, "負担の見込み（年間の延べ出席＝開催回数×委員数）", f["title"])
    rows = [("現在の負担", burden["total"], None), (f"上位の候補を統合した場合（{merged}）", burden["total_if_merged"], None),
            ("減る延べ出席", burden["saved"], f"={_cell(r + 1, 1)}-{_cell(r + 2, 1)}")]
    for k, (label, value, formula) in enumerate(rows):
        sheet.write_string(r + 1 + k, 0, label, f["text"])
        if formula:
            sheet.write_formula(r + 1 + k, 1, formula, f["total"], value)
        else:
            sheet.write_number(r + 1 + k, 1, value, f["int"])
    sheet.write_string(r + 4, 0, "統合した会議体は、開催回数の多い方の回数で、両方の委員（重複は1人）が出席するものとして計算しています。",
                       f["text"])


COMPOSITION_HEADERS = ["会議体ID", "会議体名", "委員数", "女性", "男性", "性別不明", "女性比率", "充て職", "うち女性",
                       "女性比率（充て職除く）", "公募委員", "公募比率", "長期在任", "女性比率の目標"]


def _composition(sheet: Any, f: dict[str, Any], data: dict[str, Any]) -> None:
    comp = data["composition"]
    targets = comp["targets"]
    sheet.write_string(0, 0, f"委員構成（{format_date(comp['as_of'])}現在。事務局・オブザーバーを除く）", f["title"])
    sheet.write_string(1, 0, "女性委員比率目標（%）", f["text"])
    sheet.write_number(1, 2, targets["women_percent"], f["int"])
    sheet.write_string(2, 0, "在任年数上限（年）", f["text"])
    sheet.write_number(2, 2, targets["tenure_years"], f["int"])
    sheet.write_string(3, 0, "公募委員比率目標（%）", f["text"])
    if targets["public_percent"] is not None:
        sheet.write_number(3, 2, targets["public_percent"], f["int"])
    top = 5
    _header(sheet, top, COMPOSITION_HEADERS, f["head"], [9, 32, 8, 7, 7, 8, 9, 7, 7, 11, 8, 9, 8, 10])
    rows = comp["councils"]
    for i, council in enumerate(rows):
        _composition_row(sheet, f, top + 1 + i, council, council["id"], council["name"], None, targets["women_percent"])
    last = top + 1 + len(rows)
    _composition_row(sheet, f, last, comp["total"], "", "合計", (top + 2, last), targets["women_percent"])
    sheet.write_string(last + 2, 0, "性別が空欄・男女以外の委員は「性別不明」に数え、女性にも男性にも数えていません（推測しません）。",
                       f["text"])
    sheet.freeze_panes(top + 1, 2)


def _composition_row(sheet: Any, f: dict[str, Any], r: int, t: dict[str, Any], cid: str, name: str,
                     total: tuple[int, int] | None, target: int) -> None:
    """One row; ``total`` (first, last Excel rows above) makes the counts SUMs."""
    fmt, pct = (f["total"], f["total_pct"]) if total else (f["int"], f["pct"])
    sheet.write_string(r, 0, cid, f["text"])
    sheet.write_string(r, 1, name, f["text"])
    counts = {2: t["members"], 3: t["women"], 4: t["men"], 7: t["ex_officio"], 8: t["women_ex_officio"],
              10: t["public_recruited"], 12: t["long_tenure"]}
    for col, value in counts.items():
        if total:
            column = xl_col_to_name(col)
            sheet.write_formula(r, col, f"=SUM({column}{total[0]}:{column}{total[1]})", fmt, value)
        else:
            sheet.write_number(r, col, value, fmt)
    c = lambda col: _cell(r, col)  # noqa: E731 - a short local helper
    sheet.write_formula(r, 5, f"={c(2)}-{c(3)}-{c(4)}", fmt, t["unknown_gender"])
    sheet.write_formula(r, 6, f'=IF({c(2)}=0,"",{c(3)}/{c(2)})', pct, t["women_ratio"] if t["women_ratio"] is not None else "")
    rest = t["women_ratio_without_ex_officio"]
    sheet.write_formula(r, 9, f'=IF({c(2)}-{c(7)}=0,"",({c(3)}-{c(8)})/({c(2)}-{c(7)}))', pct, rest if rest is not None else "")
    sheet.write_formula(r, 11, f'=IF({c(2)}=0,"",{c(10)}/{c(2)})', pct, t["public_ratio"] if t["public_ratio"] is not None else "")
    met = "" if t["women_ratio"] is None else ("達成" if t["women_ratio"] * 100 >= target else "未達")
    sheet.write_formula(r, 13, f'=IF({c(6)}="","",IF({c(6)}*100>=$C$2,"達成","未達"))', f["text"], met)


def _findings(sheet: Any, f: dict[str, Any], items: list[dict[str, Any]], title: str) -> None:
    sheet.write_string(0, 0, f"{title}（{len(items)}件）", f["title"])
    headers = ["コード", "場所", "会議ID", "会議体", "氏名", "日付", "内容"]
    _header(sheet, 1, headers, f["head"], [22, 16, 14, 9, 14, 11, 80])
    for i, item in enumerate(items):
        r = 2 + i
        day = item.get("date") or item.get("term_end")
        row = [item["code"], item["location"], item.get("meeting_id", ""), item.get("council_id", ""),
               item.get("name", ""), day.isoformat() if day else "", item["message"]]
        for col, value in enumerate(row):
            sheet.write_string(r, col, str(value), f["text"])
