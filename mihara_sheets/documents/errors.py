"""Errors of document generation: a :class:`~mihara_sheets.problems.ProblemError` with a code.

Every code is declared, with its Japanese message, in :data:`mihara_sheets.problems.CATALOG`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..problems import ProblemError, make_problem


class DocumentError(ProblemError):
    """A document could not be made; ``problem`` (``code``, ``message``) says why, in Japanese.

    Built from the registry: ``DocumentError("pdf-failed", detail=...)`` fills the
    template of ``pdf-failed`` with ``detail``.
    """

    def __init__(self, code: str, message: str | None = None, **details: Any):
        problem = make_problem(code, **details)
        if message is not None:  # transitional: a message worded at the call site
            problem = replace(problem, message=message)
        super().__init__(problem)


class TemplateError(DocumentError):
    """A template cannot be used: unknown variable, syntax error, unsafe or unreadable."""
