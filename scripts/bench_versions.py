"""Benchmark: this checkout against an older one, on the same data in the same run.

Issue 11 restructured the code (a job layer, one problem registry, context modules by
product, the fast paths in one module); its goal is that reading a ledger and making the
notices are no slower than before. This script times, alternately round by round so both
copies see the same machine:

- load: ``load_ledger`` on the 10,000-row ledger of ``bench_load.py`` (written once);
- notices: ``make_notices`` for one meeting with 500 recipients, as in ``bench_notices.py``,
  each copy with its own notice template, or with ``--same-template`` both with the
  baseline's (the code alone compared: the newer template has more on it).

Each timing runs in a fresh interpreter with ``PYTHONPATH`` set to the copy, and is taken
inside it (the import is not counted). Prints the medians, the median of the round ratios
(this / baseline) and a markdown row for docs/benchmarks.md.

    git worktree add /tmp/baseline <commit>
    python scripts/bench_versions.py --baseline /tmp/baseline [--rounds 5] [--same-template]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_load import generate  # noqa: E402

LOAD = """
import sys, time
from mihara_sheets import load_ledger
start = time.perf_counter()
ledger = load_ledger(sys.argv[1])
print(time.perf_counter() - start)
"""

NOTICES = """
import os, sys, time, tempfile
sys.path.insert(0, os.path.join(os.environ["PYTHONPATH"], "scripts"))  # the copy's own script
from bench_notices import big_ledger, ISSUE
from mihara_sheets.documents import make_notices
ledger = big_ledger(500)
with tempfile.TemporaryDirectory() as out:
    start = time.perf_counter()
    # Each copy's own template (the installed package's would be found for both), or the
    # one named by --same-template for both copies.
    template = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ["PYTHONPATH"], "templates", "notice.docx")
    result = make_notices(ledger, "M-BENCH", out, issue_date=ISSUE, update=False, template=template)
    elapsed = time.perf_counter() - start
assert len(result.files) == 500
print(elapsed)
"""


def timed(copy: Path, code: str, *args: str) -> float:
    """Seconds one run of ``code`` reports, with ``copy`` first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def compare(name: str, rounds: int, baseline: Path, code: str, *args: str) -> dict:
    """Alternate the two copies ``rounds`` times; medians and the median ratio."""
    ours, theirs, ratios = [], [], []
    for _ in range(rounds):
        b = timed(baseline, code, *args)
        a = timed(ROOT, code, *args)
        ours.append(a)
        theirs.append(b)
        ratios.append(a / b)
    return {"name": name, "ours": statistics.median(ours), "baseline": statistics.median(theirs),
            "ratio": statistics.median(ratios), "best_ratio": min(ours) / min(theirs)}


def main(argv: list[str] | None = None) -> None:
    """Run both comparisons and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the older commit")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--same-template", action="store_true",
                        help="both copies render the baseline's notice.docx (the code alone compared)")
    args = parser.parse_args(argv)
    same = [str(args.baseline / "templates" / "notice.docx")] if args.same_template else []
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "bench.xlsx"
        generate(ledger, args.rows)
        results = [compare("load", args.rounds, args.baseline, LOAD, str(ledger)),
                   compare("notices (500)" + (", baseline's template" if same else ""), args.rounds,
                           args.baseline, NOTICES, *same)]
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    for r in results:
        print(f"{r['name']}: this {r['ours']:.3f} s, baseline {r['baseline']:.3f} s, "
              f"median ratio {r['ratio']:.2f}×, best/best {r['best_ratio']:.2f}×")
    print()
    for r in results:
        print(f"| {dt.date.today()} | {machine} | {r['name']} | {r['baseline'] * 1000:,.0f} ms | "
              f"{r['ours'] * 1000:,.0f} ms | {r['ratio']:.2f}× | {r['best_ratio']:.2f}× |")


if __name__ == "__main__":
    main()
