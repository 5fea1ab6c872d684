"""``mihara-sheets demo``: every job on a copy of the bundled sample, the sample untouched."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile

import docx as docx_module
import python_calamine

from mihara_sheets import load_ledger
from mihara_sheets.resources import sample_ledger_path


def test_demo_runs_every_job_on_a_copy(tmp_path):
    sample = sample_ledger_path()
    before = hashlib.sha256(sample.read_bytes()).hexdigest()
    done = subprocess.run(
        [sys.executable, "-m", "mihara_sheets", "demo", "--out", str(tmp_path), "--today", "2026-11-28"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    for step in ("1. 台帳チェック", "2. 開催通知", "3. 全体会議の次第", "4. 予算集計", "作成したファイル"):
        assert step in done.stdout
    # The check step lists the sample's one held 非公開 meeting planted without its 非公開理由.
    check_step = done.stdout.split("■ 2.")[0]
    assert check_step.count("closed-without-reason") == 1 and "会議!Y39" in check_step
    assert "エラーはありません（警告 10件）。" in check_step
    made = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert "全体会議次第_令和8年度.docx" in made and "予算集計.xlsx" in made and "予算集計.json" in made
    assert "開催通知_K18-2026-03/一括印刷用_K18-2026-03.docx" in made  # at the top, like the other products
    assert not (tmp_path / "notices").exists()
    assert any(p.endswith("宛名一覧_K18-2026-03.xlsx") for p in made)
    # The copy records the notice and carries the 予算集計 sheet; the bundled sample does not.
    copy = tmp_path / "sample_ledger.xlsx"
    meeting = load_ledger(copy).meeting("K18-2026-03")
    assert meeting.status == "通知済" and meeting.notice_no
    assert "予算集計" in python_calamine.CalamineWorkbook.from_path(str(copy)).sheet_names
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == before
    assert load_ledger(sample).meeting("K18-2026-03").status == "予定"
    # The 会議録（案） of the held K18-2026-02 prints its 傍聴者数 from the 会議 sheet.
    minutes = docx_module.Document(tmp_path / "会議録（案）_K18-2026-02.docx")
    assert "8\t傍聴者数\t3名" in [p.text for p in minutes.paragraphs]
    # Every Word document made carries a title and the 設定 担当課 as its author.
    division = load_ledger(sample).settings.division
    for docx in tmp_path.rglob("*.docx"):
        core = zipfile.ZipFile(docx).read("docProps/core.xml").decode("utf-8")
        assert re.search(r"<dc:title>.+</dc:title>", core), docx.name
        assert f"<dc:creator>{division}</dc:creator>" in core, docx.name
