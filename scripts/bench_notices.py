"""Benchmark: the notices of one meeting with 500 recipients, our batch path vs plain docxtpl.

Both run end to end in the same process on the same data and template:

- plain docxtpl loop: for each recipient, load the template, render (autoescape,
  StrictUndefined), save the .docx — the usual way to mail-merge with docxtpl;
- ours: ``make_notices`` — compile the template once, render every recipient's file, plus
  the combined print file and the 宛名一覧 .xlsx (more output than the loop makes).

Prints a markdown table row: date, machine, recipients, seconds each way, speed-up.
Usage: ``python scripts/bench_notices.py [--recipients 500] [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mihara_sheets.documents import make_notices  # noqa: E402
from mihara_sheets.documents.notice_context import plan_notice, recipient_context  # noqa: E402
from mihara_sheets.documents.render import make_environment  # noqa: E402
from mihara_sheets.ledger.ledger import Ledger  # noqa: E402
from mihara_sheets.ledger.records import Council, Meeting, Member, Settings  # noqa: E402
from mihara_sheets.resources import templates_dir  # noqa: E402

ISSUE = dt.date(2026, 11, 20)


def big_ledger(recipients: int) -> Ledger:
    """One 部会 with ``recipients`` members and one upcoming meeting."""
    members = [
        Member("KOR", f"委員 {i:04d}", organization=f"三原市第{i}地区社会福祉協議会 & 見守り<班>", title="会長",
               postal_code="723-0001", address=f"三原市港町{i}-1", delivery="郵送")
        for i in range(1, recipients + 1)
    ]
    meeting = Meeting("M-BENCH", "KOR", number=3, date=dt.date(2026, 12, 15), start=dt.time(14), end=dt.time(16),
                      venue="三原市役所本庁舎 5階 第1会議室", agenda=["見守り活動の状況", "次年度計画（案）", "その他"])
    settings = Settings(sender="三原市保健福祉部長", division="三原市保健福祉部 地域福祉課", phone="0848-00-0000",
                        email="chiiki@example.jp", notice_prefix="三保福第")
    return Ledger(councils=[Council("KOR", "高齢者支援部会", kind="部会")], members=members, meetings=[meeting],
                  settings=settings)


def plain_docxtpl(ledger: Ledger, out: Path) -> float:
    """The usual loop: load, render, save per recipient. Returns seconds."""
    template = templates_dir() / "notice.docx"
    plan = plan_notice(ledger, "M-BENCH", issue_date=ISSUE)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for number, recipient in enumerate(plan.recipients, start=1):
        document = DocxTemplate(template)
        env = make_environment()
        env.undefined = StrictUndefined
        document.render({**plan.shared, **recipient_context(recipient.member)}, jinja_env=env, autoescape=True)
        document.save(out / f"{number:03d}.docx")
    return time.perf_counter() - start


def ours(ledger: Ledger, out: Path) -> float:
    """make_notices end to end (files, combined file, 宛名一覧). Returns seconds."""
    start = time.perf_counter()
    result = make_notices(ledger, "M-BENCH", out, issue_date=ISSUE, update=False)
    elapsed = time.perf_counter() - start
    assert result.ok and len(result.files) == len(ledger.members)
    return elapsed


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    """Run both paths and print the markdown header and row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each path; the best is kept")
    args = parser.parse_args(argv)
    ledger = big_ledger(args.recipients)
    plain_times, our_times = [], []
    with tempfile.TemporaryDirectory() as work:
        for run in range(args.repeat):
            plain_times.append(plain_docxtpl(ledger, Path(work) / f"plain{run}"))
            our_times.append(ours(ledger, Path(work) / f"ours{run}"))
    plain, fast = min(plain_times), min(our_times)
    print("| date | machine | recipients | plain docxtpl loop (s) | mihara_sheets batch (s) | speed-up |")
    print("|---|---|---|---|---|---|")
    print(f"| {dt.date.today().isoformat()} | {machine()} | {args.recipients} | {plain:.2f} | {fast:.2f} | {plain / fast:.1f}× |")


if __name__ == "__main__":
    main()
