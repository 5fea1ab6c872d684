"""The renewal letters as files: one .docx per member per document, a combined file each, PDFs.

Output folder of a run (``out_dir/委嘱状等_<会議体ID>_<YYYYMMDD>/``)::

    委嘱状/001_見本太郎.docx ...   one per appointed member (任命書/ for 任命)
    就任承諾書/001_見本太郎.docx     the form each appointed member returns
    解嘱状/, 礼状/                   the members who leave
    一括印刷用_委嘱状.docx ...        each document's letters in one file, each from a new page
    PDF/委嘱状/ ...                   with ``pdf=True``
    .mihara_sheets.json               the manifest (:mod:`mihara_sheets.outputs`)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs import OutputFolder
from ..problems import Problem
from .appointment_context import TEMPLATES, Letter
from .files import safe_filename, writing_into
from .properties import DocProperties
from .render import CompiledTemplate, load_template
from .split import make_pdfs


@dataclass
class LettersResult:
    """What :func:`make_letters` wrote: the files of each document, PDFs and problems."""

    folder: Path
    files: dict[str, list[Path]] = field(default_factory=dict)
    combined: dict[str, Path] = field(default_factory=dict)
    pdfs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_files(self) -> list[Path]:
        """Every file made, documents first."""
        out = [p for paths in self.files.values() for p in paths]
        return out + list(self.combined.values()) + self.pdfs


def folder_name(council_id: str, start: dt.date) -> str:
    """``委嘱状等_K18_20270101``: the run's folder under the output folder."""
    return f"委嘱状等_{safe_filename(council_id)}_{start:%Y%m%d}"


def make_letters(letters: dict[str, list[Letter]], shared: dict, folder: Path, *, pdf: bool = False,
                 author: str = "", templates: dict[str, str | Path | None] | None = None) -> LettersResult:
    """Render ``letters`` (by document) into ``folder``.

    Every template is loaded and the first letter of each document rendered before any file
    is written: an unusable template raises :class:`~.errors.TemplateError` with the folder
    as it was. ``templates`` maps a document (委嘱状…) to a staff template path.
    """
    templates = templates or {}
    compiled: dict[str, CompiledTemplate] = {}
    rendered: dict[str, list[bytes]] = {}
    for kind, items in letters.items():
        name = TEMPLATES[kind]
        if name not in compiled:
            compiled[name] = load_template(templates.get(kind), name)
        props = DocProperties(f"{kind}　{shared['council']}", author)
        rendered[kind] = [compiled[name].render({**shared, **items[0].context}, props)]
    result = LettersResult(folder)
    with writing_into(folder):
        outputs = OutputFolder(folder)
        for kind, items in letters.items():
            template = compiled[TEMPLATES[kind]]
            props = DocProperties(f"{kind}　{shared['council']}", author)
            paths = []
            for number, letter in enumerate(items, start=1):
                data = rendered[kind][0] if number == 1 else template.render({**shared, **letter.context}, props)
                paths.append(outputs.write(f"{kind}/{number:03d}_{safe_filename(letter.member.name)}.docx", data))
            result.files[kind] = paths
            result.combined[kind] = outputs.write(
                f"一括印刷用_{kind}.docx", template.render_combined(shared, [x.context for x in items], props))
        if pdf:
            for kind, paths in result.files.items():
                for docx in [*paths, result.combined[kind]]:
                    outputs.path_for(f"PDF/{kind}/{docx.stem}.pdf")
                made, error = make_pdfs(paths, result.combined[kind], folder / "PDF" / kind)
                for path in made:
                    outputs.adopt(path)
                result.pdfs += made
                if error is not None:
                    result.problems.append(error.problem)
                    if error.code == "pdf-unavailable":
                        break
        outputs.remove_stale()
        outputs.save_manifest()
    result.problems.extend(outputs.problems)
    return result
