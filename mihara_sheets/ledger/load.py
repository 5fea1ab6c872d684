"""``load_ledger``: from files (or grids from anywhere) to a checked :class:`Ledger`."""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .. import values
from ..problems import LedgerReadError, Problem, make_problem
from ..sources.grid import Grid, PendingGrid, is_ready, wait_for_any
from ..values import ValueProblem
from .build import build_records, build_totals
from .convert import typed_text
from .checks import name_key, resolve_councils, run_checks
from .detect import council_from_text, detect_table, detection_problem, file_stem
from .headers import header_key
from .ledger import Ledger
from .records import Settings
from .spec import (
    COLUMN_ALIAS_PREFIX,
    COUNCILS,
    MEMBERS,
    SETTINGS_INT_RANGES,
    SETTINGS_KEYS,
    SETTINGS_NAMES,
    SHEET_TABLE_NONE,
    SHEET_TABLE_PREFIX,
    TABLES,
    TableSpec,
)
from .tables import TableRead, read_table

def _sheet_kind(sheet_name: str) -> TableSpec | str | None:
    """What a sheet is by its name: "settings", a table, or ``None`` (maybe a roster)."""
    key = header_key(sheet_name)
    if key in _SETTINGS_KEYS:
        return "settings"
    return next((table for table in TABLES if key in _TABLE_KEYS[table.key]), None)


def reading_order(sheet_name: str) -> int:
    """When :func:`ledger_from_grids` needs a sheet: 設定 first, then the tables in spec
    order, with sheets of other names (maybe a council's roster) right after 会議体."""
    kind = _sheet_kind(sheet_name)
    if kind == "settings":
        return -1
    return 1 if kind is None else 2 * TABLES.index(kind)


_SETTINGS_KEYS = frozenset(header_key(name) for name in SETTINGS_NAMES)
_TABLE_KEYS = {table.key: frozenset(header_key(name) for name in table.names) for table in TABLES}


def ledger_from_grids(grids: Iterable[Grid], *, today: dt.date | None = None) -> Ledger:
    """Build a :class:`Ledger` from grids, whatever they came from (a file, a live book)."""
    with collector_paused():
        return _ledger_from_grids(list(grids), today)


