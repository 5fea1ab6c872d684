"""An output folder that knows which files it made: reruns never lose a file staff touched.

Every document a job writes goes through :class:`OutputFolder`, which keeps a manifest
(``.mihara_sheets.json`` in the folder: each file it made, by relative name, and the
SHA-256 of what it wrote). On a rerun:

- a file it made and nobody changed is replaced;
- a file it made that was changed since (a notice edited by hand in Word) is kept, renamed
  ``…（前回）.docx`` (``（前回2）``… when that name is taken), and staff are told;
- a file it never made is never replaced or deleted: other names (``001_広島花子 -
  コピー.docx``, a note staff saved there) are not touched at all, and one that has the
  very name of a new output (a folder of an older version, a file staff saved under it) is
  kept as ``…（前回）`` like an edited one, and staff are told;
- :meth:`OutputFolder.remove_stale` removes the files of an earlier run this run did not
  make again (a member who left the roster, PDFs of a run without ``--pdf``) — only those
  unchanged since; a changed one stays where it is.

A file that replaces another is written to a temporary name and moved into place, so a
reader never sees half a document; a new one is created directly (and removed if writing
it fails). Problems come back as values (warnings): the job's documents are made either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from .problems import Problem, make_problem

MANIFEST_NAME = ".mihara_sheets.json"
_VERSION = 1
# Temporary names: ours (``.name.docx.x1y2.tmp``) and the PDF splitter's (``.name.tmp.pdf``).
_TEMP_NAME = re.compile(r"^\..+(\.[^.]+\.tmp|\.tmp\.pdf)$")


def digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as the manifest records it."""
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """The output folder of one job run (see the module's docstring for the rules)."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.problems: list[Problem] = []
        self.written: set[str] = set()
        self._made = self._load()
        self._folders: set[Path] = set()
        self._sweep()

    def _sweep(self) -> None:
        """Remove half-written files a killed run left (our temporary names only, any age)."""
        if not self.folder.is_dir():
            return
        for path in [self.folder, *(p for p in self.folder.iterdir() if p.is_dir())]:
            for leftover in path.glob(".*.tmp*"):
                if leftover.is_file() and _TEMP_NAME.match(leftover.name):
                    try:
                        leftover.unlink()
                    except OSError:
                        pass

    # -- the manifest
    def _load(self) -> dict[str, str]:
        try:
            data = json.loads((self.folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            files = data.get("files", {}) if isinstance(data, dict) else {}
            return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
        except (OSError, ValueError):  # none yet, or damaged: every file counts as not ours
            return {}

    def save_manifest(self) -> None:
        """Record what this folder holds of ours (call once the run's files are written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"version": _VERSION, "files": dict(sorted(self._made.items()))}
        _replace(self.folder / MANIFEST_NAME, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))

    def made(self, relative: str) -> bool:
        """True when the manifest says this folder's ``relative`` file is one the project wrote."""
        return _key(relative) in self._made

    # -- writing
    def write(self, relative: str, data: bytes) -> Path:
        """Write ``data`` as ``relative`` (e.g. ``個別/001_広島花子.docx``); the path written.

        Raises OSError when the folder cannot be written (the caller turns it into its
        coded problem).
        """
        key = _key(relative)
        path = self.folder / key
        self._ensure_parent(path)
        if not _create(path, data):  # the name is taken: room first, then a safe replace
            self._make_room(key, path)
            _replace(path, data)
        self._made[key] = digest(data)
        self.written.add(key)
        return path

    def path_for(self, relative: str) -> Path:
        """Where ``relative`` goes once room is made for it (for writers that need a path).

        Use with :meth:`adopt` after the file is written (e.g. by XlsxWriter or LibreOffice).
        """
        key = _key(relative)
        path = self.folder / key
        self._ensure_parent(path)
        return self._make_room(key, path) if path.exists() else path

    def _ensure_parent(self, path: Path) -> None:
        # Once per folder: a batch of 500 notices writes into the same two.
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)

    def adopt(self, path: Path) -> None:
        """Record a file another program wrote at a :meth:`path_for` path as one of ours."""
        key = path.relative_to(self.folder).as_posix()
        self._made[key] = digest(path.read_bytes())
        self.written.add(key)

    def _make_room(self, key: str, path: Path) -> Path:
        """Free ``path`` for a new output: replace our unchanged file, else keep the old one
        as ``…（前回）`` and say so. The path to write to."""
        recorded = self._made.get(key)
        if not path.is_file():  # a folder in the way: writing fails and says so
            return path
        if recorded is not None and _file_digest(path) == recorded:
            return path
        kept = _free_name(path, "前回")
        path.rename(kept)
        self._made.pop(key, None)
        code = "output-not-ours-kept" if recorded is None else "output-edited-kept"
        self.problems.append(make_problem(code, file=str(path), kept=kept.name))
        return path

    # -- stale files
    def remove_own(self, relative: str) -> Path | None:
        """Remove one file of an earlier run (``relative``) if we made it and it is unchanged.

        For a file this run does not make again (a PDF asked for last time only); a file
        edited since is left with ``output-stale-edited``. The path removed, else ``None``.
        """
        key = _key(relative)
        recorded = self._made.get(key)
        if recorded is None or key in self.written:
            return None
        path = self.folder / key
        self._made.pop(key)
        if not path.exists():
            return None
        if _file_digest(path) != recorded:
            self.problems.append(make_problem("output-stale-edited", file=str(path)))
            return None
        path.unlink()
        return path

    def remove_stale(self, under: str = "") -> list[Path]:
        """Remove our unchanged files under ``under`` that this run did not write; the paths removed."""
        prefix = _key(under).rstrip("/") + "/" if under else ""
        removed = []
        for key, recorded in list(self._made.items()):
            if key in self.written or not key.startswith(prefix):
                continue
            path = self.folder / key
            if not path.exists():
                self._made.pop(key)
                continue
            if _file_digest(path) != recorded:  # changed by hand since: left where it is
                self._made.pop(key)
                self.problems.append(make_problem("output-stale-edited", file=str(path)))
                continue
            path.unlink()
            self._made.pop(key)
            removed.append(path)
        return removed


