"""会議録（案） (issue 14): every required item, names, proxies, headings, signatures, confidentiality."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from mihara_sheets.cli import main
from mihara_sheets.jobs import FileLedger, MinutesRequest, run_minutes
from mihara_sheets.resources import sample_ledger_path
from tests.factory import make_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "minutes.docx"  # this tree's template (the install may point elsewhere)
DAY = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 12, 1)
MEMBERS = [("P1", "広島 花子", "部会長"), ("P2", "三原 太郎", "委員"), ("P3", "尾道 次郎", "委員"),
           ("P4", "福山 三郎", "委員"), ("P5", "呉 四郎", "委員"), ("P9", "事務 局子", "事務局")]
AGENDA = [["M-1", "2", "協議", "見守り体制の強化について", "事務局", "資料2", "○"],
          ["M-1", "1", "報告", "相談件数の状況について", "高齢者福祉課", "資料1", "○"]]


def ledger_file(tmp_path, replies, *, kind="部会", secret=None, status="開催済", chair="広島 花子",
                signers="三原 太郎", observers=3, disclosure="公開", reason=None, agenda=AGENDA,
                decisions="調査を行う。\n次回に報告する。") -> Path:
    councils = [["会議体ID", "会議体名", "区分", "守秘義務"], ["KOR", "高齢者支援部会", kind, secret]]
    roster = [["会議体ID", "人物ID", "氏名", "所属", "役職", "役割", "住所", "電話", "任期開始", "任期終了"]]
    for pid, name, role in MEMBERS:
        roster.append(["KOR", pid, name, "三原市社協", "理事", role, "三原市港町1-1", "0848-00-0000",
                       dt.date(2025, 4, 1), dt.date(2027, 3, 31)])
    meetings = [["会議ID", "会議体ID", "回", "開催日", "時間", "場所", "公開区分", "非公開理由", "状態", "傍聴者数",
                 "決定事項", "議長", "署名委員", "受理件数", "新規件数", "終結件数", "出席者数"],
                ["M-1", "KOR", 3, DAY, "14:00～15:30", "本庁舎5階 第1会議室", disclosure, reason, status, observers,
                 decisions, chair, signers, 4 if kind == "個別支援会議" else None, 2 if kind == "個別支援会議" else None,
                 None, None]]
    attendance = [["会議ID", "人物ID", "氏名", "回答", "代理者", "当日"]] + [list(r) for r in replies]
    sheets = {"会議体": councils, "名簿": roster, "会議": meetings, "出欠": attendance}
    if agenda:
        sheets["議題"] = [["会議ID", "順", "区分", "議題", "説明者", "資料番号", "公開"], *agenda]
    return make_workbook(tmp_path / "台帳.xlsx", sheets)


HELD = [["M-1", "P1", None, "出席", None, "出席"],
        ["M-1", "P2", None, "出席", None, "遅刻"],
        ["M-1", "P3", None, "代理出席", None, None],
        ["M-1", "P4", None, "出席", None, "欠席"],  # answered 出席, did not come
        ["M-1", "P5", None, "欠席", None, None]]
HELD[2][4] = "社協 係長"


def make(tmp_path, replies=HELD, **kwargs):
    path = ledger_file(tmp_path, replies, **kwargs)
    result = run_minutes(FileLedger([path]), MinutesRequest("M-1", tmp_path / "out", template=TEMPLATE, today=TODAY))
    return result


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def line(texts: list[str], start: str) -> str:
    [found] = [t for t in texts if t.startswith(start)]
    return found


def all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                       if n.endswith(".xml") or n.endswith(".rels"))


def test_every_required_item_is_filled_from_the_ledger(tmp_path):
    result = make(tmp_path)
    assert result.exit_code == 0, [p.message for p in result.problems]
    [path] = result.files
    assert path.name == "会議録（案）_M-1.docx"
    texts = paragraphs(path)
    assert texts[0] == "第3回高齢者支援部会\u3000会議録（案）"
    assert line(texts, "1\t会議の名称").endswith("第3回高齢者支援部会")
    assert line(texts, "2\t日").endswith("令和8年11月20日（金）\u3000午後2時～午後3時30分")
    assert line(texts, "3\t場").endswith("本庁舎5階 第1会議室")
    assert line(texts, "4\t公開・非公開").endswith("\t公開")
    # 当日 decides once held: 遅刻 is present, 出席 answered but 欠席 on the day is absent.
    assert line(texts, "5\t出席委員") == "5\t出席委員\t広島 花子、三原 太郎、尾道 次郎（代理：社協 係長）（3名）"
    assert line(texts, "6\t欠席委員") == "6\t欠席委員\t福山 三郎、呉 四郎（2名）"
    assert "事務 局子" in line(texts, "7\t事")  # the roster's 事務局 row: staff, not a member present
    assert "事務 局子" not in line(texts, "5\t出席委員")
    assert line(texts, "8\t傍聴者数") == "8\t傍聴者数\t3名"
    agenda = texts[texts.index(line(texts, "9\t議")) + 1:texts.index(line(texts, "10\t決定事項"))]
    assert agenda == ["報\u3000告", "（1）相談件数の状況について（資料1）", "協\u3000議",
                      "（1）見守り体制の強化について（資料2）", "その他"]
    decisions = texts.index(line(texts, "10\t決定事項"))
    assert texts[decisions + 1:decisions + 3] == ["調査を行う。", "次回に報告する。"]
    assert "非公開・内部資料" not in all_xml(path)
    assert result.data["present"][2] == "尾道 次郎（代理：社協 係長）"


def test_one_heading_per_agenda_item_in_order_and_the_signature_block(tmp_path):
    texts = paragraphs(make(tmp_path).files[0])
    record = texts[texts.index(line(texts, "11\t会議の経過")):]
    headings = [t for t in record if t.startswith("【")]
    assert headings == ["【報告（1）相談件数の状況について】", "【協議（1）見守り体制の強化について】", "【その他】"]
    assert any(t.startswith("上記のとおり会議の経過を記録し") for t in record)
    signatures = [t for t in record if "署名\u3000＿" in t]
    assert signatures[0].startswith("議長\u3000広島 花子") and signatures[1].startswith("署名委員\u3000三原 太郎")


def test_blank_chair_signers_observers_and_reason_leave_lines_for_staff(tmp_path):
    result = make(tmp_path, chair=None, signers=None, observers=None, disclosure="非公開", agenda=None)
    texts = paragraphs(result.files[0])
    assert line(texts, "8\t傍聴者数") == "8\t傍聴者数\t0名"  # 非公開: nobody from the public came
    assert "非公開の理由：\u3000" in line(texts, "4\t公開・非公開")
    (tmp_path / "partly").mkdir()
    partly = make(tmp_path / "partly", observers=None, disclosure="一部公開")
    assert line(paragraphs(partly.files[0]), "8\t傍聴者数") == "8\t傍聴者数\t\u3000\u3000名"  # not known: to fill
    signatures = [t for t in texts if "署名\u3000＿" in t]
    assert [s.split("\u3000")[0] for s in signatures] == ["議長", "署名委員"]
    assert all("\u3000\u3000\u3000\u3000" in s for s in signatures)  # blank names
    # Without 議題 rows nor a 議題 cell: その他 only, still one heading to write under.
    assert [t for t in texts if t.startswith("【")] == ["【その他】"]


def test_a_meeting_not_yet_held_uses_the_replies_and_says_so(tmp_path):
    replies = [["M-1", "P1", None, "出席", None, None], ["M-1", "P2", None, "欠席", None, None]]
    result = make(tmp_path, replies, status="予定")
    codes = [p.code for p in result.problems]
    assert "minutes-not-held" in codes
    texts = paragraphs(result.files[0])
    assert line(texts, "5\t出席委員").endswith("広島 花子（1名）")
    assert "尾道 次郎" in line(texts, "\t（未回答）")
    assert any(t.startswith("※開催前の出欠の回答から") for t in texts)


@pytest.mark.parametrize("kind,secret", [("個別支援会議", None), ("部会", "○")])
def test_a_confidential_body_gets_counts_only(tmp_path, kind, secret):
    result = make(tmp_path, kind=kind, secret=secret, agenda=[["M-1", "1", "協議", "事例A（山田家）について", None, None, "×"]],
                  decisions=None)
    assert result.exit_code == 0
    [warning] = [p for p in result.problems if p.code == "minutes-confidential"]
    assert warning.severity == "warning" and warning.cell
    path = result.files[0]
    xml = all_xml(path)
    for _, name, _ in MEMBERS:
        assert name not in xml, name
    assert "社協 係長" not in xml and "山田" not in xml
    assert "非公開・内部資料" in xml
    texts = paragraphs(path)
    assert texts[0] == "【非公開・内部資料】"
    assert line(texts, "5\t出").endswith("出席 3名、欠席 2名（委員 5名）")
    if kind == "個別支援会議":
        assert line(texts, "7\t事").endswith("4件（受理 4件、新規 2件）")
    assert [t for t in texts if t.startswith("【") and t != "【非公開・内部資料】"] == ["【議題1】"]
    header = docx.Document(path).sections[0].header.paragraphs[0].text
    assert header == "非公開・内部資料"
    assert "present" not in result.data and result.data["people_counts"]["present"] == 3
    assert all(name not in json.dumps(result.to_dict(), ensure_ascii=False) for _, name, _ in MEMBERS)


def test_an_unknown_meeting_stops_with_the_usual_code(tmp_path):
    path = ledger_file(tmp_path, HELD)
    result = run_minutes(FileLedger([path]), MinutesRequest("M-9", tmp_path / "out"))
    assert result.exit_code == 2 and result.stopped
    assert [p.code for p in result.problems] == ["meeting-not-found"]
    assert not (tmp_path / "out").exists()


def test_no_attendance_rows_leave_the_names_blank(tmp_path):
    result = make(tmp_path, [])
    assert "minutes-no-attendance" in [p.code for p in result.problems]
    assert "quorum-not-met" not in [p.code for p in result.problems]
    texts = paragraphs(result.files[0])
    assert line(texts, "5\t出席委員") == "5\t出席委員\t"
    assert result.data["people_counts"]["absent"] is None  # not known, not zero


def test_a_rerun_keeps_a_draft_staff_have_edited(tmp_path):
    first = make(tmp_path).files[0]
    edited = docx.Document(first)
    edited.add_paragraph("職員が書いた経過")
    edited.save(first)
    again = run_minutes(FileLedger([tmp_path / "台帳.xlsx"]), MinutesRequest("M-1", tmp_path / "out", template=TEMPLATE,
                                                                          today=TODAY))
    assert again.files == [first]
    kept = [p for p in (tmp_path / "out").glob("*.docx") if "前回" in p.name]
    assert kept and "職員が書いた経過" in paragraphs(kept[0])
    assert "職員が書いた経過" not in paragraphs(first)


def test_the_cli_on_the_sample_makes_a_pdf_libreoffice_can_read(tmp_path):
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler are needed")
    ledger = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger)
    done = CliRunner().invoke(main, ["minutes", str(ledger), "--meeting", "K18-2026-02", "--out", str(tmp_path / "out"),
                                     "--pdf", "--today", TODAY.isoformat(), "--json"], catch_exceptions=False)
    report = json.loads(done.stdout)
    assert done.exit_code == 0 == report["exit_code"], report["problems"]
    assert report["chair"] == "試作 学" and report["signers"] == ["例示 和子"]
    assert "架空 恵" in report["absent"]  # answered 欠席, 当日 欠席
    pdf = next(Path(p) for p in report["files"] if p.endswith(".pdf"))
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "会議録（案）" in text and "第2回高齢者支援部会" in text
    assert ledger.read_bytes() == sample_ledger_path().read_bytes()  # the ledger is only read


def test_every_variable_of_the_template_is_documented_for_staff():
    from mihara_sheets.documents.render import load_template

    readme = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## minutes.docx"):]
    used = load_template(TEMPLATE, "minutes.docx").variables
    assert used and all(f"`{name}" in section or f"{{{{ {name}" in section for name in used), used


def test_a_proxy_ticked_present_on_the_day_is_still_a_proxy_in_the_minutes(tmp_path):
    replies = [row[:] for row in HELD]
    replies[2][5] = "出席"  # the proxy came: staff tick 出席
    result = make(tmp_path, replies)
    assert result.data["present"][2] == "尾道 次郎（代理：社協 係長）"
    assert result.data["people_counts"]["proxy"] == 1


def test_observers_are_listed_apart_and_not_counted_as_members(tmp_path, monkeypatch):
    import tests.test_minutes as here

    monkeypatch.setattr(here, "MEMBERS", [*MEMBERS, ("P6", "例文 智子", "オブザーバー")])
    replies = [*HELD, ["M-1", "P6", None, "出席", None, "出席"]]
    result = make(tmp_path, replies)
    texts = paragraphs(result.files[0])
    assert line(texts, "5\t出席委員") == "5\t出席委員\t広島 花子、三原 太郎、尾道 次郎（代理：社協 係長）（3名）"
    assert line(texts, "\t（オブザーバー）") == "\t（オブザーバー）\t例文 智子"
    assert "例文 智子" not in result.data["present"]
    assert result.data["observer_members"] == ["例文 智子"]
    assert result.data["people_counts"]["present"] == 3 and result.data["people_counts"]["invited"] == 5
