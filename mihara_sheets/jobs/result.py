"""What a job returns to every front end: files made, ledger changes, problems, an exit status.

One rule for exit codes, the same in every command and behind every button:

- ``0`` (:data:`EXIT_OK`): done; warnings allowed.
- ``1`` (:data:`EXIT_ERRORS`): the job ran, but something of severity エラー needs staff:
  a ledger error in the rows the job used, a PDF not made, a write-back refused.
- ``2`` (:data:`EXIT_STOPPED`): the job could not run at all: a file that cannot be read,
  an unknown meeting, an unusable template, an output folder that cannot be written,
  an option given wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem, count_by_severity, has_errors

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_STOPPED = 2


@dataclass
class LedgerChange:
    """One change a job made (or tried to make) in a staff ledger.

    ``what`` is Japanese for staff (「会議!K9 ほか3セル：通知済・通知日・文書番号」);
    ``done`` is False when the change was refused (the reason is among the problems).
    """

    file: str
    sheet: str | None
    what: str
    done: bool

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "what": self.what, "done": self.done}


@dataclass
class JobResult:
    """The outcome of one job, for the CLI, the Excel buttons, the demo and scripts alike.

    ``lines`` tell staff what was done, in Japanese, one sentence each; ``data`` holds the
    job's own JSON-ready figures for ``--json`` (merged into :meth:`to_dict`); ``product``
    the job's own object for a front end to show (the budget's :class:`BudgetTally`).
    ``stopped`` means the job could not run (exit 2); its reason is in ``problems``.
    """

    job: str
    title: str
    lines: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    changes: list[LedgerChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    product: Any = field(default=None, repr=False)
    summary: str = ""
    stopped: bool = False

    @property
    def ok(self) -> bool:
        """True when the job ran and found nothing of severity エラー."""
        return not self.stopped and not has_errors(self.problems)

    @property
    def exit_code(self) -> int:
        """0, 1 or 2 by the module's rule."""
        if self.stopped:
            return EXIT_STOPPED
        return EXIT_ERRORS if has_errors(self.problems) else EXIT_OK

    @property
    def recorded(self) -> bool:
        """True when the job changed a ledger and every change it tried was made."""
        return bool(self.changes) and all(change.done for change in self.changes)

    def stop(self, *problems: Problem) -> "JobResult":
        """Mark the job as not run, for ``problems``; returns the result for ``return``."""
        self.problems.extend(problems)
        self.stopped = True
        if not self.summary:
            self.summary = "中止"
        return self

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json``): the fields every job shares, then the job's ``data``
        (which may not reuse a shared field's name: scripts read ``counts`` the same way for all)."""
        shared = {
            "job": self.job,
            "ok": self.ok,
            "exit_code": self.exit_code,
            "stopped": self.stopped,
            "lines": list(self.lines),
            "files": [str(path) for path in self.files],
            "ledger_changes": [change.to_dict() for change in self.changes],
            "counts": count_by_severity(self.problems),
            "problems": [p.to_dict() for p in self.problems],
        }
        clash = shared.keys() & self.data.keys()
        if clash:  # a bug in a job, never bad input
            raise ValueError(f"{self.job}: data reuses the shared JSON fields {sorted(clash)}")
        return {**shared, **self.data}
