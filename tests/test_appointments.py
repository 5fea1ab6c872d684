"""appointments: 委嘱状・任命書・就任承諾書・解嘱状・礼状 at a term renewal, read back from the .docx/PDF."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from mihara_sheets.analyses.appointments import find_council, plan_renewal
from mihara_sheets.cli import main
from mihara_sheets.jobs import AppointmentRequest, FileLedger, run_appointments
from mihara_sheets.loading import load_ledger
from mihara_sheets.resources import sample_ledger_path
from tests.factory import make_workbook

OLD = (dt.date(2025, 4, 1), dt.date(2027, 3, 31))
NEW = (dt.date(2027, 4, 1), dt.date(2029, 3, 31))
MID = dt.date(2027, 1, 1)


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.text.strip()]


def small_ledger(path: Path, *, nominate: str | None = None, appointer: str | None = "三原市長　見本 太郎") -> Path:
    """A 部会 with a cut-short member, a mid-term replacement, and the next term's rows."""
    rows = [["会議体ID", "人物ID", "氏名", "所属", "役割", "選任区分", "任期開始", "任期終了"],
            ["KOR", "P1", "一之瀬 一", "見本町内会", "部会長", "推薦", *OLD],
            ["KOR", "P2", "二宮 二郎", "見本病院", "委員", "推薦", *OLD],
            ["KOR", "P3", "三浦 三郎", "見本老人会", "委員", "推薦", OLD[0], dt.date(2026, 12, 31)],
            ["KOR", "P4", "四谷 四郎", "三原市高齢者福祉課", "委員", "充て職", MID, OLD[1]],
            ["KOR", "P5", "五十嵐 五郎", "三原市地域福祉課", "事務局", None, MID, None],
            ["KOR", "P1", "一之瀬 一", "見本町内会", "委員", "推薦", *NEW],
            ["KOR", "P6", "六車 六子", "公募委員", "委員", "公募", *NEW]]
    settings = [["項目", "値"], ["担当課", "三原市保健福祉部 地域福祉課"]]
    if appointer:
        settings.append(["委嘱者", appointer])
    if nominate:
        settings.append(["充て職は任命とする", nominate])
    make_workbook(path, {"会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", "部会"]],
                         "名簿": rows, "設定": settings})
    return path


def run(path: Path, start: dt.date, out: Path, council: str = "KOR", **kw):
    return run_appointments(FileLedger([path]), AppointmentRequest(council, start, out, **kw))


def names(result, kind: str) -> list[str]:
    return [p.stem.split("_", 1)[1] for p in result.files if p.parent.name == kind and p.suffix == ".docx"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    ledger = folder / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["appointments", str(ledger), "--council", "K18", "--from", "令和9年1月1日",
                                     "--pdf", "--json"])
    return done, json.loads(done.stdout), ledger


def test_sample_replacement_gets_a_commission_for_the_predecessors_remaining_term(sample):
    done, report, ledger = sample
    assert done.exit_code == 0, report
    assert not report["problems"]
    files = [Path(p) for p in report["files"]]
    (commission,) = [p for p in files if p.parent.name == "委嘱状" and p.suffix == ".docx"]
    assert commission.name == "001_引継茂.docx"
    lines = texts(commission)
    assert lines == ["委\u3000嘱\u3000状", "引継 茂\u3000様", "あなたを地域共生会議高齢者支援部会委員に委嘱します",
                     "任期\u3000令和9年1月1日から令和9年3月31日まで", "（前任者の残任期間）", "令和9年1月1日",
                     "三原市長\u3000見本 太郎"]
    (acceptance,) = [p for p in files if p.parent.name == "就任承諾書" and p.suffix == ".docx"]
    lines = texts(acceptance)
    assert "私は、地域共生会議高齢者支援部会委員に就任することを承諾します。" in lines
    assert "任期\u3000令和9年1月1日から令和9年3月31日まで（前任者の残任期間）" in lines
    assert "三原市長\u3000見本 太郎\u3000様" in lines
    assert report["appointed"] == [{"name": "引継 茂", "person_id": "P051", "kind": "委嘱", "replacement": True,
                                    "term_start": "2027-01-01", "term_end": "2027-03-31"}]
    # The ledger is only read.
    assert ledger.read_bytes() == sample_ledger_path().read_bytes()


