"""Excel buttons for staff: every job of the library one click away, through xlwings.

Three ways in, one set of actions (:mod:`.actions`, each calling its job in
:mod:`mihara_sheets.jobs`, the same code as the command line):

- ``main()``: what the control workbook's 実行 button runs. The workbook carries xlwings'
  standalone VBA, whose only macro (``SampleCall``) runs ``import <book name>;
  <book name>.main()`` — the workbook is therefore named ``mihara_sheets.macros.xlsm``.
  ``main()`` reads the chosen action and its inputs from the 操作 sheet (see
  :data:`CONTROL_CELLS`) and writes a line to the log area below them.
- RunPython entry points for a button in a ledger workbook, one per action:
  :func:`check_ledger`, :func:`create_notices`, :func:`create_agenda`, :func:`tally_budget`,
  :func:`check_terms`, :func:`take_inventory`, :func:`check_attendance`,
  :func:`create_meeting_agenda`, :func:`create_minutes`, :func:`create_labels`,
  :func:`compute_honoraria`, :func:`create_appointments`
  (``RunPython "import mihara_sheets.macros as m; m.check_ledger()"``).
- ``@xw.script`` functions for xlwings Lite / Server, where the runtime passes the book, one
  per action (:data:`SCRIPTS`, by action name): ``script_check_ledger``,
  ``script_create_notices``, ``script_create_agenda``, ``script_tally_budget``,
  ``script_check_terms``, ``script_take_inventory``, ``script_check_attendance``,
  ``script_create_meeting_agenda``, ``script_create_minutes``, ``script_create_labels``,
  ``script_compute_honoraria``, ``script_create_appointments``.

The ledger is read and written through :class:`.live.LiveLedger` (the open books first).
Staff see a Japanese alert, never a traceback. See docs/macros.md.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import traceback
from pathlib import Path
from typing import Any

import xlwings as xw

from ..problems import LedgerReadError, ProblemError, make_problem
from .actions import (  # noqa: F401 (the public names of the buttons)
    ACTIONS, CHECK_SHEET, PROBLEM_HEADER, TERMS_SHEET, Outcome, problem_rows,
)
from .live import LiveLedger, book_folder, holds_ledger  # noqa: F401
from .request import (  # noqa: F401
    ACTION_NAMES, AGENDA, ATTENDANCE, BUDGET, CHECK, CONTROL_CELLS, CONTROL_SHEET, INVENTORY, LOG_FIRST_ROW,
    LOG_HEADER, LOG_HEADER_ROW, MEETING_AGENDA, NOTICES, PATH_COLUMN, PATH_FIRST_ROW, PATH_ROWS, TERMS, MacroError,
    Request, HONORARIA, LABEL_SHEETS, NOTICE_FORMS,
    label_start, read_request, sheet_names,
)
from .request import MINUTES  # noqa: F401
from .request import LABELS  # noqa: F401
from .request import APPOINTMENTS  # noqa: F401
from ..jobs.terms import TERM_CODES  # noqa: F401

ALERT_TITLE = "地域共生 台帳ツール"
ERROR_LOG_NAME = "mihara_sheets_macro_error.log"


# -- running an action for staff ----------------------------------------------------------

def run_action(book: Any, action: str, request: Request | None = None) -> Outcome:
    """Run one action on ``book`` and tell staff: an alert, and a log line on the 操作 sheet.

    Never raises: whatever goes wrong ends as a Japanese alert (mode ``critical``).
    """
    request = request or Request()
    try:
        job = ACTIONS.get(action)
        if job is None:
            raise MacroError(f"処理「{action or '（空欄）'}」はありません。{'・'.join(ACTION_NAMES)} から選んでください。")
        outcome = job(book, request)
    except Exception as exc:  # staff get words, never a traceback window
        outcome = explain(exc)
    _finish(book, action, outcome)
    return outcome


def run_from_sheet(book: Any, action: str | None = None, **overrides: Any) -> Outcome:
    """Run ``action`` (default: the one chosen on the 操作 sheet) with the sheet's inputs.

    ``overrides`` that are not ``None`` replace inputs (a RunPython call's arguments).
    A book without a 操作 sheet runs on itself as the ledger. Never raises.
    """
    try:
        request = read_request(book)
        for key, value in overrides.items():
            if value is not None:  # typed as staff type it in the cell ("5枚目"), read the same way
                setattr(request, key, OVERRIDE_READERS.get(key, _as_given)(value))
    except Exception as exc:
        outcome = explain(exc)
        _finish(book, action or _chosen_action(book), outcome)
        return outcome
    return run_action(book, action or request.action or "", request)


def _as_given(value: Any) -> Any:
    return value


# RunPython arguments read like the 操作 cell they stand for.
OVERRIDE_READERS = {"label_start": label_start}


def _chosen_action(book: Any) -> str:
    """The 処理 chosen on the 操作 sheet, for the log line of a run whose inputs could not be read."""
    try:
        value = book.sheets[CONTROL_SHEET][CONTROL_CELLS["action"]].value
    except Exception:
        return ""
    return str(value).strip() if value not in (None, "") else ""


def _finish(book: Any, action: str, outcome: Outcome) -> None:
    _log(book, action, outcome)
    try:
        book.app.alert(outcome.message, title=ALERT_TITLE, buttons="ok",
                       mode="info" if outcome.ok else "critical")
    except Exception:  # no window to show it in (a script run): the outcome is returned
        pass


def explain(exc: BaseException) -> Outcome:
    """The Japanese alert for an exception; unexpected ones leave a log file for support."""
    if isinstance(exc, MacroError):
        return Outcome(exc.message, "中止", ok=False)
    if isinstance(exc, LedgerReadError):
        lines = [p.message for p in exc.problems]
        return Outcome("台帳を読めませんでした。\n" + "\n".join(lines), "台帳を読めず", ok=False)
    if isinstance(exc, ProblemError):
        return Outcome(exc.message, f"中止（{exc.code}）", ok=False)
    if isinstance(exc, PermissionError):
        return Outcome("ファイルに書き込めませんでした。出力先のファイルをWordやExcelで開いていれば閉じてから、"
                       "もう一度実行してください。", "書き込めず", ok=False)
    problem = make_problem("unexpected-error", detail=type(exc).__name__, file=_write_error_log(exc))
    return Outcome(problem.message, f"予期しないエラー（{type(exc).__name__}）", ok=False)


def _write_error_log(exc: BaseException) -> str:
    # The frames only (file, line, code), not the exception's text: it may quote a cell
    # holding a name or an address, which must not end up in a file.
    path = Path(tempfile.gettempdir()) / ERROR_LOG_NAME
    frames = "".join(traceback.format_tb(exc.__traceback__))
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {type(exc).__name__}\n{frames}")
    except OSError:
        return "（ログを書けませんでした）"
    return str(path)


def _log(book: Any, action: str, outcome: Outcome) -> None:
    """A line in the 操作 sheet's log area (counts only: no names or addresses)."""
    try:
        if CONTROL_SHEET not in sheet_names(book):
            return
        sheet = book.sheets[CONTROL_SHEET]
        row = LOG_FIRST_ROW
        used = sheet.used_range
        last = used.row + used.rows.count - 1
        if last >= LOG_FIRST_ROW:
            column = sheet.range(f"B{LOG_FIRST_ROW}:B{last}").options(ndim=1).value or []
            filled = [i for i, v in enumerate(column) if v not in (None, "")]
            row = LOG_FIRST_ROW + (filled[-1] + 1 if filled else 0)
        sheet.range(f"B{row}").value = [[f"{dt.datetime.now():%Y/%m/%d %H:%M}", action or "",
                                         "完了" if outcome.ok else "要確認", outcome.summary]]
    except Exception:  # a log line is never worth failing the action for
        pass


# -- entry points -------------------------------------------------------------------------

def main() -> None:
    """The control workbook's 実行 button (``SampleCall``): the action chosen on 操作."""
    run_from_sheet(xw.Book.caller())


def check_ledger(*paths: str, today: dt.date | None = None) -> Outcome:
    """RunPython: 台帳チェック on the calling book (or on ``paths``)."""
    return run_from_sheet(xw.Book.caller(), CHECK, paths=list(paths) or None, today=today)


def create_notices(meeting_id: str | None = None, *paths: str, out_dir: str | None = None,
                   today: dt.date | None = None, pdf: bool | None = None, window_envelope: bool | None = None,
                   email: bool | None = None) -> Outcome:
    """RunPython: 開催通知作成 for ``meeting_id`` (default: the next meeting to notify);
    ``window_envelope`` / ``email`` as the 通知の形式 窓あき封筒 / メールの下書きも作る."""
    return run_from_sheet(xw.Book.caller(), NOTICES, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, today=today, pdf=pdf, window_envelope=window_envelope, email=email)


def create_agenda(fiscal_year: int | None = None, *paths: str, out_dir: str | None = None,
                  pdf: bool | None = None) -> Outcome:
    """RunPython: 全体会議次第作成 for ``fiscal_year`` (default: the latest plenary's year)."""
    return run_from_sheet(xw.Book.caller(), AGENDA, fiscal_year=fiscal_year, paths=list(paths) or None,
                          out_dir=out_dir, pdf=pdf)


def tally_budget(fiscal_year: int | None = None, *paths: str) -> Outcome:
    """RunPython: 予算集計 into a 予算集計 sheet of the calling book."""
    return run_from_sheet(xw.Book.caller(), BUDGET, fiscal_year=fiscal_year, paths=list(paths) or None)


def check_terms(*paths: str, today: dt.date | None = None) -> Outcome:
    """RunPython: 任期確認 into a 任期確認 sheet of the calling book."""
    return run_from_sheet(xw.Book.caller(), TERMS, paths=list(paths) or None, today=today)


def take_inventory(*paths: str, out_dir: str | None = None, as_of: dt.date | None = None,
                   today: dt.date | None = None) -> Outcome:
    """RunPython: 会議体の棚卸 as of ``as_of`` (default: 1 April of the 基準日's fiscal year)."""
    return run_from_sheet(xw.Book.caller(), INVENTORY, paths=list(paths) or None, out_dir=out_dir,
                          as_of=as_of, today=today)


def check_attendance(meeting_id: str | None = None, *paths: str, out_dir: str | None = None,
                     today: dt.date | None = None) -> Outcome:
    """RunPython: 出欠確認 of ``meeting_id`` (default: the 操作 sheet's 会議ID)."""
    return run_from_sheet(xw.Book.caller(), ATTENDANCE, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, today=today)


def create_meeting_agenda(meeting_id: str | None = None, *paths: str, out_dir: str | None = None,
                   pdf: bool | None = None) -> Outcome:
    """RunPython: 部会次第作成 of ``meeting_id`` (default: the 操作 sheet's 会議ID)."""
    return run_from_sheet(xw.Book.caller(), MEETING_AGENDA, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, pdf=pdf)


def create_minutes(meeting_id: str | None = None, *paths: str, out_dir: str | None = None,
                   pdf: bool | None = None) -> Outcome:
    """RunPython: 会議録作成 of ``meeting_id`` (default: the 操作 sheet's 会議ID)."""
    return run_from_sheet(xw.Book.caller(), MINUTES, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, pdf=pdf)


def create_labels(meeting_id: str | None = None, *paths: str, out_dir: str | None = None, pdf: bool | None = None,
                  layout: str | None = None, vertical: bool | None = None, start: int | str | None = None) -> Outcome:
    """RunPython: 宛名ラベル作成 of ``meeting_id``; ``layout`` ``"A4-12"``/``"A4-24"``,
    ``vertical``, ``start`` (default: the 操作 sheet's ラベル用紙 and ラベルの開始位置)."""
    return run_from_sheet(xw.Book.caller(), LABELS, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, pdf=pdf, label_layout=layout, label_vertical=vertical, label_start=start)


def compute_honoraria(meeting_id: str | None = None, *paths: str, fiscal_year: int | None = None,
                      out_dir: str | None = None, today: dt.date | None = None) -> Outcome:
    """RunPython: 謝金計算 of ``meeting_id``, else of ``fiscal_year`` (with the year's totals)."""
    return run_from_sheet(xw.Book.caller(), HONORARIA, meeting_id=meeting_id, paths=list(paths) or None,
                          fiscal_year=fiscal_year, out_dir=out_dir, today=today)


def create_appointments(council_id: str | None = None, *paths: str, start: dt.date | None = None,
                        out_dir: str | None = None, pdf: bool | None = None) -> Outcome:
    """RunPython: 委嘱状作成 of ``council_id`` (e.g. ``"K18"``) for the terms starting on ``start``
    (default: the 操作 sheet's 会議ID and 基準日)."""
    return run_from_sheet(xw.Book.caller(), APPOINTMENTS, meeting_id=council_id, paths=list(paths) or None,
                          today=start, out_dir=out_dir, pdf=pdf)


# -- xlwings Lite / Server: the runtime passes the book ------------------------------------

@xw.script(name="台帳チェック")
def script_check_ledger(book: xw.Book):
    """xlwings Lite/Server: 台帳チェック on this workbook."""
    run_from_sheet(book, CHECK)


@xw.script(name="開催通知作成")
def script_create_notices(book: xw.Book):
    """xlwings Lite/Server: 開催通知作成 (files are written where Python runs)."""
    run_from_sheet(book, NOTICES)


@xw.script(name="全体会議次第作成")
def script_create_agenda(book: xw.Book):
    """xlwings Lite/Server: 全体会議次第作成 (the file is written where Python runs)."""
    run_from_sheet(book, AGENDA)


@xw.script(name="予算集計")
def script_tally_budget(book: xw.Book):
    """xlwings Lite/Server: 予算集計 into a 予算集計 sheet."""
    run_from_sheet(book, BUDGET)


@xw.script(name="任期確認")
def script_check_terms(book: xw.Book):
    """xlwings Lite/Server: 任期確認 into a 任期確認 sheet."""
    run_from_sheet(book, TERMS)


@xw.script(name="出欠確認")
def script_check_attendance(book: xw.Book):
    """xlwings Lite/Server: 出欠確認 (files are written where Python runs)."""
    run_from_sheet(book, ATTENDANCE)


@xw.script(name="会議録作成")
def script_create_minutes(book: xw.Book):
    """xlwings Lite/Server: 会議録作成 (the file is written where Python runs)."""
    run_from_sheet(book, MINUTES)


@xw.script(name="会議体の棚卸")
def script_take_inventory(book: xw.Book):
    """xlwings Lite/Server: 会議体の棚卸 (files are written where Python runs)."""
    run_from_sheet(book, INVENTORY)


@xw.script(name="部会次第作成")
def script_create_meeting_agenda(book: xw.Book):
    """xlwings Lite/Server: 部会次第作成 (the file is written where Python runs)."""
    run_from_sheet(book, MEETING_AGENDA)


@xw.script(name="宛名ラベル作成")
def script_create_labels(book: xw.Book):
    """xlwings Lite/Server: 宛名ラベル作成 (the file is written where Python runs)."""
    run_from_sheet(book, LABELS)


@xw.script(name="謝金計算")
def script_compute_honoraria(book: xw.Book):
    """xlwings Lite/Server: 謝金計算 (files are written where Python runs)."""
    run_from_sheet(book, HONORARIA)


@xw.script(name="委嘱状作成")
def script_create_appointments(book: xw.Book):
    """xlwings Lite/Server: 委嘱状作成 (files are written where Python runs)."""
    run_from_sheet(book, APPOINTMENTS)


# Every action's @xw.script function, by the action's name (a test holds it to ACTION_NAMES).
SCRIPTS = {
    CHECK: script_check_ledger,
    NOTICES: script_create_notices,
    AGENDA: script_create_agenda,
    BUDGET: script_tally_budget,
    TERMS: script_check_terms,
    INVENTORY: script_take_inventory,
    ATTENDANCE: script_check_attendance,
    MEETING_AGENDA: script_create_meeting_agenda,
    MINUTES: script_create_minutes,
    LABELS: script_create_labels,
    HONORARIA: script_compute_honoraria,
    APPOINTMENTS: script_create_appointments,
}

# Every action's RunPython entry point, by the action's name.
RUN_PYTHON = {
    CHECK: check_ledger,
    NOTICES: create_notices,
    AGENDA: create_agenda,
    BUDGET: tally_budget,
    TERMS: check_terms,
    INVENTORY: take_inventory,
    ATTENDANCE: check_attendance,
    MEETING_AGENDA: create_meeting_agenda,
    MINUTES: create_minutes,
    LABELS: create_labels,
    HONORARIA: compute_honoraria,
    APPOINTMENTS: create_appointments,
}
