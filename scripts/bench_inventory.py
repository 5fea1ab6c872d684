"""Benchmark: the inventory's analysis against reading the ledger it analyses.

Generates a ledger with 100 councils (a 親会, 部会 under it, older bodies merged into them)
and 5,000 roster rows (people on up to five councils, genders, 選任区分, 初回委嘱日, a few
variant-character names), then in one run, round by round:
- load: ``mihara_sheets.load_ledger`` on the file (the baseline);
- analysis: identity, the inventory (matrix, every pair's Jaccard, ranking, burden), the
  composition report, the 公示 list and the JSON figures — everything the job computes
  before it writes files.
Reported: medians and the ratio analysis / load. Goal (issue 13): analysis < load.

    python scripts/bench_inventory.py [--councils 100] [--members 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import tempfile
import time
from pathlib import Path

import xlsxwriter

CATEGORIES = ["庁内関係課", "社会福祉協議会", "地域包括支援センター", "医療機関", "学校", "学識経験者", "民間団体", "住民代表"]
SELECTIONS = ["公募", "推薦", "充て職", "指名", ""]
GENDERS = ["女", "男", "", "女性", "男"]


def generate(path: Path, councils: int, members: int) -> None:
    """The generated ledger (see the module's docstring)."""
    book = xlsxwriter.Workbook(str(path))
    wareki = book.add_format({"num_format": '[$-ja-JP]ggge"年"m"月"d"日"'})
    sheet = book.add_worksheet("会議体")
    sheet.write_row(0, 0, ["会議体ID", "会議体名", "区分", "親会議体ID", "年間開催回数", "状態", "統合先", "委員定数", "分野"])
    sheet.write_row(1, 0, ["K000", "地域共生会議", "親会", "", 2, "存続", "", 30, "地域共生"])
    for i in range(1, councils):
        if i % 3:
            sheet.write_row(1 + i, 0, [f"K{i:03d}", f"第{i}部会", "部会", "K000", i % 6 + 1, "存続", "", 60,
                                       "高齢・障害"[i % 2 * 3: i % 2 * 3 + 2]])
        else:
            sheet.write_row(1 + i, 0, [f"K{i:03d}", f"旧{i}協議会", "協議会", "", 2, "統合", f"K{i - 1:03d}", 40, "子ども"])
    roster = book.add_worksheet("名簿")
    roster.write_row(0, 0, ["会議体ID", "人物ID", "氏名", "ふりがな", "所属", "区分", "部会役職", "性別", "選任区分",
                            "任期開始", "任期終了", "初回委嘱日", "住所", "電話"])
    people = members * 2 // 5  # so that people sit on two or three councils
    for r in range(members):
        person, seat = r % people, r // people
        with_id = person % 4 != 0  # a quarter of the people are matched by name
        name = f"{'髙' if person % 97 == 0 and seat % 2 else '高'}橋 太郎{person}"
        roster.write_row(1 + r, 0, [f"K{(person * 13 + seat * 37 + person // 7) % councils:03d}", f"P{person:05d}" if with_id else "",
                                    name, f"たかはし たろう{person}", f"団体{person % 400}", CATEGORIES[person % 8],
                                    "委員", GENDERS[person % 5], SELECTIONS[person % 5]])
        roster.write_datetime(1 + r, 9, dt.datetime(2025, 4, 1), wareki)
        roster.write_datetime(1 + r, 10, dt.datetime(2027, 3, 31), wareki)
        roster.write_datetime(1 + r, 11, dt.datetime(2005 + person % 20, 4, 1), wareki)
        roster.write_row(1 + r, 12, [f"三原市港町{person % 50}", "0848-00-0000"])
    book.close()


def analyse(ledger, as_of: dt.date, today: dt.date) -> dict:
    """Everything run_inventory computes before it writes files."""
    from mihara_sheets.analyses.composition import compose
    from mihara_sheets.analyses.inventory import take_inventory
    from mihara_sheets.analyses.koji import koji_list
    from mihara_sheets.analyses.report import inventory_data

    inventory = take_inventory(ledger, as_of)
    return inventory_data(ledger, inventory, compose(ledger, as_of, inventory.identities), koji_list(ledger, as_of), today)


def main() -> None:
    """Generate, then time load and analysis alternately; print a Markdown row."""
    from mihara_sheets import load_ledger

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=100)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    today, as_of = dt.date(2026, 12, 1), dt.date(2026, 4, 1)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "台帳.xlsx"
        generate(path, args.councils, args.members)
        size = path.stat().st_size
        loads, analyses = [], []
        data = None
        for _ in range(args.rounds):
            start = time.perf_counter()
            ledger = load_ledger(path, today=today)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            data = analyse(ledger, as_of, today)
            analyses.append(time.perf_counter() - start)
    load, analysis = statistics.median(loads), statistics.median(analyses)
    print(f"{platform.python_implementation()} {platform.python_version()}, {args.rounds} rounds, "
          f"{len(ledger.councils)} councils, {len(ledger.members)} roster rows, {size // 1024} KB")
    print(f"pairs {len(data['council_pairs'])}, people on several {len(data['people_on_several_councils'])}, "
          f"proposals {len(data['possibly_same_person'])}")
    print(f"load median {load * 1000:.0f} ms (best {min(loads) * 1000:.0f}), "
          f"analysis median {analysis * 1000:.0f} ms (best {min(analyses) * 1000:.0f}), ratio {analysis / load:.2f}×")
    print(f"| {dt.date.today()} | {len(ledger.councils)} councils, {len(ledger.members):,} rows, {size // 1024} KB | "
          f"{load * 1000:.0f} ms | {analysis * 1000:.0f} ms | {analysis / load:.2f}× | < 1× — "
          f"{'met' if analysis < load else 'not met'} |")


if __name__ == "__main__":
    main()
