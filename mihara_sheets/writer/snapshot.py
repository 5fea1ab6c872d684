"""The workbook as it is at write time, read the way the reader reads it.

:func:`~mihara_sheets.writer.edit_workbook` takes the file's bytes once, through one
handle, with their stat; the edit is made on those bytes and the file is replaced only if
its stamp has not moved since. Reading sheets from the same bytes (python-calamine, as
the reader does) lets a write-back find its row *in the file it is about to change*.
"""

from __future__ import annotations

import io
from typing import Iterable

from .errors import WriteRefused


def grids_of(data: bytes, file: str, names: Iterable[str]):  # noqa: ANN201 - list[Grid]
    """The grids (values from A1, merged areas) of the named worksheets in ``data``.

    Names are matched as Excel does (exactly, else ignoring case); a name the workbook
    does not hold is skipped. Raises :class:`WriteRefused` ``unsupported-workbook`` when
    python-calamine cannot read a sheet.
    """
    import python_calamine as calamine

    from ..sources.grid import Grid

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # the bytes already passed the writer's own checks
        raise WriteRefused("unsupported-workbook", file=file, detail=f"読み直せません: {type(exc).__name__}") from None
    try:
        available = [m.name for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
        grids = []
        for wanted in dict.fromkeys(names):
            name = next((n for n in available if n == wanted), None) or next(
                (n for n in available if n.casefold() == wanted.casefold()), None)
            if name is None:
                continue
            try:
                sheet = book.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            except Exception as exc:
                raise WriteRefused("unsupported-workbook", file=file, sheet=name,
                                   detail=f"シート「{name}」を読み直せません: {type(exc).__name__}") from None
            grids.append(Grid(file=file, sheet=name, rows=rows, merged=merged))
        return grids
    finally:
        book.close()


def sheet_names_of(data: bytes) -> list[str]:
    """The worksheet names of the workbook in ``data``, in tab order."""
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return [m.name for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
    finally:
        book.close()
