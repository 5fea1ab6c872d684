"""Excel buttons for staff: every job of the library one click away, through xlwings.

Three ways in, one set of actions:

- ``main()``: what the control workbook's 実行 button runs. The workbook carries xlwings'
  standalone VBA, whose only macro (``SampleCall``) runs ``import <book name>;
  <book name>.main()`` — the workbook is therefore named ``mihara_sheets.macros.xlsm``.
  ``main()`` reads the chosen action and its inputs from the 操作 sheet (see
  :data:`CONTROL_CELLS`) and writes a line to the log area below them.
- RunPython entry points for a button in a ledger workbook: :func:`check_ledger`,
  :func:`create_notices`, :func:`create_agenda`, :func:`tally_budget`, :func:`check_terms`
  (``RunPython "import mihara_sheets.macros as m; m.check_ledger()"``).
- ``@xw.script`` functions (``script_*``) for xlwings Lite / Server, where the runtime passes
  the book.

Inside Excel the live workbook is the truth: when the calling book holds ledger sheets it is
the ledger (unsaved edits included); a ledger named on the 操作 sheet is read through Excel
when it is open in the same Excel, otherwise from disk. Results go into the live books
through xlwings, never into the file under an open workbook. Staff see a Japanese alert,
never a traceback. See docs/macros.md.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlwings as xw

from .problems import LedgerReadError, Problem

ALERT_TITLE = "地域共生 台帳ツール"
CONTROL_SHEET = "操作"
CHECK_SHEET = "チェック結果"
TERMS_SHEET = "任期確認"

# Action names as staff choose them on the 操作 sheet (the order of its list).
CHECK = "台帳チェック"
NOTICES = "開催通知作成"
AGENDA = "全体会議次第作成"
BUDGET = "予算集計"
TERMS = "任期確認"
ACTION_NAMES = (CHECK, NOTICES, AGENDA, BUDGET, TERMS)

# The 操作 sheet: one input per cell (column C), labels in column B. The build script lays
# the sheet out from these, so the two cannot drift apart.
CONTROL_CELLS = {
    "action": "C4",
    "meeting_id": "C5",
    "fiscal_year": "C6",
    "out_dir": "C7",
    "today": "C8",
    "pdf": "C9",
}
PATH_FIRST_ROW = 12  # ledger files: C12:C16
PATH_ROWS = 5
PATH_COLUMN = "C"
LOG_HEADER_ROW = 19
LOG_FIRST_ROW = 20  # log lines: B (日時), C (処理), D (結果), E (内容)
LOG_HEADER = ["日時", "処理", "結果", "内容"]

TERM_CODES = ("term-ended", "term-ending-soon", "concurrent-seats")
ERROR_LOG_NAME = "mihara_sheets_macro_error.log"


class MacroError(Exception):
    """A job that cannot be done, with a Japanese ``message`` a member of staff can act on."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Request:
    """What an action needs besides the book: the inputs of the 操作 sheet, or arguments.

    ``paths`` empty means "the calling book is the ledger". ``out_dir`` relative to the
    calling book's folder; ``None`` = the 設定 出力フォルダ, else 出力 beside the ledger.
    """

    action: str | None = None
    paths: list[str] = field(default_factory=list)
    meeting_id: str | None = None
    fiscal_year: int | None = None
    out_dir: str | None = None
    today: dt.date | None = None
    pdf: bool = False


@dataclass
class Outcome:
    """What an action did: the alert text, a one-line log summary, and whether all went well."""

    message: str
    summary: str
    ok: bool = True


@dataclass
class _Loaded:
    ledger: Any
    live: dict[str, Any]  # file name of a record's origin -> the open xlwings.Book
    folder: Path  # where the (first) ledger sits


# -- reading the ledger -------------------------------------------------------------------

