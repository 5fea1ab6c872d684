"""The plenary agenda (全体会議 次第) read back with python-docx, and its CLI."""

from __future__ import annotations

import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from mihara_sheets.cli import main
from mihara_sheets.documents import DocumentError, make_agenda
from tests.test_documents_sample import TRICKY, network_ledger, write_network_workbook
from tests.test_notices import alignment


@pytest.fixture(scope="module")
def agenda(tmp_path_factory):
    return make_agenda(network_ledger(), 2026, tmp_path_factory.mktemp("agenda"))


def test_program_in_order_with_the_reports(agenda):
    assert agenda.path.name == "全体会議次第_令和8年度.docx"
    paragraphs = docx.Document(agenda.path).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "令和8年度\u3000地域共生連携ネットワーク全体会議"
    assert alignment(paragraphs[0]) == WD_ALIGN_PARAGRAPH.CENTER
    assert "日時：令和9年2月10日（水）\u3000午後1時30分～午後4時" in texts
    program = [next(i for i, t in enumerate(texts) if t.startswith(s)) for s in
               ("1\u3000開", "2\u3000あいさつ", "3\u3000報", "（1）子ども・若者支援部会", "（2）高齢者支援部会",
                "4\u3000セミナー", "5\u3000その他", "6\u3000閉", "【配布資料】")]
    assert program == sorted(program)
    assert "・開催状況：1回（令和8年6月3日）" in texts
    assert "（1）子ども・若者支援部会\u3000報告：尾道 三郎" in texts
    assert "講師：県立大学 教授 山田 一" in texts
    title_at = texts.index("各部会の活動報告（令和8年度）")
    # Details on their own page, under their 資料 label.
    assert paragraphs[title_at - 1].paragraph_format.page_break_before
    assert paragraphs[title_at - 1].text.startswith("資料")
    # A line break typed in the 部会年次報告 cell stays a line break.
    assert "・主な取組：居場所マップを作成した。\n中学校区ごとに配布。" in texts


def test_materials_table_and_member_list_without_personal_contact_data(agenda):
    document = docx.Document(agenda.path)
    materials = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert materials[0] == ["資料番号", "資料名"] and materials[-1] == ["参考", "委員名簿"]
    rosters = document.tables[1:]
    assert len(rosters) == 2
    kor = [[c.text for c in row.cells] for row in rosters[1].rows]
    assert kor[0] == ["氏\u3000名", "所\u3000属", "役\u3000職", "部会役職"]
    assert kor[1] == ["広島 花子", "三原市民生委員児童委員協議会", "会長", "部会長"]
    assert ["三原 次郎", TRICKY, "理事", "委員"] in kor
    everything = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "三原市港町" not in everything and "jiro@example.jp" not in everything and "723-" not in everything
    paragraphs = document.paragraphs
    title_at = next(i for i, p in enumerate(paragraphs) if p.text.endswith("委員名簿"))
    assert paragraphs[title_at - 1].paragraph_format.page_break_before  # under its 資料 label


def test_footer_is_rendered_and_no_tags_are_left(agenda):
    document = docx.Document(agenda.path)
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert footer == ["- 1 -", "令和8年度\u3000地域共生連携ネットワーク全体会議"]
    with zipfile.ZipFile(agenda.path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                data = archive.read(name)
                etree.fromstring(data, etree.XMLParser(recover=False))
                assert b"{{" not in data and b"{%" not in data


def test_year_without_a_plenary_is_refused(tmp_path):
    with pytest.raises(DocumentError) as caught:
        make_agenda(network_ledger(), 2024, tmp_path)
    assert caught.value.code == "plenary-not-found" and "令和6年度" in caught.value.message


def test_cli_agenda_from_a_real_workbook(tmp_path):
    workbook = write_network_workbook(tmp_path / "台帳.xlsx")
    runner = CliRunner()
    result = runner.invoke(main, ["agenda", str(workbook), "--fy", "令和8年度", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    made = tmp_path / "out" / "全体会議次第_令和8年度.docx"
    texts = [p.text for p in docx.Document(made).paragraphs]
    assert "演題：つながりを育む地域づくり" in texts  # from 設定
    assert runner.invoke(main, ["agenda", str(workbook), "--fy", "来年"]).exit_code == 2
    assert runner.invoke(main, ["agenda", str(workbook), "--fy", "2020", "--out", str(tmp_path)]).exit_code == 2
    assert "終了コード" in runner.invoke(main, ["agenda", "--help"]).output
