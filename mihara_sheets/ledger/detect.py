"""Which table a sheet holds when its name does not say: judged by its header row.

Offices save a roster as ``Sheet1`` or export a payment list as ``支出一覧.csv``. A sheet
whose name names no table (and no council) is matched against every table's headers
(:func:`detect_table`): the table whose header row it carries well enough is taken, and
staff are told so (``table-guessed``). A tie between two tables, or a header that matches
only in part, is a warning naming the sheet and what it looked like (``table-ambiguous``,
``table-weak``), never a silent guess: such a sheet gives no records until 設定 says which
table it is (``表:シート名`` = 名簿).

"Well enough": every required field of the table has its column (a roster's 会議体 may
come from its title or file name instead), at least :data:`SURE_MATCHES` columns are
known, and at least half of the header row's filled cells are known headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..problems import Problem, make_problem
from ..sources.grid import Grid
from .headers import HEADER_SEARCH_ROWS, HeaderMatch, Target, build_lookup, find_header, header_key
from .spec import TABLES, TableSpec

# Sheets this program writes into a ledger (the budget tally, the control workbook's
# 操作): never taken for a table, whatever their headers look like.
GENERATED_SHEETS = frozenset({"予算集計", "操作"})
SURE_MATCHES = 3
SURE_SHARE = 0.5
# Fields a sheet may lack and still be its table: a roster's council is taken from its
# title rows or file name when no column gives it.
DERIVABLE = {"members": frozenset({"council_id"})}


@dataclass
class Detection:
    """What a sheet's header row looked like, against every table."""

    verdict: str  # "sure" | "tie" | "weak" | "none"
    table: TableSpec | None = None  # the table taken ("sure"), or the closest one
    header: HeaderMatch | None = None
    rivals: list[TableSpec] = field(default_factory=list)  # the tables tied with it
    seen: list[str] = field(default_factory=list)  # the header texts it recognised


def _filled_columns(rows: list[list[Any]], header: HeaderMatch) -> int:
    cols = set()
    for r in range(header.first_row, header.last_row + 1):
        cols.update(c for c, v in enumerate(rows[r]) if str(v).strip() not in ("", "None"))
    return len(cols)


def _is_sure(table: TableSpec, header: HeaderMatch, filled: int) -> bool:
    optional = DERIVABLE.get(table.key, frozenset())
    required = {f.name for f in table.fields if f.required} - optional
    if not all(Target("field", name) in header.columns for name in required):
        return False
    return header.score >= SURE_MATCHES and header.score >= SURE_SHARE * max(filled, 1)


def detect_table(grid: Grid, extra_headers: dict[str, dict[str, list[str]]] | None = None) -> Detection:
    """The table ``grid`` holds by its header row, with how sure that is."""
    if header_key(grid.sheet) in GENERATED_SHEETS:
        return Detection("none")
    rows = grid.filled_merges()[: HEADER_SEARCH_ROWS + 1]
    found: list[tuple[TableSpec, HeaderMatch, bool]] = []
    for table in TABLES:
        lookup = build_lookup(table, (extra_headers or {}).get(table.key))
        header = find_header(rows, table, lookup)
        if header is not None:
            found.append((table, header, _is_sure(table, header, _filled_columns(rows, header))))
    if not found:
        return Detection("none")
    sure = sorted((f for f in found if f[2]), key=lambda f: -f[1].score)
    if sure:
        best = sure[0]
        tied = [t for t, h, _ in sure[1:] if h.score == best[1].score]
        verdict = "tie" if tied else "sure"
        return Detection(verdict, best[0], best[1], tied, list(best[1].texts.values()))
    table, header, _ = max(found, key=lambda f: f[1].score)
    if header.score < 2:  # one known word in a sheet of other things: not worth a warning
        return Detection("none")
    return Detection("weak", table, header, [], list(header.texts.values()))


def detection_problem(grid: Grid, detection: Detection) -> Problem | None:
    """The warning staff see for a sheet found (or almost found) by its headers."""
    if detection.verdict == "none" or detection.table is None:
        return None
    seen = "、".join(detection.seen[:6])
    where = {"file": grid.file, "sheet": grid.sheet}
    if detection.verdict == "sure":
        return make_problem("table-guessed", **where, table=detection.table.name, headers=seen)
    if detection.verdict == "tie":
        others = "・".join(t.name for t in (detection.table, *detection.rivals))
        return make_problem("table-ambiguous", **where, tables=others, headers=seen)
    return make_problem("table-weak", **where, table=detection.table.name, headers=seen)


# -- a roster's council, from what the sheet says

_ROSTER_WORDS = re.compile(r"(構成員|委員)?名簿$")
_LEADING_YEAR = re.compile(r"^(?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*(?:年度|年)?|^\d{4}\s*(?:年度|年)?", re.IGNORECASE)
_COUNCIL_WORDS = ("協議会", "部会", "会議", "委員会", "審議会", "懇話会", "連絡会", "協議体")
_COUNCIL_IN_TEXT = re.compile(r"([^\s（(「」『』　]+(?:" + "|".join(_COUNCIL_WORDS) + "))")


def council_from_text(text: str, councils: dict[str, str]) -> str | None:
    """The council a title or file name names: a known council's name (the longest one
    found; ``councils`` maps a council's name key to its id), else the council-like words
    before 名簿 (「三原市高齢者支援部会 委員名簿」 → 三原市高齢者支援部会), or ``None``."""
    key = header_key(text)
    known = [name for name in councils if name and name in key]
    if known:
        return councils[max(known, key=len)]
    for part in re.split(r"[\s　]+", str(text).strip()):
        part = _ROSTER_WORDS.sub("", _LEADING_YEAR.sub("", header_key(part)))
        match = _COUNCIL_IN_TEXT.search(part)
        if match:
            return match.group(1)
    return None


def file_stem(file: str) -> str:
    """A file's name without folder and suffix, as it may name a council."""
    return PurePath(str(file).replace("\\", "/")).stem
