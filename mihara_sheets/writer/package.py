"""The workbook as an OPC package: zip entries, relationships, content types, sheets.

Parts are found through relationships, never by file name (sheet2.xml is not necessarily
the second tab). Reading is lazy: only the parts an edit needs are decompressed until the
package is written out.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .. import limits
from .errors import WriteRefused
from .xmlutil import CT_NS, PKG_REL_NS, REL_NS, STRICT_MAIN_NS, parse, q

OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_CALCCHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
REL_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# Zip-bomb guard: the reader's limits (mihara_sheets.limits), so a ledger that reads can be
# written back (the notes measured a 428 KB file expanding to 400 MB).
MAX_UNCOMPRESSED = limits.MAX_UNCOMPRESSED_TOTAL
MAX_RATIO = limits.MAX_RATIO


@dataclass
class Relationship:
    """One relationship of a part: id, type, resolved target part name, external or not."""

    rid: str
    type: str
    target: str
    external: bool


@dataclass
class SheetEntry:
    """A tab of the workbook as listed in workbook.xml, with its part when resolvable."""

    name: str
    sheet_id: int
    rid: str
    part: str | None
    rel_type: str
    index: int

    @property
    def is_worksheet(self) -> bool:
        """True for ordinary worksheets (not chart-, dialog- or macro sheets)."""
        return self.rel_type == REL_WORKSHEET


def rels_part(part: str) -> str:
    """The name of the relationships part belonging to ``part``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """Resolve a relationship target against the part that owns the relationship."""
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    """``open(path, "rb")`` with the writer's refusals for a missing file, a folder, no access."""
    try:
        with open(path, "rb") as fh:
            yield fh
    except FileNotFoundError:
        raise WriteRefused("file-not-found", file=path) from None
    except IsADirectoryError:
        raise WriteRefused("not-a-workbook", file=path, detail="フォルダです") from None
    except PermissionError:
        raise WriteRefused("file-locked", file=path, holder="他のプログラム") from None


