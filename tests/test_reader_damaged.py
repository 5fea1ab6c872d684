"""Damaged and hostile ledgers through the real commands and the library (issue 12, parts 2
and 4): a stray value in XFD1048576, damaged compressed parts, a zip without its workbook,
an unreadable file, a Rust panic. Each gets a coded Japanese message and exit code 2, never
an abort, a traceback or Rust's panic text; reading never changes the file. A budget's
output carries the budget's problems only, and no problem repeats a phone number or an
e-mail address typed in the wrong column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from mihara_sheets import LedgerReadError, load_ledger
from mihara_sheets.sources.extent import TRUST_STATED_FROM, far_cells
from mihara_sheets.sources.quiet import without_panics
from tests.factory import basic_councils, make_workbook

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"
COMMANDS = (("check",), ("check", "--json"), ("budget",), ("budget", "--json"), ("notices",))
RUST_TEXT = ("panicked", "RUST_BACKTRACE", "memory allocation of", "stack backtrace")


def run(*args, prefix=()) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "1"}
    return subprocess.run([*prefix, sys.executable, "-m", "mihara_sheets", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ledger_with(path: Path, far: str | None = None, roster_phone: bool = False) -> Path:
    """会議体 and 予算 (and a 名簿 with a phone number typed in 任期開始), optionally a value at ``far``."""
    book = xlsxwriter.Workbook(str(path))
    sheets = {"会議体": basic_councils(), "予算": [["事業名", "予算額", "執行額"], ["広報", 100, 50]]}
    if roster_phone:
        sheets["名簿"] = [["部会", "氏名", "任期開始", "任期終了", "電話"],
                        ["K02", "山田花子", "090-1234-5678", "hanako@example.jp", "0848-67-1234"]]
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(r, c, value)
        if far and name == "予算":
            sheet.write(far, "x")
    book.close()
    return path


def rewrite(source: Path, target: Path, change) -> Path:  # noqa: ANN001
    """A copy of ``source`` whose parts pass through ``change(name, data)`` (None drops one)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                out.writestr(name, data)
    return target


def sheet_part(path: Path, sheet: str = "予算") -> str:
    return {"会議体": "xl/worksheets/sheet1.xml", "予算": "xl/worksheets/sheet2.xml"}[sheet]


def problems_of(done: subprocess.CompletedProcess, as_json: bool) -> list[dict]:
    if as_json:
        return json.loads(done.stdout)["problems"]
    return [{"code": line.split(": ", 1)[0].split("] ", 1)[1], "message": line.split(": ", 1)[1]}
            for line in done.stderr.splitlines() if line.startswith("[エラー] ")]


def assert_refused(path: Path, code: str, *words: str) -> None:
    """Every command: exit 2, one coded Japanese message naming the file, no Rust text."""
    before = digest(path)
    for command in COMMANDS:
        done = run(*command, path, *(("--today", TODAY) if command[0] == "check" else ()))
        assert done.returncode == 2, (command, done.returncode, done.stderr[-1500:])
        for text in RUST_TEXT + ("Traceback",):
            assert text not in done.stderr + done.stdout, (command, done.stderr[-1500:])
        problems = problems_of(done, "--json" in command)
        assert [p["code"] for p in problems] == [code], (command, done.stderr[-1500:])
        message = problems[0]["message"]
        assert path.name in message and "ください" in message or "読めません" in message, message
        for word in words:
            assert word in message, (command, message)
    assert digest(path) == before


def library_problem(path: Path):  # noqa: ANN201
    before = digest(path)
    with pytest.raises(LedgerReadError) as caught:
        load_ledger(path, today=dt.date(2026, 11, 28))
    assert digest(path) == before
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


# -- far cells ---------------------------------------------------------------------------

def test_a_value_in_xfd1048576_is_refused_in_japanese_naming_the_cell_in_every_command(tmp_path):
    # python-calamine would ask for 17 billion cells (≈ 512 GB): SIGABRT and a Rust backtrace.
    path = ledger_with(tmp_path / "台帳.xlsx", far="XFD1048576")
    assert_refused(path, "sheet-extent-unsafe", "XFD1048576", "予算", "削除")


def test_a_value_in_az1048576_is_refused_by_the_library_with_its_sheet_and_cell(tmp_path):
    path = ledger_with(tmp_path / "台帳.xlsx", far="AZ1048576")
    problem = library_problem(path)
    assert problem.code == "sheet-extent-unsafe" and problem.severity == "error"
    assert (problem.sheet, problem.cell) == ("予算", "AZ1048576")
    assert "A1:C2" in problem.message and "GB" in problem.message


def test_several_far_cells_are_all_named(tmp_path):
    path = ledger_with(tmp_path / "台帳.xlsx", far="ZZ900000")
    rewrite(path, tmp_path / "二つ.xlsx", lambda name, data: data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="H1048576"><v>1</v></c></row></sheetData>')
        if name == sheet_part(path) else data)
    problem = library_problem(tmp_path / "二つ.xlsx")
    assert "ZZ900000" in problem.message and "H1048576" in problem.message and "A1:C2" in problem.message


