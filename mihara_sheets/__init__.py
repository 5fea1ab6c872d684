"""mihara_sheets: the paperwork of Mihara City's community network, from its Excel ledgers.

The public API, imported lazily so that ``import mihara_sheets`` stays cheap (a staff
member's button click pays for every import):

- :func:`load_ledger` reads ledgers (xlsx, xlsm, csv) into a :class:`Ledger` of typed
  records plus the problems found;
- :func:`ledger_from_frames` builds one from pandas DataFrames (``Ledger.frame`` gives
  them back), for scripts and notebooks;
- :func:`edit_workbook` writes values back into a staff workbook without losing anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "load_ledger": ("mihara_sheets.loading", "load_ledger"),
    "read_grids": ("mihara_sheets.loading", "read_grids"),
    "load_ledger_from_book": ("mihara_sheets.loading", "load_ledger_from_book"),
    "ledger_from_frames": ("mihara_sheets.ledger.load", "ledger_from_frames"),
    "Ledger": ("mihara_sheets.ledger.ledger", "Ledger"),
    "Problem": ("mihara_sheets.problems", "Problem"),
    "LedgerReadError": ("mihara_sheets.problems", "LedgerReadError"),
    "edit_workbook": ("mihara_sheets.writer", "edit_workbook"),
}

__all__ = sorted(_LAZY) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .ledger.ledger import Ledger
    from .ledger.load import ledger_from_frames
    from .loading import load_ledger, load_ledger_from_book, read_grids
    from .problems import LedgerReadError, Problem
    from .writer import edit_workbook


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'mihara_sheets' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value
