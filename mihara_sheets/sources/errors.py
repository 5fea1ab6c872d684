"""The one way a source fails: the whole file cannot be read."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem, make_problem


class SourceError(Exception):
    """A file that cannot be read at all; ``problem`` says why, in Japanese."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


def check_path(path: Path, shown: str) -> None:
    """Refuse a missing path, a folder or an empty file before anything opens it."""
    if not path.exists():
        raise SourceError(make_problem("file-not-found", file=shown))
    if path.is_dir():
        raise SourceError(make_problem("file-is-directory", file=shown))
    if path.stat().st_size == 0:
        raise SourceError(make_problem("file-empty", file=shown))


def unreadable(shown: str, exc: BaseException) -> Problem:
    """``file-unreadable`` for an error of the system's, told in Japanese."""
    if isinstance(exc, PermissionError):
        detail = "読み取りの権限がありません"
    elif isinstance(exc, OSError) and exc.strerror:
        detail = f"{exc.strerror}"
    else:
        detail = type(exc).__name__
    return make_problem("file-unreadable", file=shown, detail=detail)
