"""The output folder's manifest: reruns replace only what they made and nobody changed."""

from __future__ import annotations

import json

import pytest

from mihara_sheets.outputs import MANIFEST_NAME, OutputFolder


def run(folder, files: dict[str, bytes], *, stale: bool = True) -> OutputFolder:
    out = OutputFolder(folder)
    for name, data in files.items():
        out.write(name, data)
    if stale:
        out.remove_stale()
    out.save_manifest()
    return out


def test_a_rerun_replaces_its_own_unchanged_files_and_says_nothing(tmp_path):
    run(tmp_path, {"個別/001_広島花子.docx": b"one"})
    second = run(tmp_path, {"個別/001_広島花子.docx": b"two"})
    assert (tmp_path / "個別" / "001_広島花子.docx").read_bytes() == b"two"
    assert second.problems == [] and sorted(p.name for p in (tmp_path / "個別").iterdir()) == ["001_広島花子.docx"]


def test_a_file_edited_by_hand_is_kept_as_the_previous_one(tmp_path):
    run(tmp_path, {"個別/001_広島花子.docx": b"one"})
    (tmp_path / "個別" / "001_広島花子.docx").write_bytes(b"edited in Word")
    second = run(tmp_path, {"個別/001_広島花子.docx": b"two"})
    assert (tmp_path / "個別" / "001_広島花子.docx").read_bytes() == b"two"
    assert (tmp_path / "個別" / "001_広島花子（前回）.docx").read_bytes() == b"edited in Word"
    assert [p.code for p in second.problems] == ["output-edited-kept"]
    assert "001_広島花子（前回）.docx" in second.problems[0].message
    # Edited again: the earlier kept copy stays, the new one is （前回2）.
    (tmp_path / "個別" / "001_広島花子.docx").write_bytes(b"edited again")
    run(tmp_path, {"個別/001_広島花子.docx": b"three"})
    assert (tmp_path / "個別" / "001_広島花子（前回2）.docx").read_bytes() == b"edited again"
    assert (tmp_path / "個別" / "001_広島花子（前回）.docx").read_bytes() == b"edited in Word"


def test_files_the_project_did_not_make_are_never_touched(tmp_path):
    run(tmp_path, {"個別/001_広島花子.docx": b"one", "個別/002_尾道太郎.docx": b"one"})
    copy = tmp_path / "個別" / "001_広島花子 - コピー.docx"
    note = tmp_path / "メモ.txt"
    copy.write_bytes(b"staff's copy")
    note.write_bytes(b"note")
    run(tmp_path, {"個別/001_広島花子.docx": b"two"})  # 尾道 left the roster
    assert copy.read_bytes() == b"staff's copy" and note.read_bytes() == b"note"
    assert not (tmp_path / "個別" / "002_尾道太郎.docx").exists()  # ours, unchanged, stale: removed


def test_a_file_with_an_outputs_name_that_is_not_ours_is_kept(tmp_path):
    (tmp_path / "個別").mkdir()
    (tmp_path / "個別" / "001_広島花子.docx").write_bytes(b"made by an older version, or by hand")
    out = run(tmp_path, {"個別/001_広島花子.docx": b"ours"})
    assert (tmp_path / "個別" / "001_広島花子（前回）.docx").read_bytes() == b"made by an older version, or by hand"
    assert [p.code for p in out.problems] == ["output-not-ours-kept"]


def test_a_stale_file_changed_by_hand_stays(tmp_path):
    run(tmp_path, {"PDF/002_尾道太郎.pdf": b"pdf"})
    (tmp_path / "PDF" / "002_尾道太郎.pdf").write_bytes(b"annotated")
    out = run(tmp_path, {})
    assert (tmp_path / "PDF" / "002_尾道太郎.pdf").read_bytes() == b"annotated"
    assert [p.code for p in out.problems] == ["output-stale-edited"]
    assert json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))["files"] == {}


def test_stale_removal_can_be_limited_to_a_subfolder(tmp_path):
    run(tmp_path, {"a.docx": b"1", "PDF/a.pdf": b"2"})
    out = OutputFolder(tmp_path)
    out.write("a.docx", b"3")
    assert out.remove_stale("PDF") == [tmp_path / "PDF" / "a.pdf"]


def test_a_damaged_manifest_counts_every_file_as_not_ours(tmp_path):
    run(tmp_path, {"a.docx": b"1"})
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    out = run(tmp_path, {"a.docx": b"2"})
    assert (tmp_path / "a（前回）.docx").read_bytes() == b"1" and (tmp_path / "a.docx").read_bytes() == b"2"
    assert [p.code for p in out.problems] == ["output-not-ours-kept"]


@pytest.mark.parametrize("name", ["../outside.docx", "/etc/passwd", "a/../../b"])
def test_names_outside_the_folder_are_refused(tmp_path, name):
    with pytest.raises(ValueError):
        OutputFolder(tmp_path).write(name, b"x")


def test_no_temporary_file_is_left_behind(tmp_path):
    run(tmp_path, {"個別/001.docx": b"x" * 100_000})
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []


def test_leftovers_of_a_killed_run_are_swept_and_other_hidden_files_kept(tmp_path):
    (tmp_path / "PDF").mkdir()
    ours = [tmp_path / ".001_広島花子.docx.k3j9x.tmp", tmp_path / "PDF" / ".001_広島花子.tmp.pdf"]
    for path in ours:
        path.write_bytes(b"half a notice")
    kept = tmp_path / ".staff-notes.txt"
    kept.write_bytes(b"x")
    run(tmp_path, {"a.docx": b"1"})
    assert not any(p.exists() for p in ours) and kept.exists()
