"""Helpers for the writer tests: real workbooks, part hashes, full-grid reads, LibreOffice."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
import python_calamine

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "excel-made"


def corpus_files() -> list[Path]:
    """Every workbook of the shared Excel-made corpus (empty when it is not there)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm"))


def need_corpus() -> None:
    """Skip with a clear reason when ../shared/corpus/excel-made is absent."""
    if not corpus_files():
        pytest.skip(f"corpus of Excel-made workbooks not found at {CORPUS}")


def part_hashes(path: Path) -> dict[str, str]:
    """{part name: sha256 of its decompressed bytes}."""
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def grids(path: Path) -> dict[str, list[list[Any]]]:
    """Every worksheet's values as python-calamine reads them, from A1."""
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        out = {}
        for meta in wb.sheets_metadata:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet") and "WorkSheet" not in str(meta.typ):
                continue
            out[meta.name] = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        return out
    finally:
        wb.close()


def cell_of(grid: list[list[Any]], row: int, col: int) -> Any:
    """Value at 1-based (row, col) of a grid, "" outside it."""
    if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
        return grid[row - 1][col - 1]
    return ""


def soffice() -> str:
    """Path of LibreOffice's soffice, or skip."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


# LibreOffice ignores fullCalcOnLoad; this profile setting makes it recalculate xlsx on load.
_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_convert(
    files: list[Path], outdir: Path, fmt: str = "csv", timeout: int = 900, recalc: bool = False
) -> set[str]:
    """Convert ``files`` in ONE headless LibreOffice run; return the stems of the outputs.

    With ``fmt=ALL_SHEETS_CSV`` every sheet is written (as shown) to ``<stem>-<sheet>.csv``;
    ``recalc`` makes LibreOffice recalculate every formula on load (a private profile).
    """
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir.parent / f"lo-profile-{uuid.uuid4().hex[:8]}"
    if recalc:
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
    try:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
            check=False, capture_output=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pass  # subprocess.run killed it; the files it did not reach are reported missing
    shutil.rmtree(profile, ignore_errors=True)
    return {p.stem for p in outdir.iterdir()}


_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _resolve(base_part: str, target: str) -> str:
    import posixpath

    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _rels(z: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    import posixpath

    from lxml import etree

    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in z.namelist():
        return []
    root = etree.fromstring(z.read(rels))
    return [(r.get("Id"), r.get("Type"), _resolve(part, r.get("Target")))
            for r in root.iter(_PKG_REL) if r.get("TargetMode") != "External"]


def sheet_parts(path: Path) -> dict[str, str]:
    """{sheet name: part name}, resolved independently of the writer (lxml + zipfile)."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        wb = next(t for _, typ, t in _rels(z, "") if typ.endswith("/officeDocument"))
        by_id = {rid: target for rid, _, target in _rels(z, wb)}
        root = etree.fromstring(z.read(wb))
        ns = root.nsmap.get(None)
        return {s.get("name"): by_id.get(s.get(_R_ID)) for s in root.iter(f"{{{ns}}}sheet")}


def related_parts(path: Path, part: str, type_suffix: str) -> set[str]:
    """Parts related to ``part`` by a relationship type ending in ``type_suffix``."""
    with zipfile.ZipFile(path) as z:
        return {t for _, typ, t in _rels(z, part) if typ.endswith(type_suffix)}


def make_ledger(path: Path, *, date_1904: bool = False, totals_row: bool = False) -> Path:
    """A small staff-like ledger made with XlsxWriter.

    名簿: a merged title A1:E1, header on row 3, three data rows with borders, a date and a
    yen column. 会議: an Excel Table A1:D4 (header + 3 rows). 保護: a protected sheet whose
    B2 is unlocked. 書式: A1 bold.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"date_1904": date_1904})
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = wb.add_format({"border": 1})
    date = wb.add_format({"border": 1, "num_format": "yyyy/m/d"})
    yen = wb.add_format({"border": 1, "num_format": "#,##0"})
    ws = wb.add_worksheet("名簿")
    ws.merge_range("A1:E1", "高齢者支援部会 委員名簿（令和5年4月1日現在）", title)
    for c, h in enumerate(["氏名", "所属", "任期開始", "報酬", "備考"]):
        ws.write(2, c, h, head)
    people = [("山田 太郎", "三原市社会福祉協議会", dt.date(2023, 4, 1), 5000, ""),
              ("佐藤 花子", "地域包括支援センター", dt.date(2023, 4, 1), 5000, "再任"),
              ("髙橋 一郎", "三原市医師会", dt.date(2022, 10, 1), 8000, "")]
    for r, (name, org, start, fee, note) in enumerate(people, start=3):
        ws.write_string(r, 0, name, text)
        ws.write_string(r, 1, org, text)
        ws.write_datetime(r, 2, dt.datetime.combine(start, dt.time()), date)
        ws.write_number(r, 3, fee, yen)
        ws.write_string(r, 4, note, text)
    ws2 = wb.add_worksheet("会議")
    data = [["M-001", "第1回", dt.date(2023, 5, 10), "市役所"],
            ["M-002", "第2回", dt.date(2023, 8, 2), "福祉会館"],
            ["M-003", "第3回", dt.date(2023, 11, 15), "市役所"]]
    if totals_row:
        ws2.add_table("A1:D5", {"name": "会議一覧", "total_row": True, "columns": [
            {"header": "会議ID", "total_string": "計"}, {"header": "回"},
            {"header": "開催日", "format": date}, {"header": "会場", "total_function": "count"}]})
    else:
        ws2.add_table("A1:D4", {"name": "会議一覧", "columns": [
            {"header": "会議ID"}, {"header": "回"}, {"header": "開催日", "format": date}, {"header": "会場"}]})
    for r, row in enumerate(data, start=1):
        ws2.write_string(r, 0, row[0])
        ws2.write_string(r, 1, row[1])
        ws2.write_datetime(r, 2, dt.datetime.combine(row[2], dt.time()), date)
        ws2.write_string(r, 3, row[3])
    ws3 = wb.add_worksheet("保護")
    ws3.write("A1", "ロックされたセル")
    ws3.write("B2", "入力欄", wb.add_format({"locked": False}))
    ws3.protect()
    ws4 = wb.add_worksheet("書式")
    ws4.write("A1", "太字", wb.add_format({"bold": True}))
    ws4.write("A2", 3)
    ws4.write_formula("A3", "=A2*2", None, 6)
    wb.close()
    return path
