"""The one exception the writer raises: a refusal worded for staff.

Every refusal carries a stable kebab-case ``code`` (declared with its Japanese message in
:data:`mihara_sheets.problems.CATALOG`, the one registry), the place it concerns (file,
sheet, cell) and the :class:`~mihara_sheets.problems.Problem` staff are shown.
``str(exc)`` is its message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..problems import ERROR, CATALOG, Problem

class WriteRefused(Exception):
    """The writer would not (or could not safely) write; nothing was changed.

    ``code`` is stable and kebab-case; ``sheet``, ``cell`` and ``file`` say where;
    ``message`` (also ``str(exc)``) is Japanese for staff.
    """

    def __init__(
        self,
        code: str,
        *,
        file: str | Path | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        **details: Any,
    ) -> None:
        self.code = code
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.cell = cell
        self.details = details
        template = CATALOG[code][1]
        fields = {"file": _display_name(self.file), "sheet": sheet, "cell": cell, "code": code}
        fields.update(details)
        self.message = template.format_map(_Default(fields))
        self.problem = Problem(code=code, severity=ERROR, message=self.message, file=self.file,
                               sheet=sheet, cell=cell)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def with_file(self, file: str | Path) -> "WriteRefused":
        """Return the same refusal naming ``file`` (for errors raised before it was known)."""
        return WriteRefused(self.code, file=file, sheet=self.sheet, cell=self.cell, **self.details)


def _display_name(file: str | None) -> str:
    # Staff recognise the file by its name; the full path adds noise (and may hold names).
    return Path(file).name if file else "?"


class _Default(dict):
    """format_map helper: a missing field shows as ? rather than raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "?"
