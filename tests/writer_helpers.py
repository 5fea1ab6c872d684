"""Helpers for the writer tests: real workbooks, part hashes, full-grid reads, LibreOffice."""

from __future__ import annotations

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


def libreoffice_convert(files: list[Path], outdir: Path, fmt: str = "csv", timeout: int = 900) -> set[str]:
    """Convert ``files`` in ONE headless LibreOffice run; return the stems converted."""
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir.parent / f"lo-profile-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
        check=False, capture_output=True, timeout=timeout,
    )
    shutil.rmtree(profile, ignore_errors=True)
    return {p.stem for p in outdir.iterdir() if p.stat().st_size > 0 or fmt == "csv"}


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
