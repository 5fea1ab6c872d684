"""Remote-engine books for the macro tests: what Excel's VBA client would send.

xlwings' remote engine (``xw.Book(json=payload)``) is the engine that runs on Linux: the
payload is the one ``RunRemotePython`` sends (values from A1, empty cells "", dates as ISO
strings with Z), and ``book.json()`` returns the actions Excel would apply. No test here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mihara_sheets import read_grids
from mihara_sheets.macros import CONTROL_CELLS, CONTROL_SHEET, LOG_FIRST_ROW, PATH_COLUMN, PATH_FIRST_ROW

xw = pytest.importorskip("xlwings")
TODAY = dt.date(2026, 11, 28)


def as_payload_value(value):
    """A cell value the way the VBA client sends it."""
    if isinstance(value, dt.datetime):
        return value.isoformat() + ".000Z"
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat() + ".000Z"
    if isinstance(value, dt.time):
        return value.hour / 24 + value.minute / 1440
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def ledger_sheets(path, edits=None):
    """The payload sheets of a workbook on disk; ``edits`` {(sheet, "C7"): value} applied."""
    sheets = []
    for grid in read_grids(path):
        rows = [[as_payload_value(v) for v in row] for row in grid.rows] or [[""]]
        for (sheet, cell), value in (edits or {}).items():
            if sheet == grid.sheet:
                r, c = cell_index(cell)
                rows[r][c] = value
        sheets.append(sheet_payload(grid.sheet, rows))
    return sheets


def sheet_payload(name, rows):
    width = max((len(r) for r in rows), default=1) or 1
    rows = [list(r) + [""] * (width - len(r)) for r in rows] or [[""]]
    return {"name": name, "pictures": [], "tables": [], "values": rows}


def cell_index(cell):
    """'C7' -> (6, 2), zero-based."""
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def control_rows(action, *, paths=(), meeting_id="", fiscal_year="", out_dir="", today=TODAY,
                 pdf="", as_of="", within="", notice_form="", label_sheet="", label_start="", log=()):
    """The 操作 sheet as the control workbook holds it, with these inputs filled in."""
    cells = {CONTROL_CELLS["action"]: action, CONTROL_CELLS["meeting_id"]: meeting_id,
             CONTROL_CELLS["fiscal_year"]: fiscal_year, CONTROL_CELLS["out_dir"]: out_dir,
             CONTROL_CELLS["today"]: as_payload_value(today) if today else "",
             CONTROL_CELLS["pdf"]: pdf, CONTROL_CELLS["as_of"]: as_of, CONTROL_CELLS["within"]: within,
             CONTROL_CELLS["notice_form"]: notice_form, CONTROL_CELLS["label_sheet"]: label_sheet,
             CONTROL_CELLS["label_start"]: as_payload_value(label_start),
             "B1": "台帳操作", "B4": "処理", f"B{PATH_FIRST_ROW - 1}": "台帳ファイル"}
    for offset, path in enumerate(paths):
        cells[f"{PATH_COLUMN}{PATH_FIRST_ROW + offset}"] = str(path)
    for offset, line in enumerate(log):
        for col, value in zip("BCDE", line):
            cells[f"{col}{LOG_FIRST_ROW + offset}"] = value
    height = max(cell_index(c)[0] for c in cells) + 1
    rows = [[""] * 6 for _ in range(height)]
    for cell, value in cells.items():
        r, c = cell_index(cell)
        rows[r][c] = value
    return rows


def make_book(name, sheets):
    payload = {
        "client": "VBA", "version": xw.__version__,
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": [], "sheets": sheets,
    }
    return xw.Book(json=payload)


def control_book(action, **inputs):
    """The control workbook (操作 + xlwings.conf) as its VBA client would send it."""
    conf = [["Interpreter_Win", "python"], ["PYTHONPATH", ""]]
    return make_book("mihara_sheets.macros.xlsm",
                     [sheet_payload(CONTROL_SHEET, control_rows(action, **inputs)),
                      sheet_payload("xlwings.conf", conf)])


def actions(book, func=None):
    found = book.json()["actions"]
    return [a for a in found if func is None or a["func"] == func]


def alerts(book):
    return [a["args"][0] for a in actions(book, "alert")]


def written(book, sheet_name):
    """Cells set on a sheet by setValues: {"A1": value}."""
    names = [s.name for s in book.sheets]
    position = names.index(sheet_name)
    cells = {}
    for action in actions(book, "setValues"):
        if action["sheet_position"] != position:
            continue
        for r, row in enumerate(action["values"]):
            for c, value in enumerate(row):
                cells[address(action["start_row"] + r, action["start_column"] + c)] = value
    return cells


def address(row, col):
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def table(book, sheet_name):
    """The rows written to a result sheet from A1, as lists."""
    cells = written(book, sheet_name)
    rows = {}
    for cell, value in cells.items():
        r, c = cell_index(cell)
        rows.setdefault(r, {})[c] = value
    return [[rows[r].get(c, "") for c in range(max(rows[r]) + 1)] for r in sorted(rows)]
