"""Build the bundled sample ledger (workbooks/sample_ledger.xlsx) and its broken twin.

The sample is what `mihara-sheets demo` runs on and what a new member of staff opens first,
so it looks like a ledger an office keeps: title rows, 和暦 dates, yen formats, notes under
the tables, print settings. Its content follows the planning document (shared/seed): the 13
bodies inventoried in FY2022 and their reorganisation, the network (地域共生会議, 運営会議,
全体会議, the 部会, a 個別支援会議), rosters, a year of meetings (FY2026, today being
2026-11-28) and the FY2022 trial projects' budget lines exactly as the seed gives them.
Every person, address, phone number and e-mail address is fictional.

The file is written by XlsxWriter (a brand-new file) with a fixed creation date, so a
rebuild gives the same cell values (and, with the same XlsxWriter, the same bytes).

Usage:
    python scripts/build_sample_ledger.py             # rebuild everything in workbooks/
    python scripts/build_sample_ledger.py --out X     # the sample only, into X
    python scripts/build_sample_ledger.py --broken Y  # the broken copy into Y; prints the
                                                      # expected problems as JSON
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mihara_sheets.ledger.records import column_letter

import xlsxwriter

REPO = Path(__file__).resolve().parent.parent
WORKBOOKS = REPO / "workbooks"
SAMPLE = WORKBOOKS / "sample_ledger.xlsx"
BROKEN = WORKBOOKS / "sample_ledger_broken.xlsx"
BROKEN_EXPECTED = WORKBOOKS / "broken_expected.json"

# Fixed so that rebuilding gives the same file.
CREATED = dt.datetime(2026, 4, 1, 9, 0, 0)
TODAY = dt.date(2026, 11, 28)  # the day the sample describes (only used by self-checks)

# 和暦 display. The LCID form [$-411] rather than [$-ja-JP]: Excel (2010 and later) shows
# both, but LibreOffice 7.4 shows a [$-ja-JP] date as its serial number (measured).
WAREKI = '[$-411]ggge"年"m"月"d"日"'
WAREKI_DOW = '[$-411]ggge"年"m"月"d"日"(aaa)'
YEN = "#,##0"

TERM = (dt.date(2025, 4, 1), dt.date(2027, 3, 31))  # 令和7年4月1日～令和9年3月31日
CITY_HALL = ("723-8601", "三原市港町三丁目5番1号")
SECRETARIAT_NOTE = "※事務局の行は会議の通知・出欠の対象外です。"
FICTION_NOTE = "※この台帳はサンプルです。氏名・住所・電話番号・メールアドレスはすべて架空のものです。"


# --------------------------------------------------------------------------- 和暦 text
def wareki(day: dt.date, *, dow: bool = False, short: bool = False) -> str:
    """A date as staff type it: 令和8年6月12日(金), or R8.6.12 with ``short``."""
    if day >= dt.date(2019, 5, 1):
        era, letter, year = "令和", "R", day.year - 2018
    else:
        era, letter, year = "平成", "H", day.year - 1988
    if short:
        return f"{letter}{year}.{day.month}.{day.day}"
    text = f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return text + (f"({'月火水木金土日'[day.weekday()]})" if dow else "")


def d(text: str) -> dt.date:
    """ISO text to a date (keeps the data tables short)."""
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- tables
@dataclass
class Col:
    """One column: the header staff see, its width and how its cells are formatted.

    ``group`` puts the column under a merged upper header (任期 over 開始 / 終了); the
    column is then keyed by ``key`` (e.g. 任期開始) and shows ``label`` (e.g. 開始).
    """

    key: str
    width: float
    fmt: str = "text"  # text | wrap | center | date | date_dow | yen | int
    group: str | None = None
    label: str | None = None


@dataclass
class Table:
    """A sheet holding one table under a title row, with notes below it."""

    sheet: str
    title: str
    cols: list[Col]
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    subtitle: str | None = None
    landscape: bool = False
    freeze_cols: int = 0
    bold_rows: set[int] = field(default_factory=set)

    @property
    def header_rows(self) -> int:
        return 2 if any(c.group for c in self.cols) else 1

    @property
    def first_data_row(self) -> int:
        """1-based Excel row of the first data row (title, subtitle, headers above)."""
        return 3 + self.header_rows

    def column_letter(self, key: str) -> str:
        index = [c.key for c in self.cols].index(key)
        return column_letter(index)

    def cell(self, index: int, key: str) -> str:
        """A1 address of ``key`` in data row ``index`` (zero-based)."""
        return f"{self.column_letter(key)}{self.first_data_row + index}"

    def find(self, key: str, value: Any) -> int:
        """Index of the first data row whose ``key`` equals ``value``."""
        for index, row in enumerate(self.rows):
            if row.get(key) == value:
                return index
        raise KeyError(f"{self.sheet}: no row with {key}={value!r}")


class _Formats:
    """XlsxWriter formats, made once per combination (a workbook caps their number)."""

    BASE = {"font_name": "游ゴシック", "font_size": 10, "valign": "top"}
    KINDS = {
        "text": {},
        "wrap": {"text_wrap": True},
        "center": {"align": "center"},
        "date": {"num_format": WAREKI, "align": "left"},
        "date_dow": {"num_format": WAREKI_DOW, "align": "left"},
        "yen": {"num_format": YEN},
        "int": {"num_format": "0", "align": "center"},
    }

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        self.cache: dict[tuple, Any] = {}
        self.title = workbook.add_format({**self.BASE, "font_size": 14, "bold": True, "valign": "vcenter"})
        self.subtitle = workbook.add_format({**self.BASE, "align": "right"})
        self.note = workbook.add_format({**self.BASE, "font_size": 9})
        self.header = workbook.add_format(
            {**self.BASE, "bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
             "valign": "vcenter", "text_wrap": True}
        )
        self.key = workbook.add_format({**self.BASE, "bold": True, "bg_color": "#F2F2F2", "border": 1})

    def cell(self, kind: str, bold: bool = False) -> Any:
        """The bordered format of a data cell of ``kind``."""
        key = (kind, bold)
        if key not in self.cache:
            props = {**self.BASE, "border": 1, **self.KINDS[kind]}
            if bold:
                props.update(bold=True, bg_color="#FFF2CC")
            self.cache[key] = self.workbook.add_format(props)
        return self.cache[key]


def write_table(workbook: xlsxwriter.Workbook, fmt: _Formats, table: Table) -> None:
    """Write ``table`` on a new sheet: title, headers, rows, notes, widths, print setup."""
    ws = workbook.add_worksheet(table.sheet)
    last_col = len(table.cols) - 1
    ws.merge_range(0, 0, 0, min(last_col, 6), table.title, fmt.title)
    ws.set_row(0, 24)
    if table.subtitle:
        ws.write_string(1, last_col, table.subtitle, fmt.subtitle)
    top = 2
    if table.header_rows == 1:
        for c, col in enumerate(table.cols):
            ws.write_string(top, c, col.label or col.key, fmt.header)
        ws.set_row(top, 30)
    else:
        _write_two_row_header(ws, fmt, table, top)
    for c, col in enumerate(table.cols):
        ws.set_column(c, c, col.width)
    for r, row in enumerate(table.rows):
        excel_row = top + table.header_rows + r
        bold = r in table.bold_rows
        for c, col in enumerate(table.cols):
            _write_value(ws, excel_row, c, row.get(col.key), fmt.cell(col.fmt, bold))
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: set it.
        lines = max(_lines(row.get(col.key), col) for col in table.cols)
        if lines > 1:
            ws.set_row(excel_row, LINE_HEIGHT * lines + 2)
    note_row = top + table.header_rows + len(table.rows) + 1
    for i, note in enumerate(table.notes):
        ws.write_string(note_row + i, 0, note, fmt.note)
    header_end = top + table.header_rows
    ws.freeze_panes(header_end, table.freeze_cols)
    ws.set_paper(9)  # A4
    if table.landscape:
        ws.set_landscape()
    ws.repeat_rows(top, header_end - 1)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_footer("&C&P / &N")
    ws.print_area(0, 0, note_row + len(table.notes), last_col)


LINE_HEIGHT = 13.5  # points per line of 10-point text


def _lines(value: Any, col: Col) -> int:
    """How many lines a wrapped cell needs: a full-width character is about 1.7 width units."""
    if not isinstance(value, str):
        return 1
    if col.fmt != "wrap":
        return value.count("\n") + 1
    total = 0
    for paragraph in value.split("\n"):
        width = sum(1.7 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in paragraph)
        total += max(1, math.ceil(width / max(col.width - 1, 1)))
    return total


def _write_two_row_header(ws: Any, fmt: _Formats, table: Table, top: int) -> None:
    """任期 merged over 開始 / 終了; the other headers merged down over both rows."""
    c = 0
    while c < len(table.cols):
        col = table.cols[c]
        if col.group is None:
            ws.merge_range(top, c, top + 1, c, col.label or col.key, fmt.header)
            c += 1
            continue
        end = c
        while end + 1 < len(table.cols) and table.cols[end + 1].group == col.group:
            end += 1
        ws.merge_range(top, c, top, end, col.group, fmt.header)
        for sub in range(c, end + 1):
            ws.write_string(top + 1, sub, table.cols[sub].label or table.cols[sub].key, fmt.header)
        c = end + 1


def _write_value(ws: Any, row: int, col: int, value: Any, cell_format: Any) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        raise TypeError("no booleans in the sample: staff type ○")
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), cell_format)
    elif isinstance(value, int):
        ws.write_number(row, col, value, cell_format)
    elif isinstance(value, str):
        ws.write_string(row, col, value, cell_format)
    else:
        raise TypeError(f"unexpected value {value!r}")


# --------------------------------------------------------------------------- 会議体
NETWORK_ESTABLISHED = d("2023-04-01")


def councils_table() -> Table:
    """会議体: the 13 bodies of the FY2022 inventory, then the network built from them."""
    cols = [
        Col("会議体ID", 9, "center"), Col("会議体名", 30, "wrap"), Col("区分", 11, "center"),
        Col("所管課", 13), Col("親会議体ID", 13), Col("根拠法令・要綱", 30, "wrap"),
        Col("設置年月日", 16, "date"), Col("年間開催回数", 9, "center"), Col("再編方針", 9, "center"),
        Col("統合先", 11, "center"), Col("委員定数", 8, "int"), Col("任期年数", 8, "int"),
        Col("公開区分", 9, "center"), Col("守秘義務", 8, "center"), Col("分野", 16, "wrap"),
        Col("目的・所掌", 40, "wrap"), Col("備考", 34, "wrap"),
    ]
    K = "会議体ID"

    def row(cid, name, kind, division, parent, basis, established, per_year, status, into,
            seats, term, disclosure, secret, domains, purpose, note=None):
        return {K: cid, "会議体名": name, "区分": kind, "所管課": division, "親会議体ID": parent,
                "根拠法令・要綱": basis, "設置年月日": established, "年間開催回数": per_year,
                "再編方針": status, "統合先": into, "委員定数": seats, "任期年数": term,
                "公開区分": disclosure, "守秘義務": secret, "分野": domains, "目的・所掌": purpose,
                "備考": note}

    rows = [
        # -- the 13 bodies inventoried in FY2022 (棚卸調査)
        row("K01", "三原市地域ケア会議", "その他", "高齢者福祉課", None, "介護保険法第115条の48",
            d("2015-04-01"), "年4回", "部会化", "K18", 20, 2, "非公開", "○", "高齢、介護、医療",
            "個別事例の検討を通じた地域課題の把握と地域づくり・資源開発", "令和5年度から高齢者支援部会として運営"),
        row("K02", "三原市在宅医療・介護連携推進協議会", "協議会", "高齢者福祉課", None,
            "介護保険法第115条の45第2項第4号", "平成28年4月1日", "年2回", "統合", "K18", 15, 2, "公開",
            None, "医療、介護", "在宅医療と介護の連携体制の構築", "高齢者支援部会に統合"),
        row("K03", "三原市高齢者見守りネットワーク連絡会議", "連絡会議", "高齢者福祉課", None,
            "三原市高齢者見守りネットワーク事業実施要綱", "H25.10.1", "年1回", "廃止", None, None, None,
            "公開", None, "高齢、見守り", "見守り協定事業者との情報交換",
            "令和4年度末で廃止。協定事業者との情報交換は地域支え合い部会で行う"),
        row("K04", "三原市生活支援体制整備推進協議体", "協議会", "高齢者福祉課", None,
            "介護保険法第115条の45第2項第5号", d("2017-04-01"), "年3回", "部会化", "K21", 18, 2, "公開",
            None, "地域づくり、生活支援", "生活支援コーディネーターと地域の支え合いの体制づくり",
            "第1層協議体。令和5年度から地域支え合い部会として運営"),
        row("K05", "三原市地域自立支援協議会", "協議会", "障害者福祉課", None, "障害者総合支援法第89条の3",
            d("2008-04-01"), "年３回", "部会化", "K19", 20, 2, "公開", None, "障害者福祉",
            "障害のある人への支援体制に関する課題の共有と協議", "令和5年度から障害者支援部会として運営"),
        row("K06", "三原市要保護児童対策地域協議会", "協議会", "子育て支援課", None, "児童福祉法第25条の2",
            d("2006-04-01"), "年1回", "存続", None, 25, None, "非公開", "○", "児童、虐待防止",
            "要保護児童等の早期発見と適切な保護・支援", "法定の協議会として存続。部会とは事務局間で連携"),
        row("K07", "三原市子ども・子育て会議", "協議会", "子育て支援課", None, "子ども・子育て支援法第72条",
            d("2013-10-01"), "年2回", "存続", None, 15, 2, "公開", None, "子育て",
            "子ども・子育て支援事業計画の審議", "条例設置の附属機関として存続"),
        row("K08", "三原市自殺対策連絡会議", "連絡会議", "健康推進課", None,
            "自殺対策基本法第13条、三原市自殺対策連絡会議設置要綱", d("2012-06-01"), "年2回", "部会化", "K20",
            16, 2, "公開", None, "保健、自殺対策", "自殺対策計画の推進と関係機関の連携",
            "令和5年度からこころの健康・自殺対策部会として運営"),
        row("K09", "三原市ひきこもり支援連絡会議", "連絡会議", "地域福祉課", None,
            "三原市ひきこもり支援連絡会議設置要綱", d("2019-07-01"), "年2回", "統合", "こころの健康・自殺対策部会",
            12, 2, "一部公開", None, "ひきこもり、孤立", "ひきこもり状態にある人と家族への支援の連携",
            "こころの健康・自殺対策部会に統合"),
        row("K10", "三原市生活困窮者自立支援法に基づく支援会議", "個別支援会議", "生活福祉課", None,
            "生活困窮者自立支援法第9条", d("2019-04-01"), "随時", "統合", "K17", None, None, "非公開", "○",
            "生活困窮", "生活困窮者への支援に関する情報共有", "個別支援会議に統合"),
        row("K11", "重層的支援体制整備に向けた事務局会議", "連絡会議", "地域福祉課", None,
            "社会福祉法第106条の4、三原市重層的支援体制整備事業実施要綱", "令和3年4月1日", 12, "統合", "K15",
            None, None, "非公開", None, "地域共生", "個別支援会議の案件の受理状況・支援方針の共有（令和3年度から実施）",
            "運営会議に統合"),
        row("K12", "三原市重層的支援会議（社会福祉法第106条の6に基づく支援会議）", "個別支援会議", "地域福祉課",
            None, "社会福祉法第106条の6", d("2021-04-01"), "随時", "統合", "K17", None, None, "非公開", "有",
            "地域共生", "本人の同意がない段階での支援関係機関の情報共有", "個別支援会議に統合"),
        row("K13", "三原市地域福祉計画推進委員会", "協議会", "地域福祉課", None,
            "社会福祉法第107条、三原市地域福祉計画推進委員会設置要綱", d("2016-04-01"), "年2回", "統合",
            "地域共生会議", 15, 2, "公開", None, "地域福祉", "地域福祉計画の進行管理", "地域共生会議に統合"),
        # -- the network formed in FY2023 (地域共生連携ネットワーク)
        row("K14", "地域共生会議", "親会", "地域福祉課", None, "三原市地域共生連携ネットワーク設置要綱第5条",
            NETWORK_ESTABLISHED, "年2回", "存続", None, 20, 2, "公開", None, "地域共生、孤独・孤立対策",
            "ネットワークの親会。各部会の運営状況の共有と全体方針の協議", "令和5年度新設"),
        row("K15", "運営会議", "運営会議", "地域福祉課", "K14", "三原市地域共生連携ネットワーク設置要綱第6条",
            NETWORK_ESTABLISHED, "年４回", "存続", None, 10, None, "非公開", None, "地域共生",
            "庁内関係課と社会福祉協議会をコアメンバーとして部会を管理", "令和5年度新設。委員は充て職"),
        row("K16", "地域共生連携ネットワーク全体会議", "全体会議", "地域福祉課", "地域共生会議",
            "三原市地域共生連携ネットワーク設置要綱第7条", NETWORK_ESTABLISHED, "年1回", "存続", None, None, None,
            "公開", None, "地域共生", "全メンバーが集まり、各部会の活動報告とセミナーを行う", "令和5年度新設"),
        row("K17", "個別支援会議", "個別支援会議", "地域福祉課", "K14", "社会福祉法第106条の6",
            NETWORK_ESTABLISHED, "年12回", "存続", None, None, None, "非公開", "○", "地域共生",
            "複合的な課題を抱える世帯の支援方針の検討（記録は件数のみ）", "令和5年度新設"),
        row("K18", "高齢者支援部会", "部会", "高齢者福祉課", "K14", "三原市地域共生連携ネットワーク設置要綱第8条",
            NETWORK_ESTABLISHED, "年4回", "存続", None, 14, 2, "公開", None, "高齢、介護、医療",
            "高齢者の地域生活の支援（旧地域ケア会議ほか）", None),
        row("K19", "障害者支援部会", "部会", "障害者福祉課", "地域共生会議", "三原市地域共生連携ネットワーク設置要綱第8条",
            NETWORK_ESTABLISHED, "年4回", "存続", None, 12, 2, "公開", None, "障害者福祉",
            "障害のある人の地域生活の支援（旧地域自立支援協議会）", None),
        row("K20", "こころの健康・自殺対策部会", "部会", "健康推進課", "K14",
            "三原市地域共生連携ネットワーク設置要綱第8条", NETWORK_ESTABLISHED, "年3回", "存続", None, 12, 2,
            "一部公開", None, "保健、自殺対策、ひきこもり", "こころの健康づくり、自殺対策、ひきこもり支援", None),
        row("K21", "地域支え合い部会", "部会", "地域福祉課", "地域共生会議",
            "三原市地域共生連携ネットワーク設置要綱第8条", NETWORK_ESTABLISHED, "年3回", "存続", None, 12, 2,
            "公開", None, "地域づくり、見守り", "地域の支え合い・見守り体制づくり（旧生活支援体制整備推進協議体）", None),
    ]
    return Table(
        "会議体", "会議体一覧（令和4年度棚卸調査と令和5年度の再編）", cols, rows,
        notes=[
            "※K01～K13は令和4年度の棚卸調査で把握した13の会議体。再編方針・統合先は再編後の状況。",
            "※守秘義務欄の○（有）は、法令により構成員に守秘義務が課される会議体。",
            "※個別支援会議の記録は件数のみとし、事例の内容は台帳に記載しない。",
        ],
        subtitle="令和8年4月1日現在", landscape=True, freeze_cols=2,
    )


# --------------------------------------------------------------------------- people
@dataclass(frozen=True)
class Person:
    """A fictional person (organisation, contact) who may sit on several councils."""

    name: str
    kana: str
    organization: str
    title: str
    category: str
    postal: str
    address: str
    phone: str
    email: str | None
    delivery: str


def _staff(name, kana, division, title, phone, mail):
    return Person(name, kana, f"三原市保健福祉部 {division}", title, "庁内関係課", CITY_HALL[0],
                  CITY_HALL[1], phone, f"{mail}@city.mihara.example", "庁内便")


PEOPLE: dict[str, Person] = {
    # 庁内関係課 (city staff: 庁内便)
    "P001": _staff("見本 誠", "みほん まこと", "地域福祉課", "課長", "0848-00-6101", "m.mihon"),
    "P003": _staff("仮名 一郎", "かりな いちろう", "高齢者福祉課", "課長", "0848-00-6201", "i.karina"),
    "P004": _staff("試験 春子", "しけん はるこ", "障害者福祉課", "課長", "0848-00-6301", "h.shiken"),
    "P005": _staff("模範 次郎", "もはん じろう", "健康推進課", "課長", "0848-00-6401", "j.mohan"),
    "P006": _staff("雛形 夏子", "ひながた なつこ", "子育て支援課", "課長", "0848-00-6501", "n.hinagata"),
    "P007": _staff("記入 三郎", "きにゅう さぶろう", "生活福祉課", "課長", "0848-00-6601", "s.kinyu"),
    "P009": _staff("手本 四郎", "てほん しろう", "地域福祉課", "主査", "0848-00-6102", "s.tehon"),
    "P010": _staff("下書 冬子", "したがき ふゆこ", "地域福祉課", "主任（社会福祉士）", "0848-00-6103", "f.shitagaki"),
    "P011": _staff("控井 五郎", "ひかえい ごろう", "高齢者福祉課", "主任", "0848-00-6202", "g.hikaei"),
    "P012": _staff("写野 桜", "うつしの さくら", "障害者福祉課", "主事", "0848-00-6302", "s.utsushino"),
    "P013": _staff("草案 健", "そうあん けん", "健康推進課", "保健師", "0848-00-6402", "k.soan"),
    "P045": Person("試刷 典子", "しずり のりこ", "三原市教育委員会 学校教育課", "指導主事", "庁内関係課",
                   CITY_HALL[0], CITY_HALL[1], "0848-00-7101", "n.shizuri@city.mihara.example", "庁内便"),
    # 社会福祉協議会
    "P002": Person("例田 花子", "れいだ はなこ", "三原市社会福祉協議会", "地域福祉課長", "社会福祉協議会",
                   "723-0011", "三原市円一町二丁目1番1号", "0848-00-2101", "h.reida@shakyo.example", "メール"),
    "P008": Person("標本 秋子", "ひょうほん あきこ", "三原市社会福祉協議会", "事務局長", "社会福祉協議会",
                   "723-0011", "三原市円一町二丁目1番1号", "0848-00-2100", "a.hyohon@shakyo.example", "メール"),
    "P043": Person("写真 浩二", "しゃしん こうじ", "三原市社会福祉協議会", "コミュニティソーシャルワーカー",
                   "社会福祉協議会", "723-0011", "三原市円一町二丁目1番1号", "0848-00-2102",
                   "k.shashin@shakyo.example", "メール"),
    "P044": Person("手控 舞", "てびかえ まい", "三原市社会福祉協議会", "生活支援コーディネーター", "社会福祉協議会",
                   "723-0011", "三原市円一町二丁目1番1号", "0848-00-2103", "m.tebikae@shakyo.example", "メール"),
    # 地域包括支援センター
    "P027": Person("例示 和子", "れいじ かずこ", "三原市中部地域包括支援センター", "センター長",
                   "地域包括支援センター", "723-0014", "三原市城町一丁目2番3号", "0848-00-3101",
                   "k.reiji@houkatsu.example", "メール"),
    "P028": Person("試行 真一", "しこう しんいち", "三原市北部地域包括支援センター", "主任介護支援専門員",
                   "地域包括支援センター", "729-0414", "三原市本郷南四丁目5番6号", "0848-00-3201", None, "郵送"),
    # 医療機関
    "P022": Person("試作 学", "しさく まなぶ", "三原市医師会（見本内科医院）", "理事・院長", "医療機関",
                   "723-0052", "三原市皆実三丁目7番8号", "0848-00-4101", None, "郵送"),
    "P023": Person("案山 由美", "あんざん ゆみ", "見本総合病院 地域医療連携室", "医療ソーシャルワーカー", "医療機関",
                   "723-0051", "三原市宮浦一丁目9番10号", "0848-00-4201", "y.anzan@hospital.example", "メール"),
    "P024": Person("型野 直子", "かたの なおこ", "見本こころのクリニック", "精神保健福祉士", "医療機関",
                   "723-0017", "三原市港町一丁目11番12号", "0848-00-4301", "n.katano@clinic.example", "メール"),
    "P025": Person("模型 明美", "もけい あけみ", "三原市歯科医師会（見本歯科医院）", "理事", "医療機関",
                   "723-0062", "三原市本町二丁目13番14号", "0848-00-4401", None, "郵送"),
    "P026": Person("原案 浩", "げんあん ひろし", "見本メンタルクリニック", "院長", "医療機関",
                   "723-0016", "三原市宮沖三丁目15番16号", "0848-00-4501", "h.genan@mental.example", "メール"),
    # 学校
    "P029": Person("仮置 康夫", "かりおき やすお", "三原市立見本中学校", "校長", "学校",
                   "723-0003", "三原市中之町四丁目17番18号", "0848-00-5101", None, "郵送"),
    "P030": Person("記述 玲子", "きじゅつ れいこ", "広島県立見本高等学校", "養護教諭", "学校",
                   "729-0417", "三原市本郷北一丁目19番20号", "0848-00-5201", None, "郵送"),
    "P031": Person("写本 隆", "しゃほん たかし", "広島県立見本特別支援学校", "教頭", "学校",
                   "729-2361", "三原市小泉町21番地", "0848-00-5301", "t.shahon@school.example", "メール"),
    # 学識経験者
    "P020": Person("架空 恵", "かくう めぐみ", "架空大学 人間福祉学部", "教授", "学識経験者",
                   "723-0001", "三原市深町22番地", "0848-00-8101", "m.kaku@univ.example", "メール"),
    "P021": Person("見取 修", "みとり おさむ", "県立見本大学 保健福祉学部", "准教授", "学識経験者",
                   "723-0053", "三原市学園町23番24号", "0848-00-8201", "o.mitori@univ.example", "メール"),
    "P047": Person("見出 光", "みだし ひかる", "見本看護大学", "准教授", "学識経験者",
                   "723-0053", "三原市学園町25番26号", "0848-00-8301", "h.midashi@univ.example", "メール"),
    "P049": Person("草稿 晴美", "そうこう はるみ", "架空大学 地域創生学部", "講師", "学識経験者",
                   "723-0001", "三原市深町22番地", "0848-00-8102", "h.soko@univ.example", "メール"),
    # 民間団体
    "P032": Person("素案 陽子", "そあん ようこ", "NPO法人 見本ささえあいネット", "理事長", "民間団体",
                   "723-0015", "三原市円一町四丁目27番28号", "0848-00-9101", "y.soan@npo.example", "メール"),
    "P033": Person("試料 大輔", "しりょう だいすけ", "社会福祉法人 見本福祉会 相談支援センター", "相談支援専門員",
                   "民間団体", "729-1322", "三原市大和町下徳良29番地", "0847-00-9201", None, "郵送"),
    "P034": Person("例文 智子", "れいぶん ともこ", "株式会社見本配食サービス 三原営業所", "所長", "民間団体",
                   "723-0044", "三原市宮浦五丁目30番31号", "0848-00-9301", "t.reibun@company.example", "メール"),
    "P036": Person("原稿 里美", "げんこう さとみ", "NPO法人 見本こころの電話", "相談員", "民間団体",
                   "723-0014", "三原市城町二丁目32番33号", "0848-00-9401", None, "郵送"),
    "P037": Person("下絵 勇", "したえ いさむ", "三原市見本障害者団体連絡協議会", "会長", "民間団体",
                   "729-0415", "三原市本郷町本郷34番地", "0848-00-9501", None, "郵送"),
    # 住民代表
    "P038": Person("書式 正男", "しょしき まさお", "三原市民生委員児童委員協議会", "会長", "住民代表",
                   "723-0002", "三原市久井町江木35番地", "0847-00-1101", None, "郵送"),
    "P039": Person("例題 幸子", "れいだい さちこ", "見本町自治会連合会", "副会長", "住民代表",
                   "723-0003", "三原市中之町五丁目36番37号", "0848-00-1201", None, "郵送"),
    "P040": Person("試案 弘", "しあん ひろし", "三原市見本老人クラブ連合会", "会長", "住民代表",
                   "729-0416", "三原市本郷南一丁目38番39号", "0848-00-1301", None, "郵送"),
    "P041": Person("様式 文子", "ようしき ふみこ", "公募委員", "", "住民代表",
                   "723-0061", "三原市古浜一丁目40番41号", "0848-00-1401", "f.yoshiki@mail.example", "メール"),
    "P042": Person("控野 千尋", "ひかえの ちひろ", "公募委員", "", "住民代表",
                   "723-0063", "三原市東町二丁目42番43号", "0848-00-1501", "c.hikaeno@mail.example", "メール"),
    # その他（国・警察の機関: オブザーバー）
    "P035": Person("仮設 健二", "かせつ けんじ", "三原公共職業安定所（見本）", "就職支援ナビゲーター", "その他",
                   "723-0004", "三原市館町一丁目44番45号", "0848-00-1601", None, "郵送"),
    "P048": Person("例規 剛", "れいき つよし", "三原警察署（見本） 生活安全課", "係長", "その他",
                   "723-0014", "三原市城町三丁目46番47号", "0848-00-1701", None, "郵送"),
}


@dataclass(frozen=True)
class Seat:
    """One person's seat on one council (role, term, note)."""

    pid: str
    role: str = "委員"
    start: dt.date | None = TERM[0]
    end: dt.date | None = TERM[1]
    note: str | None = None


