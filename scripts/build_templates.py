"""Build the Word templates in ``templates/`` (docxtpl syntax) with python-docx.

Run ``python scripts/build_templates.py`` after changing this file and commit the .docx
output: the templates are reproducible from here, and staff may still edit the committed
files in Word (wording, sender block, layout) without touching Python.

Japanese typesetting is set on the styles, not on single runs: the East Asian font slot
(``w:eastAsia``) is filled, every theme-font attribute is removed (a theme font wins over a
named one), the East Asian language is ja-JP, paper A4 portrait with 公用文 margins.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

MINCHO = "ＭＳ 明朝"
GOTHIC = "ＭＳ ゴシック"
BODY_PT = 11.5
# 公用文: A4 portrait, left-bound; 30 mm top and left, 25 mm bottom, 20 mm right.
MARGINS_MM = {"top": 30, "bottom": 25, "left": 30, "right": 20}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "templates"


# -- fonts, styles, page -------------------------------------------------------------------
def set_fonts(rpr, latin: str, east_asian: str) -> None:
    """Fill every font slot of an ``w:rPr`` and drop theme fonts (they override names)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def set_language(rpr) -> None:
    """Latin en-US, East Asian ja-JP (line breaking and proofing follow it)."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")
    lang.set(qn("w:bidi"), "ar-SA")


def japanese_document() -> Document:
    """A blank python-docx document made fit for Japanese official documents."""
    doc = Document()
    styles_el = doc.styles.element
    # Defaults: Mincho everywhere, ja-JP, no space after paragraphs, single line spacing.
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default, MINCHO, MINCHO)
    set_language(rpr_default)
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "288")  # 1.2 lines: Mincho at single spacing looks cramped
    # Remove theme fonts from every style that names one (headings, title...).
    for fonts in styles_el.iter(qn("w:rFonts")):
        if any(fonts.get(qn(f"w:{a}")) for a in THEME_ATTRS):
            set_fonts(fonts.getparent(), MINCHO, GOTHIC if "Heading" in _style_name(fonts) else MINCHO)
    # Styles naming only a Latin font (Macro Text: Courier...) get the East Asian slot too.
    for fonts in styles_el.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii")) and not fonts.get(qn("w:eastAsia")):
            fonts.set(qn("w:eastAsia"), MINCHO)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), MINCHO, MINCHO)
    # Word's own setting of which language theme fonts follow.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "ja-JP")

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(12)
    _add_styles(doc)
    return doc


def _style_name(fonts_el) -> str:
    style = fonts_el.getparent().getparent()
    name = style.find(qn("w:name")) if style is not None else None
    return name.get(qn("w:val")) if name is not None else ""


def _paragraph_style(doc, name, *, font=MINCHO, size=BODY_PT, bold=False, align=None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), font, font)
    if align is not None:
        style.paragraph_format.alignment = align
    return style


def _add_styles(doc) -> None:
    _paragraph_style(doc, "DocTitle", font=GOTHIC, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "RightLine", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, "CenterLine", align=WD_ALIGN_PARAGRAPH.CENTER)
    body = _paragraph_style(doc, "BodyText1", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Pt(BODY_PT)  # one character
    item = _paragraph_style(doc, "RecordItem")
    item.paragraph_format.left_indent = Mm(32)
    item.paragraph_format.first_line_indent = Mm(-32)
    item.paragraph_format.tab_stops.add_tab_stop(Mm(6))
    item.paragraph_format.tab_stops.add_tab_stop(Mm(32))
    sub = _paragraph_style(doc, "RecordSub")
    sub.paragraph_format.left_indent = Mm(16)
    sub.paragraph_format.first_line_indent = Mm(-6)
    heading = _paragraph_style(doc, "SectionHeading", font=GOTHIC, bold=True)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(3)
    heading.paragraph_format.keep_with_next = True
    _paragraph_style(doc, "ProgramLine").paragraph_format.space_before = Pt(8)
    unit = _paragraph_style(doc, "UnitLine")
    unit.paragraph_format.left_indent = Mm(8)
    unit.paragraph_format.space_before = Pt(4)
    unit.paragraph_format.keep_with_next = True
    indent = _paragraph_style(doc, "Indented1")
    indent.paragraph_format.left_indent = Mm(8)
    indent2 = _paragraph_style(doc, "Indented2")
    indent2.paragraph_format.left_indent = Mm(14)
    indent2.paragraph_format.first_line_indent = Mm(-5)
    _paragraph_style(doc, "Small", size=9)
    _paragraph_style(doc, "SmallRight", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT)
    table_text = _paragraph_style(doc, "TableText", size=10.5)
    table_text.paragraph_format.space_before = Pt(1)
    table_text.paragraph_format.space_after = Pt(1)


# -- building blocks -----------------------------------------------------------------------
def para(doc_or_cell, text="", style=None, *, bold=None, page_break_before=False):
    """Add one paragraph whose text is a single run (docxtpl tags stay in one run)."""
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        if bold is not None:
            run.bold = bold
    if page_break_before:
        p.paragraph_format.page_break_before = True
    return p


def set_cell(cell, text, style="TableText"):
    """Replace a cell's empty first paragraph with ``text`` in ``style``."""
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)
    return p


def fixed_table(doc, rows, widths_mm, *, align=WD_TABLE_ALIGNMENT.LEFT):
    """A bordered table with fixed column widths (LibreOffice sizes tables from the grid)."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    table.alignment = align
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm):
        col.width = Mm(width)
    return table


def row_height(row, mm):
    """At least ``mm`` high, text centred vertically (a {%tr %} loop copies this to every row)."""
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell in row.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def header_row(row) -> None:
    """Shade a table's heading row and repeat it on every page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    for cell in row.cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "E7E6E6")
        cell._tc.get_or_add_tcPr().append(shading)


def set_core(doc, title: str) -> None:
    """The template's own properties: its title, this library, built now (not python-docx's 2013)."""
    import datetime as dt

    props = doc.core_properties
    props.title = title
    props.author = "mihara_sheets"
    props.last_modified_by = "mihara_sheets"
    props.language = "ja-JP"
    props.comments = "docxtpl テンプレート（変数の一覧は templates/README.md）"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1


