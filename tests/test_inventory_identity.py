"""Who is the same person: 人物ID, names confirmed by ふりがな or organisation, variants only proposed."""

from __future__ import annotations

import datetime as dt

from mihara_sheets import load_ledger
from mihara_sheets.analyses.identity import identify, kana_key

from .factory import make_workbook

HEAD = ["会議体ID", "人物ID", "氏名", "ふりがな", "所属", "部会役職"]


def ledger_of(tmp_path, rows, councils=("K01", "K02", "K03")):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名"], *[[c, f"会議{c}"] for c in councils]],
        "名簿": [HEAD, *rows],
    })
    return load_ledger(path, today=dt.date(2026, 4, 1))


def people(ledger):
    found = identify(ledger.members)
    return found, sorted((p.name, tuple(p.councils)) for p in found.people)


def test_person_id_wins_over_names(tmp_path):
    ledger = ledger_of(tmp_path, [
        ["K01", "P1", "広島 花子", "ひろしま はなこ", "社協", ""],
        ["K02", "P1", "広島　花子（旧姓）", "", "", ""],  # another name, the same 人物ID: one person
        ["K03", "P2", "広島 花子", "ひろしま はなこ", "社協", ""],  # the same name, another ID: two
    ])
    found, got = people(ledger)
    assert got == [("広島 花子", ("K01", "K02")), ("広島 花子", ("K03",))]
    assert found.proposals == []


def test_a_name_is_confirmed_by_kana_or_organisation(tmp_path):
    ledger = ledger_of(tmp_path, [
        ["K01", "", "広島 花子", "ひろしま はなこ", "三原市社会福祉協議会", ""],
        ["K02", "", "広島　花子", "ヒロシマ ハナコ", "", ""],  # full-width space, katakana: the same ふりがな
        ["K03", "", "ﾋﾛｼﾏ", "", "", ""],
    ], councils=("K01", "K02", "K03"))
    _, got = people(ledger)
    assert ("広島 花子", ("K01", "K02")) in got
    ledger = ledger_of(tmp_path, [
        ["K01", "", "尾道 太郎", "", "三原市医師会", ""],
        ["K02", "", "尾道太郎", "", "三原市医師会", ""],  # no ふりがな: the organisation confirms
    ])
    _, got = people(ledger)
    assert got == [("尾道 太郎", ("K01", "K02"))]


def test_the_same_name_with_another_kana_or_organisation_stays_two_people(tmp_path):
    ledger = ledger_of(tmp_path, [
        ["K01", "", "山田 修", "やまだ おさむ", "三原市医師会", ""],
        ["K02", "", "山田 修", "やまだ しゅう", "三原市医師会", ""],  # another reading: someone else
        ["K03", "", "福山 次郎", "", "見本病院", ""],
        ["K01", "", "福山 次郎", "", "三原市社会福祉協議会", ""],  # another organisation: someone else
    ])
    found, got = people(ledger)
    assert got == [("山田 修", ("K01",)), ("山田 修", ("K02",)), ("福山 次郎", ("K01",)), ("福山 次郎", ("K03",))]
    assert found.proposals == []  # they are told apart, not doubted


def test_a_name_with_nothing_to_confirm_it_is_proposed_not_merged(tmp_path):
    ledger = ledger_of(tmp_path, [["K01", "", "竹原 三郎", "", "", ""], ["K02", "", "竹原 三郎", "", "", ""]])
    found, got = people(ledger)
    assert got == [("竹原 三郎", ("K01",)), ("竹原 三郎", ("K02",))]
    (proposal,) = found.proposals
    assert "確かめられません" in proposal.reason


def test_variant_characters_are_only_proposed(tmp_path):
    ledger = ledger_of(tmp_path, [
        ["K01", "", "髙橋 一郎", "たかはし いちろう", "三原市医師会", ""],
        ["K02", "", "高橋 一郎", "たかはし いちろう", "三原市医師会", ""],
        ["K01", "", "山﨑 愛", "", "", ""],
        ["K03", "", "山崎 愛", "", "", ""],
        ["K02", "", "渡邊 誠", "", "", ""],
        ["K03", "", "渡辺 誠", "", "", ""],
    ])
    found, got = people(ledger)
    assert len(got) == 6  # never merged, even with the same ふりがな and organisation
    pairs = sorted((p.a.name, p.b.name) for p in found.proposals)
    assert pairs == [("山﨑 愛", "山崎 愛"), ("渡邊 誠", "渡辺 誠"), ("髙橋 一郎", "高橋 一郎")]
    assert all("異体字" in p.reason for p in found.proposals)


def test_office_staff_are_not_people_of_the_rosters(tmp_path):
    ledger = ledger_of(tmp_path, [["K01", "", "手本 四郎", "", "市", "事務局"], ["K02", "", "手本 四郎", "", "市", "委員"]])
    found, got = people(ledger)
    assert got == [("手本 四郎", ("K02",))]
    assert found.person_of(ledger.members[0]) is None


def test_kana_key_folds_katakana_width_and_spaces():
    assert kana_key("ﾋﾛｼﾏ ﾊﾅｺ") == kana_key("ひろしま　はなこ") == "ひろしまはなこ"