ENDS_DEC = d("2026-12-31")
ENDS_JAN = d("2027-01-31")

# The sub-committee rosters (one sheet each).
ROSTERS: dict[str, list[Seat]] = {
    "K18": [
        Seat("P022", "部会長"), Seat("P027", "副部会長"), Seat("P020"), Seat("P003"), Seat("P002"),
        Seat("P044"), Seat("P023"), Seat("P025"), Seat("P028"), Seat("P038"),
        Seat("P040", end=ENDS_DEC, note="老人クラブ連合会の役員改選（令和8年12月）により交代予定"),
        Seat("P034", "オブザーバー"), Seat("P011", "事務局"),
    ],
    "K19": [
        Seat("P021", "部会長"), Seat("P033", "副部会長"), Seat("P004"), Seat("P002"), Seat("P024"),
        Seat("P031"), Seat("P037", end=ENDS_JAN, note="団体の推薦替えにより令和9年1月末で交代"),
        Seat("P041"), Seat("P035", "オブザーバー", None, None, "任期なし（オブザーバー）"),
        Seat("P012", "事務局", None, None),
    ],
    "K20": [
        Seat("P026", "部会長"), Seat("P036", "副部会長"), Seat("P005"), Seat("P045"), Seat("P002"),
        Seat("P024"), Seat("P029"), Seat("P030"), Seat("P047"), Seat("P042"),
        Seat("P048", "オブザーバー", None, None), Seat("P013", "事務局", None, None),
    ],
    "K21": [
        Seat("P032", "部会長"), Seat("P038", "副部会長"), Seat("P007"), Seat("P002"), Seat("P043"),
        Seat("P027"), Seat("P029"), Seat("P034"), Seat("P049"),
        Seat("P039", end=ENDS_DEC, note="自治会連合会の役員任期満了（令和8年12月）"),
        Seat("P009", "事務局", None, None),
    ],
}

