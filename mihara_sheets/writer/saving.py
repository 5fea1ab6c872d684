"""Saving safely: lock files, temp file, fsync, verify, backup, atomic replace.

Order: write a temporary file in the ledger's own folder (same extension, never ``~$``),
fsync it, verify it (zip CRCs, untouched parts hash-identical to the original, changed XML
well-formed, written cells read back with python-calamine), copy the current file to the
backup folder, re-check the lock files and the ledger's mtime/size, then ``os.replace``
and fsync the folder. A crash at any point leaves the old file or the new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from xml.parsers import expat

from .cells import Formula, parse_ref
from .errors import WriteRefused
from .package import Package

BACKUP_DIR_NAME = "バックアップ"


# -- lock files ------------------------------------------------------------------------
@dataclass(frozen=True)
class FileStamp:
    """What the ledger looked like when it was opened (to notice a concurrent save)."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> "FileStamp":
        """Stamp the file as it is now."""
        return cls.of_stat(path.stat())

    @classmethod
    def of_stat(cls, st: os.stat_result) -> "FileStamp":
        """Stamp from a stat already taken (e.g. ``os.fstat`` of the handle the bytes came from)."""
        return cls(st.st_mtime_ns, st.st_size)


def file_mode(st: os.stat_result) -> int:
    """The permission bits a temporary copy or a backup of the file gets (never wider)."""
    return st.st_mode & 0o777


def check_writable(path: Path, st: os.stat_result) -> None:
    """Refuse a ledger marked read-only (no write bit, or no write access for us).

    The superuser may write anything, so the mode bits decide as well: staff mark a
    file read-only on purpose, and it is never replaced behind their back.
    """
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteRefused("file-read-only", file=path)


def _excel_owner(lock: Path) -> str | None:
    # Excel's ~$ owner file (165 bytes), as reverse-engineered by LibreOffice
    # (svl/source/misc/msodocumentlockfile.cxx): byte 0 = name length (<= 52), the name in
    # the Windows ANSI code page, 0x20 up to offset 55, then a 2-byte length and the same
    # name in UTF-16LE (Word puts it at offset 54). The UTF-16 copy needs no code page.
    try:
        raw = lock.read_bytes()[:256]
    except OSError:
        return None
    if not raw:
        return None
    # The UTF-16 copy first (it needs no code page), at Excel's offset, then Word's.
    for pos in (55, 54):
        n = int.from_bytes(raw[pos: pos + 2], "little")
        if 0 < n <= 52 and len(raw) >= pos + 2 + 2 * n:
            try:
                name = raw[pos + 2: pos + 2 + 2 * n].decode("utf-16-le").strip()
            except UnicodeDecodeError:
                continue
            if name and name.isprintable():
                return name
    if not 0 < raw[0] <= 52 or len(raw) < 1 + raw[0]:
        return None
    for enc in ("cp932", "cp1252"):
        try:
            name = raw[1: 1 + raw[0]].decode(enc).strip()
        except UnicodeDecodeError:
            continue
        if name and name.isprintable():
            return name
    return None


def _lock_fields(text: str) -> list[str]:
    """The fields of the first entry of a LibreOffice lock file.

    LibreOffice (svl/source/misc/lockfilecommon.cxx) writes one entry: fields separated by
    ``,``, the entry ended by ``;``, and ``\\`` escaping ``,`` ``;`` and ``\\`` inside a field.
    """
    fields: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            fields.append("".join(current))
            current = []
        elif ch == ";":
            break
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields


