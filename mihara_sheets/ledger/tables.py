"""Reading one table from one grid: header, data rows, typed values, problems at cells.

The result holds the records' values column by column (field name → one typed value per
record, ``None`` where blank) with the sheet row of each record, plus the declared total rows
of budget sheets. Records are built from these elsewhere. Rows are sorted out first (blank,
note, total, record); the record rows are then converted column by column (``columns.py``).
Only rows with a problem are looked at one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, count, repeat
from operator import add, and_, is_, itemgetter, ne, not_
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
    # Field name → one value per record (``None`` when blank), and each record's sheet row.
    columns: dict[str, list[Any]] = field(default_factory=dict)
    row_numbers: list[int] = field(default_factory=list)
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

    # A value the sheet gives every row (a roster sheet's council) is never missing.
    required = [(f.name, layout.columns.get(f.name)) for f in table.fields if f.required and f.name not in fixed]
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
    start = header.last_row + 1
    plain = _plain_rows(rows[start:], budget)
    after_plain = start
    for r in compress(range(start, len(rows)), map(not_, plain)):
        candidates.extend(range(after_plain, r))  # the plain rows before this one
        after_plain = r + 1
        cells = rows[r]
        if not cells:  # a grid from elsewhere may hold an empty row
            continue
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
    candidates.extend(range(after_plain, len(rows)))
    return candidates, totals


def _plain_rows(body: list[list[Any]], budget: bool) -> list[bool]:
    """For each row, whether it is plainly a record candidate: its first two cells filled,
    the first neither blank, a note mark nor possibly a total label.

    Worked out per distinct first cell and with C functions mapped over the rows, so the
    sorting loop only looks closely at the other rows (blank, notes, totals, lone cells).
    """
    if not body or min(map(len, body)) < 2:
        return [False] * len(body)
    firsts = list(map(itemgetter(0), body))
    try:
        plain_first = {value: _plain_first(value, budget) for value in set(firsts)}
    except TypeError:  # an unhashable cell: every row the careful way
        return [False] * len(body)
    plain = map(plain_first.__getitem__, firsts)
    seconds = list(map(itemgetter(1), body))
    if "" not in seconds:  # a grid's empty cell is ""
        return list(plain)
    return list(map(and_, plain, map(ne, seconds, repeat(""))))


def _plain_first(value: Any, budget: bool) -> bool:
    if value == "" or _maybe_blank(value):
        return False
    if type(value) is str:
        text = value.lstrip()
        if budget and len(value) <= 16 and text[:1] in TOTAL_FIRST_CHARS:
            return False  # maybe 計, 合計, 小計 or 総計: the sorting loop decides
        return not text.startswith(NOTE_MARKS)
    return True


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
    """Convert the candidate rows column by column into ``result.columns``.

    Returns, for each position in ``candidates``, how many records were kept before it.
    Everything runs a column at a time except the rows that need a message: a row with a
    cell that could not be read takes the careful path, which reports each bad cell, and a
    row missing a required value is reported and left out. A row whose mapped cells are
    all blank (only unmapped columns filled) is left out silently.
    """
    n = len(candidates)
    if n and candidates[-1] - candidates[0] == n - 1:  # the usual table: no gaps
        chosen = rows[candidates[0] : candidates[-1] + 1]
    else:
        chosen = [rows[r] for r in candidates]
    widths = set(map(len, chosen))
    by_column = _transposed(chosen) if len(widths) == 1 else None  # a file's grid: all rows one width
    narrowest = min(widths, default=0)
    converted = []
    for reader in plan:
        col = reader.col
        if by_column is not None and col < len(by_column):
            raws = by_column[col]
        elif col < narrowest:
            raws = list(map(itemgetter(col), chosen))
        else:
            raws = [row[col] if col < len(row) else "" for row in chosen]
        converted.append(reader.convert_all(raws))

    columns = _field_columns(plan, converted, n, fixed)
    troubled = {
        k
        for reader, out in zip(plan, converted)
        if reader.had_problem
        for k, value in enumerate(out)
        if type(value) is ValueProblem
    }
    # A column without a blank cell means no row is all blank.
    unused = _all_blank(converted, n) if all(reader.had_blank for reader in plan) else set()
    missing: set[int] = set()
    for name, _ in required:
        column = columns.get(name, [None] * n)
        if not all(column):  # None and "" are false, and so is little else a required field holds
            missing.update(_positions(map(_NO_VALUE.__contains__, column)))
    dropped = set(unused)
    for k in sorted(troubled | (missing - unused)):  # in sheet order, so messages are too
        excel_row = candidates[k] + 1
        if k in troubled:
            row_values = _careful_row(plan, converted, k, chosen[k], excel_row, layout, fixed, result)
            for name in row_values.keys() - columns.keys():
                columns[name] = [None] * n
            for name, column in columns.items():
                column[k] = row_values.get(name)
        else:
            row_values = {name: columns[name][k] for name, _ in required}
        if not all(row_values.get(name) not in _NO_VALUE for name, _ in required):
            _report_missing(row_values, excel_row, layout, table, required, result)
            dropped.add(k)

    row_numbers = list(map(add, candidates, repeat(1)))
    result.columns = columns
    result.row_numbers = row_numbers
    if not dropped:
        return list(range(n + 1))
    keep = [k for k in range(n) if k not in dropped]
    result.columns = {name: [column[k] for k in keep] for name, column in columns.items()}
    result.row_numbers = [row_numbers[k] for k in keep]
    return list(accumulate((k not in dropped for k in range(n)), initial=0))


def _transposed(rows: list[list[Any]]) -> list[list[Any]]:
    """Columns of rows that all have the same width.

    Flattened row by row, then sliced column by column: on a large sheet this is three
    times quicker than ``zip(*rows)``, which visits every row once per column.
    """
    width = len(rows[0])
    cells = list(chain.from_iterable(rows))
    return [cells[col::width] for col in range(width)]


_NO_VALUE = (None, "")  # what a required field must not hold


def _positions(flags: Any) -> set[int]:
    """The positions where an iterable of truth values is true (at C speed)."""
    return set(compress(count(), flags))


def _all_blank(converted: list[list[Any]], n: int) -> set[int]:
    """Positions of the rows whose mapped cells are all blank."""
    unused = set(range(n))
    for out in converted:
        if not unused:
            break
        unused &= _positions(map(is_, out, repeat(BLANK)))
    return unused


def _field_columns(plan: list[ColumnReader], converted: list[list[Any]], n: int,
                   fixed: dict[str, Any]) -> dict[str, list[Any]]:
    """Field name → one value per row, ``None`` where blank.

    A column read as one field comes first; a column filling several fields (任期 →
    term_start, term_end) fills only where no column of the field's own gave a value; the
    sheet's ``fixed`` values (a roster sheet's council) come last. Cells that could not be
    read are left as they are here: the careful path rewrites those rows.
    """
    columns: dict[str, list[Any]] = {}
    to_none = {BLANK: None}
    for reader, out in zip(plan, converted):
        if reader.spread:
            continue
        if reader.copy_lists:  # no two records may share one list
            columns[reader.field_name] = [
                list(value) if value is not BLANK and value is not None and type(value) is not ValueProblem
                else None
                for value in out
            ]
        else:
            # Shared with ``converted`` when nothing changes: the careful path reads a row's
            # cells before it rewrites that row, and no other row's.
            columns[reader.field_name] = list(map(to_none.get, out, out)) if reader.had_blank else out
    for reader, out in zip(plan, converted):
        for index, name in enumerate(reader.spread):
            parts = [
                None if value is BLANK or type(value) is ValueProblem else value[index] for value in out
            ]
            own = columns.get(name)
            columns[name] = parts if own is None else [
                value if value is not None else part for value, part in zip(own, parts)
            ]
    for name, value in fixed.items():
        own = columns.get(name)
        columns[name] = [value] * n if own is None else [v if v is not None else value for v in own]
    return columns


def _careful_row(plan: list[ColumnReader], converted: list[list[Any]], k: int, cells: list[Any],
                 excel_row: int, layout: SheetLayout, fixed: dict[str, Any],
                 result: TableRead) -> dict[str, Any]:
    """One row's values, cell by cell, with a problem for each cell that could not be read."""
    row_values: dict[str, Any] = {}
    for reader, out in zip(plan, converted):
        value = out[k]
        if value is BLANK:
            continue
        if type(value) is ValueProblem:
            _value_problem(value, reader, cells, excel_row, layout, row_values, result)
        else:
            reader.fill(row_values, value)
    for name, value in fixed.items():  # a value typed in the row wins over the sheet's
        row_values.setdefault(name, value)
    return row_values


