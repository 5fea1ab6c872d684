"""pandas DataFrames out of a ledger and into one, for scripts and notebooks.

pandas is an optional dependency (``pip install mihara-sheets[pandas]``), imported only
when a frame is asked for, so ``import mihara_sheets`` stays cheap for the Excel buttons.

Out: :func:`table_frame` gives one table as a DataFrame with a column per record field
(English names, as on the records), typed by the ledger contract: dates as
``datetime64``, yen and counts as nullable ``Int64``, ○/× as ``boolean``, text as
``string``, lists and times as Python objects. Three more columns say where each row was
read: ``file``, ``sheet`` and ``row`` (1-based, as Excel shows it).

In: :func:`ledger_from_frames` turns DataFrames into grids (a header row, then the
values) and reads them as sheets are read, so a script's table goes through the same
conversion and checks as a staff workbook, and its problems name ``名簿!B3`` where B is the
column and 3 the DataFrame's third position plus the header row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any, Mapping

from ..sources.grid import Grid
from .spec import SETTINGS_NAMES, TABLES, TableSpec

ORIGIN_COLUMNS = ("file", "sheet", "row")
FRAME_FILE = "<DataFrame>"
_DTYPES = {"date": "datetime64[ns]", "datetime": "datetime64[ns]", "yen": "Int64", "int": "Int64",
           "fiscal_year": "Int64", "mark": "boolean"}
_LIST_SEPARATORS = {"list": "、", "agenda": "\n"}


def table_spec(name: str) -> TableSpec:
    """A table by its key (``members``) or any of its sheet names (``名簿``, ``委員名簿``)."""
    for table in TABLES:
        if name == table.key or name in table.names:
            return table
    keys = ", ".join(t.key for t in TABLES)
    raise KeyError(f"no table {name!r} (tables: {keys})")


def _pandas():
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("DataFrames need pandas: pip install 'mihara-sheets[pandas]'") from exc
    return pandas


def _kinds(table: TableSpec) -> dict[str, str]:
    kinds = {spec.name: spec.kind for spec in table.fields}
    for range_spec in table.ranges:
        kinds.setdefault(range_spec.start, range_spec.kind)
        kinds.setdefault(range_spec.end, range_spec.kind)
    return kinds


def table_frame(records: list[Any], table: TableSpec):
    """One table's records as a typed DataFrame (see the module's docstring)."""
    pd = _pandas()
    kinds = _kinds(table)
    names = [f.name for f in dataclasses.fields(table.record) if f.name != "origin"]
    data: dict[str, Any] = {}
    for name in names:
        column = [getattr(record, name) for record in records]
        kind = kinds.get(name, "text")
        if kind in ("date", "datetime"):
            data[name] = pd.Series(pd.to_datetime(column), dtype=_DTYPES[kind])
        elif kind in _DTYPES:
            data[name] = pd.array(column, dtype=_DTYPES[kind])
        elif kind in ("list", "agenda", "time"):
            data[name] = pd.Series(column, dtype=object)
        else:
            data[name] = pd.array(column, dtype="string")
    origins = [record.origin for record in records]
    data["file"] = pd.array([o.file if o else None for o in origins], dtype="string")
    data["sheet"] = pd.array([o.sheet if o else None for o in origins], dtype="string")
    data["row"] = pd.array([o.row if o else None for o in origins], dtype="Int64")
    return pd.DataFrame(data, columns=[*names, *ORIGIN_COLUMNS])


def _cell(value: Any, kind: str) -> Any:
    """A DataFrame value as a grid cell: blanks as "", numpy scalars as Python values."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return _LIST_SEPARATORS.get(kind, "、").join(map(str, value))
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp (NaT is caught below)
        if value != value:
            return ""
        stamp = value.to_pydatetime()
        return stamp.date() if stamp.time() == dt.time() else stamp
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if value != value or str(value) in ("<NA>", "NaT"):  # pd.NA, NaT, NaN
            return ""
    except TypeError:  # pd.NA's comparison is ambiguous
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy int64 → int, numpy bool → bool
    return value


def frame_grid(frame: Any, table: TableSpec, sheet: str | None = None) -> Grid:
    """A DataFrame as the grid of a sheet named for its table: the header row, then one row
    per DataFrame row. Columns named like a record field (``name``) get the field's first
    header (氏名); other columns keep their names (Japanese headers are read as on a sheet);
    the ``file``/``sheet``/``row`` columns of :func:`table_frame` are left out."""
    fields = {spec.name: spec for spec in table.fields}
    kinds = _kinds(table)
    columns = [c for c in frame.columns if str(c) not in ORIGIN_COLUMNS]
    header = [fields[str(c)].headers[0] if str(c) in fields else str(c) for c in columns]
    rows = [header]
    cells = [frame[c].tolist() for c in columns]
    for values in zip(*cells):
        rows.append([_cell(v, kinds.get(str(c), "text")) for v, c in zip(values, columns)])
    if not columns:
        rows = [header]
    return Grid(file=FRAME_FILE, sheet=sheet or table.name, rows=rows)


def settings_grid(settings: Any) -> Grid:
    """設定 from a mapping (キー → 値) or a two-column DataFrame."""
    if isinstance(settings, Mapping):
        pairs = list(settings.items())
    else:
        pairs = [tuple(row[:2]) for row in settings.itertuples(index=False)]
    return Grid(file=FRAME_FILE, sheet=SETTINGS_NAMES[0], rows=[[str(k), _cell(v, "text")] for k, v in pairs])


def frames_grids(frames: Mapping[str, Any]) -> list[Grid]:
    """Grids for :func:`ledger_from_frames`: 設定 first, then each table's frame. A key is a
    table (``members``, ``名簿``), ``settings``/``設定``, or a council's name or id (any other
    key): that council's roster, read like a sheet named after it."""
    grids: list[Grid] = []
    for key, frame in frames.items():
        if key in ("settings", *SETTINGS_NAMES):
            grids.insert(0, settings_grid(frame))
            continue
        try:
            table = table_spec(key)
        except KeyError:
            table = table_spec("members")  # a council's roster, by the sheet's name
            grids.append(frame_grid(frame, table, sheet=key))
            continue
        grids.append(frame_grid(frame, table))
    return grids
