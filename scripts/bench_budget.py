"""Benchmark: read and tally 100,000 generated budget lines against python-calamine's raw read.

    python scripts/bench_budget.py [--rows 100000] [--rounds 5] [--one-cpu]

Generates a 予算 workbook (plus a small 会議体 sheet the lines refer to) with XlsxWriter,
then times, round by round so that both see the same machine:
- raw: python-calamine opening the file and turning every sheet into Python rows;
- load_ledger: mihara_sheets reading it into records (with every check);
- tally: ``mihara_sheets.budget.tally`` over the ledger.
Reported: the median of the rounds' ratios, and the ratio of the best times.
Goal (issue 5): load_ledger + tally ≤ 2 × raw. Prints a markdown row for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import xlsxwriter

HEADERS = ["年度", "事業名称", "事業内容", "発注先", "節", "科目", "財源", "予算額", "契約額",
           "執行額", "関連会議体ID", "開始日", "備考"]
PROJECTS = ["アンケート調査", "会議体の調査・見直し", "相談窓口・支援業務の整理",
            "地域共生連携ネットワーク運営支援", "全体会議 講師謝礼", "広報チラシ印刷",
            "居場所づくり補助", "見守り訪問事業", "ひきこもり相談会", "ボランティア研修"]
VENDORS = ["サーベイリサーチセンター", "NTTデータ経営研究所", "三原市社会福祉協議会",
           "有限会社みはら印刷", "NPO法人つながる三原", None]
SETSU = ["12 委託料", "13 委託料", "08 報償費", "10 需用費", "18 負担金、補助及び交付金"]
FUNDING = ["一般財源", "国庫補助金", "県補助金"]
COUNCILS = [f"NW{n:02d}" for n in range(1, 11)]


def generate(path: Path, rows: int, seed: int = 5) -> None:
    """A ledger with ``rows`` budget lines over FY2019–2026; 1 in 100 without an amount."""
    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = book.add_format({"num_format": 'ggge"年"m"月"d"日"'})
    yen = book.add_format({"num_format": "#,##0"})
    councils = book.add_worksheet("会議体")
    councils.write_row(0, 0, ["会議体ID", "会議体名", "区分"])
    for r, council in enumerate(COUNCILS, start=1):
        councils.write_row(r, 0, [council, f"第{r}部会", "部会"])
    sheet = book.add_worksheet("予算")
    sheet.write_row(0, 0, HEADERS)
    for r in range(1, rows + 1):
        fy = rng.randint(2019, 2026)
        budget = rng.randrange(10_000, 5_000_000, 1_000)
        contract = budget - rng.randrange(0, 50_000, 1_000)
        spent = contract - rng.randrange(0, 100_000, 1_000) if rng.random() < 0.8 else None
        vendor = rng.choice(VENDORS)
        sheet.write_number(r, 0, fy) if r % 2 else sheet.write_string(r, 0, f"R{fy - 2018}")
        sheet.write_string(r, 1, rng.choice(PROJECTS))
        sheet.write_string(r, 2, "地域共生関連分野の取組（孤独・孤立対策）")
        if vendor:
            sheet.write_string(r, 3, vendor)
        sheet.write_string(r, 4, rng.choice(SETSU))
        sheet.write_string(r, 6, rng.choice(FUNDING))
        if r % 100:
            sheet.write_number(r, 7, budget, yen)
            sheet.write_number(r, 8, max(contract, 0), yen)
            if spent is not None:
                sheet.write_number(r, 9, max(spent, 0), yen)
        sheet.write_string(r, 10, rng.choice(COUNCILS))
        sheet.write_datetime(r, 11, dt.datetime(fy, rng.randint(4, 12), rng.randint(1, 28)),
                             date_format)
    book.close()


def raw_read(path: Path) -> int:
    """python-calamine's raw read of every sheet: the floor any reader stands on."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def timed(func):  # noqa: ANN001, ANN201
    """Seconds one call of ``func`` takes, and its result."""
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main() -> None:
    """Generate, time, print the markdown row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--one-cpu", action="store_true", help="run on one CPU only (Linux)")
    args = parser.parse_args()
    if args.one_cpu:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from mihara_sheets import load_ledger
    from mihara_sheets.budget import tally

    raws, loads, tallies = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench_budget.xlsx"
        generate(path, args.rows)
        raw_read(path)  # warm the page cache and imports before timing anything
        for _ in range(args.rounds):
            raws.append(timed(lambda: raw_read(path))[0])
            load_s, ledger = timed(lambda: load_ledger(path))
            tally_s, result = timed(lambda: tally(ledger))
            loads.append(load_s)
            tallies.append(tally_s)

    assert len(ledger.budget_lines) == args.rows, len(ledger.budget_lines)
    totals = [load + counted for load, counted in zip(loads, tallies)]
    ratio = statistics.median(total / raw for total, raw in zip(totals, raws))
    best = min(totals) / min(raws)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"budget lines: {args.rows:,}; total budget {result.total.budget:,} yen; "
          f"{result.total.tbd:,} lines 金額未確定; {len(ledger.errors)} ledger errors; "
          f"{platform.machine()}, {os.cpu_count()} cores ({cpus} used), Python {platform.python_version()}")
    print("| date | CPUs used | budget lines | raw calamine (median) | load_ledger (median) | tally (median) "
          "| ratio (median) | best / best | goal ≤ 2× |")
    print("|---|---|---|---|---|---|---|---|---|")
    ms = lambda values: f"{statistics.median(values) * 1000:,.0f} ms"  # noqa: E731
    print(f"| {dt.date.today()} | {cpus} | {args.rows:,} | {ms(raws)} | {ms(loads)} | {ms(tallies)} "
          f"| {ratio:.2f}× | {best:.2f}× | {'met' if max(ratio, best) <= 2 else 'not met'} |")


if __name__ == "__main__":
    main()
