"""Write-back by key (issue 12): the ledger is saved by staff between the read and the write.

Each race test reads the ledger through a real :class:`FileLedger`, then — before the job
writes back — the file is saved again as staff would in Excel (here rebuilt with
XlsxWriter: a row inserted above the meeting, a status changed, the row deleted or
duplicated). The write-back must land on the row that holds the key at write time, or be
refused with its code, the ledger untouched and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import python_calamine
import pytest
import xlsxwriter
from click.testing import CliRunner

from mihara_sheets import load_ledger
from mihara_sheets.cli import main
from mihara_sheets.documents.writeback import record_notice
from mihara_sheets.jobs import source as job_source
from mihara_sheets.jobs.notices import NoticeRequest, run_notices
from mihara_sheets.jobs.source import FileLedger
from mihara_sheets.jobs.writeback import apply_row_updates
from mihara_sheets.ledger.writeback import RowUpdate, same_value

ISSUE = dt.date(2026, 11, 20)
HEADER = ["会議ID", "会議体ID", "回", "開催日", "状態", "文書番号", "通知日"]
HELD = ["M-KOR-1", "KOR", 1, dt.date(2026, 6, 10), "開催済", "三保福第560号", dt.date(2026, 5, 20)]
PLANNED = ["M-KOR-2", "KOR", 2, dt.date(2026, 12, 15), "予定", None, None]
OTHER = ["M-KOR-9", "KOR", 9, dt.date(2027, 3, 1), "予定", None, None]


def build(path: Path, meetings: list[list]) -> Path:
    """A small ledger (会議体, 名簿, 会議) as Excel would save it, with ``meetings`` from row 2."""
    wb = xlsxwriter.Workbook(str(path))
    date = wb.add_format({"num_format": "yyyy/m/d"})
    ws = wb.add_worksheet("会議体")
    ws.write_row(0, 0, ["会議体ID", "会議体名", "区分"])
    ws.write_row(1, 0, ["KOR", "高齢者支援部会", "部会"])
    ws = wb.add_worksheet("名簿")
    ws.write_row(0, 0, ["会議体ID", "氏名", "住所", "任期開始", "任期終了"])
    ws.write_row(1, 0, ["KOR", "広島 花子", "三原市港町1-1"])
    ws.write_datetime(1, 3, dt.datetime(2025, 4, 1), date)
    ws.write_datetime(1, 4, dt.datetime(2027, 3, 31), date)
    ws = wb.add_worksheet("会議")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(meetings, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            elif value is not None:
                ws.write(r, c, value)
    wb.close()
    return path


def meeting_rows(path: Path) -> list[list]:
    """The 会議 sheet's rows as python-calamine reads them (for what staff would see)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name("会議").to_python()
    finally:
        book.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SavedBetween:
    """A ledger source whose file is saved again by "staff" right after it has been read.

    The load is the real :class:`FileLedger` load; the edit is a real new file on disk,
    exactly what a save in Excel between the read and the write-back does.
    """

    def __init__(self, path: Path, meetings_after: list[list]):
        self.inner = FileLedger([path])
        self.path = path
        self.meetings_after = meetings_after
        self.after_edit: str | None = None

    @property
    def folder(self) -> Path:
        return self.inner.folder

    def load(self, today=None):
        ledger = self.inner.load(today)
        build(self.path, self.meetings_after)
        self.after_edit = digest(self.path)
        return ledger

    def update_rows(self, updates):
        return self.inner.update_rows(updates)


def notify(source, tmp_path):
    return run_notices(source, NoticeRequest(["M-KOR-2"], out=tmp_path / "out", issue_date=ISSUE))


@pytest.fixture
def ledger(tmp_path):
    return build(tmp_path / "台帳.xlsx", [HELD, PLANNED])


