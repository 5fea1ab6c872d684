"""The inventory's rules on small real ledgers: composition, overlaps and their ranking, burden, 公示."""

from __future__ import annotations

import datetime as dt

import pytest

from mihara_sheets import load_ledger
from mihara_sheets.analyses.composition import compose, default_as_of, is_long_tenure
from mihara_sheets.analyses.inventory import take_inventory
from mihara_sheets.analyses.koji import koji_list

from .factory import make_workbook

APRIL = dt.date(2026, 4, 1)
COUNCILS = [["会議体ID", "会議体名", "区分", "親会議体ID", "年間開催回数", "守秘義務", "状態", "統合先"],
            ["K00", "地域共生会議", "親会", "", 2, "", "存続", ""],
            ["K01", "高齢者部会", "部会", "K00", 4, "", "存続", ""],
            ["K02", "介護連携会議", "協議会", "K00", 2, "", "統合", "K01"],
            ["K03", "障害者部会", "部会", "K00", 3, "", "存続", ""],
            ["K04", "支援会議", "個別支援会議", "K00", 12, "○", "存続", ""]]
ROSTER = ["会議体ID", "人物ID", "氏名", "所属", "区分", "部会役職", "性別", "選任区分", "任期開始", "任期終了", "初回委嘱日"]


def member(council, pid, name, org="", category="", role="委員", gender="", selection="", start=dt.date(2025, 4, 1),
           end=dt.date(2027, 3, 31), first=""):
    return [council, pid, name, org, category, role, gender, selection, start, end, first]


def load(tmp_path, members, settings=None, councils=COUNCILS):
    sheets = {"会議体": councils, "名簿": [ROSTER, *members]}
    if settings:
        sheets["設定"] = [["項目", "値"], *settings]
    return load_ledger(make_workbook(tmp_path / "台帳.xlsx", sheets), today=dt.date(2026, 12, 1))


# -- composition -----------------------------------------------------------------------------
def test_women_share_public_and_ex_officio(tmp_path):
    ledger = load(tmp_path, [
        member("K01", "P1", "広島 花子", gender="女", selection="公募"),
        member("K01", "P2", "尾道 太郎", gender="男", selection="充て職"),
        member("K01", "P3", "福山 三子", gender="女性", selection="充て職"),
        member("K01", "P4", "竹原 某", gender=""),  # blank: unknown, never a woman
        member("K01", "P9", "手本 四郎", role="事務局", gender="女"),  # staff: not counted
        member("K01", "P8", "例規 剛", role="オブザーバー", gender="女"),  # observer: not a member
        member("K03", "P5", "三原 次郎", gender="男"),
    ])
    comp = compose(ledger, APRIL)
    k01, k03 = comp.councils
    assert (k01.council_id, k01.tally.members, k01.tally.women, k01.tally.men, k01.tally.unknown) == ("K01", 4, 2, 1, 1)
    assert k01.tally.women_ratio == 0.5
    assert k01.tally.women_ratio_without_ex_officio == 0.5  # 1 woman of the 2 who are not 充て職
    assert k01.tally.public_ratio == 0.25 and k01.tally.ex_officio == 2
    assert [c.council_id for c in comp.without_women] == ["K03"]
    assert comp.no_women_recorded == []
    assert (comp.total.members, comp.total.women) == (5, 2)
    assert comp.meets_women_target(comp.total) is True  # 40% of 5 is 2
    assert comp.meets_women_target(k03.tally) is False
    assert comp.public_target is None and comp.meets_public_target(comp.total) is None


def test_a_council_with_blank_genders_is_not_said_to_have_no_women(tmp_path):
    ledger = load(tmp_path, [member("K01", "P1", "甲", gender="男"), member("K01", "P2", "乙", gender=""),
                             member("K03", "P3", "丙", gender="男")])
    comp = compose(ledger, APRIL)
    assert [c.council_id for c in comp.without_women] == ["K03"]
    assert [c.council_id for c in comp.no_women_recorded] == ["K01"]


def test_targets_come_from_settings(tmp_path):
    ledger = load(tmp_path, [member("K01", "P1", "広島 花子", gender="女"), member("K01", "P2", "尾道 太郎", gender="男")],
                  settings=[["女性委員比率目標", 60], ["公募委員比率目標", "20"]])
    comp = compose(ledger, APRIL)
    assert comp.women_target == 60 and comp.meets_women_target(comp.total) is False
    assert comp.public_target == 20 and comp.meets_public_target(comp.total) is False


def test_long_tenure_counts_from_first_appointment_against_the_limit(tmp_path):
    ledger = load(tmp_path, [
        member("K01", "P1", "広島 花子", first=dt.date(2016, 3, 31)),  # 10 years and a day: over
        member("K01", "P2", "尾道 太郎", first=dt.date(2016, 4, 1)),  # exactly 10 years: not over
        member("K01", "P3", "福山 三子", start=dt.date(2010, 4, 1)),  # no 初回委嘱日: from 任期開始
    ], settings=[["在任年数上限", 10]])
    comp = compose(ledger, APRIL)
    assert comp.councils[0].tally.long_tenure == 2
    assert comp.councils[0].long_tenure_names == ["広島 花子", "福山 三子"]
    assert is_long_tenure(dt.date(2016, 2, 29), dt.date(2026, 3, 1), 10)


def test_members_outside_their_term_and_people_over_the_seat_limit(tmp_path):
    rows = [member(c, "P1", "例田 花子") for c in ("K00", "K01", "K02", "K03")]
    rows.append(member("K04", "P1", "例田 花子"))
    rows.append(member("K01", "P2", "任期前", start=dt.date(2026, 5, 1)))
    ledger = load(tmp_path, rows, settings=[["兼職上限", 4]])
    comp = compose(ledger, APRIL)
    assert comp.over_seat_limit == [("例田 花子", ["K00", "K01", "K02", "K03", "K04"])]
    assert comp.total.members == 5  # the member whose term has not begun is not counted
    assert default_as_of(dt.date(2027, 2, 1)) == dt.date(2026, 4, 1)
    assert default_as_of(dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)


