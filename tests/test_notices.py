"""Meeting notices end to end: files read back with python-docx, the mailing list, the CLI."""

from __future__ import annotations

import copy
import datetime as dt
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree
from tests.test_documents_sample import TRICKY, network_ledger, write_network_workbook

from mihara_sheets.cli import main
from mihara_sheets.documents import DocumentError, make_notices
from mihara_sheets.documents.files import safe_filename

ISSUE = dt.date(2026, 11, 20)
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("notices")
    return make_notices(network_ledger(), "M-KOR-2", out, issue_date=ISSUE, update=False)


def alignment(paragraph):
    """The paragraph's effective alignment: its own, else its style's (or a base style's)."""
    if paragraph.alignment is not None:
        return paragraph.alignment
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.alignment is not None:
            return style.paragraph_format.alignment
        style = style.base_style
    return WD_ALIGN_PARAGRAPH.LEFT


def find(paragraphs, start):
    return next(i for i, p in enumerate(paragraphs) if p.text.startswith(start))


def test_one_file_per_recipient_with_safe_names(made):
    names = [p.name for p in made.files]
    assert names == ["001_広島花子.docx", "002_三原次郎.docx", "003_住所なし.docx", "004_名称なし_CON.docx"]
    assert made.notice_no == "三保福第4号"
    for path, recipient in zip(made.files, made.recipients):
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        assert f"{recipient.member.name}　様" in text
    assert not any("事務局 員" in p.name or "任期" in p.name for p in made.files)


def test_notice_layout_order_and_alignment(made):
    paragraphs = docx.Document(made.files[0]).paragraphs
    texts = [p.text for p in paragraphs]
    order = [find(paragraphs, s) for s in ("記", "1\t日", "2\t場", "3\t議", "4\tその他", "以上")]
    assert order == sorted(order) and len(set(order)) == 6
    assert texts[0] == "三保福第4号" and texts[1] == "令和8年11月20日"
    assert alignment(paragraphs[0]) == WD_ALIGN_PARAGRAPH.RIGHT
    assert alignment(paragraphs[1]) == WD_ALIGN_PARAGRAPH.RIGHT
    title = paragraphs[find(paragraphs, "第2回高齢者支援部会の開催について（通知）")]
    assert alignment(title) == WD_ALIGN_PARAGRAPH.CENTER
    assert alignment(paragraphs[find(paragraphs, "記")]) == WD_ALIGN_PARAGRAPH.CENTER
    assert alignment(paragraphs[find(paragraphs, "以上")]) == WD_ALIGN_PARAGRAPH.RIGHT
    assert alignment(paragraphs[find(paragraphs, "三原市保健福祉部長")]) == WD_ALIGN_PARAGRAPH.RIGHT
    assert "（公印省略）" in texts
    assert "1\t日\u3000時\t令和8年12月15日（火）\u3000午後2時～午後3時30分" in texts
    assert f"2\t場\u3000所\t{TRICKY}" in texts  # & < > and quotes intact
    assert "（2）認知症カフェ & 見守り <ネットワーク> の状況" in texts


def test_reply_slip_on_its_own_page_with_the_recipient(made):
    document = docx.Document(made.files[1])
    slip = document.paragraphs[find(document.paragraphs, "（返信用）")]
    assert slip.paragraph_format.page_break_before
    rows = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows}
    assert rows["氏\u3000\u3000名"] == "三原 次郎"
    assert rows["所属・役職"] == f"{TRICKY}\u3000理事"
    assert any(p.text == "回答期限：令和8年12月8日（火）" for p in document.paragraphs)


def test_no_leftover_tags_and_every_part_parses_strictly(made):
    for path in made.files + [made.combined]:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    data = archive.read(name)
                    etree.fromstring(data, etree.XMLParser(recover=False))
                    assert b"{{" not in data and b"{%" not in data, (path.name, name)


def test_east_asian_fonts_ja_jp_a4_and_margins(made):
    document = docx.Document(made.files[0])
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "ＭＳ 明朝"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"
    for element in styles.iter(qn("w:rFonts")):
        assert not any(element.get(qn(f"w:{a}")) for a in THEME_ATTRS)
        if element.get(qn("w:ascii")):
            assert element.get(qn("w:eastAsia")), "a style names a Latin font without the East Asian one"
    title_style = document.styles["DocTitle"]
    assert title_style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "ＭＳ ゴシック"
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)]
    assert margins == [30, 25, 30, 20]


