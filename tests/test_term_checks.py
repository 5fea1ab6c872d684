"""The terms rules (vacancies, two chairs, a replacement's term), on real workbooks."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from mihara_sheets import load_ledger
from mihara_sheets.ledger.term_checks import regular_terms, term_rule_findings, term_rule_problems, vacancies
from mihara_sheets.problems import CATALOG, WARNING

from .factory import make_workbook

D = dt.date
TODAY = D(2026, 11, 28)
TERM = (D(2025, 4, 1), D(2027, 3, 31))
RULES = {"council-vacancy", "duplicate-chair", "term-past-predecessor"}
SAMPLE = Path(__file__).resolve().parent.parent / "workbooks" / "sample_ledger.xlsx"
ROSTER_HEAD = ["会議体ID", "人物ID", "氏名", "部会役職", "任期開始", "任期終了"]


def book(tmp_path, councils, members):
    sheets = {"会議体": [["会議体ID", "会議体名", "区分", "委員定数", "状態"], *councils],
              "名簿": [ROSTER_HEAD, *members]}
    return make_workbook(tmp_path / "台帳.xlsx", sheets)


def ledger_with(tmp_path, councils, members):
    return load_ledger(book(tmp_path, councils, members), today=TODAY)


def found(ledger):
    return [(p.code, p.cell) for p in ledger.problems if p.code in RULES]


def seat(council, name, role="委員", start=TERM[0], end=TERM[1], pid=""):
    return [council, pid, name, role, start, end]


# -- council-vacancy --------------------------------------------------------------------------

def test_fewer_current_members_than_seats(tmp_path):
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", 4, "存続"]], [
        seat("K01", "三原 花子", "部会長"), seat("K01", "尾道 太郎"),
        seat("K01", "福山 次郎", end=D(2026, 3, 31)),  # ended: not a current member
        seat("K01", "竹原 三郎", start=D(2027, 4, 1), end=D(2029, 3, 31)),  # not yet
        seat("K01", "事務局 一", "事務局", None, None), seat("K01", "県 職員", "オブザーバー", None, None),
    ])
    assert found(ledger) == [("council-vacancy", "D2")]
    (problem,) = [p for p in ledger.problems if p.code == "council-vacancy"]
    assert problem.message == "会議体!D2の高齢者支援部会は、令和8年11月28日現在の委員が2人で、委員定数4人に2人足りません。"
    (vacancy,) = vacancies(ledger, TODAY)
    assert vacancy.to_dict() == {"council_id": "K01", "name": "高齢者支援部会", "seats": 4, "members": 2, "missing": 2}


def test_full_councils_and_councils_not_checked(tmp_path):
    ledger = ledger_with(tmp_path, [
        ["K01", "高齢者支援部会", "部会", 2, ""],  # full (open terms count, one row per person)
        ["K02", "地域ケア会議", "協議会", 20, "部会化"],  # no longer running
        ["K03", "子ども・子育て会議", "協議会", 15, "存続"],  # no roster in this ledger
        ["K04", "運営会議", "運営会議", "", ""],  # no 委員定数
    ], [
        seat("K01", "三原 花子", start=None, end=None), seat("K01", "尾道 太郎"), seat("K01", "尾道　太郎"),
        seat("K02", "三原 花子"), seat("K04", "三原 花子"),
    ])
    assert found(ledger) == []
    # On another day the same roster is short: the rule is as of the day given.
    assert [v.council_id for v in vacancies(ledger, D(2027, 4, 1))] == ["K01"]


# -- duplicate-chair --------------------------------------------------------------------------

def test_two_chairs_at_once_but_not_one_after_the_other(tmp_path):
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", "", ""], ["K02", "地域共生会議", "親会", "", ""]], [
        seat("K01", "三原 花子", "部会長"), seat("K01", "尾道 太郎", "部会長", D(2026, 4, 1), D(2028, 3, 31)),
        seat("K02", "福山 次郎", "会長", D(2023, 4, 1), D(2025, 3, 31)), seat("K02", "竹原 三郎", "会長"),
        seat("K02", "府中 四郎", "副会長"), seat("K02", "世羅 五郎", "副会長"),  # two vice chairs are allowed
    ])
    assert found(ledger) == [("duplicate-chair", "D3")]
    (problem,) = [p for p in ledger.problems if p.code == "duplicate-chair"]
    assert problem.message == "名簿!D3の尾道 太郎さんと名簿!D2の三原 花子さんが、任期の重なる期間に同じ会議体の部会長になっています。"


def test_a_chair_and_a_sub_chair_in_one_council_or_one_person_twice_are_not_two_chairs(tmp_path):
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", "", ""]], [
        seat("K01", "三原 花子", "会長", pid="P1"), seat("K01", "尾道 太郎", "部会長"),
        seat("K01", "三原　花子", "会長", pid="P1"),  # the same person's row twice
        seat("K01", "府中 四郎", "会長", None, D(2025, 3, 31)),  # open start, ended before: no overlap
    ])
    assert found(ledger) == []


# -- term-past-predecessor ----------------------------------------------------------------------

def test_a_replacement_whose_term_runs_past_the_others(tmp_path):
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", "", ""]], [
        seat("K01", "三原 花子", "部会長"), seat("K01", "尾道 太郎"), seat("K01", "福山 次郎"),
        seat("K01", "竹原 三郎", start=D(2026, 7, 1), end=D(2028, 6, 30)),  # a full new term: flagged
        seat("K01", "府中 四郎", start=D(2026, 7, 1), end=D(2027, 3, 31)),  # the remaining term: fine
        seat("K01", "世羅 五郎", start=D(2027, 4, 1), end=D(2029, 3, 31)),  # the next term: fine
    ])
    assert found(ledger) == [("term-past-predecessor", "F5")]
    (problem,) = [p for p in ledger.problems if p.code == "term-past-predecessor"]
    assert "竹原 三郎さんの任期終了（令和10年6月30日）" in problem.message
    assert "前任者の残任期間（令和9年3月31日まで）" in problem.message and "令和8年7月1日" in problem.message


def test_no_common_term_means_no_finding(tmp_path):
    # Every member on a term of their own (staggered terms): nothing is anyone's predecessor.
    members = [seat("K01", f"委員 {i}", start=D(2024 + i, 4, 1), end=D(2026 + i, 3, 31)) for i in range(3)]
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", "", ""]], members)
    assert found(ledger) == [] and regular_terms(ledger.members) == []


def test_several_generations_on_one_roster_use_the_term_joined(tmp_path):
    old, new = (D(2023, 4, 1), D(2025, 3, 31)), TERM
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", "", ""]], [
        seat("K01", "甲", start=old[0], end=old[1]), seat("K01", "乙", start=old[0], end=old[1]),
        seat("K01", "丙"), seat("K01", "丁"),
        seat("K01", "戊", start=D(2024, 10, 1), end=D(2025, 3, 31)),  # joined the old term, left with it
        seat("K01", "己", start=D(2025, 10, 1), end=D(2027, 9, 30)),  # joined the new term, runs past it
    ])
    assert found(ledger) == [("term-past-predecessor", "F7")]


def test_findings_carry_the_council_for_the_inventory(tmp_path):
    ledger = ledger_with(tmp_path, [["K01", "高齢者支援部会", "部会", 9, ""]], [
        seat("K01", "三原 花子", "部会長"), seat("K01", "尾道 太郎", "部会長"),
    ])
    findings = term_rule_findings(ledger, TODAY)
    assert [(f.code, f.council_id) for f in findings] == [("council-vacancy", "K01"), ("duplicate-chair", "K01")]
    assert findings[1].to_dict()["name"] == "尾道 太郎"
    assert [p.code for p in term_rule_problems(ledger, TODAY)] == ["council-vacancy", "duplicate-chair"]
    assert all(CATALOG[code][0] == WARNING for code in RULES)


# -- the command line and the sample ---------------------------------------------------------

def test_check_json_reports_the_rules_at_their_cells(tmp_path):
    path = book(tmp_path, [["K01", "高齢者支援部会", "部会", 5, ""]], [
        seat("K01", "三原 花子", "部会長"), seat("K01", "尾道 太郎", "部会長"), seat("K01", "福山 次郎"),
        seat("K01", "竹原 三郎", start=D(2026, 1, 1), end=D(2027, 12, 31)),
    ])
    done = subprocess.run([sys.executable, "-m", "mihara_sheets", "check", str(path), "--today", "2026-11-28", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [(p["code"], p["location"]) for p in report["problems"]] == [
        ("council-vacancy", "会議体!D2"), ("duplicate-chair", "名簿!D3"), ("term-past-predecessor", "名簿!F5"),
    ]


def test_the_sample_plants_a_vacancy_and_a_replacement_term():
    ledger = load_ledger(SAMPLE, today=TODAY)
    findings = [(f.code, f.council_id, f.name) for f in term_rule_findings(ledger, TODAY)]
    assert findings == [("council-vacancy", "K20", None), ("term-past-predecessor", "K21", "補記 陽太")]
    (vacancy,) = vacancies(ledger, TODAY)
    assert (vacancy.seats, vacancy.members) == (12, 10)
