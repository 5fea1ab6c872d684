"""PDF conversion through LibreOffice: one call for a batch, expected page counts, fonts."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from mihara_sheets.documents import make_agenda, make_notices
from mihara_sheets.documents.pdf import fontconfig_text
from tests.test_documents_sample import network_ledger

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def pdf_info(path) -> tuple[int, str, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+(.*)", info).group(1)
    return pages, size, fonts


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_notices_and_agenda_convert_with_expected_pages_and_ipa_fonts(tmp_path):
    notices = make_notices(network_ledger(), "M-KOR-2", tmp_path, issue_date=dt.date(2026, 11, 20),
                           update=False, pdf=True)
    assert notices.ok, [p.message for p in notices.problems if p.is_error]
    assert len(notices.pdfs) == len(notices.files) + 1
    for pdf in notices.pdfs[:-1]:
        pages, size, fonts = pdf_info(pdf)
        assert pages == 2 and "A4" in size  # the notice and its reply slip
        assert "IPAexMincho" in fonts and "IPAexGothic" in fonts and "DejaVu" not in fonts
    assert pdf_info(notices.pdfs[-1])[0] == 2 * len(notices.files)  # combined: 2 pages each
    agenda = make_agenda(network_ledger(), 2026, tmp_path, pdf=True)
    pages, size, _ = pdf_info(agenda.pdf)
    assert pages == 3 and "A4" in size  # 次第, the 部会 reports, the member list


def test_fontconfig_maps_word_fonts_to_ipaex():
    text = fontconfig_text()
    assert "<family>ＭＳ 明朝</family><prefer><family>IPAexMincho</family>" in text
    assert "<family>Yu Gothic</family><prefer><family>IPAexGothic</family>" in text
    assert 'binding="same"' in text and "/etc/fonts/fonts.conf" in text


def test_rerun_leaves_no_pdf_of_a_member_no_longer_invited(tmp_path):
    ledger = network_ledger()
    first = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=dt.date(2026, 11, 20), update=False, pdf=True)
    ledger.members = [m for m in ledger.members if m.name != "広島 花子"]
    second = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=dt.date(2026, 11, 20), update=False)
    assert any(p.name == "001_広島花子.pdf" for p in first.pdfs)
    left = sorted(p.name for p in (first.folder / "PDF").iterdir())
    assert second.pdfs == [] and all(not re.match(r"\d{3}_", name) for name in left)