# The combined roster: the councils that are not 部会 (council cell by id or by name).
COMBINED: list[tuple[str, Seat]] = [
    ("K14", Seat("P020", "会長")), ("K14", Seat("P022", "副会長")), ("K14", Seat("P021")),
    ("K14", Seat("P026")), ("K14", Seat("P032")), ("K14", Seat("P038")), ("K14", Seat("P008")),
    ("K14", Seat("P001")), ("K14", Seat("P009", "事務局", None, None)),
    ("運営会議", Seat("P001", "会長", None, None, "充て職")),
    ("運営会議", Seat("P003", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P004", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P005", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P006", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P007", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P008", "副会長", None, None, "充て職")),
    ("運営会議", Seat("P002", start=None, end=None, note="充て職")),
    ("運営会議", Seat("P009", "事務局", None, None)),
    ("K17", Seat("P001", start=None, end=None, note="充て職")),
    ("K17", Seat("P007", start=None, end=None, note="充て職")),
    ("K17", Seat("P003", start=None, end=None, note="充て職")),
    ("K17", Seat("P023")), ("K17", Seat("P027")), ("K17", Seat("P043")),
    ("K17", Seat("P010", "事務局", None, None)),
]

COUNCIL_NAMES = {
    "K14": "地域共生会議", "K15": "運営会議", "K16": "地域共生連携ネットワーク全体会議", "K17": "個別支援会議",
    "K18": "高齢者支援部会", "K19": "障害者支援部会", "K20": "こころの健康・自殺対策部会", "K21": "地域支え合い部会",
}


def _roster_cols(term: str) -> list[Col]:
    """Roster columns; ``term`` is "range" (one 任期 column), "two-row" or "split"."""
    head = [Col("No.", 5, "center"), Col("人物ID", 8, "center"), Col("氏名", 13), Col("ふりがな", 15),
            Col("所属", 28, "wrap"), Col("役職", 16, "wrap"), Col("区分", 14), Col("部会役職", 10, "center")]
    if term == "range":
        terms = [Col("任期", 30)]
    elif term == "two-row":
        terms = [Col("任期開始", 16, "date", "任期", "開始"), Col("任期終了", 16, "date", "任期", "終了")]
    else:
        terms = [Col("任期開始", 16, "date"), Col("任期終了", 16, "date")]
    tail = [Col("郵便番号", 10, "center"), Col("住所", 30, "wrap"), Col("電話", 13), Col("メールアドレス", 26),
            Col("送付方法", 9, "center"), Col("備考", 30, "wrap")]
    return head + terms + tail


def _person_cells(pid: str) -> dict[str, Any]:
    p = PEOPLE[pid]
    return {"人物ID": pid, "氏名": p.name, "ふりがな": p.kana, "所属": p.organization, "役職": p.title or None,
            "区分": p.category, "郵便番号": p.postal, "住所": p.address, "電話": p.phone,
            "メールアドレス": p.email, "送付方法": p.delivery}


def roster_tables() -> list[Table]:
    """One sheet per 部会, each laid out a little differently, as different hands made them."""
    tables = []
    # 高齢者支援部会: one 任期 column holding a typed range.
    rows = []
    for n, seat in enumerate(ROSTERS["K18"], 1):
        term = f"{wareki(seat.start)}～{wareki(seat.end)}" if seat.start else None
        rows.append({"No.": n, **_person_cells(seat.pid), "部会役職": seat.role, "任期": term, "備考": seat.note})
    tables.append(Table("高齢者支援部会名簿", "高齢者支援部会 委員名簿（令和8年4月1日現在）", _roster_cols("range"), rows,
                         notes=[SECRETARIAT_NOTE, FICTION_NOTE], subtitle="高齢者福祉課", landscape=True, freeze_cols=3))
    # 障害者支援部会: two-row header, real dates shown in 和暦.
    rows = []
    for n, seat in enumerate(ROSTERS["K19"], 1):
        rows.append({"No.": n, **_person_cells(seat.pid), "部会役職": seat.role, "任期開始": seat.start,
                     "任期終了": seat.end, "備考": seat.note})
    tables.append(Table("障害者支援部会名簿", "障害者支援部会 委員名簿（令和8年4月1日現在）", _roster_cols("two-row"), rows,
                         notes=[SECRETARIAT_NOTE, FICTION_NOTE], subtitle="障害者福祉課", landscape=True, freeze_cols=3))
    # こころの健康・自殺対策部会: split columns, dates typed by hand in several styles;
    # postal codes typed without the hyphen.
    rows = []
    for n, seat in enumerate(ROSTERS["K20"], 1):
        cells = _person_cells(seat.pid)
        if n % 3 == 0:
            cells["郵便番号"] = cells["郵便番号"].replace("-", "")
        start = end = None
        if seat.start:
            start = [wareki(seat.start), wareki(seat.start, short=True), seat.start][n % 3]
            end = [wareki(seat.end), wareki(seat.end, short=True), seat.end][n % 3]
        rows.append({"No.": n, **cells, "部会役職": seat.role, "任期開始": start, "任期終了": end, "備考": seat.note})
    tables.append(Table("こころの健康・自殺対策部会名簿", "こころの健康・自殺対策部会 委員名簿（令和8年4月1日現在）",
                         _roster_cols("split"), rows, notes=[SECRETARIAT_NOTE, FICTION_NOTE], subtitle="健康推進課",
                         landscape=True, freeze_cols=3))
    # 地域支え合い部会: the sheet is named after the council without 名簿.
    rows = []
    for n, seat in enumerate(ROSTERS["K21"], 1):
        cells = _person_cells(seat.pid)
        if n in (2, 5):
            cells["郵便番号"] = cells["郵便番号"].replace("-", "")
        rows.append({"No.": n, **cells, "部会役職": seat.role, "任期開始": seat.start, "任期終了": seat.end,
                     "備考": seat.note})
    tables.append(Table("地域支え合い部会", "地域支え合い部会 委員名簿（令和8年4月1日現在）", _roster_cols("split"), rows,
                         notes=[SECRETARIAT_NOTE, FICTION_NOTE], subtitle="地域福祉課", landscape=True, freeze_cols=3))
    return tables


def combined_roster_table() -> Table:
    """名簿: one sheet for the councils that are not 部会, with a 会議体 column."""
    cols = [Col("会議体", 14), Col("人物ID", 8, "center"), Col("氏名", 13), Col("ふりがな", 15),
            Col("所属", 28, "wrap"), Col("役職", 16, "wrap"), Col("区分", 14), Col("役割", 9, "center"),
            Col("任期開始", 16, "date"), Col("任期終了", 16, "date"), Col("郵便番号", 10, "center"),
            Col("住所", 30, "wrap"), Col("電話", 13), Col("メールアドレス", 26), Col("送付方法", 9, "center"),
            Col("敬称", 6, "center"), Col("備考", 20, "wrap")]
    rows = []
    for council, seat in COMBINED:
        rows.append({"会議体": council, **_person_cells(seat.pid), "役割": seat.role, "任期開始": seat.start,
                     "任期終了": seat.end, "敬称": "先生" if seat.role == "会長" and council == "K14" else "様",
                     "備考": seat.note})
    return Table("名簿", "地域共生会議・運営会議・個別支援会議 構成員名簿（令和8年4月1日現在）", cols, rows,
                 notes=["※会議体欄は会議体ID（K14等）または会議体名。", "※全体会議は全部会の委員が対象のため、名簿は作らない。",
                        SECRETARIAT_NOTE, FICTION_NOTE],
                 subtitle="地域福祉課", landscape=True, freeze_cols=3)


# --------------------------------------------------------------------------- 会議
@dataclass
class Mtg:
    """One meeting of FY2026 (the 会議 sheet)."""

    mid: str
    council: str  # id or name, as typed
    number: int
    day: dt.date
    time: str
    venue: str
    status: str
    agenda: list[str] = field(default_factory=list)
    attendees: int | None = None
    decisions: str | None = None
    summary: str | None = None
    notice_no: str | None = None
    notice_date: dt.date | None = None
    reply_by: dt.date | None = None
    title: str | None = None
    fmt: str = "対面"
    disclosure: str = "公開"
    observers: int | None = None
    cases: tuple[int, int, int] | None = None


HALL_5F = "三原市役所 本庁舎5階 第1会議室"
HALL_4F = "三原市役所 本庁舎4階 401会議室"
HEALTH_CENTER = "三原市保健福祉センター 2階 研修室"
SMALL_ROOM = "三原市役所 本庁舎3階 小会議室"
PLENARY_HALL = "三原市中央公民館 講堂"


def _agenda(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


NEXT_MEETING = "K18-2026-03"
PLENARY = "K16-2026-01"

SUBCOMMITTEE_AGENDA = {
    "K18-2026-03": ["令和8年度 地域ケア会議の実施状況について", "地域ケア会議から見えた地域課題（移動手段・買い物支援）について",
                    "全体会議（令和9年2月）での活動報告について", "その他"],
    PLENARY: ["地域共生連携ネットワークの令和8年度の取組について", "各部会の活動報告", "令和9年度の運営方針（案）について",
              "セミナー", "その他"],
}


def fy2026_meetings() -> list[Mtg]:
    """A year of meetings for FY2026: held ones up to November, planned ones after."""
    m = [
        # 運営会議 (quarterly)
        Mtg("K15-2026-01", "K15", 1, d("2026-04-22"), "10:00～11:30", HALL_4F, "開催済", [
            "令和8年度の運営計画について", "部会の開催予定について"], 9,
            "令和8年度の運営計画を決定した。", "各部会の年間開催予定を確認し、全体会議を令和9年2月に開催することとした。",
            "三保福第105号", d("2026-04-08"), d("2026-04-17"), disclosure="非公開"),
        Mtg("K15-2026-02", "運営会議", 2, d("2026-07-22"), "10:00～11:30", HALL_4F, "開催済", [
            "各部会の開催状況について", "個別支援会議の受理状況について（件数報告）"], 8,
            "部会間の合同事例検討を秋に行う。", "各部会の第1回開催状況を共有した。個別支援会議は件数のみ報告。",
            "三保福第388号", d("2026-07-08"), d("2026-07-15"), disclosure="非公開"),
        Mtg("K15-2026-03", "K15", 3, d("2026-10-21"), "10:00～11:30", HALL_4F, "開催済", [
            "全体会議の企画について", "個別支援会議の受理状況について（件数報告）", "令和9年度予算要求について"], 9,
            "全体会議のセミナー講師を決定した。", "全体会議の企画案とセミナー講師について協議し、案のとおり決定した。",
            "三保福第702号", d("2026-10-07"), d("2026-10-14"), disclosure="非公開"),
        Mtg("K15-2026-04", "K15", 4, d("2027-01-13"), "10:00～11:30", HALL_4F, "予定", [
            "全体会議の準備状況について", "令和9年度の部会構成について"], disclosure="非公開"),
        # 地域共生会議 (parent, twice a year)
        Mtg("K14-2026-01", "K14", 1, d("2026-05-20"), "14:00～16:00", HALL_5F, "開催済", [
            "令和7年度の活動報告について", "令和8年度の活動計画について"], 8,
            "令和8年度の活動計画を承認した。", "各部会長から令和7年度の活動を報告し、令和8年度の計画を協議した。",
            "三保福第210号", d("2026-05-01"), d("2026-05-13"), observers=2),
        Mtg("K14-2026-02", "地域共生会議", 2, d("2027-02-03"), "14:00～16:00", HALL_5F, "予定", [
            "各部会の活動状況について", "全体会議の開催について"]),
        # 全体会議 (the plenary, once a year, with a seminar)
        Mtg(PLENARY, "K16", 1, d("2027-02-19"), "13:30～16:30", PLENARY_HALL, "予定",
            SUBCOMMITTEE_AGENDA[PLENARY], title="令和8年度 地域共生連携ネットワーク全体会議",
            reply_by=d("2027-02-05")),
        # 高齢者支援部会
        Mtg("K18-2026-01", "K18", 1, d("2026-06-12"), "14:00～15:30", HALL_5F, "開催済", [
            "部会長・副部会長の選出について", "令和8年度の活動計画について"], 11,
            "令和8年度は移動・買い物支援を重点課題とする。",
            "令和8年度の活動計画を協議し、地域ケア会議で多く挙がった移動・買い物の課題に重点的に取り組むこととした。",
            "三保福第251号", d("2026-05-29"), d("2026-06-05"), observers=1),
        Mtg("K18-2026-02", "高齢者支援部会", 2, d("2026-09-11"), "14:00～15:30", HALL_5F, "開催済", [
            "地域ケア会議の実施状況について", "移動・買い物支援の実態調査について"], 10,
            "社会福祉協議会と包括支援センターで実態調査を行う。",
            "地域ケア会議（4回）の検討状況を報告した。移動・買い物支援の実態調査の方法を協議した。",
            "三保福第560号", d("2026-08-28"), d("2026-09-04")),
        Mtg(NEXT_MEETING, "K18", 3, d("2026-12-15"), "14:00～16:00", HALL_5F, "予定",
            SUBCOMMITTEE_AGENDA[NEXT_MEETING], reply_by=d("2026-12-08")),
        Mtg("K18-2026-04", "K18", 4, d("2027-03-05"), "14:00～15:30", HALL_5F, "予定", [
            "令和8年度の活動のまとめについて", "令和9年度の活動計画（案）について"]),
        # 障害者支援部会
        Mtg("K19-2026-01", "K19", 1, d("2026-05-27"), "13:30～15:00", HEALTH_CENTER, "開催済", [
            "令和8年度の活動計画について", "障害福祉計画の進捗について"], 9,
            "令和8年度の活動計画を承認した。", "障害福祉計画の進捗を確認し、地域生活支援拠点の整備状況を共有した。",
            "三保福第220号", d("2026-05-13"), d("2026-05-20"), fmt="併用"),
        Mtg("K19-2026-02", "障害者支援部会", 2, d("2026-08-26"), "13:30～15:00", HEALTH_CENTER, "開催済", [
            "相談支援体制について", "就労支援の連携について"], 8,
            "相談支援事業所の連絡会を年2回開く。", "相談支援体制の課題と、ハローワークとの就労支援の連携について協議した。",
            "三保福第521号", d("2026-08-12"), d("2026-08-19"), fmt="併用"),
        Mtg("K19-2026-03", "K19", 3, d("2026-11-18"), "13:30～15:00", HEALTH_CENTER, "開催済", [
            "災害時の個別避難計画について", "全体会議での活動報告について"], 9,
            "個別避難計画の作成を福祉専門職と進める。", "災害時の個別避難計画の作成状況を確認し、全体会議での報告内容を協議した。",
            "三保福第801号", d("2026-11-04"), d("2026-11-11"), fmt="併用"),
        Mtg("K19-2026-04", "K19", 4, d("2027-02-17"), "13:30～15:00", HEALTH_CENTER, "予定", [
            "令和8年度の活動のまとめについて", "令和9年度の活動計画（案）について"], fmt="併用"),
        # こころの健康・自殺対策部会
        Mtg("K20-2026-01", "K20", 1, d("2026-07-08"), "15:00～16:30", HEALTH_CENTER, "開催済", [
            "自殺対策計画の進捗について", "ゲートキーパー養成研修について"], 9,
            "ゲートキーパー養成研修を学校と共催する。", "自殺対策計画の進捗を確認し、研修の対象を中高生の保護者に広げることとした。",
            "三保福第402号", d("2026-06-24"), d("2026-07-01"), disclosure="一部公開"),
        Mtg("K20-2026-02", "こころの健康・自殺対策部会", 2, d("2026-10-14"), "15:00～16:30", HEALTH_CENTER, "開催済", [
            "ひきこもり支援の状況について", "相談窓口の周知について"], 10,
            "相談窓口一覧を改訂し、全戸配布する。", "ひきこもり支援の状況を共有し、相談窓口の周知方法を協議した。",
            "三保福第688号", d("2026-09-30"), d("2026-10-07"), disclosure="一部公開"),
        Mtg("K20-2026-03", "K20", 3, d("2027-01-20"), "15:00～16:30", HEALTH_CENTER, "予定", [
            "令和8年度の活動のまとめについて", "全体会議での活動報告について"], disclosure="一部公開"),
        # 地域支え合い部会
        Mtg("K21-2026-01", "K21", 1, d("2026-06-24"), "10:00～11:30", HALL_5F, "開催済", [
            "令和8年度の活動計画について", "見守り協定事業者との連携について"], 9,
            "見守り協定事業者との情報交換会を開く。", "活動計画を協議し、旧見守りネットワーク連絡会議の情報交換を部会で引き継ぐことを確認した。",
            "三保福第330号", d("2026-06-10"), d("2026-06-17")),
        Mtg("K21-2026-02", "地域支え合い部会", 2, d("2026-10-28"), "10:00～11:30", HALL_5F, "開催済", [
            "サロン活動の状況について", "生活支援コーディネーターの活動報告"], 8,
            "空き家を活用したサロンの試行を支援する。", "地区ごとのサロン活動の状況と、生活支援コーディネーターの活動を共有した。",
            "三保福第733号", d("2026-10-14"), d("2026-10-21")),
        Mtg("K21-2026-03", "K21", 3, d("2027-01-27"), "10:00～11:30", HALL_5F, "予定", [
            "令和8年度の活動のまとめについて", "全体会議での活動報告について"]),
    ]
    # 個別支援会議: every third Thursday; counts only (受理・新規・終結), no summary text.
    counts = [(6, 4, 2), (5, 2, 3), (7, 3, 2), (6, 2, 4), (8, 4, 3), (7, 3, 3), (6, 2, 2), (7, 3, 1)]
    for i, month in enumerate([4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]):
        year = 2026 if month >= 4 else 2027
        day = _third_thursday(year, month)
        held = day < TODAY
        m.append(Mtg(f"K17-2026-{i + 1:02d}", "K17", i + 1, day, "10:00～11:30", SMALL_ROOM,
                     "開催済" if held else "予定", disclosure="非公開",
                     attendees=7 if held else None, cases=counts[i] if held else None))
    return m + health_check_meetings()


def _third_thursday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)


def meetings_table() -> Table:
    """会議: FY2026, one 開催日 column (real dates and typed text) and one 時間 column."""
    cols = [Col("会議ID", 13, "center"), Col("会議体", 16), Col("回", 6, "center"), Col("会議名", 22, "wrap"),
            Col("開催日", 20, "date_dow"), Col("時間", 13, "center"), Col("場所", 22, "wrap"),
            Col("形式", 7, "center"), Col("公開区分", 9, "center"), Col("状態", 8, "center"),
            Col("議題", 40, "wrap"), Col("文書番号", 14), Col("通知日", 16, "date"), Col("回答期限", 16, "date"),
            Col("出席者数", 8, "int"), Col("傍聴者数", 8, "int"), Col("受理件数", 8, "int"), Col("新規件数", 8, "int"),
            Col("終結件数", 8, "int"), Col("決定事項", 30, "wrap"), Col("概要", 40, "wrap")]
    rows = []
    for i, mt in enumerate(fy2026_meetings()):
        # Hand-typed ledgers mix real dates with typed text: every third row is text.
        day: Any = wareki(mt.day, dow=True) if i % 3 == 1 else mt.day
        number: Any = f"第{mt.number}回" if i % 4 == 2 else mt.number
        rows.append({
            "会議ID": mt.mid, "会議体": mt.council, "回": number, "会議名": mt.title, "開催日": day, "時間": mt.time,
            "場所": mt.venue, "形式": mt.fmt, "公開区分": mt.disclosure, "状態": mt.status,
            "議題": _agenda(mt.agenda) if mt.agenda else None, "文書番号": mt.notice_no, "通知日": mt.notice_date,
            "回答期限": mt.reply_by, "出席者数": mt.attendees, "傍聴者数": mt.observers,
            "受理件数": mt.cases[0] if mt.cases else None, "新規件数": mt.cases[1] if mt.cases else None,
            "終結件数": mt.cases[2] if mt.cases else None, "決定事項": mt.decisions, "概要": mt.summary,
        })
    print_ready_join_info(cols, rows)
    minutes_signature_columns(cols, rows)
    return Table("会議", "会議開催状況（令和8年度）", cols, rows,
                 notes=["※会議体欄は会議体ID（K18等）または会議体名。会議名が空欄の行は「第○回（会議体名）」とする。",
                        "※個別支援会議は件数（受理・新規・終結）のみを記録し、事例の内容は記載しない。",
                        "※全体会議ではセミナーを併せて開催する（演題・講師は「設定」シート）。"],
                 subtitle="令和8年11月28日現在", landscape=True, freeze_cols=2)


def history_table() -> Table:
    """開催記録: FY2025 meetings for history, with one 開催日時 column (date and time)."""
    cols = [Col("会議ID", 13, "center"), Col("会議体", 16), Col("回", 6, "center"),
            Col("開催日時", 34), Col("場所", 24, "wrap"), Col("状態", 8, "center"),
            Col("議題", 40, "wrap"), Col("出席者数", 8, "int"), Col("決定事項", 32, "wrap"), Col("概要", 40, "wrap")]
    data = [
        ("K15-2025-01", "K15", 1, "2025-04-23", "10:00～11:30", HALL_4F, ["令和7年度の運営計画について"], 9,
         "令和7年度の運営計画を決定した。", "運営計画と各部会の開催予定を確認した。"),
        ("K15-2025-02", "K15", 2, "2025-10-22", "10:00～11:30", HALL_4F, ["全体会議の企画について"], 8,
         "全体会議を令和8年2月に開催する。", "全体会議の企画とセミナーの内容を協議した。"),
        ("K14-2025-01", "K14", 1, "2025-05-21", "14:00～16:00", HALL_5F, ["令和7年度の活動計画について"], 8,
         "令和7年度の活動計画を承認した。", "各部会の計画を共有した。"),
        ("K18-2025-01", "高齢者支援部会", 1, "2025-06-13", "14:00～15:30", HALL_5F, ["委員の委嘱について", "令和7年度の活動計画について"],
         12, "部会長に試作委員、副部会長に例示委員を選出した。", "新任期の委員を委嘱し、部会長・副部会長を選出した。"),
        ("K18-2025-02", "K18", 2, "2025-11-14", "14:00～15:30", HALL_5F, ["地域ケア会議の実施状況について"], 10,
         "移動支援を次年度の重点課題候補とする。", "地域ケア会議の検討状況を共有した。"),
        ("K19-2025-01", "K19", 1, "2025-05-28", "13:30～15:00", HEALTH_CENTER, ["令和7年度の活動計画について"], 9,
         "令和7年度の活動計画を承認した。", "新任期の委員で活動計画を協議した。"),
        ("K19-2025-02", "障害者支援部会", 2, "2025-11-19", "13:30～15:00", HEALTH_CENTER, ["相談支援体制について"], 8,
         "相談支援事業所の実態を調べる。", "相談支援体制の課題を共有した。"),
        ("K20-2025-01", "K20", 1, "2025-07-09", "15:00～16:30", HEALTH_CENTER, ["自殺対策計画の進捗について"], 9,
         "ゲートキーパー研修を継続する。", "自殺対策計画の進捗を確認した。"),
        ("K21-2025-01", "K21", 1, "2025-06-25", "10:00～11:30", HALL_5F, ["令和7年度の活動計画について"], 8,
         "サロン活動の実態を把握する。", "活動計画を協議した。"),
        ("K16-2025-01", "K16", 1, "2026-02-20", "13:30～16:30", PLENARY_HALL,
         ["各部会の活動報告", "令和8年度の運営方針について", "セミナー「地域でつながる、支え合う」"], 86,
         "令和8年度の運営方針を承認した。", "各部会長が活動を報告し、セミナーを開催した。"),
    ]
    rows = []
    for i, (mid, council, number, day, time, venue, agenda, attendees, decisions, summary) in enumerate(data):
        # Most rows typed as "令和7年6月13日(金) 14:00～15:30"; some are real dates without the time.
        when: Any = d(day) if i % 4 == 3 else f"{wareki(d(day), dow=True)} {time}"
        rows.append({"会議ID": mid, "会議体": council, "回": number, "開催日時": when, "場所": venue,
                     "状態": "開催済", "議題": _agenda(agenda), "出席者数": attendees, "決定事項": decisions,
                     "概要": summary})
    return Table("開催記録", "会議開催記録（令和7年度）", cols, rows,
                 notes=["※令和7年度の記録（履歴）。令和8年度は「会議」シートに記録する。"],
                 landscape=True, freeze_cols=2)


# --------------------------------------------------------------------------- 議題, 出欠, 部会年次報告
def agenda_table() -> Table:
    """議題: items of the next 部会 meeting, the plenary and one held 運営会議."""
    cols = [Col("会議ID", 13, "center"), Col("順", 6, "center"), Col("区分", 7, "center"), Col("議題", 50, "wrap"),
            Col("説明者", 22), Col("資料番号", 9, "center"), Col("公開", 6, "center")]
    items = [
        (NEXT_MEETING, "1", "報告", SUBCOMMITTEE_AGENDA[NEXT_MEETING][0], "高齢者福祉課", "資料1", "○"),
        (NEXT_MEETING, "2", "協議", SUBCOMMITTEE_AGENDA[NEXT_MEETING][1], "事務局", "資料2", "○"),
        (NEXT_MEETING, "3", "協議", SUBCOMMITTEE_AGENDA[NEXT_MEETING][2], "部会長", "資料3", "○"),
        (NEXT_MEETING, "4", "その他", SUBCOMMITTEE_AGENDA[NEXT_MEETING][3], None, None, "○"),
        (PLENARY, "1", "報告", SUBCOMMITTEE_AGENDA[PLENARY][0], "地域福祉課", "資料1", "○"),
        (PLENARY, "2", "報告", SUBCOMMITTEE_AGENDA[PLENARY][1], None, "資料2", "○"),
        (PLENARY, "2-(1)", "報告", "高齢者支援部会", "部会長 試作 学", "資料2-1", "○"),
        (PLENARY, "2-(2)", "報告", "障害者支援部会", "部会長 見取 修", "資料2-2", "○"),
        (PLENARY, "2-(3)", "報告", "こころの健康・自殺対策部会", "部会長 原案 浩", "資料2-3", "○"),
        (PLENARY, "2-(4)", "報告", "地域支え合い部会", "部会長 素案 陽子", "資料2-4", "○"),
        (PLENARY, "3", "協議", SUBCOMMITTEE_AGENDA[PLENARY][2], "事務局", "資料3", "○"),
        (PLENARY, "4", "その他", "セミナー（演題・講師は設定シートのとおり）", "セミナー講師", None, "○"),
        (PLENARY, "5", "その他", SUBCOMMITTEE_AGENDA[PLENARY][4], None, None, "○"),
        ("K15-2026-03", "1", "協議", "全体会議の企画について", "事務局", "資料1", "○"),
        ("K15-2026-03", "2", "報告", "個別支援会議の受理状況について（件数報告）", "地域福祉課", "資料2", "×"),
        ("K15-2026-03", "3", "協議", "令和9年度予算要求について", "地域福祉課", "資料3", "○"),
    ]
    items += MINUTES_AGENDA
    keys = [c.key for c in cols]
    rows = [dict(zip(keys, item)) for item in items]
    return Table("議題", "会議の議題", cols, rows,
                 notes=["※この表に議題がある会議は、会議シートの議題欄よりこちらを優先する。", "※公開欄が×の議題は非公開で扱う。"],
                 freeze_cols=1)


ATTENDED_MEETING = "K18-2026-02"


def attendance_table() -> Table:
    """出欠: the replies for one held 高齢者支援部会 meeting (the secretariat is not asked)."""
    answers = {"P022": "出席", "P027": "出席", "P020": "欠席", "P003": "出席", "P002": "出席", "P044": "出席",
               "P023": "代理出席", "P025": "出席", "P028": "出席", "P038": "欠席", "P040": "出席", "P034": "出席"}
    replied = [d("2026-08-31"), d("2026-09-01"), d("2026-09-02"), d("2026-09-03"), d("2026-09-04")]
    cols = [Col("会議ID", 13, "center"), Col("人物ID", 8, "center"), Col("氏名", 13), Col("回答", 9, "center"),
            Col("代理者", 26), Col("回答日", 16, "date"), Col("備考", 24)]
    rows = []
    for i, seat in enumerate(s for s in ROSTERS["K18"] if s.role != "事務局"):
        answer = answers[seat.pid]
        rows.append({"会議ID": ATTENDED_MEETING, "人物ID": seat.pid, "氏名": PEOPLE[seat.pid].name, "回答": answer,
                     "代理者": "見本総合病院 地域医療連携室 主任" if answer == "代理出席" else None,
                     "回答日": replied[i % len(replied)], "備考": "ＦＡＸで回答" if i == 4 else None})
    rows += next_meeting_replies()
    return Table("出欠", "出欠回答（第2回高齢者支援部会 令和8年9月11日）", cols, rows, freeze_cols=3)


# -- attendance (issue 14): replies so far for the coming K18-2026-03 ----------------------
# Replies to the notice of the next 高齢者支援部会 (回答期限 2026-12-08): most answered, one
# by proxy, one online, and P038 and P040 have not answered yet (no row).
NEXT_REPLIES = {"P022": "出席", "P027": "出席", "P020": "オンライン出席", "P003": "出席", "P002": "欠席",
                "P044": "出席", "P023": "代理出席", "P025": "出席", "P028": "出席", "P034": "出席"}


def next_meeting_replies() -> list[dict]:
    """出欠 rows of NEXT_MEETING: the replies received by the sample's day."""
    rows = []
    for i, seat in enumerate(s for s in ROSTERS["K18"] if s.pid in NEXT_REPLIES):
        answer = NEXT_REPLIES[seat.pid]
        rows.append({"会議ID": NEXT_MEETING, "人物ID": seat.pid, "氏名": PEOPLE[seat.pid].name, "回答": answer,
                     "代理者": "見本総合病院 地域医療連携室 主任" if answer == "代理出席" else None,
                     "回答日": d("2026-11-2" + str(i % 7 + 1)),
                     "備考": "オンライン（Zoom）で参加" if answer == "オンライン出席" else None})
    return rows


def annual_reports_table() -> Table:
    """部会年次報告: each 部会's FY2026, for the plenary agenda (drafts, as of November)."""
    cols = [Col("年度", 10, "center"), Col("報告順", 7, "int"), Col("会議体ID", 9, "center"), Col("主な取組", 40, "wrap"),
            Col("成果", 40, "wrap"), Col("課題", 36, "wrap"), Col("次年度方針", 36, "wrap"), Col("報告者", 16)]
    data = [
        ("K18", "部会長 試作 学",
         "地域ケア会議（個別ケース検討）を4回開催し、移動・買い物支援の実態調査を社会福祉協議会・地域包括支援センターと実施した。",
         "買い物に困っている高齢者世帯が中山間地域に多いことが分かり、配食事業者・移動販売との連携が始まった。",
         "公共交通の空白地域での移動手段の確保。医療機関との退院時連携の定着。",
         "移動支援の試行（本郷・久井地区）と、退院支援ルールの見直しを行う。"),
        ("K19", "部会長 見取 修",
         "相談支援体制の点検と、ハローワーク・特別支援学校との就労支援の連携を進めた。個別避難計画の作成に着手した。",
         "相談支援事業所の連絡会を立ち上げ、年2回の開催が定着した。",
         "相談支援専門員の不足。個別避難計画の作成率の向上。",
         "福祉専門職と連携して個別避難計画の作成を進め、相談支援専門員の研修を行う。"),
        ("K20", "部会長 原案 浩",
         "ゲートキーパー養成研修を中学校・高校と共催し、ひきこもり支援の状況を共有した。相談窓口一覧を改訂した。",
         "研修の受講者が前年度の1.5倍になった。相談窓口一覧を全戸配布した。",
         "若年層への相談窓口の周知。ひきこもり状態にある人の家族への支援。",
         "SNSを使った相談窓口の周知と、家族教室の開催を検討する。"),
        ("K21", "部会長 素案 陽子",
         "見守り協定事業者との情報交換会を開き、サロン活動の状況を地区ごとに共有した。",
         "空き家を活用したサロンの試行が1地区で始まった。",
         "担い手の高齢化。見守り協定事業者からの情報を支援につなげる仕組み。",
         "サロンの担い手養成講座を開き、見守りの連絡体制を整える。"),
    ]
    rows = [{"年度": "令和8年度", "報告順": i, "会議体ID": cid, "主な取組": act, "成果": out, "課題": iss,
             "次年度方針": nxt, "報告者": who} for i, (cid, who, act, out, iss, nxt) in enumerate(data, 1)]
    return Table("部会年次報告", "部会年次報告（令和8年度 全体会議資料用）", cols, rows,
                 notes=["※開催回数は「会議」シートから数える。", "※令和8年11月末時点の案。全体会議の前に更新する。"],
                 landscape=True, freeze_cols=3)


# --------------------------------------------------------------------------- 予算
def trial_projects_table() -> Table:
    """試行的事業の実施状況: the FY2022 trial projects, exactly as the seed gives them."""
    cols = [Col("事業名称", 22, "wrap"), Col("事業内容", 44, "wrap"), Col("目的・期待される効果", 40, "wrap"),
            Col("実施時期", 24, "center"), Col("発注先 (予算配分)", 30, "wrap")]
    keys = [c.key for c in cols]
    items = [
        ("アンケート調査", "無作為抽出した15歳以上64歳以下の市民2,400人を対象に無記名方式でアンケート調査を実施",
         "“人とのつながり”、“地域とのつながり”等に係る意識調査を行い、計画策定等に当たってのインプット情報とする",
         "2022.11.14 ～ 2023.2.28", "サーベイリサーチセンター (3,454,000)"),
        ("地域共生関連分野の会議体の調査、見直しの整理",
         "三原市役所保健福祉部の各課が所管する地域共生関連分野の協議会等の会議体を棚卸しを行い、改善の方向性を検討",
         "連携PFの設置を前に、協議会等の体制の最適化を図る", "2022.11.25 ～ 2023.2.28", "NTTデータ経営研究所 (2,000,000)"),
        ("相談窓口・支援業務の整理",
         "三原市役所保健福祉部の各課が担当する孤独・孤立関連の相談窓口および支援業務の現状を整理し、今後の方向性を検討する",
         "相談窓口・支援業務の負担を削減する", None, None),
        (None, None, None, "計", "(5,454,000)"),
    ]
    rows = [dict(zip(keys, item)) for item in items]
    return Table("試行的事業の実施状況", "4 試行的事業の実施状況（令和4年度）", cols, rows,
                 notes=["※「三原市における孤独・孤立対策について」（令和4年度）の表のとおり。金額は円。",
                        "※相談窓口・支援業務の整理は庁内で実施（発注なし）。"],
                 bold_rows={3}, landscape=True)


@dataclass
class Line:
    """One line of the network's running costs for one fiscal year."""

    year_label: Any  # 年度 as typed: 令和5年度, R6, 2025年度, 2026
    line_id: str
    project: str
    setsu: str
    funding: str
    budget: int
    contract: int | None
    spent: int
    vendor: str | None
    council: str | None
    note: str | None = None


OPERATION = "地域共生連携ネットワーク会議運営支援業務委託"
FEE = "全体会議セミナー講師謝礼"
TRAVEL = "全体会議セミナー講師旅費"
GRANT = "重層的支援体制整備事業交付金"
GENERAL = "一般財源"
RESEARCH = "株式会社見本総合研究所"
PRINTER = "見本印刷株式会社"


def budget_years() -> list[list[Line]]:
    """FY2023–FY2026: 会議運営, セミナー講師謝礼・旅費, 広報 (FY2026 spent as of November)."""
    return [
        [Line("令和5年度", "R5-01", OPERATION, "12 委託料", GRANT, 1_650_000, 1_595_000, 1_595_000, RESEARCH, "K14"),
         Line("令和5年度", "R5-02", FEE, "7 報償費", GENERAL, 50_000, None, 50_000, None, "K16"),
         Line("令和5年度", "R5-03", TRAVEL, "8 旅費", GENERAL, 30_000, None, 26_800, None, "K16"),
         Line("令和5年度", "R5-04", "ネットワーク設置広報（リーフレット作成）", "12 委託料", GENERAL, 418_000, 396_000,
              396_000, PRINTER, None)],
        [Line("R6", "R6-01", OPERATION, "12 委託料", GRANT, 1_700_000, 1_650_000, 1_650_000, RESEARCH, "K14"),
         Line("R6", "R6-02", FEE, "7 報償費", GENERAL, 50_000, None, 50_000, None, "K16"),
         Line("R6", "R6-03", TRAVEL, "8 旅費", GENERAL, 30_000, None, 28_400, None, "K16"),
         Line("R6", "R6-04", "広報（広報紙・ホームページ掲載記事作成）", "12 委託料", GENERAL, 220_000, 209_000, 209_000,
              PRINTER, None)],
        [Line("2025年度", "R7-01", OPERATION, "12 委託料", GRANT, 1_750_000, 1_705_000, 1_705_000, RESEARCH, "K14"),
         Line("2025年度", "R7-02", FEE, "7 報償費", GENERAL, 60_000, None, 60_000, None, "K16"),
         Line("2025年度", "R7-03", TRAVEL, "8 旅費", GENERAL, 35_000, None, 31_200, None, "K16"),
         Line("2025年度", "R7-04", "広報（孤独・孤立対策啓発チラシ作成）", "12 委託料", GENERAL, 264_000, 253_000, 253_000,
              PRINTER, None)],
        [Line(2026, "R8-01", OPERATION, "12 委託料", GRANT, 1_800_000, 1_760_000, 880_000, RESEARCH, "K14",
              "上半期分を支払済"),
         Line(2026, "R8-02", FEE, "7 報償費", GENERAL, 60_000, None, 0, None, "K16", "全体会議（令和9年2月）で支出予定"),
         Line(2026, "R8-03", TRAVEL, "8 旅費", GENERAL, 35_000, None, 0, None, "K16", "全体会議（令和9年2月）で支出予定"),
         Line(2026, "R8-04", "広報（相談窓口一覧の作成・全戸配布）", "12 委託料", GENERAL, 275_000, 264_000, 264_000,
              PRINTER, "K20")],
    ]


def budget_table() -> Table:
    """予算: the network's running costs FY2023–2026, with a 小計 per year and a 合計."""
    cols = [Col("年度", 10, "center"), Col("予算行ID", 9, "center"), Col("事業名", 36, "wrap"), Col("款", 10),
            Col("項", 11), Col("目", 14), Col("節", 11), Col("財源", 24, "wrap"), Col("予算額", 12, "yen"),
            Col("契約額", 12, "yen"), Col("執行額", 12, "yen"), Col("契約先", 22, "wrap"), Col("関連会議体ID", 10, "center"),
            Col("備考", 28, "wrap")]
    rows: list[dict[str, Any]] = []
    bold: set[int] = set()
    everything: list[Line] = []
    for lines in budget_years():
        for ln in lines:
            rows.append({"年度": ln.year_label, "予算行ID": ln.line_id, "事業名": ln.project, "款": "3 民生費",
                         "項": "1 社会福祉費", "目": "1 社会福祉総務費", "節": ln.setsu, "財源": ln.funding,
                         "予算額": ln.budget, "契約額": ln.contract, "執行額": ln.spent, "契約先": ln.vendor,
                         "関連会議体ID": ln.council, "備考": ln.note})
        bold.add(len(rows))
        rows.append({"事業名": "小計", **_sums(lines)})
        everything += lines
    bold.add(len(rows))
    rows.append({"事業名": "合計", **_sums(everything)})
    return Table("予算", "地域共生連携ネットワーク 運営経費（令和5年度～令和8年度）", cols, rows,
                 notes=["※金額は円。令和8年度の執行額は令和8年11月末現在。",
                        "※節は令和2年度以降の区分（委託料は12節）。"],
                 bold_rows=bold, subtitle="地域福祉課", landscape=True, freeze_cols=3)


def _sums(lines: list[Line]) -> dict[str, int]:
    return {"予算額": sum(ln.budget for ln in lines),
            "契約額": sum(ln.contract or 0 for ln in lines),
            "執行額": sum(ln.spent for ln in lines)}


# --------------------------------------------------------------------------- 設定
SETTINGS: list[tuple[str, Any, str]] = [
    ("発信者", "三原市保健福祉部長", "通知の発信者名"),
    ("担当課", "三原市保健福祉部 地域福祉課", "通知の問い合わせ先"),
    ("電話", "0848-00-6100", "問い合わせ先の電話番号"),
    ("メール", "chiiki-kyosei@city.mihara.example", "問い合わせ先のメールアドレス"),
    ("文書番号", "三保福第", "通知の文書番号の頭（三保福第○○号）"),
    ("任期アラート日数", 90, "任期の終了が近い委員を知らせる日数"),
    ("兼職上限", 4, "一人が委員を兼ねる会議体の数の目安"),
    ("通知リードタイム", 14, "通知日から開催日までの日数"),
    ("セミナー演題", "孤独・孤立を生まない地域づくり ～つながりを取り戻すために～", "全体会議のセミナー"),
    ("セミナー講師", "見本県立大学 名誉教授 原典 博 氏", "全体会議のセミナー"),
]


# --------------------------------------------------------------------------- print-ready
# Issue 18 (branch print-ready): what the printed notice and 次第 need. The 設定 FAX goes
# into the notice's 担当 box and reply slip, 設定 あいさつ names the 次第's speaker, and the
# 併用 meeting still to come gets its 参加方法 (the notice prints it and asks 会場 / オンライン).
PRINT_READY_SETTINGS: list[tuple[str, Any, str]] = [
    ("FAX", "0848-00-6109", "問い合わせ先・出欠回答のFAX番号"),
    ("あいさつ", "三原市保健福祉部長　見本 一郎", "全体会議の次第の「あいさつ」の話し手"),
]
PRINT_READY_JOIN_INFO = {
    "K19-2026-04": "Web会議（Zoom）　会議ID：000 0000 0000　パスコード：sample\n"
                   "URLは開催日の前日までにメールでお送りします。",
}


def print_ready_join_info(cols: list[Col], rows: list[dict[str, Any]]) -> None:
    """Add the 会議 sheet's 参加方法 column: how to join the 併用 meetings online."""
    cols.append(Col("参加方法", 36, "wrap"))
    for row in rows:
        row["参加方法"] = PRINT_READY_JOIN_INFO.get(row["会議ID"])


def write_settings(workbook: xlsxwriter.Workbook, fmt: _Formats) -> None:
    """設定: keys in column A, values in column B, an explanation for staff in column C."""
    ws = workbook.add_worksheet("設定")
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 36)
    for r, (key, value, note) in enumerate(SETTINGS + PRINT_READY_SETTINGS + HONORARIA_SETTINGS + LETTERS_SETTINGS):
        ws.write_string(r, 0, key, fmt.key)
        _write_value(ws, r, 1, value, fmt.cell("text"))
        ws.write_string(r, 2, note, fmt.note)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)



