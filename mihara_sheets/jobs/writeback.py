"""Writing a job's values back into a staff ledger file: by key, never by a remembered cell.

Each ``(record, values)`` becomes a :class:`~mihara_sheets.ledger.writeback.RowUpdate`:
the record's key (会議ID), the values it had when read (those the write replaces, and for a
meeting its 開催日, which the notice printed), and the new values. The row is found again at
write time, in the bytes being saved (:func:`~mihara_sheets.ledger.writeback.apply_row_updates`).
Only through the part-level writer: a staff workbook is never saved by any other means.
Problems come back as values, never raised: a job's documents are made either way, and
staff are told what was not recorded.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from ..ledger.spec import TableSpec
from ..ledger.writeback import RowUpdate, WriteBackResult, grid_names, locate
from ..problems import Problem, make_problem, problem_at
from .result import LedgerChange

EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# Fields checked besides the ones replaced: what a job's output was made from.
ALSO_EXPECTED = {"meetings": ("date",)}


def table_of(record: Any) -> TableSpec | None:
    """The table a record was read from (by its sheet's name), or ``None``."""
    from ..ledger.writeback import _table_of_sheet

    origin = record.origin
    return _table_of_sheet(origin.sheet) if origin is not None else None


def field_header(record: Any, name: str) -> str:
    """The header staff know a field by: as typed on the sheet, else the contract's first."""
    origin = record.origin
    typed = origin.layout.headers.get(name) if origin is not None else None
    if typed:
        return typed
    spec = table_of(record)
    try:
        return spec.field(name).headers[0] if spec else name
    except KeyError:
        return name


def describe(record: Any, values: dict[str, Any], row: int | None = None) -> str:
    """「会議!9行：状態・通知日・文書番号」: the change in staff's words (``row``: where it went)."""
    fields = "・".join(field_header(record, name) for name in values)
    origin = record.origin
    if origin is None:
        return fields
    return f"{origin.sheet}!{row or origin.row}行：{fields}"


def row_update(record: Any, values: dict[str, Any]) -> Any:
    """The :class:`RowUpdate` of one record (``None`` when its table has no key column)."""

    table = table_of(record)
    if table is None or table.id_field is None or not getattr(record, table.id_field, None):
        return None
    expected_fields = [*values, *(f for f in ALSO_EXPECTED.get(table.key, ()) if f not in values)]
    return RowUpdate(
        sheet=record.origin.sheet,
        key_field=table.id_field,
        key=getattr(record, table.id_field),
        expected={name: getattr(record, name, None) for name in expected_fields},
        values=dict(values),
        headers=dict(record.origin.layout.headers),
    )


def update_records(updates: Sequence[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
    """Write each ``(record, values)`` into the row that holds the record's key, one save per file.

    ``values`` maps a field to its new value. A field whose column the sheet lacks is skipped
    with a warning; the others are written. A file's changes are all made or all refused
    (a row changed or gone since it was read, not a workbook, or the writer refused:
    locked, read-only, changed during the save, protected...).
    """
    changes: list[LedgerChange] = []
    problems: list[Problem] = []
    by_file: dict[str, list[tuple[Any, dict[str, Any], LedgerChange]]] = {}
    for record, values in updates:
        origin = record.origin
        fields = "・".join(field_header(record, name) for name in values)
        if origin is None:
            changes.append(LedgerChange("", None, fields, False))
            problems.append(problem_at("writeback-no-origin", None, what=fields))
            continue
        change = LedgerChange(origin.file, origin.sheet, describe(record, values), False)
        changes.append(change)
        if not origin.file.lower().endswith(EXCEL_SUFFIXES):
            problems.append(problem_at("writeback-not-excel", origin, next(iter(values)), fields=fields))
            continue
        if row_update(record, values) is None:
            table = table_of(record)
            key = field_header(record, table.id_field) if table and table.id_field else "ID"
            problems.append(problem_at("writeback-no-key", origin, None, key_header=key, fields=fields))
            continue
        by_file.setdefault(origin.file, []).append((record, values, change))
    for file, items in by_file.items():
        problems.extend(_write_file(file, items))
    return changes, problems


def _write_file(file: str, items: list[tuple[Any, dict[str, Any], LedgerChange]]) -> list[Problem]:
    from ..writer.errors import WriteRefused

    updates = []
    for record, values, change in items:
        update = row_update(record, values)
        update.tag = (record, values, change)
        updates.append(update)
    try:
        outcome = apply_row_updates(file, updates)
    except (WriteRefused, OSError) as exc:
        # The ledger is as it was: every change of this file is refused, for one reason.
        if isinstance(exc, WriteRefused):
            detail, sheet, cell = exc.message, exc.sheet, exc.cell
        else:  # the disk or share failed under the writer
            detail, sheet, cell = f"{exc.strerror or exc}。台帳は変更していません", None, None
        record = items[0][0]
        fields = "・".join(dict.fromkeys(field_header(r, n) for r, values, _ in items for n in values))
        return [make_problem("writeback-refused", file=file, sheet=sheet or record.origin.sheet,
                             cell=cell, row=None if cell else record.origin.row, fields=fields,
                             detail=detail)]
    problems = list(outcome.problems)
    for plan in outcome.plans:
        record, values, change = plan.update.tag
        if plan.missing:
            problems.append(make_problem("writeback-missing-column", file=file, sheet=plan.sheet,
                                         row=plan.row, headers="」「".join(plan.missing)))
        change.done = outcome.written and bool(plan.cells)
        change.what = describe(record, values, plan.row)
    return problems


def update_record(record: Any, values: dict[str, Any]) -> tuple[LedgerChange, list[Problem]]:
    """One record's :func:`update_records`: the change and the problems met."""
    changes, problems = update_records([(record, values)])
    return changes[0], problems


class _Refused(Exception):
    """Raised inside the writer's block to leave it without saving."""


def apply_row_updates(path: str | os.PathLike[str], updates: Sequence[RowUpdate], *,
                      backups: int = 10, backup_dir: str | os.PathLike[str] | None = None) -> WriteBackResult:
    """Write ``updates`` into one ledger file by key, in one save, or not at all.

    Inside one :func:`~mihara_sheets.writer.edit_workbook`: the sheets are read from the
    bytes being edited, every update located and checked (:func:`locate`), then written;
    the save replaces the file only if it is still those bytes. Row problems come back in
    the result (nothing written); the writer's own refusals (locked, read-only, changed
    during the save...) are raised as :class:`~mihara_sheets.writer.WriteRefused`.
    """
    from ..writer import edit_workbook

    result = WriteBackResult()
    try:
        with edit_workbook(path, backups=backups, backup_dir=backup_dir) as book:
            grids = book.grids(grid_names(u.sheet for u in updates))
            plans, problems = locate(grids, updates)
            result.problems += problems
            if any(p.is_error for p in problems):
                raise _Refused
            for plan in plans:
                for name, cell in plan.cells.items():
                    book.set_cell(plan.sheet, cell, plan.update.values[name])
            result.plans = plans
    except _Refused:
        result.plans = []
        return result
    result.written = True
    return result

