"""Budget jobs that touch files: the demo's run, and the 予算集計 sheet of a ledger."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .tally import BudgetTally, tally

if TYPE_CHECKING:  # pragma: no cover
    from ..ledger.ledger import Ledger

WORKBOOK_NAME = "予算集計.xlsx"
JSON_NAME = "予算集計.json"


def run_budget(
    ledger: Ledger, out_dir: str | os.PathLike[str], fiscal_year: int | None = None
) -> list[Path]:
    """Tally a ledger's budget into ``out_dir``: 予算集計.xlsx and 予算集計.json.

    For ``mihara-sheets demo`` and scripts. Creates ``out_dir`` if needed and returns the
    paths written. Never writes into the ledger itself (see :func:`write_ledger_sheet`).
    """
    return save_tally(tally(ledger, fiscal_year=fiscal_year), out_dir, author=ledger.settings.division or "")


def save_tally(result: BudgetTally, out_dir: str | os.PathLike[str], *, author: str = "",
               honoraria: Sequence[dict] = ()) -> list[Path]:
    """Write a tally into ``out_dir`` (made if needed): 予算集計.xlsx and 予算集計.json.

    ``author`` (設定 担当課) goes into the workbook's document properties; ``honoraria``
    (the budget link's rows) becomes its 報酬等の見込み sheet.
    """
    from .workbook import write_tally_workbook

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    workbook = write_tally_workbook(result, out / WORKBOOK_NAME, author=author, honoraria=honoraria)
    # The JSON through the output folder's manifest: an edited copy is kept as …（前回）.
    from ..outputs import OutputFolder

    outputs = OutputFolder(out)
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    data = outputs.write(JSON_NAME, text.encode("utf-8"))
    outputs.save_manifest()
    return [workbook, data]


def write_ledger_sheet(result: BudgetTally, ledger_path: str | os.PathLike[str],
                       ledger: Ledger | None = None, honoraria: Iterable[dict] = ()) -> Path:
    """Add (or replace) the 予算集計 sheet of a staff ledger, through the write-back writer.

    The sheet has a title, 作成日 and the ledgers' names above a bordered table, and prints
    on one A4 page wide with the header repeated. Everything else in the workbook is kept
    as it was. With the ``ledger`` the tally was
    made from, the budget rows of that file are first read again from the bytes being
    saved and must be what was tallied (else :class:`~mihara_sheets.budget.guard.BudgetChanged`,
    nothing written). ``honoraria`` (the budget link's rows) add a note per linked line
    under the table. Returns the ledger's path.
    """
    from ..ledger.spec import SETTINGS_NAMES
    from ..writer import edit_workbook
    from .guard import budget_sheets, check_budget_unchanged
    from .rows import NUMBER_FORMATS, SHEET_NAME, WIDTHS, sheet_title, tally_rows

    path = Path(ledger_path)
    with edit_workbook(path) as book:
        if ledger is not None:
            file = _file_in(ledger, path)
            sheets = budget_sheets(ledger.budget_lines, file)
            grids = book.grids([*sheets, *SETTINGS_NAMES])
            for grid in grids:
                grid.file = file  # the name the lines were read under
            check_budget_unchanged(grids, file, ledger.budget_lines, ledger.budget_totals, SHEET_NAME)
        title = sheet_title(result)
        book.put_sheet(SHEET_NAME, tally_rows(result, first_row=len(title) + 1, honoraria=honoraria), header=True, widths=WIDTHS,
                       number_formats=NUMBER_FORMATS, title=title, landscape=False, borders=True)
    return path


def _file_in(ledger: Ledger, path: Path) -> str:
    """The ledger's own name for the file at ``path`` (as its records' origins spell it)."""
    for line in ledger.budget_lines:
        if line.origin is None:
            continue
        try:
            if Path(line.origin.file).resolve() == path.resolve():
                return line.origin.file
        except OSError:
            continue
    return str(path)
