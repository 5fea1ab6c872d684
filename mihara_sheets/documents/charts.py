"""Charts for the Word reports, drawn with matplotlib (PNG bytes), and put into a document.

matplotlib is imported only when a chart is drawn (it takes a second to import), with its
non-interactive Agg backend; Japanese labels need a Japanese font, taken from the first of
:data:`JAPANESE_FONTS` the machine has (IPAex on Linux, Yu Gothic / Meiryo / MS Gothic on
Windows). A report whose template has the chart's marker paragraph gets the picture there.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

JAPANESE_FONTS = ("IPAexGothic", "Yu Gothic", "Meiryo", "MS Gothic", "Noto Sans CJK JP", "IPAGothic",
                  "Hiragino Sans", "TakaoGothic")
#: Bar colours: the members' overlap and the organisations' (the workbook's heat-map reds).
MEMBER_COLOUR, ORGANIZATION_COLOUR = "#C00000", "#F4B183"


@dataclass(frozen=True)
class OverlapBar:
    """One pair of councils in the overlap chart: its label and both overlaps (0–1)."""

    label: str
    member: float
    organization: float


def overlap_chart(bars: Sequence[OverlapBar]) -> bytes:
    """A horizontal bar chart (PNG) of each pair's member and organisation overlap, in order.

    No title: the report's heading above the picture says what it shows.
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    have = {f.name for f in font_manager.fontManager.ttflist}
    font = next((name for name in JAPANESE_FONTS if name in have), None)
    rc = {"font.family": [font, "sans-serif"] if font else ["sans-serif"], "font.size": 9,
          "svg.hashsalt": "mihara", "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        height = 1.3 + 0.55 * max(len(bars), 1)
        figure = Figure(figsize=(6.3, height), dpi=150)
        axes = figure.add_subplot()
        positions = range(len(bars))
        axes.barh([p - 0.2 for p in positions], [b.member * 100 for b in bars], height=0.4,
                  color=MEMBER_COLOUR, label="委員の重なり")
        axes.barh([p + 0.2 for p in positions], [b.organization * 100 for b in bars], height=0.4,
                  color=ORGANIZATION_COLOUR, label="団体の重なり")
        axes.set_yticks(list(positions), [b.label for b in bars])
        axes.invert_yaxis()  # the largest overlap on top
        widest = max((max(b.member, b.organization) for b in bars), default=0.0) * 100
        axes.set_xlim(0, min(100, (int(widest // 10) + 2) * 10))  # room to read small overlaps
        axes.set_xlabel("重なり（%）＝共通の委員（団体）÷どちらかの委員（団体）")
        axes.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def charts_available() -> bool:
    """True when matplotlib can be imported (the reports then carry their charts)."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def put_picture(document: bytes, marker: str, picture: bytes | None, *, width_mm: float) -> bytes:
    """``document`` with the paragraph whose whole text is ``marker`` holding ``picture``.

    Without a picture (no matplotlib, nothing to draw) the paragraph is removed; a document
    without the marker (a staff template that dropped it) comes back unchanged.
    """
    import docx
    from docx.shared import Mm

    parsed = docx.Document(io.BytesIO(document))
    found = [p for p in parsed.paragraphs if p.text.strip() == marker]
    if not found:
        return document
    for paragraph in found:
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        if picture is None:
            paragraph._p.getparent().remove(paragraph._p)
        else:
            paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(width_mm))
    out = io.BytesIO()
    parsed.save(out)
    return out.getvalue()
