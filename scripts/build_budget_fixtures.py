"""Build the budget test fixtures in tests/fixtures/ (budget_*.xlsx) with XlsxWriter.

    python scripts/build_budget_fixtures.py

- budget_seed.xlsx: the seed's own table (section 4 試行的事業の実施状況) typed into Excel as
  it stands — five headers, text cells exactly as the seed writes them, the 相談窓口 line
  without period or amount — plus the 計 row of 5,454,000.
- budget_mismatch.xlsx: the same table whose 計 was mistyped (5,545,000).
- budget_thousand.xlsx: a FY2023 予算執行状況 sheet kept in 千円, 節 without 科目.
- budget_multi_year.xlsx: FY2019 and FY2022–2025 lines with 年度 typed every way, 小計 per
  year and a 合計, 財源, and links to councils (会議体 sheet).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

SEED_HEADERS = ["事業名称", "事業内容", "目的・期待される効果", "実施時期", "発注先 (予算配分)"]
SEED_ROWS = [
    [
        "アンケート調査",
        "無作為抽出した15歳以上64歳以下の市民2,400人を対象に無記名方式でアンケート調査を実施",
        "“人とのつながり”、“地域とのつながり”等に係る意識調査を行い、計画策定等に当たってのインプット情報とする",
        "2022.11.14 ～ 2023.2.28",
        "サーベイリサーチセンター (3,454,000)",
    ],
    [
        "地域共生関連分野の会議体の調査、見直しの整理",
        "三原市役所保健福祉部の各課が所管する地域共生関連分野の協議会等の会議体を棚卸しを行い、改善の方向性を検討",
        "連携PFの設置を前に、協議会等の体制の最適化を図る",
        "2022.11.25 ～ 2023.2.28",
        "NTTデータ経営研究所 (2,000,000)",
    ],
    [
        "相談窓口・支援業務の整理",
        "三原市役所保健福祉部の各課が担当する孤独・孤立関連の相談窓口および支援業務の現状を整理し、今後の方向性を検討する",
        "相談窓口・支援業務の負担を削減する",
        None,
        None,
    ],
]


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "header": book.add_format({"bold": True, "border": 1, "bg_color": "#E2EFDA",
                                   "align": "center", "valign": "vcenter", "text_wrap": True}),
        "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "yen": book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"}),
        "total": book.add_format({"border": 1, "bold": True, "top": 2}),
        "total_yen": book.add_format({"border": 1, "bold": True, "top": 2, "num_format": "#,##0"}),
        "date": book.add_format({"border": 1, "num_format": 'ggge"年"m"月"d"日"', "valign": "top"}),
    }


def seed_table(path: Path, declared_total: str) -> None:
    """The seed's section 4 table, as a member of staff would type it, with a 計 row."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    f = _formats(book)
    sheet = book.add_worksheet("試行的事業の実施状況")
    sheet.write(0, 0, "4 試行的事業の実施状況", f["title"])
    sheet.write_row(2, 0, SEED_HEADERS, f["header"])
    for offset, row in enumerate(SEED_ROWS):
        for col, value in enumerate(row):
            if value is None:
                sheet.write_blank(3 + offset, col, None, f["cell"])
            else:
                sheet.write_string(3 + offset, col, value, f["cell"])
    total_row = 3 + len(SEED_ROWS)
    sheet.write_string(total_row, 0, "計", f["total"])
    for col in range(1, 4):
        sheet.write_blank(total_row, col, None, f["total"])
    sheet.write_string(total_row, 4, declared_total, f["total"])
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 2, 44)
    sheet.set_column(3, 3, 24)
    sheet.set_column(4, 4, 36)
    sheet.set_landscape()
    book.close()


def thousand_yen(path: Path) -> None:
    """A FY2023 sheet kept in 千円 (one amount with a fraction of a thousand), 節 only."""
    book = xlsxwriter.Workbook(str(path))
    f = _formats(book)
    sheet = book.add_worksheet("予算執行状況")
    sheet.write(0, 0, "令和5年度 地域共生連携ネットワーク 予算執行状況（単位：千円）", f["title"])
    headers = ["年度", "事業名", "発注先", "節", "財源", "予算額（千円）", "契約額（千円）",
               "執行額（千円）", "備考"]
    sheet.write_row(2, 0, headers, f["header"])
    rows = [
        ["令和5年度", "地域共生連携ネットワーク運営支援", "三原市社会福祉協議会", "12 委託料",
         "一般財源", 1800, 1760, 1760, None],
        ["令和5年度", "全体会議 講師謝礼", None, "08 報償費", "一般財源", 150, None, 120,
         "講師1名"],
        ["令和5年度", "ネットワーク広報チラシ印刷", "有限会社みはら印刷", "10 需用費",
         "国庫補助金", 300, 287.5, 287.5, None],
    ]
    for offset, row in enumerate(rows):
        r = 3 + offset
        for col, value in enumerate(row):
            fmt = f["yen"] if col in (5, 6, 7) else f["cell"]
            if value is None:
                sheet.write_blank(r, col, None, fmt)
            else:
                sheet.write(r, col, value, fmt)
    total_row = 3 + len(rows)
    sheet.write_string(total_row, 0, "合計", f["total"])
    for col in range(1, 5):
        sheet.write_blank(total_row, col, None, f["total"])
    sheet.write_formula(total_row, 5, "=SUM(F4:F6)", f["total_yen"], 2250)
    sheet.write_formula(total_row, 6, "=SUM(G4:G6)", f["total_yen"], 2047.5)
    sheet.write_formula(total_row, 7, "=SUM(H4:H6)", f["total_yen"], 2167.5)
    sheet.write_string(total_row + 2, 0, "※ 金額は千円単位（千円未満は小数で記入）")
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 2, 30)
    sheet.set_column(3, 8, 14)
    book.close()


