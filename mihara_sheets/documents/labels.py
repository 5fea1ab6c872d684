"""Address labels (宛名ラベル): which recipients get one, and the label sheet as a .docx.

Pure logic: no files are read or written here (the job, :mod:`mihara_sheets.jobs.labels`,
writes what :func:`label_document` returns). The recipients are the notices' own
(:func:`~mihara_sheets.documents.notice_context.notice_recipients`), those sent by 郵送.

The sheet is one Word table laid out to the millimetre (docs/labels.md): page A4 portrait,
margins from :mod:`.label_layouts` (plus the 設定 printer offset), fixed layout, zero cell
margins, every column its label's width and every row its label's height with
``hRule="exact"`` (a long address is cut at the label's edge, never pushing the grid), rows
that never split. The rows simply flow onto the next page: one page per 12 or 24 labels.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..ledger.ledger import Ledger
from ..ledger.records import Meeting, Member
from ..problems import Problem, make_problem, problem_at
from .label_layouts import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, LabelLayout, twips
from .notice_context import notice_recipients
from .properties import DocProperties, app_xml, core_xml, without_thumbnail

POST = "郵送"
DEFAULT_HONORIFIC = "様"
MINCHO = "ＭＳ 明朝"
OFFSET_LIMIT_MM = 10.0
BOTTOM_MARGIN_MM = 2.0  # below the grid: room for Word's closing paragraph only
OFFSET_KEYS = ("ラベル印刷の補正（横mm）", "ラベル印刷の補正（縦mm）")


@dataclass(frozen=True)
class Label:
    """What one label shows: 〒, address, 所属（役職）, 氏名＋敬称."""

    postal_code: str
    address: str
    affiliation: str
    addressee: str

    @property
    def postal_line(self) -> str:
        """「〒723-0052」, or "" without a postal code."""
        return f"〒{self.postal_code}" if self.postal_code else ""


@dataclass
class LabelPlan:
    """The labels of a meeting's 郵送 recipients, and the recipients left out (problems)."""

    labels: list[Label] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def honorific_for(member: Member, configured: str | None) -> str:
    """The member's 敬称: the roster's own unless it is 様 (the default), then the 設定 one."""
    own = (member.honorific or "").strip() or DEFAULT_HONORIFIC
    wanted = (configured or "").strip()
    return wanted if own == DEFAULT_HONORIFIC and wanted else own


def label_for(member: Member, configured_honorific: str | None = None) -> Label:
    """The label of one member (address as typed; 所属 and 役職 on one line)."""
    affiliation = "　".join(x.strip() for x in (member.organization, member.title) if x and x.strip())
    return Label(
        postal_code=(member.postal_code or "").strip(),
        address=(member.address or "").strip(),
        affiliation=affiliation,
        addressee=f"{member.name}　{honorific_for(member, configured_honorific)}",
    )


def plan_labels(ledger: Ledger, meeting: Meeting) -> LabelPlan:
    """The labels for the recipients of ``meeting``'s notice who get it by 郵送.

    The notice's own recipient rule decides who and how; a 郵送 recipient without an
    address is ``label-no-address`` at the address cell and gets no label.
    """
    plan = LabelPlan()
    honorific = ledger.settings.label_honorific
    for recipient in notice_recipients(ledger, meeting):
        if recipient.delivery != POST:
            continue
        member = recipient.member
        if not (member.address or "").strip():
            plan.problems.append(problem_at("label-no-address", member.origin, "address", name=member.name))
            continue
        if not (member.postal_code or "").strip():
            plan.problems.append(problem_at("label-no-postal-code", member.origin, "postal_code", name=member.name))
        plan.labels.append(label_for(member, honorific))
        plan.names.append(member.name)
    return plan


def printer_offset(settings) -> tuple[tuple[float, float], list[Problem]]:
    """The 設定 printer offset (x right, y down, mm) and the problems of what was typed there."""
    from ..ledger.queries import settings_place

    found: list[float] = []
    problems: list[Problem] = []
    for key, typed in zip(OFFSET_KEYS, (settings.label_offset_x, settings.label_offset_y)):
        text = unicodedata.normalize("NFKC", str(typed or "")).strip().replace("mm", "").replace("−", "-")
        if not text:
            found.append(0.0)
            continue
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not -OFFSET_LIMIT_MM <= value <= OFFSET_LIMIT_MM:
            problems.append(make_problem("label-offset-invalid", **settings_place(settings, key), key=key, value=typed,
                                         limit=f"{OFFSET_LIMIT_MM:g}"))
            value = 0.0
        found.append(value)
    return (found[0], found[1]), problems


@dataclass(frozen=True)
class PageGeometry:
    """Where the grid sits on the page, in mm, after the printer offset."""

    left: float
    top: float
    right: float
    bottom: float


def page_geometry(layout: LabelLayout, offset: tuple[float, float] = (0.0, 0.0)) -> tuple[PageGeometry, bool]:
    """The page margins of ``layout`` moved by ``offset``; True when the offset had to be cut
    (a margin cannot be negative, and the grid must stay on the page)."""
    x, y = offset
    grid_w, grid_h = layout.columns * layout.width, layout.rows * layout.height
    left = min(max(layout.side_margin + x, 0.0), PAGE_WIDTH_MM - grid_w)
    top = min(max(layout.top_margin + y, 0.0), PAGE_HEIGHT_MM - BOTTOM_MARGIN_MM - 1.0 - grid_h)
    cut = abs(left - (layout.side_margin + x)) > 1e-9 or abs(top - (layout.top_margin + y)) > 1e-9
    right = max(PAGE_WIDTH_MM - left - grid_w, 0.0)
    return PageGeometry(left, top, right, BOTTOM_MARGIN_MM), cut


