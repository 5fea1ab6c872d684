"""Splicing cells into a worksheet part as text.

The sheet is never re-serialised: rows and cells that are not written keep their exact
bytes. Only ``<sheetData>`` is cut into rows (and the edited rows into cells) with
anchored regular expressions; what lies outside it is parsed read-only (with the rows
left out, so it is cheap) to learn merged ranges, protection and column styles.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lxml import etree

from .cells import make_range, parse_range, parse_ref
from .errors import WriteRefused
from .xmlutil import MAIN_NS, STRICT_MAIN_NS, escape_text, parse, q

_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>/]")
_ATTR_R = re.compile(rb'\sr="([^"]*)"')
_ATTR_S = re.compile(rb'\ss="(\d+)"')
_ATTR_SPANS = re.compile(rb'\sspans="(\d+):(\d+)"')
_CELL_REF = re.compile(rb"([A-Z]+)(\d+)")


@dataclass
class Row:
    """One ``<row>`` of sheetData: its number and byte span within the sheetData body."""

    number: int
    start: int
    end: int
    has_r: bool


@dataclass
class CellInfo:
    """What the writer needs to know about an existing cell before replacing it."""

    style: int
    formula: bytes | None  # the <f ...> start tag (or whole element) when the cell has one
    xml: bytes


@dataclass
class Meta:
    """Read-only facts from outside sheetData."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    protected: bool = False
    col_styles: list[tuple[int, int, int]] = field(default_factory=list)  # (min, max, style)
    dimension: tuple[int, int, int, int] | None = None
    autofilter: tuple[int, int, int, int] | None = None


