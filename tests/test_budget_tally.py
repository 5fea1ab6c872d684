"""The pure tally: records built directly, no files."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mihara_sheets.budget import VIEWS, category_of, execution_rate, tally
from mihara_sheets.ledger.ledger import Ledger
from mihara_sheets.ledger.records import (
    BudgetLine,
    BudgetTotal,
    Council,
    Origin,
    SheetLayout,
)
from mihara_sheets.problems import make_problem

LAYOUT = SheetLayout(
    file="seed.xlsx",
    sheet="試行的事業の実施状況",
    header_row=3,
    columns={"project": 0, "start": 3, "vendor": 4, "budget": 4},
)


def seed_ledger(declared: int = 5_454_000) -> Ledger:
    """The seed's section 4 as the reader gives it: no 年度 on the 相談窓口 line."""
    survey = BudgetLine("アンケート調査", 2022, vendor="サーベイリサーチセンター",
                        budget=3_454_000, origin=Origin(LAYOUT, 4))
    inventory = BudgetLine("地域共生関連分野の会議体の調査、見直しの整理", 2022,
                           vendor="NTTデータ経営研究所", budget=2_000_000, origin=Origin(LAYOUT, 5))
    desks = BudgetLine("相談窓口・支援業務の整理", None, origin=Origin(LAYOUT, 6))
    lines = [survey, inventory, desks]
    total = BudgetTotal("計", declared, 5_454_000, lines=lines, origin=Origin(LAYOUT, 7),
                        cell="E7")
    return Ledger(budget_lines=list(lines), budget_totals=[total], sources=["seed.xlsx"])


def test_seed_table_tallies_to_5454000_with_the_desks_line_tbd():
    result = tally(seed_ledger(), fiscal_year=2022)
    assert result.total.budget == 5_454_000
    assert result.total.lines == 3 and result.total.tbd == 1
    assert [g.key for g in result.by_fiscal_year] == [2022]
    assert [t.project for t in result.tbd] == ["相談窓口・支援業務の整理"]
    assert result.tbd[0].location == "試行的事業の実施状況!E6"
    (declared,) = result.declared_totals
    assert declared.matches and declared.location == "試行的事業の実施状況!E7"
    assert declared.tbd_lines == 1 and declared.lines == 3
    assert result.ok


def test_line_without_year_takes_the_year_of_its_total_row():
    result = tally(seed_ledger())
    assert [(g.key, g.amounts.lines) for g in result.by_fiscal_year] == [(2022, 3)]
    assert result.tbd[0].fiscal_year == 2022


def test_line_without_year_and_without_total_stays_unknown_and_sorts_last():
    lines = [BudgetLine("B", None, budget=1), BudgetLine("A", 2023, budget=2),
             BudgetLine("C", 2019, budget=4)]
    result = tally(lines)
    assert [g.key for g in result.by_fiscal_year] == [2019, 2023, None]
    assert [g.key for g in tally(lines, fiscal_year=2023).by_fiscal_year] == [2023]


def test_mismatched_total_shows_its_difference_and_is_not_ok():
    result = tally(seed_ledger(declared=5_545_000))
    (declared,) = result.declared_totals
    assert not declared.matches
    assert declared.difference == 91_000
    assert result.mismatched_totals == [declared]
    assert not result.ok


def test_a_total_row_without_an_amount_is_shown_but_is_no_mismatch():
    ledger = seed_ledger()
    ledger.budget_totals[0].amount = None
    result = tally(ledger)
    (declared,) = result.declared_totals
    assert declared.amount is None and not declared.matches
    assert result.mismatched_totals == [] and result.ok
    as_json = result.to_dict()["declared_totals"][0]
    assert (as_json["amount"], as_json["matches"], as_json["difference"]) == (None, None, None)
    assert as_json["lines_sum"] == 5_454_000


def test_ledger_errors_make_the_tally_not_ok():
    ledger = seed_ledger()
    ledger.problems.append(make_problem("invalid-amount", sheet="予算", cell="E5",
                                        value="三百万", header="予算額"))
    result = tally(ledger)
    assert not result.ok and len(result.ledger_errors) == 1
    assert result.total.budget == 5_454_000


def test_a_year_filter_keeps_only_that_years_totals():
    other = BudgetLine("運営", 2023, budget=10)
    ledger = seed_ledger()
    ledger.budget_lines.append(other)
    ledger.budget_totals.append(BudgetTotal("小計", 99, 10, lines=[other]))
    assert [d.fiscal_year for d in tally(ledger).declared_totals] == [2022, 2023]
    result = tally(ledger, fiscal_year=2022)
    assert [d.fiscal_year for d in result.declared_totals] == [2022]
    assert result.ok  # the mismatched 2023 小計 is not this year's business
    assert not tally(ledger, fiscal_year=2023).ok


def test_a_year_without_lines_is_an_empty_tally():
    result = tally(seed_ledger(), fiscal_year=2030)
    assert result.total.lines == 0 and result.by_fiscal_year == [] and result.tbd == []
    assert result.total.known_budget == 0 and result.total.execution_rate is None


