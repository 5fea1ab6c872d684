"""Benchmark: a year of 1,000 meetings × 20 members, honoraria against reading the same ledger.

    python scripts/bench_honoraria.py [--meetings 1000] [--members 20] [--rounds 5]

Generates a ledger with XlsxWriter: 50 paid bodies (報酬 or 報償費 day rates) of 20 members
each (one 庁内関係課, one with 報酬辞退), 1,000 held meetings in FY2026 (20 a body), one 出欠
row per member and meeting (当日 出席 / 欠席 / 代理出席, some 費用弁償), and a 謝金 row for
every tenth meeting. Then times, round by round so that both see the same machine:
- load_ledger: mihara_sheets reading the file into records (with every check);
- honoraria: ``plan_honoraria`` over the year + ``totals`` + ``year_end`` (no files).
Goal (issue 15): honoraria < load_ledger. Prints a markdown row for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def generate(path: Path, meetings: int, members: int, seed: int = 15) -> None:
    """The benchmark ledger (see the module docstring)."""
    rng = random.Random(seed)
    bodies = max(1, meetings // 20)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = book.add_format({"num_format": 'ggge"年"m"月"d"日"'})
    sheet = book.add_worksheet("会議体")
    sheet.write_row(0, 0, ["会議体ID", "会議体名", "区分", "報酬日額", "報酬区分"])
    for b in range(bodies):
        sheet.write_row(b + 1, 0, [f"B{b:03d}", f"第{b + 1}審議会", "協議会", 7_000 + 500 * (b % 10),
                                   "報酬" if b % 2 else "報償費"])
    sheet = book.add_worksheet("名簿")
    sheet.write_row(0, 0, ["会議体ID", "人物ID", "氏名", "所属", "区分", "役割", "報酬辞退", "支払方法", "住所", "送付方法"])
    row = 1
    for b in range(bodies):
        for m in range(members):
            pid = f"P{(b * members + m) % (bodies * members // 2):05d}"  # people sit on two bodies
            sheet.write_row(row, 0, [f"B{b:03d}", pid, f"委員{pid}", "見本団体", "庁内関係課" if m == 0 else "民間団体",
                                     "会長" if m == 1 else "委員", "○" if m == 2 else "", "振込", "三原市港町1-1", "郵送"])
            row += 1
    sheet = book.add_worksheet("会議")
    sheet.write_row(0, 0, ["会議ID", "会議体ID", "回", "開催日", "状態"])
    start = dt.date(2026, 4, 6)
    ids = []
    for n in range(meetings):
        b = n % bodies
        day = start + dt.timedelta(days=(n // bodies) * 17 % 350)
        mid = f"M{n:05d}"
        ids.append((mid, b))
        sheet.write_row(n + 1, 0, [mid, f"B{b:03d}", n // bodies + 1])
        sheet.write_datetime(n + 1, 3, dt.datetime.combine(day, dt.time()), date_format)
        sheet.write_string(n + 1, 4, "開催済")
    sheet = book.add_worksheet("出欠")
    sheet.write_row(0, 0, ["会議ID", "人物ID", "回答", "当日", "代理者", "費用弁償"])
    row = 1
    for mid, b in ids:
        for m in range(members):
            pid = f"P{(b * members + m) % (bodies * members // 2):05d}"
            roll = rng.random()
            answer, day, proxy = ("出席", "出席", "") if roll < 0.8 else (
                ("代理出席", "", "代理 太郎") if roll < 0.85 else ("欠席", "欠席", ""))
            sheet.write_row(row, 0, [mid, pid, answer, day, proxy])
            if rng.random() < 0.3:
                sheet.write_number(row, 5, rng.randrange(300, 3_000, 10))
            row += 1
    sheet = book.add_worksheet("謝金")
    sheet.write_row(0, 0, ["会議ID", "氏名", "区分", "金額", "個人"])
    for n, (mid, _) in enumerate(ids[::10]):
        sheet.write_row(n + 1, 0, [mid, f"講師{n % 30}", "謝金", 30_000 + 1_000 * (n % 20), "○"])
    book.close()


def main(argv: list[str] | None = None) -> int:
    """Time load_ledger and the honoraria of the year; print the figures and a markdown row."""
    from mihara_sheets import load_ledger
    from mihara_sheets.analyses.honoraria import plan_honoraria, totals, year_end

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench_honoraria.xlsx"
        generate(path, args.meetings, args.members)
        loads, runs, counts = [], [], None
        for _ in range(args.rounds):
            began = time.perf_counter()
            ledger = load_ledger(path)
            loads.append(time.perf_counter() - began)
            began = time.perf_counter()
            plan = plan_honoraria(ledger, [m for m in ledger.meetings if m.fiscal_year in (None, 2026)])
            summed = totals(plan.payments)
            year_end(plan.payments)
            runs.append(time.perf_counter() - began)
            counts = (len(ledger.attendance), len(plan.payments), summed["all"]["gross"])
    ratios = [r / l for r, l in zip(runs, loads)]
    load_ms, run_ms = statistics.median(loads) * 1000, statistics.median(runs) * 1000
    print(f"出欠 rows {counts[0]:,}, payments {counts[1]:,}, gross ¥{counts[2]:,}")
    print(f"load_ledger median {load_ms:.0f} ms, honoraria median {run_ms:.0f} ms, "
          f"ratio median {statistics.median(ratios):.2f} (best {min(runs) / min(loads):.2f}); goal < 1")
    print(f"| {dt.date.today()} | {platform.python_version()}, {os.cpu_count()} CPU | {args.meetings} × {args.members} "
          f"| {load_ms:.0f} | {run_ms:.0f} | {statistics.median(ratios):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
