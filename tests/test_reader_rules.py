"""The ledger contract's reading rules, each on a real workbook or CSV file."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.ledger.load import ledger_from_grids
from mihara_sheets.sources.grid import Grid
from tests.factory import COUNCILS_HEADER, basic_councils, make_workbook, write_csv

TODAY = dt.date(2026, 11, 28)


def load(tmp_path, sheets, merges=None, name="ledger.xlsx"):
    path = make_workbook(tmp_path / name, sheets, merges)
    return load_ledger(path, today=TODAY)


def codes(ledger):
    return sorted(p.code for p in ledger.problems)


# -- sheets ------------------------------------------------------------------------------

@pytest.mark.parametrize("sheet", ["会議体", "会議体台帳", "会議体一覧", "協議体一覧", "協議会等一覧", "会議体 一覧"])
def test_council_sheet_aliases(tmp_path, sheet):
    ledger = load(tmp_path, {sheet: basic_councils()})
    assert [c.council_id for c in ledger.councils] == ["K01", "K02", "K03", "K04"]


def test_unknown_sheets_are_ignored_not_errors(tmp_path):
    ledger = load(tmp_path, {"会議体": basic_councils(), "メモ": [["自由に書いたメモ"]]})
    assert ledger.problems == []


def test_header_row_is_found_below_title_rows_and_notes_below_are_not_data(tmp_path):
    rows = [["令和8年度"], ["会議体台帳"], [], *basic_councils()[1:], [], ["※ 令和5年度に再編"], ["注 部会化は順次"]]
    ledger = load(tmp_path, {"会議体": rows})
    assert len(ledger.councils) == 4
    assert ledger.councils[0].origin.row == 5
    assert ledger.problems == []


def test_headers_are_compared_after_nfkc_and_without_spaces_or_line_breaks(tmp_path):
    rows = [["会議体 ＩＤ", "会議体\n名", "区　分"], ["K01", "地域共生会議", "親会"]]
    ledger = load(tmp_path, {"会議体": rows})
    assert ledger.councils[0].name == "地域共生会議"
    assert ledger.councils[0].kind == "親会"


# -- councils ----------------------------------------------------------------------------

def test_council_fields_and_parent_given_by_name(tmp_path):
    rows = [
        ["会議体ID", "名称", "種別", "所管課", "上位会議体", "設置根拠", "設置年月日", "年間開催回数",
         "再編方針", "定数", "任期（年）", "公開", "守秘義務", "分野", "所掌事務"],
        ["K01", "地域共生会議", "親会", "地域福祉課", "", "要綱", "令和5年4月1日", "年４回",
         "存続", "２０", 2, "公開", "", "福祉、保健・医療", "全体の調整"],
        ["K02", "支援会議", "個別支援会議", "地域福祉課", "地域共生会議", "社会福祉法第106条の6",
         dt.date(2023, 4, 1), "随時", "存続", "", "", "非公開", "有", "", ""],
    ]
    ledger = load(tmp_path, {"会議体一覧": rows})
    k01, k02 = ledger.councils
    assert k01.established == dt.date(2023, 4, 1) and k01.meetings_per_year == 4
    assert k01.seats == 20 and k01.term_years == 2 and k01.domains == ["福祉", "保健", "医療"]
    assert k02.parent_id == "K01" and k02.confidential is True and k02.meetings_per_year is None
    assert ledger.problems == []


def test_other_council_kind_is_a_warning_and_kept(tmp_path):
    rows = [COUNCILS_HEADER, ["K01", "研究会", "研究会", "", "", ""]]
    ledger = load(tmp_path, {"会議体": rows})
    assert ledger.councils[0].kind == "研究会"
    assert [(p.code, p.severity, p.location) for p in ledger.problems] == [
        ("unexpected-choice", "warning", "会議体!C2")
    ]


# -- rosters -----------------------------------------------------------------------------

ROSTER_HEADER = ["氏名", "ふりがな", "所属", "役職", "区分", "部会役職", "任期", "郵便番号", "住所", "送付方法"]


def test_per_council_roster_sheets_by_name_name_plus_meibo_and_id(tmp_path):
    member = ["三原 花子", "みはら はなこ", "社会福祉協議会", "係長", "社会福祉協議会", "部会長",
              "令和7年4月1日～令和9年3月31日", "7230000", "三原市城町1-1", "郵送"]
    sheets = {
        "会議体": basic_councils(),
        "高齢者支援部会名簿": [["高齢者支援部会 委員名簿"], ROSTER_HEADER, member],
        "子ども・若者支援部会": [ROSTER_HEADER, member],
        "K01": [ROSTER_HEADER, member],
    }
    ledger = load(tmp_path, sheets)
    assert sorted(m.council_id for m in ledger.members) == ["K01", "K02", "K03"]
    first = ledger.members[0]
    assert first.term_start == dt.date(2025, 4, 1) and first.term_end == dt.date(2027, 3, 31)
    assert first.postal_code == "723-0000" and first.role == "部会長" and first.honorific == "様"
    assert ledger.problems == []


def test_combined_roster_with_council_column_by_name_and_defaults(tmp_path):
    rows = [["部会名", "氏名", "任期開始", "任期終了"],
            ["高齢者支援部会", "山田 一郎", dt.date(2025, 4, 1), dt.date(2027, 3, 31)],
            ["K03", "佐藤 二郎", "R7.4.1", "R9.3.31"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "委員名簿": rows})
    assert [(m.council_id, m.role, m.honorific) for m in ledger.members] == [
        ("K02", "委員", "様"), ("K03", "委員", "様")]


def test_two_row_header_reads_as_term_start_and_end(tmp_path):
    rows = [["氏名", "任期", "", "所属"], ["", "開始", "終了", ""],
            ["山田 一郎", dt.date(2025, 4, 1), dt.date(2027, 3, 31), "三原市"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": rows},
                  merges={"高齢者支援部会": ["B1:C1", "A1:A2", "D1:D2"]})
    member = ledger.members[0]
    assert (member.term_start, member.term_end, member.organization) == (
        dt.date(2025, 4, 1), dt.date(2027, 3, 31), "三原市")
    assert member.origin.layout.cell("term_end", member.origin.row) == "C3"


def test_merged_header_names_every_column_it_spans_and_merged_data_fills_down(tmp_path):
    rows = [["部会", "氏名"], ["高齢者支援部会", "山田 一郎"], ["", "佐藤 二郎"], ["", "鈴木 三郎"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "名簿": rows}, merges={"名簿": ["A2:A4"]})
    assert [m.council_id for m in ledger.members] == ["K02", "K02", "K02"]


def test_merged_header_across_columns(tmp_path):
    rows = [["会議ID", "部会", "開催日時", ""], ["M1", "K02", dt.date(2026, 6, 12), "第1回"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "会議": rows}, merges={"会議": ["C1:D1"]})
    assert ledger.meetings[0].date == dt.date(2026, 6, 12)


# -- meetings ----------------------------------------------------------------------------

MEETING_HEADER = ["会議ID", "会議体", "回", "開催日時", "会場", "議題", "状態"]


def test_meeting_date_cell_with_times_agenda_numbering_and_defaults(tmp_path):
    rows = [MEETING_HEADER,
            ["M1", "高齢者支援部会", "第3回", "令和5年6月12日(月) 14:00～15:30", "本庁舎 会議室",
             "1. 報告事項\n２．協議事項\n(3) その他", "開催済"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "会議": rows})
    meeting = ledger.meetings[0]
    assert meeting.council_id == "K02" and meeting.number == 3
    assert meeting.date == dt.date(2023, 6, 12)
    assert (meeting.start, meeting.end) == (dt.time(14), dt.time(15, 30))
    assert meeting.agenda == ["報告事項", "協議事項", "その他"]
    assert meeting.fiscal_year == 2023
    assert meeting.title == "第3回高齢者支援部会"


def test_time_range_column_and_fiscal_year_from_march_date(tmp_path):
    rows = [["会議ID", "会議体ID", "開催日", "時間"], ["M1", "K01", dt.date(2024, 3, 15), "午後2時～午後3時30分"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "開催記録": rows})
    meeting = ledger.meetings[0]
    assert meeting.fiscal_year == 2023 and meeting.end == dt.time(15, 30)


def test_column_alias_from_settings(tmp_path):
    sheets = {
        "設定": [["項目", "値"], ["列の別名:会議:開催日", "開催年月日"], ["発信者", "三原市保健福祉部長"],
                ["兼職上限", "３"]],
        "会議体": basic_councils(),
        "会議": [["会議ID", "会議体ID", "開催年月日"], ["M1", "K01", "令和8年6月1日"]],
    }
    ledger = load(tmp_path, sheets)
    assert ledger.meetings[0].date == dt.date(2026, 6, 1)
    assert ledger.settings.sender == "三原市保健福祉部長"
    assert ledger.settings.concurrent_seat_limit == 3
    assert ledger.problems == []


def test_agenda_items_attendance_and_annual_reports(tmp_path):
    sheets = {
        "会議体": basic_councils(),
        "会議": [MEETING_HEADER, ["M1", "K02", 1, dt.date(2026, 6, 12), "", "", "開催済"]],
        "名簿": [["部会", "人物ID", "氏名"], ["K02", "P1", "山田 一郎"]],
        "議題": [["会議ID", "順", "区分", "議題", "説明者", "資料番号", "公開"],
                ["M1", "1-(1)", "報告", "活動報告 A&B <案>", "事務局", "資料1", "○"],
                ["M1", "2", "協議", "次年度計画", "", "", "×"]],
        "出欠": [["会議ID", "人物ID", "氏名", "回答", "代理者", "回答日"],
                ["M1", "P1", "", "代理出席", "山田 次郎", "R8.6.1"]],
        "部会年次報告": [["年度", "会議体ID", "主な取組", "成果", "課題", "次年度方針", "報告者", "報告順"],
                   ["令和8年度", "K02", "見守り", "つながり", "人手", "継続", "部会長", 1]],
    }
    ledger = load(tmp_path, sheets)
    assert [(a.order, a.kind, a.title, a.public) for a in ledger.agenda_of("M1")] == [
        ("1-(1)", "報告", "活動報告 A&B <案>", True), ("2", "協議", "次年度計画", False)]
    assert ledger.attendance[0].answer == "代理出席" and ledger.attendance[0].answered_on == dt.date(2026, 6, 1)
    report = ledger.annual_report("K02", 2026)
    assert report is not None and report.order == 1
    assert ledger.problems == []


# -- budget ------------------------------------------------------------------------------

SEED_HEADER = ["事業名称", "事業内容", "目的・期待される効果", "実施時期", "発注先 (予算配分)"]


def seed_rows():
    return [
        SEED_HEADER,
        ["アンケート調査", "市民2,400人に調査", "意識調査", "2022.11.14 ～ 2023.2.28", "サーベイリサーチセンター (3,454,000)"],
        ["地域共生関連分野の会議体の調査、見直しの整理", "棚卸し", "最適化", "2022.11.25 ～ 2023.2.28", "NTTデータ経営研究所 (2,000,000)"],
        ["相談窓口・支援業務の整理", "現状整理", "負担削減", "", ""],
        ["", "", "", "計", "(5,454,000)"],
    ]


def test_seed_budget_table_vendor_amount_column_and_total_row(tmp_path):
    ledger = load(tmp_path, {"試行的事業の実施状況": seed_rows()})
    lines = ledger.budget_lines
    assert [(b.vendor, b.budget, b.fiscal_year) for b in lines] == [
        ("サーベイリサーチセンター", 3_454_000, 2022), ("NTTデータ経営研究所", 2_000_000, 2022), (None, None, 2022)]
    assert lines[0].start == dt.date(2022, 11, 14) and lines[0].end == dt.date(2023, 2, 28)
    (total,) = ledger.budget_totals
    assert (total.amount, total.lines_sum, total.matches, total.location) == (5_454_000, 5_454_000, True, "試行的事業の実施状況!E5")
    assert ledger.problems == []


def test_thousand_yen_header_multiplies_amounts(tmp_path):
    rows = [["年度", "事業名", "予算額（千円）", "執行額（千円）"], ["R5", "広報", "1,200", 1150.5], ["合計", "", 1200, ""]]
    ledger = load(tmp_path, {"予算": rows})
    line = ledger.budget_lines[0]
    assert (line.fiscal_year, line.budget, line.spent) == (2023, 1_200_000, 1_150_500)
    assert isinstance(line.budget, int) and isinstance(line.spent, int)
    assert ledger.budget_totals[0].amount == 1_200_000 and ledger.budget_totals[0].matches


def test_subtotals_and_grand_total_close_the_right_lines(tmp_path):
    rows = [["年度", "事業名", "予算額"],
            [2022, "A", 100], [2022, "B", 200], ["小計", "", 300],
            [2023, "C", 50], ["小計", "", 50],
            ["合計", "", 350]]
    ledger = load(tmp_path, {"予算": rows})
    assert [(t.label, t.lines_sum, t.matches, t.fiscal_year) for t in ledger.budget_totals] == [
        ("小計", 300, True, 2022), ("小計", 50, True, 2023), ("合計", 350, True, None)]


def test_budget_fiscal_year_from_title_row(tmp_path):
    rows = [["令和6年度 事業一覧"], ["事業名", "金額"], ["広報", "¥300,000"]]
    ledger = load(tmp_path, {"事業一覧": rows})
    assert ledger.budget_lines[0].fiscal_year == 2024 and ledger.budget_lines[0].budget == 300_000


# -- CSV -------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_sources_in_each_encoding(tmp_path, encoding):
    councils = write_csv(tmp_path / "会議体.csv", basic_councils()[1:], encoding)
    meetings = write_csv(tmp_path / "会議.csv", [MEETING_HEADER, ["M1", "高齢者支援部会", "1", "R8.6.12", "", "", "予定"]], encoding)
    ledger = load_ledger(councils, meetings, today=TODAY)
    assert ledger.meetings[0].council_id == "K02" and ledger.meetings[0].date == dt.date(2026, 6, 12)
    assert ledger.problems == []


def test_csv_with_empty_lines_and_short_rows(tmp_path):
    path = tmp_path / "会議体.csv"
    path.write_text("会議体ID,会議体名,区分\n\nK01,地域共生会議,親会\n\nK02,高齢者支援部会\n", encoding="utf-8")
    ledger = load_ledger(path, today=TODAY)
    assert [(c.council_id, c.name, c.kind) for c in ledger.councils] == [
        ("K01", "地域共生会議", "親会"), ("K02", "高齢者支援部会", None)]
    assert ledger.problems == []


def test_grids_with_empty_rows(tmp_path):
    grid = Grid(file="live", sheet="会議体", rows=[["会議体ID", "会議体名"], [], ["K01", "地域共生会議"], []])
    ledger = ledger_from_grids([grid], today=TODAY)
    assert [c.council_id for c in ledger.councils] == ["K01"] and ledger.problems == []


def test_tables_spread_over_xlsx_and_csv(tmp_path):
    book = make_workbook(tmp_path / "会議体.xlsx", {"会議体": basic_councils()})
    csv = write_csv(tmp_path / "名簿.csv", [["部会", "氏名"], ["K02", "山田 一郎"]])
    ledger = load_ledger(book, csv, today=TODAY)
    assert ledger.members[0].council_id == "K02"


# -- reading never changes a file ---------------------------------------------------------

def test_reading_does_not_change_the_file(tmp_path):
    path = make_workbook(tmp_path / "l.xlsx", {"会議体": basic_councils()})
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    load_ledger(path, today=TODAY)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.xlsx"]


def test_free_text_is_kept_as_typed_while_ids_are_normalised(tmp_path):
    rows = [COUNCILS_HEADER + ["目的"], ["Ｋ０１", "地域共生会議（親会）", "親会", "", "", "", "連携～支援（全般）"]]
    ledger = load(tmp_path, {"会議体": rows})
    council = ledger.councils[0]
    assert council.council_id == "K01"
    assert council.name == "地域共生会議（親会）" and council.purpose == "連携～支援（全般）"


def test_fields_of_a_range_column_point_at_that_column(tmp_path):
    rows = [["氏名", "任期"], ["山田 一郎", "令和7年4月1日～令和8年12月31日"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": rows})
    (problem,) = ledger.problems
    assert (problem.code, problem.location) == ("term-ending-soon", "高齢者支援部会!B2")


def test_a_lone_remark_in_a_row_is_a_note_and_a_header_note_is_removed(tmp_path):
    rows = [["会議体ID", "会議体名（正式名称）", "区分※"], ["K01", "地域共生会議", "親会"],
            ["", "以下、令和9年度に見直し予定", ""], ["K02", "高齢者支援部会", "部会"]]
    ledger = load(tmp_path, {"会議体": rows})
    assert [c.name for c in ledger.councils] == ["地域共生会議", "高齢者支援部会"]
    assert ledger.councils[1].kind == "部会" and ledger.problems == []


def test_settings_defaults_and_values(tmp_path):
    ledger = load(tmp_path, {"会議体": basic_councils()})
    assert (ledger.settings.term_alert_days, ledger.settings.concurrent_seat_limit,
            ledger.settings.notice_lead_days) == (90, 4, 14)
    sheets = {"会議体": basic_councils(),
              "設定": [["発信者", "三原市保健福祉部長"], ["文書番号", "三保福第"], ["任期アラート日数", "60日"],
                     ["通知リードタイム", 21], ["セミナー演題", "孤独・孤立を防ぐ地域づくり"], ["独自の項目", "値"]]}
    settings = load(tmp_path, sheets, name="s.xlsx").settings
    assert (settings.notice_prefix, settings.term_alert_days, settings.notice_lead_days) == ("三保福第", 60, 21)
    assert settings.seminar_title == "孤独・孤立を防ぐ地域づくり" and settings.extra == {"独自の項目": "値"}


def test_rows_of_spaces_are_blank_and_a_space_first_cell_does_not_hide_a_row(tmp_path):
    rows = [["備考", "会議体ID", "会議体名"], ["　", "  ", "\u3000"], ["　", "K01", "地域共生会議"],
            [" \u200b", "K02", "高齢者支援部会"]]
    ledger = load(tmp_path, {"会議体": rows})
    assert [c.council_id for c in ledger.councils] == ["K01", "K02"]
    assert ledger.problems == []


# -- how a row's cells become one record ----------------------------------------------------

def test_a_field_column_of_its_own_wins_over_a_column_that_fills_several(tmp_path):
    roster = [["氏名", "任期", "任期終了"],
              ["山田 一郎", "令和7年4月1日～令和9年3月31日", "令和10年3月31日"],
              ["佐藤 二郎", "令和7年4月1日～令和9年3月31日", ""]]
    meetings = [["会議ID", "会議体ID", "開催日時", "開始"],
                ["M1", "K02", "令和8年6月12日 14:00～15:30", "13:30"],
                ["M2", "K02", "令和8年7月10日 14:00～15:30", ""]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": roster, "会議": meetings})
    assert [(m.term_start, m.term_end) for m in ledger.members] == [
        (dt.date(2025, 4, 1), dt.date(2028, 3, 31)), (dt.date(2025, 4, 1), dt.date(2027, 3, 31))]
    assert [(m.start, m.end) for m in ledger.meetings] == [
        (dt.time(13, 30), dt.time(15, 30)), (dt.time(14), dt.time(15, 30))]
    assert ledger.problems == []


def test_a_row_with_a_bad_cell_keeps_its_other_values_and_problems_come_in_sheet_order(tmp_path):
    rows = [["氏名", "所属", "任期終了"],
            ["山田 一郎", "三原市", "令和9年13月1日"],
            ["", "社会福祉協議会", "令和9年3月31日"],
            ["", "民生委員", "令和9年2月30日"],
            ["佐藤 二郎", "", "R9.3.31"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": rows})
    assert [(m.name, m.organization, m.term_end, m.council_id) for m in ledger.members] == [
        ("山田 一郎", "三原市", None, "K02"), ("佐藤 二郎", None, dt.date(2027, 3, 31), "K02")]
    assert [(p.code, p.location) for p in ledger.problems] == [
        ("nonexistent-date", "高齢者支援部会!C2"),
        ("required-missing", "高齢者支援部会!A3"),
        ("nonexistent-date", "高齢者支援部会!C4"),
        ("required-missing", "高齢者支援部会!A4"),
    ]


def test_a_row_filled_only_in_columns_the_ledger_does_not_use_is_no_record(tmp_path):
    rows = [["氏名", "所属", "連絡メモ", "対応者"], ["山田 一郎", "三原市", "", ""], ["", "", "電話済み", "田中"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": rows})
    assert [m.name for m in ledger.members] == ["山田 一郎"]
    assert ledger.problems == []


def test_a_council_typed_in_a_roster_row_wins_over_the_sheets_council(tmp_path):
    rows = [["部会", "氏名", "任期終了"], ["", "山田 一郎", ""], ["K03", "佐藤 二郎", ""],
            ["K03", "鈴木 三郎", "令和9年13月1日"], ["", "高橋 四郎", "令和9年13月1日"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "高齢者支援部会": rows})
    assert [m.council_id for m in ledger.members] == ["K02", "K03", "K03", "K02"]


def test_records_never_share_a_list_even_when_their_cells_read_the_same(tmp_path):
    rows = [MEETING_HEADER, ["M1", "K02", "", dt.date(2026, 6, 12), "", "報告事項\n協議事項", ""],
            ["M2", "K02", "", dt.date(2026, 7, 10), "", "報告事項\n協議事項", ""]]
    first, second = load(tmp_path, {"会議体": basic_councils(), "会議": rows}).meetings
    assert first.agenda == second.agenda == ["報告事項", "協議事項"]
    first.agenda.append("その他")
    assert second.agenda == ["報告事項", "協議事項"]


def test_names_differing_only_by_variant_characters_are_proposed_once_per_person(tmp_path):
    rows = [["部会", "人物ID", "氏名"], ["K02", "", "髙橋 一郎"], ["K03", "", "高橋一郎"], ["K04", "", "髙橋 一郎"],
            ["K02", "P7", "渡邊 花子"], ["K03", "P8", "渡辺 花子"], ["K04", "P7", "渡邉 花子"], ["K02", "", "佐藤 二郎"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "名簿": rows})
    assert [(p.code, p.location, p.value) for p in ledger.problems] == [
        ("similar-names", "名簿!C3", "高橋一郎"), ("similar-names", "名簿!C6", "渡辺 花子")]


def test_every_character_that_normalises_to_a_variant_is_looked_for():
    import sys
    import unicodedata

    from mihara_sheets.ledger.checks import VARIANT_CHARS, VARIANT_SOURCES

    becoming = {
        chr(c) for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and not VARIANT_CHARS.isdisjoint(unicodedata.normalize("NFKC", chr(c)))
    }
    assert becoming == VARIANT_SOURCES


def test_a_combined_roster_row_without_its_council_is_reported_not_made_a_member(tmp_path):
    rows = [["会議体ID", "氏名", "所属"], ["K02", "山田 一郎", "三原市"], ["", "佐藤 二郎", "社会福祉協議会"]]
    ledger = load(tmp_path, {"会議体": basic_councils(), "名簿": rows})
    assert [(m.council_id, m.name) for m in ledger.members] == [("K02", "山田 一郎")]
    assert [(p.code, p.location) for p in ledger.problems] == [("required-missing", "名簿!A3")]
    no_column = load(tmp_path, {"会議体": basic_councils(), "名簿": [["氏名", "所属"], ["山田 一郎", "三原市"]]},
                     name="列なし.xlsx")
    assert [p.code for p in no_column.problems] == ["missing-column"] and no_column.members == []


def test_header_cells_are_compared_as_text_whatever_their_type(tmp_path):
    sheets = {"会議体": basic_councils(), "設定": [["列の別名:会議:回", "2024-04-01"]],
              "会議": [["会議ID", "会議体ID", dt.date(2024, 4, 1)], ["M1", "K01", 3]]}
    (meeting,) = load(tmp_path, sheets).meetings
    assert meeting.number == 3


def test_booleans_beside_equal_numbers_keep_their_own_values():
    from decimal import Decimal

    from mihara_sheets.ledger.load import ledger_from_grids
    from mihara_sheets.sources.grid import Grid

    rows = [["会議体ID", "会議体名", "備考", "定数"], ["K01", "地域共生会議", True, 1.0], ["K02", "部会", Decimal(1), True],
            ["K03", "部会", True, 1.0], ["K04", "部会", "メモ", 1.0]]
    ledger = ledger_from_grids([Grid(file="live", sheet="会議体", rows=rows)], today=TODAY)
    assert [c.note for c in ledger.councils] == ["TRUE", "1", "TRUE", "メモ"]
