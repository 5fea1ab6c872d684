"""The 次第 of an ordinary meeting (agenda --meeting): programme from the 議題 rows, read back."""

from __future__ import annotations

import json
import shutil

import docx
from click.testing import CliRunner

from mihara_sheets.cli import main
from mihara_sheets.documents.agenda_context import program
from mihara_sheets.documents.meeting_agenda import make_meeting_agenda
from mihara_sheets.ledger.records import AgendaItem
from mihara_sheets.resources import sample_ledger_path
from tests.test_documents_sample import network_ledger


def texts(path):
    return [p.text for p in docx.Document(path).paragraphs if p.text]


def test_sample_subcommittee_meeting_lists_the_agenda_sheet_in_order(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["agenda", str(ledger), "--meeting", "k18-2026-03", "--json"])
    report = json.loads(done.stdout)
    assert done.exit_code == 0, report
    (path,) = report["files"]
    lines = texts(path)
    assert lines[:2] == ["第3回高齢者支援部会", "次\u3000\u3000第"]
    assert "日時：令和8年12月15日（火）\u3000午後2時～午後4時" in lines
    expected = ["1\u3000開\u3000会", "2\u3000報\u3000告", "（1）令和8年度 地域ケア会議の実施状況について（資料1）",
                "3\u3000協\u3000議", "（1）地域ケア会議から見えた地域課題（移動手段・買い物支援）について（資料2）",
                "（2）全体会議（令和9年2月）での活動報告について（資料3）", "4\u3000その他", "5\u3000閉\u3000会",
                "【配布資料】", "資料1\u3000令和8年度 地域ケア会議の実施状況について"]
    positions = [lines.index(line) for line in expected]
    assert positions == sorted(positions)
    assert lines.count("4\u3000その他") == 1  # the その他 row is the その他 section, not a second one
    # The ledger is only read.
    assert ledger.read_bytes() == sample_ledger_path().read_bytes()


def test_sub_items_numbered_as_typed_and_untyped_rows_under_the_agenda_heading():
    ledger = network_ledger()
    ledger.agenda_items += [
        AgendaItem("M-KOD-1", "協議の親", order="２", kind="協議", material="資料2"),
        AgendaItem("M-KOD-1", "小項目その一", order="2-(1)", kind="協議", material="資料2-1"),
        AgendaItem("M-KOD-1", "小項目その二", order="2（2）", kind="協議"),
        AgendaItem("M-KOD-1", "報告事項", order="1", kind="報告"),
        AgendaItem("M-KOD-1", "種別のない議題", order="3"),
        AgendaItem("M-KOD-1", "その他", order="4", kind="その他"),
    ]
    meeting = ledger.meeting("M-KOD-1")
    sections = program(ledger, meeting, opening=("開　会",), from_cell=True)
    assert [s["heading"] for s in sections] == ["開　会", "報　告", "協　議", "議　題", "その他", "閉　会"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    talk = sections[2]["entries"]
    assert [(e["label"], e["title"], e["sub"]) for e in talk] == [
        ("（1）", "協議の親", False), ("ア　", "小項目その一", True), ("イ　", "小項目その二", True)]
    assert talk[1]["material"] == "資料2-1"
    assert [e["title"] for e in sections[3]["entries"]] == ["種別のない議題"]


def test_without_agenda_rows_the_meeting_cell_gives_the_items(tmp_path):
    ledger = network_ledger()
    made = make_meeting_agenda(ledger, ledger.meeting("M-KOR-1"), tmp_path)
    lines = texts(made.path)
    assert "2\u3000議\u3000題" in lines and "（1）年間計画について" in lines
    assert lines.count("3\u3000その他") == 1 and "4\u3000閉\u3000会" in lines
    assert "【配布資料】" not in lines  # no 資料 numbers: no list
    assert made.problems == []


def test_a_meeting_with_no_items_still_gets_a_programme_and_a_warning(tmp_path):
    ledger = network_ledger()
    ledger.meetings[1].agenda = []
    ledger.agenda_items = [a for a in ledger.agenda_items if a.meeting_id != "M-KOR-2"]
    made = make_meeting_agenda(ledger, ledger.meeting("M-KOR-2"), tmp_path)
    assert [p.code for p in made.problems] == ["meeting-agenda-no-items"]
    assert texts(made.path)[-3:] == ["1\u3000開\u3000会", "2\u3000その他", "3\u3000閉\u3000会"]


def test_a_hand_edited_agenda_is_kept_on_a_rerun(tmp_path):
    ledger = network_ledger()
    first = make_meeting_agenda(ledger, ledger.meeting("M-KOR-2"), tmp_path)
    document = docx.Document(first.path)
    document.add_paragraph("手で足した行")
    document.save(first.path)
    again = make_meeting_agenda(ledger, ledger.meeting("M-KOR-2"), tmp_path)
    assert [p.code for p in again.problems] == ["output-edited-kept"]
    assert "手で足した行" in texts(tmp_path / "次第_M-KOR-2（前回）.docx")
    assert "手で足した行" not in texts(again.path)


def test_usage_errors_stop_with_exit_2(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    both = CliRunner().invoke(main, ["agenda", str(ledger), "--meeting", "K18-2026-03", "--fy", "2026", "--json"])
    assert both.exit_code == 2 and json.loads(both.stdout)["problems"][0]["code"] == "invalid-request"
    unknown = CliRunner().invoke(main, ["agenda", str(ledger), "--meeting", "K18-2026-3", "--json"])
    report = json.loads(unknown.stdout)
    assert unknown.exit_code == 2 and report["problems"][0]["code"] == "meeting-not-found"
    assert not (tmp_path / "出力").exists()


def test_a_plenary_meeting_id_gives_the_plenary_agenda_of_its_year(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["agenda", str(ledger), "--meeting", "K16-2026-01", "--json"])
    report = json.loads(done.stdout)
    assert [p.split("/")[-1] for p in report["files"]] == ["全体会議次第_令和8年度.docx"]
    assert report["fiscal_year"] == 2026


def test_an_ordinary_meeting_keeps_the_typed_order_and_groups_only_consecutive_kinds():
    ledger = network_ledger()
    ledger.agenda_items += [
        AgendaItem("M-KOD-1", "協議その一", order="1", kind="協議"),
        AgendaItem("M-KOD-1", "報告その一", order="2", kind="報告"),
        AgendaItem("M-KOD-1", "報告その二", order="3", kind="報告"),
        AgendaItem("M-KOD-1", "協議その二", order="4", kind="協議"),
    ]
    sections = program(ledger, ledger.meeting("M-KOD-1"), opening=("開　会",), from_cell=True)
    assert [s["heading"] for s in sections] == ["開　会", "協　議", "報　告", "協　議", "その他", "閉　会"]
    assert [[e["title"] for e in s["entries"]] for s in sections[1:4]] == [
        ["協議その一"], ["報告その一", "報告その二"], ["協議その二"]]


def test_a_closed_item_is_marked_on_the_programme():
    ledger = network_ledger()
    ledger.agenda_items += [
        AgendaItem("M-KOD-1", "公開の議題", order="1", kind="協議"),
        AgendaItem("M-KOD-1", "個人情報を含む事例検討", order="2", kind="協議", public=False),
    ]
    sections = program(ledger, ledger.meeting("M-KOD-1"), opening=("開　会",), from_cell=True)
    assert [e["title"] for e in sections[1]["entries"]] == ["公開の議題", "個人情報を含む事例検討（非公開）"]