def holds_ledger(book: Any) -> bool:
    """True when the book has a sheet named like a ledger table (会議体, 名簿, 会議, 予算...)."""
    from .ledger.headers import header_key
    from .ledger.spec import TABLES

    names = {header_key(n) for table in TABLES for n in table.names}
    return any(header_key(sheet.name) in names for sheet in book.sheets)


def load_for(book: Any, request: Request) -> _Loaded:
    """The ledger an action works on: the files of ``request.paths`` or the book itself.

    A file open in the same Excel is read through Excel (what staff see, unsaved edits
    included). Raises :class:`LedgerReadError` for files that cannot be read and
    :class:`MacroError` when there is no ledger at all.
    """
    from .ledger.load import ledger_from_grids, load_ledger_from_book, read_grids
    from .sources.xlwings_book import grids_from_book

    if not request.paths:
        if not holds_ledger(book):
            raise MacroError(
                f"このブックには台帳のシート（会議体・名簿・会議・予算など）がありません。"
                f"「{CONTROL_SHEET}」シートの「台帳ファイル」に台帳の場所を入力してください。"
            )
        return _Loaded(load_ledger_from_book(book, today=request.today), {book.name: book}, book_folder(book))
    files = [_absolute(p, book_folder(book)) for p in request.paths]
    open_books = list(_open_books(book))
    sources = [_find_open(open_books, path) or path for path in files]  # a Book or a Path
    on_disk = [s for s in sources if isinstance(s, Path)]
    from_disk: dict[str, list] = {}
    for grid in read_grids(*on_disk) if on_disk else []:  # raises for every unreadable file
        from_disk.setdefault(grid.file, []).append(grid)
    grids = []
    for source in sources:  # in the order staff listed them
        grids += from_disk.get(str(source), []) if isinstance(source, Path) else grids_from_book(source)
    ledger = ledger_from_grids(grids, today=request.today)
    ledger.sources = [str(s) if isinstance(s, Path) else s.name for s in sources]
    live = {s.name: s for s in sources if not isinstance(s, Path)}
    return _Loaded(ledger, live, files[0].parent)


def book_folder(book: Any) -> Path:
    """The folder of a workbook, or the current folder when it has none (new, online)."""
    fullname = str(getattr(book, "fullname", "") or "")
    if "://" in fullname:
        return Path.cwd()
    path = Path(fullname)
    return path.parent if path.is_absolute() else Path.cwd()


def _absolute(text: str, base: Path) -> Path:
    path = Path(os.path.expandvars(text.strip().strip('"')))
    return path if path.is_absolute() else base / path


def _open_books(book: Any) -> Iterable[Any]:
    try:
        return list(book.app.books)
    except Exception:  # an engine without a list of books: only the caller is known
        return [book]


def _find_open(books: Sequence[Any], path: Path) -> Any | None:
    """The open book that is ``path``: same full name, or same name when Excel gives no folder."""
    wanted = os.path.normcase(str(path))
    for other in books:
        fullname = str(other.fullname)
        if os.path.isabs(fullname) and os.path.normcase(fullname) == wanted:
            return other
        if os.path.isabs(fullname) and other.name == path.name and _same_file(fullname, path):
            return other  # the same file through a mapped drive and its UNC path
        if not os.path.isabs(fullname) and "://" not in fullname and other.name == path.name:
            return other
    return None


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def output_folder(loaded: _Loaded, request: Request, book: Any) -> Path:
    """The 操作 sheet's 出力フォルダ, else the 設定 出力フォルダ, else 出力 beside the ledger."""
    if request.out_dir:
        return _absolute(request.out_dir, book_folder(book))
    configured = (loaded.ledger.settings.output_folder or "").strip()
    if configured:
        return _absolute(configured, loaded.folder)
    return loaded.folder / "出力"


# -- the actions --------------------------------------------------------------------------

