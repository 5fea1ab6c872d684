"""The layers import only downwards: grids from sources, records from ledger, files at the edges.

``ledger/`` turns grids into records and knows no file, no writer and no front end;
``sources/`` knows nothing of the ledger's meaning; pure logic never imports Excel.
Read from the source text (every ``import``, also those inside functions).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mihara_sheets"

# layer -> what it may not import (module prefixes under mihara_sheets)
FORBIDDEN = {
    "ledger": ("loading", "writer", "documents", "jobs", "cli", "macros", "budget", "outputs",
               "sources.xlsx", "sources.csv_file", "sources.xlwings_book"),
    "analyses": ("loading", "writer", "documents", "jobs", "cli", "macros", "outputs",
                 "sources.xlsx", "sources.csv_file", "sources.xlwings_book"),
    "sources": ("ledger", "writer", "documents", "jobs", "cli", "macros", "budget", "loading"),
    "writer": ("ledger", "documents", "jobs", "cli", "macros", "budget", "loading"),
    "documents": ("cli", "macros"),
    "jobs": ("cli", "macros"),
}


def imported(path: Path) -> set[str]:
    """The mihara_sheets modules a file imports, as dotted names under the package."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                module = ".".join(base[1:] + ([node.module] if node.module else []))
            elif (node.module or "").startswith("mihara_sheets"):
                module = node.module.removeprefix("mihara_sheets").lstrip(".")
            else:
                continue
            names.add(module)
            names.update(f"{module}.{a.name}".lstrip(".") for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix("mihara_sheets.") for a in node.names if a.name.startswith("mihara_sheets."))
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    wrong = []
    for path in sorted((PACKAGE / layer).glob("*.py")):
        for name in imported(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                wrong.append(f"{path.name}: {name}")
    assert wrong == []


def test_pure_logic_never_imports_excel():
    for layer in ("ledger", "documents", "jobs"):
        for path in (PACKAGE / layer).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("xlwings") for a in node.names), path
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    assert not (node.module or "").startswith("xlwings"), path
