"""A ledger open in Excel is read through xlwings by the same code as a file on disk.

The book is xlwings' own remote-engine book, made from the payload Excel's VBA client
sends (values from A1, empty cells "", dates as ISO strings with Z): the engine that runs
on Linux. Its values are those of the sample ledger read from disk, plus an unsaved edit.
"""

from __future__ import annotations

import pytest

from mihara_sheets import load_ledger, load_ledger_from_book, read_grids
from mihara_sheets.resources import sample_ledger_path

from .test_macros_support import TODAY, ledger_sheets, make_book

pytest.importorskip("xlwings")


def remote_book(path, edits=None):
    return make_book(path.name, ledger_sheets(path, edits))


def test_live_book_reads_like_the_file():
    path = sample_ledger_path()
    on_disk = load_ledger(path, today=TODAY)
    live = load_ledger_from_book(remote_book(path), today=TODAY)
    assert [c.council_id for c in live.councils] == [c.council_id for c in on_disk.councils]
    assert [(m.council_id, m.name, m.term_start, m.term_end) for m in live.members] == [
        (m.council_id, m.name, m.term_start, m.term_end) for m in on_disk.members
    ]
    assert [(m.meeting_id, m.date, m.start, m.end) for m in live.meetings] == [
        (m.meeting_id, m.date, m.start, m.end) for m in on_disk.meetings
    ]
    assert [(b.project, b.budget) for b in live.budget_lines] == [
        (b.project, b.budget) for b in on_disk.budget_lines
    ]
    assert live.errors == []
    assert live.sources == ["sample_ledger.xlsx"]


def test_unsaved_edit_in_the_live_book_is_what_is_read():
    path = sample_ledger_path()
    grids = {g.sheet: g for g in read_grids(path)}
    meetings = load_ledger(path, today=TODAY).meetings
    first = meetings[0]
    row = first.origin.row - 1
    col = first.origin.layout.columns["date"]
    assert grids["会議"].rows[row][col] != ""
    live = load_ledger_from_book(remote_book(path, {("会議", first.origin.cell("date")): "令和8年2月30日"}), today=TODAY)
    problem = next(p for p in live.errors if p.code == "nonexistent-date")
    assert problem.location == f"会議!{first.origin.cell('date')}"
    assert problem.file == "sample_ledger.xlsx"