def check_ledger_in(book: Any, request: Request | None = None) -> Outcome:
    """台帳チェック: every problem of the ledger on a チェック結果 sheet of ``book``, at its cell."""
    request = request or Request()
    loaded = load_for(book, request)
    problems = loaded.ledger.problems
    _write_problem_sheet(book, CHECK_SHEET, problems, loaded)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    counts = f"エラー {errors}件、警告 {warnings}件"
    if not problems:
        message = "台帳チェックが終わりました。問題は見つかりませんでした。"
    elif errors:
        message = (f"台帳チェックが終わりました。{counts}が見つかりました。\n"
                   f"「{CHECK_SHEET}」シートの場所（シートとセル）を直してから、もう一度チェックしてください。")
    else:
        message = f"台帳チェックが終わりました。エラーはありません（警告 {warnings}件）。\n「{CHECK_SHEET}」シートで確認してください。"
    return Outcome(message, counts, ok=not errors)


def create_notices_in(book: Any, request: Request | None = None) -> Outcome:
    """開催通知作成: the notices of one meeting (default: the next one) into the output folder.

    The meeting's 状態/通知日/文書番号 are recorded in the live book when its ledger is open
    in Excel, and through the part-level writer when it is a closed file.
    """
    from .documents import make_notices
    from .documents.context import meeting_title

    request = request or Request()
    loaded = load_for(book, request)
    ledger = loaded.ledger
    meeting_id = request.meeting_id or _next_meeting_id(ledger)
    if meeting_id is None:
        raise MacroError("通知する予定の会議がありません。「会議ID」に会議シートの会議IDを入力してください。")
    meeting = ledger.meeting(meeting_id)
    if meeting is None:
        raise MacroError(f"会議ID「{meeting_id}」は会議シートにありません。会議IDを確認してください。")
    issue_date = request.today or dt.date.today()
    result = make_notices(ledger, meeting_id, output_folder(loaded, request, book),
                          pdf=request.pdf, update=False, issue_date=issue_date)
    title = meeting_title(ledger, meeting)
    if result.folder is None:  # nothing made: the plan had errors (no recipients...)
        return Outcome(_with_problems(f"{title}の開催通知を作成できませんでした。", result.problems),
                       f"{meeting_id}: 作成できず", ok=False)
    lines = [f"{title}の開催通知（{result.notice_no}）を{len(result.files)}件作成しました。",
             f"保存先: {result.folder}"]
    if result.pdfs:
        lines.append(f"PDF: {len(result.pdfs)}件")
    problems = list(result.problems)
    lines.append(_record(loaded, meeting, result.notice_no, issue_date, problems))
    ok = result.ok and not any(p.is_error for p in problems)
    summary = f"{meeting_id} {result.notice_no} {len(result.files)}件"
    return Outcome(_with_problems("\n".join(lines), problems), summary, ok=ok)


def create_agenda_in(book: Any, request: Request | None = None) -> Outcome:
    """全体会議次第作成: the plenary agenda of a fiscal year (default: the latest plenary's)."""
    from .documents import make_agenda
    from .wareki import format_fiscal_year

    request = request or Request()
    loaded = load_for(book, request)
    fiscal_year = request.fiscal_year or _plenary_fiscal_year(loaded.ledger)
    if fiscal_year is None:
        raise MacroError("台帳に全体会議の記録がありません。会議シートに全体会議の行を入力してください。")
    result = make_agenda(loaded.ledger, fiscal_year, output_folder(loaded, request, book), pdf=request.pdf)
    lines = [f"{format_fiscal_year(fiscal_year)}の全体会議の次第を作成しました。", f"保存先: {result.path}"]
    if result.pdf:
        lines.append(f"PDF: {result.pdf}")
    return Outcome(_with_problems("\n".join(lines), result.problems),
                   f"{format_fiscal_year(fiscal_year)} 次第", ok=result.ok)


