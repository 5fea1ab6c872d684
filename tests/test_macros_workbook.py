"""The control workbook: rebuilt from nothing by its script, as committed, opened by LibreOffice.

Also the ``@xw.script`` functions as xlwings Server registers them (XLWINGS_ON_SERVER=true
is read when xlwings is imported, hence a fresh interpreter).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mihara_sheets import macros

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_control_workbook.py"
COMMITTED = ROOT / "workbooks" / "mihara_sheets.macros.xlsm"
NAME = "mihara_sheets.macros.xlsm"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("control") / NAME
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    return out


def quickstart_vba(tmp_path):
    subprocess.run([sys.executable, "-m", "xlwings.cli", "quickstart", "qs", "--standalone"],
                   cwd=tmp_path, check=True, capture_output=True)
    with zipfile.ZipFile(tmp_path / "qs" / "qs.xlsm") as package:
        return package.read("xl/vbaProject.bin")


def test_the_vba_is_xlwings_own_and_the_button_runs_its_entry_macro(built, tmp_path):
    with zipfile.ZipFile(built) as package:
        assert package.read("xl/vbaProject.bin") == quickstart_vba(tmp_path)
        vml = package.read("xl/drawings/vmlDrawing1.vml").decode()
        content_types = package.read("[Content_Types].xml").decode()
    assert "<x:FmlaMacro>[0]!SampleCall</x:FmlaMacro>" in vml
    assert "実行" in vml
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types


def test_sheets_and_settings(built):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(built))
    assert workbook.sheet_names == [macros.CONTROL_SHEET, "xlwings.conf"]
    conf = workbook.get_sheet_by_name("xlwings.conf").to_python()
    keys = [row[0] for row in conf if row and row[0]]
    assert keys[:3] == ["Interpreter_Win", "Interpreter_Mac", "PYTHONPATH"]
    assert conf[0][1] == "python"


def test_the_control_sheet_is_laid_out_where_main_reads_it(built):
    xw = pytest.importorskip("xlwings")
    book = xw.Book(str(built), mode="r")  # xlwings' reader engine
    try:
        sheet = book.sheets[macros.CONTROL_SHEET]
        assert sheet["B4"].value == "処理"
        assert sheet[f"C{macros.LOG_HEADER_ROW}"].value == macros.LOG_HEADER[1]
        request = macros.read_request(book)
    finally:
        book.close()
    assert request == macros.Request(action=macros.CHECK, pdf=False)


def test_the_new_inputs_have_their_lists_and_nothing_overlaps(built):
    from openpyxl import load_workbook  # reading a built file only

    sheet = load_workbook(built, keep_vba=False)[macros.CONTROL_SHEET]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists[macros.CONTROL_CELLS["notice_form"]] == '"通常,窓あき封筒,メールの下書きも作る,窓あき封筒とメールの下書き"'
    assert lists[macros.CONTROL_CELLS["label_sheet"]] == '"A4判12面,A4判24面,A4判12面（縦書き）,A4判24面（縦書き）"'
    assert macros.CONTROL_CELLS["label_start"] not in lists  # a number, typed
    labels = {key: sheet[f"B{cell[1:]}"].value for key, cell in macros.CONTROL_CELLS.items()}
    assert [labels[k] for k in ("notice_form", "label_sheet", "label_start")] == ["通知の形式", "ラベル用紙", "ラベルの開始位置"]
    assert [macros.CONTROL_CELLS[k] for k in ("notice_form", "label_sheet", "label_start")] == ["C12", "C13", "C14"]
    assert sheet[f"D{macros.CONTROL_CELLS['notice_form'][1:]}"].value.startswith("開催通知作成で使います")
    assert sheet[f"B{macros.PATH_FIRST_ROW - 1}"].value == "台帳ファイル"
    assert sheet[f"B{macros.LOG_HEADER_ROW - 1}"].value.startswith("実行記録")
    # Every row of B:E belongs to one thing: an input, the paths' heading, a path, the log.
    rows = [int(c[1:]) for c in macros.CONTROL_CELLS.values()]
    rows += range(macros.PATH_FIRST_ROW - 1, macros.PATH_FIRST_ROW + macros.PATH_ROWS)
    rows += [macros.LOG_HEADER_ROW - 1, macros.LOG_HEADER_ROW]
    assert len(rows) == len(set(rows)) and max(rows) < macros.LOG_FIRST_ROW
    # The action list says which actions use the new inputs.
    uses = {sheet[f"F{r}"].value: sheet[f"H{r}"].value for r in range(10, 10 + len(macros.ACTION_NAMES))}
    assert "通知の形式" in uses[macros.NOTICES]
    assert "ラベル用紙" in uses[macros.LABELS] and "ラベルの開始位置" in uses[macros.LABELS]
    assert not any("ラベル" in text or "通知の形式" in text for name, text in uses.items()
                   if name not in (macros.NOTICES, macros.LABELS))


def test_the_committed_workbook_is_the_rebuild(built):
    assert COMMITTED.read_bytes() == built.read_bytes(), "run scripts/build_control_workbook.py"


def test_a_name_the_vba_cannot_import_is_refused(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "control.xlsm")],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "import control" in done.stderr
    assert not (tmp_path / "control.xlsm").exists()


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"),
                    reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it(built, tmp_path):
    assert shutil.which("soffice"), "CI: LibreOffice must be installed"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(built)],
        check=True, capture_output=True, timeout=180,
    )
    control = (tmp_path / f"{built.stem}-{macros.CONTROL_SHEET}.csv").read_text(encoding="utf-8")
    conf = (tmp_path / f"{built.stem}-xlwings.conf.csv").read_text(encoding="utf-8")
    assert f",処理,{macros.CHECK}," in control
    assert conf.startswith("Interpreter_Win,python")


SERVER_RUN = r"""
import asyncio, sys
sys.path.insert(0, {tests!r})
import xlwings as xw
from mihara_sheets import macros
from mihara_sheets.resources import sample_ledger_path
from test_macros_support import ledger_sheets, make_book, alerts, actions

assert list(macros.SCRIPTS) == list(macros.ACTION_NAMES) == list(macros.RUN_PYTHON)
for name, function in macros.SCRIPTS.items():
    assert asyncio.iscoroutinefunction(function), name + ": not registered as a Server script"
    assert function.__xlscript__["name"] == name
script = macros.script_check_terms
book = make_book("sample_ledger.xlsx", ledger_sheets(sample_ledger_path()))
returned = asyncio.run(script(None, book))
assert returned is book
assert [a["args"][1] for a in actions(book, "addSheet")] == ["任期確認"]
print(alerts(book)[0].splitlines()[0])
"""


def test_scripts_as_xlwings_server_runs_them(tmp_path):
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SERVER_RUN.format(tests=str(ROOT / "tests"))],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("任期を確認しました")