def _libreoffice_owner(lock: Path) -> str | None:
    # .~lock.name# holds: the user's name from LibreOffice's options (empty when never
    # set), the system user, the host, the date, the profile URL. The name, else the
    # system user: never the host (it is a machine, not a person).
    try:
        raw = lock.read_bytes()[:4096]
    except OSError:
        return None
    for enc in ("utf-8", "cp932"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", "replace")
    text = text.lstrip("\ufeff")
    fields = [f.strip() for f in _lock_fields(text)]
    for name in fields[:2]:
        if name and name.isprintable():
            return name
    return None


def lock_holder(path: Path) -> str | None:
    """Who holds ``path`` open according to Excel/LibreOffice lock files (None: nobody).

    The answer is worded for the refusal message, e.g. 「山田 花子さん（Excel）」.
    """
    folder, name = path.parent, path.name
    # Excel's owner file is "~$" + the full name (Word's habit of replacing the first two
    # characters of long names is not Excel's; matching it would blame the wrong file).
    lock = folder / ("~$" + name)
    if lock.is_file():
        owner = _excel_owner(lock)
        return f"{owner}さん（Excel）" if owner else "他の人（Excel）"
    lo = folder / f".~lock.{name}#"
    if lo.is_file():
        owner = _libreoffice_owner(lo)
        return f"{owner}さん（LibreOffice）" if owner else "他の人（LibreOffice）"
    return None


def check_not_locked(path: Path) -> None:
    """Refuse while Excel or LibreOffice has the ledger open."""
    holder = lock_holder(path)
    if holder:
        raise WriteRefused("file-locked", file=path, holder=holder)


# -- writing the package -----------------------------------------------------------------
def write_package(
    package: Package,
    target: Path,
    replaced: dict[str, bytes],
    removed: set[str],
    added: list[tuple[str, bytes]],
    mode: int = 0o600,
) -> None:
    """Write a new zip: every entry in its original order and compression, changes applied.

    The file is created with ``mode`` (the ledger's permission bits) before its first byte.
    """
    infos = [i for i in package.infos if i.filename not in removed]
    infos.sort(key=lambda i: i.filename != "[Content_Types].xml")  # stable: only moves it first
    with create_private(target, mode) as fh:
        with zipfile.ZipFile(fh, "w", allowZip64=True) as out:
            for info in infos:
                data = replaced.get(info.filename)
                if data is None:
                    data = package.read(info.filename)
                new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                new.compress_type = info.compress_type
                new.external_attr = info.external_attr
                new.create_system = info.create_system
                out.writestr(new, data)
            for name, data in added:
                new = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
                new.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(new, data)
        fh.flush()
        os.fsync(fh.fileno())


def create_private(target: Path, mode: int):  # noqa: ANN201 - a binary file object
    """Create ``target`` (which must not exist) with exactly ``mode``, before any byte is written.

    ``os.open`` applies the umask, which can only narrow; ``fchmod`` then sets the bits
    exactly (a copy is never more readable than the ledger, nor less usable by its owner).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, mode & 0o777)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode & 0o777)
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


def temp_path_for(path: Path) -> Path:
    """A fresh temporary name beside ``path`` with the same extension (never ``~$``)."""
    return path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(path.stem) + r"\.[0-9a-f]{8}\.tmp" + re.escape(path.suffix) + "$")


def _backup_temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(path.stem) + r"_\d{8}-\d{6}-\d{6}" + re.escape(path.suffix) + r"\.tmp$")


def sweep_leftovers(path: Path, backup_folder: Path | None = None) -> list[Path]:
    """Delete what a killed save left: our temporary copies beside ``path`` and half-made
    backups in ``backup_folder``, whatever their age. Returns the files removed.

    Only names of our own patterns (``.台帳.1a2b3c4d.tmp.xlsx``,
    ``バックアップ/.台帳_20261203-091500-000000.xlsx.tmp``) are touched; they hold a full
    copy of the ledger (names, addresses), so none is kept. A save in progress in another
    process loses its temporary file and fails safely (its ledger is left as it was).
    """
    removed: list[Path] = []
    for folder, pattern in ((path.parent, _temp_pattern(path)),
                            (backup_folder, _backup_temp_pattern(path))):
        if folder is None:
            continue
        try:
            candidates = [p for p in folder.iterdir() if pattern.match(p.name)]
        except OSError:
            continue
        for stale in candidates:
            try:
                if stale.is_file() and not stale.is_symlink():
                    stale.unlink()
                    removed.append(stale)
            except OSError:
                pass
    return removed


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed save left beside ``path`` (kept for old callers)."""
    sweep_leftovers(path)


# -- verification ------------------------------------------------------------------------
def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _expected(value: Any) -> Any:
    """What python-calamine returns for a value the writer stored."""
    if isinstance(value, Formula):
        return _expected(value.cached)
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        return float(value)
    return value


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return expected == got or abs(expected - got) <= 1e-9 * max(1.0, abs(expected))
    if isinstance(expected, dt.datetime) and isinstance(got, dt.datetime):
        return abs((expected - got).total_seconds()) < 0.001
    # The cell's existing format decides whether a reader sees a date or a date-time.
    if isinstance(expected, dt.datetime) and isinstance(got, dt.date) and not isinstance(got, dt.datetime):
        return expected.date() == got
    if isinstance(expected, dt.date) and not isinstance(expected, dt.datetime) and isinstance(got, dt.datetime):
        return dt.datetime.combine(expected, dt.time()) == got
    return type(expected) is type(got) and expected == got


def _check_well_formed(name: str, data: bytes) -> None:
    # expat builds no tree: ~10x faster than lxml on a 5 MB sheet. Entity declarations
    # were refused on the way in, and expat never fetches external ones.
    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise WriteRefused("verify-failed", detail=f"{name} のXMLが壊れています: {exc}") from None


def read_cells(path: str | os.PathLike, sheet: str, refs: Iterable[str]) -> dict[str, Any]:
    """Read cells back with python-calamine: {"B7": value} (empty cells are "").

    Numbers come back as float, dates as ``datetime.date``/``datetime.datetime``.
    """
    import python_calamine

    refs = list(refs)
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        positions = {ref: parse_ref(ref, sheet) for ref in refs}
        nrows = max((r for r, _ in positions.values()), default=0)
        grid = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=nrows) if nrows else []
    finally:
        wb.close()
    out = {}
    for ref, (row, col) in positions.items():
        line = grid[row - 1] if row - 1 < len(grid) else []
        out[ref] = line[col - 1] if col - 1 < len(line) else ""
    return out


