"""Converting a table column by column.

A :class:`ColumnReader` is worked out once per table for each mapped column. It converts
the whole column in one pass (``convert_all``): each distinct value once, the column then
mapped through that table, so the per-cell cost is a dict look-up for the values ledgers
repeat (dates, 区分, 年度). Columns in a plain form (free text, ASCII ids, whole yen) take
the shortcuts of :mod:`.fast_paths`, whose contract is the plain rule's result or a
refusal; with them switched off (``fast_paths.disabled()``) every cell goes the plain way,
and tests compare the two on whole ledgers. A column that fills several fields (任期) names them in ``spread``;
``fill`` puts one cell into a row's values for rows read one by one."""

from __future__ import annotations

from itertools import repeat
from operator import is_
from typing import Any, Callable, Sequence

from .. import values
from ..values import MAX_YEN, ValueProblem
from . import fast_paths
from .convert import convert, typed_text
from .fast_paths import BLANK, ascii_ids, plain_amount_column, plain_amounts, plain_id_column, plain_text_column
from .headers import HeaderMatch, Target
from .spec import FieldSpec, RangeSpec, TableSpec

MEMO_LIMIT = 50_000
_MISSING = object()
_INVISIBLE = "\u200b\ufeff"


def is_blank_cell(value: Any) -> bool:
    """values.is_blank, with a fast path for the cells readers give ("" when empty)."""
    kind = type(value)
    if kind is str:
        stripped = value.strip()
        return not stripped or (stripped[0] in _INVISIBLE and values.is_blank(value))
    if kind is float:
        return value != value  # NaN
    return value is None


class ColumnReader:
    """Reads one mapped column: its cell → typed value, and where the value goes."""

    def __init__(self, col: int, target: Target, header_text: str, convert_one: Callable[[Any], Any],
                 field_name: str | None, memo: bool, *, spread: tuple[str, ...] = (),
                 copy_lists: bool = False, plain_yen: bool = False,
                 bulk: Callable[[set[Any]], dict[Any, Any]] | None = None,
                 whole: Callable[[list[Any]], tuple[list[Any], bool] | None] | None = None):
        self.col = col
        self.target = target
        self.header_text = header_text
        self.convert_one = convert_one
        self.field_name = field_name
        # A column that fills several fields (開催日時, 任期, 発注先 (予算配分)) converts to a
        # tuple; ``spread`` names the field each part fills, where no other column did.
        self.spread = spread
        self.memo: dict[Any, Any] | None = {} if memo else None
        self.copy_lists = copy_lists
        self.plain_yen = plain_yen
        # Distinct cell values → typed value, for the values in a form that needs no rule
        # beyond the obvious (ASCII ids, "80,000円"); the rest go through ``convert_one``.
        self.bulk = bulk
        # The whole column at once, when every cell is in a plain form (free text, ASCII
        # ids, whole yen): no distinct-value table needed. ``None`` from it: not plain.
        self.whole = whole
        self.had_problem = False  # set once any cell of the column could not be read
        self.had_blank = True  # cleared when convert_all knows no cell was blank

    def fill(self, row_values: dict[str, Any], value: Any) -> None:
        """Put one converted cell into a row's values (the careful, row-by-row path)."""
        if self.spread:
            for name, part in zip(self.spread, value):
                if part is not None:
                    row_values.setdefault(name, part)
        elif value is not None:
            row_values[self.field_name] = list(value) if self.copy_lists else value

    def _convert_catching(self, raw: Any) -> Any:
        try:
            return self.convert_one(raw)
        except ValueProblem as problem:
            self.had_problem = True
            return problem

    def convert_all(self, raws: Sequence[Any]) -> list[Any]:
        """Each cell's typed value, ``BLANK`` for an empty cell, or the ValueProblem.

        The common cases run at C speed: a plain column at once (``whole``); otherwise
        each distinct value is converted once and the column mapped through the resulting
        table, or, for free text that rarely repeats, converted cell by cell.
        """
        self.had_blank = True  # until shown otherwise
        if self.whole is not None:
            done = self.whole(raws)
            if done is not None:
                out, self.had_blank = done
                return out
        try:
            distinct = set(raws)
        except TypeError:  # an unhashable cell value: cell by cell
            return self._convert_distinct(raws) if self.memo is None else self._convert_each(raws)
        # 1, 1.0, Decimal(1) and True are one key in a set: a column holding a 0 or a 1 is
        # looked at for booleans beside numbers, which must not share a result.
        if 0 in distinct or 1 in distinct:
            kinds = set(map(type, raws))
            if bool in kinds and kinds - {bool, str}:
                return self._convert_distinct(raws) if self.memo is None else self._convert_each(raws)
        if self.memo is None:
            if len(distinct) * 2 > len(raws):  # mostly distinct: no table worth making
                return self._convert_distinct(raws)
            one = self._one_unremembered
            table = {value: one(value) for value in distinct}
        else:
            # Ids and amounts rarely repeat: their plain forms are converted in bulk.
            table = self.bulk(distinct) if self.bulk is not None else {}
            remembered = self._remembered
            table.update({value: remembered(value) for value in distinct if value not in table})
        self.had_blank = any(map(is_, table.values(), repeat(BLANK)))
        return list(map(table.__getitem__, raws))

    def _remembered(self, raw: Any) -> Any:
        """One distinct value's result, through the column's memo."""
        kind = type(raw)
        key = raw if kind is str else (kind, raw)
        found = self.memo.get(key, _MISSING)
        if found is not _MISSING:
            return found
        if raw == "" or raw is None or (kind is float and raw != raw):
            return BLANK
        if self.plain_yen and kind is float and raw.is_integer() and abs(raw) < MAX_YEN:
            return int(raw)  # amounts are mostly distinct: not worth remembering
        found = BLANK if kind is str and is_blank_cell(raw) else self._convert_catching(raw)
        if len(self.memo) < MEMO_LIMIT:
            self.memo[key] = found
        return found

    def _convert_each(self, raws: Sequence[Any]) -> list[Any]:
        """Cell by cell through the memo (columns mixing bools with numbers)."""
        out: list[Any] = []
        append = out.append
        memo = self.memo
        get = memo.get
        plain_yen = self.plain_yen
        for raw in raws:
            kind = type(raw)
            # A remembered value (blank strings included) costs one look-up.
            found = get(raw if kind is str else (kind, raw), _MISSING)
            if found is not _MISSING:
                append(found)
                continue
            if raw == "" or raw is None or (kind is float and raw != raw):
                append(BLANK)
                continue
            # Amounts are mostly distinct: a whole number of yen needs no parsing.
            if plain_yen and kind is float and raw.is_integer() and abs(raw) < MAX_YEN:
                append(int(raw))
                continue
            found = BLANK if kind is str and is_blank_cell(raw) else self._convert_catching(raw)
            if len(memo) < MEMO_LIMIT:
                try:
                    memo[raw if kind is str else (kind, raw)] = found
                except TypeError:  # an unhashable value is simply not remembered
                    pass
            append(found)
        return out

    def _convert_distinct(self, raws: Sequence[Any]) -> list[Any]:
        """Columns whose values rarely repeat (free text, vendor + amount): no memo."""
        return list(map(self._one_unremembered, raws))

    def _one_unremembered(self, raw: Any) -> Any:
        """One cell of a column without a memo (free text, vendor + amount)."""
        if raw == "" or raw is None:
            return BLANK
        if type(raw) is str:
            stripped = raw.strip()
            if not stripped or (stripped[0] in _INVISIBLE and is_blank_cell(raw)):
                return BLANK
            if self.convert_one is typed_text:  # inlined: most cells of a ledger are text
                return stripped if "\r" not in stripped else typed_text(raw)
            return self._convert_catching(raw)
        if type(raw) is float and raw != raw:
            return BLANK
        return self._convert_catching(raw)


