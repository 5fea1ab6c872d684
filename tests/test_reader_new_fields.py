"""The fields the composition, minutes and honoraria products read, as staff type them."""

from __future__ import annotations

import datetime as dt

from mihara_sheets import load_ledger

from .factory import make_workbook


def test_roster_council_meeting_attendance_and_payment_fields(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名", "区分", "報酬日額", "報酬区分", "定足数"],
                 ["K01", "高齢者支援部会", "部会", "7,900円", "", ""],
                 ["K02", "地域ケア会議", "協議会", "", "", "3分の2以上"]],
        "名簿": [["会議体ID", "氏名", "性別", "選任区分", "任期開始", "初回委嘱日", "報酬辞退"],
               ["K01", "広島 花子", "女性", "公募", dt.date(2025, 4, 1), dt.date(2013, 4, 1), ""],
               ["K01", "尾道 太郎", "Ｍ", "あて職", dt.date(2025, 4, 1), "", "○"],
               ["K01", "福山 次郎", "回答しない", "", dt.date(2025, 4, 1), "", ""],
               ["K02", "竹原 三郎", "", "抽選", "", "", ""]],
        "会議": [["会議ID", "会議体ID", "開催日", "議長", "署名委員", "公開区分", "非公開理由", "会議録公開日"],
               ["M1", "K01", dt.date(2026, 6, 1), "広島 花子", "尾道 太郎、福山 次郎", "公開", "", dt.date(2026, 7, 10)]],
        "出欠": [["会議ID", "氏名", "回答", "当日", "費用弁償"],
               ["M1", "広島 花子", "出席", "遅刻", "1,200"], ["M1", "尾道 太郎", "オンライン出席", "", ""]],
        "謝金": [["会議ID", "支払先", "区分", "金額", "個人"], ["M1", "原典 博", "謝金", "30,000", "○"]],
    })
    ledger = load_ledger(path, today=dt.date(2026, 12, 1))
    k01, k02 = ledger.councils
    assert (k01.fee_per_day, k01.fee_kind, k01.quorum) == (7900, "報酬", "過半数")
    assert (k02.fee_per_day, k02.fee_kind, k02.quorum) == (None, None, "3分の2以上")
    hanako, taro, jiro, saburo = ledger.members
    assert [m.gender for m in ledger.members] == ["女", "男", "回答しない", None]  # never guessed
    assert [m.selection for m in ledger.members] == ["公募", "充て職", None, "抽選"]
    assert hanako.first_appointed == dt.date(2013, 4, 1) and taro.first_appointed == dt.date(2025, 4, 1)
    assert taro.fee_exempt and not hanako.fee_exempt
    (meeting,) = ledger.meetings
    assert meeting.chair == "広島 花子" and meeting.signers == ["尾道 太郎", "福山 次郎"]
    assert meeting.minutes_published == dt.date(2026, 7, 10)
    assert [(a.answer, a.on_the_day, a.travel) for a in ledger.attendance] == [("出席", "遅刻", 1200), ("オンライン出席", None, None)]
    (payment,) = ledger.payments
    assert (payment.name, payment.kind, payment.amount, payment.individual) == ("原典 博", "謝金", 30000, True)
    # 抽選 is not a 選任区分: a warning at its cell; other 性別 text is kept without one.
    assert [(p.code, p.cell) for p in ledger.problems if p.sheet == "名簿"] == [("unexpected-choice", "D5")]


def test_the_new_settings_keys(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {
        "会議体": [["会議体ID", "会議体名"], ["K01", "高齢者支援部会"]],
        "設定": [["項目", "値"], ["女性委員比率目標", "35"], ["在任年数上限", "長め"], ["会議録公表日数", 400],
               ["報酬の源泉徴収", "なし"], ["謝金の源泉徴収率", "10.21"], ["FAX", "0848-00-0009"]],
    })
    ledger = load_ledger(path)
    s = ledger.settings
    assert (s.women_target_percent, s.pay_withholding, s.fee_withholding_rate, s.fax) == (35, "なし", "10.21", "0848-00-0009")
    assert (s.tenure_limit_years, s.minutes_publish_days, s.summary_publish_days) == (10, 45, 14)  # defaults kept
    assert sorted((p.code, p.cell) for p in ledger.problems) == [("invalid-number", "B3"), ("settings-out-of-range", "B4")]