def test_contract_and_spent_blank_add_nothing_and_rates_are_per_group():
    lines = [
        BudgetLine("運営支援", 2024, vendor="社協", budget=1_800_000, contract=1_800_000,
                   spent=1_350_000, setsu="12 委託料", funding="一般財源", council_id="NW01"),
        BudgetLine("講師謝礼", 2024, budget=100_000, spent=None, setsu="08 報償費",
                   council_id="NW03"),
    ]
    result = tally(lines)
    assert result.total.contract == 1_800_000 and result.total.spent == 1_350_000
    by_vendor = {g.key: g.amounts for g in result.by_vendor}
    assert by_vendor["社協"].execution_rate == Decimal("75.0")
    assert by_vendor[None].execution_rate == Decimal("0.0")
    assert [g.key for g in result.by_vendor] == ["社協", None]  # unfilled last
    assert {g.key for g in result.by_category} == {"委託料", "報償費"}
    assert {g.key for g in result.by_funding} == {"一般財源", None}


def test_group_with_only_tbd_lines_has_no_known_budget():
    result = tally([BudgetLine("相談窓口", 2022), BudgetLine("調査", 2022, budget=5)])
    groups = {g.key: g.amounts for g in result.by_project}
    assert groups["相談窓口"].known_budget is None
    assert groups["調査"].known_budget == 5
    assert result.total.known_budget == 5


def test_projects_keep_ledger_order_and_list_their_years():
    lines = [BudgetLine("運営", 2024, budget=1), BudgetLine("調査", 2022, budget=9),
             BudgetLine("運営", 2023, budget=1)]
    result = tally(lines)
    assert [(g.key, g.fiscal_years) for g in result.by_project] == [
        ("運営", (2023, 2024)), ("調査", (2022,))]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (BudgetLine("x", category="委託料", setsu="13 委託料"), "委託料"),
        (BudgetLine("x", setsu="12 委託料"), "委託料"),
        (BudgetLine("x", setsu="13 委託料"), "委託料"),  # before FY2020's renumbering
        (BudgetLine("x", setsu="１２　委託料"), "委託料"),
        (BudgetLine("x", setsu="節08 報償費"), "報償費"),
        (BudgetLine("x", setsu="12"), "12"),
        (BudgetLine("x"), None),
    ],
)
def test_category_is_kamoku_or_the_name_of_the_setsu(line, expected):
    assert category_of(line) == expected


@pytest.mark.parametrize(
    ("spent", "budget", "rate"),
    [
        (3_454_000, 3_454_000, Decimal("100.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (29, 2000, Decimal("1.5")),  # 1.45 exactly: half-up; float would give 1.4
        (1, 2000, Decimal("0.1")),
        (0, 5, Decimal("0.0")),
        (7, 5, Decimal("140.0")),
        (1, 0, None),
        (10**18 + 1, 10**18, Decimal("100.0")),
    ],
)
def test_execution_rate_is_exact_and_rounds_half_up(spent, budget, rate):
    assert execution_rate(spent, budget) == rate


def test_council_names_come_from_the_ledger():
    ledger = Ledger(councils=[Council("NW01", "地域共生会議")],
                    budget_lines=[BudgetLine("運営", 2024, budget=1, council_id="NW01")])
    result = tally(ledger)
    assert result.council_names == {"NW01": "地域共生会議"}
    assert result.to_dict()["by_council"][0]["council_name"] == "地域共生会議"


def test_unknown_view_is_refused():
    with pytest.raises(ValueError):
        tally([]).view("payday")


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))
lines_strategy = st.lists(
    st.builds(
        BudgetLine,
        project=st.sampled_from(["調査", "運営", "謝礼"]),
        fiscal_year=st.one_of(st.none(), st.integers(2019, 2026)),
        vendor=st.one_of(st.none(), st.sampled_from(["社協", "NTT"])),
        budget=amounts,
        contract=amounts,
        spent=amounts,
        setsu=st.one_of(st.none(), st.sampled_from(["12 委託料", "13 委託料", "08 報償費"])),
        funding=st.one_of(st.none(), st.just("一般財源")),
        council_id=st.one_of(st.none(), st.just("NW01")),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(lines_strategy)
def test_every_view_partitions_the_lines_in_integer_yen(lines):
    result = tally(lines)
    expected_budget = sum(line.budget for line in lines if line.budget is not None)
    assert result.total.budget == expected_budget
    assert result.total.tbd == sum(1 for line in lines if line.budget is None) == len(result.tbd)
    for view in ("fiscal_year", *VIEWS):
        groups = result.view(view)
        assert sum(g.amounts.budget for g in groups) == result.total.budget
        assert sum(g.amounts.spent for g in groups) == result.total.spent
        assert sum(g.amounts.contract for g in groups) == result.total.contract
        assert sum(g.amounts.lines for g in groups) == len(lines)
    data = result.to_dict()
    json.dumps(data)
    for money in _money_values(data):
        assert money is None or type(money) is int


MONEY_KEYS = {"budget", "contract", "spent", "amount", "lines_sum", "difference"}


def _money_values(data):
    """Every value stored under a money key, anywhere in the JSON-ready dict."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in MONEY_KEYS:
                yield value
            else:
                yield from _money_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from _money_values(item)
