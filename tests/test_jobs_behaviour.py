"""Job behaviour users met, through the job layer (the CLI and the buttons both call it).

Every test works on a real workbook (the sample ledger or one written with XlsxWriter),
runs the job, and reads back what it made and what it wrote into the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets import load_ledger
from mihara_sheets.cli import main
from mihara_sheets.jobs import (
    AgendaRequest, BudgetRequest, FileLedger, NoticeRequest, run_agenda, run_budget, run_notices,
)
from mihara_sheets.resources import sample_ledger_path

from .factory import make_workbook

ISSUE = dt.date(2026, 11, 20)
COUNCILS = [["会議体ID", "会議体名", "区分", "親会議体ID"],
            ["NET", "地域共生連携ネットワーク", "親会", ""],
            ["ALL", "全体会議", "全体会議", "NET"],
            ["KOR", "高齢者支援部会", "部会", "NET"],
            ["SHO", "障害者支援部会", "部会", "NET"],
            ["KYO", "教育支援連絡会", "連絡会議", ""]]
MEETINGS_HEADER = ["会議ID", "会議体ID", "回", "開催日", "時間", "会場", "状態", "文書番号", "通知日"]


def ledger(tmp_path: Path, *, meetings=None, members=None, settings=None, sheets=None) -> Path:
    rows = {
        "会議体": COUNCILS,
        "名簿": [["会議体ID", "氏名", "住所", "電話"], *(members or [
            ["KOR", "広島 花子", "三原市港町1-1", "0848-00-0001"],
            ["KOR", "尾道 太郎", "三原市城町2-2", "0848-00-0002"],
            ["SHO", "広島　花子", "三原市港町1-1", "0848-00-0001"],  # the same person, typed again
            ["SHO", "福山 次郎", "三原市本町3-3", "0848-00-0003"],
            ["KYO", "竹原 三郎", "三原市館町4-4", "0848-00-0004"],
        ])],
        "会議": [MEETINGS_HEADER, *(meetings or [
            ["M-KOR-2", "KOR", 2, dt.date(2026, 12, 15), "14:00～15:30", "本庁舎", "予定", "", ""],
            ["M-SHO-3", "SHO", 3, dt.date(2026, 12, 16), "10:00～11:30", "本庁舎", "予定", "", ""],
            ["M-ALL-1", "ALL", 1, dt.date(2027, 2, 10), "13:30～16:00", "市民ホール", "予定", "", ""],
        ])],
        "設定": [["項目", "値"], ["文書番号", "三保福第"], *(settings or [])],
        **(sheets or {}),
    }
    return make_workbook(tmp_path / "台帳.xlsx", rows)


def meeting(path: Path, meeting_id: str):
    return load_ledger(path).meeting(meeting_id)


def backups(path: Path) -> list[Path]:
    folder = path.parent / "バックアップ"
    return sorted(folder.glob("*.xlsx")) if folder.is_dir() else []


def test_several_meetings_in_one_run_make_one_write_back(tmp_path):
    path = ledger(tmp_path)
    result = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2", "M-SHO-3"], tmp_path / "out", issue_date=ISSUE))
    assert result.exit_code == 0, [p.message for p in result.problems]
    assert [m["meeting_id"] for m in result.data["meetings"]] == ["M-KOR-2", "M-SHO-3"]
    assert len(backups(path)) == 1  # one save for both rows
    numbers = {meeting(path, i).notice_no for i in ("M-KOR-2", "M-SHO-3")}
    assert numbers == {"三保福第1号", "三保福第2号"}
    assert all(meeting(path, i).status == "通知済" for i in ("M-KOR-2", "M-SHO-3"))


def test_meeting_ids_are_matched_as_staff_type_them_and_unknown_ones_get_the_nearest(tmp_path):
    path = ledger(tmp_path)
    typed = run_notices(FileLedger([path]), NoticeRequest(["ｍ－ｋｏｒ－２ "], tmp_path / "out", update=False, issue_date=ISSUE))
    assert typed.exit_code == 0 and typed.data["meetings"][0]["meeting_id"] == "M-KOR-2"
    unknown = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-3"], tmp_path / "out", issue_date=ISSUE))
    assert unknown.exit_code == 2 and not unknown.files
    [problem] = unknown.problems
    assert problem.code == "meeting-not-found" and "M-KOR-2" in problem.message


def test_a_number_alone_takes_the_prefix_and_a_number_in_use_is_refused(tmp_path):
    path = ledger(tmp_path)
    first = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2"], tmp_path / "out", issue_date=ISSUE, notice_no="８０１"))
    assert first.exit_code == 0 and meeting(path, "M-KOR-2").notice_no == "三保福第801号"
    taken = run_notices(FileLedger([path]), NoticeRequest(["M-SHO-3"], tmp_path / "out", issue_date=ISSUE, notice_no="801"))
    assert taken.exit_code == 1 and "notice-number-taken" in [p.code for p in taken.problems]
    assert not (tmp_path / "out" / "開催通知_M-SHO-3").exists()
    assert meeting(path, "M-SHO-3").notice_no is None


def test_a_rerun_keeps_the_recorded_date_and_records_nothing(tmp_path):
    path = ledger(tmp_path)
    run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2"], tmp_path / "out", issue_date=ISSUE))
    before = path.read_bytes()
    again = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2"], tmp_path / "out", issue_date=ISSUE + dt.timedelta(days=3)))
    assert again.exit_code == 0 and again.changes == [] and path.read_bytes() == before
    assert again.data["meetings"][0]["issue_date"] == ISSUE
    assert any("記録済み" in line for line in again.lines)


def test_the_plenary_notice_goes_to_every_subcommittee_member_once(tmp_path):
    path = ledger(tmp_path, settings=[["全体会議の通知先", "教育支援連絡会"]])
    result = run_notices(FileLedger([path]), NoticeRequest(["M-ALL-1"], tmp_path / "out", update=False, issue_date=ISSUE))
    assert result.exit_code == 0, [p.message for p in result.problems]
    singles = sorted(p.name for p in (tmp_path / "out" / "開催通知_M-ALL-1" / "個別").glob("*.docx"))
    # 広島 花子 sits on two 部会 (typed with a full-width space once): one notice.
    assert len(singles) == 4 and sum("広島" in name for name in singles) == 1
    assert any("竹原" in name for name in singles)  # the body the 設定 names
    everyone = run_notices(FileLedger([path]), NoticeRequest(["M-ALL-1"], tmp_path / "all", update=False,
                                                             issue_date=ISSUE, everyone=True))
    assert [p.name for p in everyone.files if p.suffix == ".docx"] == ["開催通知_M-ALL-1_各位.docx"]


def test_no_notice_from_a_meeting_row_with_an_error(tmp_path):
    path = ledger(tmp_path, meetings=[["M-KOR-2", "KOR", 2, "令和8年2月30日", "14:00", "本庁舎", "予定", "", ""]])
    before = path.read_bytes()
    result = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2"], tmp_path / "out", issue_date=ISSUE))
    assert result.exit_code == 1 and not result.files and path.read_bytes() == before
    [problem] = [p for p in result.problems if p.is_error]
    assert (problem.code, problem.sheet, problem.row, problem.field) == ("nonexistent-date", "会議", 2, "date")


def test_outputs_go_beside_the_ledger_by_default_for_the_cli_too(tmp_path, monkeypatch):
    path = ledger(tmp_path / "共有" if (tmp_path / "共有").mkdir() is None else tmp_path)
    elsewhere = tmp_path / "作業"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    done = CliRunner().invoke(main, ["notices", str(path), "--meeting", "M-KOR-2", "--no-update", "--json"])
    assert done.exit_code == 0, done.output
    files = json.loads(done.stdout)["files"]
    assert files and all(Path(f).is_relative_to(path.parent / "出力") for f in files)
    assert not any(elsewhere.iterdir())


def test_dates_are_taken_as_staff_type_them(tmp_path):
    path = ledger(tmp_path)
    for typed in ("令和8年11月20日", "2026/11/20", "R8.11.20"):
        done = CliRunner().invoke(main, ["notices", str(path), "--meeting", "M-KOR-2", "--no-update",
                                         "--out", str(tmp_path / "o"), "--date", typed, "--json"])
        assert done.exit_code == 0, done.output
        assert json.loads(done.stdout)["meetings"][0]["issue_date"] == "2026-11-20"


def test_budget_reports_the_budget_sheets_problems_only(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "名簿": [["会議体ID", "氏名", "任期"], ["KOR", "広島 花子", "090-1234-5678"]],  # a phone number typed as a term
        "会議体": [["会議体ID", "会議体名"], ["KOR", "高齢者支援部会"]],
        "予算": [["年度", "事業名称", "予算額"], [2026, "運営支援", 1_800_000], ["計", "", 1_900_000]],
    })
    assert any(p.sheet == "名簿" for p in load_ledger(path).problems)  # the roster has its error
    result = run_budget(FileLedger([path]), BudgetRequest())
    assert {p.sheet for p in result.problems} == {"予算"}
    assert "090-1234-5678" not in json.dumps(result.to_dict(), ensure_ascii=False, default=str)
    assert result.exit_code == 1  # the 計 row does not match


def test_agenda_names_the_errors_on_the_rows_it_was_made_from(tmp_path):
    path = ledger(tmp_path, meetings=[
        ["M-KOR-1", "KOR", 1, dt.date(2026, 6, 30), "25時～", "本庁舎", "開催済", "", ""],  # a 部会 meeting of the year
        ["M-ALL-1", "ALL", 1, dt.date(2027, 2, 10), "13:30～16:00", "市民ホール", "予定", "", ""],
    ])
    result = run_agenda(FileLedger([path]), AgendaRequest(2026, tmp_path / "out"))
    assert result.exit_code == 1 and result.files
    assert ("invalid-time", "会議", 2) in [(p.code, p.sheet, p.row) for p in result.problems]


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_plenary_programme_lists_its_agenda_items_with_their_materials(tmp_path):
    items = [["会議ID", "順", "区分", "議題", "説明者", "資料番号"],
             ["M-ALL-1", "2", "協議", "令和9年度の運営方針（案）について", "事務局", "資料3"],
             ["M-ALL-1", "1", "報告", "各部会の活動報告", "", "資料1"],
             ["M-ALL-1", "1-(1)", "報告", "高齢者支援部会", "部会長", "資料1-1"],
             ["M-KOR-2", "1", "協議", "部会の議題は全体会議の次第に入らない", "", "資料9"],
             ["M-ALL-1", "3", "その他", "その他", "", ""]]
    path = ledger(tmp_path, sheets={"議題": items})
    result = run_agenda(FileLedger([path]), AgendaRequest(2026, tmp_path / "out"))
    assert result.exit_code == 0, [p.message for p in result.problems]
    text = _paragraphs(result.files[0])
    start, end = text.index("1　開　会"), text.index("6　閉　会")
    assert text[start:end + 1] == [
        "1　開　会", "2　あいさつ",
        "3　報　告", "（1）各部会の活動報告（資料1）", "　　ア　高齢者支援部会（資料1-1）",
        "4　協　議", "（1）令和9年度の運営方針（案）について（資料3）",
        "5　その他", "6　閉　会",
    ]
    assert not any("資料9" in line for line in text)


def test_without_agenda_items_the_programme_is_the_default_one(tmp_path):
    path = ledger(tmp_path)
    result = run_agenda(FileLedger([path]), AgendaRequest(2026, tmp_path / "out"))
    text = _paragraphs(result.files[0])
    assert "3　報　告　各部会の活動報告（令和8年度）" in text and "6　閉　会" in text


def test_the_sample_demo_path_still_notifies_the_next_meeting(tmp_path):
    path = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    result = run_notices(FileLedger([path]), NoticeRequest(out=tmp_path / "o", issue_date=dt.date(2026, 11, 28)))
    assert result.recorded and meeting(path, "K18-2026-03").status == "通知済"


def test_a_rerun_keeps_what_staff_touched_in_the_output_folder(tmp_path):
    path = ledger(tmp_path)
    request = NoticeRequest(meeting_ids=["M-KOR-2"], out=tmp_path / "out", issue_date=ISSUE, update=False)
    first = run_notices(FileLedger([path]), request)
    single = tmp_path / "out" / "開催通知_M-KOR-2" / "個別"
    hanako, taro = sorted(single.glob("*.docx"))
    assert first.exit_code == 0 and [hanako.name, taro.name] == ["001_広島花子.docx", "002_尾道太郎.docx"]
    copy = single / "001_広島花子 - コピー.docx"
    copy.write_bytes(hanako.read_bytes())
    hanako.write_bytes(hanako.read_bytes() + b"edited")  # changed by hand in Word
    # 尾道 leaves the roster; the rerun must not leave his old notice behind.
    path = ledger(tmp_path, members=[["KOR", "広島 花子", "三原市港町1-1", "0848-00-0001"]])
    second = run_notices(FileLedger([path]), request)
    names = sorted(p.name for p in single.iterdir())
    assert names == ["001_広島花子 - コピー.docx", "001_広島花子.docx", "001_広島花子（前回）.docx"]
    assert (single / "001_広島花子（前回）.docx").read_bytes().endswith(b"edited")
    assert [p.code for p in second.problems] == ["output-edited-kept"] and second.exit_code == 0


# Every job that makes files, told to write where a file already stands in the way.
FILE_JOBS = [
    ["notices", "--meeting", "K18-2026-03", "--no-update"],
    ["agenda", "--fy", "2026"],
    ["agenda", "--meeting", "K18-2026-03"],
    ["attendance", "--meeting", "K18-2026-03"],
    ["minutes", "--meeting", "K18-2026-02"],
    ["labels", "--meeting", "K18-2026-03"],
    ["honoraria", "--meeting", "K18-2026-02"],
    ["inventory"],
    ["appointments", "--council", "K18", "--from", "2027-01-01"],
]


@pytest.mark.parametrize("arguments", FILE_JOBS, ids=lambda a: " ".join(a[:2]))
def test_an_output_folder_that_cannot_be_made_stops_with_the_place_named(tmp_path, arguments):
    ledger_copy = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger_copy)
    before = ledger_copy.read_bytes()
    blocker = tmp_path / "出力先"
    blocker.write_text("ここはフォルダではありません", encoding="utf-8")
    # A file where a folder on the way must be (the CLI itself refuses --out naming a file).
    out = blocker / "通知"
    done = CliRunner().invoke(main, [arguments[0], str(ledger_copy), *arguments[1:], "--out", str(out), "--json"])
    report = json.loads(done.stdout)
    assert done.exit_code == 2, done.output
    problem = next(p for p in report["problems"] if p["code"] == "output-not-writable")
    assert "出力先" in problem["message"] and "書き込めませんでした" in problem["message"]
    assert "途中にフォルダではなくファイルがあります" in problem["message"]  # the OS's reason, in Japanese
    assert "Traceback" not in done.output
    assert ledger_copy.read_bytes() == before  # nothing recorded when nothing was made
    assert blocker.read_text(encoding="utf-8") == "ここはフォルダではありません"


@pytest.mark.parametrize("arguments", [*FILE_JOBS, ["check"], ["terms"], ["budget"]], ids=lambda a: " ".join(a[:2]))
def test_every_jobs_json_counts_its_problems_the_same_way(tmp_path, arguments):
    """Scripts read ``counts`` alike for every job: no job's own figures take that name."""
    ledger_copy = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger_copy)
    out = ["--out", str(tmp_path / "出力")] if arguments in FILE_JOBS else []
    done = CliRunner().invoke(main, [arguments[0], str(ledger_copy), *arguments[1:], *out, "--json"])
    report = json.loads(done.stdout)
    problems = report["problems"]
    assert report["counts"] == {"error": sum(p["severity"] == "error" for p in problems),
                                "warning": sum(p["severity"] == "warning" for p in problems)}


