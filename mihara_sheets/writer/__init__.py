"""Part-level writer: put values into staff workbooks without losing anything else.

Only the parts an edit needs are rewritten (the edited sheets, and when needed styles.xml,
workbook.xml, its relationships, [Content_Types].xml, docProps/app.xml, table parts); every
other part of the package is copied byte-identical. See docs/writer.md for the design.
"""

from __future__ import annotations

from .book import Book, edit_workbook
from .cells import Formula
from .errors import WriteRefused
from .saving import lock_holder, read_cells

__all__ = ["Book", "Formula", "WriteRefused", "edit_workbook", "lock_holder", "read_cells"]