def ledger_from_frames(frames: dict[str, Any], *, today: dt.date | None = None) -> Ledger:
    """Build a :class:`Ledger` from pandas DataFrames, one per table (``{"members": df}``),
    through the same conversion and checks as sheets (:mod:`.frames`)."""
    from .frames import frames_grids

    return ledger_from_grids(frames_grids(frames), today=today)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a ledger is read and built.

    Reading makes many small objects that all live on, and none forms a cycle: the
    collector would only rescan them again and again (a third of the time on a large
    roster). On success they go straight to its oldest generation (freeze, then unfreeze)
    instead of being scanned by the young generations' passes first, which would visit
    every cell value once more; left alone when the program froze objects of its own,
    which unfreeze would release. Nested use pauses once.
    """
    if not gc.isenabled():
        yield
        return
    # The caller's young garbage (a document's element tree, say) is collected first:
    # frozen and unfrozen with the records it would sit in the oldest generation, which a
    # program loading ledger after ledger would never collect in full.
    gc.collect(1)
    gc.disable()
    try:
        yield
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
    finally:
        gc.enable()


def _ledger_from_grids(grids: list[Grid], today: dt.date | None) -> Ledger:
    ledger = Ledger()
    classified: dict[int, TableSpec | str] = {}
    for index, grid in enumerate(grids):
        kind = next((k for k in map(_sheet_kind, grid.table_names) if k is not None), None)
        if kind is not None:
            classified[index] = kind

    extra_headers: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for index, kind in classified.items():
        if kind == "settings":
            ledger.problems += _read_settings(grids[index], ledger.settings, extra_headers)

    # 設定 says which table a sheet is (表:シート名); the sheets no name tells are judged
    # by their header rows. 会議体 first: roster sheets are known by the councils' names.
    declared, ignored, later = _declared_tables(grids, classified, ledger)
    detections = {i: detect_table(grid, extra_headers) for i, grid in enumerate(grids)
                  if i not in classified and i not in ignored and i not in later}
    for index, found in detections.items():
        if found.verdict == "sure" and found.table is COUNCILS:
            classified[index] = COUNCILS
    built = [_read_and_build(grids[i], COUNCILS, extra_headers["councils"])
             for i, kind in classified.items() if kind is COUNCILS]
    ledger.councils = [council for _, records in built for council in records]
    ledger.problems += _declared_rosters(grids, later, classified, ledger)
    sure = {i for i, found in detections.items() if found.verdict == "sure"}
    ledger.problems += _classify_roster_sheets(grids, classified, ledger, skip=ignored | sure)
    for index, found in detections.items():
        if index in classified and classified[index] is not COUNCILS:
            continue  # a roster by its name after all
        problem = detection_problem(grids[index], found)
        if problem is not None:
            ledger.problems.append(problem)
        if found.verdict == "sure":
            classified[index] = found.table
    ledger.problems += declared
    jobs = [(i, MEMBERS, {"council_id": kind.split(":", 1)[1]})
            for i, kind in classified.items() if isinstance(kind, str) and kind.startswith("roster:")]
    jobs += [(i, table, None) for table in TABLES if table is not COUNCILS
             for i, kind in classified.items() if kind is table]
    built += _read_when_ready(grids, jobs, extra_headers, ledger)

    for read, records in built:
        ledger.problems += read.problems
        if read.layout is not None:
            ledger.layouts.setdefault(read.table.key, []).append(read.layout)
        if read.table.key == "councils":
            continue
        getattr(ledger, read.table.key).extend(records)
        if read.table.key == "budget_lines":
            ledger.budget_totals += build_totals(read, records)

    for file in dict.fromkeys(g.file for g in grids):
        if not any(grids[i].file == file for i in classified):
            ledger.problems.append(make_problem("no-ledger-sheet", file=file))

    ledger.problems += resolve_councils(ledger)
    _default_titles(ledger)
    ledger.problems += run_checks(ledger, today or dt.date.today())
    return ledger


def _declared_tables(grids: list[Grid], classified: dict, ledger: Ledger
                     ) -> tuple[list[Problem], set[int], dict[int, str]]:
    """設定's 表:シート名 entries applied: a table's name makes the sheet that table,
    対象外 leaves it unread. Returns the problems, the sheets left unread, and the sheets
    whose entry names something else (maybe a council: its roster, once councils are read)."""
    problems: list[Problem] = []
    ignored: set[int] = set()
    later: dict[int, str] = {}
    wanted = dict(ledger.settings.sheet_tables)
    for index, grid in enumerate(grids):
        names = {header_key(name) for name in (grid.sheet, *grid.table_names)}
        sheet_key = next((name for name in names if name in wanted), None)
        if sheet_key is None:
            continue
        value = wanted.pop(sheet_key)
        kind = _sheet_kind(value) if header_key(value) != header_key(SHEET_TABLE_NONE) else None
        if header_key(value) == header_key(SHEET_TABLE_NONE):
            classified.pop(index, None)
            ignored.add(index)
        elif isinstance(kind, TableSpec):
            classified[index] = kind
        else:
            classified.pop(index, None)
            later[index] = value
    for sheet_key in wanted:
        problems.append(make_problem("settings-table-no-sheet", sheet=sheet_key,
                                     key=f"{SHEET_TABLE_PREFIX}:{sheet_key}"))
    return problems, ignored, later


def _declared_rosters(grids: list[Grid], later: dict[int, str], classified: dict, ledger: Ledger) -> list[Problem]:
    """表:シート名 entries naming a council (its name or id): that council's roster."""
    problems = []
    by_name = {name_key(c.name): c.council_id for c in ledger.councils}
    by_id = {name_key(c.council_id): c.council_id for c in ledger.councils}
    for index, value in later.items():
        key = name_key(value)
        council_id = by_id.get(key) or by_name.get(key)
        if council_id:
            classified[index] = f"roster:{council_id}"
        else:
            grid = grids[index]
            problems.append(make_problem("settings-table-invalid", file=grid.file, sheet=grid.sheet,
                                         key=f"{SHEET_TABLE_PREFIX}:{grid.sheet}", value=value))
    return problems


def _read_when_ready(grids: list[Grid], jobs: list[tuple[int, TableSpec, dict[str, Any] | None]],
                     extra_headers: dict[str, dict[str, list[str]]], ledger: Ledger
                     ) -> list[tuple[TableRead, list[Any]]]:
    """Each job's table read and its records, in the jobs' order, made in the order their
    sheets finish parsing: a sheet parsed early is not kept waiting behind a larger one."""
    results: list[tuple[TableRead, list[Any]] | None] = [None] * len(jobs)
    waiting = list(range(len(jobs)))
    while waiting:
        ready = [j for j in waiting if is_ready(grids[jobs[j][0]])]
        if not ready:  # every sheet left is still being parsed
            wait_for_any([grids[jobs[j][0]] for j in waiting])
            continue
        job = ready[0]
        waiting.remove(job)
        index, table, fixed = jobs[job]
        results[job] = _read_and_build(grids[index], table, extra_headers[table.key], fixed, ledger)
    return results  # type: ignore[return-value]  # every job was done


def _read_and_build(grid: Grid, table: TableSpec, extra_headers: dict[str, list[str]],
                    fixed: dict[str, Any] | None = None, ledger: Ledger | None = None
                    ) -> tuple[TableRead, list[Any]]:
    read = read_table(grid, table, extra_headers=extra_headers, fixed=fixed)
    if table is MEMBERS and fixed is None and ledger is not None and _lacks_council(read):
        council, problem = _roster_council(grid, read, ledger)
        if council is not None:
            read = read_table(grid, table, extra_headers=extra_headers, fixed={"council_id": council})
            read.problems.insert(0, problem)
    return read, build_records(read)


