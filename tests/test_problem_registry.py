"""One problem registry: every code the project gives is declared once, with its message.

The code is scanned as text for the places that raise or build a coded problem, so a code
typed at a call site but never declared fails here, not in front of staff.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mihara_sheets.problems import CATALOG, REMEDIES, SECTIONS, make_problem

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mihara_sheets"
# make_problem("x", problem_at("x", WriteRefused("x", DocumentError("x", TemplateError("x",
# ValueProblem("x", SourceError(make_problem("x"
CALL = re.compile(r"\b(?:make_problem|problem_at|WriteRefused|DocumentError|TemplateError|ValueProblem)\(\s*\"([a-z0-9-]+)\"")


def used_codes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for code in CALL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_code_given_anywhere_is_declared():
    undeclared = {code: where for code, where in used_codes().items() if code not in CATALOG}
    assert not undeclared


def test_each_code_is_declared_once_in_the_source():
    source = (PACKAGE / "problems.py").read_text(encoding="utf-8")
    for code in CATALOG:
        declarations = re.findall(rf'^\s+"{re.escape(code)}": \(', source, re.M)
        assert len(declarations) == 1, code
    others = [p for p in PACKAGE.rglob("*.py") if p.name != "problems.py"]
    for path in others:  # no second table of messages elsewhere
        assert not re.search(r'^\s+"[a-z]+-[a-z-]+": "', path.read_text(encoding="utf-8"), re.M), path


def test_every_template_fills_and_every_remedy_names_a_code():
    assert set(REMEDIES) <= set(CATALOG)
    assert sum(len(part) for part in SECTIONS.values()) == len(CATALOG)
    for code in CATALOG:
        problem = make_problem(code, sheet="会議", cell="C7", value="x")
        assert problem.message and "{" not in problem.message.replace("{{", "").replace("{%", ""), code


def test_a_problem_knows_its_row_and_field_without_parsing_its_cell():
    problem = make_problem("invalid-date", sheet="会議", cell="D12", field="date", header="開催日", value="x")
    assert (problem.row, problem.field) == (12, "date")
    assert problem.to_dict()["row"] == 12


def test_the_staff_guide_table_is_generated_from_the_registry():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_staff_guide.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    guide = (ROOT / "docs" / "staff-guide.md").read_text(encoding="utf-8")
    for code in CATALOG:
        assert f"| `{code}` |" in guide


@pytest.mark.parametrize("code", ["writeback-refused", "file-locked", "template-syntax"])
def test_the_generated_rows_read_as_staff_see_them(code):
    from importlib import import_module

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        build = import_module("build_staff_guide")
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    row = next(line for line in build.table().splitlines() if line.startswith(f"| `{code}` |"))
    assert "{" not in row.replace("{{ }}", "").replace("{% %}", "") and "…" in row
