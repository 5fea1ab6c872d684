"""The book handed out by :func:`edit_workbook`: queue writes, then save them safely."""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from lxml import etree

from . import saving
from .cells import Formula, cell_xml, make_range, make_ref, parse_ref, value_kind
from .errors import WriteRefused
from .new_sheet import build_sheet, check_sheet_name
from .package import read_snapshot as package_snapshot
from .package import (
    CT_WORKSHEET,
    REL_CALCCHAIN,
    REL_STYLES,
    REL_WORKSHEET,
    Package,
    SheetEntry,
    content_types_add_override,
    content_types_remove,
    new_rel_id,
    remove_element,
    rels_part,
)
from .sheet_xml import CellInfo, SheetXml, formula_of
from .styles import DATE_FORMAT, DATETIME_FORMAT, Styles
from .tables import Table, sheet_tables
from .xmlutil import PKG_REL_NS, REL_NS, q, serialize

# A hidden, sheet-scoped defined name marks the sheets this library generated, so that
# put_sheet may replace them later and never a sheet staff made. Excel keeps hidden names.
GENERATED_MARK = "MiharaSheets_Generated"

# Elements of CT_Workbook that come after definedNames / calcPr (schema order matters).
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                        "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")
_AFTER_CALCPR = _AFTER_DEFINED_NAMES[1:]