# -- the job layer ---------------------------------------------------------------------
def test_a_row_inserted_above_the_meeting_moves_the_write_with_it(ledger, tmp_path):
    source = SavedBetween(ledger, [HELD, OTHER, PLANNED])  # M-KOR-2 moves from row 3 to row 4
    result = notify(source, tmp_path)
    assert result.exit_code == 0, [p.message for p in result.problems]
    rows = meeting_rows(ledger)
    assert rows[1][:6] == ["M-KOR-1", "KOR", 1.0, dt.date(2026, 6, 10), "開催済", "三保福第560号"]  # untouched
    assert rows[2][0] == "M-KOR-9" and rows[2][4] == "予定" and rows[2][5] == ""  # the row now at row 3
    assert rows[3][0] == "M-KOR-2" and rows[3][4] == "通知済" and rows[3][5].endswith("号")
    assert rows[3][6] == ISSUE
    assert result.changes[0].done and "会議!4行" in result.changes[0].what


def test_a_status_changed_after_the_read_is_not_overwritten(ledger, tmp_path):
    changed = list(PLANNED)
    changed[4] = "開催済"
    source = SavedBetween(ledger, [HELD, changed])
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    problem = next(p for p in result.problems if p.code == "writeback-row-changed")
    assert problem.sheet == "会議" and problem.cell == "E3"
    assert "会議!E3の状態" in problem.message and "「予定」から「開催済」に" in problem.message
    assert "M-KOR-2" in problem.message and "台帳は変更していません" in problem.message
    assert digest(ledger) == source.after_edit  # the staff's save stands, byte for byte
    assert not result.changes[0].done
    assert result.files  # the notices themselves were made


def test_a_meeting_date_changed_after_the_read_refuses_the_record(ledger, tmp_path):
    moved = list(PLANNED)
    moved[3] = dt.date(2026, 12, 22)  # the notice printed the 15th
    source = SavedBetween(ledger, [HELD, moved])
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    problem = next(p for p in result.problems if p.code == "writeback-row-changed")
    assert problem.cell == "D3" and "開催日" in problem.message
    assert digest(ledger) == source.after_edit


def test_inserted_row_and_changed_value_together_are_refused_at_the_new_row(ledger, tmp_path):
    changed = list(PLANNED)
    changed[5] = "三保福第700号"  # someone numbered it by hand meanwhile
    source = SavedBetween(ledger, [HELD, OTHER, changed])
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    problem = next(p for p in result.problems if p.code == "writeback-row-changed")
    assert problem.cell == "F4" and "空欄から「三保福第700号」に" in problem.message
    assert digest(ledger) == source.after_edit


def test_a_deleted_meeting_row_is_reported_missing(ledger, tmp_path):
    source = SavedBetween(ledger, [HELD])
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    assert [p.code for p in result.problems if p.is_error] == ["writeback-row-missing"]
    assert digest(ledger) == source.after_edit


def test_a_duplicated_key_is_refused(ledger, tmp_path):
    source = SavedBetween(ledger, [HELD, PLANNED, PLANNED])
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    problem = next(p for p in result.problems if p.code == "writeback-key-duplicate")
    assert "3・4行目" in problem.message
    assert digest(ledger) == source.after_edit


def test_a_renamed_key_column_is_refused(ledger, tmp_path):
    source = SavedBetween(ledger, [HELD, PLANNED])
    result = None

    def load(today=None):
        data = FileLedger([ledger]).load(today)
        wb = xlsxwriter.Workbook(str(ledger))
        ws = wb.add_worksheet("会議体")
        ws.write_row(0, 0, ["会議体ID", "会議体名"])
        ws.write_row(1, 0, ["KOR", "高齢者支援部会"])
        ws = wb.add_worksheet("会議")
        ws.write_row(0, 0, ["番号", "会議体ID", "回", "開催日", "状態", "文書番号", "通知日"])
        ws.write_row(1, 0, ["M-KOR-2", "KOR", 2, "2026/12/15", "予定"])
        wb.close()
        source.after_edit = digest(ledger)
        return data

    source.load = load
    result = notify(source, tmp_path)
    assert result.exit_code == 1
    assert "writeback-key-column-missing" in [p.code for p in result.problems]
    assert digest(ledger) == source.after_edit