# -- overlaps, ranking, burden ------------------------------------------------------------------
def overlapping(tmp_path):
    rows = []
    for pid, name, org in [("P1", "甲", "医師会"), ("P2", "乙", "社協"), ("P3", "丙", "包括")]:
        rows.append(member("K01", pid, name, org, "医療機関"))
    for pid, name, org in [("P1", "甲", "医師会"), ("P2", "乙", "社協"), ("P4", "丁", "包括")]:
        rows.append(member("K03", pid, name, org, "医療機関"))
    rows += [member("K00", "P1", "甲", "医師会"), member("K00", "P5", "戊", "学校")]
    rows += [member("K04", "P2", "乙", "社協"), member("K04", "P3", "丙", "包括")]
    return load(tmp_path, rows)


def test_jaccard_of_members_and_organisations(tmp_path):
    inventory = take_inventory(overlapping(tmp_path), APRIL)
    pairs = {(p.a, p.b): p for p in inventory.pairs}
    k01_k03 = pairs[("K01", "K03")]
    assert (k01_k03.shared_members, k01_k03.member_jaccard) == (2, 0.5)  # {甲,乙} of {甲,乙,丙,丁}
    assert (k01_k03.shared_organizations, k01_k03.organization_jaccard) == (3, 1.0)  # 包括 is 包括
    assert pairs[("K00", "K01")].excluded == "親会議体と部会の関係"
    assert "守秘義務" in pairs[("K01", "K04")].excluded
    assert ("K02", "K03") not in pairs  # K02 has no members


def test_candidates_are_ranked_with_their_reason(tmp_path):
    inventory = take_inventory(overlapping(tmp_path), APRIL)
    assert [(p.a, p.b) for p in inventory.candidates] == [("K01", "K03")]
    assert "委員2人が共通（重なり50%）" in inventory.candidates[0].reason
    assert [p.name for p in inventory.on_several] == ["甲", "乙", "丙"]


def test_burden_per_council_person_total_and_merged(tmp_path):
    inventory = take_inventory(overlapping(tmp_path), APRIL)
    place = {p.council.council_id: p for p in inventory.places}
    assert (place["K01"].burden, place["K03"].burden, place["K00"].burden, place["K04"].burden) == (12, 9, 4, 24)
    burden = inventory.burden
    assert burden.total == 49 == sum(burden.per_person.values())
    assert burden.per_person["id:P1"] == 4 + 3 + 2
    # K01 + K03 meet as one body, 4 times a year, with 甲乙丙丁: 16 instead of 21.
    assert burden.merged == [("K01", "K03")]
    assert burden.total_after == 49 - 21 + 16
    assert burden.per_person_after["id:P1"] == 4 + 2


def test_meetings_per_year_falls_back_to_the_meetings_of_the_year(tmp_path):
    councils = [["会議体ID", "会議体名", "年間開催回数"], ["K01", "随時の会議", "随時"]]
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": councils, "名簿": [ROSTER, member("K01", "P1", "甲")],
        "会議": [["会議ID", "会議体ID", "開催日", "状態"], ["M1", "K01", dt.date(2026, 5, 1), "開催済"],
               ["M2", "K01", dt.date(2026, 9, 1), "中止"], ["M3", "K01", dt.date(2027, 3, 1), "予定"],
               ["M4", "K01", dt.date(2027, 5, 1), "予定"]],
    })
    inventory = take_inventory(load_ledger(path, today=dt.date(2026, 12, 1)), APRIL)
    assert inventory.places[0].meetings_per_year == 2  # M1 and M3: not the cancelled one, not next year's


# -- 公示 -------------------------------------------------------------------------------------
def test_koji_names_the_confidential_body_but_not_its_members(tmp_path):
    rows = [member("K01", "P1", "甲", "三原市医師会", "医療機関"), member("K01", "P2", "乙", "三原市医師会", "医療機関"),
            member("K03", "P3", "丙", "公募委員", "住民代表", selection="公募"),
            member("K03", "P4", "丁", "三原市社会福祉協議会", "社会福祉協議会"),
            member("K04", "P5", "戊", "秘密の団体", "民間団体"),
            member("K01", "P6", "己", "三原市 地域福祉課", "庁内関係課", role="事務局")]
    koji = koji_list(load(tmp_path, rows), APRIL)
    assert koji.network == "地域共生会議"
    assert [b.name for b in koji.bodies] == ["地域共生会議", "高齢者部会", "介護連携会議", "障害者部会", "支援会議"]
    assert koji.organizations == [("医療機関", "三原市医師会"), ("社会福祉協議会", "三原市社会福祉協議会")]
    (secret,) = [b for b in koji.bodies if b.confidential]
    assert secret.name == "支援会議" and secret.organizations == []
    assert "秘密の団体" not in str(koji)
    assert sum(b.individuals for b in koji.bodies) == 1  # the 公募委員 is counted, not named


@pytest.mark.parametrize("kinds, expected", [(["協議会", "協議会"], ["A", "B"])])
def test_koji_without_a_tree_takes_the_running_councils(tmp_path, kinds, expected):
    councils = [["会議体ID", "会議体名", "区分", "状態"], ["K1", "A", kinds[0], "存続"], ["K2", "B", kinds[1], ""],
                ["K3", "C", "協議会", "廃止"]]
    koji = koji_list(load(tmp_path, [], councils=councils), APRIL)
    assert [b.name for b in koji.bodies] == expected
