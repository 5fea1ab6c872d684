"""``mihara-sheets demo``: every job of the library, on the bundled sample ledger."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import click

from .common import EXIT_ERRORS, EXIT_OK, TODAY_OPTION, as_date, make_console, print_problems

# The sample's meeting whose 議題 rows show a 部会 次第, its labels and e-mail drafts.
DEMO_MEETING = "K18-2026-03"
# The sample's held meeting with 当日, 議長 and 署名委員: its 会議録（案）.
MINUTES_MEETING = "K18-2026-02"
# The sample's fiscal year whose held meetings and plenary lecturer show the honoraria.
DEMO_FISCAL_YEAR = 2026
# The sample's mid-term replacement: 高齢者支援部会, a new member from 令和9年1月1日.
DEMO_RENEWAL = ("K18", dt.date(2027, 1, 1))


@click.command()
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("mihara-demo"),
    show_default=True, help="出力先のフォルダ。サンプル台帳の写しもここに置きます。",
)
@click.option("--pdf", is_flag=True, help="LibreOfficeがあれば、文書をPDFにも変換する。")
@TODAY_OPTION
def demo(out_dir: Path, pdf: bool, today) -> None:
    """同梱のサンプル台帳（workbooks/sample_ledger.xlsx）で、すべての処理を実行します。

    サンプル台帳を出力先に写してから、その写しに対して次を行います（同梱の台帳は変更しません）。

    \b
      1. 台帳チェック（問題をセル番地つきで一覧）
      2. 次回の会議の開催通知（Word、宛名一覧、台帳を「通知済」に。
         --pdf ならメールの下書きも）
      3. 全体会議の次第（Word）
      4. 予算集計（画面の表、集計ブック、台帳への「予算集計」シート）
      5. 任期確認
      6. 会議体の棚卸・委員構成（集計ブック、報告、公示の一覧）
      7. 出欠確認（第3回高齢者支援部会の出欠一覧・出席者名簿・受付名簿）
      8. 部会の次第（次回の高齢者支援部会、議題シートから）
      9. 会議録（案）（開催済みの第2回高齢者支援部会）
      10. 宛名ラベル（次回の高齢者支援部会の郵送の宛先、A4判12面）
      11. 報酬・謝金の計算（令和8年度の支払明細・年間集計・支出内訳）
      12. 委嘱状など（高齢者支援部会の補欠の委員の委嘱状・就任承諾書、
          前任者の解嘱状・礼状）

    コマンドや Excel のボタンと同じ処理を、同じ順に呼び出します。
    """
    from ..jobs import AgendaRequest, AttendanceRequest, BudgetRequest, FileLedger, InventoryRequest, NoticeRequest
    from ..jobs import run_agenda, run_attendance, run_budget, run_check, run_inventory, run_notices, run_terms
    from ..jobs import MinutesRequest, run_minutes
    from ..jobs import LabelsRequest, run_labels
    from ..jobs import HonorariaRequest, run_honoraria
    from ..jobs import AppointmentRequest, run_appointments
    from ..resources import sample_ledger_path

    today = as_date(today)
    out_dir.mkdir(parents=True, exist_ok=True)
    ledger_copy = out_dir / "sample_ledger.xlsx"
    shutil.copyfile(sample_ledger_path(), ledger_copy)
    click.echo(f"サンプル台帳を {ledger_copy} に写しました。")
    source = FileLedger([ledger_copy])

    steps = [
        ("1. 台帳チェック", lambda: run_check(source, today=today)),
        # into 開催通知_<会議ID>/ at the top, like the other products; with --pdf also the
        # e-mail drafts of the メール recipients (they attach the PDFs)
        ("2. 開催通知", lambda: run_notices(source, NoticeRequest(out=out_dir, pdf=pdf, issue_date=today, email=pdf))),
        ("3. 全体会議の次第", lambda: run_agenda(source, AgendaRequest(out=out_dir, pdf=pdf))),
        ("4. 予算集計", lambda: run_budget(source, BudgetRequest(out_dir=out_dir, write_ledger=True))),
        ("5. 任期確認", lambda: run_terms(source, today=today)),
        ("6. 会議体の棚卸", lambda: run_inventory(source, InventoryRequest(out=out_dir, today=today))),
        ("7. 出欠確認", lambda: run_attendance(source, AttendanceRequest(DEMO_MEETING, out_dir, today=today))),
        ("8. 部会の次第", lambda: run_agenda(source, AgendaRequest(out=out_dir, pdf=pdf, meeting_id=DEMO_MEETING))),
        ("9. 会議録（案）", lambda: run_minutes(source, MinutesRequest(MINUTES_MEETING, out_dir, pdf, today=today))),
        ("10. 宛名ラベル", lambda: run_labels(source, LabelsRequest(DEMO_MEETING, pdf=pdf, out=out_dir))),
        ("11. 報酬・謝金の計算", lambda: run_honoraria(source, HonorariaRequest(fiscal_year=DEMO_FISCAL_YEAR, out=out_dir,
                                                                            today=today))),
        # the same payments by calendar year: the tax year of the 給与支払報告書 and 支払調書
        ("11b. 報酬の暦年集計", lambda: run_honoraria(source, HonorariaRequest(year=DEMO_FISCAL_YEAR, out=out_dir,
                                                                            today=today))),
        ("12. 委嘱状など", lambda: run_appointments(source, AppointmentRequest(*DEMO_RENEWAL, out=out_dir, pdf=pdf))),
    ]
    made: list[Path] = [ledger_copy]
    failed = False
    for heading, step in steps:
        click.echo(f"\n■ {heading}")
        result = step()  # each step reads the ledger copy afresh: the notices step has written it
        if result.job == "budget" and result.product is not None:
            from ..budget.console import render

            render(result.product, make_console())
        for line in result.lines:
            click.echo(line)
        if result.problems or result.job == "check":
            print_problems(result.problems, title=f"{result.title}で見つかった問題")
        made += result.files
        failed |= not result.ok
    click.echo("\n■ 作成したファイル")
    for path in made:
        click.echo(f"  {path}")
    raise SystemExit(EXIT_ERRORS if failed else EXIT_OK)
