"""Income tax withheld from what the office pays: integer yen, never a float.

Two rules (the sources are in docs/honoraria.md):

- **報酬 as 給与** (所得税基本通達28-7: a 審議会・協議会 member's pay is employment income), paid
  without a 扶養控除等申告書: the 源泉徴収税額表 **月額表 乙欄** applied to the person's pay of
  the month. Below ¥88,000 in a month the tax is 3.063% of the amount, rounded down to the
  yen. The 乙欄 rows from ¥88,000 up are not encoded (the project has no sourced copy of
  them), so :func:`salary_tax` refuses such a month (:class:`OverTable`) instead of guessing.
- **謝金 to an individual** (所得税法204条・205条, with the 復興特別所得税): 10.21% of the
  payment, 20.42% on the part over ¥1,000,000, rounded down to the yen.

費用弁償 and 旅費 are not withheld (they are not income).
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

#: The first monthly amount the 乙欄 table gives in rows rather than as a percentage.
OTSU_TABLE_FROM = 88_000
#: 乙欄 below ¥88,000: 3.063% (3% income tax × 1.021 復興特別所得税).
OTSU_RATE = Decimal("3.063")
#: 所得税法205条: the rate doubles on the part of one payment over this amount.
FEE_STEP = 1_000_000
DEFAULT_FEE_RATE = Decimal("10.21")


class OverTable(Exception):
    """A month's 給与 at or above ¥88,000: the 乙欄 row is not encoded, so no tax is guessed."""

    def __init__(self, amount: int):
        self.amount = amount
        super().__init__(f"{amount} yen is at or above {OTSU_TABLE_FROM} (乙欄 table rows not encoded)")


def percent_of(amount: int, rate: Decimal) -> int:
    """``rate`` percent of ``amount`` yen, rounded down to the yen (Decimal arithmetic)."""
    if amount <= 0:
        return 0
    return int((Decimal(amount) * rate / 100).to_integral_value(rounding=ROUND_FLOOR))


def salary_tax(month_total: int) -> int:
    """The 乙欄 tax on one person's 給与 of one month; :class:`OverTable` from ¥88,000."""
    if month_total >= OTSU_TABLE_FROM:
        raise OverTable(month_total)
    return percent_of(month_total, OTSU_RATE)


def salary_tax_shares(amounts: list[int]) -> list[int]:
    """The month's 乙欄 tax split over its payments, in order, summing to the month's tax.

    Each payment carries the tax of the running total minus the tax before it, so the
    whole month is rounded once (a lone payment gets exactly ``floor(amount × 3.063%)``).
    """
    shares, before, running = [], 0, 0
    for amount in amounts:
        running += amount
        tax = salary_tax(running)
        shares.append(tax - before)
        before = tax
    return shares


def fee_tax(amount: int, rate: Decimal = DEFAULT_FEE_RATE) -> int:
    """The tax on one 謝金 to an individual: ``rate``%, twice ``rate`` on the part over ¥1,000,000."""
    if amount <= 0:
        return 0
    low, high = min(amount, FEE_STEP), max(amount - FEE_STEP, 0)
    total = Decimal(low) * rate / 100 + Decimal(high) * rate * 2 / 100
    return int(total.to_integral_value(rounding=ROUND_FLOOR))


def parse_rate(typed: str | None) -> Decimal | None:
    """The 設定 謝金の源泉徴収率 as a Decimal percent (「10.21」「10.21%」), or ``None`` if unreadable."""
    text = unicodedata.normalize("NFKC", str(typed or "")).strip().removesuffix("%").strip()
    if not text:
        return DEFAULT_FEE_RATE
    try:
        rate = Decimal(text)
    except InvalidOperation:
        return None
    if not rate.is_finite():  # NaN, sNaN, Infinity: a NaN cannot even be compared
        return None
    return rate if Decimal(0) <= rate < Decimal(50) else None


#: The 設定 報酬の源泉徴収 values read as 乙欄 (withhold) and as なし (do not).
SALARY_ON = ("", "乙欄", "月額表乙欄", "あり", "有", "有り", "する", "要")
SALARY_OFF = ("なし", "しない", "無", "無し", "不要")


def salary_withholding_setting(typed: str | None) -> tuple[bool, bool]:
    """The 設定 報酬の源泉徴収 read: ``(withhold, understood)``; an unknown value withholds (乙欄)."""
    text = "".join(unicodedata.normalize("NFKC", str(typed or "")).split())
    if text in SALARY_OFF:
        return False, True
    return True, text in SALARY_ON


def salary_withholding_on(typed: str | None) -> bool:
    """False when the 設定 報酬の源泉徴収 is なし (also 「しない」「無」); anything else is 乙欄."""
    return salary_withholding_setting(typed)[0]
