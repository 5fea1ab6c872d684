"""The console rendering and its labels: what staff read on screen."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from mihara_sheets.budget import tally
from mihara_sheets.budget.console import render
from mihara_sheets.budget.labels import fiscal_year_label, short_years_label
from mihara_sheets.ledger.records import BudgetLine

LINES = [
    BudgetLine("地域共生連携ネットワーク会議運営支援業務委託", 2023, vendor="三原市社会福祉協議会",
               budget=1_800_000, spent=1_800_000),
    BudgetLine("地域共生連携ネットワーク会議運営支援業務委託", 2024, vendor="三原市社会福祉協議会",
               budget=1_800_000, spent=1_350_000),
    BudgetLine("相談窓口・支援業務の整理", 2024),
]


def _screen(width: int, by: str = "project") -> str:
    buffer = io.StringIO()
    render(tally(LINES), Console(file=buffer, width=width, color_system=None), by=by)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [80, 140])
def test_figures_are_never_cut_whatever_the_width(width):
    screen = _screen(width)
    for figure in ("3,600,000", "3,150,000", "87.5%", "金額未確定", "3（未確定1）"):
        assert figure in screen
    assert "…" not in screen


def test_a_wide_screen_shows_the_years_of_each_project():
    assert "令和5〜6年度" in _screen(140)
    assert "令和5〜6年度" not in _screen(80)


def test_tbd_lines_are_listed_with_their_year():
    screen = _screen(120)
    assert "金額未確定の行が1件あります（合計に含めていません）" in screen
    assert "相談窓口・支援業務の整理（令和6年度）" in screen


def test_an_empty_year_says_so():
    buffer = io.StringIO()
    render(tally(LINES, fiscal_year=2030), Console(file=buffer, width=100), by="vendor")
    assert "令和12年度の予算の行がありません。" in buffer.getvalue()


@pytest.mark.parametrize(
    ("years", "label"),
    [
        ((2023, 2024, 2025), "令和5〜7年度"),
        ((2019, 2020), "令和元〜2年度"),
        ((2018, 2019), "平成30年度、令和元年度"),  # two eras: spelled out
        ((2022, 2024), "令和4年度、令和6年度"),  # a gap: spelled out
        ((2022, None), "令和4年度、年度不明"),
        ((2022,), "令和4年度"),
    ],
)
def test_short_years_label(years, label):
    assert short_years_label(years) == label


def test_fiscal_year_label():
    assert fiscal_year_label(2019) == "令和元年度"
    assert fiscal_year_label(None) == "年度不明"


def test_a_total_row_without_an_amount_is_named():
    from mihara_sheets.ledger.records import BudgetTotal, Origin, SheetLayout

    layout = SheetLayout(file="a.xlsx", sheet="予算", header_row=1, columns={"budget": 2})
    total = BudgetTotal("計", None, 3_600_000, lines=LINES[:2], origin=Origin(layout, 4),
                        cell="C4")
    buffer = io.StringIO()
    render(tally(LINES, totals=[total]), Console(file=buffer, width=120), by="vendor")
    assert "予算!C4 の計 には金額の記載がありません（上の行の合計 3,600,000円）" in buffer.getvalue()
