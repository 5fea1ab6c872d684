"""What an installed copy holds: every subpackage, the templates and the sample workbooks.

Staff install a wheel, not this folder: a subpackage missing from pyproject's list would
work here (editable install) and be absent there.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "mihara_sheets").rglob("__init__.py")
    }
    assert on_disk <= listed


def test_the_wheel_carries_the_command_templates_and_workbooks(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("mihara_sheets-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("mihara_sheets/cli/__init__.py", "mihara_sheets/cli/check.py", "mihara_sheets/macros/__init__.py", "mihara_sheets/jobs/notices.py",
                   "mihara_sheets/_templates/notice.docx", "mihara_sheets/_templates/agenda.docx",
                   "mihara_sheets/_workbooks/sample_ledger.xlsx", "mihara_sheets/_workbooks/mihara_sheets.macros.xlsm"):
        assert needed in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "mihara-sheets = mihara_sheets.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
