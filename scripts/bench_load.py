"""Benchmark: load_ledger against python-calamine's raw read of the same file, and the
cost of ``import mihara_sheets``.

Generates a ledger with 10,000 roster rows and 10,000 budget lines (Japanese text, dates
as real Excel dates with a 和暦 format and as typed text, amounts), then in one run:
- raw: python-calamine opening the file and reading every sheet to Python values;
- load: ``mihara_sheets.load_ledger`` on the same file (reading, typing, checking);
- import: ``import mihara_sheets`` in a fresh interpreter, measured by ``-X importtime``.
Raw and load alternate round by round, so both see the same machine. Reported: the median
of the rounds' ratios, and the ratio of the two best times. ``--one-cpu`` pins the run to
one CPU (Linux): load_ledger's background readers then gain nothing from a second core.
Two cases: terms current, and (issue 17) every member's term ended with no 人物ID, where
each roster row gives a warning. Goals (issue 17): load ≤ 1.2× raw in both; import ≤ 0.15 s.

``--floor`` also times, on the grids already read, the least Python work any reader of
these rows into the library's records must do (see :func:`time_floor`): the figure the
one-CPU goal has to be judged against.

    python scripts/bench_load.py [--rows 10000] [--rounds 15] [--one-cpu] [--fastexcel] [--floor]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

CATEGORIES = ["庁内関係課", "社会福祉協議会", "地域包括支援センター", "医療機関", "学校", "学識経験者", "民間団体", "住民代表"]


def generate(path: Path, rows: int, ended: bool = False) -> None:
    """A ledger like the office's, but large: councils, a roster and budget lines.

    ``ended``: the second case (issue 17) — every member's term has ended (real Excel
    dates), and the roster has no 人物ID, so each of the 10,000 rows gives a warning."""
    book = xlsxwriter.Workbook(str(path))
    wareki = book.add_format({"num_format": '[$-ja-JP]ggge"年"m"月"d"日"'})
    yen = book.add_format({"num_format": "#,##0"})
    councils = book.add_worksheet("会議体")
    councils.write_row(0, 0, ["会議体台帳"])
    councils.write_row(1, 0, ["会議体ID", "会議体名", "区分", "親会議体ID"])
    councils.write_row(2, 0, ["K00", "地域共生会議", "親会", ""])
    for i in range(1, 21):
        councils.write_row(2 + i, 0, [f"K{i:02d}", f"第{i}部会", "部会", "K00"])

    roster = book.add_worksheet("名簿")
    roster.write_row(0, 0, ["委員名簿（令和8年4月1日現在）"])
    roster.write_row(1, 0, ["部会", "人物ID" if not ended else "№", "氏名", "ふりがな", "所属", "役職", "区分",
                            "部会役職", "任期開始", "任期終了", "郵便番号", "住所", "電話", "送付方法"])
    for i in range(rows):
        r = i + 2
        roster.write_row(r, 0, [f"K{i % 20 + 1:02d}", f"P{i:05d}" if not ended else i + 1, f"三原 太郎{i}",
                                f"みはら たろう{i}", f"三原市社会福祉協議会{i % 7}", "係長", CATEGORIES[i % 8], "委員"])
        roster.write_datetime(r, 8, dt.datetime(2023 if ended else 2025, 4, 1), wareki)
        if ended:
            roster.write_datetime(r, 9, dt.datetime(2025, 3, 31), wareki)
        elif i % 2:
            roster.write_datetime(r, 9, dt.datetime(2027, 3, 31), wareki)
        else:
            roster.write(r, 9, "令和9年3月31日")
        roster.write_row(r, 10, ["7230000", f"広島県三原市港町{i % 50}丁目{i % 9 + 1}番", "0848-00-0000",
                                 ["郵送", "メール", "庁内便"][i % 3]])

    budget = book.add_worksheet("予算")
    budget.write_row(0, 0, ["予算執行状況"])
    budget.write_row(1, 0, ["年度", "事業名", "事業内容", "開始日", "終了日", "発注先", "予算額", "契約額",
                            "執行額", "節", "科目", "財源"])
    r = 2
    for i in range(rows):
        fy = 2022 + i % 5
        budget.write_row(r, 0, [f"令和{fy - 2018}年度", f"地域共生事業{i}", "会議運営と調査の委託"])
        budget.write_datetime(r, 3, dt.datetime(fy, 4, 1), wareki)
        budget.write(r, 4, f"{fy + 1}/3/31")
        budget.write_row(r, 5, [f"委託先{i % 30}"])
        budget.write_number(r, 6, 100_000 + i, yen)
        budget.write_number(r, 7, 90_000 + i, yen)
        budget.write(r, 8, f"{80_000 + i:,}円")
        budget.write_row(r, 9, ["12 委託料", "委託料", "一般財源"])
        r += 1
    book.close()


def time_raw(path: Path) -> float:
    import python_calamine

    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()
    return time.perf_counter() - start


def time_fastexcel(path: Path, to_python: bool) -> float:
    """fastexcel (Arrow) reading every sheet without a header row (the reader finds the
    header itself), to Arrow tables, or on to Python values as the reader needs them."""
    import fastexcel

    start = time.perf_counter()
    reader = fastexcel.read_excel(str(path))
    for name in reader.sheet_names:
        table = reader.load_sheet_by_name(name, header_row=None).to_arrow()
        if to_python:
            table.to_pylist()
    return time.perf_counter() - start


def time_load(path: Path, ended: bool = False) -> float:
    from mihara_sheets import load_ledger

    start = time.perf_counter()
    ledger = load_ledger(path, today=dt.date(2026, 11, 28))
    elapsed = time.perf_counter() - start
    assert len(ledger.members) > 0 and len(ledger.budget_lines) > 0 and ledger.ok, ledger.problems[:3]
    ended_count = sum(p.code == "term-ended" for p in ledger.problems)
    assert ended_count == (len(ledger.members) if ended else 0), ended_count
    return elapsed


def time_floor(path: Path, ended: bool) -> tuple[float, float]:
    """The least work after the raw read that gives the ledger's records, and load's own.

    On the grids of ``path`` (read once, outside the timing), for the roster and the budget
    sheet, where the reader already found the header and which column holds which field:
    the rows below the header turned into columns, one C-level pass over every column (text
    trimmed with ``str.strip``, numbers to ``int``, other cells looked up in a table of the
    column's distinct values), then the records made by their own dataclass ``__init__``
    with an ``Origin`` each, and, when every term has ended, one ``Problem`` per member. No
    header search, no row sorting, no blank or typo handling, no checks: a reader that does
    only this is not the library's reader, it is what no reader can skip. Returns the floor
    and ``ledger_from_grids`` on the same grids (seconds, collector paused for both).
    """
    import dataclasses
    from itertools import chain, repeat

    from mihara_sheets.loading import read_grids
    from mihara_sheets.ledger.load import collector_paused, ledger_from_grids
    from mihara_sheets.ledger.records import Origin
    from mihara_sheets.ledger.spec import TABLES
    from mihara_sheets.ledger.tables import read_table
    from mihara_sheets.problems import Problem

    grids = read_grids(path)
    tables = {table.key: table for table in TABLES}
    work = []
    for grid in grids:
        key = {"名簿": "members", "予算": "budget_lines"}.get(grid.sheet)
        if key is None:
            continue
        read = read_table(grid, tables[key], fixed=None)
        fields = [f.name for f in dataclasses.fields(tables[key].record)]
        start = read.layout.header_row  # 1-based header row = 0-based first data row
        work.append((grid.rows, start, read.layout, tables[key].record, fields, key))

    def floor() -> None:
        for rows, start, layout, record, fields, key in work:
            body = rows[start:]
            width = len(body[0])
            cells = list(chain.from_iterable(body))
            columns = [cells[col::width] for col in range(width)]
            typed = []
            for column in columns:
                kinds = set(map(type, column))
                if kinds == {str}:
                    typed.append(list(map(str.strip, column)))
                elif kinds == {float}:
                    typed.append(list(map(int, column)))
                else:
                    table = {value: value for value in set(column)}
                    typed.append(list(map(table.__getitem__, column)))
            by_field = {name: typed[col] for name, col in layout.columns.items() if col < width}
            n = len(body)
            arguments = [map(Origin, repeat(layout), range(start + 1, start + 1 + n)) if name == "origin"
                         else by_field.get(name, repeat(None, n)) for name in fields]
            records = list(map(record, *arguments))
            if ended and key == "members":
                [Problem("term-ended", "warning", None, layout.file, layout.sheet, f"J{m.origin.row}", None,
                         m.origin.row, "term_end", details={"end": m.term_end}) for m in records]

    floors, loads = [], []
    for _ in range(5):
        with collector_paused():
            begin = time.perf_counter()
            floor()
            floors.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            ledger_from_grids(grids, today=dt.date(2026, 11, 28))
            loads.append(time.perf_counter() - begin)
    return statistics.median(floors), statistics.median(loads)


def time_import(rounds: int) -> float:
    """``import mihara_sheets`` in a fresh interpreter, as Python's own -X importtime counts
    it (the cumulative time of the package's import, interpreter start-up excluded)."""
    times = []
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import mihara_sheets"],
            check=True, capture_output=True, text=True,
        )
        line = [ln for ln in done.stderr.splitlines() if ln.rstrip().endswith("| mihara_sheets")][-1]
        times.append(int(line.split("|")[1]) / 1e6)  # microseconds → seconds
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--one-cpu", action="store_true", help="run on one CPU only (Linux)")
    parser.add_argument("--fastexcel", action="store_true", help="also time fastexcel (Arrow) on the same files")
    parser.add_argument("--floor", action="store_true",
                        help="also time the least work after the read (see time_floor) against the reader's own")
    args = parser.parse_args()
    if args.one_cpu:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    machine = f"{platform.machine()}, {os.cpu_count()} cores ({cpus} used), Python {platform.python_version()}"
    imp = time_import(5)
    table = []
    for case, ended in (("terms current", False), ("every term ended, no 人物ID", True)):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench_ledger.xlsx"
            generate(path, args.rows, ended=ended)
            time_load(path, ended)  # warm up imports and caches once, as a long-running session would
            raws, loads = [], []
            for _ in range(args.rounds):  # interleaved, so both see the same machine load
                raws.append(time_raw(path))
                loads.append(time_load(path, ended))
            size = path.stat().st_size
            if args.fastexcel:
                arrow = statistics.median(time_fastexcel(path, False) for _ in range(args.rounds))
                python = statistics.median(time_fastexcel(path, True) for _ in range(args.rounds))
                raw_median = statistics.median(raws)
                print(f"  fastexcel: to Arrow {arrow * 1000:,.0f} ms ({arrow / raw_median:.2f}× the raw read), "
                      f"on to Python values {python * 1000:,.0f} ms ({python / raw_median:.2f}×)")
            if args.floor:
                least, built = time_floor(path, ended)
                raw_median = statistics.median(raws)
                print(f"  after the read: floor {least * 1000:,.1f} ms (raw + floor = "
                      f"{(raw_median + least) / raw_median:.2f}×), ledger_from_grids {built * 1000:,.1f} ms "
                      f"(raw + it = {(raw_median + built) / raw_median:.2f}×); 1.2× leaves {raw_median * 200:,.1f} ms")
        ratio = statistics.median(load / raw for raw, load in zip(raws, loads))
        best = min(loads) / min(raws)
        print(f"[{case}] file: {args.rows:,} roster rows + {args.rows:,} budget lines ({size / 1e6:.1f} MB); {machine}")
        print(f"  raw python-calamine read: median {statistics.median(raws) * 1000:,.0f} ms, best {min(raws) * 1000:,.0f} ms")
        print(f"  load_ledger:              median {statistics.median(loads) * 1000:,.0f} ms, best {min(loads) * 1000:,.0f} ms")
        print(f"  ratio: {ratio:.2f}× (median of {args.rounds} rounds), {best:.2f}× (best to best); goal ≤ 1.2×")
        table.append(f"| {dt.date.today()} | {case} | {cpus} | {args.rows:,} + {args.rows:,} "
                     f"| {statistics.median(raws) * 1000:,.0f} ms | {statistics.median(loads) * 1000:,.0f} ms "
                     f"| {ratio:.2f}× | {best:.2f}× | {imp * 1000:,.1f} ms |")
    print(f"import mihara_sheets: {imp * 1000:,.1f} ms (goal ≤ 150 ms)")
    print()
    print("| date | case | CPUs used | rows | raw read (median) | load_ledger (median) | ratio (median) "
          "| best / best | import |")
    print("\n".join(table))


if __name__ == "__main__":
    main()