# -- the document ---------------------------------------------------------------------------
def label_document(labels: list[Label], layout: LabelLayout, *, start: int = 1, vertical: bool = False,
                   offset: tuple[float, float] = (0.0, 0.0), properties: DocProperties | None = None) -> bytes:
    """The .docx bytes of a label sheet: ``start - 1`` blank labels, then ``labels`` in order.

    ``vertical``: 縦書き (each cell's text direction ``tbRl``). ``offset``: the printer
    offset in mm (see :func:`page_geometry`).
    """
    if not 1 <= start <= layout.per_page:
        raise ValueError(f"start must be 1..{layout.per_page}")
    cells: list[Label | None] = [None] * (start - 1) + list(labels)
    pages = max(1, -(-len(cells) // layout.per_page))
    cells += [None] * (pages * layout.per_page - len(cells))

    doc = Document()
    _japanese_defaults(doc)
    geometry, _ = page_geometry(layout, offset)
    section = doc.sections[0]
    section.page_width, section.page_height = twips_length(PAGE_WIDTH_MM), twips_length(PAGE_HEIGHT_MM)
    section.left_margin, section.right_margin = twips_length(geometry.left), twips_length(geometry.right)
    section.top_margin, section.bottom_margin = twips_length(geometry.top), twips_length(geometry.bottom)
    section.header_distance = section.footer_distance = twips_length(0)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # python-docx's empty first paragraph
        body.remove(p)

    rows = len(cells) // layout.columns
    table = doc.add_table(rows=rows, cols=layout.columns)
    _fix_table(table, layout)
    for index, label in enumerate(cells):
        cell = table.cell(index // layout.columns, index % layout.columns)
        _fill_cell(cell, label, layout, vertical)
    _closing_paragraph(doc)
    doc.core_properties.title = (properties.title if properties else "") or "宛名ラベル"
    buffer = io.BytesIO()
    doc.save(buffer)
    return _with_properties(buffer.getvalue(), properties or DocProperties("宛名ラベル"))


def twips_length(mm: float):
    """A python-docx length of ``mm`` rounded to whole twips (what Word stores)."""
    from docx.shared import Twips

    return Twips(twips(mm))


def _set(parent, tag: str, **attrs: str):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _fix_table(table, layout: LabelLayout) -> None:
    """Fixed layout, exact widths and heights, no cell margins, no borders, no indent."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    width = twips(layout.width)
    _set(tbl_pr, "w:tblW", w=str(width * layout.columns), type="dxa")
    _set(tbl_pr, "w:tblInd", w="0", type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    margins = _set(tbl_pr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        _set(margins, f"w:{side}", w="0", type="dxa")
    borders = _set(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="nil")
    table.autofit = False
    grid = tbl.tblGrid
    for col in grid.iterchildren(qn("w:gridCol")):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        _set(tr_pr, "w:cantSplit")
        _set(tr_pr, "w:trHeight", val=str(twips(layout.height)), hRule="exact")
        for cell in row.cells:
            _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=str(width), type="dxa")


def _fill_cell(cell, label: Label | None, layout: LabelLayout, vertical: bool) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    if vertical:
        _set(tc_pr, "w:textDirection", val="tbRl")
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first = cell.paragraphs[0]
    if label is None:
        _line(first, "", layout.small_pt, layout)
        return
    lines = [(label.postal_line, layout.small_pt, False), (label.address, layout.address_pt, False),
             (label.affiliation, layout.small_pt, False), (label.addressee, layout.name_pt, True)]
    lines = [line for line in lines if line[0]]
    for number, (text, size, bold) in enumerate(lines):
        paragraph = first if number == 0 else cell.add_paragraph()
        _line(paragraph, text, size, layout, bold=bold, space_before=number == len(lines) - 1)


def _line(paragraph, text: str, size: float, layout: LabelLayout, *, bold: bool = False,
          space_before: bool = False) -> None:
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = twips_length(layout.inset)
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(size * 0.4 if space_before else 0)
    fmt.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def _closing_paragraph(doc) -> None:
    """Word ends a document with a paragraph: make it 1 pt so it fits under the last row."""
    paragraph = doc.add_paragraph()
    p_pr = paragraph._p.get_or_add_pPr()
    _set(p_pr, "w:spacing", before="0", after="0", line="20", lineRule="exact")
    r_pr = _set(p_pr, "w:rPr")
    _set(r_pr, "w:sz", val="2")


def _japanese_defaults(doc) -> None:
    """Mincho in every font slot (no theme fonts), ja-JP, no space after paragraphs."""
    styles = doc.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [r_pr, doc.styles["Normal"].element.get_or_add_rPr()]:
        fonts = _set(rpr, "w:rFonts")
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), MINCHO)
        _set(rpr, "w:lang", val="en-US", eastAsia="ja-JP")
    p_pr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(p_pr, "w:spacing", after="0", line="240", lineRule="auto")


def _with_properties(data: bytes, props: DocProperties) -> bytes:
    """The package with our core.xml/app.xml and without python-docx's thumbnail."""
    source = zipfile.ZipFile(io.BytesIO(data))
    rels, dropped = without_thumbnail(source.read("_rels/.rels"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in dropped:
                continue
            content = source.read(info)
            if info.filename == "_rels/.rels":
                content = rels
            elif info.filename == "docProps/core.xml":
                content = core_xml(props)
            elif info.filename == "docProps/app.xml":
                content = app_xml(props)
            target.writestr(info.filename, content)
    return out.getvalue()
