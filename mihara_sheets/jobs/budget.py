"""予算集計: the budget tally, its workbook and JSON, and the 予算集計 sheet of the ledger."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..problems import make_problem
from .common import load, problems_of_tables
from .result import JobResult, LedgerChange
from .source import LedgerSource

BUDGET_TABLES = ("budget_lines",)
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class BudgetRequest:
    """What to tally and where the results go.

    ``xlsx``: a new tally workbook at this path. ``out_dir``: 予算集計.xlsx and
    予算集計.json in this folder. ``write_ledger``: add (or replace) the 予算集計 sheet of
    the ledger workbook holding the budget lines.
    """

    fiscal_year: int | None = None
    xlsx: Path | None = None
    out_dir: Path | None = None
    write_ledger: bool = False


def run_budget(source: LedgerSource, request: BudgetRequest | None = None) -> JobResult:
    """Tally the ledger's budget lines; ``result.product`` is the :class:`BudgetTally`.

    The problems are those of the budget sheets only (a roster typo is not the tally's
    business). Exit 1 when they hold an error (a 計 row that does not match its lines).
    """
    from ..budget import tally
    from ..budget.labels import fiscal_year_label, rate_text

    request = request or BudgetRequest()
    result = JobResult("budget", "予算集計")
    ledger = load(source, result)
    if ledger is None:
        return result
    if not ledger.budget_lines:
        return result.stop(make_problem("no-budget-lines"))
    scoped = problems_of_tables(ledger, BUDGET_TABLES)
    tallied = dataclasses.replace(tally(ledger, fiscal_year=request.fiscal_year), problems=scoped)
    result.problems = list(scoped)
    result.product = tallied
    result.data = {key: value for key, value in tallied.to_dict().items() if key not in ("problems", "ok")}
    total = tallied.total
    scope = fiscal_year_label(request.fiscal_year) if request.fiscal_year else "全年度"
    result.lines.append(f"予算を集計しました（{scope}）。予算額 {total.budget:,}円、執行額 {total.spent:,}円"
                        f"（執行率 {rate_text(total.execution_rate)}）。")
    if tallied.tbd:
        result.lines.append(f"金額未確定の行が{len(tallied.tbd)}件あります。")
    if tallied.mismatched_totals:
        result.lines.append(f"計・合計の行が上の行の合計と一致しないものが{len(tallied.mismatched_totals)}件あります。")
    result.summary = f"{scope} 予算額 {total.budget:,}円"
    _honoraria_link(result, ledger, request.fiscal_year)

    if request.xlsx is not None and not _save_xlsx(result, tallied, request.xlsx, ledger):
        return result
    if request.out_dir is not None:
        from ..budget.run import save_tally

        result.files += save_tally(tallied, request.out_dir, author=ledger.settings.division or "",
                                   honoraria=result.data["honoraria"])
    if request.write_ledger:
        _write_ledger(result, tallied, ledger)
    return result


def _save_xlsx(result: JobResult, tallied, xlsx: Path, ledger) -> bool:  # noqa: ANN001
    from ..budget.workbook import TallyOutputError, write_tally_workbook

    if any(_same_file(xlsx, path) for path in ledger.sources):
        result.stop(make_problem("tally-is-ledger", file=xlsx.name))
        return False
    try:
        result.files.append(write_tally_workbook(tallied, xlsx, author=ledger.settings.division or "",
                                                 honoraria=result.data.get("honoraria", ())))
    except TallyOutputError as exc:
        result.stop(exc.problem or make_problem("tally-not-writable", detail=str(exc)))
        return False
    result.lines.append(f"集計表を保存しました: {xlsx}")
    return True


def _write_ledger(result: JobResult, tallied, ledger) -> None:  # noqa: ANN001
    from ..budget.guard import BudgetChanged
    from ..budget.rows import SHEET_NAME
    from ..budget.run import write_ledger_sheet
    from ..writer.errors import WriteRefused

    target = next((line.origin.file for line in ledger.budget_lines
                   if line.origin and Path(line.origin.file).suffix.lower() in EXCEL_SUFFIXES), None)
    if target is None:
        result.stop(make_problem("no-budget-workbook"))
        return
    change = LedgerChange(target, SHEET_NAME, f"シート「{SHEET_NAME}」を追加（前回の分は置き換え）", False)
    result.changes.append(change)
    try:
        write_ledger_sheet(tallied, target, ledger, honoraria=result.data.get("honoraria", ()))
    except BudgetChanged as changed:  # the 予算 rows were edited after the tally: nothing written
        result.problems.append(changed.problem)
        return
    except WriteRefused as refused:
        result.problems.append(make_problem("writeback-refused", file=target, sheet=SHEET_NAME,
                                            fields=f"「{SHEET_NAME}」シート", detail=refused.message))
        return
    change.done = True
    result.lines.append(f"台帳「{Path(target).name}」に「{SHEET_NAME}」シートを書き込みました。")


def _same_file(a: Path, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _honoraria_link(result: JobResult, ledger, fiscal_year: int | None) -> None:  # noqa: ANN001
    """The honoraria budget link: 報酬・報償費・旅費 lines with a 関連会議体ID against what the
    attendance implies (docs/honoraria.md); in ``data["honoraria"]`` and one line each."""
    from ..analyses.honoraria import budget_link
    from ..analyses.withholding import parse_rate
    from ..budget.labels import fiscal_year_label

    lines = [line for line in ledger.budget_lines if fiscal_year is None or line.fiscal_year == fiscal_year]
    rows = budget_link(ledger, lines)
    result.data["honoraria"] = rows
    if rows and parse_rate(ledger.settings.fee_withholding_rate) is None:
        result.problems.append(make_problem("honoraria-fee-rate-invalid", value=ledger.settings.fee_withholding_rate))
    for row in (r for r in rows if r["implied"]):  # lines with nothing recorded stay in the JSON only
        budget = f"{row['budget']:,}円" if row["budget"] is not None else "未確定"
        over = "（予算を超えます）" if row["remaining"] is not None and row["remaining"] < 0 else ""
        result.lines.append(f"  {fiscal_year_label(row['fiscal_year'])} {row['project']}（{row['setsu']}）: 予算 {budget}、"
                            f"執行額 {row['spent'] or 0:,}円、出欠・謝金から {row['implied']:,}円{over}")
