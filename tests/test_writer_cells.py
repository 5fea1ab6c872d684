"""set_cell / set_cells: values, text safety, styles, and refusals."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from mihara_sheets.writer import Formula, WriteRefused, edit_workbook, read_cells
from tests.writer_helpers import file_hash, make_ledger, part_hashes, sheet_parts


@pytest.fixture
def ledger(tmp_path):
    return make_ledger(tmp_path / "台帳.xlsx")


def _sheet_xml(path, sheet) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(sheet_parts(path)[sheet]).decode()


def _cell_xml(path, sheet, ref) -> str:
    m = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', _sheet_xml(path, sheet), re.S)
    return m.group() if m else ""


def test_every_value_type_reads_back(ledger):
    values = {
        "G1": "文字列", "G2": 3454000, "G3": Decimal("12.50"), "G4": 0.1, "G5": True, "G6": False,
        "G7": dt.date(2024, 4, 1), "G8": dt.datetime(2024, 4, 1, 14, 30), "G9": -7,
    }
    with edit_workbook(ledger, backups=0) as book:
        book.set_cells("書式", values)
    got = read_cells(ledger, "書式", values)
    assert got["G1"] == "文字列"
    assert got["G2"] == 3454000 and got["G9"] == -7
    assert got["G3"] == 12.5 and got["G4"] == 0.1
    assert got["G5"] is True and got["G6"] is False
    assert got["G7"] == dt.date(2024, 4, 1)
    assert got["G8"] == dt.datetime(2024, 4, 1, 14, 30)
    # A second, independent reader agrees (openpyxl only reads here, never saves).
    ws = openpyxl.load_workbook(ledger)["書式"]
    assert ws["G2"].value == 3454000 and ws["G7"].value == dt.datetime(2024, 4, 1)
    assert ws["G7"].is_date and ws["G8"].value == dt.datetime(2024, 4, 1, 14, 30)


def test_none_clears_the_value_but_keeps_the_style(ledger):
    before = _cell_xml(ledger, "名簿", "D4")
    style = re.search(r's="(\d+)"', before).group(1)
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "D4", None)
    assert _cell_xml(ledger, "名簿", "D4") == f'<c r="D4" s="{style}"/>'
    assert read_cells(ledger, "名簿", ["D4"])["D4"] == ""


def test_written_cell_keeps_its_style(ledger):
    before = openpyxl.load_workbook(ledger)["名簿"]["B5"]
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "B5", "三原市民生委員児童委員協議会")
    after = openpyxl.load_workbook(ledger)["名簿"]["B5"]
    assert after.value == "三原市民生委員児童委員協議会"
    assert after.border.left.style == before.border.left.style == "thin"


def test_date_into_a_general_cell_gets_a_date_format(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "E4", dt.date(2025, 3, 31))  # a bordered text cell
    cell = openpyxl.load_workbook(ledger)["名簿"]["E4"]
    assert cell.is_date and cell.number_format == "yyyy/m/d"
    assert cell.border.left.style == "thin"  # the rest of its look stays
    assert read_cells(ledger, "名簿", ["E4"])["E4"] == dt.date(2025, 3, 31)


def test_number_into_a_date_cell_is_shown_as_a_number(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "C4", 42)
    assert read_cells(ledger, "名簿", ["C4"])["C4"] == 42.0


def test_dates_in_a_1904_workbook(tmp_path):
    path = make_ledger(tmp_path / "1904.xlsx", date_1904=True)
    with edit_workbook(path, backups=0) as book:
        book.set_cell("名簿", "C5", dt.date(2024, 2, 29))
    assert read_cells(path, "名簿", ["C4", "C5"]) == {"C4": dt.date(2023, 4, 1), "C5": dt.date(2024, 2, 29)}


@pytest.mark.parametrize("text", ["=1+1", "+81-90-1234-5678", "-5", "@SUM(A1:A3)", "=cmd|' /C calc'!A0"])
def test_formula_like_text_is_stored_as_text(ledger, text):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("書式", "B1", text)
    xml = _cell_xml(ledger, "書式", "B1")
    assert "<f>" not in xml and 't="inlineStr"' in xml
    assert read_cells(ledger, "書式", ["B1"])["B1"] == text
    cell = openpyxl.load_workbook(ledger)["書式"]["B1"]
    assert cell.data_type == "s" and cell.value == text


@pytest.mark.parametrize("text", ["行1\r\n行2", "タブ\tあり", "制御\x01\x1f文字", "_x0041_ はそのまま", "  前後の空白  ", "<&>\"'"])
def test_awkward_text_round_trips(ledger, text):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("書式", "C1", text)
    assert read_cells(ledger, "書式", ["C1"])["C1"] == text
    if not re.search("[\x00-\x08\x0b-\x1f]|_x[0-9A-F]{4}_", text):  # openpyxl never decodes _xHHHH_
        assert openpyxl.load_workbook(ledger)["書式"]["C1"].value == text


def test_control_characters_are_escaped_as_excel_does(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("書式", "C1", "a\rb\x01c_x0041_")
    assert "a_x000D_b_x0001_c_x005F_x0041_" in _cell_xml(ledger, "書式", "C1")


def test_longest_text_is_accepted_and_one_more_refused(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("書式", "D1", "あ" * 32767)
    assert read_cells(ledger, "書式", ["D1"])["D1"] == "あ" * 32767
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("書式", "D2", "あ" * 32768)
    assert info.value.code == "value-too-long"
    assert "32,768文字" in info.value.message and info.value.cell == "D2"
    assert file_hash(ledger) == digest  # the refusal inside the block wrote nothing


@pytest.mark.parametrize("value,detail", [
    (math.nan, "数値"), (math.inf, "数値"), (Decimal("NaN"), "数値"), (object(), "型"),
    (dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "タイムゾーン"), (dt.date(1899, 12, 31), "日付"),
    (2**60, "桁数"), (dt.time(10, 0), "型"),
])
def test_values_excel_cannot_hold_are_refused(ledger, value, detail):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("書式", "E1", value)
    assert info.value.code == "invalid-value"
    assert detail in str(info.value) and "書式!E1" in str(info.value)


@pytest.mark.parametrize("ref", ["7B", "XFE1", "A0", "A1048577", "", "B 7"])
def test_bad_addresses_are_refused(ledger, ref):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("書式", ref, 1)
    assert info.value.code == "invalid-cell"


def test_unknown_sheet_is_refused(ledger):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("委員名簿", "A1", 1)
    exc = info.value
    assert exc.code == "no-such-sheet" and exc.sheet == "委員名簿" and exc.file == str(ledger)
    assert str(exc) == "シート「委員名簿」がファイル「台帳.xlsx」にありません。シート名を確認してください。"


def test_sheet_names_match_case_insensitively_like_excel(tmp_path):
    import xlsxwriter

    path = tmp_path / "en.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Roster")
    wb.close()
    with edit_workbook(path, backups=0) as book:
        assert book.sheet_names == ["Roster"]
        book.set_cell("roster", "A1", "x")
    assert read_cells(path, "Roster", ["A1"]) == {"A1": "x"}


def test_merged_cell_other_than_its_anchor_is_refused(ledger):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("名簿", "B1", "x")
    assert info.value.code == "merged-cell"
    assert str(info.value) == ("名簿!B1 は結合セルの一部のため書き込めません。"
                               "結合範囲の左上のセル（名簿!A1）に書き込んでください。")
    with edit_workbook(ledger, backups=0) as book:  # the anchor itself is fine
        book.set_cell("名簿", "A1", "委員名簿（令和6年4月1日現在）")
    assert read_cells(ledger, "名簿", ["A1"])["A1"] == "委員名簿（令和6年4月1日現在）"


def test_table_header_is_refused_but_its_body_is_not(ledger):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("会議", "C1", "日付")
    assert info.value.code == "table-header" and "会議一覧" in str(info.value)
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("会議", "D3", "オンライン")
    assert read_cells(ledger, "会議", ["D3"])["D3"] == "オンライン"


def test_locked_cell_on_a_protected_sheet_is_refused(ledger):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("保護", "A1", "x")
    assert info.value.code == "protected-cell" and "シート保護の解除" in str(info.value)
    with pytest.raises(WriteRefused) as info:  # a new cell is locked by default too
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("保護", "F9", "x")
    assert info.value.code == "protected-cell"
    with edit_workbook(ledger, backups=0) as book:  # the unlocked input cell is writable
        book.set_cell("保護", "B2", "入力済み")
    assert read_cells(ledger, "保護", ["B2"])["B2"] == "入力済み"
    assert "<sheetProtection" in _sheet_xml(ledger, "保護")


def test_overwriting_a_formula_keeps_other_formulas(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("書式", "A3", 100)
    xml = _sheet_xml(ledger, "書式")
    assert "<f>" not in _cell_xml(ledger, "書式", "A3")
    assert read_cells(ledger, "書式", ["A3"])["A3"] == 100.0
    assert "fullCalcOnLoad" not in xml  # sheet untouched elsewhere


def test_formula_written_on_purpose_keeps_its_cached_value(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "D7", Formula("=SUM(D4:D6)", cached=18000))
    assert "<f>SUM(D4:D6)</f><v>18000</v>" in _cell_xml(ledger, "名簿", "D7")
    assert read_cells(ledger, "名簿", ["D7"])["D7"] == 18000.0
    with zipfile.ZipFile(ledger) as z:
        assert 'fullCalcOnLoad="1"' in z.read("xl/workbook.xml").decode()


def test_only_the_edited_sheet_changes(ledger):
    before = part_hashes(ledger)
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "B4", "三原市社協")
    after = part_hashes(ledger)
    changed = {p for p in before if before[p] != after[p]}
    assert changed == {sheet_parts(ledger)["名簿"]}
    assert set(after) == set(before)


def test_untouched_rows_keep_their_exact_bytes(ledger):
    xml_before = _sheet_xml(ledger, "名簿")
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "E5", "退任予定")
    xml_after = _sheet_xml(ledger, "名簿")
    row = lambda xml, n: re.search(rf'<row r="{n}".*?</row>', xml, re.S).group()  # noqa: E731
    for n in (1, 3, 4, 6):
        assert row(xml_after, n) == row(xml_before, n)
    assert xml_after.split("<sheetData>")[0].replace('ref="A1:E6"', "") == xml_before.split("<sheetData>")[0].replace('ref="A1:E6"', "")


def test_date_and_datetime_follow_the_cells_own_format(tmp_path):
    import xlsxwriter

    path = tmp_path / "日時.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("会議")
    ws.write_datetime("A1", dt.datetime(2023, 6, 12, 14, 0), wb.add_format({"num_format": "yyyy/m/d h:mm"}))
    ws.write_datetime("A2", dt.datetime(2023, 6, 12), wb.add_format({"num_format": "yyyy/m/d"}))
    wb.close()
    with edit_workbook(path, backups=0) as book:
        book.set_cell("会議", "A1", dt.date(2024, 1, 9))  # a date into a date-time cell
        book.set_cell("会議", "A2", dt.datetime(2024, 1, 9, 10, 30))  # a date-time into a date cell
    ws = openpyxl.load_workbook(path)["会議"]
    assert ws["A1"].number_format == "yyyy/m/d h:mm" and ws["A1"].value == dt.datetime(2024, 1, 9)
    assert ws["A2"].number_format == "yyyy/m/d" and ws["A2"].value == dt.datetime(2024, 1, 9, 10, 30)