# --------------------------------------------------------------------------- inv-checks: 台帳の点検 (日程・任期) and composition
# What the scheduling/terms checks and the inventory find in the sample. Added after the
# existing rows (no id or cell of the rows above changes):
# - three meetings appended to 会議: K20-2026-04 on 2027-03-22 (月), the 振替休日 of 春分の日
#   (meeting-on-holiday); K21-2026-04 on 2027-02-17 (水), the day of K19-2026-04, with 例田 花子
#   (P002) on both rosters (person-double-booked); K15-2026-05, a 臨時 運営会議 held 2026-11-25
#   whose notice went out on 2026-11-20 (notice-too-late);
# - P050 appended to the 地域支え合い部会 roster: appointed 2026-07-01 after a resignation, with a
#   new full term to 2028-06-30 instead of the predecessor's remaining term (term-past-predecessor);
# - 委員定数 of the network's bodies set to their rosters, except こころの健康・自殺対策部会 (12
#   seats, 10 members: council-vacancy);
# - 性別, 選任区分 and 初回委嘱日 columns at the right of every roster (with gaps, as real ledgers
#   have them; 性別 typed 男/女, 男性/女性 or left blank); two members in office over 10 years.
PEOPLE["P050"] = Person("補記 陽太", "ほき ようた", "見本町自治会連合会", "理事", "住民代表",
                        "723-0003", "三原市中之町六丁目48番49号", "0848-00-1202", None, "郵送")
