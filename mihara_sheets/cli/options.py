"""Options and helpers the document commands share (click, rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

PROGRESS_FROM = 20  # recipients; smaller runs finish before a bar is worth drawing

OUT_OPTION = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="フォルダ",
    help="出力先のフォルダ。既定は設定シートの「出力フォルダ」（台帳のある場所から見た位置）、"
         "なければ最初の台帳と同じ場所の「出力」フォルダ（Excelのボタンと同じ決まり）。",
)
PDF_OPTION = click.option("--pdf", is_flag=True, help="Word文書をPDFにも変換する（LibreOffice が必要、まとめて1回で変換）。")
TEMPLATE_OPTION = click.option(
    "--template", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None, metavar="DOCX",
    help="同梱のものの代わりに使うテンプレート（.docx）。変数は templates/README.md を参照。",
)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on stderr, drawn only for long batches; yields ``advance(done, total)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_FROM:
            return
        if task is None:
            progress.start()
            task = progress.add_task(label, total=total)
        progress.update(task, completed=done)

    try:
        yield advance
    finally:
        if task is not None:
            progress.stop()
