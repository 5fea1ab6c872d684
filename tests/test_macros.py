"""Every action through xlwings' real code paths, on the sample ledger open in "Excel".

The book is xlwings' remote-engine book made from the payload Excel's VBA client sends;
``set_mock_caller()`` makes ``xw.Book.caller()`` return it, so the RunPython entry points run
unchanged; ``book.json()`` is what Excel would be told to do (values, sheets, alert).
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from mihara_sheets import load_ledger, macros
from mihara_sheets.resources import sample_ledger_path, workbooks_dir
from mihara_sheets.jobs.terms import MORE_TERM_CODES

from .test_macros_support import TODAY, actions, alerts, ledger_sheets, make_book, table, written

xw = pytest.importorskip("xlwings")
BROKEN = workbooks_dir() / "sample_ledger_broken.xlsx"


@pytest.fixture
def open_book():
    """Open a remote-engine book as Excel's client would send it; closed after the test."""
    made = []

    def open_(name, sheets, caller=True):
        book = make_book(name, sheets)
        made.append(book)
        if caller:
            book.set_mock_caller()
        return book

    yield open_
    for book in made:
        book.close()


@pytest.fixture
def sample(open_book):
    return open_book("sample_ledger.xlsx", ledger_sheets(sample_ledger_path()))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def alert_actions(book):
    return actions(book, "alert")


# -- 台帳チェック ---------------------------------------------------------------------------

def test_check_on_the_sample_lists_its_intended_warnings(sample):
    outcome = macros.check_ledger(today=TODAY)
    assert outcome.ok
    assert ["addSheet"] == [a["func"] for a in actions(sample)][:1]
    assert actions(sample, "addSheet")[0]["args"][1] == macros.CHECK_SHEET
    rows = table(sample, macros.CHECK_SHEET)
    assert rows[0] == macros.PROBLEM_HEADER
    # The sample's intended warnings (workbooks/README.md): terms, seats, the planted
    # scheduling and terms mistakes, and (branch sample-closed) the one held 非公開 meeting
    # planted without its 非公開理由: 10 warnings, was 9.
    assert sorted(r[4] for r in rows[1:]) == sorted(
        ["closed-without-reason", "concurrent-seats", "council-vacancy", "meeting-on-holiday", "notice-too-late",
         "person-double-booked", "term-past-predecessor"] + ["term-ending-soon"] * 3)
    [alert] = alert_actions(sample)
    assert "警告 10件" in alert["args"][0] and alert["args"][3] == "info"
    assert alert["args"][1] == macros.ALERT_TITLE


def test_broken_ledger_gives_each_problem_at_its_cell_and_an_alert_with_the_count(open_book):
    book = open_book("sample_ledger_broken.xlsx", ledger_sheets(BROKEN))
    macros.check_ledger(today=TODAY)
    rows = table(book, macros.CHECK_SHEET)[1:]
    found = {(r[2], r[3], r[4]): r for r in rows}
    expected = json.loads((workbooks_dir() / "broken_expected.json").read_text(encoding="utf-8"))
    for item in expected:
        row = found[(item["sheet"], item["cell"], item["code"])]
        assert row[0] == ("エラー" if item["severity"] == "error" else "警告")
        # 場所 jumps to the cell in this very book
        assert row[1] == f"=HYPERLINK(\"#'{item['sheet']}'!{item['cell']}\",\"{item['sheet']}!{item['cell']}\")"
        assert row[5]  # the Japanese message
    on_disk = load_ledger(BROKEN, today=TODAY)
    assert len(rows) == len(on_disk.problems)
    [alert] = alerts(book)
    assert f"エラー {len(on_disk.errors)}件、警告 {len(on_disk.warnings)}件" in alert
    assert alert_actions(book)[0]["args"][3] == "critical"


def test_an_unsaved_edit_is_what_the_check_sees(open_book):
    layout = load_ledger(sample_ledger_path(), today=TODAY).meeting("K18-2026-03").origin
    cell = layout.cell("date")
    book = open_book("sample_ledger.xlsx", ledger_sheets(sample_ledger_path(), {("会議", cell): "令和8年2月30日"}))
    outcome = macros.check_ledger(today=TODAY)
    assert not outcome.ok
    rows = table(book, macros.CHECK_SHEET)
    assert ["会議", cell, "nonexistent-date"] in [r[2:5] for r in rows]


