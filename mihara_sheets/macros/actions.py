"""The buttons' actions: each calls its job and shows the result in the workbook.

The jobs are the command line's own (:mod:`mihara_sheets.jobs`); what is here is only how
a result is shown inside Excel — an alert text, a チェック結果 or 予算集計 sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem
from .live import LiveLedger, absolute, book_folder
from .request import (AGENDA, APPOINTMENTS, ATTENDANCE, BUDGET, CHECK, HONORARIA, INVENTORY, LABELS, MEETING_AGENDA,
                      MINUTES, NOTICES, TERMS, MacroError, Request, sheet_names)

CHECK_SHEET = "チェック結果"
TERMS_SHEET = "任期確認"
PROBLEM_HEADER = ["重大度", "場所", "シート", "セル", "コード", "内容", "ファイル"]


@dataclass
class Outcome:
    """What an action did: the alert text, a one-line log summary, and whether all went well.

    ``result`` is the job's :class:`~mihara_sheets.jobs.JobResult` (``None`` when the
    action stopped before its job ran): the same result the command line presents.
    """

    message: str
    summary: str
    ok: bool = True
    result: Any = field(default=None, repr=False)


def outcome_of(result: Any, *, extra: Sequence[str] = ()) -> Outcome:
    """The alert of a job's result: what was done, then the problems to look at."""
    if result.stopped:
        text = "\n".join([*result.lines, *(p.message for p in result.problems)])
        return Outcome(text, result.summary or "中止", ok=False, result=result)
    text = with_problems("\n".join([*result.lines, *extra]), result.problems)
    return Outcome(text, result.summary, ok=result.ok, result=result)


def _out(book: Any, request: Request) -> Path | None:
    return absolute(request.out_dir, book_folder(book)) if request.out_dir else None


def check_ledger_in(book: Any, request: Request) -> Outcome:
    """台帳チェック: every problem of the ledger on a チェック結果 sheet of ``book``, at its cell."""
    from ..jobs import run_check

    source = LiveLedger(book, request)
    result = run_check(source, today=request.today)
    if result.stopped:
        return outcome_of(result)
    write_problem_sheet(book, CHECK_SHEET, result.problems, source)
    errors = sum(1 for p in result.problems if p.is_error)
    warnings = len(result.problems) - errors
    if not result.problems:
        message = "台帳チェックが終わりました。問題は見つかりませんでした。"
    elif errors:
        message = (f"台帳チェックが終わりました。エラー {errors}件、警告 {warnings}件が見つかりました。\n"
                   f"「{CHECK_SHEET}」シートの場所（シートとセル）を直してから、もう一度チェックしてください。")
    else:
        message = f"台帳チェックが終わりました。エラーはありません（警告 {warnings}件）。\n「{CHECK_SHEET}」シートで確認してください。"
    return Outcome(message, result.summary, ok=result.ok, result=result)


def create_notices_in(book: Any, request: Request) -> Outcome:
    """開催通知作成: the notices of one meeting (default: the next one), recorded in the ledger;
    in the 通知の形式 chosen (窓あき封筒, or メールの下書き too)."""
    import datetime as dt

    from ..jobs import NoticeRequest, run_notices

    notice = NoticeRequest([request.meeting_id] if request.meeting_id else [], _out(book, request),
                           request.pdf, issue_date=request.today or dt.date.today(),
                           window_envelope=request.window_envelope, email=request.email)
    return outcome_of(run_notices(LiveLedger(book, request), notice))


def create_agenda_in(book: Any, request: Request) -> Outcome:
    """全体会議次第作成: the plenary agenda of a fiscal year (default: the latest plenary's)."""
    from ..jobs import AgendaRequest, run_agenda

    return outcome_of(run_agenda(LiveLedger(book, request),
                                 AgendaRequest(request.fiscal_year, _out(book, request), request.pdf)))


def create_meeting_agenda_in(book: Any, request: Request) -> Outcome:
    """部会次第作成: the 次第 of the meeting in 会議ID (a 部会, the 運営会議…) from its 議題."""
    from ..jobs import AgendaRequest, run_agenda

    if not request.meeting_id:
        raise MacroError("「操作」シートの会議IDに、次第を作る会議の会議ID（例：K18-2026-03）を入力してください。")
    return outcome_of(run_agenda(LiveLedger(book, request),
                                 AgendaRequest(out=_out(book, request), pdf=request.pdf, meeting_id=request.meeting_id)))


