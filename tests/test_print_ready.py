"""Every output print-ready (issue 18): page setup read from the files' XML, document
properties from docProps, and each output printed with LibreOffice to count its pages.

The jobs run on a copy of the sample ledger; the Word templates are this tree's
(``templates/``), passed explicitly, so the test checks the templates being built here.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from mihara_sheets.documents.files import write_mailing_list
from mihara_sheets.documents.notice_context import plan_notice, record_numbers
from mihara_sheets.documents.pdf import convert_to_pdf
from mihara_sheets.jobs import (AgendaRequest, BudgetRequest, FileLedger, InventoryRequest, NoticeRequest,
                                run_agenda, run_budget, run_inventory, run_notices)
from mihara_sheets.loading import load_ledger
from mihara_sheets.resources import sample_ledger_path
from mihara_sheets.xlsx_out import line_count, text_width

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
SAMPLE = ROOT / "workbooks" / "sample_ledger.xlsx"
A4 = (595, 842)  # points, portrait
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The demo's outputs from a copy of the sample ledger: tally, notices, 次第, inventory."""
    folder = tmp_path_factory.mktemp("print")
    ledger = folder / "台帳.xlsx"
    shutil.copy(SAMPLE, ledger)
    source = FileLedger([ledger])
    out = folder / "出力"
    results = {
        "budget": run_budget(source, BudgetRequest(out_dir=out, write_ledger=True)),
        "notice": run_notices(source, NoticeRequest(["K18-2026-03"], out=out, update=False,
                                                    template=TEMPLATES / "notice.docx")),
        "hybrid": run_notices(source, NoticeRequest(["K19-2026-04"], out=out, update=False,
                                                    template=TEMPLATES / "notice.docx")),
        "closed": run_notices(source, NoticeRequest(["K17-2026-10"], out=out, update=False,
                                                    template=TEMPLATES / "notice.docx")),
        "agenda": run_agenda(source, AgendaRequest(2026, out=out, template=TEMPLATES / "agenda.docx")),
        "inventory": run_inventory(source, InventoryRequest(out=out)),
    }
    for name, result in results.items():
        assert result.exit_code == 0, (name, [p.message for p in result.problems])
    return {"folder": folder, "ledger": ledger, "out": out, **results}


