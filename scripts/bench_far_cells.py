"""Benchmark: the far-cell guard (issue 12) — what a stray value far out costs, and what the
guard costs a normal read.

1. A small ledger with one value in AZ1048576, and one with a value in XFD1048576: each
   read in its own process by plain python-calamine (open, every sheet ``to_python``) and
   by ``mihara_sheets.load_ledger`` (the guard refuses the sheet). Reported: wall time,
   peak RSS (``wait4``), and how the process ended (exit code or signal).
2. The guard's cost on a normal ledger (``bench_load.py``'s 10,000 roster rows and 10,000
   budget lines, sheet parts over 1 MiB whose stated extent is trusted): ``load_ledger``
   with the guard, with the guard switched off, and with every sheet scanned cell by cell
   (what a large part without a stated extent costs), alternating round by round in one
   process; and ``far_cells`` alone on the sheets' XML.

    PYTHONPATH=. python scripts/bench_far_cells.py [--rounds 15]
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
import zipfile
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

RAW = ("import sys, python_calamine as c\n"
       "b = c.CalamineWorkbook.from_path(sys.argv[1])\n"
       "for n in b.sheet_names: b.get_sheet_by_name(n).to_python(skip_empty_area=False)\n")
LOAD = ("import sys\nfrom mihara_sheets import load_ledger, LedgerReadError\n"
        "try:\n    load_ledger(sys.argv[1])\nexcept LedgerReadError as e:\n    print(e.problems[0].code)\n")


def far_ledger(path: Path, cell: str) -> Path:
    """会議体 and 予算 sheets of a few rows, and one value at ``cell`` of 予算."""
    book = xlsxwriter.Workbook(str(path))
    councils = book.add_worksheet("会議体")
    councils.write_row(0, 0, ["会議体ID", "会議体名", "区分"])
    councils.write_row(1, 0, ["K01", "地域共生会議", "親会"])
    budget = book.add_worksheet("予算")
    budget.write_row(0, 0, ["事業名", "予算額", "執行額"])
    budget.write_row(1, 0, ["広報", 100, 50])
    budget.write(cell, "x")
    book.close()
    return path


def in_process(code: str, path: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB and how a fresh interpreter running ``code`` ended.

    The peak is GNU time's (``%M``, the child's own high-water mark).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M %x",
                               sys.executable, "-c", code, str(path)],
                              env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        lines = report.read().split()
    peak_kb, status = int(lines[-2]), int(lines[-1])
    if "signal" in " ".join(lines) or status < 0 or done.returncode >= 128:
        signal_number = done.returncode - 128 if done.returncode >= 128 else -status
        ended = f"signal {signal_number}" + (" (SIGABRT)" if signal_number == 6 else "")
    else:
        ended = f"exit {status}" + (f", {done.stdout.strip()}" if done.stdout.strip() else "")
    return elapsed, peak_kb // 1024, ended


def guard_cost(rounds: int, folder: Path) -> None:
    from bench_load import generate

    import mihara_sheets.sources.xlsx as xlsx
    from mihara_sheets import load_ledger
    from mihara_sheets.sources.extent import far_cells

    path = folder / "bench.xlsx"
    generate(path, 10_000)
    guard, trust = xlsx.check_extent, xlsx.needs_scan
    times = {"guard": [], "no guard": [], "every sheet scanned": []}
    for _ in range(rounds):
        for name in times:
            xlsx.check_extent = (lambda *a: None) if name == "no guard" else guard
            xlsx.needs_scan = (lambda *a: True) if name == "every sheet scanned" else trust
            start = time.perf_counter()
            load_ledger(path)
            times[name].append(time.perf_counter() - start)
    xlsx.check_extent, xlsx.needs_scan = guard, trust
    with zipfile.ZipFile(path) as package:
        sheets = [package.read(n) for n in package.namelist() if n.startswith("xl/worksheets/")]
    scan = []
    for _ in range(rounds):
        start = time.perf_counter()
        for xml in sheets:
            assert far_cells(xml) is None
        scan.append(time.perf_counter() - start)
    with_guard, without = statistics.median(times["guard"]), statistics.median(times["no guard"])
    print(f"\nnormal ledger (10,000 + 10,000 rows, {sum(map(len, sheets)) / 2**20:.1f} MB of sheet XML), "
          f"median of {rounds} rounds:")
    print(f"  load_ledger without the guard {without * 1000:.0f} ms, with it {with_guard * 1000:.0f} ms "
          f"(+{(with_guard / without - 1) * 100:.1f} %); best {min(times['no guard']) * 1000:.0f} / "
          f"{min(times['guard']) * 1000:.0f} ms")
    scanned = statistics.median(times["every sheet scanned"])
    print(f"  with every sheet scanned (no trust in the stated extent of large parts) {scanned * 1000:.0f} ms "
          f"(+{(scanned / without - 1) * 100:.1f} %); best {min(times['every sheet scanned']) * 1000:.0f} ms")
    print(f"  far_cells alone on every sheet's XML: {statistics.median(scan) * 1000:.1f} ms "
          "(a scan also decompresses the sheet part once more)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    from importlib import metadata

    print(f"{dt.date.today()}  {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"python-calamine {metadata.version('python-calamine')}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("\n| file | reader | time | peak RSS | ended |\n|---|---|---|---|---|")
        for cell in ("AZ1048576", "XFD1048576"):
            path = far_ledger(folder / f"{cell}.xlsx", cell)
            for reader, code in (("plain python-calamine", RAW), ("load_ledger (guard)", LOAD)):
                elapsed, rss, ended = in_process(code, path)
                print(f"| value in {cell} | {reader} | {elapsed:.2f} s | {rss:,} MB | {ended} |")
        guard_cost(args.rounds, folder)


if __name__ == "__main__":
    main()