MULTI_YEAR_LINES = [
    # 年度, 事業名称, 発注先, 節, 科目, 財源, 予算額, 契約額, 執行額, 関連会議体ID, 開始日
    ["令和元年度", "孤立実態把握予備調査", "サーベイリサーチセンター", "13 委託料", None,
     "一般財源", 500000, 495000, 495000, None, None],
    ["小計", None, None, None, None, None, 500000, None, None, None, None],
    ["令和4年度", "アンケート調査", "サーベイリサーチセンター", "12 委託料", None,
     "一般財源", 3454000, 3454000, 3454000, None, dt.date(2022, 11, 14)],
    ["R4", "地域共生関連分野の会議体の調査、見直しの整理", "NTTデータ経営研究所", "12 委託料",
     None, "国庫補助金", 2000000, 1980000, 1980000, None, dt.date(2022, 11, 25)],
    ["2022年度", "相談窓口・支援業務の整理", None, None, None, None, None, None, None, None,
     None],
    ["小計", None, None, None, None, None, 5454000, None, None, None, None],
    [2023, "地域共生連携ネットワーク運営支援", "三原市社会福祉協議会", "12 委託料", "委託料",
     "一般財源", 1800000, 1800000, 1800000, "NW01", dt.date(2023, 4, 1)],
    ["令和5年度", "全体会議 講師謝礼", None, "08 報償費", "報償費", "一般財源", 100000, None,
     50000, "NW03", None],
    ["小計", None, None, None, None, None, 1900000, None, None, None, None],
    ["令和6年度", "地域共生連携ネットワーク運営支援", "三原市社会福祉協議会", "12 委託料",
     "委託料", "一般財源", 1800000, 1800000, 1350000, "NW01", dt.date(2024, 4, 1)],
    ["令和6年度", "全体会議 講師謝礼", None, "08 報償費", "報償費", "一般財源", None, None,
     None, "NW03", None],
    ["小計", None, None, None, None, None, 1800000, None, None, None, None],
    ["令和7年度", "地域共生連携ネットワーク運営支援", "三原市社会福祉協議会", "12 委託料",
     "委託料", "国庫補助金", 2000000, None, None, "NW01", None],
    ["小計", None, None, None, None, None, 2000000, None, None, None, None],
    ["合計", None, None, None, None, None, 11654000, None, None, None, None],
]


def multi_year(path: Path) -> None:
    """Six fiscal years on one 予算 sheet, with 小計 per year and a 合計, and councils."""
    book = xlsxwriter.Workbook(str(path))
    f = _formats(book)
    councils = book.add_worksheet("会議体")
    councils.write_row(0, 0, ["会議体ID", "会議体名", "区分"], f["header"])
    for r, row in enumerate([["NW01", "地域共生会議", "親会"],
                             ["NW03", "地域共生連携ネットワーク全体会議", "全体会議"]], start=1):
        councils.write_row(r, 0, row, f["cell"])
    councils.set_column(0, 2, 30)

    sheet = book.add_worksheet("予算")
    sheet.write(0, 0, "地域共生連携ネットワーク関係予算（令和元年度～令和7年度）", f["title"])
    headers = ["年度", "事業名称", "発注先", "節", "科目", "財源", "予算額", "契約額", "執行額",
               "関連会議体ID", "開始日"]
    sheet.write_row(2, 0, headers, f["header"])
    for offset, row in enumerate(MULTI_YEAR_LINES):
        r = 3 + offset
        total = row[0] in ("小計", "合計")
        for col, value in enumerate(row):
            if col in (6, 7, 8):
                fmt = f["total_yen"] if total else f["yen"]
            elif col == 10:
                fmt = f["date"]
            else:
                fmt = f["total"] if total else f["cell"]
            if value is None:
                sheet.write_blank(r, col, None, fmt)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, col, value, fmt)
            else:
                sheet.write(r, col, value, fmt)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 5, 20)
    sheet.set_column(6, 8, 14)
    sheet.set_column(9, 10, 16)
    book.close()


def main() -> None:
    """Write every budget fixture into tests/fixtures/."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    seed_table(FIXTURES / "budget_seed.xlsx", "(5,454,000)")
    seed_table(FIXTURES / "budget_mismatch.xlsx", "(5,545,000)")
    thousand_yen(FIXTURES / "budget_thousand.xlsx")
    multi_year(FIXTURES / "budget_multi_year.xlsx")
    for path in sorted(FIXTURES.glob("budget_*.xlsx")):
        print(path.relative_to(FIXTURES.parent.parent))


if __name__ == "__main__":
    main()
