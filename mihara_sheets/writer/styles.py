"""styles.xml: read what a cell's style means, and append the few styles the writer needs.

Existing entries are never reordered or changed (every cell of the workbook points at
them by index); new ``xf``, ``numFmt``, ``font`` and ``fill`` entries are only appended.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .xmlutil import parse, q

# Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the ja-JP
# built-ins 27-36 and 50-58 that Japanese Excel uses for 和暦).
BUILTIN_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))

DATE_FORMAT = "yyyy/m/d"
DATETIME_FORMAT = "yyyy/m/d h:mm"
# Stored with the LCID form [$-411] (what Japanese Excel itself writes): Excel reads
# [$-ja-JP] too, but LibreOffice 7.4 shows a [$-ja-JP] date as a bare serial number.
WAREKI_FORMAT = '[$-411]ggge"年"m"月"d"日";@'
_BCP47_JA = "[$-ja-JP]"
YEN_FORMAT = "#,##0"
FORMAT_ALIASES = {"yen": YEN_FORMAT, "date": DATE_FORMAT, "wareki": WAREKI_FORMAT, "datetime": DATETIME_FORMAT}
BUILTIN_CODES = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_date_code(code: str) -> bool:
    """True when a custom number format shows a date or time."""
    stripped = _QUOTED.sub("", code.split(";")[0]).lower()
    return bool(re.search(r"[ymdhsge]", stripped)) and "general" not in stripped


class Styles:
    """The workbook's styles part, parsed on first use."""

    def __init__(self, data: bytes | None, part: str | None) -> None:
        self.part = part
        self.changed = False
        self._original = data
        self._tree = parse(data, part) if data is not None else None
        self._cache: dict[tuple, int] = {}
        self._xf_list: list[etree._Element] = []
        if self._tree is not None:
            root = self._tree.getroot()
            self._xfs = root.find(q("cellXfs"))
            if self._xfs is not None:
                self._xf_list = self._xfs.findall(q("xf"))
            numfmts = root.find(q("numFmts"))
            self._codes = {}
            if numfmts is not None:
                for nf in numfmts.findall(q("numFmt")):
                    self._codes[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
        else:
            self._xfs = None
            self._codes = {}

    @property
    def available(self) -> bool:
        """False when the workbook has no styles part (new styles cannot be added)."""
        return self._tree is not None and self._xfs is not None

    def bytes(self) -> bytes:
        """The serialised styles part (call only when ``changed``)."""
        from .xmlutil import serialize

        return serialize(self._tree, self._original)

    def _xf(self, index: int) -> etree._Element | None:
        return self._xf_list[index] if 0 <= index < len(self._xf_list) else None

    def num_fmt_id(self, index: int) -> int:
        """The number format id of cell style ``index`` (0 when unknown)."""
        xf = self._xf(index)
        return int(xf.get("numFmtId", "0")) if xf is not None else 0

    def is_date(self, index: int) -> bool:
        """True when cell style ``index`` shows numbers as dates."""
        nid = self.num_fmt_id(index)
        if nid in BUILTIN_DATE_IDS:
            return True
        code = self._codes.get(nid)
        return bool(code) and is_date_code(code)

    def locked(self, index: int) -> bool:
        """True when cell style ``index`` is locked (Excel's default) under sheet protection."""
        xf = self._xf(index)
        if xf is None:
            return True
        prot = xf.find(q("protection"))
        if prot is None:
            return True
        return prot.get("locked", "1").lower() not in ("0", "false")

    # -- appending -------------------------------------------------------------------
    def num_fmt(self, code: str) -> int:
        """The id of number format ``code``, appending a custom numFmt when needed."""
        code = FORMAT_ALIASES.get(code, code)
        if code.startswith(_BCP47_JA):
            code = "[$-411]" + code[len(_BCP47_JA):]
        if code in BUILTIN_CODES:
            return BUILTIN_CODES[code]
        for nid, existing in self._codes.items():
            if existing == code:
                return nid
        root = self._tree.getroot()
        numfmts = root.find(q("numFmts"))
        if numfmts is None:
            numfmts = etree.Element(q("numFmts"))
            root.insert(0, numfmts)
        nid = max([163, *self._codes]) + 1
        el = etree.SubElement(numfmts, q("numFmt"))
        el.set("numFmtId", str(nid))
        el.set("formatCode", code)
        numfmts.set("count", str(len(numfmts.findall(q("numFmt")))))
        self._codes[nid] = code
        self.changed = True
        return nid

    def _append_xf(self, xf: etree._Element) -> int:
        self._xfs.append(xf)
        self._xf_list.append(xf)
        count = len(self._xf_list)
        self._xfs.set("count", str(count))
        self.changed = True
        return count - 1

    def with_num_fmt(self, index: int, code: str) -> int:
        """A style like ``index`` but with number format ``code`` (reused when it exists)."""
        key = ("numfmt", index, code)
        if key in self._cache:
            return self._cache[key]
        nid = self.num_fmt(code)
        base = self._xf(index)
        if base is not None and int(base.get("numFmtId", "0")) == nid:
            self._cache[key] = index
            return index
        xf = copy.deepcopy(base) if base is not None else etree.Element(q("xf"))
        xf.tail = None
        xf.set("numFmtId", str(nid))
        xf.set("applyNumberFormat", "1")
        for attr, default in (("fontId", "0"), ("fillId", "0"), ("borderId", "0")):
            xf.set(attr, xf.get(attr, default))
        result = self._append_xf(xf)
        self._cache[key] = result
        return result

    def _append_to(self, tag: str, element: etree._Element) -> int:
        root = self._tree.getroot()
        container = root.find(q(tag))
        if container is None:
            raise ValueError(f"styles.xml has no <{tag}>")
        container.append(element)
        count = len(container)
        container.set("count", str(count))
        self.changed = True
        return count - 1

    def header_style(self) -> int:
        """A bold, lightly shaded style for header rows of generated sheets."""
        if "header" in self._cache:
            return self._cache["header"]
        font = etree.Element(q("font"))
        etree.SubElement(font, q("b"))
        etree.SubElement(font, q("sz")).set("val", "11")
        etree.SubElement(font, q("name")).set("val", "游ゴシック")
        etree.SubElement(font, q("family")).set("val", "3")
        etree.SubElement(font, q("charset")).set("val", "128")
        font_id = self._append_to("fonts", font)
        fill = etree.Element(q("fill"))
        pattern = etree.SubElement(fill, q("patternFill"))
        pattern.set("patternType", "solid")
        etree.SubElement(pattern, q("fgColor")).set("rgb", "FFD9E1F2")
        etree.SubElement(pattern, q("bgColor")).set("indexed", "64")
        fill_id = self._append_to("fills", fill)
        xf = etree.Element(q("xf"))
        for attr, val in (("numFmtId", "0"), ("fontId", str(font_id)), ("fillId", str(fill_id)),
                          ("borderId", "0"), ("xfId", "0"), ("applyFont", "1"), ("applyFill", "1")):
            xf.set(attr, val)
        result = self._append_xf(xf)
        self._cache["header"] = result
        return result

    def _thin_border(self) -> int:
        """The id of an appended thin border on all four sides (made once)."""
        if "thin-border" in self._cache:
            return self._cache["thin-border"]
        border = etree.Element(q("border"))
        for side in ("left", "right", "top", "bottom"):
            edge = etree.SubElement(border, q(side))
            edge.set("style", "thin")
            etree.SubElement(edge, q("color")).set("auto", "1")
        etree.SubElement(border, q("diagonal"))
        result = self._append_to("borders", border)
        self._cache["thin-border"] = result
        return result

    def with_border(self, index: int) -> int:
        """A style like ``index`` with a thin border all round (table cells of generated sheets)."""
        key = ("border", index)
        if key in self._cache:
            return self._cache[key]
        border_id = self._thin_border()
        base = self._xf(index)
        xf = copy.deepcopy(base) if base is not None else etree.Element(q("xf"))
        xf.tail = None
        for attr, default in (("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("xfId", "0")):
            xf.set(attr, xf.get(attr, default))
        xf.set("borderId", str(border_id))
        xf.set("applyBorder", "1")
        result = self._append_xf(xf)
        self._cache[key] = result
        return result

    def title_style(self) -> int:
        """A bold 14 pt style for the title row of generated sheets."""
        if "title" in self._cache:
            return self._cache["title"]
        font = etree.Element(q("font"))
        etree.SubElement(font, q("b"))
        etree.SubElement(font, q("sz")).set("val", "14")
        etree.SubElement(font, q("name")).set("val", "游ゴシック")
        etree.SubElement(font, q("family")).set("val", "3")
        etree.SubElement(font, q("charset")).set("val", "128")
        font_id = self._append_to("fonts", font)
        xf = etree.Element(q("xf"))
        for attr, val in (("numFmtId", "0"), ("fontId", str(font_id)), ("fillId", "0"),
                          ("borderId", "0"), ("xfId", "0"), ("applyFont", "1")):
            xf.set(attr, val)
        result = self._append_xf(xf)
        self._cache["title"] = result
        return result
