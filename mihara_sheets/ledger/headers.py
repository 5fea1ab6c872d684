"""Finding a table's header row and what each column means.

The header row is found, not assumed: among the first 20 rows, the row (or pair of rows,
for a two-row header such as 任期 over 開始 / 終了) that matches the most known headers.
Merged header cells name every column they span.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from ..values import normalize_header
from .spec import AMOUNT_UNITS, TableSpec

HEADER_SEARCH_ROWS = 20


def header_key(text: Any) -> str:
    """A header or sheet name as compared: NFKC, no spaces or line breaks, （） as ()."""
    if text is None:
        return ""
    normalized = unicodedata.normalize("NFKC", str(text))
    return "".join(normalized.split())


@dataclass(frozen=True)
class Target:
    """What a header means: a field, one side of a range column, or 発注先 (予算配分)."""

    kind: str  # "field" | "range" | "label_amount"
    name: str  # field name, or range index as text


@dataclass
class HeaderMatch:
    """The header found for a table on a grid.

    ``first_row``/``last_row`` are zero-based; data starts below ``last_row``.
    """

    first_row: int
    last_row: int
    columns: dict[Target, int] = field(default_factory=dict)
    texts: dict[Target, str] = field(default_factory=dict)
    multipliers: dict[Target, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.columns)

    def column(self, field_name: str) -> int | None:
        return self.columns.get(Target("field", field_name))


def build_lookup(table: TableSpec, extra: dict[str, list[str]] | None = None) -> dict[str, Target]:
    """Header key → target for a table, with extra headers from 設定 (列の別名)."""
    lookup: dict[str, Target] = {}
    for spec in table.fields:
        for header in (*spec.headers, *(extra or {}).get(spec.name, [])):
            lookup.setdefault(header_key(header), Target("field", spec.name))
    for index, range_spec in enumerate(table.ranges):
        for header in range_spec.headers:
            lookup.setdefault(header_key(header), Target("range", str(index)))
    for header in table.label_amount_headers:
        lookup[header_key(header)] = Target("label_amount", "")
    return lookup


def match_header(text: Any, lookup: dict[str, Target]) -> tuple[Target, int] | None:
    """The target a header cell names and its amount multiplier (千円 → 1000)."""
    if text is None or str(text).strip() == "":
        return None
    full = header_key(text)
    if full in lookup:
        return lookup[full], 1
    base, unit = normalize_header(str(text))
    base = header_key(base)
    if base in lookup:
        return lookup[base], AMOUNT_UNITS.get(unit or "", 1)
    return None


def _match_row(cells: list[Any], lookup: dict[str, Target], first: int, last: int,
               match: Callable[[Any, dict[str, Target]], Any] = match_header) -> HeaderMatch:
    found = HeaderMatch(first_row=first, last_row=last)
    for col, text in enumerate(cells):
        hit = match(text, lookup)
        if hit is None:
            continue
        target, multiplier = hit
        if target in found.columns:
            found.duplicates.append((str(text), col))
            continue
        found.columns[target] = col
        found.texts[target] = str(text).strip()
        if multiplier != 1:
            found.multipliers[target] = multiplier
    return found


def _two_row_cells(
    top: list[Any], bottom: list[Any], lookup: dict[str, Target],
    match: Callable[[Any, dict[str, Target]], Any] = match_header,
) -> list[Any] | None:
    """Compose a two-row header column by column: 任期 over 開始 → 任期開始.

    ``None`` when the upper row adds nothing (it is a title, not half of the header).
    """
    cells = []
    upper_used = False
    last_upper = ""
    for col in range(max(len(top), len(bottom))):
        upper = top[col] if col < len(top) else ""
        lower = bottom[col] if col < len(bottom) else ""
        upper_text = "" if upper is None else str(upper).strip()
        lower_text = "" if lower is None else str(lower).strip()
        if upper_text:
            last_upper = upper_text
        elif lower_text and not match(lower_text, lookup):
            # A source without merge information (a live book through xlwings) has the
            # merged 任期 only over 開始; it still stands over 終了.
            upper_text = last_upper
        if upper_text and lower_text and upper_text != lower_text:
            combined = upper_text + lower_text
            if match(combined, lookup):
                upper_used = True
                cells.append(combined)
            else:
                cells.append(lower_text)
        else:
            if upper_text and not lower_text and match(upper_text, lookup):
                upper_used = True
            cells.append(lower_text or upper_text)
    return cells if upper_used else None


def find_header(rows: list[list[Any]], table: TableSpec, lookup: dict[str, Target]) -> HeaderMatch | None:
    """The best header among the first rows of a (merge-filled) grid, or ``None``.

    A header must match at least two known headers, or one required field's header.
    """
    required = {Target("field", f.name) for f in table.fields if f.required}
    best: HeaderMatch | None = None
    limit = min(HEADER_SEARCH_ROWS, len(rows))
    seen: dict[Any, Any] = {}  # each row is tried alone and with the next: texts repeat

    def match(text: Any, lookup: dict[str, Target]) -> Any:
        if text not in seen:
            seen[text] = match_header(text, lookup)
        return seen[text]

    for r in range(limit):
        candidates = [_match_row(rows[r], lookup, r, r, match)]
        if r + 1 < len(rows):
            cells = _two_row_cells(rows[r], rows[r + 1], lookup, match)
            if cells is not None:
                candidates.append(_match_row(cells, lookup, r, r + 1, match))
        for candidate in candidates:
            if candidate.score < 2 and not (required & set(candidate.columns)):
                continue
            if best is None or candidate.score > best.score:
                best = candidate
    return best
