"""Files shipped with the package: the Word templates and the sample ledger.

``templates/`` and ``workbooks/`` sit at the top of the repository, where staff find them,
and are installed as the packages ``mihara_sheets._templates`` / ``mihara_sheets._workbooks``.
When the package is imported from a source tree (``pyproject.toml`` beside it), the folders
beside it are used, even when an editable install of another checkout is on the path.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

SAMPLE_LEDGER = "sample_ledger.xlsx"


def _folder(package: str, fallback: str) -> Path:
    source_tree = Path(__file__).resolve().parent.parent
    if (source_tree / "pyproject.toml").is_file() and (source_tree / fallback).is_dir():
        # Imported from a checkout (PYTHONPATH, a git worktree): its own folders, not those
        # an editable install of another checkout maps the packages to.
        return source_tree / fallback
    try:
        return Path(str(importlib.resources.files(package)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / fallback


def templates_dir() -> Path:
    """The folder holding the bundled .docx templates."""
    return _folder("mihara_sheets._templates", "templates")


def template_path(name: str) -> Path:
    """A bundled template's path (``templates/NAME``)."""
    return templates_dir() / name


def workbooks_dir() -> Path:
    """The folder holding the bundled sample workbooks."""
    return _folder("mihara_sheets._workbooks", "workbooks")


def sample_ledger_path() -> Path:
    """The bundled sample ledger (``workbooks/sample_ledger.xlsx``)."""
    return workbooks_dir() / SAMPLE_LEDGER
