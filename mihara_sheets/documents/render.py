"""Rendering .docx templates safely and fast.

docxtpl does two things per document that do not depend on the data: it cleans the
template's XML (joining tags Word split across runs, turning ``{%tr %}``/``{%p %}`` into
plain Jinja) and Jinja compiles the result. That is ≈80 % of its time per document.
:class:`CompiledTemplate` does both once, with docxtpl's own clean-up code, and then
renders each document by running the compiled template and writing the zip directly.

Every template runs in Jinja's sandbox with autoescape (so ``& < >`` and quotes in a value
come out intact instead of breaking the XML) and ``StrictUndefined`` (a misspelt variable is
an error, not an empty string). Before anything renders, a template is refused when it
names a variable the context lacks or reaches for Python internals (``__class__``...).
Rendering runs under the limits of :mod:`.limits` (sizes, loop steps, output, wall clock):
a template that would hang or fill memory stops with ``template-too-large`` or
``template-too-slow`` instead.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.parsers import expat

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from .errors import TemplateError
from .limits import DEFAULT_LIMITS, LimitedEnvironment, LimitExceeded, Limits, guard_loops, render_limited
from .properties import DocProperties, app_xml, core_xml, template_title, without_thumbnail

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
HEADER_FOOTER_URIS = (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI)
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
COMBINED_DOC = "_mihara_doc"
COMBINED_DOCS = "_mihara_docs"
_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WPNS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
# Characters XML 1.0 forbids, plus \a and \f that docxtpl would turn into paragraph and page
# breaks: a stray one typed or pasted into a cell must not break or reshape a notice.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Tags that make docxtpl resize table grids afterwards (cell loops and merges).
_TABLE_FIX_TAGS = re.compile(r"{%-?\s*(tc\s|colspan|hm\s*%|vm\s*%)")


def make_environment(limits: Limits = DEFAULT_LIMITS) -> LimitedEnvironment:
    """The Jinja environment every template runs in: sandboxed, autoescaped, strict, limited."""
    # Immutable: a template may not change the data (list.append, dict.update...) either.
    return LimitedEnvironment(autoescape=True, undefined=StrictUndefined, limits=limits)


def bundled_template(name: str) -> bytes:
    """The bytes of a template shipped with the package (``notice.docx``, ``agenda.docx``)."""
    from ..resources import template_path  # importlib.resources, with a source-tree fallback

    return template_path(name).read_bytes()


def load_template(source: str | Path | bytes | None, default: str) -> CompiledTemplate:
    """Compile a template: a path given by staff, raw bytes, or (None) the bundled ``default``."""
    if source is None:
        return CompiledTemplate(bundled_template(default), name=default)
    if isinstance(source, bytes):
        return CompiledTemplate(source, name=default)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError("template-unreadable", template=path, detail=exc.strerror or exc) from exc
    return CompiledTemplate(data, name=path.name)


class _Part:
    """One templated XML part of the package, cleaned by docxtpl and compiled once."""

    def __init__(self, zip_name: str, raw: str, label: str, env: SandboxedEnvironment, template_name: str, tpl: DocxTemplate):
        self.zip_name = zip_name
        self.label = label
        # Decided on the text before docxtpl's clean-up, which rewrites {%tc %} to {% %}.
        self.needs_table_fix = bool(_TABLE_FIX_TAGS.search(re.sub(r"<[^>]+>", "", raw)))
        source = _literal_delimiters(_mark_paragraphs(tpl.patch_xml(raw)))
        self.source = source
        self.ast = _parse(env, source, template_name, label)
        self.variables = meta.find_undeclared_variables(self.ast)
        self.template = env.from_string(guard_loops(env.parse(source)))
        self.static = not self.variables and "{%" not in source and "{{" not in source


class CompiledTemplate:
    """A .docx template parsed and compiled once, rendering many documents.

    ``render(context)`` gives the bytes of one .docx; ``render_combined(shared, documents)``
    gives one .docx with every document in a single Jinja pass, a section break (new page)
    between them. Tags split across runs, ``{%p %}``/``{%tr %}``/``{%tc %}`` tags, headers,
    footers and footnotes are handled by docxtpl's own clean-up, exactly as in
    ``DocxTemplate.render``.
    """

    def __init__(self, data: bytes, *, name: str = "template.docx", env: SandboxedEnvironment | None = None,
                 limits: Limits = DEFAULT_LIMITS):
        self.name = name
        self.limits = limits
        self.env = env or make_environment(limits)
        try:
            self._entries = _read_zip(data)
            tpl = DocxTemplate(io.BytesIO(data))
            tpl.init_docx()
        except Exception as exc:  # python-docx raises several unrelated types for bad files
            raise TemplateError("template-unreadable", template=name,
                                detail=f"Wordの.docxファイルとして読めません: {type(exc).__name__}") from exc
        self._tpl = tpl
        document = tpl.docx.part
        body = tpl.xml_to_string(document.element)
        self.document = _Part(document.partname.lstrip("/"), body, "本文", self.env, name, tpl)
        self.parts: list[_Part] = []
        for uri in HEADER_FOOTER_URIS:
            label = "ヘッダー" if uri == DocxTemplate.HEADER_URI else "フッター"
            for _, part in tpl.get_headers_footers(uri):
                self.parts.append(_Part(part.partname.lstrip("/"), tpl.get_part_xml(part), label, self.env, name, tpl))
        for part in document.package.parts:
            if part.content_type == FOOTNOTES_TYPE:
                self.parts.append(_Part(part.partname.lstrip("/"), part.blob.decode("utf-8"), "脚注", self.env, name, tpl))
        core = self._original("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in self._entries else ""
        if "{{" in core or "{%" in core:
            self.parts.append(_Part("docProps/core.xml", core, "文書のプロパティ", self.env, name, tpl))
        self._combined: dict[tuple[str, ...], Any] = {}
        # Every document gets its own properties, never the template's (see properties.py).
        self._title = template_title(core.encode("utf-8"))
        self._dropped: set[str] = set()
        self._rels: bytes | None = None
        if "_rels/.rels" in self._entries:
            rels, thumbnails = without_thumbnail(self._original("_rels/.rels"))
            if thumbnails:
                self._rels = rels
                self._dropped = {t for t in thumbnails if t in self._entries}

    def _with_properties(self, rendered: dict[str, bytes], props: DocProperties | None) -> dict[str, bytes]:
        """``rendered`` plus fresh core.xml / app.xml (and .rels without the thumbnail)."""
        props = props or DocProperties()
        title = self._title
        if "docProps/core.xml" in rendered:  # a template with {{ }} in its properties
            title = template_title(rendered["docProps/core.xml"]) or title
        rendered["docProps/core.xml"] = core_xml(props, template_title=title)
        if "docProps/app.xml" in self._entries:
            rendered["docProps/app.xml"] = app_xml(props)
        if self._rels is not None:
            rendered["_rels/.rels"] = self._rels
        return rendered

    def _original(self, zip_name: str) -> bytes:
        entry = self._entries[zip_name]
        if entry.method == zipfile.ZIP_STORED:
            return entry.raw
        return zlib.decompress(entry.raw, -15)

    # -- what the template uses
    @property
    def variables(self) -> set[str]:
        """Top-level variable names the template uses (body, headers, footers, footnotes)."""
        found = set(self.document.variables)
        for part in self.parts:
            found |= part.variables
        return found

    def check_context(self, names: Iterable[str]) -> None:
        """Refuse the template when it uses a variable not among ``names`` (Japanese error)."""
        missing = sorted(self.variables - set(names))
        if missing:
            raise _unknown_variable(self.name, missing)

    # -- rendering
    def render(self, context: Mapping[str, Any], properties: DocProperties | None = None) -> bytes:
        """The .docx bytes of one document rendered from ``context``.

        ``properties`` (title, author) go into docProps/core.xml with created = modified =
        now; without them the template's title is kept and the author left empty.
        """
        self.check_context(context)
        context = clean_values(context)
        rendered = {}
        for part in [self.document, *self.parts]:
            if not part.static:  # untouched parts are copied still compressed
                rendered[part.zip_name] = self._render_part(part, context)
        return _write_zip(self._entries, self._with_properties(rendered, properties), self._dropped)

    def render_to(self, path: str | Path, context: Mapping[str, Any], properties: DocProperties | None = None) -> Path:
        """Render one document into ``path``; returns the path."""
        path = Path(path)
        path.write_bytes(self.render(context, properties))
        return path

    def render_combined(self, shared: Mapping[str, Any], documents: Sequence[Mapping[str, Any]],
                        properties: DocProperties | None = None) -> bytes:
        """One .docx holding every document, rendered in one pass, each from a new page.

        Each document's context is ``shared`` updated with its own mapping. Headers and
        footers are shared by all sections, so they are rendered from ``shared`` alone.
        """
        if not documents:
            raise ValueError("render_combined needs at least one document")
        keys = tuple(sorted(set().union(*(d.keys() for d in documents))))
        self.check_context(set(shared) | set(keys))
        template = self._combined.get(keys)
        if template is None:
            source = _combined_source(self.document.source, keys, self.name)
            template = self.env.from_string(guard_loops(self.env.parse(source)))
            self._combined[keys] = template
        shared = clean_values(shared)
        context = dict(shared)
        context[COMBINED_DOCS] = clean_values(list(documents))
        limits = self.limits.scaled(len(documents))
        rendered = {self.document.zip_name: self._finish(self._run(template, context, self.document, limits),
                                                         self.document)}
        for part in self.parts:
            per_document = sorted(part.variables & set(keys) - set(shared))
            if per_document:
                raise TemplateError("template-header-variable", template=self.name, part=part.label,
                                    name=per_document[0])
            if not part.static:
                rendered[part.zip_name] = self._render_part(part, shared)
        return _write_zip(self._entries, self._with_properties(rendered, properties), self._dropped)

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        if part.static:
            return self._original(part.zip_name)
        return self._finish(self._run(part.template, context, part), part)

    def _run(self, template, context: Mapping[str, Any], part: _Part, limits: Limits | None = None) -> str:
        limits = limits or self.limits
        try:
            return render_limited(self.env, template, context, limits)
        except UndefinedError as exc:
            raise _unknown_variable(self.name, [_undefined_name(str(exc))]) from exc
        except SecurityError as exc:
            raise _unsafe(self.name, str(exc)) from exc
        except LimitExceeded as exc:
            if exc.kind == "time":
                raise TemplateError("template-too-slow", template=self.name, part=part.label,
                                    seconds=f"{limits.seconds:g}") from exc
            raise TemplateError("template-too-large", template=self.name, part=part.label, what=exc.what) from exc
        except (MemoryError, OverflowError, RecursionError) as exc:  # past a limit no check foresaw
            what = "繰り返しの深さ" if isinstance(exc, RecursionError) else "数値・文字列の大きさ"
            raise TemplateError("template-too-large", template=self.name, part=part.label, what=what) from None
        except (JinjaTemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
            detail = f"{type(exc).__name__}: {str(exc)[:80]}"
            raise TemplateError("template-render-failed", template=self.name, part=part.label, detail=detail) from exc

    def _finish(self, xml: str, part: _Part) -> bytes:
        """docxtpl's post-processing of a rendered part, then a strict XML check."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        if any(c in xml for c in "\t\n\a\f"):  # only values with tabs/line breaks need it
            xml = self._tpl.resolve_listing(xml)
        data = xml.encode("utf-8")
        if not part.needs_table_fix and b"docPr" not in data:
            # Nothing to change: check it is well-formed with expat, twice as fast as a tree.
            try:
                expat.ParserCreate(namespace_separator=" ").Parse(data, True)
            except expat.ExpatError as exc:
                raise TemplateError("template-output-invalid", template=self.name, part=part.label,
                                    detail=exc) from exc
            return XML_DECLARATION + data
        try:
            tree = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            raise TemplateError("template-output-invalid", template=self.name, part=part.label, detail=exc) from exc
        changed = False
        if part.needs_table_fix:
            tree = self._tpl.fix_tables(xml)
            changed = True
        doc_prs = tree.iter(f"{{{_WPNS}}}docPr")
        for number, element in enumerate(doc_prs, start=1001):
            element.set("id", str(number))  # ids copied by loops must stay unique
            changed = True
        if changed:
            return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        return XML_DECLARATION + xml.encode("utf-8")


