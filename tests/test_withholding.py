"""源泉徴収 (issue 15): the 乙欄 rate and its rounding, the 10.21% / 20.42% split, no floats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mihara_sheets.analyses import withholding as tax


@pytest.mark.parametrize("amount, expected", [
    (7_000, 214),     # 214.41 → 214
    (9_500, 290),     # 290.985 → 290 (rounded down, not to nearest)
    (10_000, 306),    # 306.3
    (1, 0),
    (0, 0),
    (87_999, 2_695),  # 2695.40... the last amount the percentage covers
])
def test_otsu_below_88000_is_3063_percent_rounded_down(amount, expected):
    assert tax.salary_tax(amount) == expected
    assert isinstance(tax.salary_tax(amount), int)


@pytest.mark.parametrize("amount", [88_000, 88_001, 150_000])
def test_otsu_table_rows_are_refused_not_guessed(amount):
    with pytest.raises(tax.OverTable) as refused:
        tax.salary_tax(amount)
    assert refused.value.amount == amount


def test_a_month_is_rounded_once_and_shared_over_its_payments():
    # Two meetings of ¥9,500 in one month: the month's tax is floor(19,000 × 3.063%) = 581,
    # not 290 + 290 = 580.
    shares = tax.salary_tax_shares([9_500, 9_500])
    assert shares == [290, 291]
    assert sum(shares) == tax.salary_tax(19_000) == 581


def test_shares_refuse_when_the_month_reaches_the_table():
    with pytest.raises(tax.OverTable):
        tax.salary_tax_shares([50_000, 38_000])


@pytest.mark.parametrize("amount, expected", [
    (80_000, 8_168),
    (50_000, 5_105),
    (33_333, 3_403),          # 3403.29 → 3403
    (1_000_000, 102_100),
    (1_000_001, 102_100),     # 102100 + 0.2042 → 102100
    (1_000_005, 102_101),     # 102100 + 1.021 → 102101
    (1_500_000, 102_100 + 102_100),  # 500,000 × 20.42% = 102,100
])
def test_fee_is_1021_percent_and_2042_on_the_part_over_a_million(amount, expected):
    assert tax.fee_tax(amount) == expected


def test_fee_rate_from_the_settings_and_unreadable_ones():
    assert tax.parse_rate("10.21") == Decimal("10.21")
    assert tax.parse_rate("１０．２１％") == Decimal("10.21")
    assert tax.parse_rate(None) == tax.DEFAULT_FEE_RATE
    assert tax.parse_rate("十パーセント") is None
    assert tax.parse_rate("80") is None
    assert tax.fee_tax(80_000, Decimal("20.42")) == 16_336


def test_salary_withholding_can_be_turned_off():
    assert tax.salary_withholding_on("乙欄")
    assert tax.salary_withholding_on(None)
    assert not tax.salary_withholding_on("なし")
    assert not tax.salary_withholding_on(" なし ")


def test_percent_never_uses_floats():
    # 0.1 + 0.2 style errors would show at exact boundaries: 3.063% of 100,000 is 3,063 exactly.
    assert tax.percent_of(100_000, tax.OTSU_RATE) == 3_063
    assert tax.percent_of(1_000_000, Decimal("10.21")) == 102_100


@pytest.mark.parametrize("typed", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "-1"])
def test_a_nan_or_infinite_rate_is_unreadable_not_a_crash(typed):
    assert tax.parse_rate(typed) is None


def test_the_salary_setting_says_whether_it_was_understood():
    assert tax.salary_withholding_setting("乙欄") == (True, True)
    assert tax.salary_withholding_setting(None) == (True, True)
    assert tax.salary_withholding_setting("な し") == (False, True)
    assert tax.salary_withholding_setting("甲欄") == (True, False)  # unknown: 乙欄, and said so
    assert tax.salary_withholding_setting("源泉徴収しない") == (True, False)
