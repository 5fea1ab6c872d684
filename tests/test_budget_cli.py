"""``mihara-sheets budget``: output for staff, --json for scripts, exit codes 0 / 1 / 2."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "budget_seed.xlsx"
MISMATCH = FIXTURES / "budget_mismatch.xlsx"
MULTI = FIXTURES / "budget_multi_year.xlsx"
THOUSAND = FIXTURES / "budget_thousand.xlsx"


def run(*args: str | Path):
    return CliRunner().invoke(main, ["budget", *map(str, args)], terminal_width=140)


def test_the_seed_prints_its_tally_for_staff_and_exits_0():
    result = run(SEED)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "令和4年度" in out and "5,454,000" in out
    assert "金額未確定の行が1件" in out and "相談窓口・支援業務の整理" in out
    assert "✓ 試行的事業の実施状況!E7 の計 5,454,000円 は上の行の合計と一致しています。" in out


def test_json_is_the_only_thing_on_stdout():
    result = run(SEED, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["total"]["budget"] == 5_454_000
    assert data["declared_totals"][0]["matches"] is True
    assert data["tbd"][0]["project"] == "相談窓口・支援業務の整理"


def test_a_mismatched_total_exits_1_and_shows_the_difference():
    result = run(MISMATCH)
    assert result.exit_code == 1
    assert "5,545,000円 が上の行の合計 5,454,000円 と一致しません（差額 +91,000円）" in result.stdout
    data = json.loads(run(MISMATCH, "--json").stdout)
    assert data["ok"] is False and data["declared_totals"][0]["difference"] == 91_000


@pytest.mark.parametrize("fy", ["2024", "令和6年度", "R6", "r６", "2024年度"])
def test_fy_is_accepted_as_staff_type_it(fy):
    data = json.loads(run(MULTI, "--fy", fy, "--json").stdout)
    assert data["fiscal_year"] == 2024 and data["fiscal_year_label"] == "令和6年度"
    assert data["total"]["budget"] == 1_800_000


def test_fy_gannen():
    data = json.loads(run(MULTI, "--fy", "令和元年度", "--json").stdout)
    assert data["total"]["budget"] == 500_000


def test_an_unreadable_fy_is_a_usage_error():
    result = run(MULTI, "--fy", "来年")
    assert result.exit_code == 2
    assert "年度「来年」を読めません" in result.stderr


@pytest.mark.parametrize(("by", "heading"), [("vendor", "発注先別"), ("category", "科目別"),
                                              ("funding", "財源別"), ("council", "会議体別")])
def test_by_chooses_the_second_table(by, heading):
    result = run(MULTI, "--by", by)
    assert result.exit_code == 0
    assert heading in result.stdout and "事業別" not in result.stdout


def test_xlsx_writes_the_tally_workbook(tmp_path):
    out = tmp_path / "集計.xlsx"
    result = run(MULTI, THOUSAND, "--xlsx", out)
    assert result.exit_code == 0
    assert out.is_file() and "集計表を保存しました" in result.stdout


def test_xlsx_with_json_reports_on_stderr(tmp_path):
    out = tmp_path / "集計.xlsx"
    result = run(SEED, "--json", "--xlsx", out)
    assert result.exit_code == 0 and out.is_file()
    json.loads(result.stdout)
    assert "集計表を保存しました" in result.stderr


def test_xlsx_refuses_to_overwrite_the_ledger(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copy(SEED, ledger)
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    result = run(ledger, "--xlsx", ledger)
    assert result.exit_code == 2
    assert "台帳そのもの" in result.stderr
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before


def test_xlsx_into_a_workbook_open_in_excel_exits_2(tmp_path):
    (tmp_path / "~$集計.xlsx").write_bytes(b"\x00" * 165)
    result = run(SEED, "--xlsx", tmp_path / "集計.xlsx")
    assert result.exit_code == 2 and "file-locked" in result.stderr and "Excel" in result.stderr


def test_a_missing_file_exits_2_with_a_japanese_message(tmp_path):
    result = run(tmp_path / "ない.xlsx")
    assert result.exit_code == 2
    assert "ない.xlsx" in result.stderr and "見つかりません" in result.stderr
    assert "Traceback" not in result.output


def test_a_file_that_is_not_excel_exits_2(tmp_path):
    fake = tmp_path / "予算.xlsx"
    fake.write_bytes(b"this is not a workbook at all" * 10)
    result = run(fake)
    assert result.exit_code == 2 and "予算.xlsx" in result.stderr
    assert "Traceback" not in result.output


def test_no_ledger_is_a_usage_error():
    assert run().exit_code == 2


def test_help_reads_like_a_manual():
    result = run("--help")
    assert result.exit_code == 0
    for words in ("金額未確定", "執行率", "終了コード", "--fy", "--by", "--json", "--xlsx",
                  "--write-ledger", "千円"):
        assert words in result.stdout


def test_the_command_in_a_fresh_process_exits_2_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "from mihara_sheets.cli import main; main()", "budget",
         str(tmp_path / "x.xlsx")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert "見つかりません" in done.stderr and "Traceback" not in done.stderr


def test_fy_still_lists_a_mismatched_total_of_another_year():
    broken = Path(__file__).parents[1] / "workbooks" / "sample_ledger_broken.xlsx"
    result = run(broken, "--fy", "2022")
    assert result.exit_code == 1
    assert "予算!I13の小計「2,100,000」" in result.stdout  # FY2024's 小計, outside the table shown


def test_json_for_an_unreadable_file_is_still_json(tmp_path):
    result = run(tmp_path / "ない.xlsx", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["problems"][0]["code"] == "file-not-found"