def tally_budget_in(book: Any, request: Request | None = None) -> Outcome:
    """予算集計: a 予算集計 sheet in ``book`` (by 年度, with 合計 and notes) and the totals."""
    from .budget import tally
    from .budget.labels import fiscal_year_label, rate_text
    from .budget.rows import NUMBER_FORMATS, SHEET_NAME, WIDTHS, tally_rows

    request = request or Request()
    loaded = load_for(book, request)
    if not loaded.ledger.budget_lines:
        raise MacroError("台帳に予算の行がありません。予算シートを確認してください。")
    result = tally(loaded.ledger, fiscal_year=request.fiscal_year)
    rows = [[_cell_value(v) for v in row] for row in tally_rows(result)]
    sheet = _fresh_sheet(book, SHEET_NAME, rows[0])
    width = max(len(r) for r in rows)
    sheet["A1"].value = [r + [""] * (width - len(r)) for r in rows]
    sheet.range((1, 1), (1, width)).font.bold = True
    years = len(result.by_fiscal_year)
    for col, header in enumerate(rows[0]):
        if header in NUMBER_FORMATS and years:
            sheet.range((2, col + 1), (years + 2, col + 1)).number_format = NUMBER_FORMATS[header]
    for col, chars in enumerate(WIDTHS):
        sheet.range((1, col + 1)).column_width = chars
    total = result.total
    scope = fiscal_year_label(request.fiscal_year) if request.fiscal_year else "全年度"
    lines = [f"予算を集計し、「{SHEET_NAME}」シートに書き出しました（{scope}）。",
             f"予算額 {total.budget:,}円、執行額 {total.spent:,}円（執行率 {rate_text(total.execution_rate)}）。"]
    if result.tbd:
        lines.append(f"金額未確定の行が{len(result.tbd)}件あります。")
    if result.mismatched_totals:
        lines.append(f"小計・合計が上の行の合計と一致しない行が{len(result.mismatched_totals)}件あります（シート下の※）。")
    return Outcome("\n".join(lines), f"{scope} 予算額 {total.budget:,}円", ok=not result.mismatched_totals)


def check_terms_in(book: Any, request: Request | None = None) -> Outcome:
    """任期確認: members whose term has ended or ends soon, and seats above the limit, on a 任期確認 sheet."""
    from .wareki import format_date

    request = request or Request()
    loaded = load_for(book, request)
    found = [p for p in loaded.ledger.problems if p.code in TERM_CODES]
    _write_problem_sheet(book, TERMS_SHEET, found, loaded)
    count = {code: sum(1 for p in found if p.code == code) for code in TERM_CODES}
    today = request.today or dt.date.today()
    days = loaded.ledger.settings.term_alert_days
    limit = loaded.ledger.settings.concurrent_seat_limit
    lines = [f"任期を確認しました（基準日 {format_date(today)}）。",
             f"・任期が終了しているのに名簿に残っている委員: {count['term-ended']}件",
             f"・{days}日以内に任期が終了する委員: {count['term-ending-soon']}件",
             f"・兼職が上限（{limit}）を超える人: {count['concurrent-seats']}件"]
    lines.append(f"詳しくは「{TERMS_SHEET}」シートを見てください。" if found else "該当する委員はいません。")
    summary = "・".join(f"{n}件" for n in count.values())
    return Outcome("\n".join(lines), f"終了/間近/兼職 {summary}", ok=True)


ACTIONS: dict[str, Callable[[Any, Request], Outcome]] = {
    CHECK: check_ledger_in,
    NOTICES: create_notices_in,
    AGENDA: create_agenda_in,
    BUDGET: tally_budget_in,
    TERMS: check_terms_in,
}


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
    except Exception as exc:
        outcome = explain(exc)
        _finish(book, action or "", outcome)
        return outcome
    for key, value in overrides.items():
        if value is not None:
            setattr(request, key, value)
    return run_action(book, action or request.action or "", request)


