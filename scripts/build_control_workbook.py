"""Build the control workbook (workbooks/mihara_sheets.macros.xlsm) from nothing.

The VBA is xlwings' own: ``xlwings quickstart NAME --standalone`` is run in a temporary
folder with the installed xlwings, and its ``xl/vbaProject.bin`` is put into a brand-new
workbook made with XlsxWriter (never an edited copy). That VBA has one macro for a button,
``SampleCall``, which runs::

    import <workbook name without .xlsm>; <workbook name without .xlsm>.main()

so the workbook's name is the module whose ``main()`` it runs: ``mihara_sheets.macros``.
The 実行 button is bound to ``SampleCall``; ``mihara_sheets.macros.main()`` reads the 操作
sheet (cells from :data:`mihara_sheets.macros.CONTROL_CELLS`) and runs the chosen action.
The ``xlwings.conf`` sheet takes its keys from the quickstart workbook's ``_xlwings.conf``.

Usage::

    python scripts/build_control_workbook.py              # workbooks/mihara_sheets.macros.xlsm
    python scripts/build_control_workbook.py --out X.xlsm # elsewhere (the name must stay)
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mihara_sheets import macros  # noqa: E402

MODULE = "mihara_sheets.macros"
DEFAULT_OUT = ROOT / "workbooks" / f"{MODULE}.xlsm"
ENTRY_MACRO = "SampleCall"  # the standalone VBA's Module1 macro: import <book name>; .main()
CREATED = dt.datetime(2026, 11, 28, 9, 0, 0)  # fixed: a rebuild gives the same file

ACTION_HELP = {
    macros.CHECK: ("台帳のすべてのシートを読み、問題を「チェック結果」シートにセル番地つきで一覧にします。", "台帳ファイル・基準日"),
    macros.NOTICES: ("会議の開催通知（Word）を委員ごと・一括印刷用・宛名一覧で作り、会議シートに「通知済」・通知日・文書番号を記録します。", "会議ID（空欄なら次の会議）・出力フォルダ・基準日（通知日）・PDF・通知の形式（窓あき封筒、メールの下書き）"),
    macros.AGENDA: ("全体会議の次第（Word）を、部会ごとの委員名簿つきで作ります。", "年度（空欄なら最新の全体会議）・出力フォルダ・PDF"),
    macros.BUDGET: ("予算を年度ごとに集計し、このブックの「予算集計」シートに書き出します。", "年度（空欄なら全年度）"),
    macros.ATTENDANCE: ("会議の出欠の回答・未回答・定足数をまとめ、出欠一覧（Excel）・出席者名簿・受付名簿（Word）を作ります。開催済みなら出席者数を記録します（空欄のときだけ）。", "会議ID・出力フォルダ・基準日"),
    macros.TERMS: ("任期が終わった委員・まもなく終わる委員・兼職が多い人を「任期確認」シートに一覧にします。", "台帳ファイル・基準日"),
    macros.INVENTORY: ("会議体の棚卸（重なり・兼職・統合候補）と委員構成（基準日の年度の4月1日現在）の集計ブック・報告、公示の構成団体一覧を作ります。", "台帳ファイル・出力フォルダ・基準日"),
    macros.MEETING_AGENDA: ("部会など、ふだんの会議の次第（Word）を、議題シートの行から作ります。", "会議ID・出力フォルダ・PDF"),
    macros.MINUTES: ("会議の会議録（案）（Word）を、出欠の当日の記録・議題・議長・署名委員から作ります。個別支援会議などは人数・件数だけです。", "会議ID・出力フォルダ・PDF"),
    macros.LABELS: ("会議の通知を郵送する委員の宛名ラベル（Word。A4判12面・24面、横書き・縦書き）を作ります。台帳は変更しません。", "会議ID・出力フォルダ・PDF・ラベル用紙・ラベルの開始位置"),
    macros.HONORARIA: ("出欠の当日の記録から、委員の報酬・報償費、費用弁償、講師の謝金・旅費と源泉徴収額を計算し、支払明細（Excel）と支出内訳（Word）を作ります。年度なら年間集計も。", "会議ID（または年度）・出力フォルダ・基準日"),
    macros.APPOINTMENTS: ("任期の始まりの日（基準日）に委嘱する委員の委嘱状・就任承諾書と、前日で退任する委員の解嘱状・礼状（Word）を作ります。", "会議ID（に会議体ID、例：K18）・基準日（任期の始まりの日）・出力フォルダ・PDF"),
}

INPUTS = [  # (key of CONTROL_CELLS, label, note)
    ("action", "処理", "▼から選んでください。"),
    ("meeting_id", "会議ID", "会議ごとの処理（開催通知・出欠確認・部会次第・会議録・宛名ラベル・謝金計算）で使う会議シートの会議ID（例: K18-2026-03）。開催通知は空欄なら次に通知する会議。委嘱状作成では会議体ID（例: K18）。"),
    ("fiscal_year", "年度", "全体会議次第作成・予算集計・謝金計算（会議IDが空欄のとき1年分）で使います。2026、令和8年度、R8 など。"),
    ("out_dir", "出力フォルダ", "空欄なら台帳の設定シートの「出力フォルダ」、なければ台帳と同じ場所の「出力」フォルダ。"),
    ("today", "基準日", "任期の確認と通知日に使う日付。空欄なら今日。委嘱状作成では新しい任期の始まりの日。"),
    ("pdf", "PDFも作る", "「はい」にすると Word 文書を PDF にもします（LibreOffice が必要）。"),
    ("as_of", "棚卸の基準日", "会議体の棚卸で使う、委員構成を数える日。空欄なら基準日の年度の4月1日。"),
    ("within", "任期確認の日数", "任期確認で、この日数のうちに任期が終わる委員を挙げます。空欄なら設定シートの「任期アラート日数」。"),
    ("notice_form", "通知の形式", "開催通知作成で使います。▼から選びます。窓あき封筒＝長形3号の窓あき封筒用（三つ折りで〒・住所・宛名が窓に出ます）、メールの下書きも作る＝送付方法「メール」の委員ごとに通知のPDFを添付した下書き（.eml。送信はしません。PDFも作ります）。窓あき封筒とメールの下書き＝その両方。空欄なら通常。"),
    ("label_sheet", "ラベル用紙", "宛名ラベル作成で使います。▼から選びます。A4判12面＝86.4×42.3mm（エーワン 72212 など）、A4判24面＝66×33.9mm。（縦書き）は縦書きのラベル。空欄ならA4判12面。"),
    ("label_start", "ラベルの開始位置", "宛名ラベル作成で、使いかけの用紙の何枚目から印刷するか（左上から右へ数えます。例: 5）。空欄なら1枚目から。"),
]

CONF_NOTES = [  # in column D below the settings (the VBA reads the keys of A1 down to the first blank)
    "この「xlwings.conf」シートは、ボタンが使う Python の場所などの設定です（A列の項目名は変えないでください）。",
    "設定を変えたら、ブックを保存してから「実行」ボタンを押してください。",
    "詳しくは docs/staff-guide.md（職員向けの手引き）を見てください。",
]
# A note beside the setting it is about (column D of that key's row).
CONF_KEY_NOTES = {
    "INTERPRETER_WIN": r"← Python の場所。「python」のままなら PATH の Python を使います。例: %LOCALAPPDATA%\Programs\Python\Python312\python.exe（%…% は自動で置き換わります）",
    "PYTHONPATH": "← mihara_sheets をインストールせずに使うときだけ、そのフォルダを入力します。",
}


def standalone_vba(workdir: Path) -> tuple[bytes, list[list]]:
    """xlwings' standalone VBA project and its _xlwings.conf rows, from a fresh quickstart."""
    name = "mihara_quickstart"
    subprocess.run(
        [sys.executable, "-m", "xlwings.cli", "quickstart", name, "--standalone"],
        cwd=workdir, check=True, capture_output=True,
    )
    xlsm = workdir / name / f"{name}.xlsm"
    with zipfile.ZipFile(xlsm) as package:
        vba = package.read("xl/vbaProject.bin")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(xlsm)).get_sheet_by_name("_xlwings.conf").to_python()
    settings = []
    for row in rows:  # the keys run from A1 down to the first blank (VBA reads them so)
        if not row or row[0] in ("", None):
            break
        settings.append([row[0], row[1] if len(row) > 1 else ""])
    return vba, settings


