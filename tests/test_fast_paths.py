"""The reader's fast paths give the plain rules' result on whole ledgers, or step aside.

Each ledger is read twice through the public entry point, once with the fast paths of
``ledger/fast_paths.py`` and once with them switched off, and every record and problem must
be the same. The corpus is the development set of Excel-made workbooks (skipped where
absent); the bundled samples and a ledger typed the untidy way are always there.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.ledger import fast_paths
from mihara_sheets.ledger.spec import TABLES
from mihara_sheets.problems import LedgerReadError
from mihara_sheets.resources import sample_ledger_path

from .factory import make_workbook

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "excel-made"
TODAY = dt.date(2026, 12, 1)


def _read(path: Path):
    try:
        ledger = load_ledger(path, today=TODAY)
    except LedgerReadError as error:
        return ("unreadable", [(p.code, p.message) for p in error.problems])
    records = {t.key: getattr(ledger, t.key) for t in TABLES}
    records["budget_totals"] = ledger.budget_totals
    problems = [(p.code, p.severity, p.sheet, p.cell, p.row, p.field, p.message) for p in ledger.problems]
    return records, problems, ledger.settings


def _both_ways(path: Path):
    fast = _read(path)
    with fast_paths.disabled():
        assert not fast_paths.enabled()
        plain = _read(path)
    assert fast_paths.enabled()
    return fast, plain


def untidy_ledger(tmp_path: Path) -> Path:
    """Plain and unusual forms side by side in one column, as hand-typed ledgers hold them."""
    return make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名", "区分"], ["K01", "高齢者支援部会", "部会"], ["Ｋ０２", "障害者支援部会", "部会"],
                 [" K03 ", "こころの部会", "部会"]],
        "名簿": [["会議体ID", "氏名", "電話", "住所"], ["K01", "広島 花子", "0848-00-0001", "三原市港町1-1"],
               ["Ｋ０２", "尾道\n太郎", 848000002, "三原市城町2-2"], ["K03", "  福山 次郎 ", "", "\u200b"]],
        "予算": [["年度", "事業名称", "予算配分"], ["令和4年度", "見守り", 3454000], ["令和4年度", "居場所", "80,000円"],
               ["令和4年度", "研修", "１２０，０００"], ["令和4年度", "印刷", "3,45,000"], ["令和4年度", "旅費", 1234.5],
               ["令和4年度", "予備", "△1,000"], ["", "計", 3628000]],
    })


def test_an_untidy_ledger_reads_the_same_both_ways(tmp_path):
    fast, plain = _both_ways(untidy_ledger(tmp_path))
    assert fast == plain
    records, problems, _ = fast
    assert [line.budget for line in records["budget_lines"]][:3] == [3454000, 80000, 120000]
    assert "invalid-amount" in {p[0] for p in problems}  # 3,45,000: the plain rule's answer, not a guess


@pytest.mark.parametrize("name", ["sample_ledger.xlsx", "sample_ledger_broken.xlsx"])
def test_the_bundled_samples_read_the_same_both_ways(name):
    fast, plain = _both_ways(sample_ledger_path().with_name(name))
    assert fast == plain and fast[0]["meetings"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not present")
def test_the_corpus_reads_the_same_both_ways():
    files = sorted(CORPUS.glob("*.xls[xm]"))[::4]
    assert files
    differing = [path.name for path in files if (lambda pair: pair[0] != pair[1])(_both_ways(path))]
    assert differing == []


def test_the_environment_switch_reads_the_plain_way(tmp_path):
    code = ("from mihara_sheets.ledger import fast_paths; import sys; "
            "sys.exit(0 if not fast_paths.enabled() else 3)")
    env = {"MIHARA_SHEETS_PLAIN_READING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1])}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0


def ended_roster_ledger(tmp_path: Path) -> Path:
    """Every term ended, no 人物ID, two roster sheets (different columns), a 事務局 row, a
    term ending soon and a blank end: the checks' direct problems against make_problem's."""
    roster = [["会議体", "氏名", "任期開始", "任期終了", "部会役職"]]
    roster += [["K01", f"三原 花子{i}", dt.date(2023, 4, 1), dt.date(2025, 3, 31), "委員"] for i in range(30)]
    roster += [["K01", "事務局 一郎", dt.date(2023, 4, 1), dt.date(2025, 3, 31), "事務局"],
               ["K01", "近日 終了", dt.date(2025, 4, 1), dt.date(2026, 12, 20), "委員"],
               ["K01", "未定 任期", dt.date(2025, 4, 1), "", "委員"],
               ["K01", "三原 花子3", dt.date(2023, 4, 1), dt.date(2025, 3, 31), "委員"]]
    other = [["備考", "任期終了", "氏名", "会議体"], ["", dt.date(2024, 3, 31), "尾道 太郎", "K02"],
             ["", dt.date(2020, 3, 31), "髙橋 一", "K02"], ["", dt.date(2020, 3, 31), "高橋 一", "K02"]]
    return make_workbook(tmp_path / "任期.xlsx", {
        "会議体": [["会議体ID", "会議体名", "区分"], ["K01", "高齢者支援部会", "部会"], ["K02", "障害者支援部会", "部会"]],
        "名簿": roster,
        "障害者支援部会名簿": other,
    })


def test_a_ledger_of_ended_terms_reads_the_same_both_ways(tmp_path):
    fast, plain = _both_ways(ended_roster_ledger(tmp_path))
    assert fast == plain
    _, problems, _ = fast
    codes = [p[0] for p in problems]
    assert codes.count("term-ended") == 34 and "term-ending-soon" in codes and "similar-names" in codes
    ended = [p for p in problems if p[0] == "term-ended"]
    places = {p[2:6]: p[6] for p in ended}
    assert ("名簿", "D2", 2, "term_end") in places and ("障害者支援部会名簿", "B4", 4, "term_end") in places
    assert places[("名簿", "D2", 2, "term_end")] == "名簿!D2の委員の任期は令和7年3月31日に終了していますが、名簿に残っています。再任・交代を確認してください。"


def test_printable_text_holds_no_whitespace_but_the_space():
    """name_key removes " " from printable text instead of splitting it: no other
    character str.split() splits on is printable."""
    import sys as _sys

    spaces = [chr(c) for c in range(_sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    from mihara_sheets.ledger.checks import name_key

    for name in ("三原\u3000太郎", " 三原 太郎 ", "三原\t太郎\n", "三原\u2028太郎", "ﾐﾊﾗ ﾀﾛｳ", "三原\u200b太郎", "", None):
        plain = "".join(__import__("unicodedata").normalize("NFKC", name).split()) if name else ""
        assert name_key(name) == plain
