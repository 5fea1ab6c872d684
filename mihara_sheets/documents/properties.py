"""Document properties of every .docx we make: title, author, created = modified = now.

A template carries the properties of whoever saved it last (a date years ago, the program
「Microsoft Macintosh Word」, a thumbnail of an empty page). Each rendered document gets its
own instead: ``docProps/core.xml`` with the document's title, the author (設定 担当課) and
the time it was made; ``docProps/app.xml`` naming this library; and no thumbnail (a picture
of the template would not show the document). Pure functions over XML bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple
from xml.sax.saxutils import escape

APPLICATION = "mihara_sheets"
THUMBNAIL_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


class DocProperties(NamedTuple):
    """What a rendered document says about itself (File › Properties)."""

    title: str = ""
    author: str = ""
    subject: str = ""


def w3cdtf(moment: dt.datetime) -> str:
    """A time as core.xml writes it: UTC, seconds, a trailing Z."""
    m = moment.astimezone(dt.timezone.utc)
    # f-string, not strftime: a batch of 500 notices calls this 500 times.
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"


def core_xml(props: DocProperties, *, template_title: str = "", now: dt.datetime | None = None) -> bytes:
    """A fresh ``docProps/core.xml``: the title (else the template's), author, now."""
    stamp = w3cdtf(now or dt.datetime.now(dt.timezone.utc))
    return _core_xml(props.title or template_title, props.author, props.subject, stamp)


@functools.lru_cache(maxsize=64)
def _core_xml(title: str, author: str, subject: str, stamp: str) -> bytes:
    # Cached: every document of a batch made within one second has the same core.xml.
    title, author = escape(title), escape(author)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<dc:language>ja-JP</dc:language></cp:coreProperties>"
    ).encode("utf-8")


@functools.lru_cache(maxsize=64)  # the same for every document of a batch
def app_xml(props: DocProperties) -> bytes:
    """A plain ``docProps/app.xml``: this library as the program, the author's office as company."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(props.author)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode("utf-8")


def template_title(core: bytes) -> str:
    """The title a template's own core.xml gives (開催通知), or ""."""
    found = re.search(rb"<dc:title>([^<]*)</dc:title>", core)
    if not found:
        return ""
    from xml.sax.saxutils import unescape

    return unescape(found.group(1).decode("utf-8", "replace"))


def without_thumbnail(rels: bytes) -> tuple[bytes, list[str]]:
    """The package's ``_rels/.rels`` without its thumbnail relationship, and the parts it named."""
    text = rels.decode("utf-8")
    targets: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if THUMBNAIL_TYPE in match.group(0):
            target = re.search(r'Target="([^"]+)"', match.group(0))
            if target:
                targets.append(target.group(1).lstrip("/"))
            return ""
        return match.group(0)

    cleaned = re.sub(r"<Relationship\b[^>]*/>", drop, text)
    return cleaned.encode("utf-8"), targets
