"""Grids from .xlsx / .xlsm files, read with python-calamine after safety checks.

The file is opened read-only and never written. Before any XML is parsed the file is
sniffed (is it a zip at all, an encrypted or legacy OLE2 file, a CSV with the wrong name?),
the zip's uncompressed sizes are capped (zip bombs), and XML parts declaring a DTD are
refused (entity expansion). Each failure becomes one coded problem naming the file.
"""

from __future__ import annotations

import os
import threading
import zipfile
import zlib
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

# One set of size caps for reading and writing (a ledger that reads can be written back).
from ..limits import MAX_RATIO, MAX_UNCOMPRESSED_TOTAL, RATIO_CHECK_FROM  # noqa: F401
from ..problems import make_problem
from .errors import SourceError, check_path, unreadable
from .extent import far_cells, needs_scan
from .parts import SheetPart, corrupt, damage_detail, read_part, sheet_parts
from .quiet import rust_panics_hidden
from .grid import Grid, PendingGrid

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


def sniff(path: Path, shown: str) -> None:
    """Refuse what is not an OOXML zip, with the most helpful reason we can tell."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise SourceError(unreadable(shown, exc)) from None
    if head.startswith(ZIP_MAGIC):
        return
    if head == OLE2_MAGIC:
        data = path.read_bytes()
        # An encrypted OOXML package is an OLE2 file with an EncryptionInfo stream; the
        # directory entry names are UTF-16LE.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise SourceError(make_problem("file-encrypted", file=shown))
        raise SourceError(make_problem("file-legacy-xls", file=shown))
    if _looks_like_text(path):
        raise SourceError(make_problem("file-renamed-csv", file=shown))
    raise SourceError(
        make_problem("file-not-excel", file=shown, detail="Excelのファイル形式ではありません")
    )


def _looks_like_text(path: Path) -> bool:
    sample = path.read_bytes()[:4096]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "," in text or "\t" in text
    return False


def check_package(path: Path, shown: str) -> dict[str, SheetPart]:
    """Check the zip's directory and XML parts before a parser sees them.

    Returns each sheet name's worksheet part (``xl/worksheets/sheet2.xml``, its size and
    first bytes); a package without its workbook part, or naming a sheet part it does not
    hold, is ``file-corrupt``.
    """
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNCOMPRESSED_TOTAL:
                raise SourceError(
                    make_problem("file-too-large", file=shown, detail=f"展開後 {total // 2**20:,} MB")
                )
            for info in infos:
                if info.file_size >= RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise SourceError(
                        make_problem(
                            "file-too-large",
                            file=shown,
                            detail=f"{info.filename} の圧縮率が異常です",
                        )
                    )
            names = {info.filename for info in infos}
            heads: dict[str, bytes] = {}
            if "[Content_Types].xml" not in names:
                raise SourceError(
                    make_problem("file-not-excel", file=shown, detail="Officeの文書ではないZIPファイルです")
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    try:
                        with package.open(info) as part:
                            head = part.read(4096)
                    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                        raise SourceError(corrupt(shown, damage_detail(exc, info.filename))) from None
                    if any(marker in head for marker in DTD_MARKERS):
                        raise SourceError(make_problem("file-unsafe-xml", file=shown))
                    heads[info.filename] = head
            other = _other_office_document(names)
            if other is not None:
                raise SourceError(make_problem("file-not-excel", file=shown, detail=f"{other}の文書です"))
            sizes = {info.filename: info.file_size for info in infos}
            return {name: SheetPart(part, sizes[part], heads.get(part, b""))
                    for name, part in sheet_parts(package, shown).items()}
    except PermissionError as exc:
        raise SourceError(unreadable(shown, exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise SourceError(corrupt(shown, damage_detail(exc))) from None


def _other_office_document(names: set[str]) -> str | None:
    """「Word」 or 「PowerPoint」 for a .docx / .pptx package (renamed to .xlsx), else ``None``."""
    if "xl/workbook.xml" in names:
        return None
    if "word/document.xml" in names:
        return "Word"
    if "ppt/presentation.xml" in names:
        return "PowerPoint"
    return None


def open_xlsx(
    path: str | Path, shown: str | None = None, *, reading_order: Callable[[str], Any] | None = None,
) -> list[PendingGrid]:
    """Every worksheet as a grid whose cells a background thread is reading, in tab order.

    The file is checked and opened here (a file that cannot be opened raises
    :class:`SourceError` at once); the sheets are then parsed one after another in
    ``reading_order`` (a sort key on sheet names; default: tab order) while the caller goes
    on; a large workbook gets two readers, each taking the next sheet (on a single CPU the
    sheets are read here, before returning). python-calamine
    parses without holding the GIL, so the caller can already be working on the first
    sheet while the next ones are parsed. Reading a grid's ``rows`` waits for that sheet
    and raises :class:`SourceError` if it cannot be read.
    """
    import python_calamine as calamine

    path = Path(path)
    shown = shown or str(path)
    check_path(path, shown)
    sniff(path, shown)
    parts = check_package(path, shown)
    with calamine_errors(shown), rust_panics_hidden():
        book = calamine.CalamineWorkbook.from_path(str(path))
        try:
            names = [meta.name for meta in book.sheets_metadata if "WorkSheet" in str(meta.typ)]
            missing = next((name for name in names if name not in parts), None)
            if missing is not None:
                raise SourceError(corrupt(shown, f"シート「{missing}」のデータがありません"))
            two_readers = len(names) > 1 and path.stat().st_size >= TWO_READERS_FROM_BYTES
        except BaseException:
            book.close()
            raise
    order = sorted(range(len(names)), key=lambda i: reading_order(names[i])) if reading_order else range(len(names))
    pending: list[Future[Grid]] = [Future() for _ in names]
    queue = iter(list(order))  # shared by the readers: next() on it is one C call under the GIL
    if _usable_cpus() == 1:  # a thread would only take turns with the caller: read now
        _take_sheets(lambda: book, names, queue, pending, shown, path, parts)
    else:
        openers = [lambda: book]
        if two_readers:
            # A calamine workbook serves one thread at a time: the second reader opens its own.
            openers.append(lambda: calamine.CalamineWorkbook.from_path(str(path)))
        for number, opener in enumerate(openers, start=1):
            threading.Thread(
                target=_take_sheets, args=(opener, names, queue, pending, shown, path, parts),
                name=f"mihara-sheets-reader-{number}",
            ).start()
    return [PendingGrid(shown, names[i], pending[i]) for i in range(len(names))]


# Below this size a second reader (a second open of the file, on the other core) costs
# more than it saves.
TWO_READERS_FROM_BYTES = 512 * 1024


def _usable_cpus() -> int:
    """CPUs this process may run on (on a single CPU, background readers only cost time)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        return os.cpu_count() or 1