REPLACEMENT = Seat("P050", start=d("2026-07-01"), end=d("2028-06-30"), note="前任委員の辞任により令和8年7月1日就任")
ROSTERS["K21"].append(REPLACEMENT)

HOLIDAY_MEETING = "K20-2026-04"
DOUBLE_BOOKED = ("K19-2026-04", "K21-2026-04")
LATE_NOTICE_MEETING = "K15-2026-05"
VACANT_COUNCIL = "K20"
SEATS = {"K14": 8, "K15": 8, "K18": 11, "K19": 8, "K20": 12, "K21": 11}

GENDER = {
    "P001": "男", "P002": "女", "P003": "男", "P004": "女", "P005": "男", "P006": "女", "P007": "男", "P008": "女",
    "P009": "男", "P010": "女", "P011": "男", "P012": "女", "P013": "男", "P020": "女", "P021": "男", "P022": "男",
    "P023": "女", "P024": "女", "P025": "女", "P026": "男", "P027": "女", "P028": "男", "P029": "男", "P030": "女",
    "P031": "男", "P032": "女", "P033": "男", "P034": "女", "P035": "男", "P036": "女", "P037": "男", "P038": "男",
    "P039": "女", "P040": "男", "P041": "女", "P043": "男", "P044": "女", "P045": "女", "P048": "男", "P049": "女",
    "P050": "男",
    # P042 and P047: not recorded (counted as unknown, never guessed from the name)
}
# 初回委嘱日 where it differs from the term's start: members carried over from the bodies the
# 部会 replaced (in office over 10 years by 2026-04-01).
FIRST_APPOINTED = {("K18", "P022"): "平成25年4月1日", ("K21", "P038"): d("2015-04-01"),
                   ("K19", "P033"): d("2019-04-01")}


