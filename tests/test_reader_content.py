"""Tables found by their header rows, a roster's council from its title or file name, and
the headers offices type on their own forms (issue 17).

The forms are written as fixtures from the header lists of real published forms (a roster
saved as Sheet1 in R5委員名簿.xlsx under a title row, a payment list headed 款名 / 支払額,
a meeting list with 開催日時 「令和5年6月12日 14時から16時まで」), never copied files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.problems import LedgerReadError

from .factory import basic_councils, make_workbook, write_csv

TODAY = dt.date(2023, 10, 1)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "excel-made"  # beside the project
RECORD_LISTS = ("councils", "members", "meetings", "agenda_items", "attendance", "payments",
                "budget_lines", "budget_totals", "annual_reports")


def codes(ledger) -> list[str]:
    return [p.code for p in ledger.problems]


def only(ledger, code):
    found = [p for p in ledger.problems if p.code == code]
    assert len(found) == 1, (code, [str(p) for p in ledger.problems])
    return found[0]


def councils_file(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "会議体.xlsx", {"会議体": basic_councils()})


ROSTER_HEADER = ["No.", "委員氏名", "所属団体名等", "任期（自）", "任期（至）", "備考"]
ROSTER_ROWS = [
    [1, "三原 花子", "三原市社会福祉協議会", dt.date(2023, 4, 1), dt.date(2025, 3, 31), ""],
    [2, "本郷 一郎", "三原市医師会", dt.date(2023, 4, 1), dt.date(2025, 3, 31), ""],
]


# -- 1. tables found by content

def test_a_roster_saved_as_sheet1_under_a_title_is_read_as_that_councils_roster(tmp_path):
    roster = make_workbook(tmp_path / "R5委員名簿.xlsx", {
        "Sheet1": [["三原市高齢者支援部会 委員名簿（令和5年4月1日現在）"], [], ROSTER_HEADER, *ROSTER_ROWS],
    })
    ledger = load_ledger(councils_file(tmp_path), roster, today=TODAY)
    assert [(m.council_id, m.name, m.organization, m.term_start, m.term_end) for m in ledger.members] == [
        ("K02", "三原 花子", "三原市社会福祉協議会", dt.date(2023, 4, 1), dt.date(2025, 3, 31)),
        ("K02", "本郷 一郎", "三原市医師会", dt.date(2023, 4, 1), dt.date(2025, 3, 31)),
    ]
    guessed = only(ledger, "table-guessed")
    assert guessed.sheet == "Sheet1" and "名簿" in guessed.message and "委員氏名" in guessed.message
    title = only(ledger, "roster-council-from-title")
    assert "高齢者支援部会" in title.message and title.severity == "warning"
    assert ledger.ok, [str(p) for p in ledger.errors]
    assert ledger.members[0].origin.cell("name") == "B4"


def test_without_a_title_the_council_comes_from_the_file_name(tmp_path):
    roster = make_workbook(tmp_path / "R5高齢者支援部会委員名簿.xlsx", {"Sheet1": [ROSTER_HEADER, *ROSTER_ROWS]})
    ledger = load_ledger(councils_file(tmp_path), roster, today=TODAY)
    assert {m.council_id for m in ledger.members} == {"K02"}
    problem = only(ledger, "roster-council-from-file")
    assert "R5高齢者支援部会委員名簿" in problem.message
    assert "roster-council-from-title" not in codes(ledger)


def test_a_title_naming_no_known_council_still_names_one(tmp_path):
    """A roster file alone: the council is the title's council words; it is then not in the
    ledger, which is an error, never a silent guess."""
    roster = make_workbook(tmp_path / "R5委員名簿.xlsx", {
        "Sheet1": [["三原市地域福祉推進協議会 委員名簿（令和5年4月1日現在）"], ROSTER_HEADER, *ROSTER_ROWS],
    })
    ledger = load_ledger(roster, today=TODAY)
    assert "三原市地域福祉推進協議会" in only(ledger, "roster-council-from-title").message
    assert "unknown-council" in codes(ledger)


def test_a_roster_without_title_or_council_in_its_file_name_is_missing_its_council(tmp_path):
    roster = make_workbook(tmp_path / "一覧.xlsx", {"Sheet1": [ROSTER_HEADER, *ROSTER_ROWS]})
    ledger = load_ledger(councils_file(tmp_path), roster, today=TODAY)
    assert ledger.members == []
    assert "missing-column" in codes(ledger)


def test_a_sheet_named_for_a_council_stays_its_roster(tmp_path):
    book = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": basic_councils(), "高齢者支援部会": [ROSTER_HEADER, *ROSTER_ROWS],
    })
    ledger = load_ledger(book, today=TODAY)
    assert {m.council_id for m in ledger.members} == {"K02"}
    assert "table-guessed" not in codes(ledger) and "roster-council-from-file" not in codes(ledger)


def test_a_payment_list_headed_kan_and_shiharaigaku_is_a_budget_with_spent(tmp_path):
    """支払額 is what was paid: the budget sheet's 執行額 (spent), 款名/項名/目名 its 款・項・目."""
    book = make_workbook(tmp_path / "支出一覧.xlsx", {"Sheet1": [
        ["令和5年度 地域共生事業 支出一覧"],
        ["款名", "項名", "目名", "節", "事業名", "支払先", "支払額"],
        ["民生費", "社会福祉費", "社会福祉総務費", "報償費", "講演会", "三原 太郎", "30,000円"],
        ["民生費", "社会福祉費", "社会福祉総務費", "委託料", "調査委託", "株式会社みはら", 1_200_000],
    ]})
    ledger = load_ledger(councils_file(tmp_path), book, today=TODAY)
    lines = ledger.budget_lines
    assert [(b.kan, b.kou, b.moku, b.setsu, b.project, b.vendor, b.spent, b.budget, b.fiscal_year)
            for b in lines] == [
        ("民生費", "社会福祉費", "社会福祉総務費", "報償費", "講演会", "三原 太郎", 30_000, None, 2023),
        ("民生費", "社会福祉費", "社会福祉総務費", "委託料", "調査委託", "株式会社みはら", 1_200_000, None, 2023),
    ]
    assert "予算" in only(ledger, "table-guessed").message


