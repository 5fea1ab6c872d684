"""報酬・謝金計算 (issue 15): who is paid, each kind, withholding, year-end, the workbook's formulas."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from mihara_sheets import load_ledger
from mihara_sheets.analyses.honoraria import plan_honoraria, totals, year_end
from mihara_sheets.cli import main
from mihara_sheets.jobs import FileLedger, HonorariaRequest, run_honoraria
from mihara_sheets.resources import sample_ledger_path
from tests.factory import make_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "honoraria.docx"
SEP = dt.date(2026, 9, 10)
OCT = dt.date(2026, 10, 8)
TERM = (dt.date(2025, 4, 1), dt.date(2027, 3, 31))


def ledger_file(tmp_path: Path, *, day_rows=None, payments=None, settings=(), rate=9_500, kind="報酬",
                extra_meetings=(), third_status="予定", third_date=dt.date(2027, 1, 14)) -> Path:
    """A 附属機関 (KF, 報酬), a 要綱 body (KR, 報償費 ¥7,000) and the plenary (KP, unpaid)."""
    councils = [["会議体ID", "会議体名", "区分", "報酬日額", "報酬区分"],
                ["KF", "計画策定委員会", "協議会", rate, kind],
                ["KR", "高齢者支援部会", "部会", 7000, "報償費"],
                ["KP", "全体会議", "全体会議", None, None]]
    roster = [["会議体ID", "人物ID", "氏名", "所属", "区分", "役割", "報酬辞退", "支払方法", "住所", "任期開始", "任期終了"]]
    people = [("P1", "広島 花子", "民間団体", "委員", None, "振込"), ("P2", "三原 太郎", "学識経験者", "会長", None, "現金"),
              ("P3", "尾道 次郎", "社会福祉協議会", "委員", "○", "振込"), ("P4", "福山 三郎", "庁内関係課", "委員", None, None),
              ("P5", "呉 四郎", "住民代表", "委員", None, "振込"), ("P6", "府中 五郎", "その他", "オブザーバー", None, None),
              ("P9", "事務 局子", "庁内関係課", "事務局", None, None)]
    for council in ("KF", "KR"):
        for pid, name, category, role, declined, method in people:
            roster.append([council, pid, name, f"{name}の所属", category, role, declined, method, "三原市港町1-1",
                           *TERM])
    meetings = [["会議ID", "会議体ID", "回", "開催日", "状態"],
                ["F-1", "KF", 1, SEP, "開催済"], ["F-2", "KF", 2, OCT, "開催済"],
                ["R-1", "KR", 1, SEP, "開催済"], ["P-1", "KP", 1, OCT, "開催済"],
                ["F-3", "KF", 3, third_date, third_status], *[list(m) for m in extra_meetings]]
    if day_rows is None:
        day_rows = [["F-1", "P1", "出席", "出席", None, 1200], ["F-1", "P2", "出席", "遅刻", None, None],
                    ["F-1", "P3", "出席", "出席", None, 800], ["F-1", "P4", "出席", "出席", None, 500],
                    ["F-1", "P5", "出席", "欠席", None, 900], ["F-1", "P6", "出席", "出席", None, None],
                    ["F-2", "P1", "出席", "出席", None, None], ["F-2", "P2", "代理出席", None, "三原 代理", None],
                    ["R-1", "P1", "出席", "出席", None, None], ["R-1", "P5", "オンライン出席", "出席", None, None]]
    attendance = [["会議ID", "人物ID", "回答", "当日", "代理者", "費用弁償"]] + [list(r) for r in day_rows]
    sheets = {"会議体": councils, "名簿": roster, "会議": meetings, "出欠": attendance}
    if payments is None:
        payments = [["P-1", "講師 一子", "謝金", 80000, "○", "振込", "見本大学 教授"],
                    ["P-1", "講師 一子", "旅費", 12340, "○", "振込", "見本大学 教授"],
                    ["P-1", "株式会社見本", "謝金", 30000, None, "振込", "団体"]]
    sheets["謝金"] = [["会議ID", "氏名", "区分", "金額", "個人", "支払方法", "備考"]] + [list(p) for p in payments]
    if settings:
        sheets["設定"] = [["項目", "値"], *[list(s) for s in settings]]
    return make_workbook(tmp_path / "台帳.xlsx", sheets)


def plan_for(path: Path, *ids: str):
    ledger = load_ledger(path)
    return plan_honoraria(ledger, [ledger.meeting(i) for i in ids])


def paid(plan) -> list[tuple]:
    return [(p.meeting_id, p.name, p.kind, p.gross, p.withholding, p.net) for p in plan.payments]


def test_who_attended_on_the_day_is_paid_and_who_is_not(tmp_path):
    plan = plan_for(ledger_file(tmp_path), "F-1")
    assert paid(plan) == [
        ("F-1", "広島 花子", "報酬", 9500, 290, 9210),
        ("F-1", "広島 花子", "費用弁償", 1200, 0, 1200),
        ("F-1", "三原 太郎", "報酬", 9500, 290, 9210),   # 遅刻 counts as attended
        ("F-1", "尾道 次郎", "費用弁償", 800, 0, 800),    # declined the 報酬, travel still refunded
    ]
    reasons = {e.name: e.reason for e in plan.excluded}
    assert reasons == {"尾道 次郎": "報酬辞退（費用弁償のみ支給）", "福山 三郎": "庁内関係課（支給対象外）",
                       "呉 四郎": "当日欠席", "府中 五郎": "オブザーバー（支給対象外）"}
    assert "事務 局子" not in reasons  # the 事務局 is not even invited
    # Travel typed for the 庁内 member and for the member absent on the day: not paid, and said so.
    travel_refused = [p for p in plan.problems if p.code == "honoraria-travel-not-paid"]
    assert [(p.sheet, p.cell) for p in travel_refused] == [("出欠", "F5"), ("出欠", "F6")]


def test_the_answer_is_not_what_pays(tmp_path):
    # 出席 answered but 欠席 on the day → unpaid; a blank 当日 keeps the answer (オンライン出席 → paid).
    rows = [["F-1", "P1", "出席", "欠席", None, None], ["F-1", "P2", "オンライン出席", None, None, None]]
    plan = plan_for(ledger_file(tmp_path, day_rows=rows), "F-1")
    assert [(p.name, p.kind) for p in plan.payments] == [("三原 太郎", "報酬")]


def test_each_kind_and_its_budget_line(tmp_path):
    plan = plan_for(ledger_file(tmp_path), "F-1", "R-1", "P-1")
    kinds = {(p.kind, p.budget_line) for p in plan.payments}
    assert kinds == {("報酬", "報酬"), ("費用弁償", "旅費"), ("報償費", "報償費"), ("謝金", "報償費"), ("旅費", "旅費")}
    lecturer = [p for p in plan.payments if p.name == "講師 一子"]
    assert [(p.kind, p.gross, p.withholding) for p in lecturer] == [("謝金", 80000, 8168), ("旅費", 12340, 0)]
    company = next(p for p in plan.payments if p.name == "株式会社見本")
    assert company.withholding == 0  # not an individual: no withholding
    reward = [p for p in plan.payments if p.kind == "報償費"]
    # 広島 花子's month also holds her F-1 報酬: 505 for the month, 290 already on F-1.
    assert [(p.name, p.gross, p.withholding) for p in reward] == [("広島 花子", 7000, 215), ("呉 四郎", 7000, 214)]
    methods = {p.name: p.method for p in plan.payments if p.meeting_id == "F-1"}
    assert methods == {"広島 花子": "振込", "三原 太郎": "現金", "尾道 次郎": "振込"}


def test_a_month_is_withheld_once_across_bodies(tmp_path):
    # 広島 花子 in September: 報酬 9,500 (F-1) + 報償費 7,000 (R-1) = 16,500 → 505 (not 290 + 214 = 504).
    plan = plan_for(ledger_file(tmp_path), "F-1", "R-1")
    hers = [p for p in plan.payments if p.name == "広島 花子" and p.kind in ("報酬", "報償費")]
    assert sum(p.withholding for p in hers) == 505
    # Asking for one meeting still counts the month's other payment.
    alone = plan_for(ledger_file(tmp_path), "R-1")
    mine = next(p for p in alone.payments if p.name == "広島 花子")
    assert mine.withholding == 505 - 290


def test_proxies_are_paid_only_when_the_setting_says(tmp_path):
    plan = plan_for(ledger_file(tmp_path), "F-2")
    assert [p.name for p in plan.payments] == ["広島 花子"]
    assert {e.name: e.reason for e in plan.excluded}["三原 太郎"] == "代理出席（設定により支給しない）"
    (tmp_path / "yes").mkdir()
    paid_plan = plan_for(ledger_file(tmp_path / "yes", settings=[("代理出席者に報酬を支払う", "はい")]), "F-2")
    proxy = next(p for p in paid_plan.payments if p.note.startswith("三原 太郎"))
    assert (proxy.name, proxy.kind, proxy.gross, proxy.method) == ("三原 代理", "報酬", 9500, "")


def test_withholding_off_by_setting(tmp_path):
    plan = plan_for(ledger_file(tmp_path, settings=[("報酬の源泉徴収", "なし")]), "F-1", "P-1")
    assert all(p.withholding == 0 for p in plan.payments if p.kind == "報酬")
    assert next(p for p in plan.payments if p.kind == "謝金" and p.name == "講師 一子").withholding == 8168


def test_over_the_table_is_refused_with_a_coded_error(tmp_path):
    path = ledger_file(tmp_path, rate=90_000)
    result = run_honoraria(FileLedger([path]), HonorariaRequest(meeting_id="F-1", out=tmp_path / "out"))
    assert result.exit_code == 1
    [refused] = [p for p in result.problems if p.code == "honoraria-withholding-over-table"][:1]
    assert refused.severity == "error" and "88,000円以上" in refused.message and "90,000" in refused.message
    pay = [p for p in result.data["payments"] if p["kind"] == "報酬"]
    assert pay and all(p["withholding"] is None and p["net"] is None for p in pay)
    assert result.data["totals"]["all"]["withholding_refused"] == len(pay)
    assert result.files  # the list is still made, with the tax left blank for staff


def test_yearly_totals_and_28_7_and_payment_reports(tmp_path):
    path = ledger_file(tmp_path, payments=[["P-1", "講師 一子", "謝金", 30000, "○", "振込", None],
                                           ["F-2", "講師 一子", "謝金", 30000, "○", "振込", None],
                                           ["P-1", "講師 二子", "謝金", 50000, "○", "振込", None]])
    result = run_honoraria(FileLedger([path]), HonorariaRequest(fiscal_year=2026, out=tmp_path / "out"))
    assert result.exit_code == 0, [p.message for p in result.problems]
    year = result.data["year_end"]
    salary = {(r["name"], r["council_id"]): (r["days"], r["gross"], r["withholding"], r["exempt_candidate"])
              for r in year["salary"]}
    assert salary[("広島 花子", "KF")] == (2, 19000, 290 + 290, False)
    # ¥9,500 from KF in 2026; F-3 (予定, 2027-01-14) is in the 年度 but in the next tax year: a candidate.
    assert salary[("三原 太郎", "KF")] == (1, 9500, 290, True)
    assert salary[("広島 花子", "KR")][3] is True  # ¥7,000 from KR and no KR meeting to come
    fees = {r["name"]: (r["count"], r["gross"], r["report_due"]) for r in year["fees"]}
    assert fees == {"講師 一子": (2, 60000, True), "講師 二子": (1, 50000, False)}  # over ¥50,000 only
    candidates = {(c["name"], c["council_id"]) for c in result.data["tax_exempt_candidates"]}
    assert ("広島 花子", "KR") in candidates and ("三原 太郎", "KF") in candidates
    assert ("広島 花子", "KF") not in candidates
    all_ = result.data["totals"]["all"]
    # Worked out by hand: F-1 (2 × 9,500 報酬 less 290 each, travel 1,200 + 800), F-2 (9,500 less 290),
    # R-1 (2 × 7,000 less 215 and 214), the 謝金 (3 × 30,000/50,000 less 10.21%).
    salaries = 3 * 9500 + 2 * 7000
    salary_tax = 3 * 290 + 215 + 214
    fees = 30000 + 30000 + 50000
    fee_tax = 3063 + 3063 + 5105
    assert all_["gross"] == salaries + 1200 + 800 + fees
    assert all_["withholding"] == salary_tax + fee_tax
    assert all_["net"] == salaries - salary_tax + 1200 + 800 + fees - fee_tax


def test_scopes_and_unhappy_requests(tmp_path):
    path = ledger_file(tmp_path)
    source = FileLedger([path])
    month = run_honoraria(source, HonorariaRequest(month="2026-10", out=tmp_path / "m"))
    assert {p["meeting_id"] for p in month.data["payments"]} == {"F-2", "P-1"}
    unknown = run_honoraria(source, HonorariaRequest(meeting_id="F-9", out=tmp_path / "x"))
    assert unknown.exit_code == 2 and unknown.problems[0].code == "meeting-not-found"
    assert "F-1" in unknown.problems[0].message  # close ids suggested
    for bad in (HonorariaRequest(), HonorariaRequest(meeting_id="F-1", fiscal_year=2026),
                HonorariaRequest(month="2026-13")):
        stopped = run_honoraria(source, bad)
        assert stopped.exit_code == 2 and stopped.problems[0].code == "invalid-request"
    planned = run_honoraria(source, HonorariaRequest(meeting_id="F-3", out=tmp_path / "p"))
    assert planned.exit_code == 0 and not planned.data["payments"]
    assert {"honoraria-meeting-not-held", "honoraria-nothing-in-scope"} <= {p.code for p in planned.problems}


def test_a_held_meeting_without_day_records_is_not_paid_as_all_absent(tmp_path):
    path = ledger_file(tmp_path, extra_meetings=[["F-4", "KF", 4, dt.date(2026, 11, 12), "開催済"]])
    result = run_honoraria(FileLedger([path]), HonorariaRequest(meeting_id="F-4", out=tmp_path / "o"))
    assert [p.code for p in result.problems if p.code.startswith("honoraria-")][0] == "honoraria-no-attendance"
    assert not result.data["excluded"]


def test_unreadable_fee_rate_and_missing_amount_are_warnings(tmp_path):
    path = ledger_file(tmp_path, settings=[("謝金の源泉徴収率", "じゅってんにいち")],
                       payments=[["P-1", "講師 一子", "謝金", 80000, "○", None, None], ["P-1", "講師 二子", "謝金", None, "○", None, None]])
    plan = plan_for(path, "P-1")
    codes = [p.code for p in plan.problems]
    assert "honoraria-fee-rate-invalid" in codes and "honoraria-payment-no-amount" in codes
    assert [(p.name, p.withholding) for p in plan.payments] == [("講師 一子", 8168)]


def recalculated(xlsx: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice calculates it (formulas recalculated), via CSV."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    work = out / "xlsx"
    work.mkdir(parents=True, exist_ok=True)
    # Recalculate: convert xlsx → xlsx (LibreOffice recalculates on load), then each sheet to CSV.
    subprocess.run([soffice, "--headless", "--convert-to",
                    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                    "--outdir", str(work), str(xlsx)], check=True, capture_output=True, timeout=120)
    sheets = {}
    for path in work.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            sheets[path.stem.rsplit("-", 1)[1]] = list(csv.reader(handle))
    return sheets


def test_the_workbook_formulas_recalculate_to_the_json_totals(tmp_path):
    path = ledger_file(tmp_path, settings=[("代理出席者に報酬を支払う", "はい")])
    done = CliRunner().invoke(main, ["honoraria", str(path), "--fy", "2026", "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert done.exit_code == report["exit_code"] == 0
    xlsx = next(Path(f) for f in report["files"] if f.endswith(".xlsx"))
    # Break the cached values first, so only a real recalculation can give the right figures.
    import openpyxl

    broken = tmp_path / "nocache.xlsx"
    book = openpyxl.load_workbook(xlsx)
    book.save(broken)  # openpyxl drops cached formula results (a new file of ours, not a staff ledger)
    sheets = recalculated(broken, tmp_path)
    rows = sheets["支払明細"]
    by_label = {r[1]: r for r in rows if len(r) > 9 and r[1]}
    total = by_label["合計"]
    every = report["totals"]["all"]
    assert [int(total[7]), int(total[8]), int(total[9])] == [every["gross"], every["withholding"], every["net"]]
    for line in report["totals"]["by_budget_line"]:
        row = by_label[f"予算節計：{line['budget_line']}"]
        assert [int(row[7]), int(row[8]), int(row[9])] == [line["gross"], line["withholding"], line["net"]]
    for kind in report["totals"]["by_kind"]:
        row = by_label[f"区分計：{kind['kind']}"]
        assert int(row[7]) == kind["gross"]
    # One row per payment, with its 差引支給額 recalculated.
    data = [r for r in rows if r and r[0].isdigit()]
    assert len(data) == len(report["payments"])
    assert [int(r[9]) for r in data] == [p["net"] for p in report["payments"]]
    year = sheets["年間集計"]
    salary_total = next(r for r in year if r[0] == "合計")
    assert int(salary_total[4]) == sum(r["gross"] for r in report["year_end"]["salary"])
    assert int(salary_total[5]) == sum(r["withholding"] for r in report["year_end"]["salary"])
    # No bank details, no addresses: names and amounts only.
    flat = json.dumps(sheets, ensure_ascii=False)
    assert "港町" not in flat


def test_the_spending_breakdown_docx(tmp_path):
    path = ledger_file(tmp_path)
    result = run_honoraria(FileLedger([path]), HonorariaRequest(month="2026-09", out=tmp_path / "o", template=TEMPLATE))
    document = docx.Document(next(f for f in result.files if f.suffix == ".docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "支出内訳（2026年9月）" in text
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["報酬", "2", "19,000", "580", "18,420"] in cells
    total = result.data["totals"]["all"]
    assert f"支給額 {total['gross']:,}円" in text


def test_the_sample_fiscal_year(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["honoraria", str(ledger), "--fy", "2026", "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert report["exit_code"] == 0
    kinds = {p["kind"] for p in report["payments"]}
    assert kinds == {"報酬", "報償費", "費用弁償", "謝金", "旅費"}
    names = {p["name"] for p in report["payments"]}
    assert "仮名 一郎" not in names  # 庁内関係課
    assert "模型 明美" not in names  # answered 出席, absent on the day
    lecturer = [p for p in report["payments"] if p["kind"] == "謝金"]
    assert lecturer == [{**lecturer[0], "gross": 60000, "withholding": 6126, "planned": True}]
    assert lecturer[0]["note"].startswith("予定")
    # The seminar is not yet held: listed, but out of the totals and the year-end (no 支払調書 yet).
    assert report["totals"]["planned"]["gross"] == 60000 + 12340
    assert report["totals"]["all"]["gross"] == sum(p["gross"] for p in report["payments"] if not p["planned"])
    assert report["year_end"]["fees"] == []
    ledger_data = load_ledger(ledger)
    plan = plan_honoraria(ledger_data, [m for m in ledger_data.meetings if m.meeting_id == "K18-2026-02"])
    assert totals(plan.payments)["all"]["gross"] == 5 * 7000 + 1200 + 800 + 1860 + 1200
    assert year_end(plan.payments)["fees"] == []


def test_the_budget_tally_shows_what_the_attendance_implies(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["budget", str(ledger), "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    rows = {(r["fiscal_year"], r["setsu"]): r for r in report["honoraria"]}
    fee = rows[(2026, "7 報償費")]
    assert (fee["council_id"], fee["budget"], fee["implied"], fee["remaining"]) == ("K16", 60000, 60000, 0)
    assert rows[(2026, "8 旅費")]["implied"] == 12340
    assert rows[(2025, "7 報償費")]["implied"] == 0  # no 謝金 rows for that year
    assert any("出欠・謝金から 60,000円" in line for line in report["lines"])
    # A body's day rates go to its own 報酬 line.
    (tmp_path / "own").mkdir()
    path = ledger_file(tmp_path / "own")
    import openpyxl  # add a 予算 sheet to the small ledger (a new test file, not a staff ledger)

    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("予算")
    sheet.append(["年度", "事業名", "節", "関連会議体ID", "予算額", "執行額"])
    sheet.append([2026, "計画策定委員会 委員報酬", "1 報酬", "KF", 20000, 0])
    book.save(path)
    linked = json.loads(CliRunner().invoke(main, ["budget", str(path), "--json"]).stdout)["honoraria"]
    assert [(r["implied"], r["remaining"]) for r in linked] == [(9500 * 2 + 9500, 20000 - 28500)]


def test_the_tally_workbook_has_the_link_and_its_remaining_formula_recalculates(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    xlsx = tmp_path / "集計.xlsx"
    done = CliRunner().invoke(main, ["budget", str(ledger), "--xlsx", str(xlsx), "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert done.exit_code == report["exit_code"] == 0
    import openpyxl

    broken = tmp_path / "nocache.xlsx"
    openpyxl.load_workbook(xlsx).save(broken)  # drops the cached results (our own output, not a ledger)
    sheet = recalculated(broken, tmp_path)["報酬等の見込み"]
    header = sheet.index(["年度", "事業名称", "節", "会議体", "予算額", "執行額", "見込み額", "残額"])
    shown = [(r[2], r[3], int(r[4]), int(r[6]), int(r[7])) for r in sheet[header + 1:] if r and r[0]]
    expected = [(r["setsu"], r["council_id"], r["budget"], r["implied"], r["remaining"]) for r in report["honoraria"]]
    assert shown == expected
    assert ("7 報償費", "K16", 60000, 60000, 0) in shown  # the FY2026 lecturer's 謝金 against its budget


# -- reviewer's defects (fix-money) -------------------------------------------------------------

def test_a_proxy_ticked_present_on_the_day_is_not_paid_in_the_members_name(tmp_path):
    rows = [["F-2", "P1", "出席", "出席", None, None], ["F-2", "P2", "代理出席", "出席", "三原 代理", None]]
    plan = plan_for(ledger_file(tmp_path, day_rows=rows), "F-2")
    assert [p.name for p in plan.payments] == ["広島 花子"]
    assert {e.name: e.reason for e in plan.excluded}["三原 太郎"] == "代理出席（設定により支給しない）"
    (tmp_path / "yes").mkdir()
    paid_plan = plan_for(ledger_file(tmp_path / "yes", day_rows=rows,
                                     settings=[("代理出席者に報酬を支払う", "はい")]), "F-2")
    assert [p.name for p in paid_plan.payments] == ["広島 花子", "三原 代理"]


def test_a_held_meeting_with_replies_but_no_day_record_warns_and_says_unanswered(tmp_path):
    rows = [["F-1", "P1", "出席", None, None, None], ["F-1", "P5", "欠席", None, None, None]]
    result = run_honoraria(FileLedger([ledger_file(tmp_path, day_rows=rows)]),
                           HonorariaRequest(meeting_id="F-1", out=tmp_path / "o"))
    [warning] = [p for p in result.problems if p.code == "honoraria-no-day-record"]
    assert warning.severity == "warning" and "当日" in warning.message and warning.sheet == "会議"
    assert [(p["name"], p["kind"]) for p in result.data["payments"]] == [("広島 花子", "報酬")]
    reasons = {e["name"]: e["reason"] for e in result.data["excluded"]}
    assert reasons["三原 太郎"] == "未回答" and reasons["呉 四郎"] == "欠席（回答）"
    # With the day recorded, no warning, and an absence is 当日欠席.
    (tmp_path / "day").mkdir()
    plain = plan_for(ledger_file(tmp_path / "day"), "F-1")
    assert "honoraria-no-day-record" not in [p.code for p in plain.problems]
    assert {e.name: e.reason for e in plain.excluded}["呉 四郎"] == "当日欠席"


def test_refused_withholding_totals_agree_with_the_recalculated_workbook(tmp_path):
    path = ledger_file(tmp_path, rate=90_000)
    done = CliRunner().invoke(main, ["honoraria", str(path), "--meeting", "F-1", "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    every = report["totals"]["all"]
    refused = [p for p in report["payments"] if p["withholding"] is None]
    settled = [p for p in report["payments"] if p["withholding"] is not None]
    assert refused and settled
    assert every["net"] == sum(p["gross"] - p["withholding"] for p in settled)
    assert (every["unsettled"], every["unsettled_gross"]) == (len(refused), sum(p["gross"] for p in refused))
    assert any(f"差引支給額 {every['net']:,}円" in line for line in report["lines"])
    import openpyxl

    xlsx = next(Path(f) for f in report["files"] if f.endswith(".xlsx"))
    broken = tmp_path / "nocache.xlsx"
    openpyxl.load_workbook(xlsx).save(broken)
    rows = recalculated(broken, tmp_path)["支払明細"]
    total = next(r for r in rows if len(r) > 9 and r[1] == "合計")
    assert [int(total[7]), int(total[8]), int(total[9])] == [every["gross"], every["withholding"], every["net"]]


def test_planned_payments_are_listed_but_kept_out_of_the_totals_and_the_year_end(tmp_path):
    path = ledger_file(tmp_path, payments=[["F-3", "講師 三子", "謝金", 60000, "○", "振込", None],
                                           ["P-1", "講師 一子", "謝金", 30000, "○", "振込", None]])
    result = run_honoraria(FileLedger([path]), HonorariaRequest(fiscal_year=2026, out=tmp_path / "o", template=TEMPLATE))
    planned = [p for p in result.data["payments"] if p["planned"]]
    assert [(p["name"], p["gross"]) for p in planned] == [("講師 三子", 60000)]
    assert "予定" in planned[0]["note"]
    every = result.data["totals"]["all"]
    assert every["gross"] == sum(p["gross"] for p in result.data["payments"] if not p["planned"])
    assert result.data["totals"]["planned"]["gross"] == 60000
    assert [f["name"] for f in result.data["year_end"]["fees"]] == ["講師 一子"]
    import openpyxl

    xlsx = next(f for f in result.files if f.suffix == ".xlsx")
    broken = tmp_path / "nocache.xlsx"
    openpyxl.load_workbook(xlsx).save(broken)
    sheets = recalculated(broken, tmp_path)
    total = next(r for r in sheets["支払明細"] if len(r) > 9 and r[1] == "合計")
    assert int(total[7]) == every["gross"]
    marked = next(r for r in sheets["支払明細"] if len(r) > 9 and r[1] == "講師 三子")
    assert "予定" in marked[11]
    assert "講師 三子" not in json.dumps(sheets["年間集計"], ensure_ascii=False)
    text = "\n".join(p.text for p in docx.Document(next(f for f in result.files if f.suffix == ".docx")).paragraphs)
    assert "予定額 60,000円" in text


def test_an_empty_scope_writes_zero_totals_not_circular_formulas(tmp_path):
    result = run_honoraria(FileLedger([ledger_file(tmp_path)]), HonorariaRequest(fiscal_year=1999, out=tmp_path / "o"))
    import openpyxl

    xlsx = next(f for f in result.files if f.suffix == ".xlsx")
    for sheet in openpyxl.load_workbook(xlsx):
        for row in sheet.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=SUM(")), (sheet.title, cell.coordinate)
    broken = tmp_path / "nocache.xlsx"
    openpyxl.load_workbook(xlsx).save(broken)
    total = next(r for r in recalculated(broken, tmp_path)["支払明細"] if len(r) > 9 and r[1] == "合計")
    assert [total[7], total[8], total[9]] == ["0", "0", "0"]


def test_an_unreadable_payment_kind_is_skipped_with_a_warning_at_its_cell(tmp_path):
    path = ledger_file(tmp_path, payments=[["P-1", "講師 一子", "交通費", 5000, "○", "振込", None],
                                           ["P-1", "講師 二子", None, 30000, "○", "振込", None]])
    plan = plan_for(path, "P-1")
    assert [(p.name, p.kind, p.withholding) for p in plan.payments] == [("講師 二子", "謝金", 3063)]
    [skipped] = [p for p in plan.problems if p.code == "honoraria-payment-kind-unknown"]
    assert (skipped.sheet, skipped.cell) == ("謝金", "C2") and "交通費" in skipped.message


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "-5"])
def test_a_nan_fee_rate_is_a_warning_not_a_crash(tmp_path, typed):
    path = ledger_file(tmp_path, settings=[("謝金の源泉徴収率", typed)])
    plan = plan_for(path, "P-1")
    assert "honoraria-fee-rate-invalid" in [p.code for p in plan.problems]
    assert next(p for p in plan.payments if p.name == "講師 一子" and p.kind == "謝金").withholding == 8168
    import openpyxl  # a 予算 sheet linked to KF, so budget computes the link (a test file, not a staff ledger)

    book = openpyxl.load_workbook(path)
    book.create_sheet("予算").append(["年度", "事業名", "節", "関連会議体ID", "予算額", "執行額"])
    book["予算"].append([2026, "計画策定委員会 委員報酬", "1 報酬", "KF", 20000, 0])
    book.save(path)
    done = CliRunner().invoke(main, ["budget", str(path), "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert report["honoraria"][0]["implied"] == 3 * 9500
    assert "honoraria-fee-rate-invalid" in [p["code"] for p in report["problems"]]


@pytest.mark.parametrize("typed", ["甲欄", "源泉徴収しない"])
def test_an_unknown_pay_withholding_setting_warns_and_uses_otsu(tmp_path, typed):
    plan = plan_for(ledger_file(tmp_path, settings=[("報酬の源泉徴収", typed)]), "F-1")
    [warning] = [p for p in plan.problems if p.code == "honoraria-pay-withholding-unknown"]
    assert typed in warning.message and "乙欄" in warning.message
    assert [p.withholding for p in plan.payments if p.kind == "報酬"] == [290, 290]
    for known in ("乙欄", "なし"):
        (tmp_path / known).mkdir()
        quiet = plan_for(ledger_file(tmp_path / known, settings=[("報酬の源泉徴収", known)]), "F-1")
        assert "honoraria-pay-withholding-unknown" not in [p.code for p in quiet.problems]


def test_the_payment_note_is_not_the_organization(tmp_path):
    plan = plan_for(ledger_file(tmp_path), "P-1")
    lecturer = next(p for p in plan.payments if p.name == "講師 一子")
    assert lecturer.organization == "" and lecturer.note == "見本大学 教授"
    (tmp_path / "org").mkdir()
    sheets_path = ledger_file(tmp_path / "org")
    import openpyxl  # add a 所属 column to the small test ledger (a new test file, not a staff ledger)

    book = openpyxl.load_workbook(sheets_path)
    sheet = book["謝金"]
    sheet.cell(1, 8, "所属")
    sheet.cell(2, 8, "見本大学")
    book.save(sheets_path)
    with_org = next(p for p in plan_for(sheets_path, "P-1").payments if p.name == "講師 一子")
    assert with_org.organization == "見本大学"


def test_the_docx_says_yen_before_the_partial_marker(tmp_path):
    result = run_honoraria(FileLedger([ledger_file(tmp_path, rate=90_000)]),
                           HonorariaRequest(meeting_id="F-1", out=tmp_path / "o", template=TEMPLATE))
    text = "\n".join(p.text for p in docx.Document(next(f for f in result.files if f.suffix == ".docx")).paragraphs)
    assert "円（一部未計算）" in text and "（一部未計算）円" not in text


def test_28_7_counts_the_meetings_of_the_year_still_to_come(tmp_path):
    """The ¥10,000 test is on the calendar year: a meeting still planned that year counts at the day rate."""
    def candidates(folder: Path, **kw) -> dict:
        folder.mkdir()
        result = run_honoraria(FileLedger([ledger_file(folder, **kw)]),
                               HonorariaRequest(fiscal_year=2026, out=folder / "out"))
        return {(c["name"], c["council_id"]): c for c in result.data["tax_exempt_candidates"]}

    december = dt.date(2026, 12, 10)
    planned = candidates(tmp_path / "planned", third_date=december)
    assert ("三原 太郎", "KF") not in planned  # paid ¥9,500 once, F-3 still to come in 2026
    assert planned[("広島 花子", "KR")] == {"year": 2026, "council_id": "KR", "name": "広島 花子",
                                         "yearly": 7000, "projected": 7000, "planned_meetings": 0}
    called_off = candidates(tmp_path / "called_off", third_status="中止", third_date=december)
    assert called_off[("三原 太郎", "KF")]["projected"] == 9500  # F-3 called off: the year is ¥9,500
    cheap = candidates(tmp_path / "cheap", rate=400, third_date=december)  # ¥400 a day: ¥800 so far + ¥400 to come
    assert cheap[("三原 太郎", "KF")]["projected"] == 400 + 400 and cheap[("三原 太郎", "KF")]["planned_meetings"] == 1
    # 広島 花子 had 費用弁償 from KF at F-1: never a candidate of KF, however little the pay.
    assert ("広島 花子", "KF") not in cheap
    next_year = candidates(tmp_path / "next_year")  # F-3 on 2027-01-14: the 年度's, not 2026's
    assert next_year[("三原 太郎", "KF")] == {"year": 2026, "council_id": "KF", "name": "三原 太郎",
                                              "yearly": 9500, "projected": 9500, "planned_meetings": 0}


def test_28_7_leaves_out_meetings_after_the_members_term(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名", "区分", "報酬日額", "報酬区分"], ["KF", "計画策定委員会", "協議会", 6000, "報酬"]],
        "名簿": [["会議体ID", "人物ID", "氏名", "区分", "任期開始", "任期終了"],
                 ["KF", "P1", "広島 花子", "民間団体", dt.date(2025, 4, 1), dt.date(2027, 3, 31)],
                 ["KF", "P2", "三原 太郎", "学識経験者", dt.date(2025, 4, 1), dt.date(2026, 11, 30)]],
        "会議": [["会議ID", "会議体ID", "回", "開催日", "状態"],
                 ["F-1", "KF", 1, SEP, "開催済"], ["F-3", "KF", 3, dt.date(2026, 12, 14), "予定"]],
        "出欠": [["会議ID", "人物ID", "回答", "当日"], ["F-1", "P1", "出席", "出席"], ["F-1", "P2", "出席", "出席"]],
    })
    result = run_honoraria(FileLedger([path]), HonorariaRequest(fiscal_year=2026, out=tmp_path / "out"))
    found = {c["name"]: c for c in result.data["tax_exempt_candidates"]}
    assert "広島 花子" not in found  # ¥6,000 + F-3 in her term: ¥12,000
    assert found["三原 太郎"]["projected"] == 6000 and found["三原 太郎"]["planned_meetings"] == 0  # gone by F-3
    marked = {r["name"]: r["exempt_candidate"] for r in result.data["year_end"]["salary"]}
    assert marked == {"広島 花子": False, "三原 太郎": True}


# -- the tax year is the calendar year (所得税, 給与支払報告書, 支払調書) ------------------------------

def tax_year_ledger(tmp_path: Path, *, extra_meetings=(), travel=None) -> Path:
    """One body (KF, ¥6,000 a day); 広島 花子 paid in February 2026 (年度 2025) and September 2026 (年度 2026)."""
    return make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名", "区分", "報酬日額", "報酬区分"], ["KF", "計画策定委員会", "協議会", 6000, "報酬"]],
        "名簿": [["会議体ID", "人物ID", "氏名", "区分", "任期開始", "任期終了"],
                 ["KF", "P1", "広島 花子", "民間団体", *TERM], ["KF", "P2", "三原 太郎", "学識経験者", *TERM]],
        "会議": [["会議ID", "会議体ID", "回", "開催日", "状態"],
                 ["F-0", "KF", 4, dt.date(2026, 2, 12), "開催済"], ["F-1", "KF", 1, SEP, "開催済"],
                 *[list(m) for m in extra_meetings]],
        "出欠": [["会議ID", "人物ID", "回答", "当日", "費用弁償"], ["F-0", "P1", "出席", "出席", None],
                 ["F-1", "P1", "出席", "出席", None], ["F-1", "P2", "出席", "出席", travel]],
    })


def test_28_7_sums_the_calendar_year_across_two_fiscal_years(tmp_path):
    """¥6,000 in the 年度 2026, but ¥12,000 in 2026 (February was the 年度 2025): no candidate."""
    path = tax_year_ledger(tmp_path)
    by_fy = run_honoraria(FileLedger([path]), HonorariaRequest(fiscal_year=2026, out=tmp_path / "fy"))
    assert [(p["meeting_id"], p["name"]) for p in by_fy.data["payments"]] == [("F-1", "広島 花子"), ("F-1", "三原 太郎")]
    assert [(c["name"], c["year"], c["yearly"]) for c in by_fy.data["tax_exempt_candidates"]] == [("三原 太郎", 2026, 6000)]
    notes = {p["name"]: p["note"] for p in by_fy.data["payments"]}
    assert "28-7" not in notes["広島 花子"] and "28-7非課税の候補（2026年分" in notes["三原 太郎"]
    marked = {r["name"]: (r["gross"], r["exempt_candidate"], r["exempt_years"]) for r in by_fy.data["year_end"]["salary"]}
    assert marked == {"広島 花子": (6000, False, []), "三原 太郎": (6000, True, [2026])}
    assert by_fy.data["year_end"]["basis"] == "年度"
    assert any("暦年の集計（--year）" in line for line in by_fy.lines)

    by_year = run_honoraria(FileLedger([path]), HonorariaRequest(year=2026, out=tmp_path / "year"))
    assert by_year.exit_code == 0 and by_year.data["scope"] == "2026年（1月～12月）"
    assert by_year.data["year_end"]["basis"] == "暦年"
    rows = {r["name"]: (r["days"], r["gross"], r["withholding"], r["exempt_candidate"])
            for r in by_year.data["year_end"]["salary"]}
    assert rows == {"広島 花子": (2, 12000, 183 + 183, False), "三原 太郎": (1, 6000, 183, True)}
    assert {f.parent.name for f in by_year.files} == {"報酬_2026年"}
    # The February meeting alone: the candidate test still sees September.
    feb = run_honoraria(FileLedger([path]), HonorariaRequest(month="2026-02", out=tmp_path / "feb"))
    assert feb.data["tax_exempt_candidates"] == []


def test_28_7_no_candidate_with_a_travel_refund_from_the_body(tmp_path):
    path = tax_year_ledger(tmp_path, travel=600)
    result = run_honoraria(FileLedger([path]), HonorariaRequest(year=2026, out=tmp_path / "o"))
    assert result.data["tax_exempt_candidates"] == []  # 三原 太郎: ¥6,000 but 費用弁償 ¥600
    assert not any(r["exempt_candidate"] for r in result.data["year_end"]["salary"])


def test_28_7_an_undated_meeting_to_come_counts_in_the_year_even_without_a_fiscal_year(tmp_path):
    """A 延期 meeting with a blank 開催日 and no 年度 column may come any time: it counts."""
    for status, expected in (("延期", 1), ("予定", 1), ("通知済", 1), ("中止", 0)):
        folder = tmp_path / status
        folder.mkdir()
        path = tax_year_ledger(folder, extra_meetings=[["F-2", "KF", 2, None, status]])
        result = run_honoraria(FileLedger([path]), HonorariaRequest(year=2026, out=folder / "o"))
        found = {c["name"]: c for c in result.data["tax_exempt_candidates"]}
        if expected:
            assert "三原 太郎" not in found, status  # ¥6,000 + ¥6,000 to come
        else:
            assert found["三原 太郎"]["planned_meetings"] == 0 and found["三原 太郎"]["projected"] == 6000
    from mihara_sheets.analyses.honoraria import _exempt_candidates, plan_honoraria as plan

    folder = tmp_path / "cheap"
    folder.mkdir()
    path = tax_year_ledger(folder, extra_meetings=[["F-2", "KF", 2, None, "延期"]])
    ledger = load_ledger(path)
    ledger.councils[0].fee_per_day = 1000
    payments = plan(ledger, [ledger.meeting("F-1")]).payments
    found = {c["name"]: c for c in _exempt_candidates(ledger, payments)}
    assert found["三原 太郎"]["planned_meetings"] == 1 and found["三原 太郎"]["projected"] == 1000 + 1000


def test_the_year_scope_and_its_unhappy_requests(tmp_path):
    path = tax_year_ledger(tmp_path)
    for bad in (HonorariaRequest(year=2026, fiscal_year=2026), HonorariaRequest(year=2026, meeting_id="F-1"),
                HonorariaRequest(year=2026, month="2026-09")):
        stopped = run_honoraria(FileLedger([path]), bad)
        assert stopped.exit_code == 2 and stopped.problems[0].code == "invalid-request"
        assert "--year" in stopped.problems[0].message
    empty = run_honoraria(FileLedger([path]), HonorariaRequest(year=2024, out=tmp_path / "e"))
    assert "honoraria-nothing-in-scope" in {p.code for p in empty.problems} and empty.data["year_end"]["salary"] == []
    runner = CliRunner()
    wareki = runner.invoke(main, ["honoraria", str(path), "--year", "令和8年", "--json", "--out", str(tmp_path / "w")])
    assert wareki.exit_code == 0, wareki.output
    assert json.loads(wareki.stdout)["scope"] == "2026年（1月～12月）"
    for typed in ("2026年度", "令和8年度", "来年"):
        refused = runner.invoke(main, ["honoraria", str(path), "--year", typed])
        assert refused.exit_code == 2 and ("年度" in refused.output or "読めません" in refused.output), typed
    assert "--fy で指定" in runner.invoke(main, ["honoraria", str(path), "--year", "2026年度"]).output


def test_the_year_end_sheet_says_its_basis_and_marks_28_7_as_the_list(tmp_path):
    import openpyxl

    path = tax_year_ledger(tmp_path)
    sheets = {}
    for scope, request in (("year", HonorariaRequest(year=2026, out=tmp_path / "y")),
                           ("fy", HonorariaRequest(fiscal_year=2026, out=tmp_path / "f"))):
        result = run_honoraria(FileLedger([path]), request)
        book = openpyxl.load_workbook(next(f for f in result.files if f.suffix == ".xlsx"), read_only=True)
        sheets[scope] = {"year": [list(r) for r in book["年間集計"].iter_rows(values_only=True)],
                         "pay": [list(r) for r in book["支払明細"].iter_rows(values_only=True)]}
    year_rows = sheets["year"]["year"]
    assert "暦年" in year_rows[2][0] and "給与支払報告書" in year_rows[2][0]
    assert "年度" in sheets["fy"]["year"][2][0] and "--year" in sheets["fy"]["year"][2][0]
    marks = {r[0]: r[6] for r in year_rows[4:] if r[0] in ("広島 花子", "三原 太郎")}
    assert marks == {"広島 花子": None, "三原 太郎": "非課税の候補（2026年分）"}
    notes = {r[1]: r[11] for r in sheets["year"]["pay"][4:] if r[1] in ("広島 花子", "三原 太郎")}
    assert "28-7非課税の候補（2026年分" in notes["三原 太郎"] and not (notes["広島 花子"] or "").count("28-7")