def _take_sheets(open_book: Callable[[], Any], names: list[str], queue: Iterator[int],
                 pending: list[Future[Grid]], shown: str, path: Path, parts: dict[str, SheetPart]) -> None:
    """One reader: takes the next sheet from the shared queue until none is left."""
    try:
        with rust_panics_hidden():
            book = open_book()
    except BaseException:  # the other reader, whose open already succeeded, reads them all
        return
    try:
        for index in queue:
            try:
                # Nothing but the result is left for after set_result: a reader still winding
                # down when load_ledger returns would leave its objects to the caller's collector.
                grid = _checked_sheet(book, names[index], shown, path, parts[names[index]])
            except BaseException as exc:  # handed to whoever reads the grid
                pending[index].set_exception(exc)
            else:
                pending[index].set_result(grid)
    finally:
        book.close()


def _checked_sheet(book: Any, name: str, shown: str, path: Path, sheet: SheetPart) -> Grid:
    """One sheet's grid, once its XML has shown that the cells' rectangle is safe to read."""
    if needs_scan(sheet.size, sheet.head):
        try:
            with zipfile.ZipFile(path) as package:
                xml = read_part(package, sheet.part, shown)
        except OSError as exc:  # the file went away or changed under the reader
            raise SourceError(unreadable(shown, exc)) from None
        except zipfile.BadZipFile as exc:
            raise SourceError(corrupt(shown, damage_detail(exc))) from None
        check_extent(xml, name, shown)
        del xml
    return _read_sheet(book, name, shown)


def check_extent(xml: bytes, sheet: str, shown: str) -> None:
    """Refuse a sheet whose far cells would make python-calamine allocate too large a
    rectangle (``sheet-extent-unsafe``, naming the cells to clear)."""
    found = far_cells(xml)
    if found is None:
        return
    cells = "、".join(found.cells) + (f" ほか{found.more}個" if found.more else "")
    raise SourceError(make_problem(
        "sheet-extent-unsafe", file=shown, sheet=sheet, cell=found.cells[0], detail=cells,
        block=found.block, memory=found.memory_text,
    ))


def _read_sheet(book: Any, name: str, shown: str) -> Grid:
    with calamine_errors(shown), rust_panics_hidden():
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return Grid(file=shown, sheet=name, rows=rows, merged=merged)


@contextmanager
def calamine_errors(shown: str) -> Iterator[None]:
    """python-calamine's errors as the coded problems staff see."""
    import python_calamine as calamine

    try:
        yield
    except calamine.PasswordError:
        raise SourceError(make_problem("file-encrypted", file=shown)) from None
    except calamine.XmlError as exc:
        if "entity" in str(exc).lower():
            raise SourceError(make_problem("file-unsafe-xml", file=shown)) from None
        raise SourceError(make_problem("file-corrupt", file=shown, detail=f"中のデータを読み取れません。詳細: {_short(exc)}")) from None
    except (calamine.ZipError, calamine.CalamineError) as exc:
        detail = f"中のデータを読み取れません。詳細: {_short(exc)}"
        raise SourceError(make_problem("file-corrupt", file=shown, detail=detail)) from None
    except BaseException as exc:
        # A panic inside calamine (e.g. a date cell holding a number no date can have)
        # reaches Python as pyo3's PanicException, a BaseException: the file's content is
        # what calamine cannot take.
        if type(exc).__name__ != "PanicException":
            raise
        detail = _short(exc)
        if "time" in detail.lower() or "date" in detail.lower():
            detail = f"日付の書式のセルに、日付にできない数値があります: {detail}"
        raise SourceError(make_problem("file-corrupt", file=shown, detail=detail)) from None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