def check_entry(out: Path) -> None:
    """The workbook's name must be an importable module with main(): SampleCall imports it."""
    module = out.name[: out.name.rfind(".")]
    try:
        entry = getattr(importlib.import_module(module), "main", None)
    except ImportError:
        entry = None
    if not callable(entry):
        raise SystemExit(
            f"{out.name}: the standalone VBA runs 'import {module}; {module}.main()', which "
            f"does not exist. Keep the name {MODULE}.xlsm."
        )


def build(out: Path) -> Path:
    """Write the control workbook to ``out`` and return its path."""
    import xlsxwriter

    check_entry(out)
    with tempfile.TemporaryDirectory() as tmp:
        vba, settings = standalone_vba(Path(tmp))
        vba_path = Path(tmp) / "vbaProject.bin"
        vba_path.write_bytes(vba)
        out.parent.mkdir(parents=True, exist_ok=True)
        workbook = xlsxwriter.Workbook(str(out))
        workbook.set_properties({"title": "地域共生連携ネットワーク 台帳操作", "created": CREATED})
        workbook.set_size(1500, 1000)
        workbook.add_vba_project(str(vba_path))
        _control_sheet(workbook)
        _conf_sheet(workbook, settings)
        workbook.close()
    return out


def check_layout() -> None:
    """The inputs, the ledger paths (and their heading row) and the log (its title and heading)
    must follow each other down columns B–E without sharing a row."""
    input_rows = sorted(int(address[1:]) for address in macros.CONTROL_CELLS.values())
    if len(set(input_rows)) != len(input_rows):
        raise SystemExit("two inputs of CONTROL_CELLS share a cell")
    if {key for key, _, _ in INPUTS} != set(macros.CONTROL_CELLS):
        raise SystemExit("INPUTS and CONTROL_CELLS name different inputs")
    paths_heading = macros.PATH_FIRST_ROW - 1
    log_title = macros.LOG_HEADER_ROW - 1
    if not (input_rows[-1] < paths_heading and macros.PATH_FIRST_ROW + macros.PATH_ROWS - 1 < log_title
            and macros.LOG_HEADER_ROW < macros.LOG_FIRST_ROW):
        raise SystemExit("the 操作 sheet's inputs, ledger paths and log overlap: move PATH_FIRST_ROW / LOG_HEADER_ROW down")


