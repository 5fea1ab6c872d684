"""Problems build their messages when read (issue 17): the public API, the JSON and the
text staff see are those of the eager messages before.

``tests/fixtures/problems_variety.json`` was written by the reader as it was before the
change (messages built in ``make_problem``) from ``problems_variety.xlsx``: settings out of
range, bad dates, times, choices, a masked phone number, a cut long value, duplicate ids,
unknown councils and meetings, ended terms (和暦 dates in the message), similar names, a
total that does not match.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import pickle
from pathlib import Path

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.problems import CATALOG, PERSONAL_MASK, Problem, make_problem, problem_at

FIXTURES = Path(__file__).parent / "fixtures"


def test_messages_and_json_are_those_of_the_eager_build(monkeypatch):
    monkeypatch.chdir(FIXTURES)  # the file is named in messages as given
    ledger = load_ledger("problems_variety.xlsx", today=dt.date(2026, 11, 28))
    expected = json.loads((FIXTURES / "problems_variety.json").read_text(encoding="utf-8"))
    got = [[p.to_dict(), str(p), repr(p)] for p in ledger.problems]
    assert got == expected


def test_the_message_is_built_once_when_read():
    problem = make_problem("term-ended", file="台帳.xlsx", sheet="名簿", cell="D7", end=dt.date(2025, 3, 31))
    assert problem._message is None  # nothing built yet
    assert problem.message == "名簿!D7の委員の任期は令和7年3月31日に終了していますが、名簿に残っています。再任・交代を確認してください。"
    assert problem._message is problem.message and problem.row == 7


def test_a_problem_is_an_immutable_value():
    one = make_problem("invalid-date", sheet="会議", cell="C7", value="令和5年2月30日", header="開催日")
    two = make_problem("invalid-date", sheet="会議", cell="C7", value="令和5年2月30日", header="開催日")
    other = make_problem("invalid-date", sheet="会議", cell="C7", value="令和5年2月30日", header="回答期限")
    assert one == two and hash(one) == hash(two) and len({one, two}) == 1
    assert one != other  # the message differs
    with pytest.raises(AttributeError):
        one.code = "x"  # type: ignore[misc]
    for again in (pickle.loads(pickle.dumps(one)), copy.copy(one), copy.deepcopy(one)):
        assert again == one and again.message == one.message


def test_constructed_directly_with_a_message():
    problem = Problem(code="file-locked", severity="error", message="開いています。", file="a.xlsx")
    assert problem.message == "開いています。" and problem.to_dict()["message"] == "開いています。"
    assert problem.location == "a.xlsx" and problem.is_error


def test_personal_values_are_masked_in_value_and_message():
    problem = make_problem("invalid-choice", sheet="名簿", cell="H3", value="090-1234-5678", header="区分",
                           choices="A")
    assert problem.value is None and PERSONAL_MASK in problem.message and "090" not in problem.message
    address = make_problem("invalid-choice", sheet="名簿", cell="L3", field="address", value="港町1-1",
                           header="住所", choices="A")
    assert address.value is None and "港町" not in address.message


def test_unknown_code_fails_at_once():
    with pytest.raises(KeyError):
        make_problem("no-such-code")


def test_every_code_builds_its_message():
    for code in CATALOG:
        assert make_problem(code, sheet="会議", cell="A1").message, code
    assert problem_at("term-ended", None, end=dt.date(2025, 3, 31)).message.startswith("委員の任期は令和7年")
