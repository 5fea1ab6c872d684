"""Grids from CSV exports (kintone, other systems): UTF-8 with or without BOM, or cp932.

One table per file; the file's name says which, anywhere in it ("会議.csv",
"名簿_kintone.csv", "委員名簿 (1).csv"). Problems name the file, as a sheet would be named.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from ..problems import make_problem
from .errors import SourceError, check_path
from .grid import Grid

ENCODINGS = ("utf-8-sig", "cp932")
# What a browser or Windows adds to a file saved twice: 「 (1)」, 「 - コピー」, 「のコピー」.
_COPY_MARK = re.compile(r"(\s*[-－]\s*コピー|\s*のコピー|\s*\(\d+\))+$")
_SEPARATORS = re.compile(r"[\s_\-－.()（）\[\]【】]+")


def table_names(stem: str) -> tuple[str, ...]:
    """The names a CSV's table may be known by: the stem without copy marks, then its words.

    「委員名簿 (1)」 → (委員名簿,); 「名簿_kintone」 → (名簿_kintone, 名簿, kintone).
    """
    clean = _COPY_MARK.sub("", unicodedata.normalize("NFKC", stem)).strip() or stem
    words = [w for w in _SEPARATORS.split(clean) if w and not w.isdigit()]
    return tuple(dict.fromkeys([clean, *words]))


def decode(data: bytes) -> str | None:
    """The text of a CSV file, trying UTF-8 (with or without BOM) and then Shift_JIS."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(path: str | Path, shown: str | None = None) -> list[Grid]:
    """A CSV file as a single :class:`Grid` named after the file, knowing its table's names."""
    path = Path(path)
    shown = shown or str(path)
    check_path(path, shown)
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise SourceError(make_problem("file-not-excel", file=shown, detail="テキストのCSVではありません"))
    text = decode(data)
    if text is None:
        raise SourceError(make_problem("csv-encoding", file=shown))
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:  # e.g. a field past the csv module's limit (131,072 characters)
        detail = "1つの項目が長すぎます（131,072文字まで）" if "field larger" in str(exc) else f"CSV: {exc}"
        raise SourceError(make_problem("file-corrupt", file=shown, detail=detail)) from None
    # Rectangular, as a workbook's sheet is: an empty line or a short row gets "" cells.
    width = max(map(len, rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return [Grid(file=shown, sheet=path.name, rows=rows, names=table_names(path.stem))]