def test_combined_file_has_every_notice_each_from_a_new_section(made):
    document = docx.Document(made.combined)
    addressees = [p.text for p in document.paragraphs if p.text.endswith("\u3000様")]
    assert addressees == [f"{r.member.name}\u3000様" for r in made.recipients]
    assert len(document.sections) == len(made.recipients)
    slips = [p for p in document.paragraphs if p.text.startswith("（返信用）")]
    assert len(slips) == len(made.recipients) and all(p.paragraph_format.page_break_before for p in slips)


def test_mailing_list(made):
    sheet = openpyxl.load_workbook(made.mailing_list, read_only=True).active  # reading only
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[2]
    assert header[:4] == ["No.", "郵便番号", "住所", "宛名"] and "送付方法" in header
    body = {r[3]: dict(zip(header, r)) for r in rows[3:]}
    assert body["広島 花子\u3000様"]["郵便番号"] == "723-0001"
    assert body["三原 次郎\u3000様"]["送付方法"] == "メール"
    assert "住所が空欄" in body["住所 なし\u3000様"]["確認事項"]
    assert "電話" not in header


def test_problems_name_the_member_without_address(made):
    assert made.ok  # warnings only
    assert [p.code for p in made.problems if p.code == "notice-no-address"] == ["notice-no-address"]


def test_everyone_mode_makes_one_shared_copy(tmp_path):
    result = make_notices(network_ledger(), "M-KOR-2", tmp_path, issue_date=ISSUE, update=False, everyone=True)
    assert len(result.files) == 1 and result.combined is None
    texts = [p.text for p in docx.Document(result.files[0]).paragraphs]
    assert "高齢者支援部会委員\u3000各位" in texts


def test_rerun_removes_notices_of_members_no_longer_invited(tmp_path):
    ledger = network_ledger()
    first = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False)
    ledger.members = [m for m in ledger.members if m.name != "広島 花子"]
    second = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False)
    left = sorted(p.name for p in (first.folder / "個別").iterdir())
    assert left == sorted(p.name for p in second.files) and "001_三原次郎.docx" in left


def test_unhappy_paths(tmp_path):
    with pytest.raises(DocumentError) as caught:
        make_notices(network_ledger(), "NOPE", tmp_path, update=False)
    assert caught.value.code == "meeting-not-found"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DocumentError) as caught:
        make_notices(network_ledger(), "M-KOR-2", blocker, issue_date=ISSUE, update=False)
    assert caught.value.code == "output-not-writable"
    ledger = network_ledger()
    ledger.members = []
    result = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False)
    assert not result.ok and not result.files


@pytest.mark.parametrize(
    ("text", "expected"),
    [("広島 花子", "広島花子"), ("a/b\\c:d*e?f\"g<h>i|j", "abcdefghij"), ("CON", "名称なし_CON"),
     ("...", "名称なし"), ("髙橋　﨑子\t", "髙橋﨑子"), ("x" * 80, "x" * 40)],
)
def test_safe_filename(text, expected):
    assert safe_filename(text) == expected


