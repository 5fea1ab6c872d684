"""append_rows, Excel Tables, shared formulas, calcChain, put_sheet and .xlsm."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from mihara_sheets.writer import Formula, WriteRefused, edit_workbook, read_cells
from tests.writer_helpers import (
    ALL_SHEETS_CSV,
    CORPUS,
    grids,
    libreoffice_convert,
    make_ledger,
    part_hashes,
    sheet_parts,
)


@pytest.fixture
def ledger(tmp_path):
    return make_ledger(tmp_path / "台帳.xlsx")


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode()


def _corpus_copy(name: str, tmp_path: Path) -> Path:
    src = CORPUS / name
    if not src.exists():
        pytest.skip(f"corpus file {name} not found under {CORPUS}")
    dst = tmp_path / name
    shutil.copy2(src, dst)
    dst.chmod(0o644)  # the shared corpus is read-only; a staff ledger being edited is not
    return dst


# -- append_rows ---------------------------------------------------------------------------
def test_append_rows_goes_below_the_last_row_and_copies_the_look(ledger):
    with edit_workbook(ledger, backups=0) as book:
        first, last = book.append_rows("名簿", [
            ["中村 明", "三原市立第一中学校", dt.date(2024, 4, 1), 5000, None],
            ["小林 恵", "民生委員", dt.date(2024, 4, 1), 5000, "新任"],
        ])
    assert (first, last) == (7, 8)
    got = read_cells(ledger, "名簿", ["A7", "B7", "C7", "D7", "E7", "A8", "E8"])
    assert got == {"A7": "中村 明", "B7": "三原市立第一中学校", "C7": dt.date(2024, 4, 1), "D7": 5000.0,
                   "E7": "", "A8": "小林 恵", "E8": "新任"}
    ws = openpyxl.load_workbook(ledger)["名簿"]
    assert ws["A8"].border.left.style == "thin"  # like the rows above
    assert ws["D8"].number_format == "#,##0" and ws["C8"].number_format == "yyyy/m/d"
    assert ws.max_row == 8


def test_append_rows_on_an_empty_sheet_starts_at_row_1(tmp_path):
    import xlsxwriter

    path = tmp_path / "空.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("名簿")
    wb.close()
    with edit_workbook(path, backups=0) as book:
        assert book.append_rows("名簿", [["氏名", "所属"], ["山田", "社協"]]) == (1, 2)
    assert grids(path)["名簿"] == [["氏名", "所属"], ["山田", "社協"]]


def test_append_rows_into_a_table_grows_the_table(ledger):
    with edit_workbook(ledger, backups=0) as book:
        first, last = book.append_rows("会議", [["M-004", "第4回", dt.date(2024, 2, 7), "オンライン"]])
    assert (first, last) == (5, 5)
    ws = openpyxl.load_workbook(ledger)["会議"]
    table = ws.tables["会議一覧"]
    assert table.ref == "A1:D5" and table.autoFilter.ref == "A1:D5"
    assert read_cells(ledger, "会議", ["A5", "C5"]) == {"A5": "M-004", "C5": dt.date(2024, 2, 7)}


def test_append_rows_below_a_totals_row_is_refused(tmp_path):
    path = make_ledger(tmp_path / "集計行.xlsx", totals_row=True)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path, backups=0) as book:
            book.append_rows("会議", [["M-004"]])
    assert info.value.code == "table-totals-row" and "集計行" in str(info.value)


def test_append_rows_refuses_a_protected_sheet(ledger):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.append_rows("保護", [["x"]])
    assert info.value.code == "protected-cell"


# -- shared formulas and calcChain -----------------------------------------------------------
def _shared_formula_book(tmp_path: Path) -> Path:
    """A sheet with a shared formula B1:B6 (=A1*2 ...) written the way Excel writes them."""
    import xlsxwriter

    path = tmp_path / "共有数式.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("計算")
    for i in range(1, 7):
        ws.write_number(i - 1, 0, i * 10)
        ws.write_formula(i - 1, 1, f"=A{i}*2", None, i * 20)
    wb.close()
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = xml.replace("<f>A1*2</f>", '<f t="shared" ref="B1:B6" si="0">A1*2</f>')
    for i in range(2, 7):
        xml = xml.replace(f"<f>A{i}*2</f>", '<f t="shared" si="0"/>')
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_overwriting_a_shared_formula_master_hands_the_formula_on(tmp_path):
    path = _shared_formula_book(tmp_path)
    with edit_workbook(path, backups=0) as book:
        book.set_cell("計算", "B1", "手入力")
    xml = _part(path, "xl/worksheets/sheet1.xml")
    assert 't="shared"' not in xml
    for i in range(2, 7):
        assert re.search(rf'<c r="B{i}"><f>A{i}\*2</f><v>{i * 20}</v></c>', xml)
    assert read_cells(path, "計算", ["B1", "B3", "B6"]) == {"B1": "手入力", "B3": 60.0, "B6": 120.0}


def test_overwriting_a_formula_drops_calc_chain_consistently(tmp_path):
    path = _corpus_copy("formula_results01.xlsx", tmp_path)
    with zipfile.ZipFile(path) as z:
        assert "xl/calcChain.xml" in z.namelist()
    sheet = list(sheet_parts(path))[0]
    first_formula = re.search(r'<c r="([A-Z]+\d+)"[^>]*><f>', _part(path, sheet_parts(path)[sheet])).group(1)
    with edit_workbook(path, backups=0) as book:
        book.set_cell(sheet, first_formula, 1)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "xl/calcChain.xml" not in names
        assert "calcChain" not in z.read("[Content_Types].xml").decode()
        assert "calcChain" not in z.read("xl/_rels/workbook.xml.rels").decode()
        assert 'fullCalcOnLoad="1"' in z.read("xl/workbook.xml").decode()
        # Every relationship still points at a part that exists.
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        for rel in rels:
            if rel.get("TargetMode") != "External":
                assert "xl/" + rel.get("Target") in names


def test_array_formula_cells_are_refused(tmp_path):
    path = _corpus_copy("array_formula01.xlsx", tmp_path)
    xml = _part(path, "xl/worksheets/sheet1.xml")
    ref = re.search(r'<f t="array" ref="([A-Z]+\d+):([A-Z]+\d+)"', xml)
    if ref is None:
        pytest.skip("no multi-cell array formula in this corpus file")
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path, backups=0) as book:
            book.set_cell(list(book.sheet_names)[0], ref.group(2), 1)
    assert info.value.code == "array-formula"


# -- put_sheet -----------------------------------------------------------------------------
TALLY = [
    ["節", "事業名", "予算額", "契約日"],
    ["12 委託料", "孤独・孤立実態調査", 3454000, dt.date(2023, 6, 1)],
    ["12 委託料", "つながりサポーター養成", 2000000, dt.date(2023, 7, 3)],
    ["計", None, Formula("=SUM(C2:C3)", cached=5454000), None],
]


def test_put_sheet_adds_a_formatted_sheet(ledger):
    before = part_hashes(ledger)
    with edit_workbook(ledger, backups=0) as book:
        book.put_sheet("予算集計", TALLY, number_formats={"予算額": "yen", "契約日": "wareki"})
        assert book.sheet_names[-1] == "予算集計"
    g = grids(ledger)["予算集計"]
    assert g[1] == ["12 委託料", "孤独・孤立実態調査", 3454000.0, dt.date(2023, 6, 1)]
    assert g[3][:3] == ["計", "", 5454000.0]
    ws = openpyxl.load_workbook(ledger)["予算集計"]
    assert ws["C2"].number_format == "#,##0"
    assert ws["D2"].number_format == '[$-411]ggge"年"m"月"d"日";@'
    assert ws["C4"].value == "=SUM(C2:C3)" and ws["A1"].font.b
    assert ws.freeze_panes == "A2"
    assert "<vt:lpstr>予算集計</vt:lpstr>" in _part(ledger, "docProps/app.xml")
    after = part_hashes(ledger)
    for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml"):
        if name in before:
            assert after[name] == before[name]


def test_put_sheet_replaces_only_its_own_sheet(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.put_sheet("予算集計", TALLY)
    with edit_workbook(ledger, backups=0) as book:
        book.put_sheet("予算集計", [["節", "予算額"], ["計", 1]])
        assert book.sheet_names.count("予算集計") == 1
    assert grids(ledger)["予算集計"] == [["節", "予算額"], ["計", 1.0]]
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.put_sheet("名簿", [["x"]])
    assert info.value.code == "staff-sheet" and "名簿" in str(info.value)


@pytest.mark.parametrize("name", ["", "a" * 32, "予算[集計]", "予算/集計", "history", "'集計"])
def test_put_sheet_refuses_names_excel_refuses(ledger, name):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.put_sheet(name, [["x"]])
    assert info.value.code == "invalid-sheet-name"


def test_put_sheet_refuses_a_workbook_with_protected_structure(tmp_path, ledger):
    with zipfile.ZipFile(ledger) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"<bookViews>", b'<workbookProtection lockStructure="1"/><bookViews>')
    with zipfile.ZipFile(ledger, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.put_sheet("予算集計", TALLY)
    assert info.value.code == "protected-workbook"


# -- .xlsm ---------------------------------------------------------------------------------
def test_xlsm_keeps_its_macros(tmp_path):
    path = _corpus_copy("macro01.xlsm", tmp_path)
    before = part_hashes(path)
    with edit_workbook(path, backups=0) as book:
        book.set_cell(book.sheet_names[0], "C3", "マクロ付き")
        book.put_sheet("チェック結果", [["結果"], ["問題なし"]])
    after = part_hashes(path)
    assert path.suffix == ".xlsm"
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert "macroEnabled" in _part(path, "[Content_Types].xml")


# -- LibreOffice opens what the writer made --------------------------------------------------
def test_libreoffice_opens_and_calculates_the_results(tmp_path):
    shared = _shared_formula_book(tmp_path)
    with edit_workbook(shared, backups=0) as book:
        book.set_cell("計算", "B1", 0)
        book.set_cell("計算", "A4", 1000)  # B4 = A4*2 must be recalculated by LibreOffice
    grown = make_ledger(tmp_path / "会議.xlsx")
    with edit_workbook(grown, backups=0) as book:
        book.set_cell("会議", "A2", "_x0041_ と =1+1")
        book.append_rows("会議", [["M-004", "第4回", dt.date(2024, 2, 7), "改行\r\nあり"]])
    outdir = tmp_path / "csv"
    converted = libreoffice_convert([shared, grown], outdir, ALL_SHEETS_CSV, recalc=True)
    assert {"共有数式-計算", "会議-名簿", "会議-会議", "会議-保護"} <= converted
    rows = list(csv.reader(open(outdir / "共有数式-計算.csv", encoding="utf-8")))
    assert [r[1] for r in rows] == ["0", "40", "60", "2000", "100", "120"]
    rows = list(csv.reader(open(outdir / "会議-会議.csv", encoding="utf-8")))
    assert rows[1][0] == "_x0041_ と =1+1"
    assert rows[4] == ["M-004", "第4回", "2024/2/7", "改行\r\nあり"] or rows[4][:3] == ["M-004", "第4回", "2024/2/7"]
    assert "高齢者支援部会" in (outdir / "会議-名簿.csv").read_text(encoding="utf-8")


def test_libreoffice_shows_generated_sheet_formats(ledger, tmp_path):
    with edit_workbook(ledger, backups=0) as book:
        book.put_sheet("予算集計", TALLY, number_formats={"予算額": "yen", "契約日": '[$-ja-JP]ggge"年"m"月"d"日";@'})
    outdir = tmp_path / "csv"
    libreoffice_convert([ledger], outdir, ALL_SHEETS_CSV)
    rows = list(csv.reader(open(outdir / "台帳-予算集計.csv", encoding="utf-8")))
    assert rows[1] == ["12 委託料", "孤独・孤立実態調査", "3,454,000", "令和5年6月1日"]
    assert rows[3][:3] == ["計", "", "5,454,000"]


def test_appending_twice_in_one_edit_continues_below(ledger):
    with edit_workbook(ledger, backups=0) as book:
        assert book.append_rows("名簿", [["一人目", "A"]]) == (7, 7)
        assert book.append_rows("名簿", [["二人目", "B"], ["三人目", "C"]]) == (8, 9)
        assert book.append_rows("会議", [["M-004"]]) == (5, 5)
        assert book.append_rows("会議", [["M-005"]]) == (6, 6)
        book.set_cell("書式", "A9", "下の方")  # a value set by set_cell counts as used
        assert book.append_rows("書式", [["その下"]]) == (10, 10)
    got = read_cells(ledger, "名簿", ["A7", "A8", "A9"])
    assert got == {"A7": "一人目", "A8": "二人目", "A9": "三人目"}
    assert openpyxl.load_workbook(ledger)["名簿"]["A9"].border.left.style == "thin"
    assert openpyxl.load_workbook(ledger)["会議"].tables["会議一覧"].ref == "A1:D6"


def test_append_rows_under_a_sheet_autofilter_grows_the_filter(tmp_path):
    path = _corpus_copy("autofilter01.xlsx", tmp_path)
    assert '<autoFilter ref="A1:D51"/>' in _part(path, "xl/worksheets/sheet1.xml")
    with edit_workbook(path, backups=0) as book:
        assert book.append_rows("Sheet1", [["East", "Pear", 100, "May"], ["West", "Fig", 200, "June"]]) == (52, 53)
    assert '<autoFilter ref="A1:D53"/>' in _part(path, "xl/worksheets/sheet1.xml")
    assert ">Sheet1!$A$1:$D$53</definedName>" in _part(path, "xl/workbook.xml")
    ws = openpyxl.load_workbook(path)["Sheet1"]
    assert ws.auto_filter.ref == "A1:D53" and ws["B53"].value == "Fig"