def plan_columns(header: HeaderMatch, table: TableSpec) -> list[ColumnReader]:
    """A reader for every mapped column of a table, left to right."""
    plan = []
    for target, col in sorted(header.columns.items(), key=lambda item: item[1]):
        multiplier = header.multipliers.get(target, 1)
        text = header.texts[target]
        if target.kind == "field":
            plan.append(_field_reader(col, target, text, table.field(target.name), multiplier))
        elif target.kind == "range":
            plan.append(_range_reader(col, target, text, table.ranges[int(target.name)]))
        else:
            plan.append(_label_amount_reader(col, target, text, multiplier))
    return plan


def _field_reader(col: int, target: Target, text: str, spec: FieldSpec, multiplier: int) -> ColumnReader:
    fast = fast_paths.enabled()
    if spec.kind == "text":  # free text, mostly distinct: nothing worth remembering
        return ColumnReader(col, target, text, typed_text, spec.name, memo=False,
                            whole=plain_text_column if fast else None)
    convert_one = lambda raw: convert(raw, spec, multiplier)  # noqa: E731
    if spec.kind == "datetime":  # 開催日時: the date, and the times when typed with it
        return ColumnReader(col, target, text, convert_one, spec.name, memo=True,
                            spread=(spec.name, "start", "end"))
    bulk = whole = None
    if not fast:
        pass
    elif spec.kind == "yen":
        bulk = lambda distinct: plain_amounts(distinct, multiplier)  # noqa: E731
        whole = lambda raws: plain_amount_column(raws, multiplier)  # noqa: E731
    elif spec.kind in ("id", "council"):
        bulk, whole = ascii_ids, plain_id_column
    return ColumnReader(
        col, target, text, convert_one, spec.name, memo=True,
        copy_lists=spec.kind in ("list", "agenda"),  # no two records may share one list
        plain_yen=fast and spec.kind == "yen" and multiplier == 1, bulk=bulk, whole=whole,
    )


def _range_reader(col: int, target: Target, text: str, range_spec: RangeSpec) -> ColumnReader:
    parse = values.parse_date_range if range_spec.kind == "date" else values.parse_time_range
    return ColumnReader(col, target, text, parse, None, memo=True, spread=(range_spec.start, range_spec.end))


def _label_amount_reader(col: int, target: Target, text: str, multiplier: int) -> ColumnReader:
    convert_one = lambda raw: values.split_amount_label(raw, multiplier=multiplier)  # noqa: E731
    return ColumnReader(col, target, text, convert_one, None, memo=False, spread=("vendor", "budget"))