def _value_problem(problem: ValueProblem, reader: ColumnReader, cells: list[Any], excel_row: int,
                   layout: SheetLayout, row_values: dict[str, Any], result: TableRead) -> None:
    raw = cells[reader.col]
    result.problems.append(
        make_problem(
            problem.code, file=layout.file, sheet=layout.sheet,
            cell=f"{column_letter(reader.col)}{excel_row}", row=excel_row, field=reader.field_name,
            value=raw, header=reader.header_text, **problem.details,
        )
    )
    if problem.code == "unexpected-choice":  # only a warning: keep what was typed
        row_values[reader.field_name] = values.normalize_text(raw)


def _report_missing(row_values: dict[str, Any], excel_row: int, layout: SheetLayout,
                    table: TableSpec, required: list[tuple[str, int | None]], result: TableRead) -> None:
    """A ``required-missing`` problem for each required field the row has no value for."""
    for name, col in required:
        if row_values.get(name) in _NO_VALUE:
            result.problems.append(
                make_problem(
                    "required-missing", file=layout.file, sheet=layout.sheet,
                    cell=f"{column_letter(col)}{excel_row}" if col is not None else None,
                    row=excel_row, field=name, header=layout.headers.get(name, table.field(name).headers[0]),
                )
            )


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
    for target in (Target("field", "budget"), Target("label_amount", ""), Target("field", "initial_budget")):
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
                    problem.code, file=origin.file, sheet=origin.sheet, cell=cell, row=origin.row,
                    field="budget", value=cells[col], header=header.texts[target], **problem.details,
                )
            )
            amount = None
        if amount is not None:
            return TotalRow(label, level, amount, cell, origin, lines_before)
    return TotalRow(label, level, None, None, origin, lines_before)
