"""``mihara-sheets demo``: every job of the library, on the bundled sample ledger."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import click

from .common import EXIT_ERRORS, EXIT_OK, TODAY_OPTION, as_date, make_console, print_problems


@click.command()
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("mihara-demo"),
    show_default=True, help="出力先のフォルダ。サンプル台帳の写しもここに置きます。",
)
@click.option("--pdf", is_flag=True, help="LibreOfficeがあれば、文書をPDFにも変換する。")
@TODAY_OPTION
def demo(out_dir: Path, pdf: bool, today) -> None:
    """同梱のサンプル台帳（workbooks/sample_ledger.xlsx）で、すべての処理を実行します。

    サンプル台帳を出力先に写してから、その写しに対して次を行います（同梱の台帳は変更しません）。

    \b
      1. 台帳チェック（問題をセル番地つきで一覧）
      2. 次回の会議の開催通知（Word、宛名一覧、台帳の状態を「通知済」に更新）
      3. 全体会議の次第（Word）
      4. 予算集計（画面の表、集計ブック、台帳への「予算集計」シート）

    Runs every job on a copy of the bundled sample ledger and prints what it made.
    """
    from ..ledger.load import load_ledger
    from ..resources import sample_ledger_path

    today = as_date(today)
    out_dir.mkdir(parents=True, exist_ok=True)
    ledger_copy = out_dir / "sample_ledger.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger_copy)
    made: list[Path] = [ledger_copy]
    click.echo(f"サンプル台帳を {ledger_copy} に写しました。")

    click.echo("\n■ 1. 台帳チェック")
    ledger = load_ledger(ledger_copy, today=today)
    click.echo(
        f"会議体 {len(ledger.councils)}件、名簿 {len(ledger.members)}人、会議 {len(ledger.meetings)}件、"
        f"予算 {len(ledger.budget_lines)}行を読み込みました。"
    )
    print_problems(ledger.problems)
    failed = not ledger.ok

    failed |= _notices(ledger, out_dir, pdf, made, today)
    failed |= _agenda(ledger, out_dir, pdf, made)
    failed |= _budget(ledger_copy, out_dir, today, made)

    click.echo("\n■ 作成したファイル")
    for path in made:
        click.echo(f"  {path}")
    raise SystemExit(EXIT_ERRORS if failed else EXIT_OK)


def _notices(ledger, out_dir: Path, pdf: bool, made: list[Path], today: dt.date | None) -> bool:
    from ..documents import DocumentError, make_notices
    from ..documents.context import next_meeting_id

    meeting_id = next_meeting_id(ledger)
    click.echo(f"\n■ 2. 開催通知（会議ID {meeting_id}）")
    if meeting_id is None:
        click.echo("通知する予定の会議がありません。")
        return False
    try:
        result = make_notices(ledger, meeting_id, out_dir / "notices", pdf=pdf, update=True, issue_date=today)
    except DocumentError as error:
        click.echo(str(error), err=True)
        return True
    if result.problems:
        print_problems(result.problems, title="開催通知で見つかった問題")
    made.extend(result.files)
    made.extend(p for p in (result.combined, result.mailing_list) if p)
    made.extend(result.pdfs)
    click.echo(
        f"{len(result.recipients)}人分の通知を作りました（文書番号 {result.notice_no}）。"
        + ("台帳の状態を「通知済」にしました。" if result.updated else "")
    )
    return not result.ok


def _agenda(ledger, out_dir: Path, pdf: bool, made: list[Path]) -> bool:
    from ..documents import DocumentError, make_agenda
    from ..documents.context import latest_plenary_year
    from ..wareki import format_fiscal_year

    fiscal_year = latest_plenary_year(ledger)
    click.echo("\n■ 3. 全体会議の次第" + (f"（{format_fiscal_year(fiscal_year)}）" if fiscal_year else ""))
    if fiscal_year is None:
        click.echo("全体会議の記録がありません。")
        return False
    try:
        result = make_agenda(ledger, fiscal_year, out_dir, pdf=pdf)
    except DocumentError as error:
        click.echo(str(error), err=True)
        return True
    if result.problems:
        print_problems(result.problems, title="次第で見つかった問題")
    made.extend(p for p in (result.path, result.pdf) if p)
    return not result.ok


def _budget(ledger_path: Path, out_dir: Path, today: dt.date | None, made: list[Path]) -> bool:
    from ..budget import tally
    from ..budget.console import render
    from ..budget.run import run_budget, write_ledger_sheet
    from ..ledger.load import load_ledger
    from ..writer import WriteRefused

    click.echo("\n■ 4. 予算集計")
    # Read again: the notices step has just written the ledger copy.
    ledger = load_ledger(ledger_path, today=today)
    result = tally(ledger)
    render(result, make_console())
    made.extend(run_budget(ledger, out_dir))
    try:
        write_ledger_sheet(result, ledger_path)
    except WriteRefused as refused:
        click.echo(str(refused), err=True)
        return True
    click.echo(f"台帳の写し（{ledger_path.name}）に「予算集計」シートを加えました。")
    return not result.ok
