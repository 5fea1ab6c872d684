"""The job layer: one function per job, called by the CLI, the Excel buttons, the demo and scripts.

Each job takes a ledger source (:class:`FileLedger` for files, or the buttons' live book)
and a request, and returns a :class:`JobResult`: the files made, the ledger changes made or
refused, the problems, an exit code. Front ends only parse input and present the result.

- :func:`run_check` — 台帳チェック
- :func:`run_notices` — 開催通知作成 (:class:`NoticeRequest`)
- :func:`run_agenda` — 全体会議次第作成 (:class:`AgendaRequest`)
- :func:`run_budget` — 予算集計 (:class:`BudgetRequest`)
- :func:`run_terms` — 任期確認
- :func:`run_inventory` — 会議体の棚卸・委員構成 (:class:`InventoryRequest`)
- :func:`run_attendance` — 出欠確認 (:class:`AttendanceRequest`)
- :func:`run_minutes` — 会議録作成 (:class:`MinutesRequest`)
- :func:`run_labels` — 宛名ラベル作成 (:class:`LabelsRequest`)
- :func:`run_honoraria` — 報酬・謝金計算 (:class:`HonorariaRequest`)
- :func:`run_appointments` — 委嘱状作成 (:class:`AppointmentRequest`)

See docs/jobs.md for the path a new product takes.
"""

from __future__ import annotations

from .agenda import AgendaRequest, run_agenda
from .appointments import AppointmentRequest, run_appointments
from .attendance import AttendanceRequest, run_attendance
from .budget import BudgetRequest, run_budget
from .check import run_check
from .honoraria import HonorariaRequest, run_honoraria
from .common import output_folder
from .inventory import InventoryRequest, run_inventory
from .minutes import MinutesRequest, run_minutes
from .notices import NoticeRequest, run_notices
from .labels import LabelsRequest, run_labels
from .result import EXIT_ERRORS, EXIT_OK, EXIT_STOPPED, JobResult, LedgerChange
from .source import FileLedger, LedgerSource
from .terms import run_terms

__all__ = [
    "AgendaRequest", "BudgetRequest", "EXIT_ERRORS", "EXIT_OK", "EXIT_STOPPED", "FileLedger",
    "InventoryRequest", "JobResult", "LedgerChange", "LedgerSource", "NoticeRequest", "output_folder", "run_agenda",
    "run_budget", "run_check", "run_inventory", "run_notices", "run_terms",
    "AttendanceRequest", "run_attendance",
    "MinutesRequest", "run_minutes",
    "LabelsRequest", "run_labels",
    "HonorariaRequest", "run_honoraria",
    "AppointmentRequest", "run_appointments",
]
