"""Publication deadlines as check warnings (issue 14)."""

from __future__ import annotations

import datetime as dt

from mihara_sheets import load_ledger
from mihara_sheets.ledger.publication_checks import check_publication
from tests.factory import make_workbook

TODAY = dt.date(2026, 12, 1)
HEADER = ["会議ID", "会議体ID", "開催日", "状態", "公開区分", "非公開理由", "要旨公開日", "会議録公開日"]


def codes(tmp_path, meetings, *, kind="部会", settings=()):
    sheets = {"会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", kind]],
              "会議": [HEADER, *meetings]}
    if settings:
        sheets["設定"] = [["項目", "値"], *settings]
    ledger = load_ledger(make_workbook(tmp_path / "l.xlsx", sheets), today=TODAY)
    return [(p.code, p.cell) for p in check_publication(ledger, TODAY)]


def test_summary_and_minutes_overdue(tmp_path):
    held = ["M-1", "KOR", dt.date(2026, 10, 1), "開催済", "公開", None, None, None]
    assert codes(tmp_path, [held]) == [("summary-overdue", "G2"), ("minutes-overdue", "H2")]
    recent = ["M-1", "KOR", dt.date(2026, 11, 25), "開催済", "公開", None, None, None]
    assert codes(tmp_path, [recent]) == []
    published = ["M-1", "KOR", dt.date(2026, 9, 1), "開催済", None, None, dt.date(2026, 9, 5), dt.date(2026, 10, 1)]
    assert codes(tmp_path, [published]) == []


def test_settings_change_the_deadlines(tmp_path):
    held = ["M-1", "KOR", dt.date(2026, 11, 25), "開催済", "公開", None, None, None]
    assert codes(tmp_path, [held], settings=[["要旨公表日数", 3], ["会議録公表日数", 30]]) == [("summary-overdue", "G2")]


def test_closed_without_reason(tmp_path):
    closed = ["M-1", "KOR", dt.date(2026, 10, 1), "開催済", "非公開", None, None, None]
    assert codes(tmp_path, [closed]) == [("closed-without-reason", "F2")]
    closed[5] = "個人情報を扱うため"
    assert codes(tmp_path, [closed]) == []


def test_closed_reason_is_asked_of_held_closed_and_partly_closed_meetings_only(tmp_path):
    # The contract: required when 公開区分 is 非公開 or 一部公開 and the meeting is held.
    partly = ["M-1", "KOR", dt.date(2026, 11, 25), "開催済", "一部公開", None, None, None]
    planned = ["M-2", "KOR", dt.date(2027, 1, 20), "予定", "非公開", None, None, None]
    cancelled = ["M-3", "KOR", dt.date(2026, 10, 7), "中止", "非公開", None, None, None]
    past_no_status = ["M-4", "KOR", dt.date(2026, 10, 14), None, "非公開", None, None, None]
    assert codes(tmp_path, [partly, planned, cancelled, past_no_status]) == [
        ("closed-without-reason", "F2"), ("closed-without-reason", "F5")]
    blank_reason = ["M-1", "KOR", dt.date(2026, 11, 25), "開催済", "非公開", "\u3000 ", None, None]
    assert codes(tmp_path, [blank_reason]) == [("closed-without-reason", "F2")]  # spaces are blank


def test_closed_reason_message_names_the_meeting_and_its_disclosure(tmp_path):
    sheets = {"会議体": [["会議体ID", "会議体名", "区分", "公開区分"], ["KOR", "高齢者支援部会", "部会", "一部公開"]],
              "会議": [HEADER, ["M-7", "KOR", dt.date(2026, 11, 25), "開催済", None, None, None, None]]}
    ledger = load_ledger(make_workbook(tmp_path / "l.xlsx", sheets), today=TODAY)
    [problem] = [p for p in check_publication(ledger, TODAY) if p.code == "closed-without-reason"]
    # The council's 公開区分 applies when the row's is blank.
    assert problem.message == "会議!F2の会議（M-7）は一部公開で開催しましたが、非公開理由が空欄です。"


def test_no_reason_asked_without_the_column_or_of_confidential_bodies(tmp_path):
    sheets = {"会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", "部会"]],
              "会議": [["会議ID", "会議体ID", "開催日", "状態", "公開区分"],
                       ["M-1", "KOR", dt.date(2026, 11, 25), "開催済", "非公開"]]}
    ledger = load_ledger(make_workbook(tmp_path / "l.xlsx", sheets), today=TODAY)
    assert check_publication(ledger, TODAY) == []
    # 個別支援会議, even typed 非公開: the law binding its members is the reason.
    held = ["M-1", "KOR", dt.date(2026, 10, 1), "開催済", "非公開", None, None, None]
    assert codes(tmp_path, [held], kind="個別支援会議") == []


def test_case_meetings_are_never_public(tmp_path):
    held = ["M-1", "KOR", dt.date(2026, 10, 1), "開催済", None, None, None, None]
    assert codes(tmp_path, [held], kind="個別支援会議") == []


def test_schedule_notice_due(tmp_path):
    soon = ["M-2", "KOR", dt.date(2026, 12, 5), "予定", "公開", None, None, None]
    later = ["M-3", "KOR", dt.date(2027, 1, 20), "予定", "公開", None, None, None]
    assert codes(tmp_path, [soon, later]) == [("schedule-notice-due", "C2")]
