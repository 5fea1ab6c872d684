"""Benchmark: edit 10 cells of a 10,000-row roster with edit_workbook vs openpyxl load + save.

Both run in the same process on the same file, several times; the medians are compared.
openpyxl saves to a throwaway copy (it is only the baseline: the library never saves a
staff workbook with openpyxl). Prints one markdown table row for docs/benchmarks.md.

    python scripts/bench_writer.py [--rows 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEADERS = ["人物ID", "氏名", "ふりがな", "所属", "役職", "区分", "部会役職", "任期開始", "任期終了",
           "郵便番号", "住所", "報酬"]


def make_roster(path: Path, rows: int) -> None:
    """A 名簿 sheet with ``rows`` members (Japanese text, dates, amounts) via XlsxWriter."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
    date = wb.add_format({"num_format": "yyyy/m/d", "border": 1})
    yen = wb.add_format({"num_format": "#,##0", "border": 1})
    text = wb.add_format({"border": 1})
    ws = wb.add_worksheet("名簿")
    ws.write_row(0, 0, HEADERS, head)
    orgs = ["三原市社会福祉協議会", "地域包括支援センター", "三原市医師会", "民生委員児童委員協議会", "NPO法人みはら"]
    for i in range(1, rows + 1):
        ws.write_string(i, 0, f"P{i:05d}", text)
        ws.write_string(i, 1, f"委員 {i}号", text)
        ws.write_string(i, 2, f"いいん {i}ごう", text)
        ws.write_string(i, 3, orgs[i % len(orgs)], text)
        ws.write_string(i, 4, "理事" if i % 3 else "事務局長", text)
        ws.write_string(i, 5, "民間団体", text)
        ws.write_string(i, 6, "委員", text)
        ws.write_datetime(i, 7, dt.datetime(2023, 4, 1), date)
        ws.write_datetime(i, 8, dt.datetime(2025, 3, 31), date)
        ws.write_string(i, 9, f"723-{i % 10000:04d}", text)
        ws.write_string(i, 10, f"広島県三原市港町{i % 50}丁目{i % 20}番", text)
        ws.write_number(i, 11, 5000 + (i % 7) * 1000, yen)
    ws2 = wb.add_worksheet("会議")
    ws2.write_row(0, 0, ["会議ID", "会議体ID", "回", "開催日"])
    wb.close()


def time_edit(src: Path, work: Path) -> float:
    """Seconds for edit_workbook to write 10 cells (including verify, backup and replace)."""
    from mihara_sheets.writer import edit_workbook

    target = work / "名簿台帳.xlsx"
    shutil.copy2(src, target)
    start = time.perf_counter()
    with edit_workbook(target, backups=10, backup_dir=work / "bk") as book:
        for k in range(10):
            book.set_cell("名簿", f"L{2 + k * 997}", 9000 + k)
    return time.perf_counter() - start


def time_openpyxl(src: Path, work: Path) -> float:
    """Seconds for openpyxl to load the same file, set 10 cells and save a throwaway copy."""
    import openpyxl

    start = time.perf_counter()
    wb = openpyxl.load_workbook(src)
    ws = wb["名簿"]
    for k in range(10):
        ws[f"L{2 + k * 997}"] = 9000 + k
    wb.save(work / "throwaway.xlsx")
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print a markdown table row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    # Import both up front: import cost is not part of the figures.
    import mihara_sheets.writer  # noqa: F401
    import openpyxl  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "source.xlsx"
        make_roster(src, args.rows)
        size_kb = src.stat().st_size // 1024
        ours, theirs = [], []
        for _ in range(args.repeat):  # interleaved, so machine noise hits both alike
            ours.append(time_edit(src, work))
            theirs.append(time_openpyxl(src, work))
    mine, base = statistics.median(ours), statistics.median(theirs)
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    machine = f"{platform.machine()}, {nproc} cores, Python {platform.python_version()}"
    print("| date | machine | ledger | edit_workbook, 10 cells | openpyxl load + save | ratio |")
    print("|---|---|---|---|---|---|")
    print(f"| {dt.date.today().isoformat()} | {machine} | {args.rows:,} rows, {size_kb:,} KB "
          f"| {mine * 1000:,.0f} ms | {base * 1000:,.0f} ms | {mine / base:.2f}× |")


if __name__ == "__main__":
    main()
