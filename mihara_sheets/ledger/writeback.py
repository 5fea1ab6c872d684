"""Write-back by key: a value goes into the row that *now* holds the record's key.

A job reads the ledger, works for a while (documents, PDFs: a minute or more), then writes
a few values back. Staff may have saved the ledger in between — a row inserted above, a
status changed. So a write never trusts the cell address of the first read. Each
:class:`RowUpdate` names its row by key (会議ID) and says which values it expects to
replace (what it read). At write time, on the sheet as it is then — the bytes the writer is
about to change (:meth:`mihara_sheets.writer.Book.grids`), or the live sheet in Excel —
:func:`locate` reads the sheet the way the reader does (same header matching, aliases and
列の別名, same value conversion), finds the one row with that key, compares the expected
values, and says where to write; or gives the coded problem saying what changed:

- ``writeback-row-changed``: a value it was going to replace is no longer what was read;
- ``writeback-row-missing``: no row has the key any more;
- ``writeback-key-duplicate``: several rows have it;
- ``writeback-key-column-missing``: the key's column is gone from the header.

This module is pure (grids in, plans out); :func:`mihara_sheets.jobs.writeback.apply_row_updates`
does it for one file inside one writer edit: all the file's updates are written in one
save, or none (the file is left byte-identical).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Sequence

from ..problems import Problem, make_problem
from .spec import SETTINGS_NAMES, TABLES, TableSpec

# Fields whose values are never quoted in a message (a changed address is named, not shown).
PERSONAL_FIELDS = frozenset({"address", "phone", "email", "postal_code"})


@dataclass
class RowUpdate:
    """New ``values`` for the row of ``sheet`` whose ``key_field`` is ``key``.

    ``expected`` maps fields to the values read before (``None`` for blank): the write
    goes ahead only while the row still holds them. ``headers`` are the headers the
    fields were read under (for messages when a column is gone). ``tag`` is the caller's
    own object, handed back in the :class:`RowPlan`.
    """

    sheet: str
    key_field: str
    key: str
    expected: dict[str, Any]
    values: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    tag: Any = None


@dataclass
class RowPlan:
    """Where an update goes at write time: the sheet, the row, the cell of each field."""

    update: RowUpdate
    sheet: str
    row: int
    cells: dict[str, str]  # field -> A1 address, for the fields whose column exists
    missing: list[str]  # fields of ``values`` whose column the sheet lacks (header texts)


@dataclass
class WriteBackResult:
    """What :func:`apply_row_updates` did: the plans written (empty when refused) and why not."""

    plans: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False


def same_value(a: Any, b: Any) -> bool:
    """Equal as staff would judge: blank is blank, 2026-11-20 equals 2026-11-20 00:00,
    5 equals 5.0, text compared after NFKC and trimming."""
    return _norm(a) == _norm(b)


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() and value.tzinfo is None else value
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value)).normalize()
        except ArithmeticError:
            return value
    if isinstance(value, (list, tuple)):
        items = tuple(_norm(v) for v in value)
        return items or None
    return value


def _table_of_sheet(sheet: str) -> TableSpec | None:
    from .headers import header_key

    key = header_key(sheet)
    return next((t for t in TABLES if key in {header_key(n) for n in t.names}), None)


def field_header(table: TableSpec | None, name: str, typed: dict[str, str] | None = None) -> str:
    """The header staff know a field by: as typed on the sheet, else the contract's first."""
    if typed and typed.get(name):
        return typed[name]
    if table is None:
        return name
    try:
        return table.field(name).headers[0]
    except KeyError:
        return name


def grid_names(sheets: Iterable[str]) -> list[str]:
    """The sheets to read for locating rows on ``sheets``: those and 設定 (列の別名)."""
    return [*dict.fromkeys(sheets), *SETTINGS_NAMES]


def locate(grids: Sequence[Any], updates: Sequence[RowUpdate]) -> tuple[list[RowPlan], list[Problem]]:
    """Find each update's row on ``grids`` (the sheets as they are now) and check it.

    Returns the plans and the problems; any problem of severity error means nothing may
    be written. The grids are read with the reader's own rules (:func:`ledger_from_grids`).
    """
    from .load import ledger_from_grids

    ledger = ledger_from_grids(list(grids))
    file = grids[0].file if grids else ""
    plans: list[RowPlan] = []
    problems: list[Problem] = []
    for update in updates:
        table = _table_of_sheet(update.sheet)
        key_header = field_header(table, update.key_field, update.headers)
        fields = "・".join(field_header(table, n, update.headers) for n in update.values)
        records = [r for table_spec in TABLES for r in getattr(ledger, table_spec.key, [])
                   if r.origin is not None and r.origin.sheet.casefold() == update.sheet.casefold()]
        layouts = [lay for lays in ledger.layouts.values() for lay in lays
                   if lay.sheet.casefold() == update.sheet.casefold()]
        if not layouts or not any(update.key_field in lay.columns for lay in layouts):
            problems.append(make_problem("writeback-key-column-missing", file=file, sheet=update.sheet,
                                         key_header=key_header, fields=fields))
            continue
        found = [r for r in records if same_value(getattr(r, update.key_field, None), update.key)]
        if not found:
            problems.append(make_problem("writeback-row-missing", file=file, sheet=update.sheet,
                                         key_header=key_header, key=update.key, fields=fields))
            continue
        if len(found) > 1:
            rows = "・".join(str(r.origin.row) for r in found)
            problems.append(make_problem("writeback-key-duplicate", file=file, sheet=update.sheet,
                                         key_header=key_header, key=update.key, rows=rows))
            continue
        record = found[0]
        origin = record.origin
        headers_now = origin.layout.headers
        changed = False
        for name, was in update.expected.items():
            now = getattr(record, name, None)
            if same_value(now, was):
                continue
            changed = True
            header = field_header(table, name, headers_now) if name in headers_now else field_header(
                table, name, update.headers)
            if name in PERSONAL_FIELDS:
                change = "変わっていました"
            else:
                change = f"{_quoted(was)}から{_quoted(now)}に変わっていました"
            cell = origin.cell(name)
            problems.append(make_problem("writeback-row-changed", file=file, sheet=origin.sheet,
                                         cell=cell, row=origin.row, field=name, header=header,
                                         change=change, key_header=key_header, key=update.key,
                                         fields=fields))
        if changed:
            continue
        cells = {name: origin.cell(name) for name in update.values if origin.cell(name)}
        missing = [field_header(table, n, update.headers) for n in update.values if n not in cells]
        plans.append(RowPlan(update, origin.sheet, origin.row, cells, missing))
    return plans, problems


def _quoted(value: Any) -> str:
    from ..problems import _shown

    return "空欄" if _norm(value) is None else f"「{_shown(value)}」"