def _finish(book: Any, action: str, outcome: Outcome) -> None:
    _log(book, action, outcome)
    try:
        book.app.alert(outcome.message, title=ALERT_TITLE, buttons="ok",
                       mode="info" if outcome.ok else "critical")
    except Exception:  # no window to show it in (a script run): the outcome is returned
        pass


def explain(exc: BaseException) -> Outcome:
    """The Japanese alert for an exception; unexpected ones leave a log file for support."""
    from .documents import DocumentError

    if isinstance(exc, MacroError):
        return Outcome(exc.message, "中止", ok=False)
    if isinstance(exc, LedgerReadError):
        lines = [p.message for p in exc.problems]
        return Outcome("台帳を読めませんでした。\n" + "\n".join(lines), "台帳を読めず", ok=False)
    if isinstance(exc, DocumentError):
        return Outcome(exc.message, f"中止（{exc.code}）", ok=False)
    if isinstance(exc, PermissionError):
        return Outcome("ファイルに書き込めませんでした。出力先のファイルをWordやExcelで開いていれば閉じてから、"
                       "もう一度実行してください。", "書き込めず", ok=False)
    where = _write_error_log(exc)
    return Outcome(
        f"予期しないエラーが発生しました（{type(exc).__name__}）。処理は中止しました。\n"
        f"担当者に、この画面と次のファイルを伝えてください: {where}",
        f"予期しないエラー（{type(exc).__name__}）", ok=False,
    )


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