def test_initial_and_revised_budgets(tmp_path):
    """補正後予算額 is the budget; 当初予算額 is kept beside it, and is the budget when alone."""
    both = make_workbook(tmp_path / "予算.xlsx", {"予算": [
        ["事業名", "当初予算額", "補正後予算額", "支出額"],
        ["講演会", 100_000, 120_000, 90_000],
    ]})
    line = load_ledger(councils_file(tmp_path), both, today=TODAY).budget_lines[0]
    assert (line.initial_budget, line.budget, line.spent) == (100_000, 120_000, 90_000)
    alone = make_workbook(tmp_path / "予算2.xlsx", {"予算": [
        ["事業名", "当初予算額（千円）"], ["講演会", 100], ["計", 100],
    ]})
    ledger = load_ledger(councils_file(tmp_path), alone, today=TODAY)
    assert (ledger.budget_lines[0].initial_budget, ledger.budget_lines[0].budget) == (100_000, 100_000)
    assert ledger.budget_totals[0].matches


def test_a_meeting_list_with_kaisai_nichiji_and_times_in_words(tmp_path):
    book = make_workbook(tmp_path / "開催.xlsx", {"会議体": basic_councils(), "Sheet2": [
        ["会議ID", "会議体", "会議の名称", "開催日時", "議題等"],
        ["M1", "高齢者支援部会", "令和5年度第1回高齢者支援部会", "令和5年6月12日 14時から16時まで",
         "(1) 事業計画について\n(2) その他"],
    ]})
    ledger = load_ledger(book, today=TODAY)
    meeting = ledger.meetings[0]
    assert (meeting.council_id, meeting.title, meeting.date, meeting.start, meeting.end) == (
        "K02", "令和5年度第1回高齢者支援部会", dt.date(2023, 6, 12), dt.time(14), dt.time(16))
    assert meeting.agenda == ["事業計画について", "その他"]
    assert "会議" in only(ledger, "table-guessed").message


def test_two_row_term_header_and_the_itaku_period(tmp_path):
    book = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": basic_councils(),
        "委員名簿": [["部会", "委員氏名", "任期", ""], ["", "", "（自）", "（至）"],
                 ["K02", "三原 花子", dt.date(2023, 4, 1), dt.date(2025, 3, 31)]],
        "Sheet2": [["部会", "委員氏名", "所属団体名", "委嘱期間"],
                   ["K03", "本郷 一郎", "三原市医師会", "令和5年4月1日～令和7年3月31日"]],
    }, merges={"委員名簿": ["C1:D1"]})
    ledger = load_ledger(book, today=TODAY)
    assert [(m.council_id, m.term_start, m.term_end) for m in ledger.members] == [
        ("K02", dt.date(2023, 4, 1), dt.date(2025, 3, 31)), ("K03", dt.date(2023, 4, 1), dt.date(2025, 3, 31))]


