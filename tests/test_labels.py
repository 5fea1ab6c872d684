"""宛名ラベル: the grid measured in the document XML, labels counted per page in the PDF
LibreOffice renders, --start, 縦書き, the 設定 offset and 敬称, and the unhappy paths."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import python_calamine
from click.testing import CliRunner
from lxml import etree

from mihara_sheets.cli import main
from mihara_sheets.documents.label_layouts import LAYOUTS, twips
from mihara_sheets.documents.labels import Label, label_document
from mihara_sheets.documents.pdf import convert_to_pdf
from mihara_sheets.jobs import FileLedger, LabelsRequest, run_labels
from mihara_sheets.resources import sample_ledger_path
from mihara_sheets.writer import edit_workbook

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MEETING = "K18-2026-03"  # 5 of its 12 recipients are sent by 郵送
POSTED = ["試作 学", "模型 明美", "試行 真一", "書式 正男", "試案 弘"]
needs_pdf = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                               reason="LibreOffice and poppler render the labels")


@pytest.fixture
def ledger(tmp_path) -> Path:
    path = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    return path


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def attr(element, name: str) -> str:
    return element.get(f"{W}{name}")


MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬東西南北"  # one word each in pdftotext


def labels_of(count: int) -> list[Label]:
    return [Label(f"723-{n:04d}", f"三原市港町{n}丁目{n}番{n}号", "見本協議会　会長", f"見本{MARKS[n - 1]}　様")
            for n in range(1, count + 1)]


@pytest.mark.parametrize("name, columns, rows, width, height, side, top", [
    ("A4-12", 2, 6, 86.4, 42.3, 18.6, 21.6),
    ("A4-24", 3, 8, 66.0, 33.9, 6.0, 12.9),
])
def test_the_grid_in_the_xml_is_the_sheet_to_the_twip(tmp_path, name, columns, rows, width, height, side, top):
    path = tmp_path / "l.docx"
    path.write_bytes(label_document(labels_of(rows * columns + 1), LAYOUTS[name]))
    root = document_xml(path)
    sect = root.find(f".//{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(attr(size, "w")), int(attr(size, "h"))) == (11906, 16838)  # 210 × 297 mm
    assert int(attr(margins, "left")) == twips(side) and int(attr(margins, "top")) == twips(top)
    assert abs(int(attr(margins, "left")) / 1440 * 25.4 - side) < 0.02
    assert int(attr(margins, "header")) == 0
    [table] = root.iter(f"{W}tbl")
    props = table.find(f"{W}tblPr")
    assert attr(props.find(f"{W}tblLayout"), "type") == "fixed"
    assert attr(props.find(f"{W}tblInd"), "w") == "0"
    assert {attr(m, "w") for m in props.find(f"{W}tblCellMar")} == {"0"}
    grid = [int(attr(c, "w")) for c in table.find(f"{W}tblGrid")]
    assert grid == [twips(width)] * columns
    assert abs(grid[0] / 1440 * 25.4 - width) < 0.02
    trs = table.findall(f"{W}tr")
    assert len(trs) == 2 * rows  # 13 or 25 labels: two sheets, the second filled up with blanks
    for tr in trs:
        height_el = tr.find(f"{W}trPr/{W}trHeight")
        assert attr(height_el, "hRule") == "exact" and int(attr(height_el, "val")) == twips(height)
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
        assert [int(attr(tc.find(f"{W}tcPr/{W}tcW"), "w")) for tc in tr.findall(f"{W}tc")] == [twips(width)] * columns
    # The grid fits between the top margin and the page's foot, with the last paragraph below it.
    assert int(attr(margins, "top")) + rows * twips(height) + int(attr(margins, "bottom")) < 16838


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def words(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in mm on ``page``, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        x0, y0, x1, y1 = (float(v) * 25.4 / 72 for v in m.groups()[:4])
        found.append((m.group(5), x0, y0, x1, y1))
    return found


@needs_pdf
@pytest.mark.parametrize("name, total", [("A4-12", 14), ("A4-24", 30)])
def test_libreoffice_puts_12_or_24_labels_on_each_page_inside_their_cells(tmp_path, name, total):
    layout = LAYOUTS[name]
    docx = tmp_path / f"{name}.docx"
    docx.write_bytes(label_document(labels_of(total), layout))
    [pdf] = convert_to_pdf([docx], tmp_path)
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert [p.count("様") for p in pages] == [layout.per_page, total - layout.per_page]
    assert "見本甲" in pages[0] and f"見本{MARKS[layout.per_page]}" in pages[1]
    # Each name sits in its own cell of the grid on the page.
    for text, x0, y0, x1, y1 in words(pdf):
        if not (text.startswith("見本") and len(text) == 3 and text[2] in MARKS):
            continue
        index = MARKS.index(text[2]) % layout.per_page
        row, col = divmod(index, layout.columns)
        left = layout.side_margin + col * layout.width
        top = layout.top_margin + row * layout.height
        assert left <= x0 and x1 <= left + layout.width, text
        assert top <= y0 and y1 <= top + layout.height, text


@needs_pdf
def test_the_job_makes_the_posted_recipients_labels_with_start_and_pdf(ledger):
    result = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, layout="A4-24", start=4, pdf=True))
    assert result.exit_code == 0, [p.message for p in result.problems]
    docx, pdf = result.files
    assert docx.name == f"宛名ラベル_{MEETING}.docx" and docx.parent == ledger.parent / "出力" / "宛名ラベル"
    assert result.data["labels"] == 5 and result.data["pages"] == 1
    root = document_xml(docx)
    cells = ["".join(tc.itertext()) for tc in root.iter(f"{W}tc")]
    assert cells[:3] == ["", "", ""] and len(cells) == 24
    assert [next(n for n in POSTED if n in c) for c in cells[3:8]] == POSTED
    assert "〒723-0052" in cells[3] and "三原市皆実三丁目7番8号" in cells[3] and "試作 学　様" in cells[3]
    assert "三原市医師会（見本内科医院）　理事・院長" in cells[3]
    # The first label sits in the 4th cell: row 2, column 1 of the 3 × 8 grid.
    layout = LAYOUTS["A4-24"]
    [(x0, y0)] = [(w[1], w[2]) for w in words(pdf) if w[0] == "試作"]
    assert layout.side_margin <= x0 < layout.side_margin + layout.width
    assert layout.top_margin + layout.height <= y0 < layout.top_margin + 2 * layout.height
    assert pages_text(pdf)[0].count("様") == 5
    # Nobody sent by メール or 庁内便 gets a label.
    assert "例示" not in "".join(cells) and "仮名" not in "".join(cells)


def test_vertical_labels_turn_every_cell_top_to_bottom(ledger):
    result = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, vertical=True))
    root = document_xml(result.files[0])
    directions = [tc.find(f"{W}tcPr/{W}textDirection") for tc in root.iter(f"{W}tc")]
    assert len(directions) == 12 and all(d is not None and attr(d, "val") == "tbRl" for d in directions)
    plain = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, out=ledger.parent / "plain"))
    assert not list(document_xml(plain.files[0]).iter(f"{W}textDirection"))


def test_a_posted_recipient_without_an_address_is_named_at_the_cell_and_skipped(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.set_cell("高齢者支援部会名簿", "K4", None)  # 試作 学's 住所
    result = run_labels(FileLedger([ledger]), LabelsRequest(MEETING))
    assert result.exit_code == 0
    [problem] = [p for p in result.problems if p.code == "label-no-address"]
    assert (problem.sheet, problem.cell, problem.field) == ("高齢者支援部会名簿", "K4", "address")
    assert "試作 学" in problem.message and "住所" in problem.message
    assert result.data["labels"] == 4
    assert "試作" not in "".join(document_xml(result.files[0]).itertext())


def test_the_settings_offset_moves_the_grid_and_the_honorific_comes_from_settings(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.append_rows("設定", [["ラベル印刷の補正（横mm）", 1.5], ["ラベル印刷の補正（縦mm）", "-2"],
                                  ["ラベルの敬称", "殿"]], start_column="A")
    result = run_labels(FileLedger([ledger]), LabelsRequest(MEETING))
    assert result.exit_code == 0 and not result.problems
    margins = document_xml(result.files[0]).find(f".//{W}pgMar")
    assert int(attr(margins, "left")) == twips(18.6 + 1.5) and int(attr(margins, "top")) == twips(21.6 - 2)
    text = "".join(document_xml(result.files[0]).itertext())
    assert "試作 学　殿" in text and "様" not in text


def test_an_offset_that_cannot_be_read_or_leaves_the_page_is_a_warning(ledger):
    with edit_workbook(ledger, backups=0) as book:
        book.append_rows("設定", [["ラベル印刷の補正（横mm）", "右に少し"], ["ラベル印刷の補正（縦mm）", 10]],
                         start_column="A")
    result = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, layout="A4-24"))
    codes = [p.code for p in result.problems]
    assert "label-offset-invalid" in codes and "label-offset-cut" in codes and result.exit_code == 0
    invalid = next(p for p in result.problems if p.code == "label-offset-invalid")
    assert "ラベル印刷の補正（横mm）" in invalid.message and invalid.sheet == "設定"
    settings_rows = python_calamine.CalamineWorkbook.from_path(str(ledger)).get_sheet_by_name("設定").to_python()
    row = next(n for n, r in enumerate(settings_rows, start=1) if r and r[0] == "ラベル印刷の補正（横mm）")
    assert invalid.cell == f"B{row}" and invalid.row == row and "設定!B" in invalid.location
    margins = document_xml(result.files[0]).find(f".//{W}pgMar")
    assert int(attr(margins, "left")) == twips(6.0)  # unreadable: no offset
    assert int(attr(margins, "top")) + 8 * twips(33.9) + int(attr(margins, "bottom")) < 16838


def test_the_cli_reports_as_json_and_refuses_what_it_cannot_do(ledger):
    runner = CliRunner()
    done = runner.invoke(main, ["labels", str(ledger), "--meeting", MEETING.lower(), "--json"])
    report = json.loads(done.stdout)
    assert done.exit_code == 0 and report["labels"] == 5 and report["layout"] == "A4-12"
    unknown = runner.invoke(main, ["labels", str(ledger), "--meeting", "K99-2026-01", "--json"])
    assert unknown.exit_code == 2 and json.loads(unknown.stdout)["problems"][0]["code"] == "meeting-not-found"
    too_far = runner.invoke(main, ["labels", str(ledger), "--meeting", MEETING, "--start", "13", "--json"])
    assert too_far.exit_code == 2 and "1～12" in json.loads(too_far.stdout)["problems"][0]["message"]
    wrong = runner.invoke(main, ["labels", str(ledger), "--meeting", MEETING, "--layout", "A4-10"])
    assert wrong.exit_code == 2
    helped = runner.invoke(main, ["labels", "--help"])
    flat = "".join(helped.output.split())  # click wraps the help
    assert "エーワン72212" in flat and "ラベル印刷の補正" in flat and "--vertical" in flat


def test_a_rerun_keeps_a_label_sheet_edited_by_hand(ledger):
    first = run_labels(FileLedger([ledger]), LabelsRequest(MEETING)).files[0]
    first.write_bytes(first.read_bytes() + b"")  # unchanged: replaced quietly
    assert not run_labels(FileLedger([ledger]), LabelsRequest(MEETING)).problems
    with zipfile.ZipFile(first, "a") as archive:
        archive.writestr("customXml/edited.xml", "<x/>")
    again = run_labels(FileLedger([ledger]), LabelsRequest(MEETING))
    assert [p.code for p in again.problems] == ["output-edited-kept"]
    assert (first.parent / f"宛名ラベル_{MEETING}（前回）.docx").is_file()


# -- the window-envelope notice ------------------------------------------------------------
WINDOW = (20.0, 12.0, 110.0, 57.0)  # mm on the A4 sheet: left, top, right, bottom (docs/labels.md)


@needs_pdf
def test_the_window_notice_puts_postal_code_address_and_name_inside_the_window(ledger, tmp_path):
    with edit_workbook(ledger, backups=0) as book:
        book.append_rows("設定", [["差出人住所", "〒723-8601 三原市港町三丁目5番1号"]], start_column="A")
    done = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", MEETING, "--window-envelope", "--pdf",
                                     "--no-update", "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert done.exit_code == 0, report["problems"]
    assert "window-no-sender-address" not in [p["code"] for p in report["problems"]]
    folder = ledger.parent / "出力" / f"開催通知_{MEETING}"
    pdf = folder / "PDF" / "001_試作学.pdf"
    placed = words(pdf)
    wanted = {"〒723-0052", "三原市皆実三丁目", "三原市医師会（見本内科医院）", "試作", "学"}
    inside = {w[0] for w in placed if WINDOW[0] <= w[1] and w[3] <= WINDOW[2] and WINDOW[1] <= w[2] and w[4] <= WINDOW[3]}
    assert wanted <= inside
    left, top, right, bottom = WINDOW
    # Nothing else shows through the window: the 文書番号, the title and the body lie outside it.
    others = [w for w in placed if w[0] not in wanted and not (w[1] >= right or w[3] <= left or w[2] >= bottom or w[4] <= top)]
    assert {w[0] for w in others} <= {"7", "番", "8", "号", "理事・院長", "様"}, others
    number = next(w for w in placed if w[0] == "三保福第")
    assert number[1] > right
    title = next(w for w in placed if "開催について" in w[0])
    assert title[2] > bottom
    text = pages_text(pdf)[0]
    assert "【差出人】〒723-8601三原市港町三丁目5番1号" in "".join(text.split())
    assert pages_text(pdf)[1].count("出欠回答票") == 1  # the reply slip is still page 2


def test_the_plain_notice_is_unchanged_and_the_window_one_needs_one_per_member(ledger):
    from mihara_sheets.resources import template_path

    with zipfile.ZipFile(template_path("notice.docx")) as archive:
        assert b"tblpPr" not in archive.read("word/document.xml")
    with zipfile.ZipFile(template_path("notice_window.docx")) as archive:
        xml = archive.read("word/document.xml")
    position = etree.fromstring(xml).find(f".//{W}tblpPr")
    assert (attr(position, "horzAnchor"), attr(position, "vertAnchor")) == ("page", "page")
    assert (int(attr(position, "tblpX")), int(attr(position, "tblpY"))) == (twips(20), twips(12))
    refused = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", MEETING, "--window-envelope",
                                        "--everyone", "--json"])
    assert refused.exit_code == 2 and "--everyone" in json.loads(refused.stdout)["problems"][0]["message"]
    warned = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", MEETING, "--window-envelope",
                                       "--no-update", "--json"])
    assert "window-no-sender-address" in [p["code"] for p in json.loads(warned.stdout)["problems"]]


@needs_pdf
def test_a_rerun_without_pdf_removes_our_own_old_pdf_but_not_another_meetings(ledger):
    other = run_labels(FileLedger([ledger]), LabelsRequest("K14-2026-01", pdf=True))
    first = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, start=4, pdf=True))
    old_pdf = first.files[1]
    assert old_pdf.is_file()
    again = run_labels(FileLedger([ledger]), LabelsRequest(MEETING, start=1))
    assert again.exit_code == 0 and again.files == [first.files[0]]
    assert not old_pdf.exists()  # a PDF of the old --start beside the new .docx would mislead
    manifest = json.loads((old_pdf.parent.parent / ".mihara_sheets.json").read_text(encoding="utf-8"))
    assert old_pdf.name not in json.dumps(manifest, ensure_ascii=False)
    if len(other.files) > 1:
        assert other.files[1].is_file()  # another meeting's labels are left alone
