"""The control workbook's 実行 button: ``main()`` with the 操作 sheet's inputs.

The control book and, where a test says so, the ledger are remote-engine books in the same
xlwings app: the ledger "open in the same Excel". Ledgers named by a path that is not open
are read from disk and written through the part-level writer.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest

from mihara_sheets import load_ledger, macros
from mihara_sheets.resources import sample_ledger_path, workbooks_dir

from .test_macros_support import (
    TODAY, actions, alerts, control_book, ledger_sheets, make_book, table, written,
)

xw = pytest.importorskip("xlwings")
BROKEN = workbooks_dir() / "sample_ledger_broken.xlsx"


@pytest.fixture
def books():
    made = []
    yield made
    for book in made:
        book.close()


def control(books, action, **inputs):
    book = control_book(action, **inputs)
    books.append(book)
    book.set_mock_caller()
    return book


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log_lines(book):
    cells = written(book, macros.CONTROL_SHEET)
    rows = sorted({int(c[1:]) for c in cells if c[0] == "B" and int(c[1:]) >= macros.LOG_FIRST_ROW})
    return [[cells.get(f"{col}{r}") for col in "BCDE"] for r in rows]


def test_check_of_a_ledger_on_disk_goes_to_the_control_book(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(BROKEN, ledger)
    book = control(books, macros.CHECK, paths=[ledger])
    macros.main()
    rows = table(book, macros.CHECK_SHEET)[1:]
    assert ["会議体", "G19", "nonexistent-date"] in [r[2:5] for r in rows]
    assert {r[6] for r in rows} == {str(ledger.name)}
    [alert] = alerts(book)
    assert "エラー 6件" in alert
    [line] = log_lines(book)
    assert line[1:3] == [macros.CHECK, "要確認"] and line[3].startswith("エラー 6件")


def test_the_log_goes_below_earlier_lines(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    earlier = [("2026/11/27 10:00", macros.CHECK, "完了", "エラー 0件、警告 4件")] * 2
    book = control(books, macros.TERMS, paths=[ledger], log=earlier)
    macros.main()
    cells = written(book, macros.CONTROL_SHEET)
    row = macros.LOG_FIRST_ROW + 2
    assert cells[f"C{row}"] == macros.TERMS and cells[f"D{row}"] == "完了"


def test_notices_for_a_closed_ledger_are_recorded_in_its_file(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.NOTICES, paths=[ledger], meeting_id="K18-2026-03", out_dir=str(tmp_path / "出力"))
    macros.main()
    meeting = load_ledger(ledger, today=TODAY).meeting("K18-2026-03")
    assert meeting.status == "通知済" and meeting.notice_date == TODAY and meeting.notice_no
    assert (tmp_path / "出力" / "開催通知_K18-2026-03" / "一括印刷用_K18-2026-03.docx").is_file()
    assert "会議" not in [s.name for s in book.sheets]
    assert meeting.notice_no in alerts(book)[0] and "台帳.xlsx" in alerts(book)[0]


def test_notices_for_a_ledger_open_in_the_same_excel_go_into_that_book(books, tmp_path):
    path = tmp_path / "開いている台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    before = digest(path)
    live = make_book(path.name, ledger_sheets(path))  # opened in Excel, not the caller
    books.append(live)
    book = control(books, macros.NOTICES, paths=[path], meeting_id="K18-2026-03", out_dir=str(tmp_path / "出力"))
    macros.main()
    origin = load_ledger(path, today=TODAY).meeting("K18-2026-03").origin
    cells = written(live, "会議")
    assert cells[origin.cell("status")] == "通知済"
    assert digest(path) == before  # never the file under an open workbook
    assert "保存はしていません" in alerts(book)[0]


def test_a_ledger_open_in_the_same_excel_is_read_with_its_unsaved_edits(books, tmp_path):
    path = tmp_path / "開いている台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    live = make_book(path.name, ledger_sheets(path, {("会議", "B13"): "K99"}))
    books.append(live)
    book = control(books, macros.CHECK, paths=[path])
    macros.main()
    rows = table(book, macros.CHECK_SHEET)[1:]
    assert ["会議", "B13", "unknown-council"] in [r[2:5] for r in rows]


def test_agenda_and_tally_from_the_control_sheet(books, tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    book = control(books, macros.AGENDA, paths=[ledger], fiscal_year="令和8年度")
    macros.main()
    assert (tmp_path / "出力" / "全体会議次第_令和8年度.docx").is_file()  # 出力 beside the ledger
    book = control(books, macros.BUDGET, paths=[ledger], fiscal_year=2025.0)
    macros.main()
    rows = table(book, "予算集計")
    assert [r[0] for r in rows[1:3]] == ["令和7年度", "合計"]
    assert "令和7年度" in alerts(book)[0]


@pytest.mark.parametrize(("inputs", "words"), [
    ({"fiscal_year": "来年度"}, "年度「来年度」を読めません"),
    ({"within": "3か月"}, "任期確認の日数「3か月」を読めません"),
    ({"as_of": "4月31日"}, "棚卸の基準日「4月31日」を読めません"),
    ({"today": None, "meeting_id": "", "paths": [], "fiscal_year": ""}, "台帳のシート"),
])
def test_inputs_that_cannot_be_used_are_an_alert(books, inputs, words):
    book = control(books, macros.AGENDA, **inputs)
    outcome = macros.main()
    assert outcome is None
    [alert] = alerts(book)
    assert words in alert
    assert actions(book, "alert")[0]["args"][3] == "critical"


def test_a_typo_in_the_date_is_an_alert(books):
    book = control(books, macros.TERMS, today="11月31日", paths=[sample_ledger_path()])
    macros.main()
    assert "基準日「11月31日」を読めません" in alerts(book)[0]
    assert actions(book, "addSheet") == []


def test_blank_action_asks_to_choose_one(books):
    book = control(books, "")
    macros.main()
    assert "処理「（空欄）」はありません" in alerts(book)[0]


def test_read_request_of_the_control_sheet(books, tmp_path):
    book = control(books, macros.NOTICES, paths=["a.xlsx", "b.csv"], meeting_id="K18-2026-03",
                   fiscal_year="R8", out_dir="出力", pdf="はい")
    request = macros.read_request(book)
    assert request == macros.Request(action=macros.NOTICES, paths=["a.xlsx", "b.csv"],
                                     meeting_id="K18-2026-03", fiscal_year=2026, out_dir="出力",
                                     today=TODAY, pdf=True)