def health_check_meetings() -> list[Mtg]:
    """The meetings planted for the scheduling checks (appended after the FY2026 year)."""
    return [
        Mtg(HOLIDAY_MEETING, "K20", 4, d("2027-03-22"), "15:00～16:30", HEALTH_CENTER, "予定", [
            "ひきこもり支援の家族教室について"], disclosure="一部公開"),
        Mtg(DOUBLE_BOOKED[1], "K21", 4, d("2027-02-17"), "10:00～11:30", HALL_5F, "予定", [
            "見守り協定事業者との情報交換会について"]),
        Mtg(LATE_NOTICE_MEETING, "K15", 5, d("2026-11-25"), "10:00～11:00", HALL_4F, "開催済", [
            "個別支援会議の受理状況について（件数報告）"], 8, "件数の増加に対応し、個別支援会議を月2回とする案を検討する。",
            "臨時に開催し、個別支援会議の受理件数の増加について協議した。", "三保福第845号", d("2026-11-20"),
            d("2026-11-24"), title="臨時運営会議", disclosure="非公開"),
    ]


def _selection(council: str, seat: Seat) -> str | None:
    if seat.role in ("事務局", "オブザーバー"):
        return None
    person = PEOPLE[seat.pid]
    if person.organization == "公募委員":
        return "公募"
    if person.category in ("庁内関係課",) or council in ("K15", "運営会議") or seat.note == "充て職":
        return "充て職"
    if person.category == "学識経験者":
        return "指名"
    return "推薦"