def test_a_far_cell_holding_no_value_or_a_small_far_block_reads(tmp_path):
    path = ledger_with(tmp_path / "台帳.xlsx")
    # A cell with a format only (calamine leaves it out), a stated extent that lies (calamine
    # does not allocate it), and a value in XFD2 (16,384 × 2 cells: allowed).
    styled = rewrite(path, tmp_path / "書式.xlsx", lambda name, data: data.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
    ).replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>') if name == sheet_part(path) else data)
    near = ledger_with(tmp_path / "近い.xlsx", far="XFD2")
    for file in (styled, near):
        ledger = load_ledger(file, today=dt.date(2026, 11, 28))
        assert len(ledger.budget_lines) == 1, file.name


def test_a_far_cell_is_found_whatever_the_order_of_its_attributes():
    # 16,384 × 2,000 = 33 M cells for two values: over the limit, whichever attribute comes first.
    for cell in (b'<c r="XFD2000"><v>1</v></c>', b'<c s="1" t="n" r="XFD2000"><v>1</v></c>'):
        xml = (b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
               b'<row r="2000">' + cell + b'</row></sheetData></worksheet>')
        found = far_cells(xml)
        assert found is not None and found.cells == ["XFD2000"] and found.block == "A1:A1"
    assert far_cells(xml, limit=40_000_000) is None


def large_ledger(path: Path, far: str | None = None) -> Path:
    """A 予算 sheet of 10,000 lines (over a megabyte of XML: its stated extent is trusted)."""
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("会議体").write_row(0, 0, ["会議体ID", "会議体名"])
    sheet = book.add_worksheet("予算")
    sheet.write_row(0, 0, ["事業名", "予算額", "執行額", "備考", "科目"])
    for row in range(1, 10_001):
        sheet.write_row(row, 0, [f"事業{row}", row * 1000, row * 10, "備考の文", "委託料"])
    if far:
        sheet.write(far, "x")
    book.close()
    with zipfile.ZipFile(path) as package:
        assert package.getinfo(sheet_part(path)).file_size >= TRUST_STATED_FROM
    return path


def test_a_far_cell_on_a_large_sheet_is_refused_whether_or_not_the_sheet_states_its_extent(tmp_path):
    stated = large_ledger(tmp_path / "大きい.xlsx", far="XFD1048576")
    unstated = rewrite(stated, tmp_path / "範囲なし.xlsx", lambda name, data: re.sub(
        rb"<dimension [^>]*/>", b"", data) if name == sheet_part(stated) else data)
    for path in (stated, unstated):
        problem = library_problem(path)
        assert (problem.code, problem.cell) == ("sheet-extent-unsafe", "XFD1048576"), path.name
    assert len(load_ledger(large_ledger(tmp_path / "ふつう.xlsx")).budget_lines) == 10_000


