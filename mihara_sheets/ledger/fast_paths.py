"""Shortcuts of the reader for columns in a plain form, each the plain rule's result or a refusal.

A column whose every cell is in a plain form (free text without line breaks, ASCII ids,
whole yen and "80,000円") is converted at once by C functions mapped over it
(``plain_text_column``, ``plain_id_column``, ``plain_amount_column``); the distinct values of
other id and amount columns in those forms are converted in bulk (``ascii_ids``,
``plain_amounts``). The contract of every function here: the same result as the plain,
cell-by-cell rule of :mod:`mihara_sheets.values` and :mod:`.convert`, or ``None`` / leave the
value out ("decline"), never a different answer. :func:`disabled` switches them all off
(also ``MIHARA_SHEETS_PLAIN_READING=1`` in the environment) so tests can read the same
ledgers both ways and compare, and a wrong answer can be ruled out in the field.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import compress, repeat
from operator import and_, eq, getitem, is_, mul, ne, not_, or_
from typing import Any, Callable

from ..values import MAX_YEN

BLANK = object()  # the readers' result for an empty cell
_switched_off = 0


def enabled() -> bool:
    """True unless :func:`disabled` is active or the environment asks for plain reading."""
    return not _switched_off and os.environ.get("MIHARA_SHEETS_PLAIN_READING", "") in ("", "0")


@contextmanager
def disabled() -> Iterator[None]:
    """Read with the plain rules only, inside the ``with`` block."""
    global _switched_off
    _switched_off += 1
    try:
        yield
    finally:
        _switched_off -= 1


def plain_text_column(raws: list[Any]) -> tuple[list[Any], bool] | None:
    """Free text, every cell a string without a line break or zero-width mark: trimmed.

    The same as ``typed_text`` cell by cell (``BLANK`` where nothing is left), or ``None``
    when some cell needs the rules. Returns the values and whether any cell was blank.
    """
    return _stripped_column(raws, lambda joined: "\r" in joined or "\u200b" in joined or "\ufeff" in joined)


def plain_id_column(raws: list[Any]) -> tuple[list[Any], bool] | None:
    """Ids, every cell ASCII text without a line break: trimmed (NFKC leaves ASCII as it is).

    The same as ``values.normalize_text`` cell by cell, or ``None`` when some cell is not
    that plain (full-width, a number, a line break).
    """
    return _stripped_column(raws, lambda joined: not joined.isascii() or "\r" in joined)


def _stripped_column(raws: list[Any], refused: Callable[[str], bool]) -> tuple[list[Any], bool] | None:
    try:
        texts = list(map(str.strip, raws))
    except TypeError:  # a cell that is not text
        return None
    if refused("".join(texts)):
        return None
    if all(texts):
        return texts, False
    return [text if text else BLANK for text in texts], True


def plain_amount_column(raws: list[Any], multiplier: int) -> tuple[list[Any], bool] | None:
    """Amounts, every cell a whole number of yen (a float, as calamine gives numbers),
    plain text ("80,000円", "3454000") or blank: integer yen times the column's unit.

    The same as ``values.parse_yen`` cell by cell, or ``None`` when some cell needs its
    rules (fractions, △, full-width digits, odd grouping, dates, mistakes).
    """
    types = list(map(type, raws))
    kinds = set(types)
    if not kinds <= {float, str}:
        return None
    converted: dict[type, list[Any]] = {}
    had_blank = False
    for kind in kinds:
        cells = raws if len(kinds) == 1 else list(compress(raws, map(is_, types, repeat(kind))))
        if kind is float:
            amounts = _whole_yen(cells, multiplier)
        else:
            amounts, had_blank = _plain_yen_texts(cells, multiplier) or (None, False)
        if amounts is None:
            return None
        converted[kind] = amounts
    if len(kinds) <= 1:
        return converted.popitem()[1] if converted else [], had_blank
    # Numbers and text mixed: each kind's results are taken in the column's order.
    taken = {kind: iter(amounts) for kind, amounts in converted.items()}
    return list(map(next, map(taken.__getitem__, types))), had_blank


def _whole_yen(cells: list[float], multiplier: int) -> list[int] | None:
    if not all(map(float.is_integer, cells)):
        return None  # NaN, infinities and fractions: parse_yen decides
    amounts = list(map(int, cells))
    if multiplier != 1:
        amounts = list(map(mul, amounts, repeat(multiplier)))
    return amounts if _within_max(amounts) else None


# Lines of plain amounts, as parse_yen's plain rule takes them once trimmed; an empty line
# is a blank cell.
_PLAIN_YEN_LINES = re.compile(r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)円?)?(?:\n(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)円?)?)*")


def _plain_yen_texts(cells: list[str], multiplier: int) -> tuple[list[Any], bool] | None:
    texts = list(map(str.strip, cells))
    joined = "\n".join(texts)
    # One match checks every cell; a cell with a line break of its own would pass as two.
    if joined.count("\n") != len(texts) - 1 or not _PLAIN_YEN_LINES.fullmatch(joined):
        return None
    digits = joined.replace(",", "").replace("円", "").split("\n")
    if all(texts):
        amounts = list(map(int, digits))
        if multiplier != 1:
            amounts = list(map(mul, amounts, repeat(multiplier)))
        return (amounts, False) if _within_max(amounts) else None
    amounts = [int(text) * multiplier if text else BLANK for text in digits]
    return (amounts, True) if _within_max([a for a in amounts if a is not BLANK]) else None


def _within_max(amounts: list[int]) -> bool:
    """No amount at or past parse_yen's limit (a typing slip it reports)."""
    return not amounts or (max(amounts) < MAX_YEN and min(amounts) > -MAX_YEN)