def _file(result, suffix: str, contains: str = "") -> Path:
    return next(f for f in result.files if f.suffix == suffix and contains in f.name)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sheets(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Sheet name → worksheet XML, through workbook.xml and its relationships."""
    workbook = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({rid: t for t, rid in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    found = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', workbook):
        target = targets[rid].lstrip("/")
        found[name] = parts[target if target.startswith("xl/") else "xl/" + target]
    return found


def _print_titles(parts: dict[str, bytes]) -> dict[str, str]:
    workbook = parts["xl/workbook.xml"].decode()
    return {sheet: ref for ref, sheet in
            ((m.group(2), m.group(1)) for m in re.finditer(
                r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]+)</definedName>', workbook))}


def _pdf(path: Path, out: Path) -> PdfReader:
    return PdfReader(str(convert_to_pdf([path], out)[0]))


def _a4(page) -> bool:
    size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
    return size == list(A4)


def _landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


# -- page setup in the workbook XML ----------------------------------------------------------
def test_every_new_workbook_is_set_up_for_a4_one_page_wide(made):
    workbooks = [_file(made["budget"], ".xlsx"), _file(made["notice"], ".xlsx", "宛名一覧"),
                 _file(made["inventory"], ".xlsx")]
    for path in workbooks:
        parts = _parts(path)
        sheets = _sheets(parts)
        titles = _print_titles(parts)
        assert len(titles) == len(sheets), path.name  # every sheet repeats its header row
        for name, xml in sheets.items():
            text = xml.decode()
            assert 'paperSize="9"' in text, (path.name, name)
            # fitToWidth defaults to 1 (XlsxWriter leaves the default out): one page wide, any tall.
            assert re.search(r'fitToWidth="(?!1")\d+"', text) is None and 'fitToHeight="0"' in text, (path.name, name)
            assert '<pageSetUpPr fitToPage="1"/>' in text, (path.name, name)
            assert 'state="frozen"' in text, (path.name, name)
            assert "&amp;P" in text, (path.name, name)  # page numbers in the footer
        core = parts["docProps/core.xml"].decode()
        assert "<dc:creator>三原市保健福祉部 地域福祉課</dc:creator>" in core, path.name


def test_tally_sheets_have_title_date_and_ledger_and_orientation(made):
    parts = _parts(_file(made["budget"], ".xlsx"))
    sheets = _sheets(parts)
    assert 'orientation="landscape"' in sheets["年度別"].decode()
    assert 'orientation="portrait"' in sheets["金額未確定"].decode()
    titles = {ref.replace("'", "") for ref in _print_titles(parts).values()}
    names = ["年度別", "事業別", "発注先別", "科目別", "財源別", "会議体別", "金額未確定", "合計行の照合", "報酬等の見込み"]
    assert titles == {f"{name}!$4:$4" for name in names}  # the header (row 4) on every page
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(_file(made["budget"], ".xlsx")))
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        assert rows[0][0].startswith("予算集計"), name
        assert rows[1][0].startswith("作成日 令和") and "台帳: 台帳.xlsx" in rows[1][0], name


def test_mailing_list_numbers_are_numbers_and_widths_follow_content(made):
    path = _file(made["notice"], ".xlsx", "宛名一覧")
    sheet = _sheets(_parts(path))["宛名一覧"].decode()
    first = re.search(r'<c r="A4"[^>]*>(.*?)</c>', sheet)
    assert first and 't="s"' not in first.group(0) and "<v>1</v>" in first.group(1)  # No. 1 as a number
    cols = {int(a): float(w) for a, w in re.findall(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', sheet)}
    # 役職 (column 6) is wide enough for 「生活支援コーディネーター」 (24 columns) or wraps it.
    assert cols[6] >= 20


def test_ledger_sheet_has_title_borders_and_print_setup(made):
    parts = _parts(made["ledger"])
    sheets = _sheets(parts)
    xml = sheets["予算集計"].decode()
    assert 'paperSize="9"' in xml and 'fitToWidth="1"' in xml and '<pageSetUpPr fitToPage="1"/>' in xml
    assert 'ySplit="3"' in xml  # the header under two title lines stays in view
    index = list(sheets).index("予算集計")
    assert re.search(rf'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">\'予算集計\'!\$3:\$3<',
                     parts["xl/workbook.xml"].decode())
    assert 'style="thin"' in parts["xl/styles.xml"].decode()
    # The staff's sheets keep their own print settings: none of them gained a page setup.
    before = _sheets(_parts(SAMPLE))
    for name, original in before.items():
        assert sheets[name] == original, name


# -- document properties --------------------------------------------------------------------
def test_every_docx_carries_its_own_properties(made):
    now = dt.datetime.now(dt.timezone.utc)
    files = [*made["notice"].files, *made["agenda"].files, *made["inventory"].files]
    documents = [f for f in files if f.suffix == ".docx"]
    assert len(documents) >= 15
    for path in documents:
        parts = _parts(path)
        assert not any("thumbnail" in name for name in parts), path.name
        assert b"thumbnail" not in parts["_rels/.rels"], path.name
        assert b"Microsoft" not in parts["docProps/app.xml"] and b"mihara_sheets" in parts["docProps/app.xml"]
        props = docx.Document(str(path)).core_properties
        assert props.author == "三原市保健福祉部 地域福祉課", path.name
        assert props.title and "テンプレート" not in (props.comments or "")
        for moment in (props.created, props.modified):
            assert abs((moment.replace(tzinfo=dt.timezone.utc) - now).total_seconds()) < 600, path.name
    titles = {docx.Document(str(p)).core_properties.title for p in documents}
    assert "開催通知　第3回高齢者支援部会" in titles and "全体会議次第（令和8年度）" in titles


def test_committed_templates_have_no_leftover_metadata():
    for path in TEMPLATES.glob("*.docx"):
        parts = _parts(path)
        assert "docProps/thumbnail.jpeg" not in parts, path.name
        assert b"Macintosh" not in parts["docProps/app.xml"], path.name
        assert b"2013-12-23" not in parts["docProps/core.xml"], path.name


def test_a_staff_template_with_a_thumbnail_renders_without_it(tmp_path):
    """A template saved by Word keeps its thumbnail; the documents made from it do not."""
    from mihara_sheets.documents.render import load_template

    source = _parts(TEMPLATES / "koji.docx")
    rels = source["_rels/.rels"].decode().replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>')
    staff = tmp_path / "staff.docx"
    with zipfile.ZipFile(staff, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in source.items():
            out.writestr(name, rels if name == "_rels/.rels" else data)
        out.writestr("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xd9")
    compiled = load_template(staff, "koji.docx")
    rendered = tmp_path / "out.docx"
    context = {name: "" for name in compiled.variables}
    try:
        rendered.write_bytes(compiled.render(context))
    except Exception:  # a template needing lists: the sample context from the job instead
        pytest.skip("koji template needs structured context")
    parts = _parts(rendered)
    assert "docProps/thumbnail.jpeg" not in parts and b"thumbnail" not in parts["_rels/.rels"]
    assert docx.Document(str(rendered)).core_properties.created.year == dt.date.today().year


# -- the notice -----------------------------------------------------------------------------
def _text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    lines += [" | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join(lines)


def test_hybrid_notice_has_fax_joining_details_and_a_venue_choice(made):
    text = _text(_file(made["hybrid"], ".docx", "001_"))
    assert text.count("FAX：0848-00-6109") == 2  # the 担当 box and the reply slip
    assert "3\t参加方法\t会場またはオンライン（Web会議）" in text
    assert "会議ID：000 0000 0000" in text
    assert "会場で出席　・　オンラインで出席　・　欠席" in text
    assert "4\t議　題" in text and "5\tその他" in text


def test_confidential_notice_is_closed_takes_no_proxy_and_has_no_empty_agenda(made):
    text = _text(_file(made["closed"], ".docx", "001_"))
    assert "非公開" in text and "守秘義務" in text
    assert "代理の方の御出席をお願いします" not in text
    assert "代理出席者" not in text  # neither the slip's row nor its note
    assert "議　題" not in text
    assert "3\tその他" in text  # the numbers close up


def test_in_person_notice_keeps_its_usual_items(made):
    text = _text(_file(made["notice"], ".docx", "001_"))
    assert "参加方法" not in text and "オンライン" not in text
    assert "3\t議　題" in text and "4\tその他" in text and "代理出席者" in text


def test_online_meeting_without_joining_details_is_reported():
    ledger = load_ledger(sample_ledger_path() if not SAMPLE.exists() else SAMPLE)
    meeting = ledger.meeting("K19-2026-04")
    meeting.join_info = None
    plan = plan_notice(ledger, "K19-2026-04", issue_date=dt.date(2027, 1, 20))
    found = [p for p in plan.problems if p.code == "notice-no-join-info"]
    assert len(found) == 1 and "併用" in found[0].message and "参加方法" in found[0].message
    assert plan.shared["meeting"]["online"] and plan.shared["meeting"]["join_info"] == ""


def test_record_numbers_close_up():
    assert record_numbers(online=False, agenda=True) == {"date": "1", "venue": "2", "agenda": "3", "other": "4"}
    assert record_numbers(online=True, agenda=False) == {"date": "1", "venue": "2", "join": "3", "other": "4"}
    assert record_numbers(online=False, agenda=False)["other"] == "3"


# -- the 次第 --------------------------------------------------------------------------------
def test_agenda_has_page_numbers_labels_and_the_greeting(made):
    path = made["agenda"].files[0]
    parts = _parts(path)
    footers = b"".join(data for name, data in parts.items() if name.startswith("word/footer"))
    assert b"PAGE" in footers and b"fldChar" in footers
    text = _text(path)
    assert "三原市保健福祉部長　見本 一郎" in text  # 設定 あいさつ
    lines = text.split("\n")
    reports = lines.index("各部会の活動報告（令和8年度）")
    assert lines[reports - 1] == "資料2"  # the 議題 sheet's material for 各部会の活動報告
    roster = next(i for i, line in enumerate(lines) if line.endswith("委員名簿") and "　" in line)
    assert lines[roster - 1] == "参考"


def test_agenda_without_greeting_setting_names_no_speaker():
    from mihara_sheets.documents.agenda_context import attachment_labels, plan_agenda

    ledger = load_ledger(SAMPLE)
    ledger.settings.greeting = None
    plan = plan_agenda(ledger, 2026)
    assert plan.context["greeting"] == ""
    assert all(not s["lines"] for s in plan.context["program"] if s["heading"] == "あいさつ")
    assert attachment_labels([{"number": "資料1", "title": "事業の状況"}]) == {"reports": "資料2", "roster": "参考"}


# -- widths -------------------------------------------------------------------------------------
def test_east_asian_width_counts_double():
    assert text_width("生活支援コーディネーター") == 24
    assert text_width("No.") == 3
    assert text_width("12,345") == 6 and text_width(12345) == 6
    assert line_count("生活支援コーディネーター", 14) == 2
    assert line_count("一行目\n二行目", 30) == 2


# -- printed with LibreOffice -----------------------------------------------------------------
@needs_soffice
def test_mailing_list_of_12_prints_on_one_landscape_page(made, tmp_path):
    path = _file(made["notice"], ".xlsx", "宛名一覧")
    assert made["notice"].product[0]["recipients"] == 12
    pdf = _pdf(path, tmp_path)
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    assert _a4(page) and _landscape(page)
    text = re.sub(r"\s+", "", page.extract_text())
    assert "生活支援コーディネーター" in text  # the longest 役職, whole
    assert "作成日令和" in text


@needs_soffice
def test_tally_prints_each_sheet_one_page_wide_on_a4(made, tmp_path):
    pdf = _pdf(_file(made["budget"], ".xlsx"), tmp_path)
    assert len(pdf.pages) == 9  # 9 sheets (報酬等の見込み too), each on one page (the sample's data is short)
    assert all(_a4(page) for page in pdf.pages)
    heads = [page.extract_text() for page in pdf.pages]
    assert all("作成日" in text for text in heads)
    assert "- 1 / 9 -" in heads[0]
    assert not _landscape(pdf.pages[6])  # 金額未確定: portrait


@needs_soffice
def test_mailing_list_wider_than_a_page_still_prints_one_page_wide(tmp_path):
    rows = [{"No.": n, "郵便番号": "723-0000", "住所": "三原市" + "長い町名" * 12, "宛名": f"見本 {n}　様",
             "所属": "とても長い名前の社会福祉法人の事業所" * 2, "役職": "生活支援コーディネーター",
             "送付方法": "郵送", "メールアドレス": "", "確認事項": ""} for n in range(1, 41)]
    path = write_mailing_list(tmp_path / "宛名一覧.xlsx", rows, title="宛名一覧　テスト")
    pdf = _pdf(path, tmp_path)
    assert len(pdf.pages) >= 2  # long rows wrap, so 40 people need more than a page
    first = re.sub(r"\s+", "", pdf.pages[0].extract_text())
    second = re.sub(r"\s+", "", pdf.pages[1].extract_text())
    assert "No.郵便番号住所" in first and "No.郵便番号住所" in second  # the header repeats
    assert all(_a4(p) and _landscape(p) for p in pdf.pages)


@needs_soffice
def test_notices_and_agenda_print_at_the_expected_page_counts(made, tmp_path):
    hybrid = _pdf(_file(made["hybrid"], ".docx", "001_"), tmp_path / "h")
    closed = _pdf(_file(made["closed"], ".docx", "001_"), tmp_path / "c")
    assert len(hybrid.pages) == 2 and len(closed.pages) == 2  # the notice, the reply slip
    assert all(_a4(p) for p in [*hybrid.pages, *closed.pages])
    agenda = _pdf(made["agenda"].files[0], tmp_path / "a")
    assert all(_a4(p) for p in agenda.pages)
    assert "-1-" in re.sub(r"\s+", "", agenda.pages[0].extract_text())
    last = len(agenda.pages)
    assert f"-{last}-" in re.sub(r"\s+", "", agenda.pages[-1].extract_text())


@needs_soffice
def test_inventory_workbook_prints_every_sheet_on_a4(made, tmp_path):
    pdf = _pdf(_file(made["inventory"], ".xlsx"), tmp_path)
    assert all(_a4(p) and _landscape(p) for p in pdf.pages)
    assert all("作成日" in p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 10  # 7 sheets, one page wide each (兼職 two pages tall)
