"""``mihara-sheets check`` as staff and scripts run it: the real command in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mihara_sheets.resources import sample_ledger_path, workbooks_dir

TODAY = "2026-11-28"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mihara_sheets", *args], capture_output=True, text=True, timeout=120
    )


def test_sample_ledger_has_no_errors():
    done = run("check", str(sample_ledger_path()), "--today", TODAY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "エラー" not in done.stdout.replace("エラーはありません", "")
    assert "Traceback" not in done.stderr


def test_broken_copy_reports_each_problem_at_its_cell():
    expected = json.loads((workbooks_dir() / "broken_expected.json").read_text(encoding="utf-8"))
    done = run("check", str(workbooks_dir() / "sample_ledger_broken.xlsx"), "--today", TODAY, "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    found = {(p["code"], p["location"]) for p in report["problems"]}
    for item in expected:
        assert (item["code"], f"{item['sheet']}!{item['cell']}") in found, item
    assert report["ok"] is False and report["counts"]["error"] >= len(
        [e for e in expected if e["severity"] == "error"])


def test_table_output_names_cells_and_codes():
    done = run("check", str(workbooks_dir() / "sample_ledger_broken.xlsx"), "--today", TODAY)
    assert done.returncode == 1
    assert "nonexistent-date" in done.stdout and "会議体!G19" in done.stdout
    assert "エラー" in done.stdout


def test_unreadable_file_exits_2_with_a_japanese_message(tmp_path: Path):
    csv = tmp_path / "台帳.xlsx"
    csv.write_text("会議体ID,会議体名\nK01,地域共生会議\n", encoding="utf-8")
    done = run("check", str(csv), str(tmp_path / "ない.xlsx"))
    assert done.returncode == 2
    assert "file-renamed-csv" in done.stderr and "file-not-found" in done.stderr
    assert "Traceback" not in done.stderr


def test_json_for_an_unreadable_file(tmp_path: Path):
    done = run("check", str(tmp_path / "ない.xlsx"), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["problems"][0]["code"] == "file-not-found"


def test_help_reads_like_a_manual():
    done = run("check", "--help")
    assert done.returncode == 0
    assert "終了コード" in done.stdout and "--json" in done.stdout


def test_no_ledger_given_is_a_usage_error():
    assert run("check").returncode == 2
