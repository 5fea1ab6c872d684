"""Safe saving: locks, concurrent changes, nothing written on error, backups, bad files,
reads that never touch the file, and crash safety under SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import time
import zipfile
from pathlib import Path

import pytest
import python_calamine

from mihara_sheets.writer import WriteRefused, edit_workbook, lock_holder, read_cells
from tests.writer_helpers import file_hash, make_ledger


@pytest.fixture
def ledger(tmp_path):
    return make_ledger(tmp_path / "台帳.xlsx")


def _excel_owner_file(name: str) -> bytes:
    # Excel's ~$ owner file layout (as LibreOffice documents and writes it): length byte,
    # the name in the ANSI code page, 0x20 up to offset 55, a 2-byte length, the name in
    # UTF-16LE, then 0x20 0x00 filler up to 165 bytes.
    data = bytes([len(name)]) + name.encode("cp932")
    data = data.ljust(55, b"\x20")
    data += len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return data.ljust(165, b"\x20")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


# -- locks -------------------------------------------------------------------------------------
def test_excel_lock_file_names_who_has_it_open(ledger):
    (ledger.parent / ("~$" + ledger.name)).write_bytes(_excel_owner_file("山田 花子"))
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "B4", "x")
    exc = info.value
    assert exc.code == "file-locked" and exc.file == str(ledger)
    assert str(exc) == ("ファイル「台帳.xlsx」は山田 花子さん（Excel）が開いているため書き込めません。"
                        "ファイルを閉じてもらってから、もう一度実行してください。")
    assert file_hash(ledger) == digest


def test_libreoffice_lock_file_names_who_has_it_open(ledger):
    (ledger.parent / f".~lock.{ledger.name}#").write_text(
        "佐藤 一郎,PC-FUKUSHI-12,sato,28.11.2026 09:12,file:///home/sato/.config/libreoffice/4;", encoding="utf-8")
    assert lock_holder(ledger) == "佐藤 一郎さん（LibreOffice）"
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger):
            pass
    assert info.value.code == "file-locked" and "佐藤 一郎さん（LibreOffice）" in str(info.value)


def test_unreadable_lock_file_still_refuses(ledger):
    (ledger.parent / ("~$" + ledger.name)).write_bytes(b"")
    assert lock_holder(ledger) == "他の人（Excel）"


def test_lock_appearing_during_the_edit_refuses_the_save(ledger):
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "B4", "x")
            (ledger.parent / ("~$" + ledger.name)).write_bytes(_excel_owner_file("Taro"))
    assert info.value.code == "file-locked" and "Taroさん" in str(info.value)
    assert file_hash(ledger) == digest and _leftovers(ledger.parent) == []


def test_file_changed_by_someone_else_during_the_edit(ledger):
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "B4", "x")
            st = ledger.stat()
            os.utime(ledger, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert info.value.code == "file-changed" and "変更前のまま" in str(info.value)
    assert file_hash(ledger) == digest and _leftovers(ledger.parent) == []


# -- nothing written unless the block ends normally ----------------------------------------------
def test_exception_inside_the_block_writes_nothing(ledger):
    digest, mtime = file_hash(ledger), ledger.stat().st_mtime_ns
    with pytest.raises(KeyError):
        with edit_workbook(ledger) as book:
            book.set_cell("名簿", "B4", "x")
            book.put_sheet("予算集計", [["a"]])
            raise KeyError("stop")
    assert file_hash(ledger) == digest and ledger.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in ledger.parent.iterdir()) == [ledger.name]


def test_no_change_means_no_write(ledger):
    mtime = ledger.stat().st_mtime_ns
    with edit_workbook(ledger) as book:
        assert "名簿" in book.sheet_names
    assert ledger.stat().st_mtime_ns == mtime
    assert not (ledger.parent / "バックアップ").exists()


def test_reading_never_changes_the_file(ledger):
    digest, mtime = file_hash(ledger), ledger.stat().st_mtime_ns
    wb = python_calamine.CalamineWorkbook.from_path(str(ledger))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    wb.close()
    read_cells(ledger, "名簿", ["A1", "B4"])
    assert file_hash(ledger) == digest and ledger.stat().st_mtime_ns == mtime


# -- backups -------------------------------------------------------------------------------------
def test_backups_keep_the_previous_versions(ledger):
    versions = [ledger.read_bytes()]
    for i in range(3):
        with edit_workbook(ledger, backups=2) as book:
            book.set_cell("名簿", "E4", f"版{i}")
        versions.append(ledger.read_bytes())
    folder = ledger.parent / "バックアップ"
    kept = sorted(folder.iterdir())
    assert len(kept) == 2 and all(p.name.startswith("台帳_") and p.suffix == ".xlsx" for p in kept)
    assert [p.read_bytes() for p in kept] == versions[1:3]
    assert read_cells(ledger, "名簿", ["E4"]) == {"E4": "版2"}


def test_backup_dir_and_permissions(ledger, tmp_path):
    os.chmod(ledger, 0o640)
    with edit_workbook(ledger, backup_dir=tmp_path / "bk", backups=1) as book:
        book.set_cell("名簿", "E4", "x")
    assert len(list((tmp_path / "bk").iterdir())) == 1
    assert ledger.stat().st_mode & 0o777 == 0o640


# -- files that are not workbooks --------------------------------------------------------------
@pytest.mark.parametrize("content,detail", [
    (b"", "空"),
    ("氏名,所属\r\n山田,社協\r\n".encode("cp932"), "形式"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504, "パスワード"),
    (b"PK\x03\x04" + os.urandom(200), "zip"),
])
def test_not_a_workbook_is_refused(tmp_path, content, detail):
    path = tmp_path / "台帳.xlsx"
    path.write_bytes(content)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path):
            pass
    assert info.value.code == "not-a-workbook" and detail in str(info.value)
    assert path.read_bytes() == content


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(tmp_path / "ない.xlsx"):
            pass
    assert info.value.code == "file-not-found" and "ない.xlsx" in str(info.value)


def test_entity_declarations_are_refused(ledger):
    with zipfile.ZipFile(ledger) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
    with zipfile.ZipFile(ledger, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger):
            pass
    assert info.value.code == "unsupported-workbook"


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as part:  # 32 MB of blanks -> ~32 KB
            part.write(b"<a")
            for _ in range(32):
                part.write(b" " * (1024 * 1024))
            part.write(b"/>")
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path):
            pass
    assert info.value.code == "unsupported-workbook" and "大きすぎ" in str(info.value)


# -- crash safety ------------------------------------------------------------------------------
def _writer_loop(path: Path) -> None:
    """Child process: save the ledger over and over, each time with a higher number."""
    n = int(read_cells(path, "名簿", ["D4"])["D4"])
    while True:
        n += 1
        with edit_workbook(path, backups=2) as book:
            book.set_cell("名簿", "D4", n)
            book.append_rows("会議", [[f"M-{n}", "第n回"]])


def test_sigkill_at_random_moments_leaves_old_or_new_file(tmp_path):
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork")
    ledger = make_ledger(tmp_path / "台帳.xlsx")
    rng = random.Random(20261128)
    last_seen = int(read_cells(ledger, "名簿", ["D4"])["D4"])
    kills = interrupted = 0
    while kills < 60:
        pid = os.fork()
        if pid == 0:  # child: never returns into pytest
            try:
                _writer_loop(ledger)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        # A kill mid-write leaves a temporary file, until the next save sweeps it.
        interrupted += any(p.name.startswith(".台帳.") and ".tmp" in p.name for p in tmp_path.iterdir())
        with zipfile.ZipFile(ledger) as z:
            assert z.testzip() is None
        value = read_cells(ledger, "名簿", ["D4"])["D4"]
        assert isinstance(value, float) and value >= last_seen
        meetings = python_calamine.CalamineWorkbook.from_path(str(ledger)).get_sheet_by_name("会議").to_python()
        # The appended row and the number were saved together: both or neither.
        assert len(meetings) - 4 == int(value) - 5000
        last_seen = value
    assert last_seen > 5000, "the writer never managed a save between kills"
    # Interrupted saves leave at most stray temporary files, never a damaged ledger; some
    # kills must have landed in the middle of a save, or the test proved nothing.
    print(f"{kills} kills, {int(last_seen) - 5000} saves, {interrupted} interrupted mid-write")
    assert interrupted, "no kill landed while a temporary file was being written"


def test_stale_temporary_files_are_cleaned_up(ledger):
    stale = ledger.parent / ".台帳.0123abcd.tmp.xlsx"
    fresh = ledger.parent / ".台帳.89abcdef.tmp.xlsx"
    stale.write_bytes(b"half written")
    fresh.write_bytes(b"a killed save a minute ago: a full copy of the ledger")
    old = time.time() - 3 * 24 * 3600
    os.utime(stale, (old, old))
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("名簿", "E4", "x")
    # Any age (issue 12): a leftover holds the ledger's personal data and is never kept.
    assert not stale.exists() and not fresh.exists()


def test_binary_workbook_is_refused(tmp_path):
    path = tmp_path / "台帳.xlsb"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("_rels/.rels", (
            "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
            "<Relationship Id='rId1' Target='xl/workbook.bin' Type='http://schemas.openxmlformats.org/"
            "officeDocument/2006/relationships/officeDocument'/></Relationships>"))
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path):
            pass
    assert info.value.code == "not-a-workbook" and ".xlsb" in str(info.value)
