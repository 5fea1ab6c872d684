"""The budget tally: integer arithmetic over budget lines, knowing nothing about files.

A line without a budget amount (``budget is None``) is 金額未確定: it is counted in ``tbd``
and listed on its own, never added as 0. Blank contract or spent amounts mean "none yet"
and add nothing. Rates are ``Decimal`` percentages rounded half-up to 0.1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ..ledger.records import BudgetLine, BudgetTotal

if TYPE_CHECKING:  # pragma: no cover
    from ..ledger.ledger import Ledger
    from ..problems import Problem

#: The views a tally holds besides the fiscal-year one, in display order.
VIEWS = ("project", "vendor", "category", "funding", "council")

_TENTH = Decimal("0.1")


def execution_rate(spent: int, budget: int) -> Decimal | None:
    """Spent ÷ budget as a percentage rounded half-up to 0.1 (``Decimal("63.3")``).

    ``None`` when there is no budget to divide by. Only integers and ``Decimal`` are
    involved, so the rate is exact before rounding.
    """
    if budget <= 0:
        return None
    return (Decimal(spent) * 100 / Decimal(budget)).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Amounts:
    """Sums of a group of lines: budget, contract, spent (yen), and line counts.

    ``tbd`` counts the lines whose budget is 金額未確定; their (absent) budget is not in
    ``budget``.
    """

    budget: int = 0
    contract: int = 0
    spent: int = 0
    lines: int = 0
    tbd: int = 0

    @property
    def execution_rate(self) -> Decimal | None:
        """Spent ÷ budget in percent, to 0.1 (``None`` without a budget)."""
        return execution_rate(self.spent, self.budget)

    @property
    def known_budget(self) -> int | None:
        """``budget``, or ``None`` when every line of the group is 金額未確定.

        Reports show ``None`` as 金額未確定 rather than a budget of 0 nobody decided.
        """
        return None if self.lines and self.tbd == self.lines else self.budget


class _Sum:
    """Mutable accumulator behind :class:`Amounts`, rolled up from per-combination sums."""

    __slots__ = ("budget", "contract", "spent", "lines", "tbd", "years")

    def __init__(self) -> None:
        self.budget = self.contract = self.spent = self.lines = self.tbd = 0
        self.years: set[int | None] = set()

    def add(self, sums: list[int], year: int | None) -> None:
        self.budget += sums[0]
        self.contract += sums[1]
        self.spent += sums[2]
        self.lines += sums[3]
        self.tbd += sums[4]
        self.years.add(year)

    def freeze(self) -> Amounts:
        return Amounts(self.budget, self.contract, self.spent, self.lines, self.tbd)


@dataclass(frozen=True)
class Group:
    """One row of a view: the key it groups by (``None`` = not filled in) and its sums.

    ``fiscal_years`` lists the years its lines belong to (``None`` for an unknown year
    sorts last).
    """

    key: int | str | None
    amounts: Amounts
    fiscal_years: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class TbdLine:
    """A 金額未確定 line: where it is, so staff can fill the amount in."""

    project: str
    fiscal_year: int | None
    vendor: str | None
    file: str | None
    sheet: str | None
    row: int | None
    location: str | None
    line: BudgetLine = field(repr=False, compare=False)


@dataclass(frozen=True)
class DeclaredTotal:
    """A hand-typed total row (計 / 合計 / 小計) checked against the lines it closes."""

    label: str
    amount: int | None
    lines_sum: int
    lines: int
    tbd_lines: int
    fiscal_year: int | None
    file: str | None
    location: str

    @property
    def matches(self) -> bool:
        """True when the declared amount equals the lines' sum."""
        return self.amount == self.lines_sum

    @property
    def difference(self) -> int:
        """Declared amount minus the lines' sum (0 when it matches)."""
        return (self.amount or 0) - self.lines_sum


