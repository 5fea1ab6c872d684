"""Recording a sent notice in the ledger: 状態 通知済, 通知日, 文書番号 on the meeting's row.

Only through the part-level writer (:func:`mihara_sheets.edit_workbook`): an existing staff
workbook is never saved by any other means. Problems come back as values, never raised: the
notices are made either way, and staff are told what was not recorded.
"""

from __future__ import annotations

import datetime as dt

from ..ledger.records import Meeting
from ..problems import Problem

# A notice does not move a meeting backwards: one already held stays 開催済.
KEEP_STATUS = ("開催済",)


def notice_values(meeting: Meeting, notice_no: str, issue_date: dt.date) -> dict:
    """The fields a sent notice changes on its meeting's row (状態 only when it moves forward)."""
    values: dict = {"notice_date": issue_date, "notice_no": notice_no}
    if meeting.status not in KEEP_STATUS:
        values["status"] = "通知済"
    return values


def record_notice(meeting: Meeting, notice_no: str, issue_date: dt.date) -> list[Problem]:
    """Write 状態/通知日/文書番号 into the meeting's row; the problems met (empty when done)."""
    from ..jobs.writeback import update_record

    return update_record(meeting, notice_values(meeting, notice_no, issue_date))[1]