class Book:
    """A workbook open for editing. Writes are queued and checked at once; nothing is
    written to disk until the ``with`` block of :func:`edit_workbook` ends normally."""

    def __init__(self, path: Path, data: bytes | None = None, mode: int = 0o600) -> None:
        self.path = path
        self.package = Package(path, data)
        self.mode = mode  # the ledger's permission bits: the temporary copy and backup get them
        self._styles: Styles | None = None
        self._sheets: dict[str, SheetXml] = {}
        self._tables: dict[str, list[Table]] = {}
        self._dirty_tables: set[str] = set()
        self._expected: dict[str, dict[str, Any]] = {}
        self._drop_calc_chain = False
        self._formula_written = False
        self._workbook_changed = False
        self._new_parts: list[tuple[str, bytes]] = []
        self._replaced_parts: dict[str, bytes] = {}
        self._put_sheets: set[str] = set()

    # -- public API ------------------------------------------------------------------
    @property
    def sheet_names(self) -> list[str]:
        """Names of the workbook's tabs, in tab order (including sheets added here)."""
        return [s.name for s in self.package.sheets]

    def grids(self, names: Sequence[str]) -> list:
        """The named sheets as the reader would see them, read from the bytes being edited.

        The file on disk is replaced only while it still has the stamp these bytes were
        read with, so what is found here is what the save changes (see
        :mod:`mihara_sheets.writer.snapshot`). Sheets the book lacks are skipped.
        """
        from .snapshot import grids_of

        data = self.package.data if self.package.data is not None else self.path.read_bytes()
        return grids_of(data, str(self.path), names)

    def set_cell(self, sheet: str, ref: str, value: Any) -> None:
        """Write one value into ``sheet!ref``; the cell keeps its style.

        ``value``: str (always text, even "=1+1"), int, Decimal, float, bool, date,
        datetime, None (clears the value), or :class:`Formula`.
        """
        entry, sx = self._worksheet(sheet)
        row, col = parse_ref(ref, entry.name)
        self._write(entry, sx, row, col, value)

    def set_cells(self, sheet: str, values: Mapping[str, Any]) -> None:
        """Write several cells of one sheet: ``{"B7": v, "C7": w}``."""
        for ref, value in values.items():
            self.set_cell(sheet, ref, value)

    def append_rows(
        self, sheet: str, rows: Sequence[Sequence[Any]], *, start_column: str | None = None
    ) -> tuple[int, int]:
        """Write ``rows`` below the last used row; return (first, last) row numbers written.

        When that row belongs to an Excel Table, the rows start at the table's first
        column and the table (with its autofilter) grows to hold them. Otherwise they
        start at ``start_column`` or at the leftmost column used by the last rows. A None
        in a row leaves that cell as it is. New cells take the style of the cell above.
        """
        entry, sx = self._worksheet(sheet)
        last = sx.last_used_row()
        first = last + 1
        used = sx.content_columns(last)
        table = None
        for t in self._sheet_tables(entry):
            # The table the last used row belongs to (an empty table: its header row).
            if t.r1 <= last <= t.r2 and (not used or (t.c1 <= max(used) and min(used) <= t.c2)):
                table = t
                break
        rows = [list(r) for r in rows]
        last_written = first + len(rows) - 1
        if table is not None and table.totals_rows and last_written > table.r2 - table.totals_rows:
            raise WriteRefused("table-totals-row", file=self.path, sheet=entry.name, table=table.name)
        if table is not None:
            start = table.c1
        elif start_column is not None:
            start = parse_ref(f"{start_column}1", entry.name)[1]
        else:
            start = self._leftmost_column(sx, last)
        template = self._template_row(sx, last, table)
        for i, values in enumerate(rows):
            row = first + i
            for j, value in enumerate(values):
                if value is None:
                    continue
                col = start + j
                default = None
                if template:
                    above = sx.cell(template, col)
                    default = above.style if above else None
                self._write(entry, sx, row, col, value, default_style=default)
        if table is not None and rows and last_written > table.r2:
            table.grow_to(last_written)
            self._dirty_tables.add(table.part)
        af = sx.meta.autofilter
        if table is None and rows and af is not None and af[0] < last <= af[2] and last_written > af[2]:
            # The rows extend the range under the sheet's filter buttons: the filter grows too.
            sx.autofilter_last_row = last_written
            self._grow_filter_database(entry, last_written)
        return first, last_written

    def put_sheet(
        self,
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        header: bool = True,
        widths: Sequence[float | None] | None = None,
        number_formats: Mapping[Any, str] | None = None,
        title: Sequence[str] = (),
        landscape: bool = False,
        borders: bool = False,
    ) -> None:
        """Add a generated sheet, or replace one this library generated before.

        ``number_formats`` maps a column (0-based index, letter, or header text) to a
        format code or one of "yen" (#,##0), "date" (yyyy/m/d), "wareki"
        (令和5年4月1日), "datetime". Dates default to yyyy/m/d. ``title`` lines go above
        the rows (the first bold); ``borders`` frames the table. The sheet prints on A4
        (``landscape`` or portrait), one page wide, with page numbers; the header row is
        repeated on every page (``_xlnm.Print_Titles``). A sheet staff made is never
        replaced (WriteRefused ``staff-sheet``).
        """
        check_sheet_name(name)
        styles = self._need_styles()
        existing = None
        for entry in self.package.sheets:
            if entry.name.casefold() == name.casefold():
                existing = entry
        if existing is not None and not (existing.is_worksheet and existing.part and self._is_generated(existing)):
            raise WriteRefused("staff-sheet", file=self.path, sheet=existing.name)
        if existing is None and self.package.structure_locked:
            raise WriteRefused("protected-workbook", file=self.path, sheet=name)
        try:
            xml, written = build_sheet(
                rows, styles, header=header, widths=widths, number_formats=number_formats,
                date1904=self.package.date1904, sheet=name, title=title, landscape=landscape,
                borders=borders,
            )
        except WriteRefused as exc:
            raise exc.with_file(self.path) from None
        if any(isinstance(v, Formula) for v in written.values()):
            self._formula_written = True
        if existing is not None:
            self._replaced_parts[existing.part] = xml
            self._sheets.pop(existing.part, None)
            self._drop_calc_chain = True  # the old sheet's formulas may be listed there
            sheet_name = existing.name
        else:
            self._add_sheet(name, xml)
            sheet_name = name
        self._put_sheets.add(sheet_name.casefold())
        self._expected[sheet_name] = dict(written)
        header_row = len([t for t in title if t]) + 1 if header and rows else None
        index = next(e.index for e in self.package.sheets if e.name == sheet_name)
        self._set_print_titles(index, sheet_name, header_row)

    # -- internals: cells --------------------------------------------------------------
    def _worksheet(self, sheet: str) -> tuple[SheetEntry, SheetXml]:
        try:
            entry = self.package.sheet(sheet)
        except WriteRefused as exc:
            raise exc.with_file(self.path) from None
        if not entry.is_worksheet or entry.part is None:
            raise WriteRefused("not-a-worksheet", file=self.path, sheet=entry.name)
        if entry.name.casefold() in self._put_sheets:
            raise ValueError(f"sheet {entry.name!r} was replaced by put_sheet in this edit; write its rows there")
        sx = self._sheets.get(entry.part)
        if sx is None:
            try:
                sx = SheetXml(self.package.read(entry.part), entry.part)
            except WriteRefused as exc:
                raise exc.with_file(self.path) from None
            self._sheets[entry.part] = sx
        return entry, sx

    def _sheet_tables(self, entry: SheetEntry) -> list[Table]:
        if entry.part not in self._tables:
            try:
                self._tables[entry.part] = sheet_tables(self.package, entry.part)
            except WriteRefused as exc:
                raise exc.with_file(self.path) from None
        return self._tables[entry.part]

    def _need_styles(self) -> Styles:
        if self._styles is None:
            part = self.package.part_of_type(REL_STYLES)
            try:
                self._styles = Styles(self.package.read(part) if part else None, part)
            except WriteRefused as exc:
                raise exc.with_file(self.path) from None
        if not self._styles.available:
            raise WriteRefused("unsupported-workbook", file=self.path, detail="書式の情報（styles.xml）がありません")
        return self._styles

    def _leftmost_column(self, sx: SheetXml, last: int) -> int:
        cols: list[int] = []
        seen = 0
        for row in reversed(sx.rows):
            if row.number > last:
                continue
            found = sx.content_columns(row.number)
            if found:
                cols.extend(found)
                seen += 1
                if seen == 5:
                    break
        return min(cols) if cols else 1

    def _template_row(self, sx: SheetXml, last: int, table: Table | None) -> int | None:
        """The row whose cell styles appended rows copy: the last data row, if any."""
        if last == 0:
            return None
        if table is not None and last < table.r1 + table.header_rows:
            return None
        if table is None:
            # The only used row is probably a header: do not copy its look onto data.
            if not any(r.number < last and sx.content_columns(r.number) for r in sx.rows[:50]):
                return None
        return last

    def _write(
        self, entry: SheetEntry, sx: SheetXml, row: int, col: int, value: Any,
        default_style: int | None = None,
    ) -> None:
        ref = make_ref(row, col)
        sheet = entry.name
        anchor = sx.merged_anchor(row, col)
        if anchor is not None:
            raise WriteRefused("merged-cell", file=self.path, sheet=sheet, cell=ref, anchor=make_ref(*anchor))
        for table in self._sheet_tables(entry):
            if table.is_header(row, col):
                raise WriteRefused("table-header", file=self.path, sheet=sheet, cell=ref, table=table.name)
        array = sx.array_range(row, col)
        if array is not None:
            raise WriteRefused("array-formula", file=self.path, sheet=sheet, cell=ref, range=make_range(*array))
        existing = sx.cell(row, col)
        if existing is not None:
            style = existing.style
        elif default_style is not None:
            style = default_style
        else:
            style = sx.new_cell_style(row, col)
        if sx.meta.protected and self._need_styles().locked(style):
            raise WriteRefused("protected-cell", file=self.path, sheet=sheet, cell=ref)
        style = self._style_for(style, value)
        try:
            xml = cell_xml(ref, style, value, self.package.date1904, sheet)
        except WriteRefused as exc:
            raise exc.with_file(self.path) from None
        if existing is not None and existing.formula is not None:
            self._drop_calc_chain = True
            self._dissolve_shared(sx, existing, ref)
        if isinstance(value, Formula):
            self._formula_written = True
        sx.put(row, col, xml)
        self._expected.setdefault(sheet, {})[ref] = value

    def _style_for(self, style: int, value: Any) -> int:
        """Keep the cell's style, except that dates need a date format and numbers none."""
        kind = value_kind(value.cached if isinstance(value, Formula) else value)
        if kind not in ("date", "datetime", "number"):
            return style
        styles = self._need_styles()
        is_date = styles.is_date(style)
        if kind == "number":
            return styles.with_num_fmt(style, "General") if is_date else style
        if is_date:
            return style
        return styles.with_num_fmt(style, DATETIME_FORMAT if kind == "datetime" else DATE_FORMAT)

    def _dissolve_shared(self, sx: SheetXml, cell: CellInfo, ref: str) -> None:
        """When a shared-formula master is overwritten, give each follower its own formula
        (the master's text moved to the follower's place, as Excel would show it)."""
        parsed = formula_of(cell)
        if parsed is None:
            return
        attrs, text = parsed
        if attrs.get("t") != "shared" or not attrs.get("ref") or not text:
            return
        # openpyxl's Translator shifts relative references; imported here because
        # importing openpyxl costs a noticeable fraction of a second.
        from openpyxl.formula.translate import Translator

        for row, col, xml in sx.shared_children(attrs.get("si", "").encode()):
            child_ref = make_ref(row, col)
            if child_ref == ref or (row, col) in sx.writes:
                continue
            translated = Translator("=" + text, origin=ref).translate_formula(child_ref)[1:]
            sx.put(row, col, sx.with_own_formula(xml, translated))

    def _grow_filter_database(self, entry: SheetEntry, last_row: int) -> None:
        """Extend the hidden _xlnm._FilterDatabase name Excel keeps for a sheet's autoFilter."""
        root = self.package.tree(self.package.workbook_part).getroot()
        names = root.find(q("definedNames"))
        for dn in names.findall(q("definedName")) if names is not None else []:
            if dn.get("name") == "_xlnm._FilterDatabase" and dn.get("localSheetId") == str(entry.index):
                text = dn.text or ""
                new = re.sub(r"(:\$?[A-Z]{1,3}\$?)(\d+)$", lambda m: m.group(1) + str(last_row), text)
                if new != text:
                    dn.text = new
                    self._workbook_changed = True

    def _is_generated(self, entry: SheetEntry) -> bool:
        root = self.package.tree(self.package.workbook_part).getroot()
        names = root.find(q("definedNames"))
        if names is None:
            return False
        for dn in names.findall(q("definedName")):
            if dn.get("name") == GENERATED_MARK and dn.get("localSheetId") == str(entry.index):
                return True
        return False

    # -- internals: workbook structure ---------------------------------------------------
    def _add_sheet(self, name: str, xml: bytes) -> None:
        pkg = self.package
        wb_part = pkg.workbook_part
        folder = posixpath.dirname(wb_part)
        used = set(pkg.names()) | {n for n, _ in self._new_parts}
        n = len(pkg.sheets) + 1
        while posixpath.join(folder, f"worksheets/sheet{n}.xml") in used:
            n += 1
        part = posixpath.join(folder, f"worksheets/sheet{n}.xml")
        # relationship
        rels_name = rels_part(wb_part)
        rels = pkg.tree(rels_name)
        rid = new_rel_id(rels)
        rel = etree.SubElement(rels.getroot(), q("Relationship", PKG_REL_NS))
        rel.set("Id", rid)
        rel.set("Type", REL_WORKSHEET)
        rel.set("Target", f"worksheets/sheet{n}.xml")
        self._replaced_parts[rels_name] = b""  # marker: serialised at save time
        # workbook.xml: <sheet> and the generated mark
        root = pkg.tree(wb_part).getroot()
        sheets = root.find(q("sheets"))
        sheet_id = max([0, *(s.sheet_id for s in pkg.sheets)]) + 1
        el = etree.SubElement(sheets, q("sheet"))
        el.set("name", name)
        el.set("sheetId", str(sheet_id))
        el.set(q("id", REL_NS), rid)
        index = len(pkg.sheets)
        self._add_mark(root, index)
        self._workbook_changed = True
        # content types
        ct = pkg.tree("[Content_Types].xml")
        content_types_add_override(ct, part, CT_WORKSHEET)
        self._replaced_parts["[Content_Types].xml"] = b""
        self._add_app_title(name)
        pkg.sheets.append(SheetEntry(name=name, sheet_id=sheet_id, rid=rid, part=part, rel_type=REL_WORKSHEET, index=index))
        self._new_parts.append((part, xml))

    def _set_print_titles(self, index: int, sheet_name: str, row: int | None) -> None:
        """Make (or drop) the sheet's _xlnm.Print_Titles: ``row`` repeated on every page."""
        root = self.package.tree(self.package.workbook_part).getroot()
        names = root.find(q("definedNames"))
        found = None
        for dn in names.findall(q("definedName")) if names is not None else []:
            if dn.get("name") == "_xlnm.Print_Titles" and dn.get("localSheetId") == str(index):
                found = dn
        if row is None:
            if found is not None:
                names.remove(found)
                self._workbook_changed = True
            return
        quoted = sheet_name.replace("'", "''")
        text = f"'{quoted}'!${row}:${row}"
        if found is not None and found.text == text:
            return
        if found is None:
            if names is None:
                names = etree.Element(q("definedNames"))
                _insert_before(root, names, _AFTER_DEFINED_NAMES)
            found = etree.SubElement(names, q("definedName"))
            found.set("name", "_xlnm.Print_Titles")
            found.set("localSheetId", str(index))
        found.text = text
        self._workbook_changed = True

    def _add_mark(self, root: etree._Element, index: int) -> None:
        names = root.find(q("definedNames"))
        if names is None:
            names = etree.Element(q("definedNames"))
            _insert_before(root, names, _AFTER_DEFINED_NAMES)
        dn = etree.SubElement(names, q("definedName"))
        dn.set("name", GENERATED_MARK)
        dn.set("localSheetId", str(index))
        dn.set("hidden", "1")
        dn.text = "TRUE"

    def _add_app_title(self, name: str) -> None:
        part = self.package.app_part()
        if part is None:
            return
        try:
            tree = self.package.tree(part)
        except WriteRefused:
            return
        root = tree.getroot()
        ns = root.nsmap.get(None, "")
        vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
        pairs = root.find(f"{{{ns}}}HeadingPairs/{{{vt}}}vector")
        titles = root.find(f"{{{ns}}}TitlesOfParts/{{{vt}}}vector")
        if pairs is None or titles is None:
            return
        variants = list(pairs)
        offset = 0
        for i in range(0, len(variants) - 1, 2):
            label = variants[i].find(f"{{{vt}}}lpstr")
            count = variants[i + 1].find(f"{{{vt}}}i4")
            if label is None or count is None or not (count.text or "").strip().isdigit():
                return
            if label.text in ("Worksheets", "ワークシート"):
                n = int(count.text)
                items = list(titles)
                if len(items) < offset + n:
                    return
                new = etree.Element(f"{{{vt}}}lpstr")
                new.text = name
                titles.insert(offset + n, new)
                count.text = str(n + 1)
                titles.set("size", str(len(titles)))
                self._replaced_parts[part] = b""
                return
            offset += int(count.text)

    def _drop_calc_chain_parts(self, removed: set[str]) -> None:
        pkg = self.package
        calc = pkg.part_of_type(REL_CALCCHAIN)
        if calc is None:
            return
        removed.add(calc)
        rels_name = rels_part(pkg.workbook_part)
        for rel in list(pkg.tree(rels_name).getroot()):
            if rel.get("Type") == REL_CALCCHAIN:
                remove_element(rel)
        self._replaced_parts[rels_name] = b""
        content_types_remove(pkg.tree("[Content_Types].xml"), calc)
        self._replaced_parts["[Content_Types].xml"] = b""

    def _set_full_calc(self) -> None:
        root = self.package.tree(self.package.workbook_part).getroot()
        calc = root.find(q("calcPr"))
        if calc is None:
            calc = etree.Element(q("calcPr"))
            _insert_before(root, calc, _AFTER_CALCPR)
        calc.set("fullCalcOnLoad", "1")
        self._workbook_changed = True

    # -- saving ------------------------------------------------------------------------
    def _changes(self) -> tuple[dict[str, bytes], set[str], list[tuple[str, bytes]]]:
        pkg = self.package
        removed: set[str] = set()
        any_cells = any(sx.changed for sx in self._sheets.values())
        if not (any_cells or self._new_parts or self._replaced_parts):
            return {}, set(), []
        has_calc_chain = pkg.part_of_type(REL_CALCCHAIN) is not None
        if self._drop_calc_chain and has_calc_chain:
            self._drop_calc_chain_parts(removed)
        # Formulas anywhere may depend on what changed (and files not saved by Excel have
        # formulas without a calcChain), so Excel and LibreOffice recalculate on open.
        self._set_full_calc()
        replaced: dict[str, bytes] = {}
        for part, sx in self._sheets.items():
            if sx.changed:
                replaced[part] = sx.render()
        if self._styles is not None and self._styles.changed:
            replaced[self._styles.part] = self._styles.bytes()
        for part in self._dirty_tables:
            replaced[part] = serialize(pkg.tree(part), pkg.read(part))
        if self._workbook_changed:
            replaced[pkg.workbook_part] = serialize(pkg.tree(pkg.workbook_part), pkg.read(pkg.workbook_part))
        for part, data in self._replaced_parts.items():
            replaced[part] = data if data else serialize(pkg.tree(part), pkg.read(part))
        return replaced, removed, list(self._new_parts)

    def save(self, backups: int, backup_dir: str | os.PathLike | None, stamp: saving.FileStamp) -> bool:
        """Write the queued changes safely; False when there was nothing to write."""
        replaced, removed, added = self._changes()
        if not (replaced or removed or added):
            return False
        saving.check_not_locked(self.path)
        temp = saving.temp_path_for(self.path)
        try:
            try:
                saving.write_package(self.package, temp, replaced, removed, added, self.mode)
            except OSError as exc:
                raise WriteRefused("write-failed", file=self.path, detail=exc.strerror or str(exc)) from None
            try:
                saving.verify(self.package, temp, replaced, removed, added, self._expected)
            except WriteRefused as exc:
                raise exc.with_file(self.path) from None
            self.package.close()
            try:
                saving.make_backup(self.path, saving.backup_dir_for(self.path, backup_dir), backups, self.mode)
            except OSError as exc:
                raise WriteRefused("write-failed", file=self.path, detail=f"バックアップを作れません: {exc.strerror or exc}") from None
            saving.replace_file(temp, self.path, stamp)
        finally:
            if temp.exists():
                try:
                    temp.unlink()
                except OSError:
                    pass
        return True


