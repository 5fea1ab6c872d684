"""Rust's panic messages kept off the user's console.

When python-calamine panics, Rust's panic hook writes "thread '…' panicked at …" and a
note about RUST_BACKTRACE straight to file descriptor 2, before pyo3 turns the panic into
a Python exception (which :func:`~mihara_sheets.sources.xlsx.calamine_errors` makes a coded
problem). :func:`rust_panics_hidden` points descriptor 2 at a temporary file while
calamine runs; when the last reader leaves, it is pointed back and whatever else was
written meanwhile (a warning of Python's, say) is passed on, the panic text left out.
Nested and concurrent uses (two reader threads) share one redirection.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_users = 0
_saved_fd: int | None = None
_capture = None

# The first line of a panic's report.
_PANIC_START = re.compile(r"^thread '[^']*'.* panicked at ")


@contextmanager
def rust_panics_hidden() -> Iterator[None]:
    """Descriptor 2 captured for the block; panic text dropped, the rest passed on after."""
    _enter()
    try:
        yield
    finally:
        _leave()


def _enter() -> None:
    global _users, _saved_fd, _capture
    with _lock:
        _users += 1
        if _users > 1:
            return
        try:
            _flush()
            capture = tempfile.TemporaryFile()
            saved = os.dup(2)
            os.dup2(capture.fileno(), 2)
        except (OSError, ValueError):  # no descriptor 2 (a program without a console)
            _saved_fd = None
            _capture = None
            return
        _saved_fd, _capture = saved, capture


def _leave() -> None:
    global _users, _saved_fd, _capture
    with _lock:
        _users -= 1
        if _users or _saved_fd is None or _capture is None:
            return
        saved, capture = _saved_fd, _capture
        _saved_fd = _capture = None
        _flush()
        os.dup2(saved, 2)
        os.close(saved)
        capture.seek(0)
        kept = without_panics(capture.read().decode("utf-8", "replace"))
        capture.close()
    if kept:
        try:
            os.write(2, kept.encode("utf-8", "replace"))
        except OSError:
            pass


def without_panics(text: str) -> str:
    """``text`` without Rust's panic reports: from "thread '…' panicked at" to the
    "note: …" line that closes it (the message and any backtrace between)."""
    kept: list[str] = []
    in_panic = False
    for line in text.splitlines(keepends=True):
        if _PANIC_START.match(line) or line.startswith("memory allocation of "):
            in_panic = True
            if kept and not kept[-1].strip():  # the blank line Rust writes before it
                kept.pop()
        elif not in_panic:
            kept.append(line)
        elif line.startswith("note: "):
            in_panic = False
    return "".join(kept)


def _flush() -> None:
    for stream in (sys.stderr, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
