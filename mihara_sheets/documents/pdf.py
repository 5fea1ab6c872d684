"""PDF conversion of a whole batch of .docx files in ONE LibreOffice call.

LibreOffice takes ≈1.5 s to start, so every file of a run goes to one
``soffice --headless --convert-to pdf`` call. It runs with a private user profile
(``-env:UserInstallation``) so it neither collides with a LibreOffice the member of staff
has open nor leaves a profile behind, and with a fontconfig file that maps the fonts Word
documents name (ＭＳ 明朝, 游明朝, ＭＳ ゴシック...) to the IPAex fonts: without it, digits and
Latin letters fall back to another font and the page looks uneven.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import DocumentError

MINCHO_NAMES = ("ＭＳ 明朝", "MS Mincho", "ＭＳ Ｐ明朝", "MS PMincho", "游明朝", "Yu Mincho", "HG明朝E")
GOTHIC_NAMES = (
    "ＭＳ ゴシック", "MS Gothic", "ＭＳ Ｐゴシック", "MS PGothic", "游ゴシック", "Yu Gothic",
    "メイリオ", "Meiryo", "HGゴシックE",
)


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


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


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert ``docx_files`` to PDF into ``out_dir`` in one LibreOffice call; the PDF paths.

    Raises :class:`DocumentError` (``pdf-unavailable``) when LibreOffice is not installed
    and (``pdf-failed``) when it fails or leaves a file unconverted.
    """
    if not docx_files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise DocumentError(
            "pdf-unavailable",
            "LibreOffice が見つからないため PDF を作れませんでした（Word文書は作成済みです）。"
            "PDF が必要な場合は LibreOffice をインストールしてください。",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    # A PDF left from an earlier run must not pass for this run's result.
    for docx in docx_files:
        (out_dir / (Path(docx).stem + ".pdf")).unlink(missing_ok=True)
    timeout = timeout if timeout is not None else 120 + 2 * len(docx_files)
    with tempfile.TemporaryDirectory(prefix="mihara-soffice-") as work:
        work_dir = Path(work)
        fonts_conf = work_dir / "fonts.conf"
        fonts_conf.write_text(fontconfig_text(), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf), HOME=str(work_dir))
        command = [
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *[str(Path(f).resolve()) for f in docx_files],
        ]
        try:
            completed = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DocumentError(
                "pdf-failed", f"LibreOffice による PDF 変換が {int(timeout)} 秒以内に終わりませんでした。"
            ) from exc
    pdfs = [out_dir / (Path(f).stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    if completed.returncode != 0 or missing:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise DocumentError(
            "pdf-failed",
            f"LibreOffice による PDF 変換に失敗しました（未作成 {len(missing)} 件"
            + (f"：{missing[0]} など" if missing else "")
            + f"、終了コード {completed.returncode}）。{detail[0]}",
        )
    return pdfs