def test_a_second_check_reuses_the_result_sheet(open_book):
    sheets = ledger_sheets(sample_ledger_path())
    earlier = [macros.PROBLEM_HEADER, ["警告", "名簿!C3", "名簿", "C3", "term-ended", "古い結果", ""]]
    sheets.append({"name": macros.CHECK_SHEET, "pictures": [], "tables": [], "values": earlier})
    book = open_book("sample_ledger.xlsx", sheets)
    macros.check_ledger(today=TODAY)
    assert actions(book, "addSheet") == []
    clear = actions(book)[0]
    assert clear["func"] == "sheetClear"
    assert clear["sheet_position"] == [s.name for s in book.sheets].index(macros.CHECK_SHEET)
    assert table(book, macros.CHECK_SHEET)[0] == macros.PROBLEM_HEADER


def test_a_staff_sheet_with_the_same_name_is_never_wiped(open_book):
    sheets = ledger_sheets(sample_ledger_path())
    sheets.append({"name": macros.CHECK_SHEET, "pictures": [], "tables": [], "values": [["職員のメモ", "大事"]]})
    book = open_book("sample_ledger.xlsx", sheets)
    outcome = macros.check_ledger(today=TODAY)
    assert not outcome.ok
    position = [s.name for s in book.sheets].index(macros.CHECK_SHEET)
    assert not [a for a in actions(book) if a.get("sheet_position") == position]
    [alert] = alerts(book)
    assert "このツールが作ったシートではない" in alert


def test_a_book_without_ledger_sheets_is_told_where_to_point(open_book):
    book = open_book("Book1.xlsx", [{"name": "Sheet1", "pictures": [], "tables": [], "values": [["メモ"]]}])
    outcome = macros.check_ledger()
    assert not outcome.ok
    [alert] = alerts(book)
    assert "台帳のシート" in alert and "台帳ファイル" in alert
    assert actions(book, "addSheet") == []


# -- 開催通知作成 ---------------------------------------------------------------------------

def test_notices_are_made_and_recorded_in_the_open_ledger_not_its_file(sample, tmp_path):
    before = digest(sample_ledger_path())
    outcome = macros.create_notices("K18-2026-03", out_dir=str(tmp_path), today=TODAY)
    assert outcome.ok, outcome.message
    folder = tmp_path / "開催通知_K18-2026-03"
    singles = sorted((folder / "個別").glob("*.docx"))
    assert singles and (folder / "一括印刷用_K18-2026-03.docx").is_file()
    assert (folder / "宛名一覧_K18-2026-03.xlsx").is_file()
    origin = load_ledger(sample_ledger_path(), today=TODAY).meeting("K18-2026-03").origin
    cells = written(sample, "会議")
    assert cells[origin.cell("status")] == "通知済"
    assert cells[origin.cell("notice_date")].startswith("2026-11-28")
    assert cells[origin.cell("notice_no")].startswith("三保福第")
    assert digest(sample_ledger_path()) == before  # the file under the open book untouched
    [alert] = alerts(sample)
    assert str(folder) in alert and f"{len(singles)}件" in alert and "保存はしていません" in alert


def test_notices_default_to_the_next_meeting(sample, tmp_path):
    outcome = macros.create_notices(out_dir=str(tmp_path), today=TODAY)
    assert outcome.summary.startswith("K18-2026-03")
    assert (tmp_path / "開催通知_K18-2026-03").is_dir()


def test_a_held_meeting_keeps_its_status_and_is_not_reported_as_recorded(sample, tmp_path):
    outcome = macros.create_notices("K18-2026-02", out_dir=str(tmp_path), today=TODAY)
    meeting = load_ledger(sample_ledger_path(), today=TODAY).meeting("K18-2026-02")
    assert meeting.status == "開催済" and meeting.notice_no  # sent before, under its number
    assert written(sample, "会議") == {}  # nothing to record: status, number and date stand
    assert "記録済み" in outcome.message and "記録しました" not in outcome.message


