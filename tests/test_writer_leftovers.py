"""No leftovers, no wider permissions (issue 12): temporary copies and backups of a ledger.

A killed save used to leave ``.台帳.<hex>.tmp.xlsx`` — a full copy with names and
addresses — readable by everyone even beside a 0600 ledger, for a day; a killed backup
left ``バックアップ/.…xlsx.tmp`` for ever; a 0444 ledger was replaced.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets.cli import main
from mihara_sheets.writer import WriteRefused, edit_workbook, saving
from tests.test_writeback_by_key import HELD, PLANNED, build
from tests.writer_helpers import file_hash, make_ledger


@pytest.fixture
def ledger(tmp_path):
    return make_ledger(tmp_path / "台帳.xlsx")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- the sweep ---------------------------------------------------------------------------
def test_a_killed_saves_leftovers_are_swept_at_the_next_write_whatever_their_age(ledger):
    folder = ledger.parent
    backups = folder / "バックアップ"
    backups.mkdir()
    temp = folder / ".台帳.deadbeef.tmp.xlsx"  # a save killed a second ago
    half_backup = backups / ".台帳_20261203-091500-123456.xlsx.tmp"
    temp.write_bytes(ledger.read_bytes())
    half_backup.write_bytes(ledger.read_bytes()[:1000])
    keep = [folder / ".台帳.tmp.xlsx", folder / ".名簿.deadbeef.tmp.xlsx", folder / "台帳.deadbeef.tmp.xlsx",
            backups / "台帳_20261203-091500-123456.xlsx", backups / ".名簿_20261203-091500-123456.xlsx.tmp",
            folder / ".台帳.DEADBEEF.tmp.xlsx"]
    for path in keep:
        path.write_bytes(b"not ours")
    with edit_workbook(ledger, backups=3) as book:
        book.set_cell("名簿", "E4", "x")
    assert not temp.exists() and not half_backup.exists()
    assert all(path.exists() for path in keep)


def test_the_sweep_runs_even_when_nothing_is_written(ledger):
    temp = ledger.parent / ".台帳.0badc0de.tmp.xlsx"
    temp.write_bytes(b"PK half a ledger")
    with edit_workbook(ledger):
        pass
    assert not temp.exists()


def test_the_sweep_looks_in_a_given_backup_folder(ledger, tmp_path):
    elsewhere = tmp_path / "控え"
    elsewhere.mkdir()
    half = elsewhere / ".台帳_20260101-000000-000000.xlsx.tmp"
    half.write_bytes(b"x")
    with edit_workbook(ledger, backup_dir=elsewhere) as book:
        book.set_cell("名簿", "E4", "x")
    assert not half.exists()


def test_a_failed_backup_leaves_no_half_copy_and_no_temp(ledger, monkeypatch):
    def disk_full(src, dst, length=0):
        dst.write(src.read(4096))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving.shutil, "copyfileobj", disk_full)
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "E4", "x")
    assert info.value.code == "write-failed"
    assert file_hash(ledger) == digest
    assert [p.name for p in ledger.parent.iterdir() if ".tmp" in p.name] == []
    assert [p.name for p in (ledger.parent / "バックアップ").iterdir()] == []


def test_a_failed_verification_leaves_no_temp(ledger, monkeypatch):
    def broken(*args, **kwargs):
        raise WriteRefused("verify-failed", detail="テスト")

    monkeypatch.setattr(saving, "verify", broken)
    with pytest.raises(WriteRefused):
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("名簿", "E4", "x")
    assert [p.name for p in ledger.parent.iterdir() if ".tmp" in p.name] == []


# -- permissions -------------------------------------------------------------------------
@pytest.mark.parametrize("bits", [0o600, 0o640, 0o644])
def test_temp_and_backup_have_the_ledgers_bits_from_the_first_byte(ledger, monkeypatch, bits):
    ledger.chmod(bits)
    seen: dict[str, int] = {}
    real_verify = saving.verify
    real_create = saving.create_private

    def create(target, wanted):
        handle = real_create(target, wanted)
        seen.setdefault(Path(target).name, mode(target))  # before a single byte is written
        assert os.path.getsize(target) == 0
        return handle

    def verify(package, temp, *args):
        seen["temp-at-verify"] = mode(temp)
        return real_verify(package, temp, *args)

    monkeypatch.setattr(saving, "create_private", create)
    monkeypatch.setattr(saving, "verify", verify)
    old_umask = os.umask(0o000)  # a permissive umask must not widen anything
    try:
        with edit_workbook(ledger, backups=2) as book:
            book.set_cell("名簿", "E4", "x")
    finally:
        os.umask(old_umask)
    temps = [name for name in seen if name.endswith(".tmp.xlsx")]
    half_backups = [name for name in seen if name.endswith(".xlsx.tmp")]
    assert temps and half_backups
    assert {seen[n] for n in temps + half_backups} == {bits} and seen["temp-at-verify"] == bits
    [backup] = (ledger.parent / "バックアップ").iterdir()
    assert mode(backup) == bits and mode(ledger) == bits


def test_a_strict_umask_does_not_narrow_the_copy_below_the_ledger(ledger):
    ledger.chmod(0o664)
    old_umask = os.umask(0o077)
    try:
        with edit_workbook(ledger, backups=1) as book:
            book.set_cell("名簿", "E4", "x")
    finally:
        os.umask(old_umask)
    [backup] = (ledger.parent / "バックアップ").iterdir()
    assert mode(ledger) == 0o664 and mode(backup) == 0o664


# -- read-only ledgers -----------------------------------------------------------------
def test_a_read_only_ledger_is_refused_and_never_replaced(ledger):
    ledger.chmod(0o444)
    digest, inode = file_hash(ledger), ledger.stat().st_ino
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "E4", "x")
    assert info.value.code == "file-read-only" and "読み取り専用" in str(info.value)
    assert file_hash(ledger) == digest and ledger.stat().st_ino == inode
    assert not (ledger.parent / "バックアップ").exists()
    assert [p.name for p in ledger.parent.iterdir() if ".tmp" in p.name] == []


def test_a_ledger_made_read_only_during_the_edit_is_not_replaced(ledger):
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("名簿", "E4", "x")
            ledger.chmod(0o444)
            os.utime(ledger, ns=(ledger.stat().st_atime_ns, ledger.stat().st_mtime_ns))  # stamp unchanged
    assert info.value.code == "file-read-only"
    assert file_hash(ledger) == digest


def test_notices_refuse_a_read_only_ledger_with_exit_1(tmp_path):
    path = build(tmp_path / "台帳.xlsx", [HELD, PLANNED])
    path.chmod(0o444)
    digest = file_hash(path)
    result = CliRunner().invoke(main, ["notices", str(path), "--meeting", "M-KOR-2", "--out",
                                       str(tmp_path / "out"), "--date", "2026-11-20"])
    assert result.exit_code == 1, result.output
    assert "読み取り専用" in result.output and "writeback-refused" in result.output
    assert file_hash(path) == digest and mode(path) == 0o444