def _lacks_council(read: TableRead) -> bool:
    """A roster read without its council: no 会議体 column, its other columns found."""
    return (read.layout is not None and "council_id" not in read.layout.columns
            and "name" in read.layout.columns)


def _roster_council(grid: Grid, read: TableRead, ledger: Ledger) -> tuple[str | None, Problem | None]:
    """A roster's council from its title rows, else from its file's name, with the warning
    that says which was used; ``(None, None)`` when neither names one."""
    known = {name_key(c.name): c.council_id for c in ledger.councils}
    where = {"file": grid.file, "sheet": grid.sheet}
    for code, text in (("roster-council-from-title", read.title_text),
                       ("roster-council-from-file", file_stem(grid.file))):
        council = council_from_text(text, known)
        if council:
            shown = ledger.council(council).name if ledger.council(council) else council
            return council, make_problem(code, **where, council=shown, text=text)
    return None, None


def _classify_roster_sheets(grids: list[Grid], classified: dict, ledger: Ledger,
                            skip: set[int] = frozenset()) -> list[Problem]:
    """A sheet named after a council's name or id (optionally + 名簿) is that council's roster.

    A sheet whose name ends in 名簿 but names no council is reported, not ignored (unless
    its header row already tells what it is, or 設定 leaves it unread: ``skip``).
    """
    problems = []
    by_name = {name_key(c.name): c.council_id for c in ledger.councils}
    by_id = {name_key(c.council_id): c.council_id for c in ledger.councils}
    for index, grid in enumerate(grids):
        if index in classified:
            continue
        key = name_key(grid.table_names[0])
        stem = key[: -len("名簿")] if key.endswith("名簿") else key
        council_id = by_name.get(stem) or by_id.get(stem) or by_name.get(key)
        if council_id:
            classified[index] = f"roster:{council_id}"
        elif key.endswith("名簿") and index not in skip:
            problems.append(make_problem("unknown-roster-sheet", file=grid.file, sheet=grid.sheet))
    return problems


def _default_titles(ledger: Ledger) -> None:
    """会議名 when blank: 「第{回}回{会議体名}」, or the council's name without a number."""
    for meeting in ledger.meetings:
        if meeting.title:
            continue
        council = ledger.council(meeting.council_id)
        if council is None:
            continue
        meeting.title = f"第{meeting.number}回{council.name}" if meeting.number else council.name


def _read_settings(grid: Grid, settings: Settings, extra_headers: dict) -> list[Problem]:
    """設定: keys in column A, values in column B; 列の別名 rows add headers to a sheet."""
    problems = []
    for r, row in enumerate(grid.rows):
        if row and not values.is_blank(row[0]):
            settings.rows.setdefault(header_key(row[0]), (grid.file, grid.sheet, r + 1))
        if len(row) < 2 or values.is_blank(row[0]) or values.is_blank(row[1]):
            continue
        key = header_key(row[0])
        value = typed_text(row[1])  # 発信者, セミナー演題…: as typed, （）and ～ kept
        cell = f"B{r + 1}"
        if key.startswith(SHEET_TABLE_PREFIX + ":"):
            settings.sheet_tables[key.split(":", 1)[1]] = str(value)
            continue
        if key.startswith(COLUMN_ALIAS_PREFIX):
            problems += _column_alias(key, value, grid, f"A{r + 1}", settings, extra_headers)
            continue
        attribute = SETTINGS_KEYS.get(key)
        if attribute is None:
            settings.extra[str(row[0]).strip()] = value
            continue
        if attribute in SETTINGS_INT_RANGES:
            try:
                number = values.parse_int(row[1])
            except ValueProblem as problem:
                problems.append(
                    make_problem(problem.code, file=grid.file, sheet=grid.sheet, cell=cell,
                                 value=row[1], header=key, **problem.details)
                )
                continue
            low, high = SETTINGS_INT_RANGES[attribute]
            if number is not None and not low <= number <= high:
                problems.append(
                    make_problem("settings-out-of-range", file=grid.file, sheet=grid.sheet, cell=cell,
                                 value=row[1], header=key, low=low, high=high,
                                 default=getattr(settings, attribute))
                )
            elif number is not None:
                setattr(settings, attribute, number)
        else:
            setattr(settings, attribute, value)
    return problems


def _column_alias(key, value, grid, cell, settings, extra_headers) -> list[Problem]:
    parts = key.split(":")
    table = None
    field = None
    if len(parts) == 3:
        table = next((t for t in TABLES if header_key(t.name) == parts[1]), None)
        if table is not None:
            field = next((f for f in table.fields if header_key(f.headers[0]) == parts[2]), None)
    if field is None:
        return [make_problem("settings-alias-invalid", file=grid.file, sheet=grid.sheet, cell=cell, key=key)]
    settings.column_aliases.setdefault((parts[1], parts[2]), []).append(value)
    extra_headers[table.key].setdefault(field.name, []).append(value)
    return []
