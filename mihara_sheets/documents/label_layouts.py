"""Label sheets the office buys: their size, grid and where the grid sits on A4 (data only).

Every length is in millimetres and is turned into twips (1/1440 inch, Word's unit) once,
by :func:`twips`. The sheets have no gaps between labels, so the pitch is the label size
and the grid is centred on the page: the margins are what A4 (210 × 297 mm) leaves around
``columns × width`` by ``rows × height``, split equally.

- ``A4-12``: 12 labels, 86.4 × 42.3 mm, 2 × 6 — エーワン 72212 and sheets sold as its equal
  (「A4判 12面 86.4×42.3mm」). Side margins (210 − 2 × 86.4) / 2 = 18.6 mm, top and bottom
  (297 − 6 × 42.3) / 2 = 21.6 mm.
- ``A4-24``: 24 labels, 66 × 33.9 mm, 3 × 8 (「A4判 24面 66×33.9mm」). Side margins
  (210 − 3 × 66) / 2 = 6 mm, top and bottom (297 − 8 × 33.9) / 2 = 12.9 mm.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    """``mm`` millimetres in whole twips (Word stores page and table sizes in twips)."""
    return round(mm * TWIPS_PER_MM)


@dataclass(frozen=True)
class LabelLayout:
    """One label sheet: ``columns × rows`` labels of ``width × height`` mm, no gaps."""

    name: str
    title: str  # for staff (Japanese)
    columns: int
    rows: int
    width: float  # mm
    height: float  # mm
    name_pt: float  # 氏名
    address_pt: float  # 住所
    small_pt: float  # 〒, 所属
    inset: float  # mm between a label's edge and its text (left and right)

    @property
    def per_page(self) -> int:
        """Labels on one sheet."""
        return self.columns * self.rows

    @property
    def side_margin(self) -> float:
        """Left (= right) page margin in mm: what A4 leaves beside the grid, halved."""
        return (PAGE_WIDTH_MM - self.columns * self.width) / 2

    @property
    def top_margin(self) -> float:
        """Top (= bottom) page margin in mm: what A4 leaves above and below the grid, halved."""
        return (PAGE_HEIGHT_MM - self.rows * self.height) / 2


LAYOUTS: dict[str, LabelLayout] = {
    "A4-12": LabelLayout("A4-12", "A4判12面・86.4×42.3mm", 2, 6, 86.4, 42.3,
                         name_pt=13, address_pt=10.5, small_pt=9, inset=5),
    "A4-24": LabelLayout("A4-24", "A4判24面・66×33.9mm", 3, 8, 66.0, 33.9,
                         name_pt=10.5, address_pt=8.5, small_pt=7.5, inset=3.5),
}
DEFAULT_LAYOUT = "A4-12"
