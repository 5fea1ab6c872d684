"""Lock holders for every lock layout, the tally workbook's backups and locks, one size limit."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets import limits
from mihara_sheets.budget import tally
from mihara_sheets.budget.workbook import TallyOutputError, write_tally_workbook
from mihara_sheets.cli import main
from mihara_sheets.writer import WriteRefused, edit_workbook, lock_holder
from mihara_sheets.writer import package as writer_package
from tests.writer_helpers import file_hash, make_ledger

FIXTURES = Path(__file__).parent / "fixtures"


def excel_owner(name: str, *, utf16_at: int | None = 55, ansi: bool = True, size: int = 165) -> bytes:
    """An owner file laid out as Excel (UTF-16 at 55) or Word (at 54) write it."""
    encoded = name.encode("cp932", "replace")
    data = bytes([len(encoded) if ansi else 0]) + (encoded if ansi else b"")
    if utf16_at is not None:
        data = data.ljust(utf16_at, b"\x20")
        data += len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return data.ljust(size, b"\x20")


@pytest.fixture
def ledger(tmp_path):
    return make_ledger(tmp_path / "台帳.xlsx")


# -- Excel's ~$ owner file ---------------------------------------------------------------
@pytest.mark.parametrize("data, holder", [
    (excel_owner("山田 花子"), "山田 花子さん（Excel）"),
    (excel_owner("山田 花子", utf16_at=54), "山田 花子さん（Excel）"),  # Word's offset
    (excel_owner("Hanako Yamada", utf16_at=None), "Hanako Yamadaさん（Excel）"),
    (excel_owner("山田 花子", utf16_at=None), "山田 花子さん（Excel）"),  # ANSI (cp932) only
    (excel_owner("三原市 福祉課 山田", ansi=False), "三原市 福祉課 山田さん（Excel）"),  # no ANSI copy
    (excel_owner("山田 花子", size=162), "山田 花子さん（Excel）"),  # Word's 162 bytes
    (b"", "他の人（Excel）"),
    (b"\xff" * 165, "他の人（Excel）"),
    (b"\x05abc", "他の人（Excel）"),  # cut short
])
def test_excel_owner_file_layouts(ledger, data, holder):
    (ledger.parent / ("~$" + ledger.name)).write_bytes(data)
    assert lock_holder(ledger) == holder


# -- LibreOffice's .~lock.name# ------------------------------------------------------------
@pytest.mark.parametrize("text, holder", [
    ("佐藤 一郎,sato,PC-FUKUSHI-12,28.11.2026 09:12,file:///home/sato/.config/libreoffice/4;",
     "佐藤 一郎さん（LibreOffice）"),
    # No name in LibreOffice's options: the system user, never the machine.
    (",sato,PC-FUKUSHI-12,28.11.2026 09:12,file:///home/sato/.config/libreoffice/4;", "satoさん（LibreOffice）"),
    (" ,sato,PC-FUKUSHI-12,28.11.2026 09:12,file:///C:/Users/sato/AppData/Roaming/LibreOffice/4;",
     "satoさん（LibreOffice）"),
    ("Yamada\\, Hanako,hanako,pc01,28.11.2026 09:00,file:///x;", "Yamada, Hanakoさん（LibreOffice）"),
    ("\ufeff佐藤 一郎,sato,pc,28.11.2026 09:12,file:///x;", "佐藤 一郎さん（LibreOffice）"),
    (",,PC-FUKUSHI-12,28.11.2026 09:12,file:///x;", "他の人（LibreOffice）"),
    ("", "他の人（LibreOffice）"),
    ("佐藤 一郎,sato,pc,28.11.2026 09:12,file:///x;\n", "佐藤 一郎さん（LibreOffice）"),
])
def test_libreoffice_lock_layouts(ledger, text, holder):
    (ledger.parent / f".~lock.{ledger.name}#").write_text(text, encoding="utf-8")
    assert lock_holder(ledger) == holder


def test_libreoffice_lock_in_the_windows_code_page(ledger):
    (ledger.parent / f".~lock.{ledger.name}#").write_bytes("佐藤 一郎,sato,pc,28.11.2026,file:///x;".encode("cp932"))
    assert lock_holder(ledger) == "佐藤 一郎さん（LibreOffice）"


def test_a_lock_with_an_empty_name_never_blames_the_machine(ledger):
    (ledger.parent / f".~lock.{ledger.name}#").write_text(",hanako,FUKUSHI-PC-07,28.11.2026 09:00,file:///x;")
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger):
            pass
    assert "hanakoさん（LibreOffice）" in str(info.value) and "FUKUSHI-PC-07" not in str(info.value)


# -- the tally workbook ----------------------------------------------------------------------
@pytest.fixture
def result():
    from mihara_sheets import load_ledger

    return tally(load_ledger(FIXTURES / "budget_multi_year.xlsx"))


def test_the_tally_workbook_backs_up_the_file_it_replaces(tmp_path, result):
    target = tmp_path / "予算集計.xlsx"
    target.write_bytes(b"last month's tally, edited by hand")
    write_tally_workbook(result, target)
    [backup] = (tmp_path / "バックアップ").iterdir()
    assert backup.read_bytes() == b"last month's tally, edited by hand"
    assert backup.name.startswith("予算集計_") and zipfile.is_zipfile(target)


def test_a_new_tally_workbook_needs_no_backup(tmp_path, result):
    write_tally_workbook(result, tmp_path / "予算集計.xlsx")
    assert not (tmp_path / "バックアップ").exists()


@pytest.mark.parametrize("lock, text", [
    (".~lock.予算集計.xlsx#", ",sato,PC-07,28.11.2026 09:12,file:///x;"),
    ("~$予算集計.xlsx", None),
])
def test_the_tally_workbook_honours_both_locks(tmp_path, result, lock, text):
    target = tmp_path / "予算集計.xlsx"
    target.write_bytes(b"open in someone's spreadsheet program")
    if text is None:
        (tmp_path / lock).write_bytes(excel_owner("山田 花子"))
    else:
        (tmp_path / lock).write_text(text, encoding="utf-8")
    with pytest.raises(TallyOutputError) as info:
        write_tally_workbook(result, target)
    assert info.value.problem.code == "file-locked"
    assert ("satoさん（LibreOffice）" if text else "山田 花子さん（Excel）") in info.value.problem.message
    assert target.read_bytes() == b"open in someone's spreadsheet program"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([lock, "予算集計.xlsx"])


def test_a_read_only_tally_workbook_is_not_replaced(tmp_path, result):
    target = tmp_path / "予算集計.xlsx"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    with pytest.raises(TallyOutputError) as info:
        write_tally_workbook(result, target)
    assert info.value.problem.code == "file-read-only" and target.read_bytes() == b"kept"


def test_the_tally_workbook_sweeps_its_own_leftovers(tmp_path, result):
    leftover = tmp_path / ".予算集計.0123abcd.tmp.xlsx"
    leftover.write_bytes(b"half")
    write_tally_workbook(result, tmp_path / "予算集計.xlsx")
    assert not leftover.exists()


def test_budget_xlsx_into_a_libreoffice_locked_file_exits_2_and_keeps_it(tmp_path):
    target = tmp_path / "集計.xlsx"
    target.write_bytes(b"someone's open copy")
    (tmp_path / ".~lock.集計.xlsx#").write_text(",sato,PC-07,28.11.2026 09:12,file:///x;", encoding="utf-8")
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(FIXTURES / "budget_multi_year.xlsx", ledger)
    result = CliRunner().invoke(main, ["budget", str(ledger), "--xlsx", str(target), "--json"])
    assert result.exit_code == 2, result.output
    assert '"code": "file-locked"' in result.output and "sato" in result.output
    assert target.read_bytes() == b"someone's open copy"


def test_budget_xlsx_over_an_existing_file_keeps_a_backup(tmp_path):
    target = tmp_path / "集計.xlsx"
    target.write_bytes(b"the previous tally")
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(FIXTURES / "budget_multi_year.xlsx", ledger)
    result = CliRunner().invoke(main, ["budget", str(ledger), "--xlsx", str(target)])
    assert result.exit_code == 0, result.output
    assert [p.read_bytes() for p in (tmp_path / "バックアップ").iterdir()] == [b"the previous tally"]


# -- one size limit --------------------------------------------------------------------------
def test_the_writer_uses_the_shared_limits():
    assert limits.MAX_UNCOMPRESSED_TOTAL == 1024 ** 3  # the reader's limit, no longer 512 MiB
    assert writer_package.MAX_UNCOMPRESSED == limits.MAX_UNCOMPRESSED_TOTAL
    from mihara_sheets.sources import xlsx

    # Until the reader imports mihara_sheets.limits, its own figures must stay the same.
    assert (xlsx.MAX_UNCOMPRESSED_TOTAL, xlsx.MAX_RATIO, xlsx.RATIO_CHECK_FROM) == (
        limits.MAX_UNCOMPRESSED_TOTAL, limits.MAX_RATIO, limits.RATIO_CHECK_FROM)


def test_the_writer_refuses_what_the_shared_limit_refuses(ledger, monkeypatch):
    with edit_workbook(ledger, backups=0) as book:  # within the limit
        book.set_cell("名簿", "E4", "x")
    total = sum(i.file_size for i in zipfile.ZipFile(ledger).infolist())
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_TOTAL", total - 1)
    digest = file_hash(ledger)
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(ledger, backups=0) as book:
            book.set_cell("名簿", "E4", "y")
    assert info.value.code == "unsupported-workbook" and file_hash(ledger) == digest


def test_a_part_compressed_like_a_bomb_is_refused_from_the_readers_threshold(tmp_path):
    # 9 MiB of one byte (≈ 1000:1): the reader refuses from 8 MiB; so does the writer now.
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (9 * 1024 * 1024))
    with pytest.raises(WriteRefused) as info:
        with edit_workbook(path):
            pass
    assert info.value.code == "unsupported-workbook"
