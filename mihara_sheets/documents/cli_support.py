"""Options and helpers the ``notices`` and ``agenda`` commands share (click, rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from ..ledger.ledger import Ledger

DEFAULT_OUT = "出力"
PROGRESS_FROM = 20  # recipients; smaller runs finish before a bar is worth drawing

OUT_OPTION = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="フォルダ",
    help="出力先のフォルダ。既定は設定シートの「出力フォルダ」（台帳と同じ場所から見た位置）、なければ「出力」。",
)
PDF_OPTION = click.option("--pdf", is_flag=True, help="Word文書をPDFにも変換する（LibreOffice が必要、まとめて1回で変換）。")
TEMPLATE_OPTION = click.option(
    "--template", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None, metavar="DOCX",
    help="同梱のものの代わりに使うテンプレート（.docx）。変数は templates/README.md を参照。",
)


def output_folder(ledger: Ledger, ledger_paths: Sequence[str], out: Path | None) -> Path:
    """``--out``, else the 設定 出力フォルダ (relative to the first ledger's folder), else 出力."""
    if out is not None:
        return out
    configured = (ledger.settings.output_folder or "").strip()
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else Path(ledger_paths[0]).resolve().parent / path
    return Path(DEFAULT_OUT)


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
