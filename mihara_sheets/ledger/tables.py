"""Reading one table from one grid: header, data rows, typed values, problems at cells.

The result is a list of :class:`RawRow` (field name → typed value, with the row's origin)
plus the declared total rows of budget sheets. Records are built from these elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import values
from ..problems import Problem, make_problem
from ..sources.grid import Grid
from ..values import ValueProblem
from .convert import convert
from .headers import HeaderMatch, Target, build_lookup, find_header, header_key
from .records import Origin, SheetLayout, column_letter
from .spec import TOTAL_LABELS, TableSpec

NOTE_MARKS = ("※", "注", "*", "＊", "(注", "（注")


@dataclass
class RawRow:
    """One data row: typed values by field name, and where it came from."""

    values: dict[str, Any]
    origin: Origin


@dataclass
class TotalRow:
    """A declared total row (計, 合計, 小計, 総計) as found on a sheet."""

    label: str
    level: int
    amount: int | None
    amount_cell: str | None
    origin: Origin
    lines_before: int  # how many data rows of this sheet precede it


@dataclass
class TableRead:
    """What reading one table from one grid gave."""

    table: TableSpec
    layout: SheetLayout | None
    rows: list[RawRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title_text: str = ""  # the title rows above the header, joined (for a 年度 in a title)


def _blank(value: Any) -> bool:
    return values.is_blank(value)


def _layout(grid: Grid, header: HeaderMatch) -> SheetLayout:
    columns = {t.name: c for t, c in header.columns.items() if t.kind == "field"}
    texts = {t.name: text for t, text in header.texts.items() if t.kind == "field"}
    multipliers = {t.name: m for t, m in header.multipliers.items() if t.kind == "field"}
    return SheetLayout(
        file=grid.file,
        sheet=grid.sheet,
        header_row=header.last_row + 1,
        columns=columns,
        headers=texts,
        unit_multipliers=multipliers,
    )


def read_table(
    grid: Grid,
    table: TableSpec,
    *,
    extra_headers: dict[str, list[str]] | None = None,
    fixed: dict[str, Any] | None = None,
) -> TableRead:
    """Read ``table`` from ``grid``; ``fixed`` gives values for every row (a roster sheet's
    council). Never raises for bad content: problems are collected in the result."""
    rows = grid.filled_merges()
    lookup = build_lookup(table, extra_headers)
    header = find_header(rows, table, lookup)
    if header is None:
        problem = make_problem("no-header-row", file=grid.file, sheet=grid.sheet)
        return TableRead(table=table, layout=None, problems=[problem])
    layout = _layout(grid, header)
    result = TableRead(table=table, layout=layout)
    result.title_text = " ".join(
        str(v) for row in rows[: header.first_row] for v in row if not _blank(v)
    )
    for text, col in header.duplicates:
        result.problems.append(
            make_problem(
                "duplicate-column", file=grid.file, sheet=grid.sheet,
                cell=f"{column_letter(col)}{header.last_row + 1}", header=text,
            )
        )
    fixed = fixed or {}
    for spec in table.fields:
        if spec.required and spec.name not in layout.columns and spec.name not in fixed:
            result.problems.append(
                make_problem(
                    "missing-column", file=grid.file, sheet=grid.sheet, header=spec.headers[0],
                )
            )
    if any(p.code == "missing-column" for p in result.problems):
        return result

    for r in range(header.last_row + 1, len(rows)):
        _read_row(rows[r], r + 1, header, layout, table, fixed, result)
    return result


def _first_text(cells: list[Any]) -> str | None:
    for value in cells:
        if not _blank(value):
            return header_key(value)
    return None


def _read_row(
    cells: list[Any],
    excel_row: int,
    header: HeaderMatch,
    layout: SheetLayout,
    table: TableSpec,
    fixed: dict[str, Any],
    result: TableRead,
) -> None:
    filled = [c for c in cells if not _blank(c)]
    if not filled:
        return
    first = _first_text(cells) or ""
    origin = Origin(layout=layout, row=excel_row)
    if table.label_amount_headers or table.key == "budget_lines":
        level = TOTAL_LABELS.get(first)
        if level is not None:
            result.totals.append(_total_row(cells, first, level, header, origin, table, result))
            return
    if first.startswith(NOTE_MARKS):
        return
    mapped_cols = set(header.columns.values())
    required_cols = {layout.columns.get(f.name) for f in table.fields if f.required}
    if len(filled) == 1 and not any(
        not _blank(cells[c]) for c in required_cols if c is not None and c < len(cells)
    ):
        return  # a lone remark in a row of its own is a note, not a record
    if not any(not _blank(cells[c]) for c in mapped_cols if c < len(cells)):
        return  # text only in columns the ledger does not use

    row_values: dict[str, Any] = dict(fixed)
    for target, col in header.columns.items():
        raw = cells[col] if col < len(cells) else ""
        if _blank(raw):
            continue
        cell = f"{column_letter(col)}{excel_row}"
        header_text = header.texts[target]
        try:
            _convert_into(row_values, target, raw, header, table)
        except ValueProblem as problem:
            result.problems.append(
                make_problem(
                    problem.code, file=layout.file, sheet=layout.sheet, cell=cell,
                    value=raw, header=header_text, **problem.details,
                )
            )
            if problem.code == "unexpected-choice":
                row_values[target.name] = values.normalize_text(raw)

    missing = [
        f for f in table.fields
        if f.required and (row_values.get(f.name) is None or row_values.get(f.name) == "")
    ]
    for spec in missing:
        col = layout.columns.get(spec.name)
        result.problems.append(
            make_problem(
                "required-missing", file=layout.file, sheet=layout.sheet,
                cell=f"{column_letter(col)}{excel_row}" if col is not None else None,
                header=layout.headers.get(spec.name, spec.headers[0]),
            )
        )
    if missing:
        return
    result.rows.append(RawRow(values=row_values, origin=origin))


def _convert_into(
    row_values: dict[str, Any], target: Target, raw: Any, header: HeaderMatch, table: TableSpec
) -> None:
    if target.kind == "field":
        spec = table.field(target.name)
        value = convert(raw, spec, header.multipliers.get(target, 1))
        if spec.kind == "datetime":  # 開催日時: the date, and the times when typed with it
            value, start, end = value
            for name, time in (("start", start), ("end", end)):
                if time is not None:
                    row_values.setdefault(name, time)
        row_values[target.name] = value
    elif target.kind == "range":
        range_spec = table.ranges[int(target.name)]
        parse = values.parse_date_range if range_spec.kind == "date" else values.parse_time_range
        start, end = parse(raw)
        row_values.setdefault(range_spec.start, start)
        if end is not None:
            row_values.setdefault(range_spec.end, end)
    elif target.kind == "label_amount":
        label, amount = values.split_amount_label(raw)
        if label is not None:
            row_values.setdefault("vendor", label)
        if amount is not None:
            row_values.setdefault("budget", amount * header.multipliers.get(target, 1))


def _total_row(
    cells: list[Any],
    label: str,
    level: int,
    header: HeaderMatch,
    origin: Origin,
    table: TableSpec,
    result: TableRead,
) -> TotalRow:
    """A declared total: its amount is in the budget column, else in 発注先 (予算配分)."""
    lines_before = len(result.rows)
    for target in (Target("field", "budget"), Target("label_amount", "")):
        col = header.columns.get(target)
        if col is None or col >= len(cells) or _blank(cells[col]):
            continue
        cell = f"{column_letter(col)}{origin.row}"
        try:
            if target.kind == "field":
                amount = values.parse_yen(cells[col], multiplier=header.multipliers.get(target, 1))
            else:
                amount = values.split_amount_label(cells[col])[1]
                if amount is not None:
                    amount *= header.multipliers.get(target, 1)
        except ValueProblem as problem:
            result.problems.append(
                make_problem(
                    problem.code, file=origin.file, sheet=origin.sheet, cell=cell,
                    value=cells[col], header=header.texts[target], **problem.details,
                )
            )
            amount = None
        if amount is not None:
            return TotalRow(label, level, amount, cell, origin, lines_before)
    return TotalRow(label, level, None, None, origin, lines_before)