def tally_budget_in(book: Any, request: Request) -> Outcome:
    """予算集計: the tally, shown on a 予算集計 sheet of ``book`` (by 年度, with 合計 and notes)."""
    from ..budget.rows import NUMBER_FORMATS, SHEET_NAME, WIDTHS, tally_rows
    from ..jobs import BudgetRequest, run_budget

    result = run_budget(LiveLedger(book, request), BudgetRequest(request.fiscal_year))
    if result.stopped:
        return outcome_of(result)
    tallied = result.product
    rows = [[_cell_value(v) for v in row] for row in tally_rows(tallied, honoraria=result.data.get("honoraria", ()))]
    sheet = fresh_sheet(book, SHEET_NAME, rows[0])
    width = max(len(r) for r in rows)
    sheet["A1"].value = [r + [""] * (width - len(r)) for r in rows]
    sheet.range((1, 1), (1, width)).font.bold = True
    years = len(tallied.by_fiscal_year)
    for col, header in enumerate(rows[0]):
        if header in NUMBER_FORMATS and years:
            sheet.range((2, col + 1), (years + 2, col + 1)).number_format = NUMBER_FORMATS[header]
    for col, chars in enumerate(WIDTHS):
        sheet.range((1, col + 1)).column_width = chars
    return outcome_of(result, extra=[f"「{SHEET_NAME}」シートに書き出しました。"])


def check_terms_in(book: Any, request: Request) -> Outcome:
    """任期確認: terms ended or ending soon, and seats above the limit, on a 任期確認 sheet."""
    from ..jobs import run_terms

    source = LiveLedger(book, request)
    result = run_terms(source, today=request.today, within=request.within)
    if result.stopped:
        return outcome_of(result)
    write_problem_sheet(book, TERMS_SHEET, result.problems, source)
    if result.problems:
        result.lines.append(f"詳しくは「{TERMS_SHEET}」シートを見てください。")
    return Outcome("\n".join(result.lines), result.summary, ok=True, result=result)


def take_inventory_in(book: Any, request: Request) -> Outcome:
    """会議体の棚卸: the inventory workbook, report and 公示 list, as of the 棚卸の基準日
    (default 1 April of the 基準日's fiscal year)."""
    from ..jobs import InventoryRequest, run_inventory

    return outcome_of(run_inventory(LiveLedger(book, request),
                                    InventoryRequest(out=_out(book, request), as_of=request.as_of,
                                                     today=request.today)))


def check_attendance_in(book: Any, request: Request) -> Outcome:
    """出欠確認: the replies and quorum of the 操作 sheet's meeting, with its rosters."""
    from ..jobs import AttendanceRequest, run_attendance

    return outcome_of(run_attendance(LiveLedger(book, request),
                                     AttendanceRequest(request.meeting_id or "", _out(book, request),
                                                       today=request.today)))


def create_minutes_in(book: Any, request: Request) -> Outcome:
    """会議録作成: the 会議録（案） of the meeting in 会議ID (counts only for a confidential body)."""
    from ..jobs import MinutesRequest, run_minutes

    if not request.meeting_id:
        raise MacroError("「操作」シートの会議IDに、会議録（案）を作る会議の会議ID（例：K18-2026-02）を入力してください。")
    return outcome_of(run_minutes(LiveLedger(book, request),
                                  MinutesRequest(request.meeting_id, _out(book, request), request.pdf,
                                                 today=request.today)))


def create_labels_in(book: Any, request: Request) -> Outcome:
    """宛名ラベル作成: labels for the 郵送 recipients of the meeting in 会議ID, on the ラベル用紙
    chosen (A4 12面 / 24面, 縦書き or not), from the ラベルの開始位置."""
    from ..jobs import LabelsRequest, run_labels

    if not request.meeting_id:
        raise MacroError("「操作」シートの会議IDに、宛名ラベルを作る会議の会議ID（例：K18-2026-03）を入力してください。")
    return outcome_of(run_labels(LiveLedger(book, request), LabelsRequest(
        request.meeting_id, request.label_layout, request.label_start, request.label_vertical,
        pdf=request.pdf, out=_out(book, request))))


def compute_honoraria_in(book: Any, request: Request) -> Outcome:
    """謝金計算: the payments of the 操作 sheet's meeting (会議ID), else of its 年度."""
    from ..jobs import HonorariaRequest, run_honoraria

    if not request.meeting_id and request.fiscal_year is None:
        raise MacroError("「操作」シートの会議ID（1つの会議）か年度（1年分と年間集計）を入力してください。")
    honoraria = HonorariaRequest(request.meeting_id or None, None if request.meeting_id else request.fiscal_year,
                                 out=_out(book, request), today=request.today)
    return outcome_of(run_honoraria(LiveLedger(book, request), honoraria))