def _control_sheet(workbook) -> None:
    check_layout()
    sheet = workbook.add_worksheet(macros.CONTROL_SHEET)
    fmt = workbook.add_format
    title = fmt({"bold": True, "font_size": 14})
    label = fmt({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"})
    entry = fmt({"bg_color": "#FFF2CC", "border": 1, "valign": "vcenter"})
    entry_date = fmt({"bg_color": "#FFF2CC", "border": 1, "num_format": '[$-411]ggge"年"m"月"d"日"'})
    note = fmt({"font_color": "#595959", "text_wrap": True, "valign": "vcenter"})
    head = fmt({"bold": True, "bg_color": "#D9D9D9", "border": 1})
    cell = fmt({"border": 1, "text_wrap": True, "valign": "top"})

    sheet.set_column("A:A", 2)
    sheet.set_column("B:B", 14)
    sheet.set_column("C:C", 44)
    sheet.set_column("D:D", 58)
    sheet.set_column("E:E", 2)
    sheet.set_column("F:F", 16)
    sheet.set_column("G:G", 60)
    sheet.set_column("H:H", 40)
    sheet.write("B1", "地域共生連携ネットワーク 台帳操作", title)
    sheet.write("B2", "① 処理を選ぶ　② 必要な欄を入力する　③「実行」ボタンを押す。結果はメッセージと、下の実行記録に出ます。")

    for key, text, help_text in INPUTS:
        address = macros.CONTROL_CELLS[key]
        row = int(address[1:]) - 1
        sheet.write(row, 1, text, label)
        sheet.write_blank(address, None, entry_date if key in ("today", "as_of") else entry)
        sheet.write(row, 3, help_text, note)
    sheet.write(macros.CONTROL_CELLS["action"], macros.CHECK, entry)
    sheet.data_validation(macros.CONTROL_CELLS["action"], {
        "validate": "list", "source": list(macros.ACTION_NAMES),
        "error_title": "処理", "error_message": "一覧から処理を選んでください。",
    })
    sheet.write(macros.CONTROL_CELLS["pdf"], "いいえ", entry)
    sheet.data_validation(macros.CONTROL_CELLS["pdf"], {"validate": "list", "source": ["はい", "いいえ"]})
    for key, choices, title_text in (("notice_form", macros.NOTICE_FORMS, "通知の形式"),
                                     ("label_sheet", macros.LABEL_SHEETS, "ラベル用紙")):
        sheet.write(macros.CONTROL_CELLS[key], next(iter(choices)), entry)  # what a blank means, shown
        sheet.data_validation(macros.CONTROL_CELLS[key], {
            "validate": "list", "source": list(choices),
            "error_title": title_text, "error_message": "一覧から選んでください。",
        })

    first = macros.PATH_FIRST_ROW
    sheet.write(first - 2, 1, "台帳ファイル", label)
    sheet.write(first - 2, 2, "台帳の場所（1行に1ファイル）", head)
    sheet.write(first - 2, 3, "例: \\\\fileserver\\共有\\地域共生\\台帳.xlsx。Excelで開いている台帳は、開いている内容（保存前の変更も）を使います。空欄なら、このブック自体を台帳として読みます。", note)
    for offset in range(macros.PATH_ROWS):
        sheet.write_blank(first - 1 + offset, 2, None, entry)

    sheet.insert_button("F4", {
        "macro": ENTRY_MACRO, "caption": "実行", "width": 110, "height": 44,
        "font": {"bold": True, "size": 14},
    })
    sheet.write("F8", "処理の一覧", fmt({"bold": True}))
    sheet.write_row("F9", ["処理", "内容", "使う欄"], head)
    for offset, name in enumerate(macros.ACTION_NAMES):
        what, needs = ACTION_HELP[name]
        sheet.write_row(9 + offset, 5, [name, what, needs], cell)

    header_row = macros.LOG_HEADER_ROW - 1
    sheet.write(header_row - 1, 1, "実行記録（新しいものが下）", fmt({"bold": True}))
    sheet.write_row(header_row, 1, macros.LOG_HEADER, head)
    sheet.activate()
    sheet.set_landscape()
    sheet.set_paper(9)


def _conf_sheet(workbook, settings: list[list]) -> None:
    sheet = workbook.add_worksheet("xlwings.conf")
    sheet.set_column("A:A", 18)
    sheet.set_column("B:B", 50)
    sheet.set_column("D:D", 90)
    for row, (key, value) in enumerate(settings):
        sheet.write(row, 0, key)
        if str(key).upper() == "INTERPRETER_WIN":
            value = "python"
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value)
        elif value in ("", None):
            sheet.write_blank(row, 1, None)
        else:
            sheet.write_string(row, 1, str(value))
    for row, (key, _) in enumerate(settings):
        note = CONF_KEY_NOTES.get(str(key).upper())
        if note:
            sheet.write(row, 3, note)
    for offset, text in enumerate(CONF_NOTES):
        sheet.write(len(settings) + 1 + offset, 3, text)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the control workbook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .xlsm")
    args = parser.parse_args(argv)
    path = build(args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