def add_composition_columns(tables: list[Table]) -> list[Table]:
    """性別, 選任区分, 初回委嘱日 at the right of every roster (after 備考: no cell moves)."""
    seats_by_sheet = {
        "高齢者支援部会名簿": [("K18", s) for s in ROSTERS["K18"]],
        "障害者支援部会名簿": [("K19", s) for s in ROSTERS["K19"]],
        "こころの健康・自殺対策部会名簿": [("K20", s) for s in ROSTERS["K20"]],
        "地域支え合い部会": [("K21", s) for s in ROSTERS["K21"]],
        "名簿": list(COMBINED),
    }
    for table in tables:
        if table.sheet == "会議体":
            for row in table.rows:
                row["委員定数"] = SEATS.get(row["会議体ID"], row["委員定数"])
        if table.sheet not in seats_by_sheet:
            continue
        table.cols += [Col("性別", 6, "center"), Col("選任区分", 9, "center"), Col("初回委嘱日", 16, "date")]
        for n, (row, (council, seat)) in enumerate(zip(table.rows, seats_by_sheet[table.sheet])):
            assert row["人物ID"] == seat.pid
            gender = GENDER.get(seat.pid) if seat.role != "事務局" else None
            if gender and table.sheet == "障害者支援部会名簿":
                gender += "性"  # typed 男性 / 女性 on this roster
            if table.sheet == "こころの健康・自殺対策部会名簿" and n % 4 == 3:
                gender = None  # gaps
            row["性別"] = gender
            row["選任区分"] = None if table.sheet == "高齢者支援部会名簿" and n in (6, 8) else _selection(council, seat)
            row["初回委嘱日"] = FIRST_APPOINTED.get((council, seat.pid))
    return tables


# --------------------------------------------------------------------------- minutes: 会議録（案）
# Issue 14 (branch minutes): what the 会議録（案） of the held 第2回高齢者支援部会 needs.
# Added at the right of existing sheets and after existing rows (no id or cell above moves):
# - 会議 gets 議長 and 署名委員 columns, filled for K18-2026-02 (the 部会長 chaired, the
#   副部会長 signs);
# - the 出欠 sheet's 当日 for K18-2026-02 is the honoraria block's (one column for both);
# - 議題 gets the two items of K18-2026-02 with their 資料 numbers (the same titles as its
#   議題 cell, so the plenary's 部会 reports do not change).
MINUTES_MEETING = ATTENDED_MEETING
MINUTES_SIGNATURES = {MINUTES_MEETING: ("試作 学", "例示 和子")}
MINUTES_AGENDA = [
    (MINUTES_MEETING, "1", "報告", "地域ケア会議の実施状況について", "高齢者福祉課", "資料1", "○"),
    (MINUTES_MEETING, "2", "協議", "移動・買い物支援の実態調査について", "事務局", "資料2", "○"),
]


def minutes_signature_columns(cols: list[Col], rows: list[dict[str, Any]]) -> None:
    """Add the 会議 sheet's 議長 and 署名委員 columns (filled for the meeting with minutes)."""
    cols += [Col("議長", 12), Col("署名委員", 16, "wrap")]
    for row in rows:
        chair, signer = MINUTES_SIGNATURES.get(row["会議ID"], (None, None))
        row["議長"], row["署名委員"] = chair, signer



# --------------------------------------------------------------------------- honoraria (issue 15)
# 報酬・報償費・謝金・費用弁償 (branch honoraria). Added at the right of existing sheets or as new
# rows/sheets; no id or cell of the rows above changes:
# - 会議体: 報酬日額 / 報酬区分 columns: 高齢者支援部会 ¥7,000 報償費 (a 要綱 body's reward),
#   障害者支援部会 ¥9,500 報酬 (paid as a 附属機関's 報酬 in the sample);
# - 高齢者支援部会名簿 / 障害者支援部会名簿: 報酬辞退 and 支払方法 columns; 例田 花子 (P002, 社協)
#   declines the 高齢者支援部会's reward; 書式 正男 is paid in cash;
# - 出欠: 当日 and 費用弁償 columns for the held K18-2026-02 (試作 学 late, 模型 明美 absent on the
#   day although she answered 出席), and new rows for the held K19-2026-03 (型野 直子 absent on the
#   day, 下絵 勇 by proxy: not paid by the 設定 default);
# - a 謝金 sheet: the plenary's lecturer's 謝金 ¥60,000 (the FY2026 講師謝礼 budget; over ¥50,000: a
#   支払調書) and 旅費 ¥12,340 (K16-2026-01, still to be held);
# - 設定: 代理出席者に報酬を支払う いいえ, 報酬の源泉徴収 乙欄, 謝金の源泉徴収率 10.21.
HONORARIA_RATES = {"K18": (7_000, "報償費"), "K19": (9_500, "報酬")}
HONORARIA_DECLINED = {("K18", "P002")}
HONORARIA_CASH = {"P038"}
HONORARIA_K18_DAY = {"P022": ("遅刻", 1_200), "P027": ("出席", None), "P020": ("欠席", None), "P003": ("出席", None),
                     "P002": ("出席", 800), "P044": ("出席", None), "P023": (None, None), "P025": ("欠席", 1_500),
                     "P028": ("出席", 1_860), "P038": ("欠席", None), "P040": ("早退", 1_200), "P034": ("出席", None)}
HONORARIA_K19_MEETING = "K19-2026-03"
HONORARIA_K19 = {"P021": ("出席", "出席", None), "P033": ("出席", "出席", 2_460), "P004": ("出席", "出席", None),
                 "P002": ("出席", "出席", None), "P024": ("出席", "欠席", None), "P031": ("欠席", "欠席", None),
                 "P037": ("代理出席", None, 1_100), "P041": ("出席", "出席", 640), "P035": ("出席", "出席", None)}
HONORARIA_SETTINGS: list[tuple[str, Any, str]] = [
    ("代理出席者に報酬を支払う", "いいえ", "代理出席した人に委員の報酬・報償費を支払うか"),
    ("報酬の源泉徴収", "乙欄", "委員報酬の源泉徴収（源泉徴収税額表の月額表乙欄、または なし）"),
    ("謝金の源泉徴収率", "10.21", "講師謝金の源泉徴収税率（%）"),
]


def honoraria_payments_table() -> Table:
    """謝金: the plenary seminar's lecturer (謝金 and 旅費, paid to an individual)."""
    cols = [Col("会議ID", 13, "center"), Col("氏名", 22), Col("区分", 8, "center"), Col("金額", 12, "yen"),
            Col("個人", 6, "center"), Col("支払方法", 9, "center"), Col("備考", 30, "wrap")]
    lecturer = "原典 博"
    rows = [
        {"会議ID": PLENARY, "氏名": lecturer, "区分": "謝金", "金額": 60_000, "個人": "○", "支払方法": "振込",
         "備考": "見本県立大学 名誉教授（セミナー講師）"},
        {"会議ID": PLENARY, "氏名": lecturer, "区分": "旅費", "金額": 12_340, "個人": "○", "支払方法": "振込",
         "備考": "見本県立大学 名誉教授（往復の交通費）"},
    ]
    return Table("謝金", "講師謝金・旅費（全体会議のセミナー）", cols, rows,
                 notes=["※口座情報はこの台帳に記載しない（会計の支払データで管理）。"], freeze_cols=2)


def add_honoraria(tables: list[Table]) -> list[Table]:
    """The honoraria columns and rows (see the block comment above); the 謝金 sheet after 出欠."""
    by_sheet = {t.sheet: t for t in tables}
    councils = by_sheet["会議体"]
    councils.cols += [Col("報酬日額", 10, "yen"), Col("報酬区分", 9, "center")]
    for row in councils.rows:
        rate = HONORARIA_RATES.get(row["会議体ID"])
        row["報酬日額"], row["報酬区分"] = rate if rate else (None, None)
    for sheet, council in (("高齢者支援部会名簿", "K18"), ("障害者支援部会名簿", "K19")):
        roster = by_sheet[sheet]
        roster.cols += [Col("報酬辞退", 8, "center"), Col("支払方法", 9, "center")]
        for row in roster.rows:
            pid = row["人物ID"]
            staff = PEOPLE[pid].category == "庁内関係課"
            row["報酬辞退"] = "○" if (council, pid) in HONORARIA_DECLINED else None
            row["支払方法"] = None if staff else ("現金" if pid in HONORARIA_CASH else "振込")
    attendance = by_sheet["出欠"]
    attendance.cols += [Col("当日", 7, "center"), Col("費用弁償", 10, "yen")]
    for row in attendance.rows:
        if row["会議ID"] == ATTENDED_MEETING:
            row["当日"], row["費用弁償"] = HONORARIA_K18_DAY[row["人物ID"]]
    for pid, (answer, day, travel) in HONORARIA_K19.items():
        attendance.rows.append({
            "会議ID": HONORARIA_K19_MEETING, "人物ID": pid, "氏名": PEOPLE[pid].name, "回答": answer,
            "代理者": "三原市見本障害者団体連絡協議会 副会長" if answer == "代理出席" else None,
            "回答日": d("2026-11-06"), "備考": None, "当日": day, "費用弁償": travel})
    at = tables.index(attendance) + 1
    return [*tables[:at], honoraria_payments_table(), *tables[at:]]


# --------------------------------------------------------------------------- letters: 委嘱状・解嘱状・礼状 (issue 16)
# A replacement at mid-term for `appointments --council K18 --from 2027-01-01`: 試案 弘 (P040)
# leaves the 高齢者支援部会 on 2026-12-31, before the regular term ends on 2027-03-31 (a 解嘱状
# and a 礼状), and 引継 茂 (P051), the 老人クラブ連合会's new 会長, is appointed from
# 2027-01-01 for the rest of the term (a 委嘱状 with 「前任者の残任期間」 and a 就任承諾書).
# The row is appended at the end of the roster sheet (no row or id above changes); P051 is
# kept out of PEOPLE so the seat counts of the self-check stay as they were. 設定 gains the
# 委嘱者 (the letters' signature) and 充て職は任命とする (いいえ: 充て職 members get a 委嘱状 too).
LETTERS_PERSON = Person("引継 茂", "ひきつぎ しげる", "三原市見本老人クラブ連合会", "会長", "住民代表",
                        "723-0017", "三原市港町二丁目50番51号", "0848-00-1801", None, "郵送")
LETTERS_SEAT = Seat("P051", start=d("2027-01-01"), end=TERM[1], note="前任者（試案 弘）の残任期間")
LETTERS_SETTINGS: list[tuple[str, Any, str]] = [
    ("委嘱者", "三原市長　見本 太郎", "委嘱状・解嘱状・礼状の差出人"),
    ("充て職は任命とする", "いいえ", "「はい」なら充て職の委員には委嘱状ではなく任命書"),
]


def add_letters_rows(tables: list[Table]) -> list[Table]:
    """Append P051, the replacement of P040, to the 高齢者支援部会 roster (after its last row)."""
    table = next(t for t in tables if t.sheet == "高齢者支援部会名簿")
    seat, person = LETTERS_SEAT, LETTERS_PERSON
    table.rows.append({
        "No.": len(table.rows) + 1, "人物ID": seat.pid, "氏名": person.name, "ふりがな": person.kana,
        "所属": person.organization, "役職": person.title, "区分": person.category, "郵便番号": person.postal,
        "住所": person.address, "電話": person.phone, "メールアドレス": person.email, "送付方法": person.delivery,
        "部会役職": seat.role, "任期": f"{wareki(seat.start)}～{wareki(seat.end)}", "備考": seat.note,
        "性別": "男", "選任区分": "推薦", "初回委嘱日": None,
    })
    return tables


