"""Shared test set-up.

xlwings' engines that run without Excel (the reader and remote engines) are in its
PolyForm Noncommercial part; use by a government institution is a permitted purpose (see
README). xlwings reads the key when it is first imported, so it is set here, before any
test module imports it, and only for the tests.
"""

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import shutil

import pytest


def pytest_sessionstart(session):
    """In CI the real components must be there: a missing LibreOffice is a failure, not a
    reason to skip the tests that open workbooks and render documents."""
    if os.environ.get("CI") and not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.exit("CI: LibreOffice (soffice) and poppler (pdftoppm) must be installed by .ci/run", returncode=3)