def test_damage_deep_in_a_large_sheet_is_file_corrupt(tmp_path):
    good = large_ledger(tmp_path / "大きい.xlsx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as package:
        info = package.getinfo(sheet_part(good))
    middle = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    for k in range(middle, middle + 40):
        data[k] ^= 0xFF
    path = tmp_path / "壊れ.xlsx"
    path.write_bytes(bytes(data))
    problem = library_problem(path)
    assert problem.code == "file-corrupt" and "読み取れません" in problem.message
    done = run("budget", "--json", path)
    assert done.returncode == 2 and json.loads(done.stdout)["problems"][0]["code"] == "file-corrupt"


# -- damaged packages ----------------------------------------------------------------------

def damaged(kind: str, good: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"{kind}.xlsx"
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as package:
        info = package.getinfo(sheet_part(good))
    if kind == "bad-deflate":
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for k in range(start + 5, start + 25):
            data[k] ^= 0xFF
        target.write_bytes(bytes(data))
    elif kind == "bad-crc":
        crc = info.CRC.to_bytes(4, "little")
        target.write_bytes(bytes(data).replace(crc, ((info.CRC ^ 0x5A5A5A5A) & 0xFFFFFFFF).to_bytes(4, "little")))
    elif kind == "truncated":
        target.write_bytes(bytes(data[: len(data) // 2]))
    elif kind == "no-workbook":
        rewrite(good, target, lambda name, part: None if name == "xl/workbook.xml" else part)
    elif kind == "no-sheet-part":
        rewrite(good, target, lambda name, part: None if name == sheet_part(good) else part)
    return target


DAMAGE = {
    "bad-deflate": "圧縮されたデータが壊れています",
    "bad-crc": "検査値（CRC）",
    "truncated": "ZIP",
    "no-workbook": "xl/workbook.xml",
    "no-sheet-part": "シート「予算」",
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_package_is_file_corrupt_in_every_command(tmp_path, kind):
    path = damaged(kind, ledger_with(tmp_path / "good.xlsx"), tmp_path)
    assert_refused(path, "file-corrupt", DAMAGE[kind], "壊れている")


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_package_is_file_corrupt_through_the_library(tmp_path, kind):
    path = damaged(kind, ledger_with(tmp_path / "good.xlsx"), tmp_path)
    problem = library_problem(path)
    assert problem.code == "file-corrupt" and DAMAGE[kind] in problem.message


def test_a_damaged_file_beside_a_good_one_is_reported_and_nothing_else_read(tmp_path):
    good = ledger_with(tmp_path / "good.xlsx")
    bad = damaged("no-workbook", good, tmp_path)
    with pytest.raises(LedgerReadError) as caught:
        load_ledger(good, bad)
    assert [(p.code, p.file) for p in caught.value.problems] == [("file-corrupt", str(bad))]


# -- unreadable files ----------------------------------------------------------------------

def without_root_powers() -> tuple[str, ...]:
    """A prefix that runs a command without root's power to read any file (or none needed)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a mode-000 file is readable")
    drop = "-dac_override,-dac_read_search"
    return ("setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}")


def test_an_unreadable_file_is_file_unreadable_in_japanese_in_every_command(tmp_path):
    path = ledger_with(tmp_path / "台帳.xlsx")
    prefix = without_root_powers()
    path.chmod(0)
    try:
        for command in COMMANDS:
            done = run(*command, path, prefix=prefix)
            assert done.returncode == 2, (command, done.stderr)
            assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr
            problems = problems_of(done, "--json" in command)
            assert [p["code"] for p in problems] == ["file-unreadable"], (command, done.stderr)
            assert "読み取りの権限がありません" in problems[0]["message"]
        done = subprocess.run(
            [*prefix, sys.executable, "-c", "import sys; from mihara_sheets import load_ledger, LedgerReadError\n"
             "try:\n    load_ledger(sys.argv[1])\nexcept LedgerReadError as e:\n    print(e.problems[0].code)", str(path)],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
        assert done.stdout.strip() == "file-unreadable", done.stderr
    finally:
        path.chmod(0o644)


# -- Rust's panic text ---------------------------------------------------------------------

def test_a_calamine_panic_never_reaches_the_console(tmp_path):
    path = tmp_path / "台帳.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("会議")
    sheet.write_row(0, 0, ["会議ID", "会議体ID", "開催日"])
    sheet.write_row(1, 0, ["M1", "K01"])
    sheet.write_number(1, 2, -1e20, book.add_format({"num_format": "yyyy/m/d"}))
    book.close()
    assert_refused(path, "file-corrupt", "日付")


def test_the_panic_filter_drops_the_panic_report_and_keeps_what_else_was_written():
    text = ("warning: 残す行\n\nthread '<unnamed>' (26302) panicked at src/lib.rs:717:17:\n"
            "TimeDelta::milliseconds out of bounds\nstack backtrace:\n   0: rust_begin_unwind\n"
            "             at ./x.c:1\nnote: Some details are omitted.\nあとの行\n")
    assert without_panics(text) == "warning: 残す行\nあとの行\n"


# -- outputs scoped to the job, personal data never quoted -----------------------------------

def test_budget_shows_no_roster_problem_and_no_message_quotes_a_phone_number_or_e_mail(tmp_path):
    path = ledger_with(tmp_path / "台帳.xlsx", roster_phone=True)
    for command in (("budget",), ("budget", "--json")):
        done = run(*command, path)
        assert done.returncode == 0, done.stderr
        assert "090-1234-5678" not in done.stdout + done.stderr and "名簿" not in done.stdout + done.stderr
    report = json.loads(run("budget", "--json", path).stdout)
    assert report["problems"] == []
    done = run("check", "--json", "--today", TODAY, path)
    problems = json.loads(done.stdout)["problems"]
    wrong = {p["location"]: p for p in problems if p["code"] == "invalid-date"}
    assert set(wrong) == {"名簿!C2", "名簿!D2"} and all(p["value"] is None for p in wrong.values())
    assert all("個人情報のため表示しません" in p["message"] for p in wrong.values())
    console = run("check", "--today", TODAY, path)
    for typed in ("090-1234-5678", "hanako@example.jp", "0848-67-1234"):
        assert typed not in done.stdout and typed not in console.stdout + console.stderr


def test_a_word_document_renamed_to_xlsx_is_said_to_be_one(tmp_path):
    import docx as python_docx

    from mihara_sheets import load_ledger
    from mihara_sheets.problems import LedgerReadError

    path = tmp_path / "台帳.xlsx"
    python_docx.Document().save(str(path))
    with pytest.raises(LedgerReadError) as raised:
        load_ledger(path)
    [problem] = raised.value.problems
    assert problem.code == "file-not-excel" and "Wordの文書です" in problem.message
