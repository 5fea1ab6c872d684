"""Small XML helpers shared by the writer: a safe lxml parser and faithful serialisation.

lxml (not ElementTree) because ElementTree renames prefixes to ns0: and drops namespace
declarations only named in ``mc:Ignorable``, after which Excel calls the file corrupt.
"""

from __future__ import annotations

import re

from lxml import etree

from .errors import WriteRefused

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_blank_text=False
)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse(data: bytes, part: str) -> etree._ElementTree:
    """Parse one package part safely; a DTD/entity declaration or bad XML is a refusal."""
    if _DOCTYPE.search(data[:4096]) or b"<!ENTITY" in data:
        raise WriteRefused("unsupported-workbook", detail=f"{part} に安全でないXMLの記述があります")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise WriteRefused("unsupported-workbook", detail=f"{part} のXMLが壊れています: {exc}") from None
    return root.getroottree()


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
DEFAULT_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialize(tree: etree._ElementTree, original: bytes | None = None) -> bytes:
    """Serialise a tree as UTF-8, reusing the original part's XML declaration verbatim."""
    decl = DEFAULT_DECLARATION
    if original is not None:
        m = _DECLARATION.match(original)
        if m and re.search(rb"encoding=[\"'](?i:utf-8)[\"']", m.group()):
            decl = m.group()
        elif m is None:
            decl = b""
    return decl + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)


def q(tag: str, ns: str = MAIN_NS) -> str:
    """Clark notation for ``tag`` in ``ns``."""
    return f"{{{ns}}}{tag}"


def escape_attr(text: str) -> str:
    """Escape text for a double-quoted XML attribute."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def escape_text(text: str) -> str:
    """Escape text for XML character content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
