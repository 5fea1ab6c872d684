"""The inventory job end to end: the CLI on the sample and on a made ledger, the files it makes
(recalculated by LibreOffice, read back with python-docx), the button, unhappy paths, terms --within."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from mihara_sheets.cli import main
from mihara_sheets.documents.charts import put_picture
from mihara_sheets.documents.inventory_docs import CHART_MARKER, overlap_bars
from mihara_sheets.jobs import FileLedger, InventoryRequest, run_inventory
from mihara_sheets.resources import sample_ledger_path

from .factory import make_workbook
from .test_inventory_analysis import COUNCILS, ROSTER, member

TODAY = dt.date(2026, 12, 1)
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def run_cli(*args):
    done = CliRunner().invoke(main, [*map(str, args), "--json"], catch_exceptions=False)
    return done.exit_code, json.loads(done.stdout)


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "台帳.xlsx"
    shutil.copyfile(sample_ledger_path(), path)
    return path


@pytest.fixture
def made(tmp_path):
    """A ledger with genders, 選任区分, long tenures, addresses and a confidential body."""
    rows = [
        member("K00", "P1", "広島 花子", "三原市医師会", "医療機関", "会長", "女", "推薦", first=dt.date(2010, 4, 1)),
        member("K00", "P2", "尾道 太郎", "三原市 地域福祉課", "庁内関係課", gender="男", selection="充て職"),
        member("K01", "P1", "広島 花子", "三原市医師会", "医療機関", gender="女"),
        member("K01", "P3", "福山 三子", "社会福祉協議会", "社会福祉協議会", gender="女", selection="公募"),
        member("K01", "P4", "竹原 某", "包括", "地域包括支援センター"),
        member("K03", "P1", "広島 花子", "三原市医師会", "医療機関", gender="女"),
        member("K03", "P3", "福山 三子", "社会福祉協議会", "社会福祉協議会", gender="女"),
        member("K03", "P5", "三原 次郎", "包括", "地域包括支援センター", gender="男", selection="充て職"),
        member("K04", "P6", "秘密 守", "秘匿病院", "医療機関", gender="男"),
    ]
    header = ROSTER + ["住所", "電話", "メール"]
    rows = [r + ["三原市港町1-2-3", "0848-99-1234", "x@example.jp"] for r in rows]
    folder = tmp_path / "made"
    folder.mkdir()
    path = make_workbook(folder / "台帳.xlsx", {
        "会議体": COUNCILS, "名簿": [header, *rows],
        "会議": [["会議ID", "会議体ID", "開催日", "状態"], ["M1", "K01", dt.date(2026, 5, 10), "開催済"]],
        "設定": [["項目", "値"], ["女性委員比率目標", 40], ["兼職上限", 2]],
    })
    return path


# -- the sample ------------------------------------------------------------------------------
def test_the_sample_inventory_finds_who_sits_where(sample):
    code, data = run_cli("inventory", sample, "--today", TODAY)
    assert code == 0 and not data["stopped"]
    several = {p["name"]: p["councils"] for p in data["people_on_several_councils"]}
    assert several["例田 花子"] == ["K18", "K19", "K20", "K21", "K15"]  # the sample's busiest member
    assert [p["name"] for p in data["seats_over_cap"]] == ["例田 花子"]
    for key in ("possibly_same_person", "council_pairs", "composition", "term_alerts", "vacancies",
                "schedule_warnings"):
        assert key in data
    pair = data["council_pairs"][0]
    assert set(pair) >= {"a", "b", "member_jaccard", "organization_jaccard"}
    first = data["composition"]["councils"][0]
    assert set(first) >= {"id", "members", "women", "women_ratio", "public_recruited", "ex_officio", "long_tenure"}
    assert data["composition"]["total"]["members"] == sum(c["members"] for c in data["composition"]["councils"])
    # The terms the sample lets run out (ending within 90 days of TODAY), with their names.
    assert sorted(a["name"] for a in data["term_alerts"] if a["code"] == "term-ending-soon") == [
        "下絵 勇", "例題 幸子", "試案 弘"]
    assert {Path(f).name for f in data["files"]} == {
        "会議体の棚卸_令和8年度.xlsx", "会議体の棚卸_令和8年度.docx", "公示_構成団体_令和8年度.docx", "公示_構成団体_令和8年度.csv"}
    assert all(Path(f).parent == sample.parent / "出力" / "棚卸" for f in data["files"])
    text = json.dumps(data, ensure_ascii=False)
    assert "0848-" not in text and "@" not in text and "港町" not in text  # no phone, e-mail or address


def test_the_json_carries_no_addresses_phones_or_mail(made):
    code, data = run_cli("inventory", made, "--today", TODAY)
    text = json.dumps(data, ensure_ascii=False)
    assert code == 0
    for private in ("港町", "0848-99-1234", "x@example.jp"):
        assert private not in text


def test_the_made_ledger_figures(made):
    code, data = run_cli("inventory", made, "--today", TODAY, "--as-of", "令和8年4月1日")
    comp = data["composition"]
    by_id = {c["id"]: c for c in comp["councils"]}
    assert (by_id["K01"]["members"], by_id["K01"]["women"], by_id["K01"]["women_ratio"]) == (3, 2, 0.6667)
    assert by_id["K00"]["long_tenure"] == 1 and by_id["K03"]["ex_officio"] == 1
    assert comp["councils_without_women"] == ["K04"]
    assert comp["total"]["unknown_gender"] == 1
    assert [p["name"] for p in data["seats_over_cap"]] == ["広島 花子"]  # 3 bodies, limit 2
    assert data["consolidation_candidates"][0]["a"] == "K01" and data["consolidation_candidates"][0]["b"] == "K03"
    assert "gender-unknown" in [p["code"] for p in data["problems"]]


# -- the files -------------------------------------------------------------------------------
def recalculated(paths: list[Path], workdir: Path) -> list[Path]:
    """The workbooks converted by LibreOffice with every formula recalculated on load."""
    profile = workdir / "profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item></oor:items>\n", encoding="utf-8")
    out = workdir / "out"
    subprocess.run(["soffice", f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), *map(str, paths)],
                   check=True, capture_output=True, timeout=240)
    return [out / p.name for p in paths]


def rows_of(book, sheet):
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


@needs_soffice
def test_libreoffice_recalculates_the_workbook_to_the_json_figures(made, tmp_path):
    code, data = run_cli("inventory", made, "--today", TODAY)
    workbook = next(Path(f) for f in data["files"] if f.endswith(".xlsx"))
    control = tmp_path / "control.xlsx"  # a wrong cached value proves LibreOffice recalculated
    book = xlsxwriter.Workbook(str(control))
    book.add_worksheet().write_formula(0, 0, "=1+1", None, 99)
    book.close()
    ctrl, converted = recalculated([control, workbook], tmp_path / "lo")
    assert openpyxl.load_workbook(ctrl, data_only=True).active["A1"].value == 2
    book = openpyxl.load_workbook(converted, data_only=True)
    assert book.sheetnames == ["会議体一覧", "重複マトリクス", "兼職", "統合候補", "委員構成", "任期", "日程"]

    comp = {row[0]: row for row in rows_of(book, "委員構成")[6:] if row[0]}
    total = next(row for row in rows_of(book, "委員構成") if row[1] == "合計")
    for council in data["composition"]["councils"] + [dict(data["composition"]["total"], id=None)]:
        row = comp[council["id"]] if council["id"] else total
        assert row[2:5] == [council["members"], council["women"], council["men"]]
        assert row[5] == council["unknown_gender"]
        for col, key in ((6, "women_ratio"), (9, "women_ratio_without_ex_officio"), (11, "public_ratio")):
            expected = council[key]
            assert (row[col] in ("", None)) if expected is None else row[col] == pytest.approx(expected, abs=5e-5)
        assert row[7] == council["ex_officio"] and row[10] == council["public_recruited"]
        assert row[12] == council["long_tenure"]

    listing = rows_of(book, "会議体一覧")
    by_id = {row[0]: row for row in listing[2:] if row[0]}
    for council in data["councils"]:
        assert by_id[council["id"]][8] == council["members"] and by_id[council["id"]][9] == council["burden"]
    assert next(row for row in listing if row[1] == "合計")[9] == data["burden"]["total"]

    candidates = rows_of(book, "統合候補")
    for cand, row in zip(data["consolidation_candidates"], candidates[2:]):
        assert row[1].startswith(cand["a"]) and row[2].startswith(cand["b"])
        assert row[6] == pytest.approx(cand["member_jaccard"], abs=5e-5)
        assert row[10] == pytest.approx(cand["organization_jaccard"], abs=5e-5)
    saved = next(row for row in candidates if row[0] == "減る延べ出席")
    assert saved[1] == data["burden"]["saved"]

    seats = rows_of(book, "兼職")
    counts = {row[0]: row for row in seats[2:] if row[0]}
    for person in data["seats_over_cap"]:
        assert counts[person["name"]][-3] == person["count"] and counts[person["name"]][-1] == "超過"
    # The overlap sheet carries a colour scale.
    raw = openpyxl.load_workbook(workbook)
    assert any(rule.type == "colorScale" for rng in raw["重複マトリクス"].conditional_formatting for rule in rng.rules)


def test_the_word_report_reads_back_summary_first(made):
    code, data = run_cli("inventory", made, "--today", TODAY)
    report = Document(next(f for f in data["files"] if f.endswith("棚卸_令和8年度.docx")))
    texts = [p.text for p in report.paragraphs if p.text.strip()]
    assert texts[0] == "会議体の棚卸・委員構成"
    assert texts[2] == "１　概要" and "延べ" in texts[3]
    assert any("女性委員の比率は" in t for t in texts)
    tables = report.tables
    heat = tables[1]
    assert [c.text for c in heat.rows[0].cells] == ["会議体", "K00", "K01", "K03", "K04"]
    assert heat.rows[2].cells[2].text == "－"  # K01 with itself
    assert "w:fill" in heat.rows[2].cells[3]._tc.xml  # shaded by overlap
    all_text = "\n".join(texts + [c.text for t in tables for r in t.rows for c in r.cells])
    assert "港町" not in all_text and "0848-99" not in all_text


def test_the_report_carries_the_overlap_chart_after_the_candidates(made):
    code, data = run_cli("inventory", made, "--today", TODAY)
    path = next(f for f in data["files"] if f.endswith("棚卸_令和8年度.docx"))
    report = Document(path)
    body = report.element.body
    pictures = body.findall(".//" + qn("w:drawing"))
    assert len(pictures) == 1
    # In section 2, after the candidates' table and before section 3.
    blocks = list(body.iterchildren())
    at = next(i for i, b in enumerate(blocks) if b.findall(".//" + qn("w:drawing")))
    first_table = next(i for i, b in enumerate(blocks) if b.tag == qn("w:tbl"))
    section3 = next(i for i, b in enumerate(blocks) if "".join(b.itertext()).startswith("３"))
    assert first_table < at < section3
    assert CHART_MARKER not in "\n".join(p.text for p in report.paragraphs)
    with zipfile.ZipFile(path) as package:
        [media] = [n for n in package.namelist() if n.startswith("word/media/")]
        png = package.read(media)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 600 and height > 200
    # One bar pair per candidate, labelled by the councils' names, largest overlap first.
    bars = overlap_bars(data)
    assert [(b.member, b.organization) for b in bars] == [
        (c["member_jaccard"], c["organization_jaccard"]) for c in data["consolidation_candidates"][:len(bars)]]
    names = {c["id"]: c["name"] for c in data["councils"]}
    top = data["consolidation_candidates"][0]
    assert bars[0].label == f"{names[top['a']]}\n× {names[top['b']]}"


def test_a_picture_marker_without_a_picture_is_removed_and_a_template_without_it_is_unchanged():
    document = docx.Document()
    document.add_paragraph("前")
    document.add_paragraph(CHART_MARKER)
    document.add_paragraph("後")
    buffer = io.BytesIO()
    document.save(buffer)
    removed = Document(io.BytesIO(put_picture(buffer.getvalue(), CHART_MARKER, None, width_mm=100)))
    assert [p.text for p in removed.paragraphs] == ["前", "後"]
    assert put_picture(buffer.getvalue(), "［ほかの印］", None, width_mm=100) == buffer.getvalue()


def test_the_koji_list_as_word_and_csv(made):
    code, data = run_cli("inventory", made, "--today", TODAY)
    docx_path = next(f for f in data["files"] if f.endswith("公示_構成団体_令和8年度.docx"))
    text = "\n".join(p.text for p in Document(docx_path).paragraphs)
    assert "地域共生会議の構成について（公示）" in text
    assert "支援会議（守秘義務のある会議体のため、構成員は掲載していません）" in text
    assert "三原市医師会" in text and "秘匿病院" not in text and "秘密 守" not in text
    raw = Path(next(f for f in data["files"] if f.endswith(".csv"))).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["区分", "団体名", "会議体"]
    assert ["医療機関", "三原市医師会", "地域共生会議、高齢者部会、障害者部会"] in rows
    assert all("秘匿病院" not in cell for row in rows for cell in row)


def test_a_rerun_keeps_a_report_edited_by_hand(made):
    run_cli("inventory", made, "--today", TODAY)
    report = made.parent / "出力" / "棚卸" / "会議体の棚卸_令和8年度.docx"
    report.write_bytes(report.read_bytes() + b"")
    with open(report, "ab") as handle:
        handle.write(b"edited")
    code, data = run_cli("inventory", made, "--today", TODAY)
    assert "output-edited-kept" in [p["code"] for p in data["problems"]]
    assert (made.parent / "出力" / "棚卸" / "会議体の棚卸_令和8年度（前回）.docx").exists()


# -- unhappy paths ---------------------------------------------------------------------------
def test_no_councils_stops(tmp_path):
    path = make_workbook(tmp_path / "台帳.xlsx", {"名簿": [["氏名"], ["広島 花子"]], "会議": [["会議ID"], ["M1"]]})
    result = run_inventory(FileLedger([path]), InventoryRequest(today=TODAY))
    assert result.exit_code == 2 and [p.code for p in result.problems] == ["inventory-no-councils"]
    assert result.files == []


def test_an_unreadable_ledger_and_an_unwritable_folder_stop(tmp_path, made):
    code, data = run_cli("inventory", tmp_path / "ない.xlsx")
    assert code == 2 and data["problems"][0]["code"] == "file-not-found"
    blocker = tmp_path / "ファイル"
    blocker.write_text("x")
    result = run_inventory(FileLedger([made]), InventoryRequest(out=blocker, today=TODAY))
    assert result.exit_code == 2 and result.problems[-1].code == "output-not-writable"


def test_nobody_in_office_on_the_date_is_a_warning(made):
    result = run_inventory(FileLedger([made]), InventoryRequest(as_of=dt.date(2030, 4, 1), today=TODAY))
    assert result.exit_code == 0
    assert "inventory-no-members" in [p.code for p in result.problems]
    assert result.data["composition"]["total"]["members"] == 0


def test_a_bad_as_of_is_a_usage_error(sample):
    done = CliRunner().invoke(main, ["inventory", str(sample), "--as-of", "令和8年2月30日"])
    assert done.exit_code == 2 and "日付" in done.output


def test_a_broken_staff_template_stops_with_its_problem(made, tmp_path):
    bad = tmp_path / "壊れた.docx"
    doc = Document()
    doc.add_paragraph("{{ 存在しない変数 }}")
    doc.save(bad)
    code, data = run_cli("inventory", made, "--template", bad)
    assert code == 2 and data["problems"][-1]["code"] == "template-unknown-variable"


# -- terms --within --------------------------------------------------------------------------
def test_terms_within_days_widens_the_alert(sample):
    code, data = run_cli("terms", sample, "--today", TODAY)
    assert data["term_counts"]["term-ending-soon"] == 3 and data["within_days"] == 90
    code, data = run_cli("terms", sample, "--today", TODAY, "--within", 40)
    assert code == 0 and data["term_counts"]["term-ending-soon"] == 2 and data["within_days"] == 40
    code, data = run_cli("terms", sample, "--today", TODAY, "--within", 200)
    assert data["term_counts"]["term-ending-soon"] > 3
    assert data["term_counts"]["concurrent-seats"] == 1  # the seat check stays
    done = CliRunner().invoke(main, ["terms", str(sample), "--within", "-1"])
    assert done.exit_code == 2
