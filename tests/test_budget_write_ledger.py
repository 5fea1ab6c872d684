"""``--write-ledger``: the 予算集計 sheet put into a staff ledger through the write-back writer."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import python_calamine
import xlsxwriter
from click.testing import CliRunner

from mihara_sheets import load_ledger
from mihara_sheets.budget import tally, tally_rows
from mihara_sheets.cli import main
from mihara_sheets.writer import Formula

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    return CliRunner().invoke(main, ["budget", *map(str, args)], terminal_width=140)


def _copy(tmp_path: Path, name: str = "budget_multi_year.xlsx") -> Path:
    target = tmp_path / "台帳.xlsx"
    shutil.copy(FIXTURES / name, target)
    return target


def test_tally_rows_hold_sum_formulas_with_cached_values():
    result = tally(load_ledger(FIXTURES / "budget_multi_year.xlsx"))
    rows = tally_rows(result)
    assert rows[0][0] == "年度" and rows[1][0] == "令和元年度"
    total = rows[1 + len(result.by_fiscal_year)]
    assert total[0] == "合計"
    assert total[1] == Formula("=SUM(B2:B6)", cached=11_654_000)
    assert total[3] == Formula("=SUM(D2:D6)", cached=result.total.spent)
    assert total[4].cached == 0.783  # 9,129,000 ÷ 11,654,000 = 78.3 %
    assert ["※ 金額未確定: 相談窓口・支援業務の整理（予算!G8）"] in rows
    below_title = tally_rows(result, first_row=3)  # the heading on Excel row 3
    assert below_title[1 + len(result.by_fiscal_year)][1] == Formula("=SUM(B4:B8)", cached=11_654_000)


def test_tally_rows_note_a_mismatched_total():
    rows = tally_rows(tally(load_ledger(FIXTURES / "budget_mismatch.xlsx")))
    assert rows[-1] == ["※ 試行的事業の実施状況!E7 の計が上の行の合計と一致しません（差額 +91,000円）"]


def test_write_ledger_adds_the_sheet_and_keeps_the_rest(tmp_path):
    ledger = _copy(tmp_path)
    with zipfile.ZipFile(ledger) as before_zip:
        before = {n: before_zip.read(n) for n in before_zip.namelist()}
    result = run(ledger, "--write-ledger")
    assert result.exit_code == 0, result.output
    assert "「予算集計」シートを書き込みました" in result.stdout

    book = python_calamine.CalamineWorkbook.from_path(str(ledger))
    assert book.sheet_names == ["会議体", "予算", "予算集計"]
    sheet = book.get_sheet_by_name("予算集計").to_python()
    assert sheet[0][0] == "予算集計（全年度）" and sheet[1][0].startswith("作成日 令和")
    assert sheet[8][:4] == ["合計", 11_654_000, 9_529_000, 9_129_000]  # under 2 title lines
    formulas = openpyxl.load_workbook(ledger)["予算集計"]  # read only; never saved
    assert formulas["B9"].value == "=SUM(B4:B8)"
    # The staff's own sheets are byte for byte what they were.
    with zipfile.ZipFile(ledger) as after_zip:
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            assert after_zip.read(name) == before[name]
    # And the ledger still reads the same, the generated sheet being no ledger table.
    again = tally(load_ledger(ledger))
    assert again.total == tally(load_ledger(FIXTURES / "budget_multi_year.xlsx")).total


def test_write_ledger_twice_replaces_its_own_sheet(tmp_path):
    ledger = _copy(tmp_path)
    assert run(ledger, "--write-ledger").exit_code == 0
    assert run(ledger, "--fy", "2024", "--write-ledger").exit_code == 0
    book = python_calamine.CalamineWorkbook.from_path(str(ledger))
    assert book.sheet_names.count("予算集計") == 1
    assert book.get_sheet_by_name("予算集計").to_python()[3][0] == "令和6年度"


def test_write_ledger_never_replaces_a_sheet_staff_made(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    book = xlsxwriter.Workbook(str(ledger))
    budget = book.add_worksheet("予算")
    budget.write_row(0, 0, ["年度", "事業名称", "予算額"])
    budget.write_row(1, 0, [2024, "運営支援", 1_800_000])
    book.add_worksheet("予算集計").write(0, 0, "係長の手作業の集計")
    book.close()
    before = ledger.read_bytes()
    result = run(ledger, "--write-ledger")
    assert result.exit_code == 1  # a refused write-back: exit 1, as in every command
    assert "予算集計" in result.stdout and "置き換えません" in result.stdout
    assert ledger.read_bytes() == before


def test_write_ledger_into_a_workbook_open_in_excel_exits_1(tmp_path):
    ledger = _copy(tmp_path)
    (tmp_path / "~$台帳.xlsx").write_bytes(b"\x05" + "三原 花子".encode("utf-16-le") + b"\x00" * 150)
    before = ledger.read_bytes()
    result = run(ledger, "--write-ledger")
    assert result.exit_code == 1 and "書き込めません" in result.stdout and "閉じてもらってから" in result.stdout
    assert ledger.read_bytes() == before


def test_write_ledger_needs_an_excel_ledger(tmp_path):
    csv = tmp_path / "予算.csv"
    csv.write_text("年度,事業名称,予算額\n2024,運営支援,1800000\n", encoding="utf-8")
    result = run(csv, "--write-ledger")
    assert result.exit_code == 2
    assert "予算集計" in result.stderr and ".xlsx" in result.stderr


def test_the_ledger_sheet_notes_what_the_attendance_implies_for_linked_lines(tmp_path):
    """The sample's FY2026 報償費 and 旅費 lines are linked to the plenary (関連会議体ID):
    the sheet staff open says beside the tally what the 謝金 sheet commits them to."""
    from mihara_sheets.resources import sample_ledger_path

    ledger = tmp_path / "台帳.xlsx"
    shutil.copy(sample_ledger_path(), ledger)
    result = run(ledger, "--write-ledger")
    assert result.exit_code == 0, result.output
    rows = python_calamine.CalamineWorkbook.from_path(str(ledger)).get_sheet_by_name("予算集計").to_python()
    notes = [row[0] for row in rows if str(row[0]).startswith("※ 出欠・謝金からの見込み")]
    assert notes == [
        "※ 出欠・謝金からの見込み: 令和8年度 全体会議セミナー講師謝礼（7 報償費） 予算 60,000円・執行額 0円に対し 60,000円、残り0円",
        "※ 出欠・謝金からの見込み: 令和8年度 全体会議セミナー講師旅費（8 旅費） 予算 35,000円・執行額 0円に対し 12,340円、残り22,660円",
    ]


def test_a_linked_line_over_its_budget_and_one_without_an_amount_read_as_such():
    from mihara_sheets.budget.rows import honoraria_note

    over = {"fiscal_year": 2026, "project": "部会委員報酬", "setsu": "1 報酬", "budget": 50_000, "spent": 9_500,
            "implied": 57_000, "remaining": -7_000}
    assert honoraria_note(over).endswith("予算 50,000円・執行額 9,500円に対し 57,000円、予算を7,000円超えます")
    unknown = {**over, "budget": None, "remaining": None, "spent": None}
    assert honoraria_note(unknown).endswith("予算 金額未確定・執行額 0円に対し 57,000円")
    nothing = {**over, "implied": 0}
    rows = tally_rows(tally(load_ledger(FIXTURES / "budget_multi_year.xlsx")), honoraria=[nothing, over])
    assert [r for r in rows if r and str(r[0]).startswith("※ 出欠")] == [[honoraria_note(over)]]