def clean_package(path: Path) -> None:
    """Drop what python-docx's default template leaves: the blank thumbnail and its app.xml.

    (「Microsoft Macintosh Word」, Normal.dotm, AppVersion 14). Every .docx of ``templates/``
    goes through here, whichever builder made it.
    """
    import zipfile

    import sys

    sys.path.insert(0, str(ROOT))  # this tree's package, not an installed one
    from mihara_sheets.documents.properties import DocProperties, app_xml, without_thumbnail

    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    names = {info.filename for info, _ in entries}
    rels = dict((info.filename, data) for info, data in entries).get("_rels/.rels", b"")
    cleaned_rels, dropped = without_thumbnail(rels)
    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename in dropped:
                continue
            if info.filename == "_rels/.rels":
                data = cleaned_rels
            elif info.filename == "docProps/app.xml":
                data = app_xml(DocProperties(author="mihara_sheets"))
            out.writestr(info.filename, data)
    temp.replace(path)
    assert "docProps/core.xml" in names


def page_number(paragraph) -> None:
    """「- PAGE -」: a PAGE field Word and LibreOffice fill in with the page's number."""
    paragraph.add_run("- ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    paragraph.add_run(" -")


# -- 開催通知 ---------------------------------------------------------------------------------
def build_notice(path: Path) -> None:
    """開催通知: page 1 the notice, page 2 the attendance reply slip (出欠回答票)."""
    doc = japanese_document()
    set_core(doc, "開催通知")
    para(doc, "{{ notice_no }}", "RightLine")
    para(doc, "{{ issue_date }}", "RightLine")
    para(doc)
    para(doc, "{%p if recipient.affiliation %}")
    para(doc, "{{ recipient.affiliation }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ recipient.addressee }}")
    para(doc)
    para(doc, "{{ sender }}", "RightLine")
    para(doc, "（公印省略）", "SmallRight")
    para(doc)
    para(doc, "{{ meeting.title }}の開催について（通知）", "DocTitle")
    para(doc)
    para(doc, "日頃から本市の保健福祉行政の推進に御理解と御協力を賜り、厚くお礼申し上げます。", "BodyText1")
    para(
        doc,
        "さて、下記のとおり{{ meeting.title }}を開催しますので、御多忙のところ恐縮ですが、"
        "御出席くださいますようお願いします。",
        "BodyText1",
    )
    para(
        doc,
        "なお、出欠については、別紙出欠回答票により{{ reply_by }}までに御回答ください。",
        "BodyText1",
    )
    para(doc)
    para(doc, "記", "CenterLine")
    para(doc)
    # The numbers close up: no 参加方法 line for a meeting in person, no 議題 line without items.
    para(doc, "{{ no.date }}\t日　時\t{{ meeting.date }}　{{ meeting.time }}", "RecordItem")
    para(doc, "{{ no.venue }}\t場　所\t{{ meeting.venue }}", "RecordItem")
    para(doc, "{%p if meeting.online %}")
    para(doc, "{{ no.join }}\t参加方法\t{% if meeting.hybrid %}会場またはオンライン（Web会議）{% else %}オンライン（Web会議）{% endif %}", "RecordItem")
    para(doc, "{%p if meeting.join_info %}")
    para(doc, "{{ meeting.join_info }}", "RecordSub")
    para(doc, "{%p else %}")
    para(doc, "接続先は、別途お知らせします。", "RecordSub")
    para(doc, "{%p endif %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if agenda %}")
    para(doc, "{{ no.agenda }}\t議　題", "RecordItem")
    para(doc, "{%p for item in agenda %}")
    para(doc, "（{{ loop.index }}）{{ item }}", "RecordSub")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{{ no.other }}\tその他\t{{ other }}", "RecordItem")
    para(doc, "以上", "RightLine")
    para(doc)
    contact = fixed_table(doc, 1, [90], align=WD_TABLE_ALIGNMENT.RIGHT)
    cell = contact.cell(0, 0)
    set_cell(cell, "【担当】{{ contact.division }}")
    para(cell, "{%p if contact.person %}", "TableText")
    para(cell, "担当者：{{ contact.person }}", "TableText")
    para(cell, "{%p endif %}", "TableText")
    para(cell, "電話：{{ contact.phone }}", "TableText")
    para(cell, "{%p if contact.fax %}", "TableText")
    para(cell, "FAX：{{ contact.fax }}", "TableText")
    para(cell, "{%p endif %}", "TableText")
    para(cell, "{%p if contact.email %}", "TableText")
    para(cell, "メール：{{ contact.email }}", "TableText")
    para(cell, "{%p endif %}", "TableText")

    # Page 2: the reply slip, on a page of its own.
    para(doc, "（返信用）　{{ contact.division }}　行", page_break_before=True)
    para(doc, "{%p if contact.fax %}")
    para(doc, "FAX：{{ contact.fax }}", "DocTitle")
    para(doc, "{%p endif %}")
    para(doc, "{%p if contact.email %}")
    para(doc, "メール：{{ contact.email }}")
    para(doc, "{%p endif %}")
    para(doc)
    para(doc, "{{ meeting.title }}　出欠回答票", "DocTitle")
    para(doc)
    para(doc, "回答期限：{{ reply_by }}", "RightLine")
    # A 併用 meeting asks where the member attends; a confidential body has no 代理出席者 row
    # ({%tr %} tags sit on rows of their own, which docxtpl removes).
    slip = fixed_table(doc, 7, [38, TEXT_WIDTH_MM - 38])
    labels = ["所属・役職", "氏　　名", "出　　欠", None, "代理出席者", None, "連絡事項"]
    values = [
        "{{ recipient.affiliation }}",
        "{{ recipient.name }}",
        "{% if meeting.hybrid %}会場で出席　・　オンラインで出席　・　欠席{% else %}出席　　・　　欠席{% endif %}"
        "　（いずれかに○をしてください）",
        "{%tr if not confidential %}",
        "",
        "{%tr endif %}",
        "",
    ]
    for row, label, value in zip(slip.rows, labels, values):
        if label is None:
            set_cell(row.cells[0], value)
            continue
        row_height(row, 14 if label != "連絡事項" else 28)
        set_cell(row.cells[0], label)
        set_cell(row.cells[1], value)
    para(doc)
    para(doc, "{%p if not confidential %}", "Small")
    para(doc, "※　代理の方が出席される場合は、代理出席者の所属・氏名を御記入ください。", "Small")
    para(doc, "{%p endif %}", "Small")
    para(doc, "{%p if meeting.hybrid %}", "Small")
    para(doc, "※　オンラインで出席される場合は、当日までに接続を御確認ください。", "Small")
    para(doc, "{%p endif %}", "Small")
    para(doc, "{%p if contact.email %}", "Small")
    para(doc, "※　メール（{{ contact.email }}）での御回答も受け付けます。", "Small")
    para(doc, "{%p endif %}", "Small")
    doc.save(path)


# -- 全体会議 次第 ----------------------------------------------------------------------------
def build_agenda(path: Path) -> None:
    """全体会議 次第 with the materials table, and the member list by 部会 on a new page."""
    doc = japanese_document()
    set_core(doc, "全体会議 次第")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.style = doc.styles["CenterLine"]
    page_number(footer)  # 「- 1 -」 on every page
    name = doc.sections[0].footer.add_paragraph(style=doc.styles["SmallRight"])
    name.add_run("{{ fiscal_year }}　{{ plenary.title }}")

    para(doc, "{{ fiscal_year }}　{{ plenary.title }}", "DocTitle")
    para(doc, "次　　第", "DocTitle")
    para(doc)
    para(doc, "日時：{{ plenary.date }}　{{ plenary.time }}", "RightLine")
    para(doc, "場所：{{ plenary.venue }}", "RightLine")
    para(doc)
    # The 議題 sheet's items for the plenary when it has them; else a default programme.
    para(doc, "{%p if program %}")
    para(doc, "{%p for section in program %}")
    para(doc, "{{ section.number }}　{{ section.heading }}", "ProgramLine")
    para(doc, "{%p for e in section.entries %}")
    para(doc, "{% if e.sub %}　　{% endif %}{{ e.label }}{{ e.title }}{% if e.material %}（{{ e.material }}）{% endif %}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "{%p for line in section.lines %}")
    para(doc, "{{ line }}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p else %}")
    para(doc, "1　開　会", "ProgramLine")
    para(doc, "2　あいさつ", "ProgramLine")
    para(doc, "{%p if greeting %}")
    para(doc, "{{ greeting }}", "Indented1")
    para(doc, "{%p endif %}")
    para(doc, "3　報　告　各部会の活動報告（{{ fiscal_year }}）", "ProgramLine")
    para(doc, "{%p for unit in reports %}")
    para(doc, "（{{ loop.index }}）{{ unit.name }}{% if unit.reporter %}　報告：{{ unit.reporter }}{% endif %}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "4　セミナー", "ProgramLine")
    para(doc, "演題：{{ seminar.title }}", "Indented1")
    para(doc, "講師：{{ seminar.speaker }}", "Indented1")
    para(doc, "5　その他", "ProgramLine")
    para(doc, "6　閉　会", "ProgramLine")
    para(doc, "{%p endif %}")
    para(doc)
    para(doc, "【配布資料】", "SectionHeading")
    # {%tr %} tags sit on rows of their own: header, loop start, the repeated row, loop end.
    materials = fixed_table(doc, 4, [30, TEXT_WIDTH_MM - 30])
    set_cell(materials.cell(0, 0), "資料番号")
    set_cell(materials.cell(0, 1), "資料名")
    set_cell(materials.cell(1, 0), "{%tr for m in materials %}")
    set_cell(materials.cell(2, 0), "{{ m.number }}")
    set_cell(materials.cell(2, 1), "{{ m.title }}")
    set_cell(materials.cell(3, 0), "{%tr endfor %}")
    header_row(materials.rows[0])  # before row_height: w:shd must precede w:vAlign
    for row in (materials.rows[0], materials.rows[2]):
        row_height(row, 7)

    # Attached: what each 部会 did in the year (meetings, agenda, its 年次報告).
    para(doc, "{{ attachments.reports }}", "RightLine", page_break_before=True)
    para(doc, "各部会の活動報告（{{ fiscal_year }}）", "DocTitle")
    para(doc, "{%p for unit in reports %}")
    para(doc, "■ {{ unit.name }}{% if unit.reporter %}（報告：{{ unit.reporter }}）{% endif %}", "SectionHeading")
    para(doc, "・開催状況：{{ unit.held_text }}", "Indented2")
    para(doc, "{%p if unit.main_agenda %}")
    para(doc, "・主な議題：{{ unit.main_agenda | join('、') }}", "Indented2")
    para(doc, "{%p endif %}")
    para(doc, "{%p for line in unit.report_lines %}")
    para(doc, "・{{ line.label }}：{{ line.text }}", "Indented2")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")

    # Attached: the member list by 部会, names, organisations and roles only.
    para(doc, "{{ attachments.roster }}", "RightLine", page_break_before=True)
    para(doc, "{{ network_name }}　委員名簿", "DocTitle")
    para(doc, "（{{ roster_date }}現在）", "RightLine")
    para(doc, "{%p for group in rosters %}")
    para(doc, "■ {{ group.name }}（{{ group.members | length }}名）", "SectionHeading")
    roster = fixed_table(doc, 4, [30, 62, 40, TEXT_WIDTH_MM - 132])
    for cell, label in zip(roster.rows[0].cells, ["氏　名", "所　属", "役　職", "部会役職"]):
        set_cell(cell, label)
    set_cell(roster.cell(1, 0), "{%tr for m in group.members %}")
    values = ["{{ m.name }}", "{{ m.organization }}", "{{ m.title }}", "{{ m.role }}"]
    for cell, value in zip(roster.rows[2].cells, values):
        set_cell(cell, value)
    set_cell(roster.cell(3, 0), "{%tr endfor %}")
    header_row(roster.rows[0])
    for row in (roster.rows[0], roster.rows[2]):
        row_height(row, 7)
    para(doc, "{%p endfor %}")
    para(doc)
    doc.save(path)


# -- 会議体の棚卸・委員構成 報告 ----------------------------------------------------------------
def _loop_table(doc, headers, fields, widths):
    """A table: a heading row, then one row per item of a {%tr for %} loop (tags on rows of their own)."""
    loop, item = fields
    table = fixed_table(doc, 4, widths)
    for cell, label in zip(table.rows[0].cells, headers):
        set_cell(cell, label)
    set_cell(table.cell(1, 0), "{%tr for r in " + loop + " %}")
    for cell, value in zip(table.rows[2].cells, item):
        set_cell(cell, value)
    set_cell(table.cell(3, 0), "{%tr endfor %}")
    header_row(table.rows[0])
    for row in (table.rows[0], table.rows[2]):
        row_height(row, 6)
    return table


def build_inventory(path: Path) -> None:
    """会議体の棚卸・委員構成: summary first, then the tables, the overlap heat map, terms, schedule."""
    doc = japanese_document()
    set_core(doc, "会議体の棚卸・委員構成")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.style = doc.styles["SmallRight"]
    footer.add_run("会議体の棚卸・委員構成（{{ as_of }}現在）")
    para(doc, "{{ title }}", "DocTitle")
    para(doc, "（{{ as_of }}現在　{{ made_on }}作成　{{ division }}）", "RightLine")
    para(doc)
    para(doc, "１　概要", "SectionHeading")
    para(doc, "{%p for line in summary %}")
    para(doc, "・{{ line }}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc)
    para(doc, "２　統合の候補（委員の重なりの大きい順）", "SectionHeading")
    _loop_table(doc, ["順位", "会議体", "会議体", "委員の重なり", "団体の重なり", "理由"],
                ("candidates", ["{{ r.rank }}", "{{ r.a }}", "{{ r.b }}", "{{ r.member }}", "{{ r.organization }}",
                                "{{ r.reason }}"]), [9, 34, 34, 15, 15, TEXT_WIDTH_MM - 107])
    para(doc, "{{ overlap_chart }}", "CenterLine")  # the chart of the candidates' overlap goes here
    para(doc, "年間の延べ出席（開催回数×委員数）は{{ burden.total }}回です。上位の候補（{{ burden.merged }}）を統合すると"
              "{{ burden.after }}回（{{ burden.saved }}回減）になる見込みです。", "Small")
    para(doc)
    para(doc, "３　委員の重なり（共通の委員 ÷ どちらかの委員。色が濃いほど重なる）", "SectionHeading")
    # Every column the same width: docxtpl rescales the grid to the number of councils.
    heat = fixed_table(doc, 4, [(TEXT_WIDTH_MM) / 4] * 4)
    set_cell(heat.cell(0, 0), "会議体")
    set_cell(heat.cell(0, 1), "{%tc for id in heat.ids %}")
    set_cell(heat.cell(0, 2), "{{ id }}")
    set_cell(heat.cell(0, 3), "{%tc endfor %}")
    set_cell(heat.cell(1, 0), "{%tr for row in heat.rows %}")
    set_cell(heat.cell(2, 0), "{{ row.id }}")
    set_cell(heat.cell(2, 1), "{%tc for c in row.cells %}")
    set_cell(heat.cell(2, 2), "{% cellbg c.color %}{{ c.text }}")
    set_cell(heat.cell(2, 3), "{%tc endfor %}")
    set_cell(heat.cell(3, 0), "{%tr endfor %}")
    header_row(heat.rows[0])
    para(doc, "（数字は重なりの%。{% for row in heat.rows %}{{ row.id }} {{ row.name }}{% if not loop.last %}、{% endif %}{% endfor %}）", "Small")
    para(doc)
    para(doc, "４　会議体一覧", "SectionHeading")
    _loop_table(doc, ["ID", "会議体名", "再編前", "再編後", "年間回数", "委員数", "負担"],
                ("councils", ["{{ r.id }}", "{{ r.name }}", "{{ r.before }}", "{{ r.after }}", "{{ r.meetings }}",
                              "{{ r.members }}", "{{ r.burden }}"]), [12, 50, 20, 36, 12, 12, TEXT_WIDTH_MM - 142])
    para(doc)
    para(doc, "５　委員構成（目標：女性{{ targets.women }}%以上、在任{{ targets.tenure }}年まで）", "SectionHeading")
    _loop_table(doc, ["会議体", "委員数", "女性", "女性比率", "充て職除く", "公募", "長期在任"],
                ("composition", ["{{ r.name }}", "{{ r.members }}", "{{ r.women }}", "{{ r.ratio }}",
                                 "{{ r.without_ex_officio }}", "{{ r.public }}", "{{ r.long_tenure }}"]),
                [58, 16, 14, 18, 20, 14, TEXT_WIDTH_MM - 140])
    para(doc, "合計：委員{{ total.members }}人、女性{{ total.women }}人（{{ total.ratio }}、充て職を除くと"
              "{{ total.without_ex_officio }}）、公募委員{{ total.public }}人、性別不明{{ total.unknown }}人。", "Small")
    para(doc)
    para(doc, "６　兼職が上限（{{ targets.seats }}）を超える人", "SectionHeading")
    para(doc, "{%p if over_cap %}")
    _loop_table(doc, ["氏名", "会議体数", "会議体"], ("over_cap", ["{{ r.name }}", "{{ r.count }}", "{{ r.councils }}"]),
                [40, 20, TEXT_WIDTH_MM - 60])
    para(doc, "{%p else %}")
    para(doc, "該当者はいません。", "Indented1")
    para(doc, "{%p endif %}")
    para(doc, "{%p if same_person %}")
    para(doc, "同じ人かもしれない組（確認してください）", "Indented1")
    para(doc, "{%p for r in same_person %}")
    para(doc, "・{{ r.a }}／{{ r.b }}：{{ r.reason }}", "Indented2")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc)
    para(doc, "７　任期・委員定数", "SectionHeading")
    para(doc, "{%p for r in terms %}")
    para(doc, "・{{ r.location }}　{{ r.message }}", "Indented1")
    para(doc, "{%p else %}")
    para(doc, "該当はありません。", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "８　日程", "SectionHeading")
    para(doc, "{%p for r in schedule %}")
    para(doc, "・{{ r.location }}　{{ r.message }}", "Indented1")
    para(doc, "{%p else %}")
    para(doc, "該当はありません。", "Indented1")
    para(doc, "{%p endfor %}")
    doc.save(path)


# -- 公示（地域協議会の構成団体） ------------------------------------------------------------------
def build_koji(path: Path) -> None:
    """The 公示 of the 地域協議会 (孤独・孤立対策推進法第15条): its bodies and member organisations."""
    doc = japanese_document()
    set_core(doc, "地域協議会の公示")
    para(doc, "{{ sender }}", "RightLine")
    para(doc)
    para(doc, "{{ network }}の構成について（公示）", "DocTitle")
    para(doc)
    para(doc, "孤独・孤立対策推進法（令和5年法律第45号）第15条の規定により設置した地域協議会の構成を、"
              "次のとおり公示します。", "Indented1")
    para(doc, "（{{ as_of }}現在）", "RightLine")
    para(doc, "１　名称　{{ network }}", "ProgramLine")
    para(doc, "{%p if coordinator %}")
    para(doc, "２　調整機関　{{ coordinator }}", "ProgramLine")
    para(doc, "{%p endif %}")
    para(doc, "３　会議体", "ProgramLine")
    para(doc, "{%p for b in bodies %}")
    para(doc, "・{{ b.name }}{% if b.note %}（{{ b.note }}）{% endif %}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "４　構成団体", "ProgramLine")
    para(doc, "{%p for c in categories %}")
    para(doc, "【{{ c.name }}】", "Indented1")
    para(doc, "{%p for o in c.organizations %}")
    para(doc, "{{ o }}", "Indented2")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if individuals %}")
    para(doc, "このほか、公募による委員など個人の構成員{{ individuals }}名。", "Indented1")
    para(doc, "{%p endif %}")
    doc.save(path)


# -- 出席者名簿・受付名簿 / 会議録（案） (attendance) -----------------------------------------
def build_attendance(path: Path) -> None:
    """出席者名簿 and 受付名簿 (one template, ``list_title`` says which): 氏名, 所属, 役職, 署名."""
    doc = japanese_document()
    set_core(doc, "出席者名簿・受付名簿")
    para(doc, "{{ meeting.title }}　{{ list_title }}", "DocTitle")
    para(doc, "日時：{{ meeting.date }}　{{ meeting.time }}", "RightLine")
    para(doc, "場所：{{ meeting.venue }}", "RightLine")
    para(doc)
    table = fixed_table(doc, 4, [10, 42, 52, 30, TEXT_WIDTH_MM - 134])
    for cell, label in zip(table.rows[0].cells, ["No.", "氏　名", "所　属", "役　職", "署　名"]):
        set_cell(cell, label)
    set_cell(table.cell(1, 0), "{%tr for p in people %}")
    for cell, value in zip(table.rows[2].cells, ["{{ p.number }}", "{{ p.name }}", "{{ p.organization }}",
                                                 "{{ p.title }}", ""]):
        set_cell(cell, value)
    set_cell(table.cell(3, 0), "{%tr endfor %}")
    header_row(table.rows[0])
    row_height(table.rows[0], 7)
    row_height(table.rows[2], 11)
    para(doc)
    para(doc, "委員 {{ counts.invited }}名　定足数（{{ counts.rule }}）{{ counts.required }}名", "SmallRight")
    doc.save(path)


# -- 部会などの会議の 次第 --------------------------------------------------------------------
def build_meeting_agenda(path: Path) -> None:
    """The 次第 of an ordinary meeting: title, date and venue, the programme, 配布資料."""
    doc = japanese_document()
    set_core(doc, "会議 次第")
    para(doc, "{{ meeting.title }}", "DocTitle")
    para(doc, "次　　第", "DocTitle")
    para(doc)
    para(doc, "日時：{{ meeting.date }}{% if meeting.time %}　{{ meeting.time }}{% endif %}", "RightLine")
    para(doc, "場所：{{ meeting.venue }}", "RightLine")
    para(doc)
    para(doc, "{%p for section in program %}")
    para(doc, "{{ section.number }}　{{ section.heading }}", "ProgramLine")
    para(doc, "{%p for e in section.entries %}")
    para(doc, "{% if e.sub %}　　{% endif %}{{ e.label }}{{ e.title }}{% if e.material %}（{{ e.material }}）{% endif %}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "{%p for line in section.lines %}")
    para(doc, "{{ line }}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if materials %}")
    para(doc, "【配布資料】", "SectionHeading")
    para(doc, "{%p for m in materials %}")
    para(doc, "{{ m.number }}　{{ m.title }}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    doc.save(path)


# -- 会議録（案） (minutes) ----------------------------------------------------------------
def build_minutes(path: Path) -> None:
    """会議録（案）: the required items, 議題 with 資料, one heading per item to write under, signatures.

    A confidential body's draft (``confidential``) shows counts instead of names, and
    ``marking`` (「非公開・内部資料」) at the top and in the header of every page.
    """
    doc = japanese_document()
    set_core(doc, "会議録（案）")
    # Numbers run to 11 and labels to 6 characters (公開・非公開): wider columns than the notice's.
    item = doc.styles["RecordItem"].paragraph_format
    item.tab_stops.clear_all()
    item.tab_stops.add_tab_stop(Mm(9))
    item.tab_stops.add_tab_stop(Mm(40))
    item.left_indent = Mm(40)
    item.first_line_indent = Mm(-40)
    header = doc.sections[0].header.paragraphs[0]
    header.style = doc.styles["SmallRight"]
    header.add_run("{{ marking }}")
    para(doc, "{%p if marking %}")
    para(doc, "【{{ marking }}】", "RightLine", bold=True)
    para(doc, "{%p endif %}")
    para(doc, "{{ meeting.title }}　{{ title }}", "DocTitle")
    para(doc, "{%p if not held %}")
    para(doc, "※開催前の出欠の回答から作成しています。当日の出欠を確認してください。", "SmallRight")
    para(doc, "{%p endif %}")
    para(doc)
    para(doc, "1\t会議の名称\t{{ meeting.title }}", "RecordItem")
    para(doc, "2\t日　　時\t{{ meeting.date }}{% if meeting.time %}　{{ meeting.time }}{% endif %}", "RecordItem")
    para(doc, "3\t場　　所\t{{ meeting.venue }}", "RecordItem")
    para(doc, "4\t公開・非公開\t{{ disclosure }}{% if disclosure != '公開' %}（非公開の理由：{% if closed_reason %}{{ closed_reason }}{% else %}　　　　　　　　{% endif %}）{% endif %}",
         "RecordItem")
    para(doc, "{%p if confidential %}")
    para(doc, "5\t出　席　者\t出席 {{ counts.present }}名{% if counts.absent != '' %}、欠席 {{ counts.absent }}名"
              "{% endif %}（委員 {{ counts.invited }}名{% if counts.source %}。出席は{{ counts.source }}による{% endif %}）", "RecordItem")
    para(doc, "6\t事　務　局\t{{ division }}　{{ counts.staff }}名", "RecordItem")
    para(doc, "7\t事　　例\t{% if counts.cases != '' %}{{ counts.cases }}件{% if counts.cases_text %}"
              "（{{ counts.cases_text }}）{% endif %}{% else %}　　件{% endif %}", "RecordItem")
    para(doc, "{%p else %}")
    para(doc, "5\t出席委員\t{% if present %}{{ present | map(attribute='name') | join('、') }}（{{ present | length }}名）"
              "{% else %}{% endif %}", "RecordItem")
    para(doc, "6\t欠席委員\t{% if absent %}{{ absent | map(attribute='name') | join('、') }}（{{ absent | length }}名）"
              "{% elif attendance_known %}なし{% endif %}", "RecordItem")
    para(doc, "{%p if unanswered %}")
    para(doc, "\t（未回答）\t{{ unanswered | map(attribute='name') | join('、') }}", "RecordItem")
    para(doc, "{%p endif %}")
    para(doc, "{%p if observer_members %}")
    para(doc, "\t（オブザーバー）\t{{ observer_members | map(attribute='name') | join('、') }}", "RecordItem")
    para(doc, "{%p endif %}")
    para(doc, "7\t事　務　局\t{% for s in secretariat %}{{ s.organization }}{% if s.title %}　{{ s.title }}{% endif %}"
              "　{{ s.name }}{% if not loop.last %}、{% endif %}{% else %}{{ division }}{% endfor %}", "RecordItem")
    para(doc, "{%p endif %}")
    para(doc, "8\t傍聴者数\t{% if observers %}{{ observers }}{% else %}　　{% endif %}名", "RecordItem")
    para(doc, "9\t議　　題", "RecordItem")
    para(doc, "{%p if confidential %}")
    para(doc, "{% if counts.item_count %}議題 {{ counts.item_count }}件{% else %}個別の事例の検討{% endif %}"
              "（個別の事例に関するため、内容は記載しません）", "Indented1")
    para(doc, "{%p endif %}")
    para(doc, "{%p for s in agenda %}")
    para(doc, "{{ s.heading }}", "Indented1")
    para(doc, "{%p for e in s.entries %}")
    para(doc, "{% if e.sub %}　{% endif %}{{ e.label }}{{ e.title }}{% if e.material %}（{{ e.material }}）{% endif %}",
         "Indented2")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "10\t決定事項\t{% if confidential %}（記載しません）{% elif not decisions %}{% endif %}", "RecordItem")
    para(doc, "{%p for d in decisions %}")
    para(doc, "{{ d }}", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc)
    para(doc, "11\t会議の経過", "RecordItem")
    para(doc, "{%p for item in items %}")
    para(doc, "【{{ item.heading }}】", "SectionHeading")
    para(doc, "", "Indented1")
    para(doc, "", "Indented1")
    para(doc, "{%p endfor %}")
    para(doc)
    para(doc, "{{ attest }}", "BodyText1")
    para(doc)
    para(doc, "令和　　年　　月　　日", "Indented1")
    para(doc)
    para(doc, "{%p for s in signatures %}")
    para(doc, "{{ s.role }}　{% if s.name %}{{ s.name }}{% else %}　　　　　　　　{% endif %}"
              "　　署名　＿＿＿＿＿＿＿＿＿＿＿＿", "RightLine")
    para(doc)
    para(doc, "{%p endfor %}")
    doc.save(path)


# -- 開催通知（窓あき封筒用） --------------------------------------------------------------------
# Where a 長形3号 window envelope shows an A4 sheet folded in three (docs/labels.md): the
# window is 90 × 45 mm (郵便規則: an address window at least 80 × 45 mm), 20 mm from the
# sheet's left edge and 12 mm from its top, inside the top third (0–99 mm).
WINDOW_MM = {"left": 20, "top": 12, "width": 90, "height": 45}
WINDOW_INSET_MM = 5  # the sheet moves a little inside the envelope: text stays this far in
WINDOW_BLOCK_WIDTH_MM = 170  # window + 文書番号/日付 beside it: no body text wraps beside the block


def _floating(table, left_mm: float, top_mm: float) -> None:
    """Anchor ``table`` to the page at (left, top) mm; body text flows below it."""
    tbl_pr = table._tbl.tblPr
    position = OxmlElement("w:tblpPr")
    for name, value in (("leftFromText", "0"), ("rightFromText", "0"), ("topFromText", "0"),
                        ("bottomFromText", str(int(Mm(3).twips))), ("vertAnchor", "page"), ("horzAnchor", "page"),
                        ("tblpX", str(int(Mm(left_mm).twips))), ("tblpY", str(int(Mm(top_mm).twips)))):
        position.set(qn(f"w:{name}"), value)
    tbl_pr.insert(0, position)
    overlap = OxmlElement("w:tblOverlap")
    overlap.set(qn("w:val"), "never")
    tbl_pr.append(overlap)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def build_notice_window(path: Path, notice: Path) -> None:
    """開催通知（窓あき封筒用）: the notice of ``notice`` with 〒, address and 宛名 in the window.

    The plain notice's first lines (文書番号, 通知日, 所属, 宛名) are replaced by a block
    anchored to the page: the window cell on the left, 文書番号 and 通知日 beside it. The
    差出人 (設定 差出人住所) heads the 担当 box at the foot of page 1.
    """
    from docx import Document as open_document

    doc = open_document(str(notice))
    body = doc.element.body
    paragraphs = doc.paragraphs
    assert paragraphs[0].text == "{{ notice_no }}" and paragraphs[6].text == "{{ recipient.addressee }}"
    anchor = paragraphs[8]  # {{ sender }}
    for paragraph in paragraphs[:8]:
        body.remove(paragraph._p)
    set_core(doc, "開催通知（窓あき封筒用）")
    for name, size, bold in (("WindowText", 10.5, False), ("WindowSmall", 9, False), ("WindowName", 13, True)):
        style = _paragraph_style(doc, name, size=size, bold=bold)
        style.paragraph_format.line_spacing = 1.0
    doc.styles["WindowName"].paragraph_format.space_before = Pt(4)
    block = doc.add_table(rows=1, cols=2)
    block.autofit = False
    widths = [WINDOW_MM["width"], WINDOW_BLOCK_WIDTH_MM - WINDOW_MM["width"]]
    for cell, width in zip(block.rows[0].cells, widths):
        cell.width = Mm(width)
    for col, width in zip(block.columns, widths):
        col.width = Mm(width)
    _no_borders(block)
    block.rows[0].height = Mm(WINDOW_MM["height"])
    block.rows[0].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    _floating(block, WINDOW_MM["left"], WINDOW_MM["top"])
    window, side = block.rows[0].cells
    margins = OxmlElement("w:tcMar")
    for name in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{name}")
        element.set(qn("w:w"), str(int(Mm(WINDOW_INSET_MM).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    window._tc.get_or_add_tcPr().append(margins)
    window.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    set_cell(window, "{% if recipient.postal_code %}〒{{ recipient.postal_code }}{% endif %}", "WindowText")
    para(window, "{{ recipient.address }}", "WindowText")
    para(window, "{%p if recipient.affiliation %}", "WindowText")
    para(window, "{{ recipient.affiliation }}", "WindowSmall")
    para(window, "{%p endif %}", "WindowText")
    para(window, "{{ recipient.addressee }}", "WindowName")
    side.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    set_cell(side, "{{ notice_no }}", "RightLine")
    para(side, "{{ issue_date }}", "RightLine")
    anchor._p.addprevious(block._tbl)
    # The 担当 box: the 差出人's postal address first, when 設定 has one.
    [contact] = [t for t in doc.tables if "【担当】" in t.cell(0, 0).text]
    first = contact.cell(0, 0).paragraphs[0]
    for text in ("{%p if sender_address %}", "【差出人】{{ sender_address }}", "{%p endif %}"):
        new = OxmlElement("w:p")
        first._p.addprevious(new)
        from docx.text.paragraph import Paragraph

        added = Paragraph(new, first._parent)
        added.style = "TableText"
        added.add_run(text)
    doc.save(path)


# -- 支出内訳 (honoraria): what backs the 支出命令 of 報酬・報償費・旅費 -----------------------
def _figure_table(doc, first: str, loop: str, item: str, label: str) -> None:  # label: the first cell's text
    """A table: {first} | 件数 | 支給額 | 源泉徴収額 | 差引支給額, one row per ``loop`` item."""
    table = fixed_table(doc, 4, [TEXT_WIDTH_MM - 120, 18, 34, 34, 34])
    for cell, text in zip(table.rows[0].cells, [first, "件数", "支給額（円）", "源泉徴収額（円）", "差引支給額（円）"]):
        set_cell(cell, text)
    set_cell(table.cell(1, 0), "{%tr for " + item + " in " + loop + " %}")
    for cell, text in zip(table.rows[2].cells, [label, "{{ " + item + ".count }}",
                                                "{{ " + item + ".gross }}", "{{ " + item + ".withholding }}",
                                                "{{ " + item + ".net }}"]):
        set_cell(cell, text)
    set_cell(table.cell(3, 0), "{%tr endfor %}")
    header_row(table.rows[0])


def build_honoraria(path: Path) -> None:
    """支出内訳: totals by 予算節, by 区分 and by meeting, and the grand total."""
    doc = japanese_document()
    set_core(doc, "支出内訳")
    para(doc, "{{ made_on }}", "RightLine")
    para(doc, "{{ division }}", "RightLine")
    para(doc)
    para(doc, "{{ title }}", "DocTitle")
    para(doc)
    para(doc, "１　予算節別", "SectionHeading")
    _figure_table(doc, "節", "lines", "l", "{{ l.budget_line }}")
    para(doc)
    para(doc, "２　区分別", "SectionHeading")
    _figure_table(doc, "区分", "kinds", "k", "{{ k.kind }}")
    para(doc)
    para(doc, "３　会議別", "SectionHeading")
    _figure_table(doc, "会議（開催日）", "meetings", "m", "{{ m.title }}（{{ m.date }}）")
    para(doc)
    para(doc, "合計　{{ total.count }}件　支給額 {{ total.gross }}円　源泉徴収額 {{ total.withholding_yen }}　"
              "差引支給額 {{ total.net_yen }}", "RightLine")
    para(doc, "{%p if refused %}")
    para(doc, "※源泉徴収額を計算していない支払いがあります（月額88,000円以上：源泉徴収税額表の月額表乙欄で確認）。", "Small")
    para(doc, "{%p endif %}")
    para(doc, "{%p if planned %}")
    para(doc, "※開催前の会議の予定額 {{ planned.gross }}円（{{ planned.count }}件）は、上の合計に含めていません"
              "（支払明細に「予定」として載せています）。", "Small")
    para(doc, "{%p endif %}")
    para(doc, "※個人ごとの内訳は支払明細（Excel）のとおり。口座情報は記載していません。", "Small")
    doc.save(path)


# -- letters: 委嘱状・任命書, 就任承諾書, 解嘱状, 礼状 (appointments at a term renewal) -----------------
def _letter_styles(doc) -> None:
    """The large type of certificates (委嘱状, 解嘱状): title, name, body, signature."""
    _paragraph_style(doc, "LetterTitle", size=28, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_after = Pt(30)
    _paragraph_style(doc, "LetterName", size=18).paragraph_format.left_indent = Mm(10)
    body = _paragraph_style(doc, "LetterBody", size=18)
    body.paragraph_format.line_spacing = 1.6
    body.paragraph_format.first_line_indent = Pt(18)
    _paragraph_style(doc, "LetterTerm", size=14).paragraph_format.left_indent = Mm(10)
    _paragraph_style(doc, "LetterDate", size=16).paragraph_format.left_indent = Mm(20)
    sign = _paragraph_style(doc, "LetterSigner", size=18, align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign.paragraph_format.right_indent = Mm(10)


def build_appointment_commission(path: Path) -> None:
    """委嘱状 (or 任命書: the same page, ``letter.heading`` and ``letter.verb`` say which)."""
    doc = japanese_document()
    set_core(doc, "委嘱状・任命書")
    _letter_styles(doc)
    for _ in range(2):
        para(doc)
    para(doc, "{{ letter.heading }}", "LetterTitle")
    para(doc, "{{ recipient.name }}　様", "LetterName")
    para(doc)
    para(doc, "あなたを{{ position }}に{{ letter.verb }}します", "LetterBody")
    para(doc)
    para(doc, "任期　{{ letter.term }}", "LetterTerm")
    para(doc, "{%p if letter.replacement %}")
    para(doc, "（{{ letter.remaining }}）", "LetterTerm")
    para(doc, "{%p endif %}")
    for _ in range(4):
        para(doc)
    para(doc, "{{ issue_date }}", "LetterDate")
    para(doc)
    para(doc, "{{ appointer }}", "LetterSigner")
    doc.save(path)


def build_appointment_acceptance(path: Path) -> None:
    """就任承諾書: the form a new member signs and returns (住所・氏名 left for their hand)."""
    doc = japanese_document()
    set_core(doc, "就任承諾書")
    _letter_styles(doc)
    para(doc, "（{{ recipient.name }}　様）", "SmallRight")
    para(doc)
    para(doc, "{{ letter.heading }}", "LetterTitle")
    para(doc, "令和　　年　　月　　日", "RightLine")
    para(doc)
    para(doc, "{{ appointer }}　様", "LetterTerm")
    para(doc)
    para(doc, "私は、{{ position }}に就任することを承諾します。", "BodyText1")
    para(doc)
    para(doc, "任期　{{ letter.term }}{% if letter.replacement %}（{{ letter.remaining }}）{% endif %}", "Indented1")
    para(doc)
    para(doc)
    table = fixed_table(doc, 3, [30, TEXT_WIDTH_MM - 30])
    for row, label in zip(table.rows, ["所　属", "住　所", "氏　名（自署）"]):
        set_cell(row.cells[0], label)
        row_height(row, 16)
    set_cell(table.cell(0, 1), "{{ recipient.affiliation }}")
    para(doc)
    para(doc, "※記入のうえ、{{ division }}へ御提出ください。", "Small")
    doc.save(path)


def build_appointment_dismissal(path: Path) -> None:
    """解嘱状: a member whose term ends before the council's regular term does."""
    doc = japanese_document()
    set_core(doc, "解嘱状")
    _letter_styles(doc)
    for _ in range(2):
        para(doc)
    para(doc, "{{ letter.heading }}", "LetterTitle")
    para(doc, "{{ recipient.name }}　様", "LetterName")
    para(doc)
    para(doc, "{{ letter.term_end }}をもって{{ position }}を解嘱します", "LetterBody")
    para(doc, "在任中の御尽力に深く感謝いたします", "LetterBody")
    for _ in range(5):
        para(doc)
    para(doc, "{{ issue_date }}", "LetterDate")
    para(doc)
    para(doc, "{{ appointer }}", "LetterSigner")
    doc.save(path)


def build_appointment_thanks(path: Path) -> None:
    """礼状: thanks to a member whose term ended (cut short or at the regular end), for the
    years since 初回委嘱日 (``letter.service``)."""
    doc = japanese_document()
    set_core(doc, "礼状")
    para(doc, "{{ issue_date }}", "RightLine")
    para(doc)
    para(doc, "{%p if recipient.affiliation %}")
    para(doc, "{{ recipient.affiliation }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ recipient.name }}　様")
    para(doc)
    para(doc, "{{ appointer }}", "RightLine")
    para(doc)
    para(doc, "{{ position }}の退任に当たって（お礼）", "DocTitle")
    para(doc)
    para(doc, "拝啓　時下ますます御清祥のこととお喜び申し上げます。", "BodyText1")
    para(doc, "さて、あなたには、{{ letter.service }}{{ position }}として、"
              "本市の地域共生の推進に格別の御尽力をいただき、誠にありがとうございました。"
              "在任中に賜りました御協力に、心から感謝申し上げます。", "BodyText1")
    para(doc, "今後とも、本市の福祉行政に御理解と御協力を賜りますようお願い申し上げます。", "BodyText1")
    para(doc, "まずは略儀ながら、書中をもってお礼申し上げます。", "BodyText1")
    para(doc, "敬具", "RightLine")
    doc.save(path)


def main(argv: list[str] | None = None) -> None:
    """Write the templates (.docx) into templates/: every product's, from the builders above."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    build_notice(args.out / "notice.docx")
    build_agenda(args.out / "agenda.docx")
    build_inventory(args.out / "inventory.docx")
    build_koji(args.out / "koji.docx")
    build_attendance(args.out / "attendance.docx")
    build_meeting_agenda(args.out / "meeting_agenda.docx")
    build_minutes(args.out / "minutes.docx")
    build_notice_window(args.out / "notice_window.docx", args.out / "notice.docx")
    build_honoraria(args.out / "honoraria.docx")
    build_appointment_commission(args.out / "appointment_commission.docx")
    build_appointment_acceptance(args.out / "appointment_acceptance.docx")
    build_appointment_dismissal(args.out / "appointment_dismissal.docx")
    build_appointment_thanks(args.out / "appointment_thanks.docx")
    for made in sorted(args.out.glob("*.docx")):
        clean_package(made)
    print(f"wrote {', '.join(p.name for p in sorted(args.out.glob('*.docx')))} in {args.out}")


if __name__ == "__main__":
    main()