def test_a_tie_is_a_warning_and_no_records(tmp_path):
    """会議ID・氏名・備考 fit 出欠 and 謝金 alike: the reader does not choose."""
    book = make_workbook(tmp_path / "台帳.xlsx", {"会議体": basic_councils(), "Sheet3": [
        ["会議ID", "氏名", "備考"], ["M1", "三原 花子", ""],
    ]})
    ledger = load_ledger(book, today=TODAY)
    problem = only(ledger, "table-ambiguous")
    assert problem.sheet == "Sheet3" and "出欠" in problem.message and "謝金" in problem.message
    assert ledger.attendance == [] and ledger.payments == []


def test_a_weak_match_is_a_warning_and_no_records(tmp_path):
    book = make_workbook(tmp_path / "台帳.xlsx", {"会議体": basic_councils(), "参加者": [
        ["氏名", "所属", "趣味", "出身地", "好きな食べ物"], ["三原 花子", "社協", "囲碁", "三原", "たこ"],
    ]})
    ledger = load_ledger(book, today=TODAY)
    problem = only(ledger, "table-weak")
    assert problem.sheet == "参加者" and "名簿" in problem.message and "氏名" in problem.message
    assert ledger.members == []
    assert "unknown-roster-sheet" not in codes(ledger)


def test_settings_tell_a_sheet_which_table_it_is(tmp_path):
    book = make_workbook(tmp_path / "台帳.xlsx", {
        "設定": [["表:Sheet3", "出欠"], ["表：メモ", "対象外"], ["表:Sheet4", "高齢者支援部会"],
               ["表:Sheet5", "謎の表"], ["表:ない", "名簿"]],
        "会議体": basic_councils(),
        "会議": [["会議ID", "会議体", "開催日"], ["M1", "K02", dt.date(2023, 6, 12)]],
        "Sheet3": [["会議ID", "氏名", "備考"], ["M1", "三原 花子", ""]],
        "メモ": [["委員氏名", "所属団体名等", "任期（自）"], ["三原 花子", "社協", dt.date(2023, 4, 1)]],
        "Sheet4": [ROSTER_HEADER, *ROSTER_ROWS],
        "Sheet5": [["会議ID", "氏名", "備考"], ["M1", "本郷 一郎", ""]],
    })
    ledger = load_ledger(book, today=TODAY)
    assert [(a.meeting_id, a.name) for a in ledger.attendance] == [("M1", "三原 花子")]
    assert [(m.council_id, m.name) for m in ledger.members] == [("K02", "三原 花子"), ("K02", "本郷 一郎")]
    assert all(m.origin.sheet == "Sheet4" for m in ledger.members)
    assert "謎の表" in only(ledger, "settings-table-invalid").message
    assert only(ledger, "settings-table-no-sheet").sheet == "ない"
    assert "table-ambiguous" not in codes(ledger) and "table-guessed" not in codes(ledger)


def test_a_csv_export_with_an_unknown_name_is_found_by_its_headers(tmp_path):
    csv_path = write_csv(tmp_path / "export_20231001.csv", [
        ["会議体ID", "会議体名", "区分"], ["K01", "地域共生会議", "親会"], ["K02", "高齢者支援部会", "部会"],
    ])
    ledger = load_ledger(csv_path, today=TODAY)
    assert [c.council_id for c in ledger.councils] == ["K01", "K02"]
    assert "会議体" in only(ledger, "table-guessed").message


def test_the_tally_sheet_this_program_writes_is_never_taken_for_a_table(tmp_path):
    book = make_workbook(tmp_path / "台帳.xlsx", {"会議体": basic_councils(), "予算集計": [
        ["年度", "事業名", "予算額", "執行額"], ["令和5年度", "講演会", 1, 1],
    ]})
    ledger = load_ledger(book, today=TODAY)
    assert ledger.budget_lines == [] and "table-guessed" not in codes(ledger)


def test_the_sample_ledger_reads_as_before():
    from mihara_sheets.resources import sample_ledger_path

    ledger = load_ledger(sample_ledger_path(), today=dt.date(2026, 11, 28))
    assert not {"table-guessed", "table-weak", "table-ambiguous"} & set(codes(ledger))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus of Excel-made files is absent")
def test_no_sheet_of_the_excel_made_corpus_becomes_records():
    """530 workbooks made by Excel and XlsxWriter (charts, tables, formats; no ledger):
    detection must never turn one of their sheets into records."""
    files = sorted(CORPUS.glob("*.xls*"))
    assert len(files) > 100
    read = 0
    for path in files:
        try:
            ledger = load_ledger(path, today=TODAY)
        except LedgerReadError:
            continue
        read += 1
        made = {name: len(getattr(ledger, name)) for name in RECORD_LISTS if getattr(ledger, name)}
        assert not made, (path.name, made)
        assert "table-guessed" not in codes(ledger), path.name
    assert read > 100
