"""Turning one cell into one typed value, by the field's kind in the spec.

Every converter raises :class:`~mihara_sheets.values.ValueProblem` with a catalog code
for a value it cannot read; the table reader turns that into a problem at the cell.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable

from .. import values
from ..values import ValueProblem
from .spec import FieldSpec


def _choice(value: Any, spec: FieldSpec) -> str | None:
    text = values.normalize_text(value)
    if text is None:
        return None
    # Hand-typed choices carry stray spaces ("部会 長"); compare without them.
    squeezed = "".join(ch for ch in text if not ch.isspace())
    for choice in spec.choices:
        if squeezed == unicodedata.normalize("NFKC", choice):
            return choice
    folded = squeezed.casefold()
    for typed, choice in spec.synonyms:
        if folded == unicodedata.normalize("NFKC", typed).casefold():
            return choice
    if spec.other_text:
        return text
    code = "unexpected-choice" if spec.lenient_choices else "invalid-choice"
    raise ValueProblem(code, text, choices="、".join(spec.choices))


def typed_text(value: Any) -> str | None:
    """Free text as staff typed it: only trimmed, line breaks as \\n.

    NFKC is for digits, Latin letters, ids and choices; applied to prose it would turn the
    full-width （）and ～ of official Japanese into ASCII.
    """
    if type(value) is str:
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return text or None
    return values.normalize_text(value)


def _id(value: Any, spec: FieldSpec) -> str | None:
    return values.normalize_text(value)


CONVERTERS: dict[str, Callable[[Any, FieldSpec], Any]] = {
    "text": lambda v, s: typed_text(v),
    "id": _id,
    "council": _id,
    "choice": _choice,
    "int": lambda v, s: values.parse_int(v),
    "date": lambda v, s: values.parse_date(v),
    "datetime": lambda v, s: values.parse_date_time(v),
    "time": lambda v, s: values.parse_time(v),
    "fiscal_year": lambda v, s: values.parse_fiscal_year(v),
    "list": lambda v, s: values.split_list(v),
    "agenda": lambda v, s: values.parse_agenda(v),
    "mark": lambda v, s: values.parse_mark(v),
    "postal": lambda v, s: values.parse_postal_code(v),
}


def convert(value: Any, spec: FieldSpec, multiplier: int = 1) -> Any:
    """The typed value of a non-blank cell for a field (``yen`` scaled by ``multiplier``)."""
    if spec.kind == "yen":
        return values.parse_yen(value, multiplier=multiplier)
    return CONVERTERS[spec.kind](value, spec)
