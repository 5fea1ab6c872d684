"""Odd cell contents staff may type, through the real commands: a coded message and a
meaningful exit code, never a traceback (each case was once a crash)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from tests.factory import basic_councils, make_workbook

TODAY = "2026-11-28"


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mihara_sheets", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr and "Error:" not in done.stdout, done.stderr[-2000:]


def ledger(tmp_path, budget_rows, settings=None, roster=None):
    sheets = {"会議体": basic_councils(), "予算": [["事業名", "予算額", "執行額"], *budget_rows]}
    if settings:
        sheets["設定"] = settings
    if roster:
        sheets["名簿"] = roster
    return make_workbook(tmp_path / "台帳.xlsx", sheets)


def test_dates_before_taisho_are_reported_in_western_years(tmp_path):
    path = ledger(tmp_path, [["広報", dt.datetime(1911, 5, 1), ""]],
                  roster=[["部会", "氏名", "任期開始", "任期終了"], ["K02", "山田", dt.datetime(1911, 1, 1), ""]])
    done = run("check", path, "--today", TODAY, "--json")
    no_traceback(done)
    assert done.returncode == 1
    problems = {p["code"]: p for p in json.loads(done.stdout)["problems"]}
    assert problems["invalid-amount"]["location"] == "予算!B2" and "1911年5月1日" in problems["invalid-amount"]["message"]
    assert problems["invalid-date"]["location"] == "名簿!C2"


def test_cell_text_that_looks_like_rich_markup_is_shown_as_typed(tmp_path):
    path = ledger(tmp_path, [["[/]広報[bold]", "[/]", ""], ["相談", 100, ""]])
    done = run("check", path, "--today", TODAY)
    no_traceback(done)
    assert done.returncode == 1 and "「[/]」" in done.stdout
    done = run("budget", path)
    no_traceback(done)
    assert "[/]広報[bold]" in done.stdout


def test_amounts_of_a_thousand_trillion_yen_or_more_are_typing_slips(tmp_path):
    path = ledger(tmp_path, [["広報", "9" * 40, 10**20], ["相談", 100, 10**17]])
    done = run("budget", path, "--xlsx", tmp_path / "集計.xlsx")
    no_traceback(done)
    assert done.returncode == 1 and (tmp_path / "集計.xlsx").exists()
    done = run("check", path, "--today", TODAY, "--json")
    assert [(p["code"], p["location"]) for p in json.loads(done.stdout)["problems"]] == [
        ("invalid-amount", "予算!B2"), ("invalid-amount", "予算!C2"), ("invalid-amount", "予算!C3")]


def test_a_setting_far_out_of_range_is_a_warning(tmp_path):
    path = ledger(tmp_path, [["広報", 100, ""]], settings=[["任期アラート日数", 10**9]],
                  roster=[["部会", "氏名", "任期開始", "任期終了"], ["K02", "山田", "R7.4.1", "R9.3.31"]])
    done = run("check", path, "--today", TODAY, "--json")
    no_traceback(done)
    assert done.returncode == 0
    assert [p["code"] for p in json.loads(done.stdout)["problems"]] == ["settings-out-of-range"]


def test_date_options_outside_the_years_a_ledger_takes(tmp_path):
    path = ledger(tmp_path, [["広報", 100, ""]])
    done = run("check", path, "--today", "1900-01-01")
    assert done.returncode == 2 and "1912-07-30～2100-12-31" in done.stderr and "Traceback" not in done.stderr
    done = run("check", path, "--today", "きょう")
    assert done.returncode == 2 and "読めません" in done.stderr


def test_a_fiscal_year_cell_holding_a_date_before_taisho(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {"予算": [["年度", "事業名", "予算額"], [dt.datetime(1911, 1, 1), "広報", 100]]})
    for args in ([], ["--json"], ["--by", "vendor"]):
        done = run("budget", path, *args)
        no_traceback(done)
        assert done.returncode == 1
    done = run("check", path, "--today", TODAY, "--json")
    assert [(p["code"], p["location"]) for p in json.loads(done.stdout)["problems"]] == [("invalid-fiscal-year", "予算!A2")]
