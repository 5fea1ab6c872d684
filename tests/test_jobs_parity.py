"""One definition per job: the command line and the Excel buttons give the same result.

Each job runs twice on two copies of the same ledger: once through ``mihara-sheets … --json``
(click's runner, the real command) and once through the control workbook's 実行 button
(xlwings' remote engine, the ledger closed on disk). The files made (relative to the output
folder both find by the same rule), the ledger changes, the problems and the exit status
must be the same, and so must the ledgers afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets import macros, read_grids
from mihara_sheets.cli import main
from mihara_sheets.resources import sample_ledger_path, workbooks_dir

from .test_macros_support import TODAY, control_book

xw = pytest.importorskip("xlwings")
LEDGERS = {"sample": sample_ledger_path(), "broken": workbooks_dir() / "sample_ledger_broken.xlsx"}

# action on the 操作 sheet, its inputs there, the same job on the command line
JOBS = [
    (macros.CHECK, {}, ["check", "--today", TODAY.isoformat()]),
    (macros.NOTICES, {"meeting_id": "K18-2026-03"}, ["notices", "--meeting", "K18-2026-03", "--date", TODAY.isoformat()]),
    (macros.AGENDA, {"fiscal_year": 2026}, ["agenda", "--fy", "2026"]),
    (macros.BUDGET, {}, ["budget"]),
    (macros.TERMS, {}, ["terms", "--today", TODAY.isoformat()]),
    (macros.TERMS, {"within": 400}, ["terms", "--within", "400", "--today", TODAY.isoformat()]),
    (macros.INVENTORY, {}, ["inventory", "--today", TODAY.isoformat()]),
    (macros.INVENTORY, {"as_of": "令和8年10月1日"}, ["inventory", "--as-of", "2026-10-01", "--today", TODAY.isoformat()]),
    (macros.ATTENDANCE, {"meeting_id": "K18-2026-03"},
     ["attendance", "--meeting", "K18-2026-03", "--today", TODAY.isoformat()]),
    (macros.MEETING_AGENDA, {"meeting_id": "K18-2026-03"}, ["agenda", "--meeting", "K18-2026-03"]),
    (macros.MINUTES, {"meeting_id": "K18-2026-02"}, ["minutes", "--meeting", "K18-2026-02", "--today", TODAY.isoformat()]),
    (macros.LABELS, {"meeting_id": "K18-2026-03"}, ["labels", "--meeting", "K18-2026-03"]),
    (macros.HONORARIA, {"meeting_id": "K18-2026-02"}, ["honoraria", "--meeting", "K18-2026-02"]),
    # the 基準日 is the day the new terms start (the sample's replacement in K18)
    (macros.APPOINTMENTS, {"meeting_id": "K18", "today": dt.date(2027, 1, 1)},
     ["appointments", "--council", "K18", "--from", "2027-01-01"]),
]


# The 操作 inputs that only the new ▼ lists and the 開始位置 give (the CLI's options), and on
# the sample ledger a proof that the option reached the job (not only that both agree).
OPTION_JOBS = [
    (macros.NOTICES, {"meeting_id": "K18-2026-03", "notice_form": "窓あき封筒"},
     ["notices", "--meeting", "K18-2026-03", "--date", TODAY.isoformat(), "--window-envelope"],
     lambda report: "window-no-sender-address" in [p["code"] for p in report["problems"]]),
    (macros.NOTICES, {"meeting_id": "K18-2026-03", "notice_form": "メールの下書きも作る"},
     ["notices", "--meeting", "K18-2026-03", "--date", TODAY.isoformat(), "--email"],
     lambda report: sum(f.endswith(".eml") for f in report["files"]) == 6
     and any(f.endswith(".pdf") for f in report["files"])),
    (macros.NOTICES, {"meeting_id": "K18-2026-03", "notice_form": "窓あき封筒とメールの下書き"},
     ["notices", "--meeting", "K18-2026-03", "--date", TODAY.isoformat(), "--window-envelope", "--email"],
     lambda report: "window-no-sender-address" in [p["code"] for p in report["problems"]]
     and sum(f.endswith(".eml") for f in report["files"]) == 6),
    (macros.LABELS, {"meeting_id": "K18-2026-03", "label_sheet": "A4判24面（縦書き）", "label_start": "5枚目"},
     ["labels", "--meeting", "K18-2026-03", "--layout", "A4-24", "--vertical", "--start", "5"],
     lambda report: (report["layout"], report["vertical"], report["start"]) == ("A4-24", True, 5)),
    (macros.LABELS, {"meeting_id": "K18-2026-03", "label_sheet": "A4判12面", "label_start": 13},
     ["labels", "--meeting", "K18-2026-03", "--start", "13"],
     lambda report: report["exit_code"] == 2 and [p["code"] for p in report["problems"]] == ["invalid-request"]),
]


def comparable(report: dict, folder: Path) -> dict:
    """A result with the two runs' folders taken out."""
    def relative(path: str) -> str:
        return str(Path(path).relative_to(folder))

    return {
        "exit_code": report["exit_code"],
        "files": sorted(relative(p) for p in report["files"]),
        "changes": [(Path(c["file"]).name, c["sheet"], c["what"], c["done"]) for c in report["ledger_changes"]],
        "problems": [(p["code"], p["severity"], p["sheet"], p["cell"], p["row"], p["field"])
                     for p in report["problems"]],
    }