# -- helpers -------------------------------------------------------------------------------
#: docxtpl's escapes for a literal delimiter typed in a template, and Jinja's own way to print one.
_LITERAL_DELIMITERS = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}


def _literal_delimiters(source: str) -> str:
    """Turn docxtpl's ``{_{`` escapes into Jinja expressions in the template source.

    docxtpl un-escapes them in the rendered output instead, which also changes a cell value
    that happens to contain ``{_{``; doing it at compile time leaves values alone.
    """
    return re.sub(r"\{_\{|\}_\}|\{_%|%_\}", lambda m: _LITERAL_DELIMITERS[m.group(0)], source)


def clean_values(value: Any) -> Any:
    """``value`` with every string made safe for a Word paragraph.

    Line ends become ``\n`` (a line break in Word); characters XML cannot hold and the
    control characters docxtpl reads as paragraph or page breaks are dropped.
    """
    if isinstance(value, str):
        return _BAD_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, Mapping):
        return {k: clean_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_values(v) for v in value]
    return value


def _mark_paragraphs(xml: str) -> str:
    # docxtpl puts each paragraph on its own line so Jinja's line numbers point somewhere.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _parse(env: SandboxedEnvironment, source: str, template_name: str, label: str) -> nodes.Template:
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        near = _text_near(source, exc.lineno)
        raise TemplateError("template-syntax", template=template_name, part=label, detail=exc.message,
                            near=near) from exc
    _refuse_internals(ast, template_name)
    return ast


