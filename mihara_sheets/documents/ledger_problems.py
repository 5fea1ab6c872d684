"""The ledger's own problems that concern the rows a document was made from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..ledger.ledger import Ledger
from ..problems import Problem


def problems_on(ledger: Ledger, records: Iterable[Any]) -> list[Problem]:
    """Errors of ``ledger.problems`` located on the rows of ``records`` (by sheet and row).

    A document made from a row with an error (a date that could not be read...) may be
    wrong, so those errors are shown with the document; errors elsewhere in the ledger
    (an unrelated budget total) are not the document's business.
    """
    rows = set()
    for record in records:
        origin = getattr(record, "origin", None)
        if origin is not None:
            rows.add((origin.file, origin.sheet, origin.row))
    found = []
    for p in ledger.problems:
        if not p.is_error or not p.cell:
            continue
        match = re.search(r"(\d+)$", p.cell)
        # Problems and records of one load name their file by the same string.
        if match and any(p.sheet == sheet and int(match.group(1)) == row and p.file in (None, file)
                         for file, sheet, row in rows):
            found.append(p)
    return found