def test_the_default_meeting_is_never_one_already_past(tmp_path):
    """A 予定 left on a meeting held months ago (staff forgot 開催済) gets no notices."""
    past = ["M-KOR-1", "KOR", 1, dt.date(2026, 9, 10), "14:00～15:30", "本庁舎", "予定", "", ""]
    path = ledger(tmp_path, meetings=[past, ["M-SHO-3", "SHO", 3, dt.date(2026, 12, 16), "10:00～11:30",
                                             "本庁舎", "予定", "", ""]])
    result = run_notices(FileLedger([path]), NoticeRequest([], tmp_path / "out", issue_date=ISSUE))
    assert result.exit_code == 0, [p.message for p in result.problems]
    assert meeting(path, "M-KOR-1").status == "予定" and meeting(path, "M-SHO-3").status == "通知済"
    (tmp_path / "only_past").mkdir()
    only_past = ledger(tmp_path / "only_past", meetings=[past])
    nothing = run_notices(FileLedger([only_past]), NoticeRequest([], tmp_path / "out2", issue_date=ISSUE))
    assert nothing.exit_code == 2 and [p.code for p in nothing.problems] == ["no-meeting-to-notify"]
    assert meeting(only_past, "M-KOR-1").status == "予定" and not nothing.files


def test_a_roster_row_left_out_for_a_blank_name_comes_with_the_notices(tmp_path):
    """The member whose 氏名 was cleared gets no notice: the job says so, at the cell."""
    path = ledger(tmp_path, members=[
        ["KOR", "広島 花子", "三原市港町1-1", "0848-00-0001"],
        ["KOR", "", "三原市城町2-2", "0848-00-0002"],
        ["SHO", "福山 次郎", "三原市本町3-3", "0848-00-0003"],
    ])
    result = run_notices(FileLedger([path]), NoticeRequest(["M-KOR-2"], tmp_path / "out", issue_date=ISSUE,
                                                           update=False))
    missing = [p for p in result.problems if p.code == "required-missing"]
    assert [(p.sheet, p.cell) for p in missing] == [("名簿", "B3")] and result.exit_code == 1


