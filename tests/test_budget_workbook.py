"""The tally workbook read back: sheets, SUM formulas, cached values, chart, and a recalculation."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import xlsxwriter

from mihara_sheets import load_ledger
from mihara_sheets.budget import TallyOutputError, tally, write_tally_workbook
from mihara_sheets.budget.workbook import FIRST_DATA_ROW, HEADER_ROW
from mihara_sheets.ledger.records import BudgetLine

FIXTURES = Path(__file__).parent / "fixtures"
VIEW_SHEETS = ["年度別", "事業別", "発注先別", "科目別", "財源別", "会議体別"]


@pytest.fixture(scope="module")
def multi_year(tmp_path_factory):
    """The tally of two fixtures over five fiscal years, and its workbook."""
    result = tally(load_ledger(FIXTURES / "budget_multi_year.xlsx",
                               FIXTURES / "budget_thousand.xlsx"))
    path = write_tally_workbook(result, tmp_path_factory.mktemp("tally") / "集計.xlsx")
    return result, path


def _cached(path: Path) -> dict[str, list[list]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_one_sheet_per_view_then_tbd_and_declared_totals(multi_year):
    _, path = multi_year
    assert list(_cached(path)) == VIEW_SHEETS + ["金額未確定", "合計行の照合"]


def test_each_view_ends_in_sum_formulas_whose_cached_values_equal_the_tally(multi_year):
    result, path = multi_year
    formulas = openpyxl.load_workbook(path, read_only=False)  # reading only, never saved
    cached = _cached(path)
    for name, view in zip(VIEW_SHEETS, ["fiscal_year", "project", "vendor", "category",
                                         "funding", "council"]):
        groups = result.view(view)
        first = 1 if view == "fiscal_year" else 2  # column of 予算額
        total_row = FIRST_DATA_ROW + len(groups)  # zero-based
        sheet = formulas[name]
        excel_row = total_row + 1
        for offset, letter_index in enumerate((first, first + 1, first + 2, first + 4, first + 5)):
            letter = openpyxl.utils.get_column_letter(letter_index + 1)
            assert sheet[f"{letter}{excel_row}"].value == (
                f"=SUM({letter}{FIRST_DATA_ROW + 1}:{letter}{excel_row - 1})")
        row = cached[name][total_row]
        assert row[0] == "合計"
        total = result.total
        assert [int(v) for v in row[first:first + 3]] == [total.budget, total.contract,
                                                         total.spent]
        assert [int(v) for v in row[first + 4:first + 6]] == [total.lines, total.tbd]
        assert row[first + 3] == pytest.approx(float(total.execution_rate) / 100)
        # Each group's row holds its own figures under the SUM.
        for offset, group in enumerate(groups):
            values = cached[name][FIRST_DATA_ROW + offset]
            budget = values[first]
            if group.amounts.known_budget is None:
                assert budget == "金額未確定"
            else:
                assert budget == group.amounts.budget
            assert values[first + 2] == group.amounts.spent


def test_the_fiscal_year_sheet_is_labelled_in_wareki(multi_year):
    _, path = multi_year
    sheet = _cached(path)["年度別"]
    assert sheet[HEADER_ROW][0] == "年度"
    labels = [row[0] for row in sheet[FIRST_DATA_ROW:FIRST_DATA_ROW + 5]]
    assert labels == ["令和元年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度"]


def test_a_chart_of_budget_against_spent_per_year(multi_year):
    _, path = multi_year
    with zipfile.ZipFile(path) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = package.read(charts[0]).decode("utf-8")
    assert chart.count("<c:ser>") == 2
    references = [r.replace("'", "") for r in re.findall(r"<c:f>([^<]*)</c:f>", chart)]
    assert references == ["年度別!$B$4", "年度別!$A$5:$A$9", "年度別!$B$5:$B$9",  # 予算額
                          "年度別!$D$4", "年度別!$A$5:$A$9", "年度別!$D$5:$D$9"]  # 執行額


def test_tbd_and_declared_total_sheets(tmp_path):
    result = tally(load_ledger(FIXTURES / "budget_mismatch.xlsx"))
    sheets = _cached(write_tally_workbook(result, tmp_path / "t.xlsx"))
    tbd = sheets["金額未確定"]
    assert tbd[FIRST_DATA_ROW][:2] == ["相談窓口・支援業務の整理", "令和4年度"]
    assert tbd[FIRST_DATA_ROW + 1][:2] == ["件数", 1]
    declared = sheets["合計行の照合"][FIRST_DATA_ROW]
    assert declared[0] == "試行的事業の実施状況!E7"
    assert declared[4:8] == [5_545_000, 5_454_000, 91_000, "不一致"]


def test_ledger_text_that_looks_like_a_formula_stays_text(tmp_path):
    result = tally([BudgetLine("=HYPERLINK(\"http://example.invalid\")", 2024, budget=1)])
    path = write_tally_workbook(result, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path)["事業別"]
    assert sheet.cell(FIRST_DATA_ROW + 1, 1).data_type == "s"


def test_an_empty_tally_still_makes_a_valid_workbook(tmp_path):
    path = write_tally_workbook(tally([]), tmp_path / "空.xlsx")
    row = _cached(path)["年度別"][FIRST_DATA_ROW]
    assert row[:4] == ["合計", 0, 0, 0]


@pytest.mark.parametrize("name", ["集計.xls", "集計.csv", "集計"])
def test_the_output_must_be_xlsx(tmp_path, name):
    with pytest.raises(TallyOutputError, match=r"\.xlsx"):
        write_tally_workbook(tally([]), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(TallyOutputError, match="フォルダ"):
        write_tally_workbook(tally([]), tmp_path / "ない" / "集計.xlsx")


def test_an_unwritable_target_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "集計.xlsx"
    target.mkdir()  # a folder where the file should go: os.replace must fail
    with pytest.raises(TallyOutputError, match="保存できません"):
        write_tally_workbook(tally([]), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["集計.xlsx"]


def _recalculated(paths: list[Path], workdir: Path) -> list[Path]:
    """Open the files in LibreOffice with 'always recalculate' and save them again."""
    profile = workdir / "profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
        "</oor:items>\n",
        encoding="utf-8",
    )
    out = workdir / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), *map(str, paths)],
        check=True, capture_output=True, timeout=240,
    )
    return [out / p.name for p in paths]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_the_same_figures(multi_year, tmp_path):
    _, path = multi_year
    # A control file whose cached value is wrong proves that LibreOffice did recalculate.
    control = tmp_path / "control.xlsx"
    book = xlsxwriter.Workbook(str(control))
    book.add_worksheet().write_formula(0, 0, "=1+1", None, 99)
    book.close()
    recalculated_control, recalculated = _recalculated([control, path], tmp_path)
    assert _cached(recalculated_control)["Sheet1"][0][0] == 2
    before, after = _cached(path), _cached(recalculated)
    for name in VIEW_SHEETS + ["金額未確定", "合計行の照合"]:
        rows_before = [r for r in before[name][HEADER_ROW:] if any(c != "" for c in r)]
        rows_after = [r for r in after[name][HEADER_ROW:] if any(c != "" for c in r)]
        _assert_same(rows_after, rows_before)


def _assert_same(a: list[list], b: list[list]) -> None:
    assert len(a) == len(b)
    for row_a, row_b in zip(a, b):
        for x, y in zip(row_a, row_b):
            if isinstance(x, float) or isinstance(y, float):
                assert x == pytest.approx(y), (row_a, row_b)
            else:
                assert x == y, (row_a, row_b)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_total_row_without_an_amount_is_judged_no_amount_not_a_mismatch(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "台帳.xlsx"))
    sheet = book.add_worksheet("予算")
    for r, row in enumerate([["年度", "事業名", "予算額"], ["令和4年度", "アンケート調査", 3_454_000],
                             ["令和4年度", "会議体の調査", 2_000_000], ["計", "", ""],
                             ["令和5年度", "アンケート調査", 1_000], ["計", "", 1_000]]):
        sheet.write_row(r, 0, row)
    book.close()
    result = tally(load_ledger(tmp_path / "台帳.xlsx"))
    path = write_tally_workbook(result, tmp_path / "集計.xlsx")
    rows = _cached(path)["合計行の照合"][FIRST_DATA_ROW:FIRST_DATA_ROW + 2]
    assert [row[4:8] for row in rows] == [["記載なし", 5_454_000, "", "記載なし"], [1_000, 1_000, 0, "一致"]]
    (recalculated,) = _recalculated([path], tmp_path)
    after = _cached(recalculated)["合計行の照合"][FIRST_DATA_ROW:FIRST_DATA_ROW + 2]
    _assert_same([row[4:8] for row in after], [row[4:8] for row in rows])