def _key(relative: str) -> str:
    parts = PurePosixPath(str(relative).replace("\\", "/")).parts
    if any(part in ("..", "") for part in parts) or str(relative).startswith(("/", "\\")):
        raise ValueError(f"not a relative output name: {relative!r}")
    return "/".join(parts)


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _free_name(path: Path, label: str) -> Path:  # noqa: D401
    """``001_広島花子（前回）.docx``, or （前回2）, （前回3）… when taken."""
    for n in range(1, 1000):
        mark = f"（{label}）" if n == 1 else f"（{label}{n}）"
        candidate = path.with_name(f"{path.stem}{mark}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise OSError(f"no free name beside {path}")


def _create(path: Path, data: bytes) -> bool:
    """Write ``data`` as a new file ``path``; False (nothing written) when the name is taken.

    One file is created, and removed again if writing fails.
    """
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        _unlink_quietly(path)
        raise
    return True


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path``: straight into a new file, else through a temporary file
    beside it moved into place, so an existing document is never half replaced."""
    if _create(path, data):
        return
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        _unlink_quietly(temp)
        raise


def _unlink_quietly(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# Why a file could not be written, in the words staff read (the OS's own text is English).
_OS_REASONS = {
    "ENOENT": "フォルダが見つかりません",
    "ENOTDIR": "途中にフォルダではなくファイルがあります",
    "EISDIR": "同じ名前のフォルダがあります",
    "EACCES": "書き込む権限がないか、ファイルを開いているアプリがあります",
    "EPERM": "書き込む権限がありません",
    "EROFS": "読み取り専用の場所です",
    "ENOSPC": "ディスクの空きがありません",
    "EEXIST": "同じ名前のファイルがあります",
    "ENAMETOOLONG": "ファイル名（場所）が長すぎます",
}


def os_reason(error: OSError) -> str:
    """An OSError as a short Japanese reason for ``output-not-writable``'s ``{detail}``."""
    import errno

    name = errno.errorcode.get(error.errno or -1, "")
    return _OS_REASONS.get(name) or error.strerror or str(error) or type(error).__name__
