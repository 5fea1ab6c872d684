"""Reading one table from one grid: header, data rows, typed values, problems at cells.

The result is a list of :class:`RawRow` (field name → typed value, with the row's origin)
plus the declared total rows of budget sheets. Records are built from these elsewhere.
Rows are sorted out first (blank, note, total, record); the record rows are then
converted column by column (``columns.py``) and put together row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from .. import values
from ..problems import Problem, make_problem
from ..sources.grid import Grid
from ..values import ValueProblem
from .columns import BLANK, ColumnReader, is_blank_cell as _blank, plan_columns
from .headers import HeaderMatch, Target, build_lookup, find_header, header_key
from .records import Origin, SheetLayout, column_letter
from .spec import TOTAL_LABELS, TableSpec

NOTE_MARKS = ("※", "注", "*", "＊", "(注", "（注")
TOTAL_FIRST_CHARS = frozenset(label[0] for label in TOTAL_LABELS)
_INVISIBLE = "\u200b\ufeff"


@dataclass(slots=True)
class RawRow:
    """One data row: typed values by field name (never ``None``), and where it came from."""

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
    lines_before: int  # how many records of this sheet precede it


@dataclass
class TableRead:
    """What reading one table from one grid gave."""

    table: TableSpec
    layout: SheetLayout | None
    rows: list[RawRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title_text: str = ""  # the title rows above the header, joined (for a 年度 in a title)


def _layout(grid: Grid, header: HeaderMatch, table: TableSpec) -> SheetLayout:
    columns = {t.name: c for t, c in header.columns.items() if t.kind == "field"}
    texts = {t.name: text for t, text in header.texts.items() if t.kind == "field"}
    # Fields read from a shared column (任期 → term_start and term_end; 発注先 (予算配分) →
    # vendor and budget) point at that column, so problems and write-back find their cell.
    for target, col in header.columns.items():
        if target.kind == "range":
            range_spec = table.ranges[int(target.name)]
            shared = (range_spec.start, range_spec.end)
        elif target.kind == "label_amount":
            shared = ("vendor", "budget")
        else:
            continue
        for name in shared:
            if name not in columns:
                columns[name] = col
                texts[name] = header.texts[target]
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
    layout = _layout(grid, header, table)
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

    required = [(f.name, layout.columns.get(f.name)) for f in table.fields if f.required]
    candidates, totals = _sort_rows(rows, header, layout, table, required, result)
    kept_before = _assemble(rows, candidates, plan_columns(header, table), layout, table,
                            required, fixed, result)
    for total, candidates_before in totals:
        total.lines_before = kept_before[candidates_before]
        result.totals.append(total)
    return result


def _sort_rows(
    rows: list[list[Any]],
    header: HeaderMatch,
    layout: SheetLayout,
    table: TableSpec,
    required: list[tuple[str, int | None]],
    result: TableRead,
) -> tuple[list[int], list[tuple[TotalRow, int]]]:
    """Indices of the rows that may be records, and the declared totals among them.

    Blank rows are skipped; a budget row starting with 計/合計/小計/総計 is a total; a row
    starting with ※ or 注 is a note; a row with one filled cell is a note unless that cell
    is all a record needs (a roster's name).
    """
    candidates: list[int] = []
    totals: list[tuple[TotalRow, int]] = []
    lone_ok = required[0][1] if len(required) == 1 else None
    budget = table.key == "budget_lines"
    for r in range(header.last_row + 1, len(rows)):
        cells = rows[r]
        # Readers give "" for an empty cell: counting them is cheap. Whitespace-only
        # strings are weeded out only where they could change the outcome.
        filled_count = len(cells) - cells.count("")  # a grid's empty cell is ""
        first_value = cells[0]
        if filled_count <= 1 or first_value == "" or _maybe_blank(first_value):
            filled = [i for i, c in enumerate(cells) if not _blank(c)]
            if not filled:
                continue
            filled_count = len(filled)
            first_index, first_value = filled[0], cells[filled[0]]
        else:
            first_index = 0
        if type(first_value) is str:
            # Total labels (小計, 計, 合計, 総計) start with one of these, spaces aside.
            if budget and len(first_value) <= 16 and first_value.lstrip()[:1] in TOTAL_FIRST_CHARS:
                first = header_key(first_value)
                level = TOTAL_LABELS.get(first)
                if level is not None:
                    origin = Origin(layout=layout, row=r + 1)
                    totals.append((_total_row(cells, first, level, header, origin, result), len(candidates)))
                    continue
            if first_value.lstrip().startswith(NOTE_MARKS):
                continue
        if filled_count == 1 and first_index != lone_ok:
            continue
        candidates.append(r)
    return candidates, totals


def _maybe_blank(value: Any) -> bool:
    """_blank, answering at once for the usual cell (text without space at its ends)."""
    if type(value) is str and not (value[0].isspace() or value[-1].isspace() or value[0] in _INVISIBLE):
        return False
    return _blank(value)


def _assemble(
    rows: list[list[Any]],
    candidates: list[int],
    plan: list[ColumnReader],
    layout: SheetLayout,
    table: TableSpec,
    required: list[tuple[str, int | None]],
    fixed: dict[str, Any],
    result: TableRead,
) -> list[int]:
    """Convert the candidate rows column by column, then make each row's values.

    Returns, for each position in ``candidates``, how many records were kept before it.
    A row with a problem takes the careful path, which reports each bad cell; the others
    are put together by one dict comprehension, plus the few columns that fill several
    fields (開催日時, 任期, 発注先 (予算配分)) or hold lists.
    """
    chosen = [rows[r] for r in candidates]
    narrowest = min(map(len, chosen), default=0)
    converted = []
    for reader in plan:
        col = reader.col
        if col < narrowest:
            raws = list(map(itemgetter(col), chosen))
        else:
            raws = [row[col] if col < len(row) else "" for row in chosen]
        converted.append(reader.convert_all(raws))
    required_names = [name for name, _ in required]
    simple = [i for i, reader in enumerate(plan) if reader.assign is None and not reader.copy_lists]
    names = [plan[i].field_name for i in simple]
    special = [(plan[i], converted[i]) for i in range(len(plan)) if i not in simple]
    troubled = {
        k
        for reader, out in zip(plan, converted)
        if reader.had_problem
        for k, value in enumerate(out)
        if type(value) is ValueProblem
    }
    kept_before = [0]
    kept = 0
    simple_rows = zip(*[converted[i] for i in simple]) if simple else ((),) * len(candidates)
    for k, (r, values_here) in enumerate(zip(candidates, simple_rows)):
        if k in troubled:
            row_values, used = _careful_row(plan, converted, k, chosen[k], r + 1, layout, fixed, result)
        else:
            row_values = {name: value for name, value in zip(names, values_here)
                          if value is not BLANK and value is not None}
            if fixed:  # a value typed in the row wins over the sheet's (as on the careful path)
                row_values = {**fixed, **row_values}
            used = values_here.count(BLANK) < len(values_here)
            for reader, out in special:  # 開催日時, 任期, 発注先 (予算配分), lists: few columns
                value = out[k]
                if value is BLANK:
                    continue
                used = True
                if reader.assign is not None:
                    reader.assign(row_values, value)
                elif value is not None:
                    row_values[reader.field_name] = list(value)
        if used and (all(row_values.get(name) not in (None, "") for name in required_names)
                     or _complete(row_values, r + 1, layout, table, required, result)):
            result.rows.append(RawRow(values=row_values, origin=Origin(layout=layout, row=r + 1)))
            kept += 1
        kept_before.append(kept)
    return kept_before


def _careful_row(plan: list[ColumnReader], converted: list[list[Any]], k: int, cells: list[Any],
                 excel_row: int, layout: SheetLayout, fixed: dict[str, Any],
                 result: TableRead) -> tuple[dict[str, Any], bool]:
    row_values: dict[str, Any] = dict(fixed)
    used = False
    for reader, out in zip(plan, converted):
        value = out[k]
        if value is BLANK:
            continue
        used = True
        if type(value) is ValueProblem:
            _value_problem(value, reader, cells, excel_row, layout, row_values, result)
        elif reader.assign is not None:
            reader.assign(row_values, value)
        elif value is not None:
            row_values[reader.field_name] = list(value) if reader.copy_lists else value
    return row_values, used


def _value_problem(problem: ValueProblem, reader: ColumnReader, cells: list[Any], excel_row: int,
                   layout: SheetLayout, row_values: dict[str, Any], result: TableRead) -> None:
    raw = cells[reader.col]
    result.problems.append(
        make_problem(
            problem.code, file=layout.file, sheet=layout.sheet,
            cell=f"{column_letter(reader.col)}{excel_row}",
            value=raw, header=reader.header_text, **problem.details,
        )
    )
    if problem.code == "unexpected-choice":  # only a warning: keep what was typed
        row_values[reader.field_name] = values.normalize_text(raw)


def _complete(row_values: dict[str, Any], excel_row: int, layout: SheetLayout, table: TableSpec,
              required: list[tuple[str, int | None]], result: TableRead) -> bool:
    complete = True
    for name, col in required:
        if row_values.get(name) in (None, ""):
            complete = False
            result.problems.append(
                make_problem(
                    "required-missing", file=layout.file, sheet=layout.sheet,
                    cell=f"{column_letter(col)}{excel_row}" if col is not None else None,
                    header=layout.headers.get(name, table.field(name).headers[0]),
                )
            )
    return complete


def _total_row(
    cells: list[Any],
    label: str,
    level: int,
    header: HeaderMatch,
    origin: Origin,
    result: TableRead,
) -> TotalRow:
    """A declared total: its amount is in the budget column, else in 発注先 (予算配分).

    ``lines_before`` is filled in once the records above it are known.
    """
    lines_before = 0
    for target in (Target("field", "budget"), Target("label_amount", "")):
        col = header.columns.get(target)
        if col is None or col >= len(cells) or _blank(cells[col]):
            continue
        cell = f"{column_letter(col)}{origin.row}"
        try:
            if target.kind == "field":
                amount = values.parse_yen(cells[col], multiplier=header.multipliers.get(target, 1))
            else:
                amount = values.split_amount_label(
                    cells[col], multiplier=header.multipliers.get(target, 1)
                )[1]
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
