"""Files that cannot be read at all: each gets a coded Japanese message naming it.

The bad files are real: an Excel file encrypted by msoffcrypto-tool, a legacy .xls written
by xlwt, a CSV renamed, a truncated zip, a zip bomb, an XML entity attack. Nothing here
may raise anything but LedgerReadError, and reading never changes a file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from mihara_sheets import LedgerReadError, load_ledger
from tests.factory import basic_councils, make_workbook, write_csv

TODAY = dt.date(2026, 11, 28)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "excel-made"


def read_error(*paths) -> LedgerReadError:
    with pytest.raises(LedgerReadError) as caught:
        load_ledger(*paths, today=TODAY)
    return caught.value


def single_code(*paths) -> str:
    error = read_error(*paths)
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert str(paths[0]) in problem.message
    assert problem.severity == "error"
    return problem.code


@pytest.fixture
def good(tmp_path) -> Path:
    return make_workbook(tmp_path / "good.xlsx", {"会議体": basic_councils()})


def test_missing_path(tmp_path):
    assert single_code(tmp_path / "ない.xlsx") == "file-not-found"


def test_folder(tmp_path):
    assert single_code(tmp_path) == "file-is-directory"


def test_empty_file(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert single_code(path) == "file-empty"


def test_not_an_excel_file(tmp_path):
    path = tmp_path / "画像.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    assert single_code(path) == "file-not-excel"


def test_zip_that_is_not_an_office_file(tmp_path):
    path = tmp_path / "アーカイブ.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert single_code(path) == "file-not-excel"


def test_csv_renamed_xlsx(tmp_path):
    path = write_csv(tmp_path / "会議体.xlsx", basic_councils()[1:], "cp932")
    assert single_code(path) == "file-renamed-csv"


def test_password_protected_workbook(tmp_path, good):
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    with good.open("rb") as handle:
        OOXMLFile(handle).encrypt("himitsu", encrypted)
    path = tmp_path / "保護.xlsx"
    path.write_bytes(encrypted.getvalue())
    assert single_code(path) == "file-encrypted"


def test_legacy_xls(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("会議体").write(0, 0, "会議体ID")
    path = tmp_path / "古い.xls"
    book.save(str(path))
    assert single_code(path) == "file-legacy-xls"


def test_truncated_zip(tmp_path, good):
    path = tmp_path / "途中まで.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert single_code(path) == "file-corrupt"


def test_corrupt_member_data(tmp_path, good):
    data = bytearray(good.read_bytes())
    # Flip bytes in the middle of the compressed data: the zip directory stays intact.
    middle = len(data) // 3
    data[middle : middle + 64] = bytes(64)
    path = tmp_path / "壊れ.xlsx"
    path.write_bytes(bytes(data))
    assert single_code(path) == "file-corrupt"


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "爆弾.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert single_code(path) == "file-too-large"


def test_xml_entity_expansion_is_refused(tmp_path, good):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    path = tmp_path / "実体.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = laughs + data.split(b"?>", 1)[1]
            target.writestr(info, data)
    assert single_code(path) == "file-unsafe-xml"


def test_path_the_system_cannot_open(tmp_path):
    assert single_code(tmp_path / ("長" * 200 + ".xlsx")) == "file-unreadable"


def test_csv_in_an_unknown_encoding(tmp_path):
    path = tmp_path / "会議体.csv"
    # A lead byte of Shift_JIS followed by a space is invalid in cp932 and in UTF-8.
    path.write_bytes("会議体ID,会議体名\n".encode("cp932") + b"\x81 ,\x81 \n")
    assert single_code(path) == "csv-encoding"


def test_every_unreadable_file_is_reported_together(tmp_path, good):
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    error = read_error(tmp_path / "ない.xlsx", good, empty)
    assert [p.code for p in error.problems] == ["file-not-found", "file-empty"]


def test_workbook_without_ledger_sheets_is_a_problem_not_a_crash(tmp_path):
    path = make_workbook(tmp_path / "関係ない.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})
    ledger = load_ledger(path, today=TODAY)
    assert [(p.code, p.file) for p in ledger.problems] == [("no-ledger-sheet", str(path))]
    assert not ledger.ok


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_every_workbook_made_in_excel_reads_without_error_and_is_left_unchanged():
    files = sorted(CORPUS.glob("*.xls[xm]"))
    assert len(files) > 500
    before = {f: (f.stat().st_size, f.stat().st_mtime_ns) for f in files}
    for path in files:
        ledger = load_ledger(path, today=TODAY)
        # None of them is a ledger: each says so, and nothing else goes wrong.
        assert {p.code for p in ledger.problems} <= {"no-ledger-sheet", "no-header-row"}, path.name
    assert {f: (f.stat().st_size, f.stat().st_mtime_ns) for f in files} == before


# -- sheets read in the background ----------------------------------------------------

READERS = {"on one CPU": (10**12, 1), "one reader": (10**12, 2), "two readers": (0, 2)}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("readers", READERS)
def test_background_reading_gives_python_calamines_own_cells_in_tab_order_whatever_the_order(
    monkeypatch, readers,
):
    import python_calamine

    from mihara_sheets.sources import xlsx
    from mihara_sheets.sources.xlsx import open_xlsx

    two_readers_from, cpus = READERS[readers]
    monkeypatch.setattr(xlsx, "TWO_READERS_FROM_BYTES", two_readers_from)
    monkeypatch.setattr(xlsx, "_usable_cpus", lambda: cpus)
    for path in sorted(CORPUS.glob("*.xls[xm]"))[::3]:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        expected = [
            (meta.name, book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False))
            for meta in book.sheets_metadata if "WorkSheet" in str(meta.typ)
        ]
        book.close()
        grids = open_xlsx(path, reading_order=lambda name: -len(name))  # not tab order
        assert [(g.sheet, g.rows) for g in grids] == expected, path.name


def _with_broken_sheet(tmp_path, sheets, broken_sheet_file):
    good = make_workbook(tmp_path / "元.xlsx", sheets)
    path = tmp_path / "一部破損.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == f"xl/worksheets/{broken_sheet_file}":
                data = b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>'
            target.writestr(info, data)
    return path


@pytest.mark.parametrize("readers", READERS)
@pytest.mark.parametrize("broken", ["sheet1.xml", "sheet2.xml"])  # a table's sheet, and a note sheet
def test_a_sheet_that_cannot_be_read_fails_the_file_whether_a_table_needs_it_or_not(
    tmp_path, monkeypatch, broken, readers,
):
    from mihara_sheets.sources import xlsx

    two_readers_from, cpus = READERS[readers]
    monkeypatch.setattr(xlsx, "TWO_READERS_FROM_BYTES", two_readers_from)
    monkeypatch.setattr(xlsx, "_usable_cpus", lambda: cpus)
    path = _with_broken_sheet(tmp_path, {"会議体": basic_councils(), "メモ": [["自由なメモ"]]}, broken)
    assert single_code(path) == "file-corrupt"


def test_a_broken_sheet_and_an_unopenable_file_are_reported_together(tmp_path):
    broken = _with_broken_sheet(tmp_path, {"会議体": basic_councils(), "予算": [["年度"]]}, "sheet2.xml")
    missing = tmp_path / "ない.xlsx"
    error = read_error(broken, missing)
    assert [(p.code, p.file) for p in error.problems] == [
        ("file-corrupt", str(broken)), ("file-not-found", str(missing))]


# -- the garbage collector ---------------------------------------------------------------

def test_reading_leaves_the_collector_as_it_found_it_and_a_programs_frozen_objects_frozen(tmp_path):
    import gc

    path = make_workbook(tmp_path / "台帳.xlsx", {"会議体": basic_councils()})
    assert gc.isenabled() and gc.get_freeze_count() == 0
    load_ledger(path, today=TODAY)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        load_ledger(path, today=TODAY)
        # Neither released (unfreeze would empty it) nor joined by the ledger (freeze would
        # add thousands): only a frozen temporary the run let go may have left.
        assert frozen - 10 <= gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        load_ledger(path, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert kept


def test_a_programs_garbage_cycles_are_not_kept_alive_by_loading_ledger_after_ledger(tmp_path):
    """Reading moves what it made to the collector's oldest generation: the caller's
    uncollected cycles (a document's tree, say) must not go with it, or a program that
    loads one ledger after another would grow without end."""
    import gc
    import weakref

    class Node:
        pass

    path = make_workbook(tmp_path / "台帳.xlsx", {"会議体": basic_councils()})
    gc.collect()
    refs = []
    for _ in range(3):
        node = Node()
        node.self = node  # a cycle only the collector can free
        refs.append(weakref.ref(node))
        del node
        load_ledger(path, today=TODAY)
    assert [ref() for ref in refs] == [None, None, None]


def test_a_path_given_twice_is_reported_twice(tmp_path):
    missing = tmp_path / "ない.xlsx"
    assert [p.code for p in read_error(missing, missing).problems] == ["file-not-found"] * 2


def test_a_date_cell_holding_a_number_no_date_can_have_is_a_problem_not_a_panic(tmp_path):
    # python-calamine panics on it (pyo3's PanicException, a BaseException).
    import xlsxwriter

    path = tmp_path / "l.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("会議")
    sheet.write_row(0, 0, ["会議ID", "会議体ID", "開催日"])
    sheet.write_row(1, 0, ["M1", "K01"])
    sheet.write_number(1, 2, -1e20, book.add_format({"num_format": "yyyy/m/d"}))
    book.close()
    assert single_code(path) == "file-corrupt"
    assert "日付" in read_error(path).problems[0].message


def test_a_csv_field_past_the_csv_modules_limit_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "会議.csv"
    path.write_text("会議ID,会議体ID,概要\nM1,K01," + "x" * 131_073 + "\n", encoding="utf-8")
    assert single_code(path) == "file-corrupt"


# -- CSV exports named as they arrive ---------------------------------------------------------

def test_a_csv_is_recognised_by_its_table_name_anywhere_in_its_file_name(tmp_path):
    councils = write_csv(tmp_path / "会議体一覧_2026.csv", [["会議体ID", "会議体名"], ["KOR", "高齢者支援部会"]])
    roster = write_csv(tmp_path / "名簿_kintone.csv", [["会議体ID", "氏名"], ["KOR", "広島 花子"]])
    again = write_csv(tmp_path / "委員名簿 (1).csv", [["会議体ID", "氏名"], ["KOR", "尾道 太郎"]])
    own = write_csv(tmp_path / "高齢者支援部会名簿 - コピー.csv", [["氏名"], ["福山 次郎"]])
    ledger = load_ledger(councils, roster, again, own)
    assert sorted(m.name for m in ledger.members) == sorted(["広島 花子", "尾道 太郎", "福山 次郎"])
    assert {m.council_id for m in ledger.members} == {"KOR"}


def test_problems_in_a_csv_name_the_file(tmp_path):
    councils = write_csv(tmp_path / "会議体.csv", [["会議体ID", "会議体名"], ["KOR", "高齢者支援部会"]])
    meetings = write_csv(tmp_path / "会議_kintone.csv", [["会議ID", "会議体ID", "開催日"], ["M1", "KOR", "令和8年2月30日"]])
    [problem] = [p for p in load_ledger(councils, meetings).problems if p.code == "nonexistent-date"]
    assert problem.sheet == "会議_kintone.csv" and problem.location == "会議_kintone.csv!C2"
    assert problem.message.startswith("会議_kintone.csv!C2の")
