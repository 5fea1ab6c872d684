"""``budget --write-ledger`` against a ledger saved by staff between the tally and the write.

The 予算集計 sheet replaces the previous one only while the 予算 rows on the file being
saved are the rows tallied. The edits are real saves (openpyxl here, as a fixture, playing
the staff member's Excel).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import python_calamine
import pytest
from click.testing import CliRunner

from mihara_sheets.cli import main
from mihara_sheets.jobs.budget import BudgetRequest, run_budget
from mihara_sheets.jobs.source import FileLedger

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sheet_names(path: Path) -> list[str]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.sheet_names
    finally:
        book.close()


@pytest.fixture
def ledger(tmp_path):
    target = tmp_path / "台帳.xlsx"
    shutil.copyfile(FIXTURES / "budget_multi_year.xlsx", target)
    return target


def insert_row_above_lines(path: Path) -> None:
    """A note row inserted under the title, above the header and every budget line."""
    wb = openpyxl.load_workbook(path)
    ws = wb["予算"]
    ws.insert_rows(2)
    ws["A2"] = "※ 令和7年度は当初予算"
    wb.save(path)


def change_amount(path: Path) -> None:
    """The 令和7年度 予算額 corrected from 2,000,000 to 2,200,000 (and its 小計 and 合計)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["予算"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value == "令和7年度":
            row[6].value = 2_200_000
    ws["G17"] = 2_200_000
    ws["G18"] = 11_854_000
    wb.save(path)


class SavedBetween:
    """The real FileLedger, with the file saved again by "staff" right after the read."""

    def __init__(self, path: Path, edit):
        self.inner = FileLedger([path])
        self.path = path
        self.edit = edit
        self.after_edit: str | None = None

    @property
    def folder(self) -> Path:
        return self.inner.folder

    def load(self, today=None):
        ledger = self.inner.load(today)
        self.edit(self.path)
        self.after_edit = digest(self.path)
        return ledger

    def update_rows(self, updates):
        return self.inner.update_rows(updates)


def test_an_inserted_row_leaves_the_tally_valid_and_it_is_written(ledger):
    result = run_budget(SavedBetween(ledger, insert_row_above_lines), BudgetRequest(write_ledger=True))
    assert result.exit_code == 0, [p.message for p in result.problems]
    assert result.recorded and sheet_names(ledger)[-1] == "予算集計"
    book = python_calamine.CalamineWorkbook.from_path(str(ledger))
    assert book.get_sheet_by_name("予算").to_python()[1][0] == "※ 令和7年度は当初予算"  # staff's row kept


def test_a_changed_amount_refuses_the_write(ledger):
    source = SavedBetween(ledger, change_amount)
    result = run_budget(source, BudgetRequest(write_ledger=True))
    assert result.exit_code == 1
    problem = next(p for p in result.problems if p.code == "budget-changed")
    assert problem.sheet == "予算"
    assert "予算!G16の予算額が「2,000,000円」から「2,200,000円」に変わりました" in problem.message
    assert "「予算集計」シートは書き込んでいません" in problem.message
    assert digest(ledger) == source.after_edit and "予算集計" not in sheet_names(ledger)
    assert not result.changes[0].done


def test_a_removed_line_refuses_the_write(ledger):
    def remove_line(path):
        wb = openpyxl.load_workbook(path)
        wb["予算"].delete_rows(17)  # the 令和7年度 line (its 小計 stays)
        wb.save(path)

    source = SavedBetween(ledger, remove_line)
    result = run_budget(source, BudgetRequest(write_ledger=True))
    assert result.exit_code == 1 and "budget-changed" in [p.code for p in result.problems]
    assert digest(ledger) == source.after_edit


def test_unchanged_rows_are_written_as_before(ledger):
    result = run_budget(FileLedger([ledger]), BudgetRequest(write_ledger=True))
    assert result.exit_code == 0 and result.recorded


def test_cli_write_ledger_refuses_a_changed_budget_with_exit_1(ledger, monkeypatch):
    from mihara_sheets.jobs import source as job_source

    real_load = job_source.FileLedger.load

    def load(self, today=None):
        data = real_load(self, today)
        change_amount(Path(self.paths[0]))
        return data

    monkeypatch.setattr(job_source.FileLedger, "load", load)
    result = CliRunner().invoke(main, ["budget", str(ledger), "--write-ledger"], terminal_width=140)
    assert result.exit_code == 1, result.output
    assert "集計した後に変わりました" in result.output and "予算!G16" in result.output
    assert "予算集計" not in sheet_names(ledger)


def test_read_only_ledger_is_refused_by_write_ledger(ledger):
    ledger.chmod(0o444)
    before = digest(ledger)
    result = CliRunner().invoke(main, ["budget", str(ledger), "--write-ledger"], terminal_width=140)
    assert result.exit_code == 1, result.output
    assert "file-read-only" in result.output or "読み取り専用" in result.output
    assert digest(ledger) == before and oct(ledger.stat().st_mode & 0o777) == "0o444"
    assert not (ledger.parent / "バックアップ").exists()
