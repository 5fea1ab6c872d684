"""The tally workbook: a brand-new .xlsx made with XlsxWriter, one sheet per view.

Every total under a column is a real ``=SUM(...)`` (and every rate a formula) so an auditor
can trace it; each formula carries its cached value, so readers that do not calculate
(python-calamine, previews, mail clients) show the right figures before Excel recalculates.
This module only ever creates new files (an older tally it replaces is backed up first); it
never opens a staff workbook.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from .labels import (
    VIEW_HEADINGS,
    VIEW_TITLES,
    fiscal_year_label,
    group_label,
    years_label,
)
from .tally import VIEWS, BudgetTally, Group

HEADER_ROW = 3  # zero-based: the table's heading row is Excel row 4
FIRST_DATA_ROW = HEADER_ROW + 1

_AMOUNT_COLUMNS = ("予算額（円）", "契約額（円）", "執行額（円）", "執行率", "件数", "金額未確定（件）")


class TallyOutputError(Exception):
    """The tally workbook could not be written; ``str()`` is a message for staff.

    ``problem`` is the coded problem when there is one (``file-locked``, ``file-read-only``).
    """

    def __init__(self, message: str, problem: Any = None) -> None:
        super().__init__(message)
        self.problem = problem


BACKUPS_KEPT = 10


def _check_target(target: Path) -> None:
    """Refuse a target open in Excel or LibreOffice, or marked read-only."""
    from ..writer import saving
    from ..writer.errors import WriteRefused

    holder = saving.lock_holder(target)
    if holder:
        program = "LibreOffice" if holder.endswith("（LibreOffice）") else "Excel"
        refused = WriteRefused("file-locked", file=target, holder=holder)
        raise TallyOutputError(
            f"「{target.name}」が{program}で開かれています（{holder}）。閉じてからもう一度実行してください。",
            refused.problem,
        )
    try:
        if target.is_file():
            saving.check_writable(target, target.stat())
    except WriteRefused as refused:
        raise TallyOutputError(refused.message, refused.problem) from None


def _backup_existing(target: Path) -> None:
    """Keep the file about to be replaced in バックアップ beside it (newest ten kept)."""
    from ..writer import saving

    if not target.is_file():
        return
    try:
        saving.make_backup(target, target.parent / saving.BACKUP_DIR_NAME, BACKUPS_KEPT)
    except OSError as exc:
        raise TallyOutputError(
            f"集計表「{target.name}」の前の版をバックアップできないため、上書きしませんでした（{exc.strerror or exc}）。"
        ) from exc


def write_tally_workbook(tally: BudgetTally, path: str | os.PathLike[str], *, author: str = "",
                         made_on: dt.date | None = None, honoraria: Sequence[dict] = ()) -> Path:
    """Write the tally to a new .xlsx at ``path`` and return the path.

    Sheets: 年度別 (with a chart of budget against spent per year), 事業別, 発注先別,
    科目別, 財源別, 会議体別, 金額未確定, 合計行の照合, and 報酬等の見込み when ``honoraria``
    (the rows of :func:`mihara_sheets.analyses.honoraria.budget_link`) has any — each print-ready (A4, one page
    wide, the header row repeated; see :mod:`mihara_sheets.xlsx_out`), titled, with
    作成日 (``made_on``, default today) and the ledgers' names; ``author`` (設定 担当課)
    goes into the document properties. The file is written beside its target first and
    moved into place, so a failed run never leaves half a workbook. An existing file is
    kept in バックアップ beside it before it is replaced. Raises
    :class:`TallyOutputError` when the target is open in Excel or LibreOffice (their lock
    files), read-only, or not writable.
    """
    import xlsxwriter

    from ..xlsx_out import new_workbook

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise TallyOutputError(f"集計表の保存先「{target.name}」は .xlsx にしてください。")
    if not target.parent.is_dir():
        raise TallyOutputError(f"保存先のフォルダ「{target.parent}」がありません。")
    from ..writer import saving

    _check_target(target)  # Excel's ~$ and LibreOffice's .~lock.…# files, read-only
    saving.sweep_leftovers(target, target.parent / saving.BACKUP_DIR_NAME)
    temp = saving.temp_path_for(target)
    # Text from the ledger is data: never let "=..." or "http..." become a formula or link.
    book = new_workbook(temp, title=f"予算集計（{_scope(tally)}）", author=author)
    try:
        formats = _formats(book)
        made = made_on or dt.date.today()
        year_sheet = _write_view(book, formats, tally, "fiscal_year", made)
        _add_chart(book, year_sheet, tally)
        for view in VIEWS:
            _write_view(book, formats, tally, view, made)
        _write_tbd(book, formats, tally, made)
        _write_declared(book, formats, tally, made)
        if honoraria:
            _write_honoraria(book, formats, tally, honoraria, made)
        book.close()
        _check_target(target)  # opened while the tally was written: refuse, keep it
        _backup_existing(target)
        os.replace(temp, target)
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        raise TallyOutputError(
            f"集計表「{target.name}」を保存できません（{exc.__class__.__name__}）。"
            "保存先と、ファイルが開かれていないかを確認してください。"
        ) from exc
    finally:
        if temp.exists():
            temp.unlink()
    return target


def _scope(tally: BudgetTally) -> str:
    return fiscal_year_label(tally.fiscal_year) if tally.fiscal_year is not None else "全年度"


def _formats(book: Any) -> dict[str, Any]:
    border = {"border": 1, "valign": "vcenter"}
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "note": book.add_format({"font_color": "#595959"}),
        "header": book.add_format(
            {**border, "bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True}
        ),
        "text": book.add_format({**border, "text_wrap": True}),
        "yen": book.add_format({**border, "num_format": "#,##0"}),
        "int": book.add_format({**border, "num_format": "0"}),
        "rate": book.add_format({**border, "num_format": "0.0%"}),
        "tbd": book.add_format({**border, "align": "right", "font_color": "#C00000"}),
        "total_text": book.add_format({**border, "bold": True, "top": 2}),
        "total_yen": book.add_format({**border, "bold": True, "top": 2, "num_format": "#,##0"}),
        "total_int": book.add_format({**border, "bold": True, "top": 2, "num_format": "0"}),
        "total_rate": book.add_format({**border, "bold": True, "top": 2, "num_format": "0.0%"}),
    }


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col)


def _rate_formula(row: int, budget_col: int, spent_col: int) -> str:
    # N() turns the text 金額未確定 into 0, so a group without any amount shows no rate.
    b, s = _cell(row, budget_col), _cell(row, spent_col)
    return f'=IF(N({b})>0,ROUND({s}/N({b}),3),"")'


def _rate_value(rate: Decimal | None) -> float | str:
    # The cached value is the rate as a fraction (63.3 % → 0.633), as ROUND(...,3) gives.
    return "" if rate is None else float(rate / 100)


def _heading(sheet: Any, formats: dict[str, Any], tally: BudgetTally, title: str, made: dt.date,
             *, landscape: bool, freeze_cols: int = 1) -> Any:
    """Title, 作成日 and 台帳 line, the note; a :class:`SheetLayout` for the table below."""
    from ..xlsx_out import SheetLayout, ledger_names, made_line

    layout = SheetLayout(sheet, header_row=HEADER_ROW, landscape=landscape, freeze_cols=freeze_cols)
    sheet.write_string(0, 0, f"予算集計　{title}（{_scope(tally)}）", formats["title"])
    note = "金額の単位は円。合計は各列のSUM式。金額未確定の行は予算額に含めていません。"
    sheet.write_string(1, 0, made_line(made, ledger_names(tally.sources)), formats["note"])
    sheet.write_string(2, 0, note, formats["note"])
    return layout


def _header_row(layout: Any, formats: dict[str, Any], headers: list[str]) -> None:
    for col, text in enumerate(headers):
        layout.write(HEADER_ROW, col, text, formats["header"])


def _write_view(book: Any, formats: dict[str, Any], tally: BudgetTally, view: str, made: dt.date) -> Any:
    sheet = book.add_worksheet(VIEW_TITLES[view])
    layout = _heading(sheet, formats, tally, VIEW_TITLES[view], made, landscape=True)
    key_columns = [VIEW_HEADINGS[view]] + ([] if view == "fiscal_year" else ["年度"])
    headers = key_columns + list(_AMOUNT_COLUMNS)
    _header_row(layout, formats, headers)
    first = len(key_columns)  # column of 予算額
    groups: list[Group] = tally.view(view)
    for offset, group in enumerate(groups):
        row = FIRST_DATA_ROW + offset
        layout.write(row, 0, group_label(view, group, tally), formats["text"], wrap=True)
        if view != "fiscal_year":
            layout.write(row, 1, years_label(group.fiscal_years), formats["text"], wrap=True)
        _write_amounts(layout, formats, row, first, group.amounts)
    total_row = FIRST_DATA_ROW + len(groups)
    sheet.write_string(total_row, 0, "合計", formats["total_text"])
    if view != "fiscal_year":
        sheet.write_blank(total_row, 1, None, formats["total_text"])
    a = tally.total
    sums = (a.budget, a.contract, a.spent, None, a.lines, a.tbd)
    for index, value in enumerate(sums):
        col = first + index
        if index == 3:
            sheet.write_formula(total_row, col, _rate_formula(total_row, first, first + 2),
                                formats["total_rate"], _rate_value(a.execution_rate))
            continue
        layout.track(total_row, col, value)
        top, bottom = _cell(FIRST_DATA_ROW, col), _cell(max(total_row - 1, FIRST_DATA_ROW), col)
        fmt = formats["total_yen"] if index < 3 else formats["total_int"]
        formula = f"=SUM({top}:{bottom})" if groups else "=0"
        sheet.write_formula(total_row, col, formula, fmt, value)
    layout.width(0, min(max(layout.column_width(0), 14), 36))
    for col in range(first, first + 3):
        layout.width(col, max(layout.column_width(col), 13))
    layout.finish()
    return sheet


def _write_amounts(layout: Any, formats: dict[str, Any], row: int, first: int, a: Any) -> None:
    sheet = layout.sheet
    if a.known_budget is None:
        layout.write(row, first, "金額未確定", formats["tbd"])
    else:
        layout.write(row, first, a.budget, formats["yen"])
    layout.write(row, first + 1, a.contract, formats["yen"])
    layout.write(row, first + 2, a.spent, formats["yen"])
    sheet.write_formula(row, first + 3, _rate_formula(row, first, first + 2), formats["rate"],
                        _rate_value(a.execution_rate))
    layout.track(row, first + 3, "100.0%")
    layout.write(row, first + 4, a.lines, formats["int"])
    layout.write(row, first + 5, a.tbd, formats["int"])


def _add_chart(book: Any, sheet: Any, tally: BudgetTally) -> None:
    count = len(tally.by_fiscal_year)
    if not count:
        return
    name = VIEW_TITLES["fiscal_year"]
    last = FIRST_DATA_ROW + count - 1
    chart = book.add_chart({"type": "column"})
    for col, colour in ((1, "#5B9BD5"), (3, "#ED7D31")):
        chart.add_series({
            "name": [name, HEADER_ROW, col],
            "categories": [name, FIRST_DATA_ROW, 0, last, 0],
            "values": [name, FIRST_DATA_ROW, col, last, col],
            "fill": {"color": colour},
        })
    chart.set_title({"name": "年度別　予算額と執行額"})
    chart.set_y_axis({"name": "円", "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    # Under the table (row 合計 + 2), so the chart prints on the page without widening it.
    sheet.insert_chart(last + 3, 0, chart, {"x_scale": 1.3, "y_scale": 1.2})


def _write_tbd(book: Any, formats: dict[str, Any], tally: BudgetTally, made: dt.date) -> None:
    sheet = book.add_worksheet("金額未確定")
    layout = _heading(sheet, formats, tally, "金額未確定の行", made, landscape=False)
    headers = ["事業名称", "年度", "発注先", "ファイル", "場所"]
    _header_row(layout, formats, headers)
    for offset, t in enumerate(tally.tbd):
        row = FIRST_DATA_ROW + offset
        values = [t.project, fiscal_year_label(t.fiscal_year), t.vendor or "",
                  Path(t.file).name if t.file else "", t.location or ""]
        for col, value in enumerate(values):
            layout.write(row, col, value, formats["text"], wrap=True)
    total_row = FIRST_DATA_ROW + len(tally.tbd)
    sheet.write_string(total_row, 0, "件数", formats["total_text"])
    formula = (f"=COUNTA({_cell(FIRST_DATA_ROW, 0)}:{_cell(total_row - 1, 0)})"
               if tally.tbd else "=0")
    sheet.write_formula(total_row, 1, formula, formats["total_int"], len(tally.tbd))
    # Portrait A4 holds about 95 characters: the long columns share what is left.
    layout.width(0, min(layout.column_width(0), 30))
    layout.width(1, max(layout.column_width(1), 10))
    for col in (2, 3, 4):
        layout.width(col, min(layout.column_width(col), 18))
    layout.finish()


def _write_honoraria(book: Any, formats: dict[str, Any], tally: BudgetTally, rows: Sequence[dict],
                     made: dt.date) -> None:
    """報酬・報償費・旅費 lines beside what the attendance and the 謝金 sheet imply (issue 15)."""
    sheet = book.add_worksheet("報酬等の見込み")
    layout = _heading(sheet, formats, tally, "報酬・報償費・旅費と出欠からの見込み", made, landscape=True)
    sheet.write_string(2, 0, "見込み額は出欠シートの当日の記録と謝金シートから計算した支給額（源泉徴収前）。"
                             "残額＝予算額－見込み額（式）。", formats["note"])
    headers = ["年度", "事業名称", "節", "会議体", "予算額", "執行額", "見込み額", "残額"]
    _header_row(layout, formats, headers)
    for offset, r in enumerate(rows):
        row = FIRST_DATA_ROW + offset
        layout.write(row, 0, fiscal_year_label(r["fiscal_year"]), formats["text"])
        layout.write(row, 1, r["project"], formats["text"], wrap=True)
        layout.write(row, 2, r["setsu"] or "", formats["text"])
        layout.write(row, 3, r["council_id"] or "", formats["text"])
        for col, key in ((4, "budget"), (5, "spent"), (6, "implied")):
            value = r[key]
            if value is None:
                layout.write(row, col, "金額未確定" if key == "budget" else "", formats["tbd"])
            else:
                layout.write(row, col, int(value), formats["yen"])
        remaining = "" if r["budget"] is None else int(r["budget"]) - int(r["implied"])
        formula = f'=IF(ISNUMBER({_cell(row, 4)}),{_cell(row, 4)}-N({_cell(row, 6)}),"")'
        sheet.write_formula(row, 7, formula, formats["yen"], remaining)
        layout.track(row, 7, remaining)
    layout.width(1, min(layout.column_width(1), 30))
    layout.finish()


def _verdict(declared: Any) -> str:
    if declared.amount is None:
        return "記載なし"
    return "一致" if declared.matches else "不一致"


def _write_declared(book: Any, formats: dict[str, Any], tally: BudgetTally, made: dt.date) -> None:
    sheet = book.add_worksheet("合計行の照合")
    layout = _heading(sheet, formats, tally, "合計行（計・合計・小計）の照合", made, landscape=True)
    headers = ["場所", "ファイル", "区分", "年度", "記載の金額（円）", "上の行の合計（円）",
               "差額（円）", "判定", "行数", "うち金額未確定"]
    _header_row(layout, formats, headers)
    for offset, d in enumerate(tally.declared_totals):
        row = FIRST_DATA_ROW + offset
        layout.write(row, 0, d.location, formats["text"], wrap=True)
        layout.write(row, 1, Path(d.file).name if d.file else "", formats["text"], wrap=True)
        layout.write(row, 2, d.label, formats["text"], wrap=True)
        layout.write(row, 3, fiscal_year_label(d.fiscal_year), formats["text"], wrap=True)
        if d.amount is None:
            layout.write(row, 4, "記載なし", formats["tbd"])
        else:
            layout.write(row, 4, d.amount, formats["yen"])
        layout.write(row, 5, d.lines_sum, formats["yen"])
        e, f, g = _cell(row, 4), _cell(row, 5), _cell(row, 6)
        # A total row without an amount is not a mismatch: there is nothing to compare.
        sheet.write_formula(row, 6, f'=IF(ISNUMBER({e}),{e}-{f},"")', formats["yen"],
                            "" if d.amount is None else d.difference)
        layout.track(row, 6, d.difference if d.amount is not None else "")
        sheet.write_formula(row, 7, f'=IF(ISNUMBER({e}),IF({g}=0,"一致","不一致"),"記載なし")',
                            formats["text"], _verdict(d))
        layout.write(row, 8, d.lines, formats["int"])
        layout.write(row, 9, d.tbd_lines, formats["int"])
    for col in (0, 1):
        layout.width(col, min(layout.column_width(col), 24))
    for col in (4, 5, 6):
        layout.width(col, max(layout.column_width(col), 12))
    layout.finish()