def verify(
    package: Package,
    temp: Path,
    replaced: dict[str, bytes],
    removed: set[str],
    added: list[tuple[str, bytes]],
    expected_cells: dict[str, dict[str, Any]],
) -> None:
    """Check the temporary file before it may replace the ledger; refuse on any doubt."""
    changed = set(replaced) | {n for n, _ in added}
    try:
        with zipfile.ZipFile(temp) as z:
            bad = z.testzip()
            if bad:
                raise WriteRefused("verify-failed", detail=f"{bad} の検査値が一致しません")
            names = z.namelist()
            want = [n for n in package.names() if n not in removed]
            want_set = set(want) | {n for n, _ in added}
            if set(names) != want_set or len(names) != len(want_set):
                raise WriteRefused("verify-failed", detail="部品の一覧が一致しません")
            for name in want:
                data = z.read(name)
                if name in changed:
                    if name.endswith((".xml", ".rels")):
                        _check_well_formed(name, data)
                elif _sha(data) != _sha(package.read(name)):
                    raise WriteRefused("verify-failed", detail=f"{name} が変わってしまいました")
    except zipfile.BadZipFile as exc:
        raise WriteRefused("verify-failed", detail=str(exc)) from None
    for sheet, cells in expected_cells.items():
        try:
            got = read_cells(temp, sheet, cells)
        except WriteRefused:
            raise
        except Exception as exc:  # any reader failure means the file is not trustworthy
            raise WriteRefused("verify-failed", sheet=sheet, detail=f"読み直せません: {type(exc).__name__}: {exc}") from None
        for ref, value in cells.items():
            exp = _expected(value)
            if not _same(exp, got[ref]):
                raise WriteRefused("verify-failed", sheet=sheet, cell=ref, detail=f"{sheet}!{ref} の値を読み直すと違っています")


# -- backups and replace -----------------------------------------------------------------
def backup_dir_for(path: Path, backup_dir: str | os.PathLike | None) -> Path:
    """Where the backups of ``path`` go (default: a バックアップ folder beside it)."""
    return Path(backup_dir) if backup_dir is not None else path.parent / BACKUP_DIR_NAME


def make_backup(path: Path, folder: Path, keep: int, mode: int | None = None) -> Path | None:
    """Copy the current ledger into ``folder`` with a timestamp; keep the newest ``keep``.

    The copy has the ledger's permission bits (``mode``) from its first byte; a copy that
    fails half-way is removed.
    """
    if keep <= 0:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = file_mode(path.stat())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}_{stamp}{path.suffix}"
    tmp = folder / f".{target.name}.tmp"
    try:
        with open(path, "rb") as src, create_private(tmp, mode) as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        try:
            st = path.stat()
            os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))  # as copy2 did: the ledger's date
        except OSError:
            pass
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            try:
                tmp.unlink()
            except OSError:
                pass
    pattern = re.compile(re.escape(path.stem) + r"_\d{8}-\d{6}-\d{6}" + re.escape(path.suffix) + "$")
    existing = sorted(p for p in folder.iterdir() if pattern.match(p.name))
    for old in existing[:-keep]:
        try:
            old.unlink()
        except OSError:
            pass  # a backup someone has open is left for next time
    return target


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_file(temp: Path, path: Path, stamp: FileStamp) -> None:
    """Atomically put ``temp`` in place of ``path`` after last-moment checks."""
    check_not_locked(path)
    try:
        now = FileStamp.of(path)
    except FileNotFoundError:
        raise WriteRefused("file-changed", file=path) from None
    if now != stamp:
        raise WriteRefused("file-changed", file=path)
    try:
        st = path.stat()
        check_writable(path, st)
        os.chmod(temp, st.st_mode & 0o7777)  # setgid/sticky bits too, as the ledger had them
    except OSError:
        pass
    try:
        os.replace(temp, path)
    except PermissionError:
        raise WriteRefused("file-locked", file=path, holder="他の人またはプログラム") from None
    fsync_dir(path.parent)
