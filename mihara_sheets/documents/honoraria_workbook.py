"""The 支払明細 workbook (new file, XlsxWriter via :mod:`mihara_sheets.xlsx_out`).

Sheet 支払明細: one row per payment (氏名, 所属, 会議, 開催日, 区分, 予算節, 支給額, 源泉徴収額,
差引支給額, 支払方法, 備考); 差引支給額 and every 合計 row are formulas (with their values
cached, so a reader that does not calculate sees the same figures; a 合計 over no rows is a
plain 0, never a formula over an empty range). Payments of meetings not yet held come after
the 合計 rows under their own heading, marked 予定 in 備考, and are in no 合計. With a calendar
year (暦年, the tax year) or a fiscal year (年度, the budget's view; its third row says so and
points to the 暦年), a 年間集計 sheet: per person and body the period's 報酬・報償費 and tax
(給与支払報告書), and per payee the period's 謝金 (支払調書 when over ¥50,000). Names and
amounts only: no bank details.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..analyses.honoraria import KINDS, PayLine
from ..xlsx_out import WAREKI_FORMAT, SheetLayout, made_line, new_workbook

HEADER_ROW = 3  # zero-based: title, 作成日, blank, header
COLUMNS = ["No.", "氏名", "所属", "会議", "開催日", "区分", "予算節", "支給額", "源泉徴収額", "差引支給額", "支払方法", "備考"]
GROSS, TAX, NET = 7, 8, 9
KIND_COL, LINE_COL = 5, 6
BUDGET_LINES = ("報酬", "報償費", "旅費")
#: The 年間集計 sheet's third row: what the period is, and what to make the reports from.
BASIS_NOTES = {
    "暦年": "暦年（1月～12月に支払った分）の集計です。給与支払報告書・支払調書（1月31日提出）はこの集計から作成します。",
    "年度": "年度（4月～翌年3月）の集計です（予算の確認用）。給与支払報告書・支払調書は暦年の集計"
            "（mihara-sheets honoraria --year 2026 など）から作成してください。",
}


def _letter(col: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col]


def _formats(book: Any) -> dict[str, Any]:
    border = {"border": 1, "valign": "top"}
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "note": book.add_format({"font_color": "#595959"}),
        "header": book.add_format({**border, "bold": True, "bg_color": "#D9E1F2", "align": "center", "text_wrap": True}),
        "text": book.add_format({**border, "text_wrap": True}),
        "date": book.add_format({**border, "num_format": WAREKI_FORMAT}),
        "yen": book.add_format({**border, "num_format": "#,##0"}),
        "int": book.add_format({**border, "num_format": "0"}),
        "todo": book.add_format({**border, "font_color": "#C00000", "text_wrap": True}),
        "total_text": book.add_format({**border, "bold": True, "top": 2}),
        "total_yen": book.add_format({**border, "bold": True, "top": 2, "num_format": "#,##0"}),
    }


def write_payment_book(payments: list[PayLine], *, title: str, year_end: dict | None = None,
                       made_on: dt.date | None = None, ledger_name: str = "", author: str = "") -> bytes:
    """The 支払明細 workbook as bytes (the job writes them through its OutputFolder)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, title=title, author=author, subject="支払明細")
    formats = _formats(book)
    _payment_sheet(book, formats, payments, title, made_line(made_on, ledger_name))
    if year_end is not None:
        _year_sheet(book, formats, year_end, title, made_line(made_on, ledger_name))
    book.close()
    return buffer.getvalue()


def _payment_sheet(book: Any, f: dict, payments: list[PayLine], title: str, made: str) -> None:
    sheet = book.add_worksheet("支払明細")
    layout = SheetLayout(sheet, header_row=HEADER_ROW, landscape=True, freeze_cols=2)
    layout.title(f"支払明細　{title}", made, f["title"], f["note"])
    for col, header in enumerate(COLUMNS):
        layout.write(HEADER_ROW, col, header, f["header"])
    held = [p for p in payments if not p.planned]
    planned = [p for p in payments if p.planned]
    row = HEADER_ROW
    for n, p in enumerate(held, 1):
        row = HEADER_ROW + n
        _payment_row(sheet, layout, f, row, n, p)
    first, last = HEADER_ROW + 2, HEADER_ROW + 1 + len(held)  # Excel rows of the data
    row += 1

    total = (lambda col: f"=SUM({_letter(col)}{first}:{_letter(col)}{last})") if held else None  # None: plain 0s
    _total_row(sheet, layout, f, row, "合計", total, _sums(held))
    for label_col, labels, attr in ((KIND_COL, KINDS, "kind"), (LINE_COL, BUDGET_LINES, "budget_line")):
        for label in labels:
            subset = [p for p in held if getattr(p, attr) == label]
            if not subset:
                continue
            row += 1
            crit = f"{_letter(label_col)}{first}:{_letter(label_col)}{last}"
            head = f"{'区分' if attr == 'kind' else '予算節'}計：{label}"
            _total_row(sheet, layout, f, row, head,
                       lambda col, c=crit, lab=label: f'=SUMIF({c},"{lab}",{_letter(col)}{first}:{_letter(col)}{last})',
                       _sums(subset))
    if planned:
        row += 2
        layout.write(row, 1, "開催前の会議（予定額。上の合計に含めていません）", f["title"])
        for n, p in enumerate(planned, len(held) + 1):
            row += 1
            _payment_row(sheet, layout, f, row, n, p)
    layout.width(3, 30)
    layout.width(11, 30)
    layout.finish()


