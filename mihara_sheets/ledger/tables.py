"""Reading one table from one grid: header, data rows, typed values, problems at cells.

The result is a list of :class:`RawRow` (field name → typed value, with the row's origin)
plus the declared total rows of budget sheets. Records are built from these elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

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


_INVISIBLE = "\u200b\ufeff"


def _blank(value: Any) -> bool:
    """values.is_blank, with a fast path for the common cells (this runs for every cell)."""
    kind = type(value)
    if kind is str:
        stripped = value.strip()
        return not stripped or (stripped[0] in _INVISIBLE and values.is_blank(value))
    if kind is float:
        return value != value  # NaN
    return value is None


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

    plan = _plan(header, table)
    required = [(f.name, layout.columns.get(f.name)) for f in table.fields if f.required]
    for r in range(header.last_row + 1, len(rows)):
        _read_row(rows[r], r + 1, header, layout, table, plan, required, fixed, result)
    return result


@dataclass(frozen=True)
class _Column:
    """How one mapped column is read; worked out once per table, used for every row."""

    col: int
    target: Target
    header_text: str
    put: Callable[[dict[str, Any], Any], None]


def _plan(header: HeaderMatch, table: TableSpec) -> list[_Column]:
    plan = []
    for target, col in sorted(header.columns.items(), key=lambda item: item[1]):
        multiplier = header.multipliers.get(target, 1)
        if target.kind == "field":
            put = _field_putter(table.field(target.name), multiplier)
        elif target.kind == "range":
            put = _range_putter(table.ranges[int(target.name)])
        else:
            put = _label_amount_putter(multiplier)
        plan.append(_Column(col, target, header.texts[target], put))
    return plan


MEMO_LIMIT = 50_000


_MISSING = object()


def _memo_key(raw: Any) -> Any:
    # 1, 1.0 and True are equal as dict keys; a str never equals a number.
    return raw if type(raw) is str else (type(raw), raw)


def _remembering(spec, multiplier: int) -> tuple[dict, Callable[[Any], Any]]:
    """A memo of ``convert`` results for one column, and the function that fills it.

    Ledger columns repeat themselves (dates, 区分, 年度, council ids), so most cells are one
    dict look-up. A problem is remembered as the exception and raised afresh each time.
    """
    memo: dict[Any, Any] = {}

    def convert_once(raw: Any) -> Any:
        try:
            found = convert(raw, spec, multiplier)
        except ValueProblem as problem:
            found = problem
        if len(memo) < MEMO_LIMIT:
            try:
                memo[_memo_key(raw)] = found
            except TypeError:  # an unhashable value is simply not remembered
                pass
        return found

    return memo, convert_once


def _found(found: Any) -> Any:
    if isinstance(found, ValueProblem):
        raise ValueProblem(found.code, found.value, **found.details)
    return found


def _field_putter(spec, multiplier: int):
    name = spec.name
    if spec.kind == "text":  # most cells: as typed, trimmed

        def put(row_values: dict[str, Any], raw: Any) -> None:
            value = convert(raw, spec, multiplier)
            if value is not None:
                row_values[name] = value

        return put
    memo, convert_once = _remembering(spec, multiplier)
    get = memo.get
    if spec.kind == "datetime":  # 開催日時: the date, and the times when typed with it

        def put(row_values: dict[str, Any], raw: Any) -> None:
            found = get(_memo_key(raw), _MISSING)
            day, start, end = _found(convert_once(raw) if found is _MISSING else found)
            if day is not None:
                row_values[name] = day
            if start is not None:
                row_values.setdefault("start", start)
            if end is not None:
                row_values.setdefault("end", end)

        return put
    copy_lists = spec.kind in ("list", "agenda")  # no two records may share one list
    plain_yen = spec.kind == "yen" and multiplier == 1

    def put(row_values: dict[str, Any], raw: Any) -> None:
        # Amounts are mostly distinct: a whole number in yen needs no parsing.
        if plain_yen and type(raw) is float and raw.is_integer() and abs(raw) < 2**53:
            row_values[name] = int(raw)
            return
        found = get(raw if type(raw) is str else (type(raw), raw), _MISSING)
        if found is _MISSING:
            found = convert_once(raw)
        if found is None:
            return
        if type(found) is ValueProblem:
            _found(found)
        row_values[name] = list(found) if copy_lists else found

    return put


def _range_putter(range_spec):
    parse = values.parse_date_range if range_spec.kind == "date" else values.parse_time_range

    def put(row_values: dict[str, Any], raw: Any) -> None:
        start, end = parse(raw)
        row_values.setdefault(range_spec.start, start)
        if end is not None:
            row_values.setdefault(range_spec.end, end)

    return put


def _label_amount_putter(multiplier: int):
    def put(row_values: dict[str, Any], raw: Any) -> None:
        label, amount = values.split_amount_label(raw, multiplier=multiplier)
        if label is not None:
            row_values.setdefault("vendor", label)
        if amount is not None:
            row_values.setdefault("budget", amount)

    return put


def _read_row(
    cells: list[Any],
    excel_row: int,
    header: HeaderMatch,
    layout: SheetLayout,
    table: TableSpec,
    plan: list[_Column],
    required: list[tuple[str, int | None]],
    fixed: dict[str, Any],
    result: TableRead,
) -> None:
    # Readers give "" for an empty cell; a whitespace-only string is rare and is weeded
    # out below only where it matters.
    filled = [i for i, c in enumerate(cells) if c != "" and c is not None]
    if len(filled) <= 1 or _blank(cells[filled[0]]):
        filled = [i for i in filled if not _blank(cells[i])]
        if not filled:
            return
    first_value = cells[filled[0]]
    first = header_key(first_value) if isinstance(first_value, str) and len(first_value) <= 16 else ""
    level = TOTAL_LABELS.get(first)
    if level is not None and table.key == "budget_lines":
        origin = Origin(layout=layout, row=excel_row)
        result.totals.append(_total_row(cells, first, level, header, origin, result))
        return
    if isinstance(first_value, str) and first_value.lstrip().startswith(NOTE_MARKS):
        return
    if len(filled) == 1 and not (len(required) == 1 and required[0][1] == filled[0]):
        return  # a lone remark is a note, unless it is all a record needs (a roster name)

    row_values: dict[str, Any] = dict(fixed)
    used = False
    width = len(cells)
    for column in plan:
        raw = cells[column.col] if column.col < width else ""
        if raw == "" or raw is None:
            continue
        kind = type(raw)
        # Only a string with space or an invisible character at an end can be blank.
        if kind is str:
            if (raw[0].isspace() or raw[-1].isspace() or raw[0] in _INVISIBLE) and _blank(raw):
                continue
        elif kind is float and raw != raw:
            continue
        used = True
        try:
            column.put(row_values, raw)
        except ValueProblem as problem:
            result.problems.append(
                make_problem(
                    problem.code, file=layout.file, sheet=layout.sheet,
                    cell=f"{column_letter(column.col)}{excel_row}",
                    value=raw, header=column.header_text, **problem.details,
                )
            )
            if problem.code == "unexpected-choice":
                row_values[column.target.name] = values.normalize_text(raw)
    if not used:
        return  # text only in columns the ledger does not use

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
    if complete:
        result.rows.append(RawRow(values=row_values, origin=Origin(layout=layout, row=excel_row)))


def _total_row(
    cells: list[Any],
    label: str,
    level: int,
    header: HeaderMatch,
    origin: Origin,
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