def test_an_unknown_meeting_is_an_alert_and_nothing_is_made(sample, tmp_path):
    outcome = macros.create_notices("K99-2026-01", out_dir=str(tmp_path), today=TODAY)
    assert not outcome.ok
    [alert] = alerts(sample)
    assert "K99-2026-01" in alert and "会議の台帳にありません" in alert and "K19-2026-01" in alert
    assert list(tmp_path.iterdir()) == []
    assert actions(sample, "setValues") == []


def test_output_folder_that_is_a_file_is_an_alert(sample, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    outcome = macros.create_notices("K18-2026-03", out_dir=str(blocker), today=TODAY)
    assert not outcome.ok
    [alert] = alerts(sample)
    assert "Traceback" not in alert and alert_actions(sample)[0]["args"][3] == "critical"
    assert actions(sample, "setValues") == []


# -- 全体会議次第作成 / 予算集計 / 任期確認 -------------------------------------------------------

def test_agenda_of_the_latest_plenary(sample, tmp_path):
    outcome = macros.create_agenda(out_dir=str(tmp_path))
    assert outcome.ok, outcome.message
    made = tmp_path / "全体会議次第_令和8年度.docx"
    assert made.is_file()
    assert str(made) in alerts(sample)[0]


def test_agenda_of_a_year_without_a_plenary_is_an_alert(sample, tmp_path):
    outcome = macros.create_agenda(2019, out_dir=str(tmp_path))
    assert not outcome.ok
    assert list(tmp_path.iterdir()) == []
    assert alert_actions(sample)[0]["args"][3] == "critical"


def test_tally_writes_the_budget_sheet(sample):
    from mihara_sheets.budget import tally

    expected = tally(load_ledger(sample_ledger_path(), today=TODAY))
    outcome = macros.tally_budget()
    assert outcome.ok
    rows = table(sample, "予算集計")
    assert rows[0][:2] == ["年度", "予算額（円）"]
    years = rows[1:1 + len(expected.by_fiscal_year)]
    assert sum(r[1] for r in years) == expected.total.budget
    total_row = rows[1 + len(expected.by_fiscal_year)]
    assert total_row[0] == "合計" and total_row[1] == f"=SUM(B2:B{len(years) + 1})"
    assert any(a["args"] == ["#,##0"] for a in actions(sample, "setNumberFormat"))
    assert f"{expected.total.budget:,}円" in alerts(sample)[0]
    # As on the command line's sheet: the 謝金 sheet's commitment beside the linked 報償費 line.
    assert any(str(r[0]).startswith("※ 出欠・謝金からの見込み: 令和8年度 全体会議セミナー講師謝礼") for r in rows)


def test_tally_of_the_broken_ledger_reports_the_mismatch(open_book):
    book = open_book("sample_ledger_broken.xlsx", ledger_sheets(BROKEN))
    outcome = macros.tally_budget()
    assert not outcome.ok
    assert "一致しないものが1件" in alerts(book)[0]
    assert any("予算!I13" in str(r[0]) for r in table(book, "予算集計"))


def test_terms_on_the_sample(sample):
    outcome = macros.check_terms(today=TODAY)
    rows = table(sample, macros.TERMS_SHEET)[1:]
    assert sorted(r[4] for r in rows) == ["concurrent-seats", "council-vacancy", "term-ending-soon", "term-ending-soon",
                                         "term-ending-soon", "term-past-predecessor"]
    text = alerts(sample)[0]
    assert "90日以内に任期が終了する委員: 3件" in text and "兼職が上限（4）を超える人: 1件" in text
    assert outcome.ok


def test_terms_on_the_broken_ledger_find_the_ended_term(open_book):
    book = open_book("sample_ledger_broken.xlsx", ledger_sheets(BROKEN))
    macros.check_terms(today=TODAY)
    rows = table(book, macros.TERMS_SHEET)[1:]
    assert ["地域支え合い部会", "J12", "term-ended"] in [r[2:5] for r in rows]
    assert {r[4] for r in rows} <= set(macros.TERM_CODES) | set(MORE_TERM_CODES)
    assert "名簿に残っている委員: 1件" in alerts(book)[0]


# -- scripts (xlwings Lite / Server) and failures -------------------------------------------

def test_scripts_run_on_the_book_they_are_given(open_book):
    book = open_book("sample_ledger.xlsx", ledger_sheets(sample_ledger_path()), caller=False)
    macros.script_check_terms(book)
    macros.script_tally_budget(book)
    names = [a["args"][1] for a in actions(book, "addSheet")]
    assert names == [macros.TERMS_SHEET, "予算集計"]
    assert len(alerts(book)) == 2


def test_an_unexpected_error_is_an_alert_with_a_log_file_not_a_traceback(sample, monkeypatch, tmp_path):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    def broken(book, request):
        cell_text = "例田 花子"  # what a message may quote: it must not reach the log file
        raise ZeroDivisionError(cell_text)

    monkeypatch.setitem(macros.ACTIONS, "壊れた処理", broken)
    outcome = macros.run_action(sample, "壊れた処理")
    assert not outcome.ok
    [alert] = alerts(sample)
    assert "ZeroDivisionError" in alert and "Traceback" not in alert
    log = (tmp_path / macros.ERROR_LOG_NAME).read_text(encoding="utf-8")
    assert "broken" in log and "例田" not in log
    assert str(tmp_path / macros.ERROR_LOG_NAME) in alert


def test_an_unknown_action_is_an_alert(sample):
    outcome = macros.run_action(sample, "印刷")
    assert not outcome.ok
    assert "処理「印刷」はありません" in alerts(sample)[0]


def test_a_ledger_that_cannot_be_read_is_an_alert(sample, tmp_path):
    missing = tmp_path / "ない台帳.xlsx"
    macros.check_ledger(str(missing))
    [alert] = alerts(sample)
    assert "台帳を読めませんでした" in alert and "ない台帳.xlsx" in alert


def test_a_copied_ledger_on_disk_is_read_from_disk(sample, tmp_path):
    copy = tmp_path / "台帳コピー.xlsx"
    shutil.copyfile(BROKEN, copy)
    macros.check_ledger(str(copy), today=TODAY)
    rows = table(sample, macros.CHECK_SHEET)[1:]
    assert ["会議", "B24", "unknown-council"] in [r[2:5] for r in rows]
    assert all(not str(r[1]).startswith("=HYPERLINK") for r in rows)  # another file: no jump


def test_a_new_result_sheet_carries_the_writers_generated_mark(sample):
    macros.tally_budget()
    marks = actions(sample, "namesAdd")
    assert [m["args"] for m in marks] == [["MiharaSheets_Generated", "=TRUE"]]
    assert marks[0]["sheet_position"] == [s.name for s in sample.sheets].index("予算集計")


def test_the_alert_says_each_place_once():
    from mihara_sheets.macros.actions import with_problems
    from mihara_sheets.problems import make_problem

    at_cell = make_problem("nonexistent-date", file="台帳.xlsx", sheet="会議", cell="D5", value="令和5年2月30日",
                           header="開催日")
    settings = make_problem("window-no-sender-address", sheet="設定")
    text = with_problems("作成しました。", [at_cell, settings])
    assert "・[エラー] 会議!D5の" in text and "会議!D5 会議!D5" not in text
    assert "・[警告] 設定シートに" in text and "設定 設定" not in text


def test_run_python_label_start_is_read_like_the_cell(sample, tmp_path):
    """create_labels(start=...) takes 5, "５" or "5枚目" as the ラベルの開始位置 cell does."""
    outcome = macros.create_labels("K18-2026-03", out_dir=str(tmp_path), start="5枚目")
    assert outcome.ok, outcome.message
    assert outcome.result.data["start"] == 5
    refused = macros.create_labels("K18-2026-03", out_dir=str(tmp_path / "b"), start="五")
    assert not refused.ok and "ラベルの開始位置「五」を読めません" in refused.message
