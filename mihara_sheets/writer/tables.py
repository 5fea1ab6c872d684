"""Excel Tables (ListObjects) on a sheet: protect their headers, grow them on append."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .cells import make_range, parse_range
from .errors import WriteRefused
from .package import REL_TABLE, Package
from .xmlutil import q


@dataclass
class Table:
    """One table part of a sheet, with its range and header/totals row counts."""

    name: str
    part: str
    tree: etree._ElementTree
    r1: int
    c1: int
    r2: int
    c2: int
    header_rows: int
    totals_rows: int

    def is_header(self, row: int, col: int) -> bool:
        """True when (row, col) is one of the table's header cells."""
        return self.c1 <= col <= self.c2 and self.r1 <= row < self.r1 + self.header_rows

    def grow_to(self, last_row: int) -> None:
        """Extend the table (and its autofilter) down to ``last_row``."""
        if last_row <= self.r2:
            return
        root = self.tree.getroot()
        self.r2 = last_row
        root.set("ref", make_range(self.r1, self.c1, self.r2, self.c2))
        af = root.find(q("autoFilter"))
        if af is not None and af.get("ref"):
            a1, b1, a2, b2 = parse_range(af.get("ref"))
            af.set("ref", make_range(a1, b1, max(a2, last_row), b2))


def sheet_tables(package: Package, sheet_part: str) -> list[Table]:
    """The tables attached to a worksheet part."""
    tables = []
    for rel in package.rels(sheet_part):
        if rel.type != REL_TABLE or rel.external or not package.has(rel.target):
            continue
        tree = package.tree(rel.target)
        root = tree.getroot()
        try:
            r1, c1, r2, c2 = parse_range(root.get("ref", ""))
        except WriteRefused:
            raise WriteRefused("unsupported-workbook", detail=f"{rel.target} の範囲が読めません") from None
        tables.append(
            Table(
                name=root.get("displayName") or root.get("name") or "?",
                part=rel.target,
                tree=tree,
                r1=r1, c1=c1, r2=r2, c2=c2,
                header_rows=int(root.get("headerRowCount", "1")),
                totals_rows=int(root.get("totalsRowCount", "0")),
            )
        )
    return tables