def ascii_ids(distinct: set[Any]) -> dict[Any, Any]:
    """Id cells in plain ASCII, which NFKC leaves as they are: only trimmed.

    The same result as ``values.normalize_text``; anything else (full-width, line breaks,
    numbers, blanks) is left to it.
    """
    texts = of_type(distinct, str)
    stripped = list(map(str.strip, texts))
    plain = map(and_, map(str.isascii, texts), map(not_, map(str.__contains__, texts, repeat("\r"))))
    taken = list(map(and_, plain, map(bool, stripped)))
    return dict(zip(compress(texts, taken), compress(stripped, taken)))


def of_type(distinct: set[Any], kind: type) -> list[Any]:
    """The values of exactly ``kind`` (bool is not int here), picked out at C speed."""
    every = list(distinct)
    return list(compress(every, map(is_, map(type, every), repeat(kind))))


def plain_amounts(distinct: set[Any], multiplier: int) -> dict[Any, Any]:
    """Amounts in the forms most cells hold, as integer yen (times the column's unit).

    Whole numbers of yen (floats as calamine gives them) and text written the plain way,
    "80,000円", "3,454,000" or "3454000": the same results as ``values.parse_yen``, which
    takes everything else (fractions, △ and ▲, 千円 in the cell, full-width digits, odd
    digit grouping, blanks and mistakes). The steps map C functions over the values.
    """
    table: dict[Any, Any] = {}
    floats = of_type(distinct, float)
    whole = list(filter(float.is_integer, floats))  # NaN and infinities are not
    amounts = map(int, whole)  # past MAX_YEN (and so past exact floats): dropped below
    table.update(zip(whole, amounts if multiplier == 1 else map(mul, amounts, repeat(multiplier))))
    texts = of_type(distinct, str)
    bare = list(map(str.removesuffix, map(str.strip, texts), repeat("円")))
    digits = list(map(str.replace, bare, repeat(","), repeat("")))
    ascii_digits = list(map(and_, map(str.isascii, digits), map(str.isdecimal, digits)))
    texts = list(compress(texts, ascii_digits))
    bare = list(compress(bare, ascii_digits))
    numbers = list(map(int, compress(digits, ascii_digits)))
    # Thousands commas only every three digits from the right, and not first ("3,45,000" and
    # ",000" are left to parse_yen): the characters 4, 8, 12… from the end are exactly the
    # commas, so none is anywhere else and the first group has one to three digits.
    commas = list(map(str.count, bare, repeat(",")))
    every_fourth = map(getitem, bare, repeat(slice(-4, None, -4)))
    grouped = map(and_, map(eq, every_fourth, map(mul, repeat(","), commas)),
                  map(ne, map(getitem, bare, repeat(0)), repeat(",")))
    canonical = list(map(or_, map(not_, commas), grouped))
    if multiplier != 1:
        numbers = list(map(mul, numbers, repeat(multiplier)))
    table.update(zip(compress(texts, canonical), compress(numbers, canonical)))
    if not _within_max(list(table.values())):  # parse_yen reports these
        table = {value: amount for value, amount in table.items() if -MAX_YEN < amount < MAX_YEN}
    return table
