"""The compiled, sandboxed renderer against real .docx files and plain docxtpl."""

from __future__ import annotations

import importlib.resources
import io
import zipfile

import docx
import pytest
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined
from lxml import etree

from mihara_sheets.documents.errors import TemplateError
from mihara_sheets.documents.render import CompiledTemplate, clean_values, load_template

TRICKY = "A&B <会議室> \"大\" 'x' & &amp;"


def split_run_template(*, header: str = "ヘッダー {{ org }}", footer: str = "フッター {{ org }}") -> bytes:
    """A template with tags Word split across runs, a {%tr %} loop, header and footer."""
    document = docx.Document()
    p = document.add_paragraph()
    for piece in ("宛先：{", "{ na", "me }", "}様"):  # {{ name }} over four runs
        p.add_run(piece)
    p2 = document.add_paragraph()
    p2.add_run("{%")
    p2.add_run(" if show %}表示{% endif %}")
    document.add_paragraph("{%p for item in items %}")
    document.add_paragraph("・{{ item }}")
    document.add_paragraph("{%p endfor %}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row.a }}"
    table.cell(1, 1).text = "{{ row.b }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_paragraph("おわり")
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    section.page_width = docx.shared.Mm(210)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CONTEXT = {
    "name": "広島 花子",
    "show": True,
    "items": ["一", TRICKY],
    "rows": [{"a": "1", "b": "甲"}, {"a": "2", "b": TRICKY}],
    "org": "三原市 & 社協",
}


def texts(data: bytes) -> dict[str, list]:
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    return {
        "body": [p.text for p in document.paragraphs],
        "table": [[c.text for c in row.cells] for t in document.tables for row in t.rows],
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
    }


def strict_parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part, parsed without recovery (raises on anything malformed)."""
    parsed = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every entry's CRC checks out
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                parsed[name] = etree.fromstring(archive.read(name), etree.XMLParser(recover=False))
    return parsed


def test_same_text_as_plain_docxtpl_split_runs_rows_header_footer():
    source = split_run_template()
    ours = texts(CompiledTemplate(source).render(CONTEXT))
    reference = DocxTemplate(io.BytesIO(source))
    reference.render(CONTEXT, jinja_env=Environment(autoescape=True, undefined=StrictUndefined))
    buffer = io.BytesIO()
    reference.save(buffer)
    assert ours == texts(buffer.getvalue())
    assert ours["body"][0] == "宛先：広島 花子様"
    assert ours["table"] == [["1", "甲"], ["2", TRICKY]]
    assert ours["header"] == ["ヘッダー 三原市 & 社協"] and ours["footer"] == ["フッター 三原市 & 社協"]


def test_values_with_xml_characters_stay_intact_and_parts_parse_strictly():
    data = CompiledTemplate(split_run_template()).render(CONTEXT)
    assert "・" + TRICKY in texts(data)["body"]
    parts = strict_parts(data)
    assert "word/document.xml" in parts and "word/header1.xml" in parts
    joined = b"".join(etree.tostring(p) for p in parts.values()).decode()
    assert "{{" not in joined and "{%" not in joined


def test_unchanged_parts_are_copied_byte_for_byte():
    source = split_run_template()
    data = CompiledTemplate(source).render(CONTEXT)
    with zipfile.ZipFile(io.BytesIO(source)) as before, zipfile.ZipFile(io.BytesIO(data)) as after:
        # Every part in its order, but the template's thumbnail (a picture of the template).
        assert [n for n in before.namelist() if "thumbnail" not in n] == after.namelist()
        for name in ("word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
            assert before.read(name) == after.read(name)
        assert before.read("word/document.xml") != after.read("word/document.xml")


def test_one_compiled_template_renders_many_different_documents():
    compiled = CompiledTemplate(split_run_template())
    first = texts(compiled.render({**CONTEXT, "name": "一人目", "show": False}))
    second = texts(compiled.render({**CONTEXT, "name": "二人目"}))
    assert first["body"][0] == "宛先：一人目様" and "表示" not in first["body"]
    assert second["body"][0] == "宛先：二人目様" and "表示" in second["body"]


def test_combined_renders_every_document_with_section_breaks_in_one_file():
    compiled = CompiledTemplate(split_run_template(footer="共通 {{ org }}", header="共通"))
    shared = {k: v for k, v in CONTEXT.items() if k != "name"}
    data = compiled.render_combined(shared, [{"name": f"{i}番"} for i in range(1, 6)])
    document = docx.Document(io.BytesIO(data))
    starts = [p.text for p in document.paragraphs if p.text.startswith("宛先：")]
    assert starts == [f"宛先：{i}番様" for i in range(1, 6)]
    assert len(document.sections) == 5
    assert all(round(s.page_width.mm) == 210 for s in document.sections)
    assert len(document.tables) == 5
    strict_parts(data)


def test_combined_refuses_a_per_document_variable_in_the_shared_footer():
    compiled = CompiledTemplate(split_run_template(footer="{{ name }}"))
    with pytest.raises(TemplateError, match="フッター.*「name」") as caught:
        compiled.render_combined({k: v for k, v in CONTEXT.items() if k != "name"}, [{"name": "a"}])
    assert caught.value.code == "template-header-variable"


def one_paragraph(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_unknown_variable_is_named_with_the_template_in_japanese():
    compiled = CompiledTemplate(one_paragraph("{{ meeting.title }} {{ recipent.name }}"), name="通知.docx")
    with pytest.raises(TemplateError) as caught:
        compiled.render({"meeting": {"title": "x"}, "recipient": {}})
    assert caught.value.code == "template-unknown-variable"
    assert "「recipent」" in caught.value.message and "「通知.docx」" in caught.value.message


def test_unknown_attribute_is_named():
    compiled = CompiledTemplate(one_paragraph("{{ meeting.titel }}"), name="通知.docx")
    with pytest.raises(TemplateError, match="「titel」"):
        compiled.render({"meeting": {"title": "x"}})


@pytest.mark.parametrize(
    "text",
    [
        "{{ meeting.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ meeting['__init__'] }}",
        "{% include 'other.docx' %}",
        "{{ _private }}",
    ],
)
def test_templates_reaching_for_python_internals_are_refused_before_rendering(text):
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(one_paragraph(text), name="悪い.docx")
    assert caught.value.code == "template-unsafe"
    assert "安全でない" in caught.value.message


def test_sandbox_refuses_changing_data_at_render_time():
    compiled = CompiledTemplate(one_paragraph("{{ items.append('x') }}"))
    with pytest.raises(TemplateError) as caught:
        compiled.render({"items": []})
    assert caught.value.code == "template-unsafe"


def test_syntax_error_is_reported_in_japanese_with_nearby_text():
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(one_paragraph("開催日は {{ meeting.date } です"), name="通知.docx")
    assert caught.value.code == "template-syntax"
    assert "「通知.docx」" in caught.value.message and "開催日は" in caught.value.message


# A 1×1 GIF: a template with a picture is checked as a tree (its docPr ids are renumbered),
# one without by the faster well-formedness check; both must refuse a broken result.
ONE_PIXEL_GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@pytest.mark.parametrize("with_picture", [False, True])
def test_unbalanced_paragraph_tags_give_a_japanese_error_not_a_broken_file(with_picture):
    document = docx.Document()
    if with_picture:
        document.add_picture(io.BytesIO(ONE_PIXEL_GIF))
    # A paragraph-level "if" closed by a plain "endif" in the middle of another paragraph.
    document.add_paragraph("{%p if show %}")
    document.add_paragraph("表示")
    document.add_paragraph("{% endif %}後ろ")
    buffer = io.BytesIO()
    document.save(buffer)
    compiled = CompiledTemplate(buffer.getvalue())
    with pytest.raises(TemplateError) as caught:
        compiled.render({"show": False})
    assert caught.value.code == "template-output-invalid"


def test_not_a_docx_and_missing_file(tmp_path):
    with pytest.raises(TemplateError, match="開けません") as caught:
        CompiledTemplate(b"PK not really a zip", name="x.docx")
    assert caught.value.code == "template-unreadable"
    with pytest.raises(TemplateError, match="開けません"):
        load_template(tmp_path / "ない.docx", "notice.docx")


def test_bundled_templates_are_found_through_the_installed_package():
    folder = importlib.resources.files("mihara_sheets._templates")
    for name in ("notice.docx", "agenda.docx", "README.md"):
        assert folder.joinpath(name).is_file(), name
    assert {"recipient", "meeting", "notice_no", "agenda"} <= load_template(None, "notice.docx").variables
    assert {"reports", "rosters", "materials", "plenary"} <= load_template(None, "agenda.docx").variables


# -- any text a cell can hold comes out as text ------------------------------------------

NOTICE_LIKE = CompiledTemplate(one_paragraph("宛先：{{ name }}／場所：{{ place }}"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(max_size=40), place=st.text(alphabet=st.sampled_from("&<>\"'&amp;{}%#\r\n\t\x00\x0c\x07三原 ab"), max_size=30))
def test_any_cell_text_renders_intact_as_text(name, place):
    data = NOTICE_LIKE.render({"name": name, "place": place})
    strict_parts(data)
    text = "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    # python-docx reads a line break back as "\n" and a tab as "\t".
    assert text == f"宛先：{clean_values(name)}／場所：{clean_values(place)}"


def test_control_characters_are_dropped_and_line_ends_become_breaks():
    assert clean_values({"a": ["x\x00y\r\nz\x0c\x07\t"], "n": 3}) == {"a": ["xy\nz\t"], "n": 3}


def test_column_loops_resize_the_table_grid_as_docxtpl_does():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)  # {%tc %} tags in cells of their own
    for row, value in zip(table.rows, ("{{ h }}", "{{ h }}！")):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = "{%tc for h in heads %}", value, "{%tc endfor %}"
    buffer = io.BytesIO()
    document.save(buffer)
    context = {"heads": ["甲", "乙", "丙", "丁", "戊"]}  # five cells where the grid has three
    ours = CompiledTemplate(buffer.getvalue()).render(context)
    reference = DocxTemplate(io.BytesIO(buffer.getvalue()))
    reference.render(context, jinja_env=Environment(autoescape=True, undefined=StrictUndefined))
    theirs = io.BytesIO()
    reference.save(theirs)
    assert texts(ours)["table"] == texts(theirs.getvalue())["table"] == [list("甲乙丙丁戊"), [c + "！" for c in "甲乙丙丁戊"]]
    grid = strict_parts(ours)["word/document.xml"].findall(".//" + docx.oxml.ns.qn("w:gridCol"))
    assert len(grid) == 5
