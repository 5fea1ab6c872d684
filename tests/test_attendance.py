"""出欠確認 (issue 14): answers, quorum rules, invitees, the outputs and the 出席者数 write-back."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import docx
import pytest
import python_calamine

from mihara_sheets import load_ledger
from mihara_sheets.analyses.attendance import plan_attendance, required_count
from mihara_sheets.jobs import AttendanceRequest, FileLedger, run_attendance
from tests.factory import make_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "attendance.docx"  # this tree's template (the install may point elsewhere)
DAY = dt.date(2026, 12, 15)
TODAY = dt.date(2026, 12, 1)
MEMBERS = [("P1", "広島 花子", "委員"), ("P2", "三原 太郎", "部会長"), ("P3", "尾道 次郎", "委員"),
           ("P4", "福山 三郎", "委員"), ("P5", "呉 四郎", "委員"), ("P9", "事務 局子", "事務局")]


def ledger_file(tmp_path, replies, *, quorum=None, status="予定", attendees=None, settings=(), extra_roster=(),
                kind="部会") -> Path:
    councils = [["会議体ID", "会議体名", "区分", "定足数"], ["KOR", "高齢者支援部会", kind, quorum]]
    roster = [["会議体ID", "人物ID", "氏名", "所属", "役職", "役割", "住所", "電話", "任期開始", "任期終了"]]
    for pid, name, role in MEMBERS:
        roster.append(["KOR", pid, name, "三原市社協", "理事", role, "三原市港町1-1", "0848-00-0000",
                       dt.date(2025, 4, 1), dt.date(2027, 3, 31)])
    roster += [list(r) for r in extra_roster]
    meetings = [["会議ID", "会議体ID", "回", "開催日", "状態", "回答期限", "出席者数"],
                ["M-1", "KOR", 3, DAY, status, dt.date(2026, 12, 8), attendees]]
    attendance = [["会議ID", "人物ID", "氏名", "回答", "代理者", "当日"]] + [list(r) for r in replies]
    sheets = {"会議体": councils, "名簿": roster, "会議": meetings, "出欠": attendance}
    if settings:
        sheets["設定"] = [["項目", "値"], *[list(s) for s in settings]]
    return make_workbook(tmp_path / "台帳.xlsx", sheets)


def plan(path, today=TODAY):
    ledger = load_ledger(path, today=today)
    return plan_attendance(ledger, ledger.meeting("M-1"), today)


def test_each_answer_kind_and_unanswered(tmp_path):
    path = ledger_file(tmp_path, [["M-1", "P1", None, "出席", None, None],
                                  ["M-1", None, "三原　太郎", "欠席", None, None],  # by name, full-width space
                                  ["M-1", "P3", None, "代理出席", "社協 係長", None],
                                  ["M-1", "P4", None, "オンライン出席", None, None],
                                  ["M-1", "P5", None, "未回答", None, None]])
    p = plan(path)
    assert [i.status for i in p.invitees] == ["出席", "欠席", "代理出席", "オンライン出席", "未回答"]
    assert p.invitees[2].label == "尾道 次郎（代理：社協 係長）"
    assert all(i.member.role != "事務局" for i in p.invitees)
    assert not p.overdue  # before the 回答期限
    late = plan(path, today=dt.date(2026, 12, 10))
    assert [x.code for x in late.problems if x.code == "attendance-unanswered"] == ["attendance-unanswered"]


def test_not_invited_and_duplicate_replies_are_problems_at_their_cell(tmp_path):
    path = ledger_file(tmp_path, [["M-1", "P1", None, "出席", None, None],
                                  ["M-1", "P1", None, "欠席", None, None],
                                  ["M-1", None, "知らない 人", "出席", None, None],
                                  ["M-1", "P9", None, "出席", None, None]])  # the secretariat is not invited
    p = plan(path)
    codes = [(x.code, x.cell) for x in p.problems if x.code.startswith("attendance-")]
    assert ("attendance-duplicate-reply", "D3") in codes
    assert ("attendance-not-invited", "C4") in codes and ("attendance-not-invited", "C5") in codes
    assert p.invitees[0].status == "出席"  # the first reply is used


@pytest.mark.parametrize("rule,members,need", [
    (None, 5, 3), ("過半数", 8, 5), ("過半数", 9, 5), ("半数以上", 8, 4), ("半数以上", 9, 5),
    ("3分の2以上", 9, 6), ("3分の2以上", 8, 6), ("5", 9, 5), ("４名", 9, 4)])
def test_required_counts(rule, members, need):
    assert required_count(rule, members)[0] == need


def test_unknown_rule_is_reported_and_read_as_majority(tmp_path):
    p = plan(ledger_file(tmp_path, [], quorum="過半数くらい"))
    assert p.quorum.required == 3 and any(x.code == "quorum-rule-unknown" for x in p.problems)


@pytest.mark.parametrize("setting,present,met", [(None, 2, False), ("はい", 3, True), ("いいえ", 2, False)])
def test_proxies_count_only_where_the_setting_says(tmp_path, setting, present, met):
    replies = [["M-1", "P1", None, "出席", None, None], ["M-1", "P2", None, "オンライン出席", None, None],
               ["M-1", "P3", None, "代理出席", "代理 者", None], ["M-1", "P4", None, "欠席", None, None]]
    settings = [("代理出席を定足数に含める", setting)] if setting else ()
    p = plan(ledger_file(tmp_path, replies, settings=settings))
    assert (p.quorum.present, p.quorum.met) == (present, met)
    assert any(x.code == "quorum-not-met" for x in p.problems) is not met


def test_after_the_meeting_the_day_decides(tmp_path):
    replies = [["M-1", "P1", None, "出席", None, "遅刻"], ["M-1", "P2", None, "出席", None, "欠席"],
               ["M-1", "P3", None, "欠席", None, "出席"], ["M-1", "P4", None, "出席", None, "早退"],
               ["M-1", "P5", None, None, None, None]]
    p = plan(ledger_file(tmp_path, replies, status="開催済"), today=dt.date(2026, 12, 20))
    assert p.held and [i.status for i in p.invitees] == ["出席", "欠席", "出席", "出席", "欠席"]
    assert p.quorum.present == 3 and p.quorum.met


def test_invitees_follow_terms_on_the_meeting_date(tmp_path):
    ended = ["KOR", "P7", "退任 済子", None, None, "委員", None, None, dt.date(2023, 4, 1), dt.date(2025, 3, 31)]
    later = ["KOR", "P8", "新任 予定", None, None, "委員", None, None, dt.date(2027, 1, 1), None]
    p = plan(ledger_file(tmp_path, [], extra_roster=[ended, later]))
    assert [i.member.person_id for i in p.invitees] == ["P1", "P2", "P3", "P4", "P5"]


def test_plenary_invites_every_subcommittee_member(tmp_path):
    sheets = {
        "会議体": [["会議体ID", "会議体名", "区分"], ["ALL", "全体会議", "全体会議"], ["A", "A部会", "部会"], ["B", "B部会", "部会"]],
        "名簿": [["会議体ID", "人物ID", "氏名", "役割"], ["A", "P1", "一 郎", "委員"], ["B", "P2", "二 郎", "委員"],
                 ["B", "P1", "一 郎", "委員"], ["A", "P9", "事務 局", "事務局"]],
        "会議": [["会議ID", "会議体ID", "開催日", "状態"], ["ALL-1", "ALL", DAY, "予定"]],
        "出欠": [["会議ID", "人物ID", "回答"], ["ALL-1", "P2", "出席"]],
    }
    ledger = load_ledger(make_workbook(tmp_path / "p.xlsx", sheets), today=TODAY)
    p = plan_attendance(ledger, ledger.meeting("ALL-1"), TODAY)
    assert [i.member.person_id for i in p.invitees] == ["P1", "P2"]
    assert p.quorum.required == 2 and p.quorum.present == 1


# -- the job: outputs, JSON, LibreOffice -------------------------------------------------
def run(path, tmp_path, **kw):
    return run_attendance(FileLedger([path]), AttendanceRequest("m-1", tmp_path / "out", today=kw.pop("today", TODAY),
                                                                template=TEMPLATE, **kw))


def test_outputs_have_names_but_no_addresses_or_phones(tmp_path):
    path = ledger_file(tmp_path, [["M-1", "P1", None, "出席", None, None],
                                  ["M-1", "P3", None, "代理出席", "社協 係長", None]])
    result = run(path, tmp_path)
    assert result.exit_code == 0, [p.message for p in result.problems]
    data = result.to_dict()
    assert data["meeting_id"] == "M-1" and data["proxy"] == [{"name": "尾道 次郎", "proxy": "社協 係長"}]
    assert {k for k in data["quorum"]} >= {"required", "present", "met"}
    text = json.dumps(data, ensure_ascii=False)
    assert "港町" not in text and "0848" not in text
    names = {p.name for p in result.files}
    assert names == {"出欠一覧_M-1.xlsx", "出席者名簿_M-1.docx", "受付名簿_M-1.docx"}
    roster = next(p for p in result.files if p.name.startswith("出席者名簿"))
    cells = [c.text for t in docx.Document(roster).tables for r in t.rows for c in r.cells]
    assert "尾道 次郎（代理：社協 係長）" in cells and "広島 花子" in cells and "三原 太郎" not in cells
    book = python_calamine.CalamineWorkbook.from_path(str(next(p for p in result.files if p.suffix == ".xlsx")))
    rows = book.get_sheet_by_name("出欠一覧").to_python()
    assert "港町" not in str(rows) and len(rows) == 3 + 5
    pdf_dir = tmp_path / "pdf"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), str(roster)],
                   check=True, capture_output=True, timeout=180)
    out = subprocess.run(["pdftotext", str(pdf_dir / (roster.stem + ".pdf")), "-"], capture_output=True, text=True)
    assert "出席者名簿" in out.stdout and "尾道" in out.stdout and "代理" in out.stdout


def test_unknown_meeting_stops(tmp_path):
    result = run_attendance(FileLedger([ledger_file(tmp_path, [])]), AttendanceRequest("M-9", tmp_path / "o"))
    assert result.exit_code == 2 and result.problems[0].code == "meeting-not-found"


# -- writing the 出席者数 back -----------------------------------------------------------
def attendees_cell(path):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name("会議").to_python()


HELD = [["M-1", "P1", None, "出席", None, "出席"], ["M-1", "P2", None, "出席", None, "出席"],
        ["M-1", "P3", None, "代理出席", "代 理", None]]


def test_head_count_written_into_a_blank_cell(tmp_path):
    path = ledger_file(tmp_path, HELD, status="開催済")
    result = run(path, tmp_path, today=dt.date(2026, 12, 20))
    assert result.recorded and attendees_cell(path)[1][6] == 3.0


def test_a_typed_head_count_is_kept_and_reported(tmp_path):
    path = ledger_file(tmp_path, HELD, status="開催済", attendees=5)
    result = run(path, tmp_path, today=dt.date(2026, 12, 20))
    assert not result.changes and attendees_cell(path)[1][6] == 5.0
    assert any(p.code == "attendance-count-typed" and p.cell == "G2" for p in result.problems)


class SavedBetween:
    """A source whose ledger is saved again by "staff" between the read and the write."""

    def __init__(self, path, rebuild):
        self.inner, self.rebuild = FileLedger([path]), rebuild

    @property
    def folder(self):
        return self.inner.folder

    def load(self, today=None):
        ledger = self.inner.load(today)
        self.rebuild()
        return ledger

    def update_rows(self, updates):
        return self.inner.update_rows(updates)


def test_race_a_row_inserted_and_a_value_typed(tmp_path):
    path = ledger_file(tmp_path, HELD, status="開催済")

    def insert_row():  # a meeting row inserted above M-1
        rows = attendees_cell(path)
        make_workbook(path, {"会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", "部会"]],
                             "名簿": _roster(), "会議": [rows[0], ["M-0", "KOR", 1, DAY, "予定", None, None],
                                                      [r if not isinstance(r, float) or r != int(r) else int(r) for r in rows[1]]],
                             "出欠": [["会議ID", "人物ID", "氏名", "回答", "代理者", "当日"], *HELD]})

    result = run_attendance(SavedBetween(path, insert_row),
                            AttendanceRequest("M-1", tmp_path / "o", today=dt.date(2026, 12, 20), template=TEMPLATE))
    rows = attendees_cell(path)
    assert result.recorded and rows[2][0] == "M-1" and rows[2][6] == 3.0 and rows[1][6] == ""

    path2 = ledger_file(tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path, HELD, status="開催済")

    def type_value():
        ledger_file(tmp_path / "b", HELD, status="開催済", attendees=4)

    result = run_attendance(SavedBetween(path2, type_value),
                            AttendanceRequest("M-1", tmp_path / "o2", today=dt.date(2026, 12, 20), template=TEMPLATE))
    assert result.exit_code == 1 and any(p.code == "writeback-row-changed" for p in result.problems)
    assert attendees_cell(path2)[1][6] == 4.0


def _roster():
    rows = [["会議体ID", "人物ID", "氏名", "役割", "任期開始", "任期終了"]]
    return rows + [["KOR", pid, name, role, dt.date(2025, 4, 1), dt.date(2027, 3, 31)] for pid, name, role in MEMBERS]


def test_a_proxy_ticked_present_on_the_day_stays_a_proxy(tmp_path):
    # 当日 has no 代理出席: staff tick 出席 when the proxy came. The proxy attended, not the member.
    replies = [["M-1", "P1", None, "出席", None, "出席"], ["M-1", "P3", None, "代理出席", "社協 係長", "出席"],
               ["M-1", "P4", None, "代理出席", "代理 二郎", "欠席"]]
    p = plan(ledger_file(tmp_path, replies, status="開催済"), today=dt.date(2026, 12, 20))
    statuses = {i.member.name: i.status for i in p.invitees}
    assert statuses["尾道 次郎"] == "代理出席" and statuses["福山 三郎"] == "欠席"
    assert p.invitees[2].label == "尾道 次郎（代理：社協 係長）"
    assert p.quorum.present == 1 and p.head_count == 2  # the proxy is at the table, not in the quorum


def test_an_observer_is_neither_counted_for_nor_towards_the_quorum(tmp_path):
    # 5 members (majority 3) and one オブザーバー: the observer's presence does not make the quorum.
    observer = ["KOR", "P7", "傍見 七子", "県社協", "主事", "オブザーバー", "三原市港町1-1", "0848-00-0000",
                dt.date(2025, 4, 1), dt.date(2027, 3, 31)]
    replies = [["M-1", "P1", None, "出席", None, None], ["M-1", "P2", None, "出席", None, None],
               ["M-1", "P7", None, "出席", None, None]]
    p = plan(ledger_file(tmp_path, replies, extra_roster=[observer]))
    assert (p.quorum.members, p.quorum.required, p.quorum.present, p.quorum.met) == (5, 3, 2, False)
    assert any(i.member.name == "傍見 七子" and i.present for i in p.invitees)  # still invited and listed


def test_the_quorum_line_says_the_observer_is_not_counted(tmp_path):
    """The sample's K18 has an オブザーバー: 出席 counts them, the quorum does not, and the line says why."""
    import shutil as _shutil

    from mihara_sheets.jobs import AttendanceRequest, FileLedger, run_attendance
    from mihara_sheets.resources import sample_ledger_path as _sample

    ledger_copy = tmp_path / "台帳.xlsx"
    _shutil.copyfile(_sample(), ledger_copy)
    result = run_attendance(FileLedger([ledger_copy]), AttendanceRequest("K18-2026-03", tmp_path / "out",
                                                                         today=dt.date(2026, 11, 28)))
    [quorum] = [line for line in result.lines if "定足数" in line]
    assert "オブザーバーは数えません" in quorum
