"""The parts of an xlsx package the reader needs, and damage to them told in Japanese.

The workbook part is found through the package's relationships (``_rels/.rels``), its
sheets through the workbook's (``xl/_rels/workbook.xml.rels``): a package without them, or
naming a sheet part it does not hold, is damaged (``file-corrupt``), never an empty ledger.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from ..problems import Problem, make_problem
from .errors import SourceError

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OFFICE_DOCUMENT = "/officeDocument"
WORKSHEET = "/worksheet"


@dataclass(frozen=True)
class SheetPart:
    """Where a worksheet's cells are: its part, the part's size and the XML's first bytes."""

    part: str
    size: int
    head: bytes


def sheet_parts(package: zipfile.ZipFile, shown: str) -> dict[str, str]:
    """Each worksheet's name and the package part holding its cells, in tab order."""
    names = set(package.namelist())
    workbook = next((target for kind, target in _relationships(package, "_rels/.rels", "", shown)
                     if kind.endswith(OFFICE_DOCUMENT)), None)
    if workbook is None or workbook not in names:
        raise SourceError(corrupt(shown, "ブックの本体（xl/workbook.xml）がありません"))
    base = posixpath.dirname(workbook)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
    targets = {rid: (kind, target) for rid, kind, target in _relationships_by_id(package, rels_name, base, shown)}
    root = _xml(package, workbook, shown)
    parts: dict[str, str] = {}
    for sheet in root.iter(f"{_MAIN}sheet"):
        kind, target = targets.get(sheet.get(_R_ID, ""), ("", ""))
        if not kind.endswith(WORKSHEET):
            continue  # a chart sheet or dialog sheet: no cells to read
        name = sheet.get("name", "")
        if target not in names:
            raise SourceError(corrupt(shown, f"シート「{name}」のデータ（{target or 'なし'}）がありません"))
        parts[name] = target
    return parts


def _relationships(package, rels_name, base, shown):  # noqa: ANN001, ANN202
    return [(kind, target) for _, kind, target in _relationships_by_id(package, rels_name, base, shown)]


def _relationships_by_id(package: zipfile.ZipFile, rels_name: str, base: str, shown: str):  # noqa: ANN202
    if rels_name not in package.namelist():
        raise SourceError(corrupt(shown, f"パッケージの関連付け（{rels_name}）がありません"))
    found = []
    for rel in _xml(package, rels_name, shown).iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        found.append((rel.get("Id", ""), rel.get("Type", ""), target))
    return found


def _xml(package: zipfile.ZipFile, name: str, shown: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(read_part(package, name, shown))
    except ElementTree.ParseError as exc:
        raise SourceError(corrupt(shown, f"{name} のXMLが壊れています（{exc}）")) from None


def read_part(package: zipfile.ZipFile, name: str, shown: str) -> bytes:
    """A part's bytes, its compressed data and checksum checked; damage is ``file-corrupt``."""
    try:
        return package.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise SourceError(corrupt(shown, damage_detail(exc, name))) from None


def damage_detail(exc: BaseException, part: str | None = None) -> str:
    """What is wrong with a package, in Japanese, for ``file-corrupt``'s ``{detail}``."""
    text = str(exc)
    part_of = f"{part} の" if part else ""
    if isinstance(exc, zlib.error) or "decompress" in text.lower() or "deflate" in text.lower():
        return f"{part_of}圧縮されたデータが壊れています"
    if "CRC" in text:
        return f"{part_of}データの検査値（CRC）が合いません"
    if isinstance(exc, EOFError) or "truncated" in text.lower() or "End-of-central-directory" in text:
        return f"ファイルが途中で切れています{'（' + part + '）' if part else ''}"
    if isinstance(exc, NotImplementedError):
        return f"{part_of}圧縮方式に対応していません"
    if isinstance(exc, zipfile.BadZipFile):
        return f"ZIPの構造が壊れています{'（' + part + '）' if part else ''}"
    return f"{part_of}読み込みに失敗しました（{type(exc).__name__}）"


def corrupt(shown: str, detail: str) -> Problem:
    """The ``file-corrupt`` problem for ``shown``."""
    return make_problem("file-corrupt", file=shown, detail=detail)
