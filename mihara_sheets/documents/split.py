"""PDFs of many documents from ONE LibreOffice conversion of their combined file.

Converting 500 notices one file at a time costs LibreOffice ≈0.24 s a file plus a start-up
per call; the combined print file (every notice, each from a new page) converts in one go
much faster. The combined .docx carries a bookmark ``MiharaDocN`` in the first paragraph of
document N (:func:`~.render.CompiledTemplate.render_combined`); LibreOffice exports it as a
PDF destination, which names the page document N starts on. Document N's pages are then
``start[N] .. start[N+1]-1``, whatever its length: a notice that runs onto a third page for
one recipient is still cut right. When the destinations are not all there, in order, the
split is not trusted and each file is converted on its own instead (:func:`make_pdfs`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from .errors import DocumentError
from .pdf import convert_to_pdf, missing_error, pdf_path
from .render import BOOKMARK_PREFIX

def document_starts(reader: PdfReader, count: int) -> list[int] | None:
    """The 0-based first page of documents 1..``count``, or ``None`` when not all are known."""
    starts: dict[int, int] = {}
    for name, destination in reader.named_destinations.items():
        text = str(name).lstrip("/")
        match = re.fullmatch(rf"{BOOKMARK_PREFIX}(\d+)", text)
        if match:
            try:
                starts[int(match.group(1))] = reader.get_destination_page_number(destination)
            except Exception:  # a destination without a page: the split is not trusted
                return None
    pages = [starts.get(n) for n in range(1, count + 1)]
    if None in pages or pages[0] != 0 or any(b <= a for a, b in zip(pages, pages[1:])):
        return None
    if pages[-1] >= len(reader.pages):
        return None
    return pages  # type: ignore[return-value]


def split_pdf(combined: Path, targets: Sequence[Path]) -> tuple[list[Path], list[Path]] | None:
    """Write document N of ``combined`` to ``targets[N-1]``; (made, not writable), or ``None``.

    ``None`` when the combined PDF does not say where each document starts.
    """
    reader = PdfReader(combined)
    starts = document_starts(reader, len(targets))
    if starts is None:
        return None
    ends = starts[1:] + [len(reader.pages)]
    made, failed = [], []
    for target, first, end in zip(targets, starts, ends):
        writer = PdfWriter()
        for number in range(first, end):
            writer.add_page(reader.pages[number])
        partial = target.with_name(f".{target.stem}.tmp.pdf")
        try:  # a whole PDF or none: written aside, then put in place
            with open(partial, "wb") as handle:
                writer.write(handle)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)
            failed.append(target)
            continue
        made.append(target)
    return made, failed


def make_pdfs(files: Sequence[Path], combined: Path | None, out_dir: Path) -> tuple[list[Path], DocumentError | None]:
    """The PDF of every file in ``files`` (and of ``combined``) in ``out_dir``; (PDFs, error).

    With a combined file: one conversion of it, split by page; the files are converted one
    by one (in batches) only when the split cannot be trusted. The error is ``pdf-missing``
    naming every PDF not made, ``pdf-failed`` or ``pdf-unavailable``; the PDFs that were
    made are returned either way.
    """
    targets = [pdf_path(f, out_dir) for f in files]
    if combined is None or len(files) < 2:
        return _convert_each(list(files) + ([combined] if combined else []), out_dir)
    try:
        # ≈0.02 s a page here; the default timeout is for a few files, not 1,000 pages.
        combined_pdf = convert_to_pdf([combined], out_dir, bookmarks=True, timeout=120 + 0.5 * len(files))[0]
    except DocumentError as error:
        if error.code == "pdf-unavailable":
            return [], error
        return _convert_each(list(files) + [combined], out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    split = split_pdf(combined_pdf, targets)
    if split is None:
        made, error = _convert_each(list(files), out_dir)
        return made + [combined_pdf], error
    made, failed = split
    return made + [combined_pdf], (missing_error(failed) if failed else None)


def _convert_each(files: Sequence[Path], out_dir: Path) -> tuple[list[Path], DocumentError | None]:
    try:
        return convert_to_pdf(files, out_dir), None
    except DocumentError as error:
        return list(getattr(error, "made", [])), error
