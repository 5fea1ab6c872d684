"""The staff's ledger guide (docs/ledger.md) is generated from the spec and kept current."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from mihara_sheets.ledger.ledger import Ledger
from mihara_sheets.ledger.queries import PLENARY_INVITES_KEY
from mihara_sheets.ledger.records import Settings
from mihara_sheets.ledger.spec import SETTING_NOTES, SETTINGS_KEYS, TABLES
from mihara_sheets.documents.notice_context import OTHER_KEY, PERSON_KEY

ROOT = Path(__file__).resolve().parent.parent


def test_the_guide_is_current():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_ledger_guide.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_table_names_its_record_and_a_list_of_the_ledger():
    lists = {f.name for f in dataclasses.fields(Ledger)}
    for table in TABLES:
        assert table.key in lists, table.key
        assert dataclasses.is_dataclass(table.record), table.name
        names = {f.name for f in dataclasses.fields(table.record)}
        assert {f.name for f in table.fields} <= names, table.name
        assert dict(table.defaults).keys() <= names and table.purpose


def test_every_settings_key_read_is_described_for_staff():
    described = set(SETTING_NOTES)
    assert set(SETTINGS_KEYS) <= described
    assert {PLENARY_INVITES_KEY, OTHER_KEY, PERSON_KEY} <= described
    assert set(SETTINGS_KEYS.values()) <= {f.name for f in dataclasses.fields(Settings)}


def test_the_guide_names_every_header_staff_may_type():
    text = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    for table in TABLES:
        for spec in table.fields:
            for header in spec.headers:
                assert header in text, (table.name, header)
