"""Benchmark: ``notices --pdf`` for 500 recipients end to end, against one LibreOffice call a file.

- ours: the real command, ``mihara-sheets notices LEDGER --meeting K18-2026-03 --pdf
  --no-update``, on a copy of the sample ledger whose 高齢者支援部会 roster is filled up to
  ``--recipients`` members (a fixture written with openpyxl, never a staff file). Timed as a
  whole process: reading the ledger, rendering every notice, the combined file, the 宛名一覧,
  the one LibreOffice conversion and the split. Every PDF is then checked: one per
  recipient, each with its pages, plus the combined one.
- baseline: each .docx converted in its own ``soffice --convert-to pdf`` call (the same
  fonts.conf and a warm private profile), measured on ``--sample`` of the files and
  extrapolated to all of them (the per-file mean × the number of files).

Prints markdown rows for docs/benchmarks.md. Usage:
``python scripts/bench_pdf.py [--recipients 500] [--sample 20] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from mihara_sheets.documents.pdf import find_soffice, fontconfig_text  # noqa: E402
from mihara_sheets.resources import sample_ledger_path  # noqa: E402

MEETING = "K18-2026-03"
ROSTER_SHEET = "高齢者支援部会名簿"


def build_ledger(path: Path, recipients: int) -> Path:
    """The sample ledger with the 高齢者支援部会 roster filled up to ``recipients`` rows."""
    book = openpyxl.load_workbook(sample_ledger_path())
    sheet = book[ROSTER_SHEET]
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "No.")
    headers = [c.value for c in sheet[header_row]]
    last = max(r for r in range(header_row + 1, sheet.max_row + 1) if sheet.cell(r, 3).value)
    template = [c.value for c in sheet[last]]
    present = last - header_row
    staff = sum(1 for r in range(header_row + 1, last + 1)
                if any("事務局" in str(c.value or "") for c in sheet[r]))  # not sent a notice
    for n in range(present + 1, recipients + staff + 1):
        row = dict(zip(headers, template))
        row.update({"No.": n, "人物ID": f"P9{n:04d}", "氏名": f"試験 委員{n:04d}", "ふりがな": f"しけん いいん{n}",
                    "所属": f"三原市第{n}地区社会福祉協議会", "役職": "会長", "部会役職": "委員",
                    "郵便番号": "723-0001", "住所": f"三原市港町{n}番地", "電話": "", "メールアドレス": "",
                    "送付方法": "郵送"})
        sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path


def run_notices(ledger: Path, out: Path) -> tuple[float, dict]:
    """The real command with --pdf; (seconds, its --json report)."""
    command = [sys.executable, "-m", "mihara_sheets", "notices", str(ledger), "--meeting", MEETING, "--pdf",
               "--no-update", "--out", str(out), "--json"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"notices failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    return elapsed, json.loads(done.stdout)


def check_pdfs(folder: Path, recipients: int) -> tuple[int, int]:
    """(PDFs of recipients, pages in them); raises when one is missing or empty."""
    singles = sorted((folder / "個別").glob("*.docx"))
    assert len(singles) == recipients, (len(singles), recipients)
    pages = 0
    for docx in singles:
        pdf = folder / "PDF" / (docx.stem + ".pdf")
        assert pdf.is_file(), f"missing: {pdf.name}"
        count = len(PdfReader(pdf).pages)
        assert count >= 1, pdf.name
        pages += count
    return len(singles), pages


def one_call_each(files: list[Path], out: Path) -> list[float]:
    """Seconds of converting each file in its own LibreOffice call (warm private profile)."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="bench-soffice-") as work:
        fonts = Path(work) / "fonts.conf"
        fonts.write_text(fontconfig_text(), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts), HOME=work)
        profile = f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}"
        base = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out)]
        subprocess.run(base + [str(files[0])], env=env, capture_output=True, check=True)  # profile warm-up
        times = []
        for docx in files:
            start = time.perf_counter()
            subprocess.run(base + [str(docx)], env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
            assert (out / (docx.stem + ".pdf")).is_file()
    return times


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    """Build the ledger, run both ways, print the markdown rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=500)
    parser.add_argument("--sample", type=int, default=20, help="files converted one call each")
    parser.add_argument("--repeat", type=int, default=1, help="runs of our command; the median is printed")
    parser.add_argument("--keep", type=Path, help="build the ledger and outputs here instead of a temp folder")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        ledger = build_ledger(work / "台帳_500名.xlsx", args.recipients)
        times = []
        for run in range(args.repeat):
            out = work / f"out{run}"
            shutil.rmtree(out, ignore_errors=True)
            elapsed, report = run_notices(ledger, out)
            times.append(elapsed)
            errors = [p["message"] for p in report["problems"] if p["severity"] == "error"]
            assert not errors, errors
            meeting = report["meetings"][0]
            assert meeting["recipients"] == args.recipients, meeting["recipients"]
            folder = Path(meeting["folder"])
            made, pages = check_pdfs(folder, args.recipients)
            combined = len(PdfReader(next((folder / "PDF").glob("一括印刷用_*.pdf"))).pages)
            assert combined == pages, (combined, pages)
        sample = sorted((folder / "個別").glob("*.docx"))[: args.sample]
        each = one_call_each(sample, work / "baseline")
        per_file = statistics.mean(each)
        baseline = per_file * (args.recipients + 1)  # every notice and the combined file
        ours = statistics.median(times)
        print("| date | machine | recipients | PDFs made (pages) | ours: notices --pdf end to end (s) "
              "| baseline: one LibreOffice call a file (s, extrapolated) | speed-up |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {dt.date.today().isoformat()} | {machine()} | {args.recipients} | {made} + combined ({pages}) "
              f"| {ours:.1f} | {baseline:.0f} ({per_file:.2f} s × {args.recipients + 1}, from {len(each)} files) "
              f"| {baseline / ours:.1f}× |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