class SheetXml:
    """A worksheet part being edited: pending cell writes, spliced in by :meth:`render`."""

    def __init__(self, data: bytes, part: str) -> None:
        self.part = part
        self.data = data
        m = _ROOT.search(data, 0, 4096)
        if not m:
            raise WriteRefused("unsupported-workbook", detail=f"{part} はワークシートではありません")
        prefix = m.group(1)
        self.p = (prefix + b":") if prefix else b""
        root_tag_end = data.index(b">", m.start())
        root_tag = data[m.start(): root_tag_end]
        if STRICT_MAIN_NS.encode() in root_tag:
            raise WriteRefused("unsupported-workbook", detail="Strict Open XML 形式です")
        decl = b"xmlns:" + prefix + b'="' if prefix else b'xmlns="'
        if decl + MAIN_NS.encode() + b'"' not in root_tag:
            raise WriteRefused("unsupported-workbook", detail=f"{part} の名前空間が想定外です")
        p = re.escape(self.p)
        sd = re.search(rb"<" + p + rb"sheetData\b[^>]*?(/?)>", data)
        if not sd:
            raise WriteRefused("unsupported-workbook", detail=f"{part} にセルの領域がありません")
        if sd.group(1):  # <sheetData/>
            self.head = data[: sd.start()] + b"<" + self.p + b"sheetData>"
            self.body = b""
            self.tail = b"</" + self.p + b"sheetData>" + data[sd.end():]
            after = sd.end()
        else:
            close = data.find(b"</" + self.p + b"sheetData>", sd.end())
            if close < 0:
                raise WriteRefused("unsupported-workbook", detail=f"{part} のXMLが壊れています")
            self.head = data[: sd.end()]
            self.body = data[sd.end(): close]
            self.tail = data[close:]
            after = close + len(b"</" + self.p + b"sheetData>")
        self._row_start_re = re.compile(rb"<" + p + rb"row\b([^>]*?)(/?)>")
        self._cell_re = re.compile(rb"<" + p + rb"c\b[^>]*?(?:/>|>.*?</" + p + rb"c>)", re.S)
        self._f_re = re.compile(rb"<" + p + rb"f\b[^>]*?(?:/>|>.*?</" + p + rb"f>)", re.S)
        self._content_re = re.compile(rb"<" + p + rb"(?:v|is|f)\b")
        self.meta = self._read_meta(data[: sd.start()] + data[after:], part)
        self.rows = self._index_rows()
        self._numbers = [r.number for r in self.rows]
        self.writes: dict[tuple[int, int], bytes] = {}
        self.autofilter_last_row: int | None = None  # grow the sheet's autoFilter to this row
        self._cells_cache: dict[int, list[tuple[int, int, int, bytes]]] = {}
        self._array_ranges: list[tuple[int, int, int, int]] | None = None

    # -- reading ---------------------------------------------------------------------
    def _read_meta(self, outside: bytes, part: str) -> Meta:
        # Parse the part with sheetData cut out: cheap even for a 100,000-row sheet.
        root = parse(outside, part).getroot()
        meta = Meta()
        mc = root.find(q("mergeCells"))
        if mc is not None:
            for el in mc.findall(q("mergeCell")):
                try:
                    meta.merged.append(parse_range(el.get("ref", "")))
                except WriteRefused:
                    continue
        prot = root.find(q("sheetProtection"))
        meta.protected = prot is not None and prot.get("sheet", "0").lower() in ("1", "true")
        cols = root.find(q("cols"))
        if cols is not None:
            for col in cols.findall(q("col")):
                style = int(col.get("style", "0") or 0)
                if style:
                    meta.col_styles.append((int(col.get("min", "0")), int(col.get("max", "0")), style))
        dim = root.find(q("dimension"))
        if dim is not None:
            try:
                meta.dimension = parse_range(dim.get("ref", ""))
            except WriteRefused:
                meta.dimension = None
        af = root.find(q("autoFilter"))
        if af is not None:
            try:
                meta.autofilter = parse_range(af.get("ref", ""))
            except WriteRefused:
                meta.autofilter = None
        return meta

    def _index_rows(self) -> list[Row]:
        # Start tags by regex, ends by bytes.find: rows never nest, and "</row>" cannot
        # occur inside a row's text (it would be escaped as &lt;/row>).
        rows: list[Row] = []
        last = 0
        body = self.body
        close = b"</" + self.p + b"row>"
        for m in self._row_start_re.finditer(body):
            if m.group(2):  # <row .../>
                end = m.end()
            else:
                end = body.find(close, m.end())
                if end < 0:
                    raise WriteRefused("unsupported-workbook", detail=f"{self.part} のXMLが壊れています")
                end += len(close)
            r = _ATTR_R.search(m.group(1))
            if r:
                number = int(r.group(1))
                has_r = True
            else:
                number = last + 1
                has_r = False
            if number <= last:
                raise WriteRefused("unsupported-workbook", detail=f"{self.part} の行の順序が正しくありません")
            rows.append(Row(number, m.start(), end, has_r))
            last = number
        return rows

    def _row(self, number: int) -> Row | None:
        i = bisect.bisect_left(self._numbers, number)
        if i < len(self.rows) and self.rows[i].number == number:
            return self.rows[i]
        return None

    def _row_cells(self, row: Row) -> list[tuple[int, int, int, bytes]]:
        """(column, start, end, xml) of each cell in ``row`` (offsets within the body)."""
        cached = self._cells_cache.get(row.number)
        if cached is not None:
            return cached
        out = []
        col = 0
        text = self.body
        tag_end = text.index(b">", row.start)
        for m in self._cell_re.finditer(text, tag_end, row.end):
            ctag_end = text.index(b">", m.start())
            r = _ATTR_R.search(text, m.start(), ctag_end)
            if not r:
                raise WriteRefused("unsupported-workbook", detail=f"{self.part} に番地のないセルがあります")
            cm = _CELL_REF.fullmatch(r.group(1))
            if not cm:
                raise WriteRefused("unsupported-workbook", detail=f"{self.part} のセル番地が正しくありません")
            col = parse_ref(r.group(1).decode())[1]
            out.append((col, m.start(), m.end(), m.group()))
        self._cells_cache[row.number] = out  # the original body never changes
        return out

    def cell(self, row: int, col: int) -> CellInfo | None:
        """The cell at (row, col) as queued in this edit, else as in the file, else None."""
        queued = self.writes.get((row, col))
        if queued is not None:
            s = _ATTR_S.search(queued, 0, queued.index(b">") + 1)
            f = self._f_re.search(queued)
            return CellInfo(int(s.group(1)) if s else 0, f.group() if f else None, queued)
        r = self._row(row)
        if r is None:
            return None
        if not r.has_r:
            raise WriteRefused("unsupported-workbook", detail=f"{self.part} に番号のない行があります")
        for c, start, end, xml in self._row_cells(r):
            if c == col:
                tag_end = xml.index(b">")
                s = _ATTR_S.search(xml, 0, tag_end + 1)
                f = self._f_re.search(xml)
                return CellInfo(int(s.group(1)) if s else 0, f.group() if f else None, xml)
        return None

    def row_style(self, row: int) -> int | None:
        """The row's own style when it has ``customFormat``, else None."""
        r = self._row(row)
        if r is None:
            return None
        tag = self.body[r.start: self.body.index(b">", r.start)]
        if re.search(rb'\scustomFormat="(1|true)"', tag):
            s = _ATTR_S.search(tag)
            return int(s.group(1)) if s else 0
        return None

    def col_style(self, col: int) -> int | None:
        """The column's style from ``<cols>``, else None."""
        for lo, hi, style in self.meta.col_styles:
            if lo <= col <= hi:
                return style
        return None

    def new_cell_style(self, row: int, col: int) -> int:
        """The style Excel would give a new cell: the row's, else the column's, else 0."""
        rs = self.row_style(row)
        if rs is not None:
            return rs
        cs = self.col_style(col)
        return cs if cs is not None else 0

    def merged_anchor(self, row: int, col: int) -> tuple[int, int] | None:
        """The top-left cell of the merged range holding (row, col) when it is not that cell."""
        for r1, c1, r2, c2 in self.meta.merged:
            if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                return r1, c1
        return None

    def array_range(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The multi-cell array/data-table formula range holding (row, col), if any."""
        if self._array_ranges is None:
            self._array_ranges = []
            pat = re.compile(rb"<" + re.escape(self.p) + rb"f\b([^>]*)>")
            for m in pat.finditer(self.body):
                attrs = m.group(1)
                if b'"array"' not in attrs and b'"dataTable"' not in attrs:
                    continue
                ref = re.search(rb'\sref="([^"]+)"', attrs)
                if ref and b":" in ref.group(1):
                    try:
                        self._array_ranges.append(parse_range(ref.group(1).decode()))
                    except WriteRefused:
                        continue
        for rng in self._array_ranges:
            r1, c1, r2, c2 = rng
            if r1 <= row <= r2 and c1 <= col <= c2:
                return rng
        return None

    def shared_children(self, si: bytes) -> list[tuple[int, int, bytes]]:
        """(row, col, cell xml) of every cell using shared formula ``si``."""
        out = []
        needle = b'si="' + si + b'"'
        for m in self._cell_re.finditer(self.body):
            xml = m.group()
            if needle not in xml:
                continue
            f = self._f_re.search(xml)
            if not f or needle not in f.group():
                continue
            r = _ATTR_R.search(xml)
            if r:
                row, col = parse_ref(r.group(1).decode())
                out.append((row, col, xml))
        return out

    def last_used_row(self) -> int:
        """The last row holding a value or formula, counting cells queued in this edit
        (0 when the sheet is empty)."""
        queued = max((r for (r, _), xml in self.writes.items() if self._content_re.search(xml)), default=0)
        for row in reversed(self.rows):
            if row.number <= queued:
                break
            if self._content_re.search(self.body, row.start, row.end):
                return row.number
        return queued

    def content_columns(self, row: int) -> list[int]:
        """Columns of ``row`` whose cells hold a value or formula (queued cells included)."""
        cols = {c for (r, c), xml in self.writes.items() if r == row and self._content_re.search(xml)}
        r = self._row(row)
        if r is not None:
            cols |= {c for c, s, e, xml in self._row_cells(r)
                     if (row, c) not in self.writes and self._content_re.search(xml)}
        return sorted(cols)

    # -- writing ---------------------------------------------------------------------
    def with_own_formula(self, xml: bytes, formula: str) -> bytes:
        """A follower cell's XML with its shared ``<f .../>`` replaced by ``formula``."""
        m = self._f_re.search(xml)
        if m is None:
            return xml
        f = b"<" + self.p + b"f>" + escape_text(formula).encode() + b"</" + self.p + b"f>"
        return xml[: m.start()] + f + xml[m.end():]

    def put(self, row: int, col: int, xml: bytes) -> None:
        """Queue the final XML of the cell at (row, col)."""
        self.writes[(row, col)] = xml

    @property
    def changed(self) -> bool:
        """True when any cell is queued."""
        return bool(self.writes)

    def render(self) -> bytes:
        """The new bytes of the part with every queued cell spliced in."""
        by_row: dict[int, dict[int, bytes]] = {}
        for (row, col), xml in self.writes.items():
            by_row.setdefault(row, {})[col] = xml
        pieces: list[bytes] = []
        pos = 0
        body = self.body
        for number in sorted(by_row):
            cells = by_row[number]
            existing = self._row(number)
            if existing is not None:
                pieces.append(body[pos: existing.start])
                pieces.append(self._render_row(existing, cells))
                pos = existing.end
            else:
                i = bisect.bisect_left(self._numbers, number)
                at = self.rows[i].start if i < len(self.rows) else len(body)
                if at < pos:  # cannot happen with sorted rows; guard against silent reordering
                    raise AssertionError("row order")
                pieces.append(body[pos:at])
                pieces.append(self._new_row(number, cells))
                pos = at
        pieces.append(body[pos:])
        head = self._update_dimension(self.head)
        return head + b"".join(pieces) + self._update_autofilter(self.tail)

    def _new_row(self, number: int, cells: dict[int, bytes]) -> bytes:
        inner = b"".join(cells[c] for c in sorted(cells))
        return b"<" + self.p + b'row r="' + str(number).encode() + b'">' + self._prefixed(inner) + b"</" + self.p + b"row>"

    def _prefixed(self, xml: bytes) -> bytes:
        # Cells are built unprefixed; a sheet using a prefix for the main namespace gets it added.
        if not self.p:
            return xml
        return re.sub(rb"<(/?)(c|v|f|is|t)\b", lambda m: b"<" + m.group(1) + self.p + m.group(2), xml)

    def _render_row(self, row: Row, cells: dict[int, bytes]) -> bytes:
        if not row.has_r:
            raise WriteRefused("unsupported-workbook", detail=f"{self.part} に番号のない行があります")
        text = self.body[row.start: row.end]
        tag_end = text.index(b">") + 1
        start_tag = text[:tag_end]
        self_closing = start_tag.endswith(b"/>")
        existing = self._row_cells(row)
        pending = sorted(cells)
        out: list[bytes] = []
        if self_closing:
            start_tag = start_tag[:-2].rstrip() + b">"
            inner_pieces = [self._prefixed(cells[c]) for c in pending]
            return self._widen_spans(start_tag, pending) + b"".join(inner_pieces) + b"</" + self.p + b"row>"
        pos = tag_end
        for col, start, end, xml in existing:
            start -= row.start
            end -= row.start
            while pending and pending[0] < col:
                out.append(text[pos:start])
                out.append(self._prefixed(cells[pending.pop(0)]))
                pos = start
            out.append(text[pos:start])
            if pending and pending[0] == col:
                out.append(self._prefixed(cells[pending.pop(0)]))
            else:
                out.append(text[start:end])
            pos = end
        if pending:
            # New cells go after the last cell, before anything else the row holds (extLst).
            out.extend(self._prefixed(cells[c]) for c in pending)
        out.append(text[pos:])
        return self._widen_spans(start_tag, sorted(cells)) + b"".join(out)

    def _widen_spans(self, start_tag: bytes, cols: list[int]) -> bytes:
        m = _ATTR_SPANS.search(start_tag)
        if not m or not cols:
            return start_tag
        lo, hi = int(m.group(1)), int(m.group(2))
        nlo, nhi = min(lo, cols[0]), max(hi, cols[-1])
        if (nlo, nhi) == (lo, hi):
            return start_tag
        return start_tag[: m.start()] + f' spans="{nlo}:{nhi}"'.encode() + start_tag[m.end():]

    def _update_autofilter(self, tail: bytes) -> bytes:
        if self.autofilter_last_row is None or self.meta.autofilter is None:
            return tail
        pat = re.compile(rb"<" + re.escape(self.p) + rb'autoFilter\s+ref="([^"]*)"')
        m = pat.search(tail)
        if not m:
            return tail
        r1, c1, r2, c2 = self.meta.autofilter
        ref = make_range(r1, c1, max(r2, self.autofilter_last_row), c2).encode()
        return tail[: m.start(1)] + ref + tail[m.end(1):]

    def _update_dimension(self, head: bytes) -> bytes:
        pat = re.compile(rb"<" + re.escape(self.p) + rb'dimension\s+ref="([^"]*)"')
        m = pat.search(head)
        if not m or not self.writes:
            return head
        rows = [r for r, c in self.writes]
        cols = [c for r, c in self.writes]
        bounds = [min(rows), min(cols), max(rows), max(cols)]
        try:
            r1, c1, r2, c2 = parse_range(m.group(1).decode())
            if (r1, c1, r2, c2) != (1, 1, 1, 1) or self.rows:
                bounds = [min(r1, bounds[0]), min(c1, bounds[1]), max(r2, bounds[2]), max(c2, bounds[3])]
        except WriteRefused:
            pass
        ref = make_range(*bounds).encode()
        return head[: m.start(1)] + ref + head[m.end(1):]


def formula_of(cell: CellInfo) -> tuple[dict[str, str], str] | None:
    """(attributes, text) of a cell's ``<f>``, parsed."""
    if cell.formula is None:
        return None
    xml = cell.formula
    # Parse the lone element with the namespace declared so lxml accepts it.
    wrapped = re.sub(rb"^<([\w]+:)?f\b", b'<f xmlns="' + MAIN_NS.encode() + b'"', xml)
    wrapped = re.sub(rb"</[\w]+:f>$", b"</f>", wrapped)
    el = etree.fromstring(wrapped)
    return dict(el.attrib), el.text or ""
