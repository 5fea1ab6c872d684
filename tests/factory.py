"""Small real workbooks for tests, written with XlsxWriter (as a new file, never a staff one).

``make_workbook(path, {"会議": rows, ...})`` writes each sheet's rows from A1; a
``datetime.date`` cell is written as a real Excel date with a 和暦 display format, as the
office's ledgers hold them. ``merges`` maps a sheet to ranges like ``"A1:D1"``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

WAREKI_FORMAT = '[$-ja-JP]ggge"年"m"月"d"日"'


def make_workbook(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    merges: dict[str, list[str]] | None = None,
) -> Path:
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": WAREKI_FORMAT})
    time_format = book.add_format({"num_format": "h:mm"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        merged_cells = set()
        for area in (merges or {}).get(name, []):
            first, last = area.split(":")
            (r0, c0), (r1, c1) = _rc(first), _rc(last)
            value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
            sheet.merge_range(r0, c0, r1, c1, value)
            merged_cells |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in merged_cells or value is None or value == "":
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, date_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, dt.time):
                    sheet.write_datetime(r, c, dt.datetime.combine(dt.date(1899, 12, 31), value), time_format)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def _rc(ref: str) -> tuple[int, int]:
    from xlsxwriter.utility import xl_cell_to_rowcol

    return xl_cell_to_rowcol(ref)


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


COUNCILS_HEADER = ["会議体ID", "会議体名", "区分", "親会議体ID", "守秘義務", "状態"]


def basic_councils() -> list[list[Any]]:
    """A 会議体 sheet with a title row, the network's parent, two 部会 and a 個別支援会議."""
    return [
        ["会議体台帳（令和8年4月1日現在）"],
        COUNCILS_HEADER,
        ["K01", "地域共生会議", "親会", "", "", "存続"],
        ["K02", "高齢者支援部会", "部会", "K01", "", "部会化"],
        ["K03", "子ども・若者支援部会", "部会", "地域共生会議", "", "部会化"],
        ["K04", "個別支援会議", "個別支援会議", "K01", "○", "存続"],
    ]