@dataclass
class BudgetTally:
    """What :func:`tally` returns: totals, the views, 金額未確定 lines, checked totals.

    ``fiscal_year`` is the year the tally was limited to (``None`` = every year).
    ``problems`` are the ledger's own problems (reading), carried so a report can show
    them and a command can decide its exit code.
    """

    fiscal_year: int | None
    total: Amounts
    by_fiscal_year: list[Group]
    by_project: list[Group]
    by_vendor: list[Group]
    by_category: list[Group]
    by_funding: list[Group]
    by_council: list[Group]
    tbd: list[TbdLine]
    declared_totals: list[DeclaredTotal]
    problems: list[Problem] = field(default_factory=list)
    council_names: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def view(self, name: str) -> list[Group]:
        """A view by name: ``fiscal_year``, ``project``, ``vendor``, ``category``,
        ``funding`` or ``council``."""
        if name != "fiscal_year" and name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        return getattr(self, f"by_{name}")

    @property
    def mismatched_totals(self) -> list[DeclaredTotal]:
        """Declared totals whose typed amount differs from their lines.

        A total row without an amount is not a mismatch: there is nothing to disagree with.
        """
        return [t for t in self.declared_totals if t.amount is not None and not t.matches]

    @property
    def ledger_errors(self) -> list[Problem]:
        """The ledger's problems of severity error."""
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        """True when the ledger has no errors and every declared total matches."""
        return not self.ledger_errors and not self.mismatched_totals

    def frame(self, view: str = "fiscal_year"):
        """A view as a pandas DataFrame, one row per group: ``key`` (the year, project,
        vendor… ``<NA>`` = not filled in), ``budget``/``contract``/``spent`` in yen and
        ``lines``/``tbd`` counts (all ``Int64``), ``execution_rate`` in percent (float,
        ``NaN`` without a budget) and ``fiscal_years``. ``view="tbd"`` lists the 金額未確定
        lines, ``view="totals"`` the declared totals. Needs ``mihara-sheets[pandas]``."""
        from .frames import tally_frame

        return tally_frame(self, view)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict of ``--json`` (schema in docs/budget.md)."""
        from .report import to_dict

        return to_dict(self)


def category_of(line: BudgetLine) -> str | None:
    """The line's budget category: 科目, or failing that the name part of its 節."""
    return line.category or setsu_name(line.setsu)


def setsu_name(setsu: str | None) -> str | None:
    """The name of a 節 without its number: "12 委託料" → 委託料.

    "12 委託料" and "13 委託料" both give 委託料: the 節 numbering changed in FY2020, and a
    category view must not split one kind of spending in two because of it. A 節 that is
    only a number stays as typed.
    """
    if not setsu:
        return None
    text = setsu.strip()
    name = text.lstrip("0123456789０１２３４５６７８９節 　.．:：-")
    return name or text


def inferred_fiscal_years(totals: Iterable[BudgetTotal]) -> dict[int, int]:
    """Fiscal years for lines that have none, keyed by ``id(line)``, from their total row.

    A line without a 年度 of its own (the seed's 相談窓口 line has no period either)
    takes the year of the declared total that closes it, or failing that the one year
    shared by the other lines under that total. Lines not in the result keep their own
    ``fiscal_year`` (possibly ``None``).
    """
    inferred: dict[int, int] = {}
    for total in totals:
        missing = [line for line in total.lines if line.fiscal_year is None]
        if not missing:
            continue
        year = total.fiscal_year
        if year is None:
            known = {line.fiscal_year for line in total.lines} - {None}
            year = known.pop() if len(known) == 1 else None
        if year is not None:
            for line in missing:
                inferred.setdefault(id(line), year)
    return inferred