def _payment_row(sheet: Any, layout: SheetLayout, f: dict, row: int, n: int, p: PayLine) -> None:
    """One payment: its cells, 差引支給額 as a formula (blank while the tax is refused)."""
    excel_row = row + 1
    note = p.note
    values = [n, p.name, p.organization, p.meeting_title, p.date, p.kind, p.budget_line, p.gross]
    styles = ["int", "text", "text", "text", "date", "text", "text", "yen"]
    for col, (value, style) in enumerate(zip(values, styles)):
        layout.write(row, col, value, f[style])
    if p.withholding is None:
        layout.write(row, TAX, None, f["todo"])
        layout.write(row, NET, None, f["todo"])
        note = "源泉徴収額は税額表（月額表乙欄）で確認" + (f"、{note}" if note else "")
    else:
        layout.write(row, TAX, p.withholding, f["yen"])
        formula = f"={_letter(GROSS)}{excel_row}-{_letter(TAX)}{excel_row}"
        layout.track(row, NET, p.net)
        sheet.write_formula(row, NET, formula, f["yen"], p.net)
    layout.write(row, 10, p.method, f["text"])
    layout.write(row, 11, note, f["todo"] if p.withholding is None else f["text"])


def _sums(lines: list[PayLine]) -> dict[int, int]:
    return {GROSS: sum(p.gross for p in lines), TAX: sum(p.withholding or 0 for p in lines),
            NET: sum(p.gross - (p.withholding or 0) for p in lines if p.withholding is not None)}


def _total_row(sheet: Any, layout: SheetLayout, f: dict, row: int, label: str, formula, values: dict[int, int]) -> None:
    layout.write(row, 0, None, f["total_text"])
    layout.write(row, 1, label, f["total_text"])
    for col in range(2, GROSS):
        layout.write(row, col, None, f["total_text"])
    for col in (GROSS, TAX, NET):
        if formula is None:  # no rows to sum
            layout.write(row, col, values[col], f["total_yen"])
            continue
        layout.track(row, col, values[col])
        sheet.write_formula(row, col, formula(col), f["total_yen"], values[col])
    for col in (10, 11):
        layout.write(row, col, None, f["total_text"])


def _year_sheet(book: Any, f: dict, year: dict, title: str, made: str) -> None:
    sheet = book.add_worksheet("年間集計")
    layout = SheetLayout(sheet, header_row=HEADER_ROW, landscape=True, freeze_cols=1)
    layout.title(f"年間集計　{title}", made, f["title"], f["note"])
    sheet.write_string(2, 0, BASIS_NOTES.get(year.get("basis", "年度"), ""), f["note"])
    headers = ["氏名", "所属", "会議体", "日数", "報酬・報償費", "源泉徴収額", "28-7", "備考"]
    for col, header in enumerate(headers):
        layout.write(HEADER_ROW, col, header, f["header"])
    row = HEADER_ROW
    for row_data in year["salary"]:
        row += 1
        layout.write(row, 0, row_data["name"], f["text"])
        layout.write(row, 1, row_data["organization"], f["text"])
        layout.write(row, 2, row_data["council"], f["text"])
        layout.write(row, 3, row_data["days"], f["int"])
        layout.write(row, 4, row_data["gross"], f["yen"])
        layout.write(row, 5, row_data["withholding"], f["yen"])
        exempt = "・".join(f"{y}年分" for y in row_data.get("exempt_years", []))
        layout.write(row, 6, f"非課税の候補（{exempt}）" if exempt else "", f["text"])
        layout.write(row, 7, "源泉徴収額に未計算の月あり" if row_data["refused"] else "給与支払報告書に記載", f["text"])
    first, last = HEADER_ROW + 2, row + 1
    row += 1
    layout.write(row, 0, "合計", f["total_text"])
    for col in (1, 2, 3, 6, 7):
        layout.write(row, col, None, f["total_text"])
    for col, key in ((4, "gross"), (5, "withholding")):
        value = sum(r[key] for r in year["salary"])
        if not year["salary"]:  # no rows: a plain 0, not =SUM(E5:E4)
            layout.write(row, col, value, f["total_yen"])
            continue
        layout.track(row, col, value)
        sheet.write_formula(row, col, f"=SUM({_letter(col)}{first}:{_letter(col)}{last})", f["total_yen"], value)
    row += 2
    layout.write(row, 0, "講師謝金など（謝金）", f["title"])
    row += 1
    for col, header in enumerate(["支払先", "件数", "謝金", "源泉徴収額", "支払調書"]):
        layout.write(row, col, header, f["header"])
    for row_data in year["fees"]:
        row += 1
        layout.write(row, 0, row_data["name"], f["text"])
        layout.write(row, 1, row_data["count"], f["int"])
        layout.write(row, 2, row_data["gross"], f["yen"])
        layout.write(row, 3, row_data["withholding"], f["yen"])
        layout.write(row, 4, "要（5万円超）" if row_data["report_due"] else "不要", f["text"])
    layout.finish()
