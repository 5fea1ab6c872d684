"""A PDF for every recipient, made by real LibreOffice conversions and read back.

The combined file is converted once and split by page; each recipient's PDF must exist,
have the pages of that recipient's own notice and name that recipient. A PDF that cannot
be made is ``pdf-missing``, naming it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from mihara_sheets.documents import make_notices
from mihara_sheets.documents import pdf as pdf_module
from mihara_sheets.documents.pdf import convert_to_pdf, find_soffice
from mihara_sheets.ledger.ledger import Ledger
from mihara_sheets.ledger.records import Council, Meeting, Member, Settings
from mihara_sheets.resources import sample_ledger_path

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice and poppler needed")
ISSUE = dt.date(2026, 11, 20)
LONG_TITLE = "長文"  # the title of members whose notice gets a long extra section


def ledger_of(count: int, long_every: int = 0) -> Ledger:
    """One 部会 of ``count`` members; every ``long_every``-th has the title 長文."""
    members = [
        Member("KOR", f"試験 委員{i:03d}", organization=f"第{i}地区協議会",
               title=LONG_TITLE if long_every and i % long_every == 0 else "会長",
               postal_code="723-0001", address=f"三原市港町{i}番地", delivery="郵送")
        for i in range(1, count + 1)
    ]
    meeting = Meeting("M-PDF", "KOR", number=3, date=dt.date(2026, 12, 15), start=dt.time(14), end=dt.time(16),
                      venue="本庁舎5階 第1会議室", agenda=["見守り活動の状況", "その他"])
    settings = Settings(sender="三原市保健福祉部長", division="地域福祉課", phone="0848-00-0000", notice_prefix="三保福第")
    return Ledger(councils=[Council("KOR", "高齢者支援部会", kind="部会")], members=members, meetings=[meeting],
                  settings=settings)


def text_of(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.replace(" ", "")


def pages_of(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def varying_template(path: Path) -> Path:
    """A notice whose length depends on the recipient: 長文 members get pages more."""
    document = docx.Document()
    document.add_paragraph("{{ recipient.addressee }}")
    document.add_paragraph("{{ meeting.title }}の開催について（通知）")
    document.add_paragraph(f"{{%p if recipient.title == '{LONG_TITLE}' %}}")
    for n in range(90):
        document.add_paragraph(f"補足説明 第{n + 1}項：会議の資料は当日配布します。")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("以上")
    document.save(str(path))
    return path


def test_three_recipients_each_get_their_own_pdf(tmp_path):
    result = make_notices(ledger_of(3), "M-PDF", tmp_path, issue_date=ISSUE, update=False, pdf=True)
    assert result.ok, [p.message for p in result.problems if p.is_error]
    assert [p.name for p in result.pdfs] == ["001_試験委員001.pdf", "002_試験委員002.pdf", "003_試験委員003.pdf",
                                            "一括印刷用_M-PDF.pdf"]
    for number, pdf in enumerate(result.pdfs[:-1], start=1):
        assert pages_of(pdf) == 2  # the notice and its reply slip
        text = text_of(pdf)
        assert f"試験委員{number:03d}" in text
        assert all(f"試験委員{other:03d}" not in text for other in (1, 2, 3) if other != number)
    assert pages_of(result.pdfs[-1]) == 6


def test_thirty_recipients_of_different_lengths_are_cut_at_their_own_pages(tmp_path):
    template = varying_template(tmp_path / "長さが変わる通知.docx")
    result = make_notices(ledger_of(30, long_every=7), "M-PDF", tmp_path / "out", issue_date=ISSUE, update=False,
                          pdf=True, template=template)
    assert result.ok, [p.message for p in result.problems if p.is_error]
    assert len(result.pdfs) == 31 and all(p.is_file() for p in result.pdfs)
    # What each recipient's own .docx gives when LibreOffice converts it alone.
    alone = convert_to_pdf(result.files, tmp_path / "alone")
    for split, own, recipient in zip(result.pdfs[:-1], alone, result.recipients):
        assert split.name == own.name
        assert pages_of(split) == pages_of(own), split.name
        assert recipient.member.name.replace(" ", "") in text_of(split)
    long_ones = [p for p in result.pdfs[:-1] if pages_of(p) > 1]
    assert [p.name[:3] for p in long_ones] == ["007", "014", "021", "028"]
    assert pages_of(result.pdfs[-1]) == sum(pages_of(p) for p in result.pdfs[:-1])


def test_a_pdf_that_cannot_be_written_is_reported_by_name_and_the_others_are_made(tmp_path):
    folder = tmp_path / "開催通知_M-PDF" / "PDF"
    (folder / "002_試験委員002.pdf").mkdir(parents=True)  # a folder where the PDF should go
    result = make_notices(ledger_of(4), "M-PDF", tmp_path, issue_date=ISSUE, update=False, pdf=True)
    problems = [p for p in result.problems if p.is_error]
    assert [p.code for p in problems] == ["pdf-missing"]
    assert "1件" in problems[0].message and "002_試験委員002.pdf" in problems[0].message
    assert sorted(p.name for p in result.pdfs) == ["001_試験委員001.pdf", "003_試験委員003.pdf",
                                                  "004_試験委員004.pdf", "一括印刷用_M-PDF.pdf"]
    assert all(pages_of(p) == 2 for p in result.pdfs[:-1])


def test_without_a_bookmark_to_split_by_each_file_is_converted_in_batches(tmp_path, monkeypatch):
    # Every paragraph inside an {% if %}: no unconditional paragraph for the bookmark.
    document = docx.Document()
    document.add_paragraph("{%p if true %}")
    document.add_paragraph("{{ recipient.addressee }}")
    document.add_paragraph("{%p endif %}")
    template = tmp_path / "条件だけ.docx"
    document.save(str(template))
    monkeypatch.setattr(pdf_module, "FILES_PER_CALL", 2)  # 5 files, 3 LibreOffice calls
    result = make_notices(ledger_of(5), "M-PDF", tmp_path / "out", issue_date=ISSUE, update=False, pdf=True,
                          template=template)
    assert result.ok, [p.message for p in result.problems if p.is_error]
    assert len(result.pdfs) == 6 and all(p.is_file() for p in result.pdfs)
    for number, pdf in enumerate(result.pdfs[:-1], start=1):
        assert pages_of(pdf) == 1 and f"試験委員{number:03d}" in text_of(pdf)


def test_the_command_reports_pdf_missing_with_exit_code_1(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copy(sample_ledger_path(), ledger)
    command = [sys.executable, "-m", "mihara_sheets", "notices", str(ledger), "--meeting", "K18-2026-03", "--pdf",
               "--no-update", "--out", str(tmp_path / "out"), "--json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stdout[-2000:]
    report = json.loads(first.stdout)
    pdf_folder = Path(report["meetings"][0]["folder"]) / "PDF"
    singles = sorted(p for p in pdf_folder.glob("0*.pdf"))
    assert len(singles) == report["meetings"][0]["recipients"]
    blocked = singles[1]
    blocked.unlink()
    blocked.mkdir()  # now a folder of that name stands where the PDF goes
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in second.stderr
    again = json.loads(second.stdout)
    assert second.returncode == 1 and [p["code"] for p in again["problems"] if p["severity"] == "error"] == ["pdf-missing"]
    assert blocked.name in next(p["message"] for p in again["problems"] if p["code"] == "pdf-missing")
    assert all(p.is_file() for p in singles if p != blocked)


@pytest.mark.skipif(os.name == "nt", reason="the launcher written here is a POSIX script")
def test_soffice_is_found_where_windows_installs_it_and_by_the_override(tmp_path, monkeypatch):
    real = find_soffice()
    program = tmp_path / "Program Files" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    launcher = program / "soffice.exe"  # a launcher of the real LibreOffice, as an installer leaves one
    launcher.write_text(f'#!/bin/sh\nexec "{Path(real).resolve()}" "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(pdf_module.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert find_soffice() == str(program / "soffice.exe")
    monkeypatch.undo()  # LibreOffice's own start script needs the system PATH
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(launcher))
    assert find_soffice() == str(launcher)
    pdfs = convert_to_pdf([Path(docx_file(tmp_path))], tmp_path / "pdf")  # and the override converts
    assert pages_of(pdfs[0]) == 1
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(tmp_path / "ない" / "soffice"))
    assert find_soffice() is None


def test_no_libreoffice_is_pdf_unavailable_and_the_word_files_are_made(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv(pdf_module.SOFFICE_ENV, str(tmp_path / "ない"))
    result = make_notices(ledger_of(2), "M-PDF", tmp_path, issue_date=ISSUE, update=False, pdf=True)
    assert [p.code for p in result.problems if p.is_error] == ["pdf-unavailable"]
    assert len(result.files) == 2 and result.pdfs == []


def docx_file(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("変換の確認")
    buffer = io.BytesIO()
    document.save(buffer)
    path = folder / "確認.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_combined_file_restarts_page_numbers_for_each_recipient(tmp_path):
    result = make_notices(ledger_of(2), "M-PDF", tmp_path, issue_date=ISSUE, update=False)
    import zipfile

    xml = zipfile.ZipFile(result.combined).read("word/document.xml").decode("utf-8")
    assert xml.count('<w:pgNumType w:start="1"/>') == 2  # the section break and the last section
    assert 'w:name="MiharaDoc1"' in xml and 'w:name="MiharaDoc2"' in xml
