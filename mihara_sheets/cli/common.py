"""What every subcommand shares: loading ledgers without tracebacks, printing problems."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import PurePath
from typing import Any, Iterable, NoReturn

import click

from ..problems import LedgerReadError, Problem

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2

LEDGER_ARGUMENT = click.argument(
    "ledgers", nargs=-1, required=True,
    # readable=False: an unreadable file is the reader's coded file-unreadable, in Japanese
    type=click.Path(dir_okay=True, readable=False, path_type=str),
)


class LedgerDate(click.ParamType):
    """A date as staff type it — 2026-12-01, 2026/12/01, 令和8年12月1日, R8.12.1 — within the
    years a ledger date may take (``values.MIN_DATE``–``MAX_DATE``). Converts to ``datetime.date``."""

    name = "日付"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click's signature
        from ..values import MAX_DATE, MIN_DATE, ValueProblem, parse_date

        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:  # an ISO date is taken as it is, so one outside the years is told as such
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = None
        try:
            date = date or parse_date(text)
        except (ValueProblem, ValueError, TypeError):
            self.fail(f"日付「{value}」を読めません。2026-04-01、2026/4/1、令和8年4月1日 のように指定してください。",
                      param, ctx)
        date = date.date() if isinstance(date, dt.datetime) else date
        if not MIN_DATE <= date <= MAX_DATE:
            self.fail(f"日付「{value}」は扱える範囲（{MIN_DATE}～{MAX_DATE}）の外です。", param, ctx)
        return date


TODAY_OPTION = click.option(
    "--today",
    type=LedgerDate(),
    default=None,
    help="任期の確認に使う基準日（2026-12-01 や 令和8年12月1日、既定は今日）。",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="結果をJSONで出力する（スクリプト向け）。")


class FiscalYear(click.ParamType):
    """A 年度 as staff type it: 2022, 2022年度, 令和4年度, R4, 令和元年度 (for --fy)."""

    name = "年度"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click's signature
        if isinstance(value, int):
            return value
        # The same rule as a 年度 cell in the ledger, so staff can type what they type there.
        from ..values import ValueProblem, parse_fiscal_year

        try:
            return parse_fiscal_year(str(value))
        except ValueProblem:
            self.fail(f"年度「{value}」を読めません。2022、令和4年度、R4 のように指定してください。",
                      param, ctx)


def as_date(value: dt.date | None) -> dt.date | None:
    """A date option's value as ``datetime.date`` (a datetime loses its time)."""
    return value.date() if isinstance(value, dt.datetime) else value


def finish(result, *, as_json: bool = False, title: str = "確認が必要な事項", show_lines: bool = True,
           problems_always: bool = False) -> NoReturn:
    """Present a job's result — its lines and problems, or JSON — and exit with its code.

    ``problems_always``: print the problem table's count line even when there is none
    (台帳チェック: 「問題は見つかりませんでした。」).
    """
    if as_json:  # stdout carries the JSON only; what was done goes to stderr for a person
        for line in result.lines:
            click.echo(line, err=True)
        emit_json(result.to_dict())
    else:
        if show_lines:
            for line in result.lines:
                click.echo(line)
        if result.stopped:
            for problem in result.problems:
                click.echo(f"[{problem.severity_ja}] {problem.code}: {problem.message}", err=True)
        elif result.problems or problems_always:
            print_problems(result.problems, title=title)
    sys.exit(result.exit_code)


def load_or_exit(paths: Iterable[str], *, today: dt.date | None = None, as_json: bool = False):
    """Load ledgers; on a file that cannot be read, print why (no traceback) and exit 2."""
    from ..loading import load_ledger

    try:
        return load_ledger(*paths, today=today)
    except LedgerReadError as error:
        if as_json:
            emit_json({"ok": False, "problems": [p.to_dict() for p in error.problems]})
        else:
            for problem in error.problems:
                click.echo(f"[{problem.severity_ja}] {problem.code}: {problem.message}", err=True)
        sys.exit(EXIT_UNREADABLE)


def emit_json(data: Any) -> None:
    """Print JSON with Japanese kept readable and dates as ISO strings."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def make_console():
    """A rich console: the terminal's width, or wide lines when output goes to a pipe/log."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def print_problems(problems: list[Problem], *, title: str = "台帳チェックの結果") -> None:
    """A table of problems (severity, cell, code, message) and a count line."""
    from rich.table import Table
    from rich.text import Text

    console = make_console()
    if problems:
        table = Table(title=title, show_lines=False, title_justify="left")
        table.add_column("重大度", no_wrap=True)
        table.add_column("場所", no_wrap=True)
        table.add_column("コード", no_wrap=True)
        table.add_column("内容", overflow="fold")  # Japanese has no spaces to wrap at
        for problem in problems:
            style = "bold red" if problem.is_error else "yellow"
            # Places and messages quote cells: shown as typed, never read as rich markup.
            table.add_row(
                Text(problem.severity_ja, style=style), Text(problem.location), Text(problem.code),
                Text(problem.message),
            )
        console.print(table)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        console.print(f"[bold red]エラー {errors}件[/]、警告 {warnings}件。エラーを直してから処理してください。")
    elif warnings:
        console.print(f"エラーはありません（警告 {warnings}件）。")
    else:
        console.print("問題は見つかりませんでした。")


def fail(message: str, code: int = EXIT_UNREADABLE) -> NoReturn:
    """Print a Japanese message for staff and exit with ``code``."""
    click.echo(message, err=True)
    sys.exit(code)