def tally(
    source: Ledger | Iterable[BudgetLine],
    fiscal_year: int | None = None,
    *,
    totals: Iterable[BudgetTotal] | None = None,
) -> BudgetTally:
    """Tally budget lines: per fiscal year, project, vendor, category, funding, council.

    ``source`` is a :class:`~mihara_sheets.ledger.ledger.Ledger` (its lines, declared
    totals, problems and council names are used) or plain budget lines (then ``totals``
    may give declared totals to check). ``fiscal_year`` limits everything, declared totals
    included, to one year; lines whose year cannot be told are then left out.
    """
    problems: list[Problem] = []
    council_names: dict[str, str] = {}
    sources: list[str] = []
    if hasattr(source, "budget_lines"):
        ledger = source
        lines = list(ledger.budget_lines)
        declared = list(ledger.budget_totals if totals is None else totals)
        problems = list(ledger.problems)
        council_names = {c.council_id: c.name for c in ledger.councils}
        sources = list(ledger.sources)
    else:
        lines = list(source)
        declared = list(totals or ())

    inferred = inferred_fiscal_years(declared)

    def year_of(line: BudgetLine) -> int | None:
        year = line.fiscal_year
        return inferred.get(id(line)) if year is None else year

    if fiscal_year is not None:
        lines = [line for line in lines if year_of(line) == fiscal_year]

    # One pass sums the lines per (key, year) of each view, in plain lists (no method
    # call per line: 100,000 lines must stay well under the time it takes to read them);
    # the groups are then rolled up from those few sums.
    per_view: list[dict[tuple[Any, int | None], list[int]]] = [{} for _ in VIEWS]
    setsu_names: dict[str | None, str | None] = {}
    tbd: list[TbdLine] = []
    for line in lines:
        year = line.fiscal_year
        if year is None:
            year = inferred.get(id(line))
        category = line.category
        if not category:
            setsu = line.setsu
            if setsu not in setsu_names:
                setsu_names[setsu] = setsu_name(setsu)
            category = setsu_names[setsu]
        budget = line.budget
        if budget is None:
            budget, missing = 0, 1
            tbd.append(_tbd_line(line, year))
        else:
            missing = 0
        contract = line.contract or 0
        spent = line.spent or 0
        # Same order as VIEWS.
        keys = (line.project, line.vendor, category, line.funding, line.council_id)
        for sums, value in zip(per_view, keys):
            acc = sums.get((value, year))
            if acc is None:
                sums[(value, year)] = [budget, contract, spent, 1, missing]
            else:
                acc[0] += budget
                acc[1] += contract
                acc[2] += spent
                acc[3] += 1
                acc[4] += missing

    views: dict[str, dict[Any, _Sum]] = {name: {} for name in ("fiscal_year", *VIEWS)}
    total = _Sum()
    for name, sums_by_key in zip(VIEWS, per_view):
        groups = views[name]
        for (value, year), sums in sums_by_key.items():
            group = groups.get(value)
            if group is None:
                group = groups[value] = _Sum()
            group.add(sums, year)
            if name == "project":  # every line has one project: the year view and total
                by_year = views["fiscal_year"].get(year)
                if by_year is None:
                    by_year = views["fiscal_year"][year] = _Sum()
                by_year.add(sums, year)
                total.add(sums, year)

    return BudgetTally(
        fiscal_year=fiscal_year,
        total=total.freeze(),
        by_fiscal_year=_groups(views["fiscal_year"], order="key"),
        by_project=_groups(views["project"], order="first"),
        by_vendor=_groups(views["vendor"], order="budget"),
        by_category=_groups(views["category"], order="budget"),
        by_funding=_groups(views["funding"], order="budget"),
        by_council=_groups(views["council"], order="budget"),
        tbd=tbd,
        declared_totals=_declared(declared, year_of, fiscal_year),
        problems=problems,
        council_names=council_names,
        sources=sources,
    )


def _year_order(year: int | None) -> tuple[bool, int]:
    return (year is None, year or 0)


def _groups(sums: dict[Any, _Sum], order: str) -> list[Group]:
    groups = [
        Group(key, s.freeze(), tuple(sorted(s.years, key=_year_order)))
        for key, s in sums.items()
    ]
    if order == "key":
        groups.sort(key=lambda g: _year_order(g.key))
    elif order == "budget":
        # Largest first; an unfilled key ("発注先未記入") last; ties by name for stability.
        groups.sort(key=lambda g: (g.key is None, -g.amounts.budget, str(g.key)))
    return groups  # "first": the order lines appear in the ledger


def _tbd_line(line: BudgetLine, year: int | None) -> TbdLine:
    origin = line.origin
    return TbdLine(
        project=line.project,
        fiscal_year=year,
        vendor=line.vendor,
        file=origin.file if origin else None,
        sheet=origin.sheet if origin else None,
        row=origin.row if origin else None,
        location=origin.location("budget") if origin else None,
        line=line,
    )


def _declared(
    totals: list[BudgetTotal],
    year_of: Callable[[BudgetLine], int | None],
    fiscal_year: int | None,
) -> list[DeclaredTotal]:
    checked = []
    for total in totals:
        line_years = {year_of(line) for line in total.lines}
        year = total.fiscal_year
        if year is None and len(line_years - {None}) == 1:
            year = next(iter(line_years - {None}))
        if fiscal_year is not None and year != fiscal_year:
            continue
        checked.append(
            DeclaredTotal(
                label=total.label,
                amount=total.amount,
                lines_sum=total.lines_sum,
                lines=len(total.lines),
                tbd_lines=sum(1 for line in total.lines if line.budget is None),
                fiscal_year=year,
                file=total.origin.file if total.origin else None,
                location=total.location,
            )
        )
    return checked
