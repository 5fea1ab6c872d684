"""PDF conversion through LibreOffice, in calls it completes, every output checked.

LibreOffice takes ≈2 s to start, so files go to ``soffice --headless --convert-to pdf`` in
batches, not one call each. LibreOffice 7.4 silently stops after the 246th file of one call
(and exits 0), so a call gets at most :data:`FILES_PER_CALL` files and every PDF is looked
for afterwards: one that is not there is ``pdf-missing``, naming it.

Each call runs with a private user profile (``-env:UserInstallation``) so it neither
collides with a LibreOffice the member of staff has open nor leaves a profile behind, and
with a fontconfig file that maps the fonts Word documents name (ＭＳ 明朝, 游明朝,
ＭＳ ゴシック...) to the IPAex fonts: without it, digits and Latin letters fall back to
another font and the page looks uneven.

The notices of many recipients are converted faster as one combined file, split by page
(:func:`split_pdf`): see docs/documents.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import DocumentError

MINCHO_NAMES = ("ＭＳ 明朝", "MS Mincho", "ＭＳ Ｐ明朝", "MS PMincho", "游明朝", "Yu Mincho", "HG明朝E")
GOTHIC_NAMES = (
    "ＭＳ ゴシック", "MS Gothic", "ＭＳ Ｐゴシック", "MS PGothic", "游ゴシック", "Yu Gothic",
    "メイリオ", "Meiryo", "HGゴシックE",
)
FILES_PER_CALL = 200  # LibreOffice 7.4 stops after 246 files of one call
SOFFICE_ENV = "MIHARA_SOFFICE"  # the full path of soffice, when it is somewhere unusual
# PDF export option: bookmarks become named destinations (the pages documents start on).
BOOKMARK_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


def soffice_candidates() -> list[Path]:
    """Where LibreOffice is installed when it is not on PATH (Windows, macOS)."""
    places = []
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        root = os.environ.get(variable)
        if root:
            places.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    if sys.platform == "win32":
        places += [Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
                   Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")]
    places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return list(dict.fromkeys(places))


def find_soffice() -> str | None:
    """The LibreOffice executable: ``$MIHARA_SOFFICE``, then PATH, then where installers put it.

    ``None`` when there is none (the caller reports ``pdf-unavailable``).
    """
    chosen = os.environ.get(SOFFICE_ENV)
    if chosen:
        return chosen if Path(chosen).is_file() else shutil.which(chosen)
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in soffice_candidates() if p.is_file()), None)


def fontconfig_text() -> str:
    """A fonts.conf: the system configuration plus aliases of the Japanese Word fonts."""

    def aliases(names: Sequence[str], target: str) -> str:
        return "".join(
            f'  <alias binding="same"><family>{n}</family><prefer><family>{target}</family></prefer></alias>\n'
            for n in names
        )

    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + aliases(MINCHO_NAMES, "IPAexMincho")
        + aliases(GOTHIC_NAMES, "IPAexGothic")
        + "</fontconfig>\n"
    )


def pdf_path(docx: Path, out_dir: Path) -> Path:
    """Where LibreOffice writes the PDF of ``docx``."""
    return out_dir / (Path(docx).stem + ".pdf")


def missing_error(missing: Sequence[Path]) -> DocumentError:
    """``pdf-missing`` naming the PDFs that were not made (the first few, then 「ほかN件」)."""
    names = "、".join(p.name for p in missing[:3]) + (f" ほか{len(missing) - 3}件" if len(missing) > 3 else "")
    return DocumentError("pdf-missing", count=len(missing), names=names)


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, *, timeout: float | None = None,
                   bookmarks: bool = False) -> list[Path]:
    """Convert ``docx_files`` to PDF into ``out_dir``, :data:`FILES_PER_CALL` a call; the PDFs.

    Raises :class:`DocumentError`: ``pdf-unavailable`` when LibreOffice is not installed,
    ``pdf-failed`` when a call fails or times out, ``pdf-missing`` when a PDF was not made
    (its ``made`` attribute then lists those that were). ``bookmarks``: export the documents'
    bookmarks as PDF destinations.
    """
    if not docx_files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise DocumentError("pdf-unavailable")
    out_dir.mkdir(parents=True, exist_ok=True)
    # A PDF left from an earlier run must not pass for this run's result.
    for docx in docx_files:
        if pdf_path(docx, out_dir).is_file():
            pdf_path(docx, out_dir).unlink()
    with tempfile.TemporaryDirectory(prefix="mihara-soffice-") as work:
        work_dir = Path(work)
        fonts_conf = work_dir / "fonts.conf"
        fonts_conf.write_text(fontconfig_text(), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf), HOME=str(work_dir))
        profile = f"-env:UserInstallation={(work_dir / 'profile').as_uri()}"
        for start in range(0, len(docx_files), FILES_PER_CALL):
            batch = docx_files[start : start + FILES_PER_CALL]
            command = [soffice, profile, "--headless", "--norestore", "--convert-to",
                       BOOKMARK_FILTER if bookmarks else "pdf", "--outdir", str(out_dir),
                       *[str(Path(f).resolve()) for f in batch]]
            _run(command, env, timeout if timeout is not None else 120 + 2 * len(batch))
    pdfs = [pdf_path(f, out_dir) for f in docx_files]
    missing = [p for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        error = missing_error(missing)
        error.made = [p for p in pdfs if p not in missing]
        raise error
    return pdfs


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    try:
        completed = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("pdf-failed", detail=f"{int(timeout)} 秒以内に終わりませんでした") from exc
    except OSError as exc:  # the executable named by MIHARA_SOFFICE cannot be run
        raise DocumentError("pdf-failed", detail=f"LibreOffice を起動できません: {exc.strerror or exc}") from exc
    if completed.returncode != 0:
        last = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise DocumentError("pdf-failed", detail=f"終了コード {completed.returncode}。{last[0]}".rstrip("。"))