# --------------------------------------------------------------------------- sample-closed: 非公開理由 and 傍聴者数
# Branch sample-closed: the 会議 sheet records why a closed meeting was closed and how many
# observers a public one had, as an office keeps them (no id or cell of an existing row moves):
# - 傍聴者数 (the existing column, left where it is): every held public or 一部公開 meeting gets a
#   count (0 is a real value: nobody came); K21-2026-02 is left blank (not recorded). Closed and
#   planned meetings stay blank. K14-2026-01 (2) and K18-2026-01 (1) keep their counts.
# - 非公開理由: a new column at the right of the sheet (after 署名委員), filled for every held
#   非公開 / 一部公開 meeting, except the 臨時運営会議 K15-2026-05, whose reason is left blank ON
#   PURPOSE: the planted `closed-without-reason` (会議 非公開理由 of K15-2026-05). Planned
#   meetings are left blank (the reason is recorded when the meeting is held).
CLOSED_WITHOUT_REASON_MEETING = LATE_NOTICE_MEETING  # K15-2026-05, planted: 非公開理由 blank
SAMPLE_CLOSED_OBSERVERS = {
    "K18-2026-02": 3, "K19-2026-01": 0, "K19-2026-02": 2, "K19-2026-03": 0, "K21-2026-01": 1,
    "K20-2026-01": 4, "K20-2026-02": 1,
    # K21-2026-02: blank, not recorded
}
_ORDINANCE = "三原市情報公開条例に定める非公開情報"
_STEERING_REASON = f"個別支援会議の受理状況など個人に関する情報を含む報告を扱うため（{_ORDINANCE}（個人情報））"
_CASE_REASON = f"支援を要する個人・世帯の事例を扱い、個人情報を含むため（社会福祉法第106条の6の守秘義務、{_ORDINANCE}）"
_PARTLY_REASON = f"個別の相談事例を扱う議題は、個人情報を含むため（{_ORDINANCE}（個人情報））"
SAMPLE_CLOSED_REASONS = {
    "K15-2026-01": _STEERING_REASON,
    "K15-2026-02": _STEERING_REASON,
    "K15-2026-03": "令和9年度予算要求など市の内部で検討中の事項を扱い、公開すると率直な意見の交換が不当に損なわれる"
                   f"おそれがあるため（{_ORDINANCE}（審議・検討情報））",
    **{f"K17-2026-{n:02d}": _CASE_REASON for n in range(1, 9)},
    "K20-2026-01": _PARTLY_REASON,
    "K20-2026-02": _PARTLY_REASON,
}


def add_closed_reasons(tables: list[Table]) -> list[Table]:
    """Fill 傍聴者数 of held public meetings and add the 非公開理由 column (see the block above)."""
    meetings = next(t for t in tables if t.sheet == "会議")
    meetings.cols.append(Col("非公開理由", 36, "wrap"))
    for row in meetings.rows:
        mid = row["会議ID"]
        if row["傍聴者数"] is None:
            row["傍聴者数"] = SAMPLE_CLOSED_OBSERVERS.get(mid)
        row["非公開理由"] = SAMPLE_CLOSED_REASONS.get(mid)
    return tables


# --------------------------------------------------------------------------- the workbook
def sample_tables() -> list[Table]:
    """Every table of the sample, in sheet order (設定 is written separately)."""
    return add_closed_reasons(add_letters_rows(add_honoraria(add_composition_columns([
        councils_table(), combined_roster_table(), *roster_tables(), meetings_table(), history_table(),
        agenda_table(), attendance_table(), annual_reports_table(), trial_projects_table(), budget_table()]))))


def write_workbook(path: Path, tables: list[Table]) -> None:
    """Write ``tables`` and the 設定 sheet into a new workbook at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({
        "title": "地域共生連携ネットワーク 台帳（サンプル）", "author": "三原市保健福祉部 地域福祉課",
        "company": "三原市", "comments": "mihara_sheets の見本台帳。人物・連絡先はすべて架空。", "created": CREATED,
    })
    fmt = _Formats(workbook)
    for table in tables:
        write_table(workbook, fmt, table)
    write_settings(workbook, fmt)
    workbook.worksheets()[0].activate()
    workbook.close()


def build_sample(path: Path = SAMPLE) -> Path:
    """Write the sample ledger to ``path`` (default: workbooks/sample_ledger.xlsx)."""
    tables = sample_tables()
    self_check(tables)
    write_workbook(path, tables)
    return path


# --------------------------------------------------------------------------- the broken copy
def build_broken(path: Path = BROKEN) -> list[dict[str, str]]:
    """Write a copy of the sample with deliberate mistakes; return where each must be found.

    Each entry names the sheet, the cell holding the mistaken value, the problem code the
    reader must report there, its severity and what was changed. The sample's own warnings
    (terms ending soon, the person on five bodies) are still there and are not listed.
    """
    tables = {t.sheet: t for t in sample_tables()}
    expected: list[dict[str, str]] = []

    def expect(sheet: str, index: int, key: str, code: str, severity: str, what: str) -> None:
        table = tables[sheet]
        expected.append({"sheet": sheet, "cell": table.cell(index, key), "code": code, "severity": severity,
                         "value": _shown(table.rows[index][key]), "what": what})

    councils = tables["会議体"]
    i = councils.find("会議体ID", "K16")
    councils.rows[i]["設置年月日"] = "令和5年2月30日"
    expect("会議体", i, "設置年月日", "nonexistent-date", "error", "設置年月日に存在しない日付")

    meetings = tables["会議"]
    i = meetings.find("会議ID", "K21-2026-03")
    meetings.rows[i]["会議体"] = "K99"
    expect("会議", i, "会議体", "unknown-council", "error", "会議体の台帳にない会議体ID")
    i = meetings.find("会議ID", "K20-2026-03")
    meetings.rows[i]["会議ID"] = "K20-2026-02"
    expect("会議", i, "会議ID", "duplicate-id", "error", "会議IDの重複（2つ目の行）")
    i = meetings.find("会議ID", "K19-2026-02")
    meetings.rows[i]["時間"] = "15:00～13:30"
    expect("会議", i, "時間", "end-before-start", "error", "終了時刻が開始時刻より前")

    budget = tables["予算"]
    i = budget.find("予算行ID", "R6-04") + 1  # the FY2024 小計
    assert budget.rows[i]["事業名"] == "小計"
    budget.rows[i]["予算額"] += 100_000
    expect("予算", i, "予算額", "total-mismatch", "error", "小計が上の行の合計と一致しない")
    # A line whose 予算額 is text. It is inserted, not changed, so that no total is affected.
    i = budget.find("予算行ID", "R8-04") + 1
    budget.rows.insert(i, {"年度": 2026, "予算行ID": "R8-05", "事業名": "部会合同研修会 講師謝礼", "款": "3 民生費",
                           "項": "1 社会福祉費", "目": "1 社会福祉総務費", "節": "7 報償費", "財源": GENERAL,
                           "予算額": "見積中", "執行額": None, "備考": "金額は未確定"})
    budget.bold_rows = {b + 1 if b >= i else b for b in budget.bold_rows}
    expect("予算", i, "予算額", "invalid-amount", "error", "金額欄に文字")

    roster = tables["地域支え合い部会"]
    i = roster.find("人物ID", "P049")
    roster.rows[i]["任期終了"] = d("2026-03-31")
    roster.rows[i]["備考"] = None
    expect("地域支え合い部会", i, "任期終了", "term-ended", "warning", "任期が終わった委員が名簿に残っている")

    write_workbook(path, list(tables.values()))
    return expected


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# --------------------------------------------------------------------------- self-check
def self_check(tables: list[Table]) -> None:
    """Assert the sample is consistent before writing it (the reader will hold it to this)."""
    by_sheet = {t.sheet: t for t in tables}
    council_ids = [r["会議体ID"] for r in by_sheet["会議体"].rows]
    names = {r["会議体名"]: r["会議体ID"] for r in by_sheet["会議体"].rows}
    assert len(set(council_ids)) == len(council_ids) == 21
    assert sum(1 for cid in council_ids if cid <= "K13") == 13
    for row in by_sheet["会議体"].rows:
        for key in ("親会議体ID", "統合先"):
            ref = row[key]
            assert ref is None or ref in council_ids or ref in names, (row["会議体ID"], key, ref)
    for cid, name in COUNCIL_NAMES.items():
        assert names[name] == cid
    # Meetings: unique ids, known councils, weekdays, replies before the meeting.
    meeting_ids = []
    for mt in fy2026_meetings():
        meeting_ids.append(mt.mid)
        assert mt.council in council_ids or mt.council in names
        assert mt.day.weekday() < 5, mt.mid
        assert (mt.status == "開催済") == (mt.day < TODAY), mt.mid
        assert mt.reply_by is None or mt.reply_by < mt.day
        assert mt.notice_date is None or mt.notice_date < mt.day
        if mt.council == "K17":
            assert not (mt.agenda or mt.summary or mt.decisions)
    assert len(set(meeting_ids)) == len(meeting_ids)
    upcoming = sorted((mt.day, mt.mid) for mt in fy2026_meetings() if mt.day >= TODAY)
    assert upcoming[0][1] == NEXT_MEETING
    # The planted scheduling mistakes (inv-checks): exactly where the README says.
    import jpholiday

    by_id = {mt.mid: mt for mt in fy2026_meetings()}
    holidays = [mid for mid, mt in by_id.items() if jpholiday.is_holiday(mt.day)]
    assert holidays == [HOLIDAY_MEETING], holidays
    assert by_id[DOUBLE_BOOKED[0]].day == by_id[DOUBLE_BOOKED[1]].day
    late = [mid for mid, mt in by_id.items() if mt.notice_date and (mt.day - mt.notice_date).days < 14]
    assert late == [LATE_NOTICE_MEETING], late
    # Seats: only one person above the limit of four bodies.
    seats: dict[str, set[str]] = {}
    for council, roster in ROSTERS.items():
        for seat in roster:
            seats.setdefault(seat.pid, set()).add(council)
    for council, seat in COMBINED:
        seats.setdefault(seat.pid, set()).add(names.get(council, council))
    over = {pid for pid, bodies in seats.items() if len(bodies) > 4}
    assert over == {"P002"} and len(seats["P002"]) == 5, over
    assert set(PEOPLE) == set(seats), set(PEOPLE) ^ set(seats)
    # Attendance agrees with the meeting's 出席者数.
    present = sum(1 for r in by_sheet["出欠"].rows
                  if r["会議ID"] == ATTENDED_MEETING and r["回答"] in ("出席", "代理出席"))
    held = next(mt for mt in fy2026_meetings() if mt.mid == ATTENDED_MEETING)
    assert present == held.attendees
    # On the day one fewer came: 模型 明美 (P025) answered 出席 and stayed away (the typed 出席者数
    # is from the replies, so attendance --meeting K18-2026-02 warns attendance-count-typed).
    on_the_day = sum(1 for r in by_sheet["出欠"].rows if r["会議ID"] == MINUTES_MEETING
                     and (r["当日"] in ("出席", "遅刻", "早退") or (r["当日"] is None and r["回答"] == "代理出席")))
    assert on_the_day == held.attendees - 1
    # sample-closed: every held closed / partly closed meeting has its 非公開理由 but the planted one;
    # every held public one its 傍聴者数 but the one not recorded; no planned meeting has either.
    for row in by_sheet["会議"].rows:
        held = row["状態"] == "開催済"
        if row["公開区分"] in ("非公開", "一部公開") and held:
            assert bool(row["非公開理由"]) == (row["会議ID"] != CLOSED_WITHOUT_REASON_MEETING), row["会議ID"]
        else:
            assert row["非公開理由"] is None, row["会議ID"]
        if row["公開区分"] in ("公開", "一部公開") and held:
            assert (row["傍聴者数"] is None) == (row["会議ID"] == "K21-2026-02"), row["会議ID"]
        else:
            assert row["傍聴者数"] is None, row["会議ID"]
    # Declared totals match their lines.
    for lines in budget_years():
        assert all(isinstance(ln.budget, int) for ln in lines)
    assert sum(ln.budget for ln in budget_years()[0]) == 2_148_000


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild the committed files, or write one of them elsewhere."""
    parser = argparse.ArgumentParser(description="Build the bundled sample ledger (and its broken copy).")
    parser.add_argument("--out", type=Path, help="write the sample ledger here (only)")
    parser.add_argument("--broken", type=Path, help="write the broken copy here (only); prints the expected problems")
    args = parser.parse_args(argv)
    if args.out is None and args.broken is None:
        build_sample(SAMPLE)
        expected = build_broken(BROKEN)
        BROKEN_EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {SAMPLE.relative_to(REPO)}, {BROKEN.relative_to(REPO)}, {BROKEN_EXPECTED.relative_to(REPO)}")
        return 0
    if args.out is not None:
        print(f"wrote {build_sample(args.out)}")
    if args.broken is not None:
        print(json.dumps(build_broken(args.broken), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
