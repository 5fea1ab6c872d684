"""Word documents from the ledger: meeting notices (開催通知) and the plenary agenda (次第).

- :func:`make_notices` — one meeting's notices, combined file, 宛名一覧 and PDFs;
- :func:`make_agenda` — the 全体会議 次第 of a fiscal year with the member list by 部会;
- :class:`CompiledTemplate` / :func:`load_template` — the fast, sandboxed docxtpl renderer.

See docs/documents.md (developers) and templates/README.md (template variables, staff).
"""

from __future__ import annotations

from .agenda import AgendaResult, make_agenda
from .errors import DocumentError, TemplateError
from .notices import NoticeResult, make_notices
from .render import CompiledTemplate, load_template

__all__ = [
    "AgendaResult",
    "CompiledTemplate",
    "DocumentError",
    "NoticeResult",
    "TemplateError",
    "load_template",
    "make_agenda",
    "make_notices",
]