def _refuse_internals(ast: nodes.Template, template_name: str) -> None:
    """Refuse templates that reach for Python internals or other files, before rendering."""
    for node in ast.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        raise _unsafe(template_name, type(node).__name__.lower())
    for node in ast.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            raise _unsafe(template_name, node.attr)
    for node in ast.find_all(nodes.Getitem):
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) and node.arg.value.startswith("_"):
            raise _unsafe(template_name, node.arg.value)
    for node in ast.find_all(nodes.Name):
        if node.name.startswith("_"):
            raise _unsafe(template_name, node.name)


def _unsafe(template_name: str, what: str) -> TemplateError:
    return TemplateError("template-unsafe", template=template_name, what=what)


def _unknown_variable(template_name: str, names: list[str]) -> TemplateError:
    return TemplateError("template-unknown-variable", template=template_name, names="」「".join(names))


def _undefined_name(message: str) -> str:
    match = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return match.group(1) if match else message


def _text_near(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", "".join(lines[max(lineno - 2, 0) : lineno + 1]))
    return text.strip()[:80]


def _combined_source(source: str, keys: Sequence[str], template_name: str = "") -> str:
    """The document's source with its body looped over every document, section breaks between.

    Each document's first unconditional paragraph carries a bookmark ``MiharaDocN`` (N from
    1), which LibreOffice exports as a PDF destination: the page each document starts on,
    used to split the combined PDF (:mod:`.pdf`). Every section restarts page numbers at 1,
    so a PAGE field reads the same in the combined file as in a recipient's own.
    """
    body_open = re.search(r"<w:body(?:\s[^>]*)?>", source)
    sect_start = source.rfind("<w:sectPr")
    sect_end = source.find("</w:sectPr>", sect_start) + len("</w:sectPr>")
    if not body_open or sect_start < body_open.end():
        raise TemplateError("template-unreadable", template=template_name,
                            detail="本文に用紙の設定（セクション）がありません")
    bad = [k for k in keys if not k.isidentifier()]
    if bad:
        raise ValueError(f"context keys must be identifiers: {bad}")
    assignments = ", ".join(f"{k}={COMBINED_DOC}[{k!r}]" for k in keys)
    sect_pr = _restart_page_numbers(source[sect_start:sect_end])
    section_break = "<w:p><w:pPr>" + sect_pr + "</w:pPr></w:p>"
    body = _bookmark_first_paragraph(source[body_open.end() : sect_start])
    return (
        source[: body_open.end()]
        + f"{{% for {COMBINED_DOC} in {COMBINED_DOCS} %}}{{% with {assignments} %}}"
        + body
        + f"{{% endwith %}}{{% if not loop.last %}}{section_break}{{% endif %}}{{% endfor %}}"
        + sect_pr
        + source[sect_end:]
    )


BOOKMARK_PREFIX = "MiharaDoc"
_BOOKMARK = (f'<w:bookmarkStart w:id="{{{{ 900000 + loop.index }}}}" w:name="{BOOKMARK_PREFIX}{{{{ loop.index }}}}"/>'
             '<w:bookmarkEnd w:id="{{ 900000 + loop.index }}"/>')
_BLOCK_TAG = re.compile(r"{%-?\s*(end)?(for|if|with|macro|call|filter|raw|autoescape)\b")
_PARAGRAPH = re.compile(r"<w:p(?:\s[^>]*?)?(/?)>")


def _bookmark_first_paragraph(body: str) -> str:
    """``body`` with the bookmark in its first paragraph outside any {% if %}/{% for %} block."""
    depth, position = 0, 0
    tags = [(m.start(), -1 if m.group(1) else 1) for m in _BLOCK_TAG.finditer(body)]
    for paragraph in _PARAGRAPH.finditer(body):
        while position < len(tags) and tags[position][0] < paragraph.start():
            depth += tags[position][1]
            position += 1
        if depth != 0:
            continue
        if paragraph.group(1):  # <w:p/>: an empty paragraph
            return body[: paragraph.start()] + paragraph.group(0)[:-2] + ">" + _BOOKMARK + "</w:p>" + body[paragraph.end():]
        at = paragraph.end()
        properties = re.match(r"<w:pPr>.*?</w:pPr>|<w:pPr/>", body[at:], re.DOTALL)
        if properties:
            at += properties.end()
        return body[:at] + _BOOKMARK + body[at:]
    return body  # no such paragraph: the PDF is then made file by file


_AFTER_PG_NUM = re.compile(r"<w:(cols|formProt|vAlign|noEndnote|titlePg|textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b|</w:sectPr>")


def _restart_page_numbers(sect_pr: str) -> str:
    """A ``w:sectPr`` whose page numbers start at 1 (schema order: before ``w:cols``...)."""
    if "<w:pgNumType" in sect_pr:
        if "w:start=" in sect_pr[sect_pr.index("<w:pgNumType"):].split(">", 1)[0]:
            return sect_pr
        return sect_pr.replace("<w:pgNumType", '<w:pgNumType w:start="1"', 1)
    at = _AFTER_PG_NUM.search(sect_pr).start()
    return sect_pr[:at] + '<w:pgNumType w:start="1"/>' + sect_pr[at:]


# -- the package: unchanged parts are copied still compressed ------------------------------
# Re-deflating the ~15 unchanged parts of every document took more time than rendering it,
# so the template's compressed bytes are kept and written back as they are. The format is
# the plain ZIP of APPNOTE 4.3 (no zip64: a template is far below 4 GB).
class _Entry:
    __slots__ = ("name", "method", "crc", "size", "raw")

    def __init__(self, name: str, method: int, crc: int, size: int, raw: bytes):
        self.name, self.method, self.crc, self.size, self.raw = name, method, crc, size, raw


def _read_zip(data: bytes) -> dict[str, _Entry]:
    """Every entry of a zip with its compressed bytes, in archive order."""
    entries = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise zipfile.BadZipFile("encrypted entry")
            name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            raw = data[start : start + info.compress_size]
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raw, info.compress_type = archive.read(info), zipfile.ZIP_STORED
            entries[info.filename] = _Entry(info.filename, info.compress_type, info.CRC, info.file_size, raw)
    return entries


#: zlib level for rendered parts: level 1 deflates Word's XML ~3x faster than 6 for files a
#: few percent larger, and a batch of notices spends more time compressing than rendering.
RENDERED_LEVEL = 1


def _entry(name: str, data: bytes) -> _Entry:
    if len(data) <= SMALL_PART:
        return _small_entry(name, data)
    packer = zlib.compressobj(RENDERED_LEVEL, zlib.DEFLATED, -15)
    return _Entry(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


#: Parts up to this size (properties, relationships, most headers and footers) come out the
#: same for every document of a batch: packed once and reused.
SMALL_PART = 8192


@functools.lru_cache(maxsize=256)
def _small_entry(name: str, data: bytes) -> _Entry:
    packer = zlib.compressobj(RENDERED_LEVEL, zlib.DEFLATED, -15)
    return _Entry(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def _write_zip(entries: Mapping[str, _Entry], replaced: Mapping[str, bytes], dropped: Iterable[str] = ()) -> bytes:
    """A .docx: the template's entries in their order, rendered parts in place of theirs.

    Entries named in ``dropped`` (a template's thumbnail) are left out.
    """
    dropped = set(dropped)
    now = time.localtime()
    dos_time = (now.tm_hour << 11) | (now.tm_min << 5) | (now.tm_sec // 2)
    dos_date = ((max(now.tm_year, 1980) - 1980) << 9) | (now.tm_mon << 5) | now.tm_mday
    out, central = io.BytesIO(), io.BytesIO()
    count = 0
    for name, entry in entries.items():
        if name in dropped:
            continue
        if name in replaced:
            entry = _entry(name, replaced[name])
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # bit 11: the name is UTF-8
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, entry.method, dos_time, dos_date,
                              entry.crc, len(entry.raw), entry.size, len(encoded), 0))
        out.write(encoded)
        out.write(entry.raw)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, entry.method, dos_time,
                                  dos_date, entry.crc, len(entry.raw), entry.size, len(encoded), 0, 0, 0, 0, 0,
                                  offset))
        central.write(encoded)
        count += 1
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()
