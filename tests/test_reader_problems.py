"""Every problem code of the catalog is triggered by a real file, at the cell it concerns.

Each scenario writes a small ledger with one mistake and names the code and the place
(``sheet!cell``) the problem must be reported at. A last test checks that the scenarios
here and the unreadable-file cases of test_reader_files.py together cover the catalog.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.problems import CATALOG, READING
from tests.factory import COUNCILS_HEADER, basic_councils, make_workbook

TODAY = dt.date(2026, 11, 28)
MEETING_HEADER = ["会議ID", "会議体ID", "回", "開催日", "開始", "終了", "回答期限", "概要"]


def meeting(mid="M1", council="K02", date=dt.date(2026, 6, 12), start="14:00", end="15:30",
            reply="", summary=""):
    return [mid, council, 1, date, start, end, reply, summary]


def councils_plus(*rows):
    return basic_councils() + [list(r) for r in rows]


# code -> (sheets, expected location, merges)
SCENARIOS = {
    "no-header-row": ({"会議": [["なにか"], ["ほか"]]}, "会議"),
    "missing-column": ({"会議体": basic_councils(), "会議": [["会議ID", "開催日"], ["M1", "R8.6.1"]]}, "会議"),
    "duplicate-column": ({"会議体": [["会議体ID", "会議体名", "名称"], ["K01", "A", "B"]]}, "会議体!C1"),
    "unknown-roster-sheet": ({"会議体": basic_councils(), "存在しない部会名簿": [["氏名"], ["山田"]]}, "存在しない部会名簿"),
    "settings-alias-invalid": ({"設定": [["列の別名:会議", "日"]], "会議体": basic_councils()}, "設定!A1"),
    "settings-out-of-range": ({"設定": [["任期アラート日数", 10**9]], "会議体": basic_councils()}, "設定!B1"),
    "required-missing": ({"会議体": councils_plus(["", "名称だけ", "部会", "", "", ""])}, "会議体!A7"),
    "invalid-date": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(date="そのうち")]}, "会議!D2"),
    "nonexistent-date": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(date="令和5年2月30日")]}, "会議!D2"),
    "invalid-time": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(start="昼過ぎ")]}, "会議!E2"),
    "invalid-number": ({"会議体": basic_councils(), "会議": [["会議ID", "会議体ID", "出席者数"], ["M1", "K02", "多数"]]}, "会議!C2"),
    "invalid-amount": ({"予算": [["事業名", "予算額"], ["広報", "三十万円"]]}, "予算!B2"),
    "fractional-amount": ({"予算": [["事業名", "予算額"], ["広報", "1000.5"]]}, "予算!B2"),
    "invalid-fiscal-year": ({"予算": [["年度", "事業名", "予算額"], ["来年度", "広報", 100]]}, "予算!A2"),
    "invalid-choice": ({"会議体": basic_councils(), "会議": [["会議ID", "会議体ID", "状態"], ["M1", "K02", "済み"]]}, "会議!C2"),
    "unexpected-choice": ({"会議体": councils_plus(["K05", "研究会", "研究会", "", "", ""])}, "会議体!C7"),
    "invalid-postal-code": ({"会議体": basic_councils(), "名簿": [["部会", "氏名", "郵便番号"], ["K02", "山田", "723"]]}, "名簿!C2"),
    "end-before-start": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(start="15:00", end="14:00")]}, "会議!F2"),
    "duplicate-id": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(), meeting()]}, "会議!A3"),
    "unknown-council": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(council="K99")]}, "会議!B2"),
    "ambiguous-council": ({"会議体": councils_plus(["K05", "高齢者支援部会", "部会", "", "", ""]),
                           "会議": [MEETING_HEADER, meeting(council="高齢者支援部会")]}, "会議!B2"),
    "self-reference": ({"会議体": councils_plus(["K05", "自己参照", "部会", "K05", "", ""])}, "会議体!D7"),
    "parent-cycle": ({"会議体": [COUNCILS_HEADER, ["K01", "甲", "部会", "K02", "", ""], ["K02", "乙", "部会", "K01", "", ""]]}, "会議体!D2"),
    "unknown-meeting": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting()],
                         "議題": [["会議ID", "議題"], ["M9", "報告"]]}, "議題!A2"),
    "unknown-person": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting()],
                        "名簿": [["部会", "人物ID", "氏名"], ["K02", "P1", "山田"]],
                        "出欠": [["会議ID", "人物ID", "回答"], ["M1", "P9", "出席"]]}, "出欠!B2"),
    "term-ended": ({"会議体": basic_councils(), "名簿": [["部会", "氏名", "任期開始", "任期終了"], ["K02", "山田", "R5.4.1", "R7.3.31"]]}, "名簿!D2"),
    "term-ending-soon": ({"会議体": basic_councils(), "名簿": [["部会", "氏名", "任期開始", "任期終了"], ["K02", "山田", "R7.4.1", "R8.12.31"]]}, "名簿!D2"),
    "concurrent-seats": ({"会議体": councils_plus(*[[f"K1{i}", f"部会{i}", "部会", "K01", "", ""] for i in range(5)]),
                          "名簿": [["部会", "人物ID", "氏名"]] + [[f"K1{i}", "P1", "三原 太郎"] for i in range(5)]}, "名簿!C2"),
    "similar-names": ({"会議体": basic_councils(), "名簿": [["部会", "氏名"], ["K02", "高橋 一郎"], ["K03", "髙橋 一郎"]]}, "名簿!B3"),
    "total-mismatch": ({"予算": [["事業名", "予算額"], ["A", 100], ["B", 200], ["計", 301]]}, "予算!B4"),
    "total-without-lines": ({"予算": [["事業名", "予算額"], ["計", 0], ["A", 100]]}, "予算!B2"),
    "case-details-present": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(council="K04", summary="A氏の件")]}, "会議!H2"),
    "meeting-before-established": ({"会議体": [COUNCILS_HEADER + ["設置日"], ["K01", "甲", "部会", "", "", "", "R8.4.1"]],
                                    "会議": [MEETING_HEADER, meeting(council="K01", date="R8.3.1")]}, "会議!D2"),
    "reply-after-meeting": ({"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting(reply="R8.6.20")]}, "会議!G2"),
}
# Codes shown for whole files; their scenarios are in test_reader_files.py.
FILE_CODES = {
    "file-not-found", "file-is-directory", "file-empty", "file-not-excel", "file-renamed-csv",
    "file-encrypted", "file-legacy-xls", "file-corrupt", "file-too-large", "file-unsafe-xml",
    "file-unreadable", "csv-encoding", "no-ledger-sheet",
    "sheet-extent-unsafe",  # tests/test_reader_damaged.py
}


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_each_problem_code_is_reported_at_its_cell(tmp_path, code):
    sheets, location = SCENARIOS[code]
    path = make_workbook(tmp_path / "ledger.xlsx", sheets)
    ledger = load_ledger(path, today=TODAY)
    found = [p for p in ledger.problems if p.code == code]
    assert found, f"{code} not reported; got {[str(p) for p in ledger.problems]}"
    problem = found[0]
    assert problem.location == location
    assert problem.severity == CATALOG[code][0]
    assert problem.file == str(path)
    # The message is Japanese, names the place, and has no unfilled template field.
    assert "{" not in problem.message and problem.message.endswith("。")
    if "!" in location:
        assert location in problem.message


def test_the_scenarios_cover_the_whole_catalog():
    assert set(SCENARIOS) | FILE_CODES == set(READING)


def test_all_problems_are_collected_in_one_pass(tmp_path):
    sheets = {
        "会議体": basic_councils(),
        "会議": [MEETING_HEADER, meeting(date="令和5年2月30日"), meeting(mid="M2", council="K99"),
                 meeting(mid="M3", start="15:00", end="14:00")],
        "予算": [["事業名", "予算額"], ["A", "abc"], ["計", 5]],
    }
    ledger = load_ledger(make_workbook(tmp_path / "l.xlsx", sheets), today=TODAY)
    assert {(p.code, p.location) for p in ledger.errors} >= {
        ("nonexistent-date", "会議!D2"), ("unknown-council", "会議!B3"),
        ("end-before-start", "会議!F4"), ("invalid-amount", "予算!B2"),
    }
    # the meeting rows with a bad cell are still read; only the bad value is left empty
    assert [m.meeting_id for m in ledger.meetings] == ["M1", "M2", "M3"]


def test_a_clean_ledger_has_no_problems(tmp_path):
    sheets = {"会議体": basic_councils(), "会議": [MEETING_HEADER, meeting()]}
    ledger = load_ledger(make_workbook(tmp_path / "l.xlsx", sheets), today=TODAY)
    assert ledger.problems == [] and ledger.ok


def test_a_setting_out_of_range_keeps_the_default_and_checks_still_run(tmp_path):
    path = make_workbook(tmp_path / "l.xlsx", {
        "設定": [["任期アラート日数", 10**9], ["兼職上限", 0], ["通知リードタイム", "20"]],
        "会議体": basic_councils(),
        "名簿": [["部会", "氏名", "任期開始", "任期終了"], ["K02", "山田", "R7.4.1", "R8.12.31"]],
    })
    ledger = load_ledger(path, today=TODAY)
    assert [(p.code, p.cell) for p in ledger.problems if p.code == "settings-out-of-range"] == [
        ("settings-out-of-range", "B1"), ("settings-out-of-range", "B2")]
    assert (ledger.settings.term_alert_days, ledger.settings.concurrent_seat_limit) == (90, 4)
    assert ledger.settings.notice_lead_days == 20
    assert "term-ending-soon" in {p.code for p in ledger.problems}