def test_without_an_edit_the_meeting_is_recorded_as_before(ledger, tmp_path):
    result = notify(FileLedger([ledger]), tmp_path)
    assert result.exit_code == 0 and result.recorded
    meeting = load_ledger(ledger).meeting("M-KOR-2")
    assert (meeting.status, meeting.notice_date) == ("通知済", ISSUE) and meeting.notice_no


# -- the command line ------------------------------------------------------------------
@pytest.fixture
def saved_between(monkeypatch):
    """Every FileLedger the command makes is saved again by "staff" right after its read."""
    edits: dict[str, list[list]] = {}
    real_load = job_source.FileLedger.load

    def load(self, today=None):
        ledger = real_load(self, today)
        for path in self.paths:
            if path in edits:
                build(Path(path), edits[path])
        return ledger

    monkeypatch.setattr(job_source.FileLedger, "load", load)
    return edits


def test_cli_notices_follow_the_inserted_row(ledger, tmp_path, saved_between):
    saved_between[str(ledger)] = [HELD, OTHER, PLANNED]
    result = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "M-KOR-2", "--out",
                                       str(tmp_path / "out"), "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    rows = meeting_rows(ledger)
    assert rows[1][4:6] == ["開催済", "三保福第560号"] and rows[2][4] == "予定"
    assert rows[3][0] == "M-KOR-2" and rows[3][4] == "通知済"


def test_cli_notices_refuse_a_changed_row_with_exit_1(ledger, tmp_path, saved_between):
    changed = list(PLANNED)
    changed[4] = "中止"
    saved_between[str(ledger)] = [HELD, OTHER, changed]
    result = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "M-KOR-2", "--out",
                                       str(tmp_path / "out"), "--date", "2026-11-20", "--json"])
    assert result.exit_code == 1, result.output
    assert "writeback-row-changed" in result.output and "会議!E4" in result.output
    rows = meeting_rows(ledger)
    assert rows[3][4] == "中止" and rows[3][5] == ""


# -- documents/writeback goes through the same code ---------------------------------------
def test_record_notice_writes_by_key_and_checks_the_values_read(ledger):
    meeting = load_ledger(ledger).meeting("M-KOR-2")
    build(ledger, [OTHER, HELD, PLANNED])  # rows moved after the read
    assert record_notice(meeting, "第9号", ISSUE) == []
    rows = meeting_rows(ledger)
    assert rows[3][0] == "M-KOR-2" and rows[3][4:7] == ["通知済", "第9号", ISSUE]
    assert rows[1][0] == "M-KOR-9" and rows[1][4] == "予定"

    again = load_ledger(ledger).meeting("M-KOR-2")
    build(ledger, [HELD, [*PLANNED[:4], "通知済", "第10号", ISSUE]])  # renumbered by hand
    before = digest(ledger)
    problems = record_notice(again, "第11号", ISSUE)
    assert [p.code for p in problems] == ["writeback-row-changed"]
    assert "「第9号」から「第10号」に" in problems[0].message
    assert digest(ledger) == before


# -- the API itself ------------------------------------------------------------------
def test_apply_row_updates_writes_several_rows_in_one_save_or_none(ledger, tmp_path):
    build(ledger, [HELD, PLANNED, OTHER])
    ok = [RowUpdate("会議", "meeting_id", "M-KOR-2", {"status": "予定"}, {"status": "通知済"}),
          RowUpdate("会議", "meeting_id", "M-KOR-9", {"status": "予定"}, {"status": "中止"})]
    result = apply_row_updates(ledger, ok, backups=0)
    assert result.written and [p.row for p in result.plans] == [3, 4]
    assert [r[4] for r in meeting_rows(ledger)[1:]] == ["開催済", "通知済", "中止"]

    before = digest(ledger)
    mixed = [RowUpdate("会議", "meeting_id", "M-KOR-1", {"status": "開催済"}, {"status": "中止"}),
             RowUpdate("会議", "meeting_id", "M-KOR-9", {"status": "予定"}, {"status": "延期"})]
    result = apply_row_updates(ledger, mixed, backups=0)
    assert not result.written and not result.plans
    assert [p.code for p in result.problems] == ["writeback-row-changed"]
    assert "「予定」から「中止」に" in result.problems[0].message
    assert digest(ledger) == before