def grids(path: Path) -> dict:
    return {grid.sheet: grid.rows for grid in read_grids(path)}


@pytest.mark.parametrize("ledger_name", sorted(LEDGERS))
@pytest.mark.parametrize("action, inputs, command", JOBS,
                         ids=[job[0] + "".join(f"-{k}" for k in job[1]) for job in JOBS])
def test_the_cli_and_the_buttons_run_the_same_job(tmp_path, ledger_name, action, inputs, command):
    cli, button = run_both(tmp_path, ledger_name, action, inputs, command)
    if action in (macros.NOTICES, macros.AGENDA, macros.INVENTORY, macros.APPOINTMENTS) and ledger_name == "sample":
        assert cli["files"]
    if action in (macros.INVENTORY, macros.HONORARIA):  # the figures too, not only the files
        assert same_figures(cli, button)


@pytest.mark.parametrize("ledger_name", sorted(LEDGERS))
@pytest.mark.parametrize("action, inputs, command, proof", OPTION_JOBS,
                         ids=[job[0] + "".join(f"-{v}" for k, v in job[1].items() if k != "meeting_id")
                              for job in OPTION_JOBS])
def test_the_buttons_reach_the_options_of_the_cli(tmp_path, ledger_name, action, inputs, command, proof):
    cli, button = run_both(tmp_path, ledger_name, action, inputs, command)
    assert same_figures(cli, button)
    if ledger_name == "sample":
        assert proof(cli), cli


def same_figures(cli: dict, button: dict) -> bool:
    """The job's own figures (its data) are the same, files, lines and problems aside."""
    left = {k: v for k, v in cli.items() if k not in ("files", "lines", "problems")}
    right = {k: v for k, v in button.items() if k not in ("files", "lines", "problems")}
    right = json.loads(json.dumps(right, default=str))
    return _without_folders(left) == _without_folders(right)


def _without_folders(value):
    """A report with its absolute paths (the two runs' folders differ) reduced to names."""
    if isinstance(value, dict):
        return {k: _without_folders(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_folders(v) for v in value]
    if isinstance(value, str) and value.startswith("/"):
        return Path(value).name
    return value


def run_both(tmp_path: Path, ledger_name: str, action: str, inputs: dict, command: list[str]) -> tuple[dict, dict]:
    """The job through ``mihara-sheets … --json`` and through the 実行 button, on two copies of
    the ledger; asserts they agree (files, changes, problems, exit status, ledgers after)."""
    by_cli, by_button = tmp_path / "cli", tmp_path / "button"
    for folder in (by_cli, by_button):
        folder.mkdir()
        shutil.copyfile(LEDGERS[ledger_name], folder / "台帳.xlsx")

    done = CliRunner().invoke(main, [*command, str(by_cli / "台帳.xlsx"), "--json"], catch_exceptions=False)
    cli = json.loads(done.stdout)
    assert done.exit_code == cli["exit_code"]

    book = control_book(action, paths=[by_button / "台帳.xlsx"], **{"today": TODAY, **inputs})
    try:
        book.set_mock_caller()
        outcome = macros.run_from_sheet(book)
    finally:
        book.close()
    assert outcome.result is not None, outcome.message
    button = outcome.result.to_dict()

    assert comparable(cli, by_cli) == comparable(button, by_button)
    assert grids(by_cli / "台帳.xlsx") == grids(by_button / "台帳.xlsx")
    # Both put what they make in 出力 beside the ledger (the sample's 設定 names no folder).
    assert all(Path(p).is_relative_to(by_cli / "出力") for p in cli["files"])
    return cli, button


def test_a_refused_write_back_is_not_reported_as_recorded_by_either(tmp_path):
    """A ledger open in Excel (its lock file beside it): the notices are made, nothing is
    recorded, and both front ends say so with exit status 1."""
    reports = {}
    for name in ("cli", "button"):
        folder = tmp_path / name
        folder.mkdir()
        ledger = folder / "台帳.xlsx"
        shutil.copyfile(sample_ledger_path(), ledger)
        (folder / ".~lock.台帳.xlsx#").write_text(",kakari,PC-07,02.12.2026 09:00,file:///C:/;", encoding="utf-8")
        before = ledger.read_bytes()
        if name == "cli":
            done = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "K18-2026-03", "--json"])
            reports[name] = json.loads(done.stdout)
            assert done.exit_code == 1
        else:
            book = control_book(macros.NOTICES, paths=[ledger], meeting_id="K18-2026-03", today=TODAY)
            try:
                book.set_mock_caller()
                outcome = macros.run_from_sheet(book)
            finally:
                book.close()
            assert not outcome.ok and "記録できませんでした" in outcome.message
            assert "記録しました" not in outcome.message
            reports[name] = outcome.result.to_dict()
        assert ledger.read_bytes() == before
        [change] = reports[name]["ledger_changes"]
        assert change["done"] is False
        assert "writeback-refused" in [p["code"] for p in reports[name]["problems"]]
        assert reports[name]["files"]  # the documents were made all the same
