"""Writing a job's values back into the row a record was read from, in a staff ledger file.

Only through the part-level writer (:func:`mihara_sheets.writer.edit_workbook`): a staff
workbook is never saved by any other means. Problems come back as values, never raised: a
job's documents are made either way, and staff are told what was not recorded.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..ledger.spec import table_for_sheet
from ..problems import Problem, make_problem, problem_at
from .result import LedgerChange

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def field_header(record: Any, name: str) -> str:
    """The header staff know a field by: as typed on the sheet, else the contract's first."""
    origin = record.origin
    typed = origin.layout.headers.get(name) if origin is not None else None
    if typed:
        return typed
    spec = table_for_sheet(origin.sheet) if origin is not None else None
    try:
        return spec.field(name).headers[0] if spec else name
    except KeyError:
        return name


def describe(record: Any, values: dict[str, Any]) -> str:
    """「会議!9行：状態・通知日・文書番号」: the change in staff's words."""
    fields = "・".join(field_header(record, name) for name in values)
    origin = record.origin
    return f"{origin.sheet}!{origin.row}行：{fields}" if origin is not None else fields


def update_records(updates: Sequence[tuple[Any, dict[str, Any]]]) -> tuple[list[LedgerChange], list[Problem]]:
    """Write each ``(record, values)`` into its record's row, one save per file.

    ``values`` maps a field to its new value. A field whose column the sheet lacks is skipped
    with a warning; the others are written. A file's changes are all made or all refused
    (not a workbook, or the writer refused: locked, changed, protected...).
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
        by_file.setdefault(origin.file, []).append((record, values, change))
    for file, items in by_file.items():
        problems.extend(_write_file(file, items))
    return changes, problems


def _write_file(file: str, items: list[tuple[Any, dict[str, Any], LedgerChange]]) -> list[Problem]:
    from ..writer import edit_workbook
    from ..writer.errors import WriteRefused

    problems: list[Problem] = []
    written: list[tuple[LedgerChange, bool]] = []
    try:
        with edit_workbook(file) as book:
            for record, values, change in items:
                origin = record.origin
                missing = [field_header(record, name) for name in values if origin.cell(name) is None]
                if missing:
                    problems.append(make_problem("writeback-missing-column", file=file, sheet=origin.sheet,
                                                 row=origin.row, headers="」「".join(missing)))
                for name, value in values.items():
                    if origin.cell(name):
                        book.set_cell(origin.sheet, origin.cell(name), value)
                written.append((change, len(missing) < len(values)))
    except (WriteRefused, OSError) as exc:
        # The ledger is as it was: every change of this file is refused, for one reason.
        if isinstance(exc, WriteRefused):
            detail, sheet, cell = exc.message, exc.sheet, exc.cell
        else:  # the disk or share failed under the writer
            detail, sheet, cell = f"{exc.strerror or exc}。台帳は変更していません", None, None
        record = items[0][0]
        fields = "・".join(dict.fromkeys(field_header(r, n) for r, values, _ in items for n in values))
        problems.append(make_problem("writeback-refused", file=file, sheet=sheet or record.origin.sheet,
                                     cell=cell, row=None if cell else record.origin.row, fields=fields,
                                     detail=detail))
        return problems
    for change, done in written:
        change.done = done
    return problems


def update_record(record: Any, values: dict[str, Any]) -> tuple[LedgerChange, list[Problem]]:
    """One record's :func:`update_records`: the change and the problems met."""
    changes, problems = update_records([(record, values)])
    return changes[0], problems