def _with_problems(text: str, problems: Sequence[Problem], limit: int = 5) -> str:
    if not problems:
        return text
    errors = sum(1 for p in problems if p.is_error)
    lines = [text, f"確認が必要な事項（エラー {errors}件、警告 {len(problems) - errors}件）:"]
    lines += [f"・[{p.severity_ja}] {p.location} {p.message}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"ほか{len(problems) - limit}件")
    return "\n".join(lines)


def _log(book: Any, action: str, outcome: Outcome) -> None:
    """A line in the 操作 sheet's log area (counts only: no names or addresses)."""
    try:
        if CONTROL_SHEET not in _sheet_names(book):
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


# -- writing results into the live book ---------------------------------------------------

def _sheet_names(book: Any) -> list[str]:
    return [sheet.name for sheet in book.sheets]


def _fresh_sheet(book: Any, name: str, header: Sequence[Any]) -> Any:
    """The sheet ``name`` emptied, or a new one after the last sheet.

    An existing sheet is emptied only when its first row is the heading this tool writes
    there: a sheet staff made under the same name is never wiped.
    """
    if name in _sheet_names(book):
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
    from .writer.book import GENERATED_MARK

    sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
    # The writer's mark of a generated sheet: once staff save the book, the command line
    # (budget --write-ledger) may replace this sheet too.
    sheet.names.add(GENERATED_MARK, "=TRUE")
    return sheet


PROBLEM_HEADER = ["重大度", "場所", "シート", "セル", "コード", "内容", "ファイル"]


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


def _write_problem_sheet(book: Any, name: str, problems: Sequence[Problem], loaded: _Loaded) -> None:
    link_in = book.name if book.name in loaded.live else None
    rows = problem_rows(problems, link_in=link_in)
    sheet = _fresh_sheet(book, name, PROBLEM_HEADER)
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


def _record(loaded: _Loaded, meeting: Any, notice_no: str, issue_date: dt.date,
            problems: list[Problem]) -> str:
    """Record the notice on the meeting's row; one line telling staff what was done."""
    from .documents.writeback import FIELD_HEADERS, KEEP_STATUS, record_notice

    origin = meeting.origin
    live = loaded.live.get(origin.file) if origin is not None else None
    if live is None:  # a closed file: through the part-level writer
        found = record_notice(meeting, notice_no, issue_date)
        problems.extend(found)
        if any(p.code != "writeback-missing-column" for p in found):
            return "台帳に「通知済」を記録できませんでした（下の確認事項を見てください）。"
        return f"台帳（{Path(origin.file).name}）の会議シートに「通知済」・通知日・文書番号を記録しました。"
    values: dict[str, Any] = {"notice_date": issue_date, "notice_no": notice_no}
    if meeting.status not in KEEP_STATUS:
        values["status"] = "通知済"
    sheet = live.sheets[origin.sheet]
    missing = []
    for name, value in values.items():
        cell = origin.cell(name)
        if cell is None:
            missing.append(FIELD_HEADERS[name])
        else:
            sheet[cell].value = value
    text = f"開いている台帳の「{origin.sheet}」シート {origin.row}行目に記録しました（保存はしていません）。"
    if missing:
        text += f"\n会議シートに列「{'」「'.join(missing)}」がないため、その値は記録していません。"
    return text


def _next_meeting_id(ledger: Any) -> str | None:
    from .documents.context import next_meeting_id

    return next_meeting_id(ledger)


def _plenary_fiscal_year(ledger: Any) -> int | None:
    from .documents.context import latest_plenary_year

    return latest_plenary_year(ledger)


# -- the 操作 sheet -----------------------------------------------------------------------

def read_request(book: Any) -> Request:
    """The inputs on the 操作 sheet of ``book`` (an empty request when it has none).

    Raises :class:`MacroError` for an input that cannot be read (a 年度 or 基準日 typo).
    """
    if CONTROL_SHEET not in _sheet_names(book):
        return Request()
    sheet = book.sheets[CONTROL_SHEET]

    def text(key: str) -> str | None:
        value = sheet[CONTROL_CELLS[key]].value
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        shown = str(value).strip()
        return shown or None

    paths = sheet.range(f"{PATH_COLUMN}{PATH_FIRST_ROW}:{PATH_COLUMN}{PATH_FIRST_ROW + PATH_ROWS - 1}")
    return Request(
        action=text("action"),
        paths=[str(v).strip() for v in (paths.options(ndim=1).value or []) if v not in (None, "") and str(v).strip()],
        meeting_id=text("meeting_id"),
        fiscal_year=_fiscal_year(sheet[CONTROL_CELLS["fiscal_year"]].value),
        out_dir=text("out_dir"),
        today=_date(sheet[CONTROL_CELLS["today"]].value),
        pdf=(text("pdf") or "") in ("はい", "する", "○", "1", "TRUE", "True"),
    )


def _fiscal_year(value: Any) -> int | None:
    from .values import is_blank, parse_fiscal_year

    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_fiscal_year(value)
    except Exception:
        raise MacroError(f"「{CONTROL_SHEET}」シートの年度「{value}」を読めません。2026、令和8年度、R8 のように入力してください。") from None


def _date(value: Any) -> dt.date | None:
    from .values import is_blank, parse_date

    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return parse_date(value)
    except Exception:
        raise MacroError(f"「{CONTROL_SHEET}」シートの基準日「{value}」を読めません。令和8年11月28日 や 2026/11/28 の形で入力してください。") from None


# -- entry points -------------------------------------------------------------------------

def main() -> None:
    """The control workbook's 実行 button (``SampleCall``): the action chosen on 操作."""
    run_from_sheet(xw.Book.caller())


def check_ledger(*paths: str, today: dt.date | None = None) -> Outcome:
    """RunPython: 台帳チェック on the calling book (or on ``paths``)."""
    return run_from_sheet(xw.Book.caller(), CHECK, paths=list(paths) or None, today=today)


def create_notices(meeting_id: str | None = None, *paths: str, out_dir: str | None = None,
                   today: dt.date | None = None, pdf: bool | None = None) -> Outcome:
    """RunPython: 開催通知作成 for ``meeting_id`` (default: the next meeting to notify)."""
    return run_from_sheet(xw.Book.caller(), NOTICES, meeting_id=meeting_id, paths=list(paths) or None,
                          out_dir=out_dir, today=today, pdf=pdf)


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
