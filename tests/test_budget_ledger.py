"""The tally end to end: real .xlsx fixtures read by load_ledger (scripts/build_budget_fixtures.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.budget import run_budget, tally

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "budget_seed.xlsx"
MISMATCH = FIXTURES / "budget_mismatch.xlsx"
THOUSAND = FIXTURES / "budget_thousand.xlsx"
MULTI = FIXTURES / "budget_multi_year.xlsx"


def test_the_seeds_own_table_tallies_to_5454000_for_fy2022():
    result = tally(load_ledger(SEED), fiscal_year=2022)
    assert result.total.budget == 5_454_000
    (year,) = result.by_fiscal_year
    assert (year.key, year.amounts.budget, year.amounts.tbd) == (2022, 5_454_000, 1)
    (declared,) = result.declared_totals
    assert declared.label == "計" and declared.amount == 5_454_000 and declared.matches
    assert declared.location == "試行的事業の実施状況!E7"
    assert [t.project for t in result.tbd] == ["相談窓口・支援業務の整理"]
    assert {g.key: g.amounts.budget for g in result.by_vendor} == {
        "サーベイリサーチセンター": 3_454_000, "NTTデータ経営研究所": 2_000_000, None: 0}
    assert result.ok


def test_a_mistyped_total_is_reported_with_its_difference():
    result = tally(load_ledger(MISMATCH))
    (declared,) = result.declared_totals
    assert (declared.amount, declared.lines_sum, declared.difference) == (5_545_000, 5_454_000,
                                                                          91_000)
    assert not declared.matches and not result.ok
    assert result.total.budget == 5_454_000  # the lines, not the typo, make the total


def test_a_thousand_yen_sheet_tallies_in_whole_yen():
    result = tally(load_ledger(THOUSAND))
    projects = {g.key: g.amounts for g in result.by_project}
    assert projects["地域共生連携ネットワーク運営支援"].budget == 1_800_000
    assert projects["ネットワーク広報チラシ印刷"].contract == 287_500
    assert type(projects["ネットワーク広報チラシ印刷"].spent) is int
    assert result.total.budget == 2_250_000 and result.total.spent == 2_167_500
    (declared,) = result.declared_totals
    assert declared.amount == 2_250_000 and declared.matches
    assert {g.key for g in result.by_category} == {"委託料", "報償費", "需用費"}


def test_many_years_and_workbooks_tally_together():
    ledger = load_ledger(MULTI, THOUSAND)
    result = tally(ledger)
    assert [(g.key, g.amounts.budget) for g in result.by_fiscal_year] == [
        (2019, 500_000), (2022, 5_454_000), (2023, 1_900_000 + 2_250_000), (2024, 1_800_000),
        (2025, 2_000_000)]
    assert result.total.budget == 11_654_000 + 2_250_000
    assert [t.project for t in result.tbd] == ["相談窓口・支援業務の整理", "全体会議 講師謝礼"]
    assert len(result.declared_totals) == 7 and all(d.matches for d in result.declared_totals)
    # 節 13 (before FY2020) and 節 12 are one category: 委託料.
    categories = {g.key: g for g in result.by_category}
    assert categories["委託料"].amounts.budget == 500_000 + 5_454_000 + 1_800_000 * 3 + 2_000_000
    assert categories["委託料"].fiscal_years == (2019, 2022, 2023, 2024, 2025)
    councils = {g.key: g.amounts for g in result.by_council}
    assert councils["NW01"].budget == 5_600_000 and councils["NW01"].spent == 3_150_000
    assert result.to_dict()["by_council"][0]["label"] == "地域共生会議（NW01）"
    assert {g.key for g in result.by_funding} == {"一般財源", "国庫補助金", None}


def test_a_year_filter_across_workbooks():
    result = tally(load_ledger(MULTI, THOUSAND), fiscal_year=2024)
    assert result.total.budget == 1_800_000 and result.total.spent == 1_350_000
    assert str(result.total.execution_rate) == "75.0"
    assert [d.location for d in result.declared_totals] == ["予算!G15"]
    assert [t.project for t in result.tbd] == ["全体会議 講師謝礼"]


def test_json_has_the_documented_keys():
    data = json.loads(json.dumps(tally(load_ledger(SEED)).to_dict(), ensure_ascii=False))
    assert data["total"]["budget"] == 5_454_000
    assert data["by_fiscal_year"] == [{
        "fiscal_year": 2022, "label": "令和4年度", "budget": 5_454_000, "contract": 0,
        "spent": 0, "execution_rate": 0.0, "lines": 3, "tbd": 1}]
    for key in ("by_project", "by_vendor", "by_category", "by_funding", "by_council"):
        assert isinstance(data[key], list)
    assert data["tbd"][0]["project"] == "相談窓口・支援業務の整理"
    assert data["tbd"][0]["fiscal_year"] == 2022
    (declared,) = data["declared_totals"]
    assert {k: declared[k] for k in ("location", "amount", "lines_sum", "matches")} == {
        "location": "試行的事業の実施状況!E7", "amount": 5_454_000, "lines_sum": 5_454_000,
        "matches": True}
    desks = [p for p in data["by_project"] if p["project"] == "相談窓口・支援業務の整理"]
    assert desks[0]["budget"] is None  # 金額未確定, not 0


def test_run_budget_writes_the_workbook_and_json(tmp_path):
    paths = run_budget(load_ledger(SEED), tmp_path / "out")
    assert [p.name for p in paths] == ["予算集計.xlsx", "予算集計.json"]
    assert all(p.is_file() for p in paths)
    assert json.loads(paths[1].read_text(encoding="utf-8"))["total"]["budget"] == 5_454_000


def test_run_budget_refuses_a_workbook_open_in_excel(tmp_path):
    from mihara_sheets.budget import TallyOutputError

    (tmp_path / "~$予算集計.xlsx").write_bytes(b"\x00" * 165)
    with pytest.raises(TallyOutputError, match="Excelで開かれています"):
        run_budget(load_ledger(SEED), tmp_path)
