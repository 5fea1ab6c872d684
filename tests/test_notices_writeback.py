"""Recording a sent notice in the ledger: through the writer only, and its refusals."""

from __future__ import annotations

import datetime as dt

import xlsxwriter
from click.testing import CliRunner

from mihara_sheets import load_ledger
from mihara_sheets.cli import main
from mihara_sheets.documents import make_notices
from mihara_sheets.documents.writeback import record_notice
from mihara_sheets.ledger.records import Meeting, Origin, SheetLayout
from tests.test_documents_sample import write_network_workbook

ISSUE = dt.date(2026, 11, 20)


def small_workbook(path, header, date="2026/12/15"):
    """A ledger whose 会議 sheet has only the columns in ``header``."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("会議体")
    ws.write_row(0, 0, ["会議体ID", "会議体名", "区分"])
    ws.write_row(1, 0, ["KOR", "高齢者支援部会", "部会"])
    ws = wb.add_worksheet("名簿")
    ws.write_row(0, 0, ["会議体ID", "氏名", "住所"])
    ws.write_row(1, 0, ["KOR", "広島 花子", "三原市港町1-1"])
    ws = wb.add_worksheet("会議")
    ws.write_row(0, 0, header)
    values = {"会議ID": "M1", "会議体ID": "KOR", "回": 2, "開催日": date, "状態": "予定"}
    ws.write_row(1, 0, [values.get(h, "") for h in header])
    wb.close()
    return path


def test_missing_columns_are_reported_and_the_others_written(tmp_path):
    path = small_workbook(tmp_path / "台帳.xlsx", ["会議ID", "会議体ID", "回", "開催日", "状態"])
    result = make_notices(load_ledger(path), "M1", tmp_path / "out", issue_date=ISSUE)
    codes = [p.code for p in result.problems]
    assert "writeback-missing-column" in codes and result.ok
    missing = next(p for p in result.problems if p.code == "writeback-missing-column")
    assert "通知日" in missing.message and "文書番号" in missing.message
    assert load_ledger(path).meeting("M1").status == "通知済"


def test_held_meeting_keeps_its_status(tmp_path):
    path = small_workbook(tmp_path / "台帳.xlsx", ["会議ID", "会議体ID", "回", "開催日", "状態", "文書番号", "通知日"])
    ledger = load_ledger(path)
    meeting = ledger.meeting("M1")
    meeting.status = "開催済"
    assert record_notice(meeting, "第9号", ISSUE) == []
    reread = load_ledger(path).meeting("M1")
    assert (reread.status, reread.notice_no, reread.notice_date) == ("予定", "第9号", ISSUE)


def test_csv_ledger_is_not_written(tmp_path):
    layout = SheetLayout(file=str(tmp_path / "会議.csv"), sheet="会議", header_row=1, columns={"notice_no": 3})
    meeting = Meeting("M1", "KOR", origin=Origin(layout, 2))
    problems = record_notice(meeting, "第1号", ISSUE)
    assert [p.code for p in problems] == ["writeback-not-excel"]
    assert not (tmp_path / "会議.csv").exists()


def test_ledger_open_elsewhere_is_an_error_and_notices_are_still_made(tmp_path):
    path = write_network_workbook(tmp_path / "台帳.xlsx")
    before = path.read_bytes()
    (tmp_path / ".~lock.台帳.xlsx#").write_text("花子,pc01,hanako,28.11.2026 09:00,file:///x;\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["notices", str(path), "--meeting", "M-KOR-2", "--out", str(tmp_path / "out"),
                                       "--date", "2026-11-20"])
    assert result.exit_code == 1, result.output
    assert "writeback-refused" in result.output
    assert len(list((tmp_path / "out" / "開催通知_M-KOR-2" / "個別").iterdir())) == 2
    assert path.read_bytes() == before


def test_meeting_row_with_an_unreadable_date_stops_with_exit_1(tmp_path):
    path = small_workbook(tmp_path / "台帳.xlsx", ["会議ID", "会議体ID", "回", "開催日", "状態"], date="令和8年2月30日")
    result = CliRunner().invoke(main, ["notices", str(path), "--meeting", "M1", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert "nonexistent-date" in result.output and "開催通知を作りませんでした" in result.output
    assert not (tmp_path / "o").exists()
