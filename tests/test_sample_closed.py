"""The sample ledger's 傍聴者数 and 非公開理由 (branch sample-closed), as a new user meets them.

The bundled sample fills 傍聴者数 for held public meetings and 非公開理由 for held closed
ones, except K15-2026-05, planted without its reason (workbooks/README.md). The check lists
that one at its cell; the 会議録（案） print the count (0 as 0) and the reason.
"""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import python_calamine
import pytest

from mihara_sheets import load_ledger
from mihara_sheets.jobs import FileLedger, MinutesRequest, run_check, run_minutes
from mihara_sheets.resources import sample_ledger_path

TODAY = dt.date(2026, 11, 28)
PLANTED = "K15-2026-05"
PLANTED_CELL = "会議!Y39"


@pytest.fixture(scope="module")
def sample():
    return load_ledger(sample_ledger_path(), today=TODAY)


@pytest.fixture(scope="module")
def ledger_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("closed")
    path = folder / "sample_ledger.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    return path


def minutes_lines(ledger_copy, meeting_id: str) -> tuple[list[str], object]:
    out = ledger_copy.parent / f"out_{meeting_id}"
    result = run_minutes(FileLedger([ledger_copy]), MinutesRequest(meeting_id, out, today=TODAY))
    assert not result.stopped, [p.message for p in result.problems]
    [path] = [f for f in result.files if f.suffix == ".docx"]
    return [p.text for p in docx.Document(path).paragraphs], result


def line(texts: list[str], start: str) -> str:
    [found] = [t for t in texts if t.startswith(start)]
    return found


def test_the_meetings_sheet_has_both_columns_with_the_contracts_headers():
    sheet = python_calamine.CalamineWorkbook.from_path(str(sample_ledger_path())).get_sheet_by_name("会議")
    header = sheet.to_python()[2]
    assert "傍聴者数" in header
    assert header[-1] == "非公開理由"  # added at the right: no existing cell moved
    assert header.index("非公開理由") == ord("Y") - ord("A")


def test_held_meetings_have_their_count_or_their_reason_but_the_planted_one(sample):
    held = [m for m in sample.meetings if m.status == "開催済"]
    closed = [m for m in held if m.disclosure in ("非公開", "一部公開")]
    public = [m for m in held if m.disclosure in ("公開", "一部公開")]
    assert [m.meeting_id for m in closed if not m.closed_reason] == [PLANTED]
    assert len(closed) == 14  # 運営会議 ×4, 個別支援会議 ×8, こころの健康・自殺対策部会 ×2
    assert [m.meeting_id for m in public if m.observers is None] == ["K21-2026-02"]  # not recorded
    assert 0 in [m.observers for m in public]  # nobody came is a real value
    assert all(m.observers is None for m in sample.meetings if m.disclosure == "非公開")
    assert all(m.closed_reason is None for m in sample.meetings if m.status != "開催済")
    # Case meetings are counts only: their reason says why, never what the case was.
    reasons = {m.closed_reason for m in closed if m.council_id == "K17"}
    assert reasons == {"支援を要する個人・世帯の事例を扱い、個人情報を含むため（社会福祉法第106条の6の守秘義務、"
                       "三原市情報公開条例に定める非公開情報）"}


def test_check_lists_the_planted_closed_meeting_once_at_its_cell(ledger_copy):
    result = run_check(FileLedger([ledger_copy]), today=TODAY)
    found = [p for p in result.problems if p.code == "closed-without-reason"]
    assert [f"{p.sheet}!{p.cell}" for p in found] == [PLANTED_CELL]
    assert found[0].message == f"{PLANTED_CELL}の会議（{PLANTED}）は非公開で開催しましたが、非公開理由が空欄です。"
    assert result.exit_code == 0  # a warning: the sample has no errors


def test_minutes_of_the_held_subcommittee_print_its_observers(ledger_copy):
    texts, _ = minutes_lines(ledger_copy, "K18-2026-02")
    assert line(texts, "8\t傍聴者数") == "8\t傍聴者数\t3名"
    assert line(texts, "4\t公開・非公開") == "4\t公開・非公開\t公開"  # no reason on a public meeting


def test_zero_observers_are_printed_as_zero_not_as_a_blank(ledger_copy):
    texts, _ = minutes_lines(ledger_copy, "K19-2026-01")
    assert line(texts, "8\t傍聴者数") == "8\t傍聴者数\t0名"


def test_closed_and_partly_closed_minutes_print_the_reason(ledger_copy, sample):
    texts, _ = minutes_lines(ledger_copy, "K15-2026-01")
    reason = sample.meeting("K15-2026-01").closed_reason
    assert line(texts, "4\t公開・非公開") == f"4\t公開・非公開\t非公開（非公開の理由：{reason}）"
    texts, _ = minutes_lines(ledger_copy, "K20-2026-02")
    assert line(texts, "4\t公開・非公開") == ("4\t公開・非公開\t一部公開（非公開の理由：個別の相談事例を扱う議題は、"
                                         "個人情報を含むため（三原市情報公開条例に定める非公開情報（個人情報）））")


def test_the_planted_meeting_leaves_the_reason_line_for_staff(ledger_copy):
    texts, _ = minutes_lines(ledger_copy, PLANTED)
    assert line(texts, "4\t公開・非公開") == "4\t公開・非公開\t非公開（非公開の理由：" + "\u3000" * 8 + "）"


def test_the_minutes_of_the_planted_meeting_warn_of_the_blank_reason_and_count_no_observers(ledger_copy):
    """A 非公開 meeting has no 傍聴者 (0, not a blank to fill); its blank 非公開理由 is said by
    the minutes job too, at the cell, not only by 台帳チェック."""
    texts, result = minutes_lines(ledger_copy, PLANTED)
    assert line(texts, "8\t傍聴者数") == "8\t傍聴者数\t0名"
    [reason] = [p for p in result.problems if p.code == "closed-without-reason"]
    assert reason.location == PLANTED_CELL