def test_terms_names_the_roster_rows_it_could_not_check(tmp_path):
    """A 任期 that cannot be read, or a row left out, is a member 任期確認 did not look at: exit 1."""
    from mihara_sheets.jobs import run_terms

    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": COUNCILS,
        "名簿": [["会議体ID", "氏名", "任期開始", "任期終了"],
                 ["KOR", "広島 花子", "令和7年4月1日", "令和9年3月31日"],
                 ["KOR", "尾道 太郎", "令和7年4月1日", "令和8年2月30日"],  # no such day
                 ["KOR", "", "令和6年4月1日", "令和8年3月31日"]],  # 氏名 cleared: the row is left out
    })
    result = run_terms(FileLedger([path]), today=dt.date(2026, 11, 28))
    assert result.exit_code == 1
    assert [(p.code, p.cell) for p in result.problems if p.is_error] == [("nonexistent-date", "D3"),
                                                                         ("required-missing", "B4")]
    assert any("確認できていません" in line for line in result.lines)


def test_a_budget_file_on_its_own_is_tallied_without_council_errors(tmp_path):
    """A 予算 export without the 会議体 sheet: its 関連会議体ID cannot be checked, so it is not."""
    path = tmp_path / "予算_kintone.csv"
    path.write_text("年度,事業名,予算額,執行額,関連会議体ID\n2026,部会委員報酬,50000,9500,K16\n"
                    "2026,全体会議セミナー講師謝礼,60000,0,K99\n", encoding="utf-8")
    result = run_budget(FileLedger([path]), BudgetRequest())
    assert result.exit_code == 0, [p.message for p in result.problems]
    assert not [p for p in result.problems if p.code == "unknown-council"]
    assert result.product.total.budget == 110_000
