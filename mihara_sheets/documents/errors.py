"""Errors of document generation: a :class:`~mihara_sheets.problems.ProblemError` with a code.

Every code is declared, with its Japanese message, in :data:`mihara_sheets.problems.CATALOG`.
"""

from __future__ import annotations

from typing import Any

from ..problems import ProblemError, make_problem


class DocumentError(ProblemError):
    """A document could not be made; ``problem`` (``code``, ``message``) says why, in Japanese.

    Built from the registry: ``DocumentError("pdf-failed", detail=...)`` fills the
    template of ``pdf-failed`` with ``detail``.
    """

    def __init__(self, code: str, **details: Any):
        super().__init__(make_problem(code, **details))


class TemplateError(DocumentError):
    """A template cannot be used: unknown variable, syntax error, unsafe or unreadable."""