def _insert_before(root: etree._Element, element: etree._Element, following: Sequence[str]) -> None:
    """Insert ``element`` before the first child named in ``following`` (schema order)."""
    names = {q(t) for t in following}
    for i, child in enumerate(root):
        if child.tag in names:
            root.insert(i, element)
            return
    root.append(element)


@contextlib.contextmanager
def edit_workbook(
    path: str | os.PathLike, *, backups: int = 10, backup_dir: str | os.PathLike | None = None
) -> Iterator[Book]:
    """Open a staff workbook for writing values back without losing anything else.

    Leaving the block saves atomically (after a verified temporary copy, keeping the
    previous version in ``backup_dir``, default バックアップ beside the file, newest
    ``backups`` kept); an exception inside the block writes nothing. Every refusal is a
    :class:`WriteRefused` with a Japanese message.
    """
    path = Path(path)
    saving.check_not_locked(path)
    if not path.exists():
        raise WriteRefused("file-not-found", file=path)
    # A killed save's leftovers (full copies of the ledger) go first, whatever their age.
    saving.sweep_leftovers(path, saving.backup_dir_for(path, backup_dir))
    # The bytes and their stamp through one handle: the edit is made on exactly these
    # bytes, and the file is replaced only while it still has this stamp.
    data, st = package_snapshot(path)
    saving.check_writable(path, st)
    stamp = saving.FileStamp.of_stat(st)
    book = Book(path, data, saving.file_mode(st))
    try:
        yield book
        book.save(backups, backup_dir, stamp)
    finally:
        book.package.close()