def test_pdf_without_libreoffice_is_reported_and_the_word_files_remain(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = make_notices(network_ledger(), "M-KOR-2", tmp_path, issue_date=ISSUE, update=False, pdf=True)
    assert [p.code for p in result.problems if p.code.startswith("pdf")] == ["pdf-unavailable"]
    assert not result.ok and all(p.exists() for p in result.files)


# -- through a real workbook: load_ledger, the writer, the CLI -------------------------------
@pytest.fixture()
def workbook(tmp_path):
    return write_network_workbook(tmp_path / "台帳.xlsx")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_notices_from_a_real_workbook_without_update(workbook, tmp_path):
    before = workbook.read_bytes()
    result = run("notices", workbook, "--meeting", "M-KOR-2", "--out", tmp_path / "out", "--no-update", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "三保福第4号" in result.output and "台帳は変更していません" in result.output
    folder = tmp_path / "out" / "開催通知_M-KOR-2"
    assert sorted(p.name for p in (folder / "個別").iterdir()) == ["001_広島花子.docx", "002_三原次郎.docx"]
    assert (folder / "一括印刷用_M-KOR-2.docx").exists() and (folder / "宛名一覧_M-KOR-2.xlsx").exists()
    assert workbook.read_bytes() == before


def test_cli_exit_codes(workbook, tmp_path):
    assert run("notices", workbook, "--meeting", "NOPE", "--out", tmp_path).exit_code == 2
    assert run("notices", tmp_path / "ない.xlsx", "--meeting", "M-KOR-2").exit_code == 2
    default = run("notices", workbook, "--out", tmp_path / "next", "--no-update")  # the next meeting, as the buttons do
    assert default.exit_code == 0 and "M-KOR-2" in default.output
    help_text = run("notices", "--help").output
    assert "終了コード" in help_text and "--no-update" in help_text and "宛名一覧" in help_text


def test_writes_back_through_the_writer_and_rerun_keeps_the_number(workbook, tmp_path):
    from mihara_sheets import load_ledger

    first = make_notices(load_ledger(workbook), "M-KOR-2", tmp_path / "out", issue_date=ISSUE)
    assert first.updated, [p.message for p in first.problems]
    meeting = load_ledger(workbook).meeting("M-KOR-2")
    assert (meeting.status, meeting.notice_no, meeting.notice_date) == ("通知済", "三保福第4号", ISSUE)
    again = make_notices(load_ledger(workbook), "M-KOR-2", tmp_path / "out", issue_date=ISSUE + dt.timedelta(days=1))
    assert again.notice_no == "三保福第4号"
    other = make_notices(load_ledger(workbook), "M-KOD-1", tmp_path / "out", issue_date=ISSUE, update=False)
    assert other.notice_no == "三保福第5号"


def test_progress_is_reported_for_every_notice_and_the_combined_file(tmp_path):
    from mihara_sheets.ledger.records import Member

    ledger = network_ledger()
    ledger.members += [Member("KOR", f"追加 {i}", address="三原市") for i in range(25)]
    calls = []
    result = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False,
                          progress=lambda done, total: calls.append((done, total)))
    total = len(result.files) + 1
    assert len(result.files) == 29 and calls[0] == (1, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(1, total + 1))


def test_cli_everyone_and_custom_template(workbook, tmp_path):
    custom = tmp_path / "自分の通知.docx"
    document = docx.Document()
    document.add_paragraph("{{ recipient.addressee }}：{{ meeting.title }}（{{ notice_no }}）")
    document.save(custom)
    result = run("notices", workbook, "--meeting", "M-KOR-2", "--out", tmp_path / "out", "--no-update",
                 "--everyone", "--template", custom, "--number", "三保福第99号")
    assert result.exit_code == 0, result.output
    made = tmp_path / "out" / "開催通知_M-KOR-2" / "開催通知_M-KOR-2_各位.docx"
    assert docx.Document(made).paragraphs[0].text == "高齢者支援部会委員\u3000各位：第2回高齢者支援部会（三保福第99号）"


def test_cli_refuses_a_template_with_an_unknown_variable(workbook, tmp_path):
    custom = tmp_path / "誤り.docx"
    document = docx.Document()
    document.add_paragraph("{{ meeting.titel }}")
    document.save(custom)
    result = CliRunner().invoke(main, ["notices", str(workbook), "--meeting", "M-KOR-2", "--out", str(tmp_path / "o"),
                                       "--no-update", "--template", str(custom)])
    assert result.exit_code == 2
    assert "「誤り.docx」" in result.output and "「titel」" in result.output
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_a_meeting_id_used_twice_makes_no_notice(tmp_path):
    ledger = network_ledger()
    twin = copy.copy(ledger.meeting("M-KOR-2"))
    ledger.meetings.append(twin)
    result = make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False)
    assert not result.ok and not result.files
    assert [p.code for p in result.problems if p.is_error] == ["notice-duplicate-meeting"]


def test_mailing_list_that_cannot_be_written_is_a_japanese_error(tmp_path):
    ledger = network_ledger()
    blocked = tmp_path / "開催通知_M-KOR-2" / "宛名一覧_M-KOR-2.xlsx"
    blocked.mkdir(parents=True)  # a folder where the file should go: XlsxWriter cannot create it
    with pytest.raises(DocumentError) as caught:
        make_notices(ledger, "M-KOR-2", tmp_path, issue_date=ISSUE, update=False)
    assert caught.value.code == "output-not-writable" and "宛名一覧" in str(caught.value)
