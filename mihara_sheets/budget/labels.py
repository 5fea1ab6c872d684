"""Japanese labels for tally keys, used at the edges (console, JSON, workbook).

A key that was left blank in the ledger is shown as what it is (「発注先未記入」), never as
an empty cell, so nobody mistakes it for a vendor called "".
"""

from __future__ import annotations

from decimal import Decimal

from .tally import BudgetTally, Group

#: Column heading of each view's key, as staff read it.
VIEW_HEADINGS = {
    "fiscal_year": "年度",
    "project": "事業名称",
    "vendor": "発注先",
    "category": "科目",
    "funding": "財源",
    "council": "関連会議体",
}

#: Sheet / section title of each view.
VIEW_TITLES = {
    "fiscal_year": "年度別",
    "project": "事業別",
    "vendor": "発注先別",
    "category": "科目別",
    "funding": "財源別",
    "council": "会議体別",
}

_BLANK = {
    "fiscal_year": "年度不明",
    "project": "（事業名なし）",
    "vendor": "（発注先未記入）",
    "category": "（科目未記入）",
    "funding": "（財源未記入）",
    "council": "（関連会議体なし）",
}


def fiscal_year_label(fiscal_year: int | None) -> str:
    """「令和4年度」 for 2022; 「年度不明」 for ``None``."""
    if fiscal_year is None:
        return _BLANK["fiscal_year"]
    from ..wareki import format_fiscal_year

    return format_fiscal_year(fiscal_year)


def group_label(view: str, group: Group, tally: BudgetTally | None = None) -> str:
    """How a group's key reads in a report: a 和暦 year, a council's name, or the text."""
    if view == "fiscal_year":
        return fiscal_year_label(group.key)  # type: ignore[arg-type]
    if group.key is None:
        return _BLANK[view]
    if view == "council" and tally is not None:
        name = tally.council_names.get(str(group.key))
        return f"{name}（{group.key}）" if name else str(group.key)
    return str(group.key)


def years_label(years: tuple[int | None, ...]) -> str:
    """「令和4年度、令和5年度」: the years a group spans."""
    return "、".join(fiscal_year_label(y) for y in years)


def short_years_label(years: tuple[int | None, ...]) -> str:
    """「令和5〜7年度」 for consecutive years of one era, else as :func:`years_label`."""
    known = [y for y in years if y is not None]
    if len(known) < 2 or len(known) != len(years) or known[-1] - known[0] != len(known) - 1:
        return years_label(years)
    from ..wareki import fiscal_year_era

    (era, _), (last_era, last) = fiscal_year_era(known[0]), fiscal_year_era(known[-1])
    if era != last_era:
        return years_label(years)
    head = fiscal_year_label(known[0]).removesuffix("年度")
    return f"{head}〜{last}年度"


def rate_text(rate: Decimal | None) -> str:
    """「63.3%」, or 「—」 when there is no budget to compare with."""
    return "—" if rate is None else f"{rate}%"


def yen(amount: int | None) -> str:
    """「3,454,000」 (yen, no unit), or 「金額未確定」 for ``None``."""
    return "金額未確定" if amount is None else f"{amount:,}"