def read_snapshot(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, taken through one open handle (so they belong together)."""
    with _opened(path) as fh:
        return fh.read(), os.fstat(fh.fileno())


def sniff(path: Path, head: bytes | None = None) -> None:
    """Refuse anything that is not a zip package before opening it as one."""
    if head is None:
        with _opened(path) as fh:
            head = fh.read(8)
    head = head[:8]
    if not head:
        raise WriteRefused("not-a-workbook", file=path, detail="空のファイルです")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WriteRefused(
            "not-a-workbook",
            file=path,
            detail="パスワードで保護されたブックか古い形式（.xls）です",
        )
    if not head.startswith(b"PK"):
        raise WriteRefused("not-a-workbook", file=path, detail="Excelのブックの形式ではありません")


class Package:
    """Read access to the parts of one workbook file, plus its sheet map."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        self.data = data  # the file's bytes when given: the package is read from them, not the disk
        sniff(path, data[:8] if data is not None else None)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
            self.infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise WriteRefused("not-a-workbook", file=path, detail=f"zipとして読めません: {exc}") from None
        self._cache: dict[str, bytes] = {}
        self._trees: dict[str, etree._ElementTree] = {}
        try:
            self._check_entries()
            self.workbook_part = self._find_workbook()
            self._load_workbook()
        except BaseException:
            self._zip.close()  # never leave the ledger open (Windows would keep it locked)
            raise

    # -- raw access -------------------------------------------------------------------
    def close(self) -> None:
        """Release the zip file handle."""
        self._zip.close()

    def names(self) -> list[str]:
        """Part names in their stored order."""
        return [i.filename for i in self.infos]

    def has(self, name: str) -> bool:
        """True when the package holds a part with this name."""
        return name in self._names

    def read(self, name: str) -> bytes:
        """The decompressed bytes of one part (cached)."""
        data = self._cache.get(name)
        if data is None:
            try:
                data = self._zip.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
                raise WriteRefused("not-a-workbook", file=self.path, detail=f"{name} を読めません: {exc}") from None
            self._cache[name] = data
        return data

    def tree(self, name: str) -> etree._ElementTree:
        """The parsed XML of one part (cached; callers may modify it)."""
        tree = self._trees.get(name)
        if tree is None:
            try:
                tree = parse(self.read(name), name)
            except WriteRefused as exc:
                raise exc.with_file(self.path) from None
            self._trees[name] = tree
        return tree

    def rels(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (empty when it has none)."""
        name = rels_part(part)
        if not self.has(name):
            return []
        out = []
        for rel in self.tree(name).getroot().iter(q("Relationship", PKG_REL_NS)):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            out.append(
                Relationship(
                    rid=rel.get("Id", ""),
                    type=rel.get("Type", ""),
                    target=target if external else resolve_target(part, target),
                    external=external,
                )
            )
        return out

    # -- checks ------------------------------------------------------------------------
    def _check_entries(self) -> None:
        names = [i.filename for i in self.infos]
        if len(set(names)) != len(names):
            raise WriteRefused("unsupported-workbook", file=self.path, detail="同じ名前の部品が重複しています")
        total = 0
        for info in self.infos:
            if info.flag_bits & 0x1:
                raise WriteRefused("unsupported-workbook", file=self.path, detail="zipが暗号化されています")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise WriteRefused("unsupported-workbook", file=self.path, detail="未対応の圧縮形式です")
            total += info.file_size
            if limits.suspicious_ratio(info.file_size, info.compress_size):
                raise WriteRefused("unsupported-workbook", file=self.path, detail="展開すると大きすぎます")
        if limits.too_large(total):
            raise WriteRefused("unsupported-workbook", file=self.path, detail="展開すると大きすぎます")
        self._names = set(names)
        if "[Content_Types].xml" not in self._names:
            raise WriteRefused("not-a-workbook", file=self.path, detail="[Content_Types].xml がありません")

    def _find_workbook(self) -> str:
        for rel in self.rels(""):
            if rel.type == STRICT_OFFICE_DOC:
                raise WriteRefused("unsupported-workbook", file=self.path, detail="Strict Open XML 形式です")
            if rel.type == OFFICE_DOC and not rel.external:
                if not self.has(rel.target):
                    break
                if not rel.target.endswith(".xml"):  # .xlsb keeps a binary workbook.bin
                    raise WriteRefused("not-a-workbook", file=self.path, detail="バイナリ形式（.xlsb）です")
                return rel.target
        raise WriteRefused("not-a-workbook", file=self.path, detail="ブック本体（workbook.xml）が見つかりません")

    def _load_workbook(self) -> None:
        root = self.tree(self.workbook_part).getroot()
        if root.tag != q("workbook"):
            if root.tag == q("workbook", STRICT_MAIN_NS):
                raise WriteRefused("unsupported-workbook", file=self.path, detail="Strict Open XML 形式です")
            raise WriteRefused("not-a-workbook", file=self.path, detail="ブック本体の形式が違います（.xlsb など）")
        pr = root.find(q("workbookPr"))
        self.date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        prot = root.find(q("workbookProtection"))
        self.structure_locked = prot is not None and prot.get("lockStructure", "0").lower() in ("1", "true")
        by_id = {r.rid: r for r in self.rels(self.workbook_part)}
        self.sheets: list[SheetEntry] = []
        sheets = root.find(q("sheets"))
        for index, el in enumerate(sheets if sheets is not None else []):
            if el.tag != q("sheet"):
                continue
            rid = el.get(q("id", REL_NS), "")
            rel = by_id.get(rid)
            part = rel.target if rel and not rel.external and self.has(rel.target) else None
            self.sheets.append(
                SheetEntry(
                    name=el.get("name", ""),
                    sheet_id=int(el.get("sheetId", "0") or 0),
                    rid=rid,
                    part=part,
                    rel_type=rel.type if rel else "",
                    index=index,
                )
            )

    def sheet(self, name: str) -> SheetEntry:
        """The sheet called ``name`` (exact name first, then case-insensitively as Excel does)."""
        for entry in self.sheets:
            if entry.name == name:
                return entry
        for entry in self.sheets:
            if entry.name.casefold() == name.casefold():
                return entry
        raise WriteRefused("no-such-sheet", file=self.path, sheet=name)

    def part_of_type(self, rel_type: str, owner: str | None = None) -> str | None:
        """The first internal part related to ``owner`` (default: the workbook) by type."""
        for rel in self.rels(owner if owner is not None else self.workbook_part):
            if rel.type == rel_type and not rel.external and self.has(rel.target):
                return rel.target
        return None

    def app_part(self) -> str | None:
        """docProps/app.xml (found through the package relationships), if present."""
        for rel in self.rels(""):
            if rel.type == REL_APP and not rel.external and self.has(rel.target):
                return rel.target
        return None


def content_types_add_override(tree: etree._ElementTree, part: str, content_type: str) -> None:
    """Register ``part`` in [Content_Types].xml with an Override."""
    root = tree.getroot()
    el = etree.SubElement(root, q("Override", CT_NS))
    el.set("PartName", "/" + part)
    el.set("ContentType", content_type)


def content_types_remove(tree: etree._ElementTree, part: str) -> None:
    """Remove the Override of ``part`` from [Content_Types].xml."""
    root = tree.getroot()
    for el in list(root.iter(q("Override", CT_NS))):
        if el.get("PartName", "").lstrip("/") == part:
            remove_element(el)


def remove_element(el: etree._Element) -> None:
    """Remove an element from its parent (its tail, only whitespace in these parts, goes too)."""
    el.getparent().remove(el)


_RID = re.compile(r"rId(\d+)$")


def new_rel_id(tree: etree._ElementTree) -> str:
    """A relationship id not yet used in this rels tree."""
    used = {el.get("Id", "") for el in tree.getroot()}
    n = 1
    for rid in used:
        m = _RID.match(rid)
        if m:
            n = max(n, int(m.group(1)) + 1)
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"
