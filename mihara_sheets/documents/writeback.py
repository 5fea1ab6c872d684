"""Recording a sent notice in the ledger: 状態 通知済, 通知日, 文書番号 on the meeting's row.

Only through the part-level writer (:func:`mihara_sheets.edit_workbook`): an existing staff
workbook is never saved by any other means. Problems come back as values, never raised: the
notices are made either way, and staff are told what was not recorded.
"""

from __future__ import annotations

import datetime as dt

from ..ledger.records import Meeting
from ..problems import ERROR, WARNING, Problem
from .context import problem

FIELD_HEADERS = {"status": "状態", "notice_date": "通知日", "notice_no": "文書番号"}
# A notice does not move a meeting backwards: one already held stays 開催済.
KEEP_STATUS = ("開催済",)


def record_notice(meeting: Meeting, notice_no: str, issue_date: dt.date) -> list[Problem]:
    """Write 状態/通知日/文書番号 into the meeting's row; the problems met (empty when done)."""
    origin = meeting.origin
    if origin is None:
        return [problem("writeback-no-origin", WARNING, "会議の行の場所が分からないため、台帳に通知済を記録できませんでした。")]
    if not origin.file.lower().endswith((".xlsx", ".xlsm")):
        return [problem(
            "writeback-not-excel", WARNING,
            f"台帳「{origin.file}」はExcelのブックではないため、通知済・通知日・文書番号を記録できませんでした。手で記入してください。",
            origin, "notice_no",
        )]
    values = {"notice_date": issue_date, "notice_no": notice_no}
    if meeting.status not in KEEP_STATUS:
        values["status"] = "通知済"
    cells = {name: origin.cell(name) for name in values}
    problems = []
    missing = [FIELD_HEADERS[name] for name, cell in cells.items() if cell is None]
    if missing:
        problems.append(problem(
            "writeback-missing-column", WARNING,
            f"会議シート「{origin.sheet}」に列「{'」「'.join(missing)}」がないため、その値は記録していません。",
            origin,
        ))
    from ..writer import edit_workbook
    from ..writer.errors import WriteRefused

    try:
        with edit_workbook(origin.file) as book:
            for name, value in values.items():
                if cells[name]:
                    book.set_cell(origin.sheet, cells[name], value)
    except WriteRefused as refused:
        problems.append(Problem(
            code="writeback-refused", severity=ERROR,
            message=f"台帳に通知済を記録できませんでした：{refused}",
            file=origin.file, sheet=refused.sheet or origin.sheet, cell=refused.cell,
        ))
    except OSError as exc:  # the disk or share failed under the writer: the ledger is as it was
        problems.append(Problem(
            code="writeback-refused", severity=ERROR,
            message=f"台帳「{origin.file}」に通知済を記録できませんでした（{exc.strerror or exc}）。台帳は変更していません。",
            file=origin.file, sheet=origin.sheet,
        ))
    return problems
