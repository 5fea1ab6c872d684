"""The plenary agenda (全体会議 次第) of a fiscal year, with the member list by 部会 attached."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..ledger.ledger import Ledger
from ..ledger.queries import problems_on
from ..outputs import OutputFolder
from ..problems import Problem, has_errors
from ..wareki import format_fiscal_year
from .agenda_context import plan_agenda
from .errors import DocumentError
from .files import write_document, writing_into
from .properties import DocProperties
from .render import CompiledTemplate, load_template

AGENDA_TEMPLATE = "agenda.docx"


@dataclass
class AgendaResult:
    """What :func:`make_agenda` made, and the problems staff should see."""

    fiscal_year: int
    path: Path | None = None
    pdf: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing of severity ``error`` was found."""
        return not has_errors(self.problems)


def make_agenda(
    ledger: Ledger,
    fiscal_year: int,
    out_dir: str | Path,
    *,
    pdf: bool = False,
    template: str | Path | bytes | CompiledTemplate | None = None,
) -> AgendaResult:
    """Make the 次第 of the ``fiscal_year`` plenary as ``out_dir/全体会議次第_令和N年度.docx``.

    Raises :class:`DocumentError` when the ledger has no plenary meeting that year, the
    template cannot be used or the file cannot be written; the rest is in ``problems``.
    """
    try:
        plan = plan_agenda(ledger, fiscal_year)
    except LookupError as exc:
        raise DocumentError("plenary-not-found", fiscal_year=format_fiscal_year(fiscal_year)) from exc
    result = AgendaResult(fiscal_year)
    result.problems.extend(problems_on(ledger, [plan.plenary]))
    result.problems.extend(plan.problems)
    compiled = template if isinstance(template, CompiledTemplate) else load_template(template, AGENDA_TEMPLATE)
    out = Path(out_dir)
    with writing_into(out):
        outputs = OutputFolder(out)  # an edited 次第 of an earlier run is kept as …（前回）
        props = DocProperties(f"全体会議次第（{format_fiscal_year(fiscal_year)}）", ledger.settings.division or "")
        data = compiled.render(plan.context, props)
        result.path, result.pdf, failed = write_document(
            outputs, f"全体会議次第_{format_fiscal_year(fiscal_year)}.docx", data, pdf=pdf)
        if failed:
            result.problems.append(failed)
        outputs.save_manifest()
    result.problems.extend(outputs.problems)
    return result
