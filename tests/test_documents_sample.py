"""A small network ledger for the document tests, as records and as a real .xlsx file.

Other document tests import ``network_ledger`` and ``write_network_workbook`` from here;
the tests in this module check the pure context building on it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from mihara_sheets.documents.agenda_context import dates_text, plan_agenda
from mihara_sheets.documents.notice_context import (
    choose_delivery,
    default_reply_by,
    next_notice_no,
    plan_notice,
)
from mihara_sheets.ledger.ledger import Ledger
from mihara_sheets.ledger.records import (
    AgendaItem,
    AnnualReport,
    Council,
    Meeting,
    Member,
    Settings,
)

D = dt.date
T = dt.time
TRICKY = "A&B <会議室> \"大\" 'x'"


def network_ledger() -> Ledger:
    """Councils, rosters, FY2026 meetings and settings of a small network."""
    councils = [
        Council("NW", "地域共生連携ネットワーク", kind="協議会"),
        Council("ALL", "地域共生連携ネットワーク全体会議", kind="全体会議", parent_id="NW"),
        Council("KOR", "高齢者支援部会", kind="部会", parent_id="NW"),
        Council("KOD", "子ども・若者支援部会", kind="部会", parent_id="NW"),
        Council("OLD", "旧連絡会", kind="部会", parent_id="NW", status="廃止"),
    ]
    members = [
        Member("KOR", "広島 花子", organization="三原市民生委員児童委員協議会", title="会長", role="部会長",
               postal_code="723-0001", address="三原市港町1-1", delivery="郵送"),
        Member("KOR", "三原 次郎", organization=TRICKY, title="理事", email="jiro@example.jp", delivery="メール"),
        Member("KOR", "住所 なし", organization="地域包括支援センター", delivery="郵送"),
        Member("KOR", "任期 切れ", organization="旧団体", term_end=D(2026, 3, 31), address="三原市"),
        Member("KOR", "事務局 員", organization="三原市保健福祉部", role="事務局", address="三原市"),
        Member("KOR", "CON", organization="名前が予約語", delivery="庁内便"),
        Member("KOD", "尾道 三郎", organization="三原市立第一中学校", title="校長", role="部会長", address="三原市城町"),
        Member("KOD", "福山/四郎?", organization="NPO法人つながり", role="委員", address="三原市本郷"),
    ]
    meetings = [
        Meeting("M-KOR-1", "KOR", number=1, date=D(2026, 5, 20), start=T(14), end=T(15, 30),
                venue="本庁舎 5階 会議室", agenda=["年間計画について", "その他"], fiscal_year=2026,
                status="開催済", notice_no="三保福第3号", notice_date=D(2026, 5, 1)),
        Meeting("M-KOR-2", "KOR", number=2, date=D(2026, 12, 15), start=T(14), end=T(15, 30),
                venue=TRICKY, fiscal_year=2026, status="予定"),
        Meeting("M-KOD-1", "KOD", number=1, date=D(2026, 6, 3), start=T(10), end=T(11, 30),
                venue="中央公民館", agenda=["居場所づくりの状況"], fiscal_year=2026, status="開催済"),
        Meeting("M-KOD-2", "KOD", number=2, date=D(2026, 9, 1), fiscal_year=2026, status="中止"),
        Meeting("M-ALL", "ALL", number=1, date=D(2027, 2, 10), start=T(13, 30), end=T(16),
                venue="三原市芸術文化センター ポポロ", fiscal_year=2026, status="予定"),
    ]
    agenda_items = [
        AgendaItem("M-KOR-2", "見守り活動の状況について", order="1"),
        AgendaItem("M-KOR-2", "認知症カフェ & 見守り <ネットワーク> の状況", order="2"),
        AgendaItem("M-ALL", "セミナー「つながりを育む地域づくり」", kind="セミナー", presenter="県立大学 教授 山田 一"),
    ]
    reports = [
        AnnualReport(2026, "KOD", activities="居場所マップを作成した。\n中学校区ごとに配布。", outcomes="相談12件", reporter="尾道 三郎", order=1),
        AnnualReport(2026, "KOR", activities="見守り訪問", next_year="対象を拡大する", reporter="広島 花子", order=2),
    ]
    settings = Settings(sender="三原市保健福祉部長", division="三原市保健福祉部 地域福祉課", phone="0848-00-0000",
                        email="chiiki@example.jp", notice_prefix="三保福第")
    return Ledger(councils=councils, members=members, meetings=meetings, agenda_items=agenda_items,
                  annual_reports=reports, settings=settings)


def write_network_workbook(path: Path) -> Path:
    """The same network as a real ledger workbook, for load_ledger and the writer."""
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy/m/d"})

    def sheet(name, header, rows):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, T(0)), date_fmt)
                elif value is not None:
                    ws.write(r, c, value)

    sheet("会議体", ["会議体ID", "会議体名", "区分", "親会議体ID"], [
        ["NW", "地域共生連携ネットワーク", "協議会", None],
        ["ALL", "地域共生連携ネットワーク全体会議", "全体会議", "NW"],
        ["KOR", "高齢者支援部会", "部会", "NW"],
        ["KOD", "子ども・若者支援部会", "部会", "NW"],
    ])
    sheet("名簿", ["会議体ID", "氏名", "所属", "役職", "部会役職", "郵便番号", "住所", "メール", "送付方法"], [
        ["KOR", "広島 花子", "三原市民生委員児童委員協議会", "会長", "部会長", "7230001", "三原市港町1-1", None, "郵送"],
        ["KOR", "三原 次郎", TRICKY, "理事", "委員", None, None, "jiro@example.jp", "メール"],
        ["KOR", "事務局 員", "三原市保健福祉部", None, "事務局", None, "三原市", None, None],
        ["KOD", "尾道 三郎", "三原市立第一中学校", "校長", "部会長", None, "三原市城町", None, None],
    ])
    sheet("会議", ["会議ID", "会議体ID", "回", "開催日", "時間", "場所", "議題", "状態", "文書番号", "通知日"], [
        ["M-KOR-1", "KOR", 1, D(2026, 5, 20), "14:00～15:30", "本庁舎 5階 会議室", "1. 年間計画について", "開催済", "三保福第3号", D(2026, 5, 1)],
        ["M-KOR-2", "KOR", 2, D(2026, 12, 15), "14:00～15:30", TRICKY, "(1) 見守り活動の状況について\n(2) 認知症カフェの状況", "予定", None, None],
        ["M-KOD-1", "KOD", 1, D(2026, 6, 3), "10:00～11:30", "中央公民館", "居場所づくりの状況", "開催済", None, None],
        ["M-ALL", "ALL", 1, D(2027, 2, 10), "13:30～16:00", "三原市芸術文化センター ポポロ", "開会\nセミナー", "予定", None, None],
    ])
    ws = wb.add_worksheet("設定")
    for r, (k, v) in enumerate([("発信者", "三原市保健福祉部長"), ("担当課", "三原市保健福祉部 地域福祉課"),
                                 ("電話", "0848-00-0000"), ("メール", "chiiki@example.jp"), ("文書番号", "三保福第"),
                                 ("セミナー演題", "つながりを育む地域づくり"), ("セミナー講師", "県立大学 教授 山田 一")]):
        ws.write(r, 0, k)
        ws.write(r, 1, v)
    wb.close()
    return path


# -- tests of the pure context building ----------------------------------------------------
ISSUE = D(2026, 11, 20)


def test_recipients_are_serving_members_without_the_secretariat():
    plan = plan_notice(network_ledger(), "M-KOR-2", issue_date=ISSUE)
    names = [r.member.name for r in plan.recipients]
    assert names == ["広島 花子", "三原 次郎", "住所 なし", "CON"]


def test_member_without_usable_address_is_reported_not_skipped():
    plan = plan_notice(network_ledger(), "M-KOR-2", issue_date=ISSUE)
    flagged = [p for p in plan.problems if p.code == "notice-no-address"]
    assert len(flagged) == 1 and "住所 なし" in flagged[0].message
    assert any(r.member.name == "住所 なし" for r in plan.recipients)


@pytest.mark.parametrize(
    ("delivery", "address", "email", "expected"),
    [
        (None, "三原市", None, ("郵送", False)),
        (None, None, "a@example.jp", ("メール", False)),
        (None, None, None, ("要確認", True)),
        ("メール", "三原市", None, ("メール", True)),
        ("庁内便", None, None, ("庁内便", False)),
    ],
)
def test_choose_delivery(delivery, address, email, expected):
    chosen, why = choose_delivery(Member("X", "n", delivery=delivery, address=address, email=email))
    assert (chosen, why is not None) == expected


def test_notice_number_is_next_of_the_year_and_reused_on_rerun():
    ledger = network_ledger()
    assert next_notice_no(ledger, "三保福第", 2026) == "三保福第4号"
    assert next_notice_no(ledger, "三保福第", 2027) == "三保福第1号"
    assert plan_notice(ledger, "M-KOR-2", issue_date=ISSUE).notice_no == "三保福第4号"
    assert plan_notice(ledger, "M-KOR-1", issue_date=D(2026, 5, 1)).notice_no == "三保福第3号"


def test_missing_prefix_falls_back_and_warns():
    ledger = network_ledger()
    ledger.settings.notice_prefix = None
    plan = plan_notice(ledger, "M-KOR-2", issue_date=ISSUE)
    assert plan.notice_no == "第1号"
    assert any(p.code == "notice-no-prefix" for p in plan.problems)


def test_shared_context_is_wareki_and_agenda_sheet_wins():
    plan = plan_notice(network_ledger(), "M-KOR-2", issue_date=ISSUE)
    assert plan.shared["meeting"]["title"] == "第2回高齢者支援部会"
    assert plan.shared["meeting"]["date"] == "令和8年12月15日（火）"
    assert plan.shared["meeting"]["time"] == "午後2時～午後3時30分"
    assert plan.shared["issue_date"] == "令和8年11月20日"
    assert plan.shared["reply_by"] == "令和8年12月8日（火）"
    assert plan.shared["agenda"][0] == "見守り活動の状況について"
    assert not any(p.code == "notice-late" for p in plan.problems)


def test_late_notice_and_unknown_meeting():
    plan = plan_notice(network_ledger(), "M-KOR-2", issue_date=D(2026, 12, 10))
    assert any(p.code == "notice-late" for p in plan.problems)
    assert plan.shared["reply_by"] == "令和8年12月14日（月）"
    with pytest.raises(LookupError, match="会議ID「NOPE」"):
        plan_notice(network_ledger(), "NOPE", issue_date=ISSUE)


def test_no_recipients_is_an_error():
    ledger = network_ledger()
    ledger.members = [m for m in ledger.members if m.council_id != "KOR"]
    plan = plan_notice(ledger, "M-KOR-2", issue_date=ISSUE)
    assert not plan.ok and any(p.code == "notice-no-recipients" for p in plan.problems)


def test_reply_by_defaults():
    assert default_reply_by(D(2026, 12, 15), D(2026, 11, 1)) == D(2026, 12, 8)
    assert default_reply_by(D(2026, 12, 15), D(2026, 12, 12)) == D(2026, 12, 14)


def test_dates_text_names_the_year_only_when_it_changes():
    assert dates_text([D(2026, 5, 20), D(2026, 7, 15), D(2027, 1, 20)]) == "令和8年5月20日、7月15日、令和9年1月20日"


def test_agenda_context():
    plan = plan_agenda(network_ledger(), 2026)
    ctx = plan.context
    assert ctx["fiscal_year"] == "令和8年度"
    assert ctx["network_name"] == "地域共生連携ネットワーク"
    assert ctx["plenary"]["date"] == "令和9年2月10日（水）"
    # 報告順 from 部会年次報告; the abolished 部会 is left out.
    assert [r["name"] for r in ctx["reports"]] == ["子ども・若者支援部会", "高齢者支援部会"]
    kod, kor = ctx["reports"]
    assert kod["held_text"] == "1回（令和8年6月3日）"  # the cancelled meeting does not count
    assert kor["held_count"] == 2 and kor["main_agenda"][0] == "年間計画について"
    assert kod["report_lines"][0] == {"label": "主な取組", "text": "居場所マップを作成した。\n中学校区ごとに配布。"}
    assert ctx["seminar"] == {"title": "「つながりを育む地域づくり」", "speaker": "県立大学 教授 山田 一"}
    assert ctx["materials"][-1] == {"number": "参考", "title": "委員名簿"}
    kor_roster = ctx["rosters"][1]
    assert [m["name"] for m in kor_roster["members"]][0] == "広島 花子"
    assert all(set(m) == {"name", "organization", "title", "role"} for m in kor_roster["members"])
    assert "事務局 員" not in [m["name"] for m in kor_roster["members"]]
    assert "任期 切れ" not in [m["name"] for m in kor_roster["members"]]


def test_agenda_without_plenary_is_refused():
    with pytest.raises(LookupError, match="令和7年度の全体会議"):
        plan_agenda(network_ledger(), 2025)
