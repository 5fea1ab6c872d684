"""notices --email: one unsent .eml per メール recipient, the notice PDF attached, read back with ``email``."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import shutil
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from mihara_sheets.cli import main
from mihara_sheets.documents.email_drafts import BodyTemplate, clean_address, draft_bytes
from mihara_sheets.documents.errors import TemplateError
from mihara_sheets.jobs import FileLedger, NoticeRequest, run_notices
from mihara_sheets.resources import sample_ledger_path
from tests.factory import make_workbook

DAY = dt.date(2026, 12, 15)
ISSUED = dt.date(2026, 11, 20)


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def small_ledger(path: Path, emails: dict[str, str | None], deliveries: dict[str, str]) -> Path:
    roster = [["会議体ID", "人物ID", "氏名", "所属", "役割", "住所", "メールアドレス", "送付方法", "任期開始", "任期終了"]]
    for n, (name, address) in enumerate(emails.items(), start=1):
        roster.append(["KOR", f"P{n}", name, "見本団体", "委員", "三原市港町1-1", address, deliveries[name],
                       dt.date(2025, 4, 1), dt.date(2027, 3, 31)])
    make_workbook(path, {
        "会議体": [["会議体ID", "会議体名", "区分"], ["KOR", "高齢者支援部会", "部会"]],
        "名簿": roster,
        "会議": [["会議ID", "会議体ID", "回", "開催日", "開始", "終了", "会場", "状態"],
                 ["M-1", "KOR", 3, DAY, dt.time(14), dt.time(16), "本庁舎5階 第1会議室", "予定"]],
        "設定": [["項目", "値"], ["発信者", "三原市保健福祉部長"], ["担当課", "三原市保健福祉部 地域福祉課"],
                 ["メール", "chiiki@city.mihara.example"], ["文書番号", "三保福第"]],
    })
    return path


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    ledger = folder / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "K18-2026-03", "--email", "--no-update",
                                     "--date", ISSUED.isoformat(), "--json"])
    return done, json.loads(done.stdout), ledger


def test_each_mail_recipient_of_the_sample_gets_a_draft_with_the_notice_pdf(sample_run):
    from mihara_sheets.loading import load_ledger

    done, report, ledger = sample_run
    assert done.exit_code == 0, report
    drafts = sorted(Path(p) for p in report["files"] if p.endswith(".eml"))
    members = [m for m in load_ledger(ledger).members_of("K18", on=dt.date(2026, 12, 15)) if m.role != "事務局"]
    by_mail = {m.email: m for m in members if m.delivery == "メール"}
    assert len(drafts) == len(by_mail) == report["meetings"][0]["drafts"] == 6
    for path in drafts:
        assert path.parent.name == "メール"
        message = read_eml(path)
        (to,) = message["To"].addresses
        member = by_mail[to.addr_spec]
        assert to.display_name == f"{member.name} 様"
        assert path.name.endswith(f"_{member.name.replace(' ', '')}.eml")
        assert message["Subject"] == "【開催通知】第3回高齢者支援部会"
        assert message["X-Unsent"] == "1"
        assert message["From"].addresses[0].addr_spec == "chiiki-kyosei@city.mihara.example"
        body = message.get_body(("plain",)).get_content()
        assert member.name in body and "令和8年12月15日（火）" in body and "三保福第" in body
        (attachment,) = list(message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == "開催通知_第3回高齢者支援部会.pdf"
        pdf = attachment.get_content()
        assert pdf.startswith(b"%PDF")
        # the PDF of that member's own notice (same number as the draft)
        own = path.parent.parent / "PDF" / f"{path.stem}.pdf"
        assert own.read_bytes() == pdf


def test_the_japanese_headers_are_mime_encoded_and_no_address_is_printed(sample_run):
    done, report, _ = sample_run
    raw = next(Path(p) for p in report["files"] if p.endswith(".eml")).read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # 7-bit headers: encoded words
    assert b"=?utf-8?" in head
    assert b"filename*0*=utf-8''" in raw  # RFC 2231 (Thunderbird, the email package)
    assert "@" not in "\n".join(report["lines"])
    assert "@" not in "\n".join(p["message"] for p in report["problems"])
    assert "@" not in done.stderr


def test_recipients_by_post_or_internal_mail_get_no_draft(sample_run):
    _, report, _ = sample_run
    names = {Path(p).stem.split("_", 1)[1] for p in report["files"] if p.endswith(".eml")}
    for posted in ("試作学", "仮名一郎", "模型明美", "試行真一", "書式正男", "試案弘"):  # 郵送 / 庁内便
        assert posted not in names


def test_a_malformed_address_is_a_problem_at_its_cell_and_gets_no_draft(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx",
                          {"甲 一": "ichi@example.jp", "乙 二": "ni@@example", "丙 三": "san@example.jp",
                           "丁 四": "yon example.jp"},
                          {"甲 一": "メール", "乙 二": "メール", "丙 三": "郵送", "丁 四": "メール"})
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out", update=False,
                                                             issue_date=ISSUED, email=True))
    drafts = [p for p in result.files if p.suffix == ".eml"]
    assert [read_eml(p)["To"].addresses[0].addr_spec for p in drafts] == ["ichi@example.jp"]
    bad = [p for p in result.problems if p.code == "email-address-invalid"]
    assert [(p.sheet, p.cell, p.field) for p in bad] == [("名簿", "G3", "email"), ("名簿", "G5", "email")]
    for problem in bad:
        assert "@" not in problem.message and "example" not in problem.message
        assert problem.value is None
    assert result.exit_code == 0  # the notices are made; two drafts are missing (warnings)


def test_without_email_no_mail_folder_and_without_mail_recipients_a_warning(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx", {"甲 一": "ichi@example.jp"}, {"甲 一": "郵送"})
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out", update=False,
                                                             issue_date=ISSUED))
    assert not (tmp_path / "out" / "開催通知_M-1" / "メール").exists()
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out", update=False,
                                                             issue_date=ISSUED, email=True))
    assert [p.code for p in result.problems] == ["email-no-recipients"]
    assert not [p for p in result.files if p.suffix == ".eml"]


def test_a_rerun_keeps_a_draft_staff_edited(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx", {"甲 一": "ichi@example.jp"}, {"甲 一": "メール"})
    request = NoticeRequest(["M-1"], tmp_path / "out", update=False, issue_date=ISSUED, email=True)
    (draft,) = [p for p in run_notices(FileLedger([ledger]), request).files if p.suffix == ".eml"]
    draft.write_bytes(draft.read_bytes().replace(b"X-Unsent: 1", b"X-Unsent: 1\r\nX-Edited: yes"))
    again = run_notices(FileLedger([ledger]), request)
    assert any(p.code == "output-edited-kept" for p in again.problems)
    assert b"X-Edited" in draft.with_name(f"{draft.stem}（前回）.eml").read_bytes()
    assert b"X-Edited" not in draft.read_bytes()


def test_a_staff_body_template_is_used_and_a_misspelt_variable_stops_the_run(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx", {"甲 一": "ichi@example.jp"}, {"甲 一": "メール"})
    mine = tmp_path / "本文.txt"
    mine.write_text("{{ recipient.addressee }}\n{{ meeting.title }}のご案内です。\n", encoding="utf-8")
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out", update=False,
                                                             issue_date=ISSUED, email=True, email_template=mine))
    (draft,) = [p for p in result.files if p.suffix == ".eml"]
    body = read_eml(draft).get_body(("plain",)).get_content()
    assert body == "甲 一　様\r\n第3回高齢者支援部会のご案内です。\r\n"  # CRLF, as mail text is
    mine.write_text("{{ meeting.titel }}\n", encoding="utf-8")
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out2", update=False,
                                                             issue_date=ISSUED, email=True, email_template=mine))
    assert result.stopped and result.exit_code == 2
    assert result.problems[0].code == "template-unknown-variable"
    assert not (tmp_path / "out2" / "開催通知_M-1").exists()


@pytest.mark.parametrize("typed, expected", [
    ("ichi@example.jp", "ichi@example.jp"), (" ｉｃｈｉ＠ｅｘａｍｐｌｅ．ｊｐ ", "ichi@example.jp"),
    ("mailto:a.b+c@sub.example.co.jp", "a.b+c@sub.example.co.jp"),
    ("ni@@example.jp", None), ("no-at.example.jp", None), ("a@localhost", None), ("a b@example.jp", None),
    ("a@example.jp; b@example.jp", None), (".a@example.jp", None), ("a..b@example.jp", None),
    ("a@-bad.example.jp", None), ("a@1.2.3.4", None), ("", None), (None, None), ("田中@example.jp", None),
])
def test_address_check(typed, expected):
    assert clean_address(typed) == expected


def test_draft_bytes_round_trip_and_template_refuses_internals():
    raw = draft_bytes(to="a@example.jp", to_name="見本 太郎 様", subject="【開催通知】第1回会議", body="本文です。\n",
                      sender=None, sender_name=None, attachment=b"%PDF-1.4 x", attachment_name="開催通知.pdf")
    message = read_eml_bytes(raw)
    assert message["Subject"] == "【開催通知】第1回会議" and message["From"] is None
    assert message.get_body(("plain",)).get_content() == "本文です。\r\n"
    with pytest.raises(TemplateError) as found:
        BodyTemplate("{{ meeting.__class__ }}")
    assert found.value.code == "template-unsafe"
    with pytest.raises(TemplateError) as found:
        BodyTemplate("{% if %}")
    assert found.value.code == "email-template-syntax"


def read_eml_bytes(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def test_everyone_copy_is_attached_to_each_personal_draft(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx", {"甲 一": "ichi@example.jp", "乙 二": "ni@example.jp"},
                          {"甲 一": "メール", "乙 二": "メール"})
    result = run_notices(FileLedger([ledger]), NoticeRequest(["M-1"], tmp_path / "out", update=False,
                                                             issue_date=ISSUED, everyone=True, email=True))
    drafts = sorted(p for p in result.files if p.suffix == ".eml")
    (shared_pdf,) = [p for p in result.files if p.suffix == ".pdf"]
    assert [p.name for p in drafts] == ["001_甲一.eml", "002_乙二.eml"]
    for path in drafts:
        message = read_eml(path)
        name = message["To"].addresses[0].display_name.removesuffix(" 様")
        assert message.get_body(("plain",)).get_content().splitlines()[1] == f"{name}\u3000様"  # not 各位
        (attachment,) = message.iter_attachments()
        assert attachment.get_content() == shared_pdf.read_bytes()


def test_a_broken_text_body_template_gets_a_japanese_message_for_a_text_file(tmp_path):
    ledger = small_ledger(tmp_path / "台帳.xlsx", {"甲 一": "ichi@example.jp"}, {"甲 一": "メール"})
    mine = tmp_path / "本文.txt"
    mine.write_text("{{ meeting.title }}のご案内です。\n{% if recipient.name %}\n様\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "M-1", "--email", "--no-update",
                                     "--email-template", str(mine), "--out", str(tmp_path / "out"), "--json"])
    (problem,) = json.loads(done.stdout)["problems"]
    assert done.exit_code == 2 and problem["code"] == "email-template-syntax"
    message = problem["message"]
    assert "本文.txt" in message and "行目" in message
    said = message.split("該当箇所")[0].replace("本文.txt", "")
    assert not re.search(r"[A-Za-z]{3,}", said), message  # no Jinja English ("Unexpected end of template")
    assert "{% if recipient.name %}" in message  # the text near the error
    assert "Word" not in message and ".docx" not in message
    mine.write_bytes("{{ meeting.title }}のご案内です。".encode("cp932"))
    done = CliRunner().invoke(main, ["notices", str(ledger), "--meeting", "M-1", "--email", "--no-update",
                                     "--email-template", str(mine), "--out", str(tmp_path / "out"), "--json"])
    (problem,) = json.loads(done.stdout)["problems"]
    assert problem["code"] == "email-template-unreadable"
    assert "UTF-8" in problem["message"] and "Word" not in problem["message"] and ".docx" not in problem["message"]