def test_sample_predecessor_cut_short_gets_a_dismissal_and_a_thanks_letter(sample):
    _, report, _ = sample
    files = [Path(p) for p in report["files"]]
    (dismissal,) = [p for p in files if p.parent.name == "解嘱状" and p.suffix == ".docx"]
    assert texts(dismissal)[:4] == ["解\u3000嘱\u3000状", "試案 弘\u3000様",
                                    "令和8年12月31日をもって地域共生会議高齢者支援部会委員を解嘱します", "在任中の御尽力に深く感謝いたします"]
    assert texts(dismissal)[4] == "令和8年12月31日"  # dated the day it takes effect
    (thanks,) = [p for p in files if p.parent.name == "礼状" and p.suffix == ".docx"]
    body = "\n".join(texts(thanks))
    assert "試案 弘\u3000様" in body and "令和7年4月1日から令和8年12月31日まで地域共生会議高齢者支援部会委員として" in body
    assert report["leaving"] == [{"name": "試案 弘", "person_id": "P040", "cut_short": True, "term_end": "2026-12-31"}]


def test_sample_documents_open_in_libreoffice(sample):
    _, report, _ = sample
    pdfs = sorted(Path(p) for p in report["files"] if p.endswith(".pdf"))
    assert {p.parent.name for p in pdfs} == {"委嘱状", "就任承諾書", "解嘱状", "礼状"}
    assert len(pdfs) == 8  # each member's letter and each combined file
    commission = next(p for p in pdfs if p.parent.name == "委嘱状" and p.name.startswith("001_"))
    text = subprocess.run(["pdftotext", "-layout", str(commission), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = text.replace(" ", "").replace("\u3000", "")
    assert "委嘱状" in flat and "引継茂様" in flat and "前任者の残任期間" in flat
    assert "令和9年1月1日から令和9年3月31日まで" in flat
    pages = subprocess.run(["pdfinfo", str(commission)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M) and "A4" in pages


def test_full_renewal_new_terms_and_thanks_for_those_whose_terms_end(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    result = run(ledger, NEW[0], tmp_path / "out")
    assert result.exit_code == 0, [p.message for p in result.problems]
    assert names(result, "委嘱状") == ["一之瀬一", "六車六子"]  # P1 reappointed, P6 new
    assert names(result, "就任承諾書") == ["一之瀬一", "六車六子"]
    assert names(result, "礼状") == ["二宮二郎", "四谷四郎"]  # terms ended 2027-03-31; P1 continues
    assert names(result, "解嘱状") == []  # nobody left before the regular end
    first = next(p for p in result.files if p.parent.name == "委嘱状")
    lines = texts(first)
    assert "任期\u3000令和9年4月1日から令和11年3月31日まで" in lines
    assert "（前任者の残任期間）" not in lines
    combined = next(p for p in result.files if p.name == "一括印刷用_委嘱状.docx")
    assert [t for t in texts(combined) if t.endswith("様")] == ["一之瀬 一\u3000様", "六車 六子\u3000様"]


def test_mid_term_replacement_and_the_member_cut_short(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    result = run(ledger, MID, tmp_path / "out")
    assert names(result, "委嘱状") == ["四谷四郎"]
    assert "（前任者の残任期間）" in texts(next(p for p in result.files if p.parent.name == "委嘱状"))
    assert names(result, "解嘱状") == ["三浦三郎"]
    assert names(result, "礼状") == ["三浦三郎"]
    assert "五十嵐五郎" not in "".join(p.name for p in result.files)  # 事務局: no letters


def test_ex_officio_members_get_a_nomination_when_the_setting_says_so(tmp_path):
    without = run(small_ledger(tmp_path / "a.xlsx"), MID, tmp_path / "a")
    assert names(without, "委嘱状") == ["四谷四郎"] and names(without, "任命書") == []
    ledger = small_ledger(tmp_path / "b.xlsx", nominate="はい")
    result = run(ledger, MID, tmp_path / "b")
    assert names(result, "任命書") == ["四谷四郎"] and names(result, "委嘱状") == []
    lines = texts(next(p for p in result.files if p.parent.name == "任命書"))
    assert lines[0] == "任\u3000命\u3000書"
    assert "あなたを高齢者支援部会委員に任命します" in lines
    # only 充て職: a 推薦 member is still 委嘱 under the same setting
    renewal = run(ledger, NEW[0], tmp_path / "c")
    assert names(renewal, "委嘱状") == ["一之瀬一", "六車六子"]


def test_unknown_council_stops_with_a_suggestion(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    done = CliRunner().invoke(main, ["appointments", str(ledger), "--council", "KO", "--from", "2027-04-01", "--json"])
    report = json.loads(done.stdout)
    assert done.exit_code == 2
    (problem,) = report["problems"]
    assert problem["code"] == "appointments-council-not-found"
    assert "「KO」" in problem["message"] and "KOR" in problem["message"]
    assert not (tmp_path / "出力").exists()


def test_nobody_starting_or_leaving_is_a_warning_and_makes_nothing(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    result = run(ledger, dt.date(2026, 6, 1), tmp_path / "out")
    assert result.exit_code == 0 and not result.files
    assert [p.code for p in result.problems] == ["appointments-nobody"]
    assert not (tmp_path / "out").exists()


def test_council_by_name_or_by_a_meeting_id_and_no_appointer_in_settings(tmp_path):
    ledger = load_ledger(small_ledger(tmp_path / "台帳.xlsx", appointer=None))
    assert find_council(ledger, "高齢者支援部会").council_id == "KOR"
    assert find_council(ledger, "ｋｏｒ").council_id == "KOR"
    assert find_council(ledger, "nothing") is None
    plan = plan_renewal(ledger, find_council(ledger, "KOR"), MID)
    assert [a.member.person_id for a in plan.appointed] == ["P4"]
    assert plan.appointed[0].remaining == OLD
    result = run(tmp_path / "台帳.xlsx", MID, tmp_path / "out")
    assert "appointment-no-appointer" in [p.code for p in result.problems]
    signature = texts(next(p for p in result.files if p.parent.name == "委嘱状"))[-1]
    assert signature == "三原市長"


def test_missing_from_is_a_usage_error(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    done = CliRunner().invoke(main, ["appointments", str(ledger), "--council", "KOR"])
    assert done.exit_code == 2
    assert "--from" in done.output


def test_a_rerun_keeps_a_letter_staff_edited(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx")
    first = run(ledger, MID, tmp_path / "out")
    letter = next(p for p in first.files if p.parent.name == "委嘱状")
    edited = docx.Document(letter)
    edited.add_paragraph("手で足した一文")
    edited.save(letter)
    again = run(ledger, MID, tmp_path / "out")
    assert any(p.code == "output-edited-kept" for p in again.problems)
    assert "手で足した一文" in texts(letter.with_name(f"{letter.stem}（前回）.docx"))
    assert "手で足した一文" not in texts(letter)


# -- fixes after review (fix-paper) -------------------------------------------------------------

def nested_ledger(path: Path, *, p4_end=OLD[1], p2_first=None) -> Path:
    """The small 部会 under a 親会 (地域共生会議), with 初回委嘱日."""
    rows = [["会議体ID", "人物ID", "氏名", "所属", "役割", "選任区分", "任期開始", "任期終了", "初回委嘱日"],
            ["KOR", "P1", "一之瀬 一", "見本町内会", "部会長", "推薦", *OLD, None],
            ["KOR", "P2", "二宮 二郎", "見本病院", "委員", "推薦", *OLD, p2_first],
            ["KOR", "P3", "三浦 三郎", "見本老人会", "委員", "推薦", OLD[0], dt.date(2026, 12, 31), None],
            ["KOR", "P4", "四谷 四郎", "三原市高齢者福祉課", "委員", "充て職", MID, p4_end, None]]
    make_workbook(path, {"会議体": [["会議体ID", "会議体名", "区分", "親会議体ID"],
                                    ["KOY", "地域共生会議", "親会", None],
                                    ["KOR", "高齢者支援部会", "部会", "KOY"]],
                         "名簿": rows, "設定": [["項目", "値"], ["委嘱者", "三原市長　見本 太郎"]]})
    return path


def letter_of(result, kind: str) -> list[str]:
    return texts(next(p for p in result.files if p.parent.name == kind and p.suffix == ".docx"))


def test_leaving_letters_are_dated_the_last_day_of_the_term_and_commissions_the_first(tmp_path):
    result = run(nested_ledger(tmp_path / "台帳.xlsx"), MID, tmp_path / "out")
    assert "令和8年12月31日" in letter_of(result, "解嘱状")  # not 令和9年1月1日: no backdated dismissal
    assert "令和9年1月1日" not in letter_of(result, "解嘱状")
    assert letter_of(result, "礼状")[0] == "令和8年12月31日"
    assert "令和9年1月1日" in letter_of(result, "委嘱状")
    given = run(tmp_path / "台帳.xlsx", MID, tmp_path / "given", issue_date=dt.date(2026, 12, 20))
    assert letter_of(given, "礼状")[0] == "令和8年12月20日"
    assert "令和8年12月20日" in letter_of(given, "委嘱状")


def test_a_subcommittee_position_names_its_parent_body(tmp_path):
    result = run(nested_ledger(tmp_path / "台帳.xlsx"), MID, tmp_path / "out")
    assert "あなたを地域共生会議高齢者支援部会委員に委嘱します" in letter_of(result, "委嘱状")
    assert "令和8年12月31日をもって地域共生会議高齢者支援部会委員を解嘱します" in letter_of(result, "解嘱状")


def test_thanks_letter_counts_the_years_from_the_first_appointment(tmp_path):
    ledger = nested_ledger(tmp_path / "台帳.xlsx", p2_first=dt.date(2013, 4, 1))
    result = run(ledger, NEW[0], tmp_path / "out")
    thanks = texts(next(p for p in result.files if p.parent.name == "礼状" and "二宮" in p.name))
    assert any("平成25年4月1日から令和9年3月31日まで" in line for line in thanks), thanks


def test_letters_carry_the_check_warnings_of_the_rows_they_use(tmp_path):
    # P4 joins mid-term but its end runs past the others' term: check says term-past-predecessor.
    result = run(nested_ledger(tmp_path / "台帳.xlsx", p4_end=dt.date(2028, 3, 31)), MID, tmp_path / "out")
    assert names(result, "委嘱状") == ["四谷四郎"]
    (problem,) = [p for p in result.problems if p.code == "term-past-predecessor"]
    assert problem.sheet == "名簿" and problem.row == 5


def test_a_replacement_without_an_end_gets_the_common_term_end(tmp_path):
    result = run(nested_ledger(tmp_path / "台帳.xlsx", p4_end=None), MID, tmp_path / "out")
    lines = letter_of(result, "委嘱状")
    assert "任期\u3000令和9年1月1日から令和9年3月31日まで" in lines, lines
    assert "（前任者の残任期間）" in lines
    (problem,) = [p for p in result.problems if p.code == "appointment-remaining-end"]
    assert "令和9年3月31日" in problem.message and problem.cell.startswith("H")


def test_no_appointer_points_at_the_settings_sheet(tmp_path):
    result = run(small_ledger(tmp_path / "台帳.xlsx", appointer=None), MID, tmp_path / "out")
    (problem,) = [p for p in result.problems if p.code == "appointment-no-appointer"]
    assert problem.sheet == "設定"
    ledger = small_ledger(tmp_path / "b.xlsx", appointer=None)
    make_workbook(ledger, {"会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", "部会"]],
                           "名簿": [["会議体ID", "氏名", "役割", "任期開始", "任期終了"],
                                  ["KOR", "一之瀬 一", "委員", MID, OLD[1]]],
                           "設定": [["項目", "値"], ["担当課", "地域福祉課"], ["委嘱者", None]]})
    result = run(ledger, MID, tmp_path / "b")
    (problem,) = [p for p in result.problems if p.code == "appointment-no-appointer"]
    assert problem.sheet == "設定" and problem.cell == "B3"  # the key is there, its value blank