def create_appointments_in(book: Any, request: Request) -> Outcome:
    """委嘱状作成: the renewal letters of the council in 会議ID (K18, or a meeting of it), from the 基準日."""
    from ..jobs import AppointmentRequest, run_appointments

    if not request.meeting_id:
        raise MacroError("「操作」シートの会議IDに、委嘱状を作る会議体の会議体ID（例：K18）を入力してください。")
    if request.today is None:
        raise MacroError("「操作」シートの基準日に、新しい任期の始まりの日（例：令和9年4月1日）を入力してください。")
    return outcome_of(run_appointments(LiveLedger(book, request), AppointmentRequest(
        request.meeting_id, request.today, _out(book, request), request.pdf)))


ACTIONS: dict[str, Callable[[Any, Request], Outcome]] = {
    CHECK: check_ledger_in,
    NOTICES: create_notices_in,
    AGENDA: create_agenda_in,
    BUDGET: tally_budget_in,
    TERMS: check_terms_in,
    INVENTORY: take_inventory_in,
    ATTENDANCE: check_attendance_in,
    MEETING_AGENDA: create_meeting_agenda_in,
    MINUTES: create_minutes_in,
    LABELS: create_labels_in,
    HONORARIA: compute_honoraria_in,
    APPOINTMENTS: create_appointments_in,
}


# -- showing results in the book -------------------------------------------------------------

def with_problems(text: str, problems: Sequence[Problem], limit: int = 5) -> str:
    """``text`` followed by the first ``limit`` problems (an alert has little room)."""
    if not problems:
        return text
    errors = sum(1 for p in problems if p.is_error)
    lines = [text, f"確認が必要な事項（エラー {errors}件、警告 {len(problems) - errors}件）:"]
    # Most messages begin with their place (「会議!D5の…」, 「設定シートに…」): not said twice.
    lines += [f"・[{p.severity_ja}] {p.message}" if not p.location or p.message.startswith(p.location)
              else f"・[{p.severity_ja}] {p.location} {p.message}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"ほか{len(problems) - limit}件")
    return "\n".join(lines)


def fresh_sheet(book: Any, name: str, header: Sequence[Any]) -> Any:
    """The sheet ``name`` emptied, or a new one after the last sheet.

    An existing sheet is emptied only when its first row is the heading this tool writes
    there: a sheet staff made under the same name is never wiped.
    """
    if name in sheet_names(book):
        sheet = book.sheets[name]
        first_row = sheet.range((1, 1), (1, len(header))).value
        first_row = first_row if isinstance(first_row, list) else [first_row]
        if [("" if v is None else v) for v in first_row] != list(header):
            raise MacroError(
                f"「{name}」という名前のシートが既にありますが、このツールが作ったシートではないため、"
                "上書きしませんでした。そのシートの名前を変えてから、もう一度実行してください。"
            )
        sheet.clear()
        return sheet
    from ..writer.book import GENERATED_MARK

    sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
    # The writer's mark of a generated sheet: once staff save the book, the command line
    # (budget --write-ledger) may replace this sheet too.
    sheet.names.add(GENERATED_MARK, "=TRUE")
    return sheet


def problem_rows(problems: Iterable[Problem], *, link_in: str | None = None) -> list[list[Any]]:
    """Rows of a チェック結果 sheet: a heading row, then one row per problem.

    When a problem sits in the book named ``link_in``, its 場所 is a HYPERLINK formula
    that jumps to the cell.
    """
    rows: list[list[Any]] = [list(PROBLEM_HEADER)]
    for p in problems:
        place: Any = p.location
        if link_in and p.sheet and p.cell and (p.file in (None, link_in)):
            target = p.sheet.replace("'", "''")
            shown = p.location.replace('"', '""')
            place = f"=HYPERLINK(\"#'{target}'!{p.cell}\",\"{shown}\")"
        rows.append([p.severity_ja, place, p.sheet or "", p.cell or "", p.code, p.message,
                     Path(p.file).name if p.file else ""])
    return rows


def write_problem_sheet(book: Any, name: str, problems: Sequence[Problem], source: LiveLedger) -> None:
    """A sheet listing ``problems``, linked to their cells when they are in ``book``."""
    link_in = book.name if book.name in source.live else None
    rows = problem_rows(problems, link_in=link_in)
    sheet = fresh_sheet(book, name, PROBLEM_HEADER)
    sheet["A1"].value = rows
    sheet["A1:G1"].font.bold = True
    for col, width in zip("ABCDEFG", (7, 22, 18, 7, 20, 80, 24)):
        sheet[f"{col}1"].column_width = width


def _cell_value(value: Any) -> Any:
    """A value for xlwings: a writer Formula becomes its formula text."""
    text = getattr(value, "text", None)
    if text is not None and hasattr(value, "cached"):
        return text if text.startswith("=") else "=" + text
    return value
