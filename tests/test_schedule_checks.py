"""The scheduling checks, on real workbooks: through load_ledger, the CLI and the sample."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.ledger.schedule_checks import (
    SCHEDULE_CODES, holiday_name, is_closed_day, schedule_findings, schedule_problems,
)
from mihara_sheets.problems import CATALOG, WARNING

from .factory import make_workbook

D = dt.date
TODAY = D(2026, 11, 28)
COUNCILS = [["会議体ID", "会議体名", "区分"], ["K01", "高齢者支援部会", "部会"], ["K02", "障害者支援部会", "部会"],
            ["K03", "個別支援会議", "個別支援会議"]]
SCHEDULE = set(SCHEDULE_CODES)
# The sample of this source tree (an editable install may point mihara_sheets._workbooks elsewhere).
SAMPLE = Path(__file__).resolve().parent.parent / "workbooks" / "sample_ledger.xlsx"


def ledger_with(tmp_path, meetings, members=None, attendance=None, settings=None):
    sheets = {"会議体": COUNCILS,
              "会議": [["会議ID", "会議体ID", "開催日", "状態", "通知日", "回答期限"], *meetings]}
    if members:
        sheets["名簿"] = [["会議体ID", "人物ID", "氏名", "ふりがな", "部会役職", "任期開始", "任期終了"], *members]
    if attendance:
        sheets["出欠"] = [["会議ID", "人物ID", "氏名", "回答"], *attendance]
    if settings:
        sheets["設定"] = [["項目", "値"], *settings]
    return load_ledger(make_workbook(tmp_path / "台帳.xlsx", sheets), today=TODAY)


def found(ledger):
    return [(p.code, p.cell) for p in ledger.problems if p.code in SCHEDULE]


# -- the calendar ---------------------------------------------------------------------------

@pytest.mark.parametrize("day, closed", [
    (D(2026, 12, 28), False), (D(2026, 12, 29), True), (D(2026, 12, 31), True), (D(2027, 1, 1), True),
    (D(2027, 1, 3), True), (D(2027, 1, 4), False),
])
def test_closed_days_are_12_29_to_1_3_inclusive(day, closed):
    assert is_closed_day(day) is closed


def test_holiday_names_come_from_jpholiday_with_substitute_days_named():
    assert holiday_name(D(2026, 11, 3)) == "文化の日"
    assert holiday_name(D(2026, 5, 6)) == "振替休日（憲法記念日）"  # 5/3 fell on a Sunday
    assert holiday_name(D(2026, 9, 22)) == "国民の休日"  # between 敬老の日 and 秋分の日
    assert holiday_name(D(2026, 11, 4)) is None


# -- each rule through load_ledger ----------------------------------------------------------------

def test_weekend_holiday_and_closed_day_each_at_the_date_cell(tmp_path):
    ledger = ledger_with(tmp_path, [
        ["M1", "K01", D(2026, 12, 5), "予定"],  # Saturday
        ["M2", "K01", D(2026, 12, 6), "予定"],  # Sunday
        ["M3", "K01", D(2027, 1, 11), "予定"],  # 成人の日 (Monday)
        ["M4", "K01", D(2026, 5, 6), "開催済"],  # 振替休日 (Wednesday)
        ["M5", "K01", D(2026, 12, 29), "予定"],  # closed (Tuesday)
        ["M6", "K01", D(2027, 1, 1), "予定"],  # 元日: closed, named
        ["M7", "K01", D(2027, 1, 2), "予定"],  # Saturday and closed: one warning, the closure
        ["M8", "K01", D(2026, 12, 28), "予定"],  # Monday: nothing
        ["M9", "K01", D(2027, 1, 4), "予定"],  # Monday: nothing
    ])
    assert found(ledger) == [
        ("meeting-on-weekend", "C2"), ("meeting-on-weekend", "C3"), ("meeting-on-holiday", "C4"),
        ("meeting-on-holiday", "C5"), ("meeting-on-closed-day", "C6"), ("meeting-on-closed-day", "C7"),
        ("meeting-on-closed-day", "C8"),
    ]
    messages = {p.cell: p.message for p in ledger.problems if p.code in SCHEDULE}
    assert messages["C2"] == "会議!C2の開催日（令和8年12月5日（土））は土曜日です。開催日を確認してください。"
    assert "日曜日" in messages["C3"]
    assert messages["C4"] == "会議!C4の開催日（令和9年1月11日（月））は成人の日で、市役所の休日です。開催日を確認してください。"
    assert "振替休日（憲法記念日）" in messages["C5"] and "令和8年5月6日" in messages["C5"]
    assert "年末年始の閉庁日（12月29日～1月3日）です" in messages["C6"]
    assert "年末年始の閉庁日（12月29日～1月3日）で、元日です" in messages["C7"]
    assert all(p.severity == WARNING for p in ledger.problems if p.code in SCHEDULE)


def test_cancelled_postponed_and_undated_meetings_are_ignored(tmp_path):
    ledger = ledger_with(tmp_path, [
        ["M1", "K01", D(2026, 12, 5), "中止", D(2026, 12, 1)],
        ["M2", "K01", D(2027, 1, 1), "延期"],
        ["M3", "K01", None, "予定"],
    ])
    assert found(ledger) == []


def test_notice_too_late_against_the_lead_time(tmp_path):
    meetings = [
        ["M1", "K01", D(2026, 12, 15), "通知済", D(2026, 12, 1)],  # exactly 14 days: fine
        ["M2", "K01", D(2026, 12, 16), "通知済", D(2026, 12, 3)],  # 13 days
        ["M3", "K01", D(2026, 12, 17), "通知済", D(2026, 12, 17)],  # the day itself
        ["M4", "K01", D(2026, 12, 18), "通知済", D(2026, 12, 21)],  # after the meeting
    ]
    ledger = ledger_with(tmp_path, meetings)
    assert found(ledger) == [("notice-too-late", "E3"), ("notice-too-late", "E4"), ("notice-too-late", "E5")]
    messages = [p.message for p in ledger.problems if p.code == "notice-too-late"]
    assert messages[0] == ("会議!E3の通知日（令和8年12月3日）は開催日（令和8年12月16日）の13日前で、"
                           "設定の通知リードタイム（14日）より遅れています。")
    assert "の当日で" in messages[1] and "の3日後で" in messages[2]
    # A shorter lead time in 設定 accepts the 13 days.
    relaxed = ledger_with(tmp_path, meetings, settings=[["通知リードタイム", 7]])
    assert found(relaxed) == [("notice-too-late", "E4"), ("notice-too-late", "E5")]


def test_reply_after_meeting_is_kept_once_on_check_and_listed_for_the_inventory(tmp_path):
    ledger = ledger_with(tmp_path, [["M1", "K01", D(2026, 12, 15), "予定", None, D(2026, 12, 16)]])
    assert [(p.code, p.cell) for p in ledger.problems] == [("reply-after-meeting", "F2")]
    assert [(f.code, f.meeting_id) for f in schedule_findings(ledger)] == [("reply-after-meeting", "M1")]
    assert schedule_problems(ledger, include_reply=False) == []


ROSTER = [
    ["K01", "P1", "三原 花子", "みはら はなこ", "部会長", D(2025, 4, 1), D(2027, 3, 31)],
    ["K01", "", "尾道 太郎", "おのみち たろう", "委員", D(2025, 4, 1), D(2027, 3, 31)],
    ["K01", "", "竹原 一郎", "たけはら いちろう", "事務局", None, None],
    ["K02", "P1", "三原　花子", "みはら はなこ", "委員", D(2025, 4, 1), D(2027, 3, 31)],
    ["K02", "", "尾道　太郎", "おのみち たろう", "委員", D(2025, 4, 1), D(2027, 3, 31)],
    ["K02", "", "竹原 一郎", "たけはら いちろう", "事務局", None, None],
]


def test_one_person_on_two_councils_meeting_the_same_day(tmp_path):
    ledger = ledger_with(tmp_path, [
        ["M1", "K01", D(2026, 12, 15), "予定"], ["M2", "K02", D(2026, 12, 15), "予定"],
        ["M3", "K02", D(2026, 12, 16), "予定"],
    ], members=ROSTER)
    # 三原 花子 by 人物ID, 尾道 太郎 by name (full-width space); the secretariat never counts.
    assert found(ledger) == [("person-double-booked", "C3")]
    (problem,) = [p for p in ledger.problems if p.code == "person-double-booked"]
    assert problem.message == ("会議!C3の障害者支援部会の会議（令和8年12月15日（火））と同じ日に高齢者支援部会の会議"
                               "（M1、会議!C2）があり、三原 花子さん、尾道 太郎さん（2人）が両方に招集されています。")
    (finding,) = [f for f in schedule_findings(ledger) if f.code == "person-double-booked"]
    assert finding.to_dict()["meeting_id"] == "M2" and finding.other_meeting_id == "M1" and finding.count == 2


def test_double_booking_ignores_cancelled_meetings_ended_terms_and_one_council(tmp_path):
    roster = [row[:] for row in ROSTER]
    roster[4][6] = D(2026, 3, 31)  # 尾道 太郎 has left K02
    ledger = ledger_with(tmp_path, [
        ["M1", "K01", D(2026, 12, 15), "予定"], ["M2", "K02", D(2026, 12, 15), "中止"],
        ["M3", "K01", D(2026, 12, 15), "予定"],  # the same council twice: not a double booking
        ["M4", "K01", D(2026, 12, 22), "予定"], ["M5", "K02", D(2026, 12, 22), "予定"],
    ], members=roster)
    (problem,) = [p for p in ledger.problems if p.code == "person-double-booked"]
    assert problem.cell == "C6" and "三原 花子さんが両方" in problem.message and "尾道" not in problem.message


def test_same_name_different_person_ids_are_two_people(tmp_path):
    roster = [["K01", "P1", "三原 花子", "みはら はなこ", "委員", None, None],
              ["K02", "P2", "三原 花子", "みはら かこ", "委員", None, None]]
    ledger = ledger_with(tmp_path, [["M1", "K01", D(2026, 12, 15), "予定"], ["M2", "K02", D(2026, 12, 15), "予定"]],
                         members=roster)
    assert found(ledger) == []


def test_a_reply_invites_a_guest_and_confidential_meetings_give_counts_only(tmp_path):
    ledger = ledger_with(tmp_path, [["M1", "K01", D(2026, 12, 17), "予定"], ["M2", "K03", D(2026, 12, 17), "予定"]],
                         members=ROSTER[:2], attendance=[["M2", "P1", "三原 花子", "出席"]])
    (problem,) = [p for p in ledger.problems if p.code == "person-double-booked"]
    assert "1人が両方に招集" in problem.message and "三原" not in problem.message
    (finding,) = [f for f in schedule_findings(ledger) if f.code == "person-double-booked"]
    assert finding.people == () and finding.count == 1


def test_every_code_is_a_registered_warning():
    for code in SCHEDULE_CODES:
        assert CATALOG[code][0] == WARNING


# -- the command line -------------------------------------------------------------------------

def test_check_json_lists_the_codes_at_their_cells(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": COUNCILS,
        "会議": [["会議ID", "会議体ID", "開催日", "状態", "通知日"], ["M1", "K01", D(2026, 12, 5), "予定", D(2026, 12, 1)],
               ["M2", "K02", D(2026, 11, 23), "開催済"]],
    })
    done = subprocess.run([sys.executable, "-m", "mihara_sheets", "check", str(path), "--today", "2026-11-28", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # warnings only
    report = json.loads(done.stdout)
    found = [p for p in report["problems"] if p["code"] in SCHEDULE]  # publication checks run too
    assert [(p["code"], p["location"], p["severity"]) for p in found] == [
        ("meeting-on-weekend", "会議!C2", "warning"), ("notice-too-late", "会議!E2", "warning"),
        ("meeting-on-holiday", "会議!C3", "warning"),
    ]
    assert "勤労感謝の日" in found[2]["message"]


# -- the sample ledger -----------------------------------------------------------------------

def test_the_sample_plants_a_holiday_a_double_booking_and_a_late_notice():
    ledger = load_ledger(SAMPLE, today=TODAY)
    findings = {(f.code, f.meeting_id) for f in schedule_findings(ledger)}
    assert findings == {("meeting-on-holiday", "K20-2026-04"), ("person-double-booked", "K19-2026-04"),
                        ("notice-too-late", "K15-2026-05")}
    double = next(p for p in ledger.problems if p.code == "person-double-booked")
    assert "例田 花子さんが両方" in double.message
    holiday = next(p for p in ledger.problems if p.code == "meeting-on-holiday")
    assert "振替休日（春分の日）" in holiday.message and holiday.location.startswith("会議!E")