def test_personal_values_are_not_quoted_when_they_changed(tmp_path):
    path = build(tmp_path / "台帳.xlsx", [HELD, PLANNED])
    update = RowUpdate("会議", "meeting_id", "M-KOR-2", {"venue": "三原市港町1-1 山田方"}, {"status": "通知済"})
    result = apply_row_updates(path, [update], backups=0)
    assert result.problems and "山田方" in result.problems[0].message  # venue is not personal
    update = RowUpdate("会議", "meeting_id", "M-KOR-2", {"address": "三原市港町1-1"}, {"status": "通知済"})
    result = apply_row_updates(path, [update], backups=0)
    assert result.problems and "港町" not in result.problems[0].message


@pytest.mark.parametrize("a, b", [
    (None, ""), ("  予定 ", "予定"), ("Ｍ－１", "M-1"), (dt.date(2026, 1, 2), dt.datetime(2026, 1, 2)),
    (5, 5.0), (3_454_000, 3454000.0), ([], None),
])
def test_same_value_compares_as_staff_would(a, b):
    assert same_value(a, b)


@pytest.mark.parametrize("a, b", [
    (None, "予定"), ("予定", "通知済"), (dt.date(2026, 1, 2), dt.date(2026, 1, 3)), (5, 6),
    (dt.datetime(2026, 1, 2, 13, 30), dt.date(2026, 1, 2)),
])
def test_same_value_tells_real_changes(a, b):
    assert not same_value(a, b)


# -- a ledger open in Excel (xlwings remote-engine books) ------------------------------
class LiveSavedBetween:
    """The buttons' LiveLedger, whose open book is edited in Excel after the read: the
    write-back then sees the book as it is now (``after``), as it would in Excel."""

    def __init__(self, before, after):
        from mihara_sheets.macros.live import LiveLedger
        from mihara_sheets.macros.request import Request

        self.inner = LiveLedger(before, Request())
        self.after = after

    @property
    def folder(self):
        return self.inner.folder

    def load(self, today=None):
        ledger = self.inner.load(today)
        self.inner.live = {self.after.name: self.after}  # the same book, edited since
        return ledger

    def update_rows(self, updates):
        return self.inner.update_rows(updates)


_OPEN_BOOKS: list = []


@pytest.fixture(autouse=True)
def _close_live_books():
    """Close the remote-engine books a test opened: an open 台帳.xlsx would stand in for the
    file of that name in later tests (engines without a folder match open books by name)."""
    yield
    while _OPEN_BOOKS:
        _OPEN_BOOKS.pop().close()


def _live_book(tmp_path, meetings):
    from tests.test_macros_support import ledger_sheets, make_book

    book = make_book("台帳.xlsx", ledger_sheets(build(tmp_path / f"live{len(meetings)}.xlsx", meetings)))
    _OPEN_BOOKS.append(book)
    return book


def test_live_book_follows_the_inserted_row(tmp_path):
    pytest.importorskip("xlwings")
    from tests.test_macros_support import written

    before, after = _live_book(tmp_path, [HELD, PLANNED]), _live_book(tmp_path, [HELD, OTHER, PLANNED])
    result = notify(LiveSavedBetween(before, after), tmp_path)
    assert result.exit_code == 0, [p.message for p in result.problems]
    cells = written(after, "会議")
    assert cells["E4"] == "通知済" and "E3" not in cells and "F3" not in cells
    assert "会議!4行" in result.changes[0].what and "保存はしていません" in result.changes[0].what


def test_live_book_refuses_a_changed_status(tmp_path):
    pytest.importorskip("xlwings")
    from tests.test_macros_support import written

    changed = list(PLANNED)
    changed[4] = "延期"
    before, after = _live_book(tmp_path, [HELD, PLANNED]), _live_book(tmp_path, [HELD, changed])
    result = notify(LiveSavedBetween(before, after), tmp_path)
    assert result.exit_code == 1
    assert "writeback-row-changed" in [p.code for p in result.problems]
    assert written(after, "会議") == {} and not result.changes[0].done
