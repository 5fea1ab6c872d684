"""The bundled sample ledger: reproducible, faithful to the seed, readable, and its broken twin.

The sample is built by scripts/build_sample_ledger.py and committed; these tests rebuild it
into a temporary folder and compare cell values with python-calamine, check the FY2022 trial
projects against the planning document, open it in LibreOffice when installed, and run the
reader on it once the reader exists.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "build_sample_ledger.py"
SAMPLE = REPO / "workbooks" / "sample_ledger.xlsx"
BROKEN = REPO / "workbooks" / "sample_ledger_broken.xlsx"
BROKEN_EXPECTED = REPO / "workbooks" / "broken_expected.json"
SEED_DIR = REPO.parent / "shared" / "seed"

# The FY2022 trial projects table of the planning document, cell by cell (section 4).
SEED_TRIAL_ROWS = [
    ["事業名称", "事業内容", "目的・期待される効果", "実施時期", "発注先 (予算配分)"],
    ["アンケート調査", "無作為抽出した15歳以上64歳以下の市民2,400人を対象に無記名方式でアンケート調査を実施",
     "“人とのつながり”、“地域とのつながり”等に係る意識調査を行い、計画策定等に当たってのインプット情報とする",
     "2022.11.14 ～ 2023.2.28", "サーベイリサーチセンター (3,454,000)"],
    ["地域共生関連分野の会議体の調査、見直しの整理",
     "三原市役所保健福祉部の各課が所管する地域共生関連分野の協議会等の会議体を棚卸しを行い、改善の方向性を検討",
     "連携PFの設置を前に、協議会等の体制の最適化を図る", "2022.11.25 ～ 2023.2.28", "NTTデータ経営研究所 (2,000,000)"],
    ["相談窓口・支援業務の整理",
     "三原市役所保健福祉部の各課が担当する孤独・孤立関連の相談窓口および支援業務の現状を整理し、今後の方向性を検討する",
     "相談窓口・支援業務の負担を削減する", "", ""],
    ["", "", "", "計", "(5,454,000)"],
]


@pytest.fixture(scope="module")
def builder():
    """The build script, imported from its path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_sample_ledger", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_sample_ledger"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("build_sample_ledger", None)


def grids(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values as python-calamine gives them."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def merged(path: Path) -> dict[str, list]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: sorted(book.get_sheet_by_name(name).merged_cell_ranges or []) for name in book.sheet_names}


def cell_value(grid: list[list], address: str):
    """The value at an A1 address of a calamine grid ("" beyond its edge)."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", address)
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    row, col = int(match.group(2)) - 1, col - 1
    if row >= len(grid) or col >= len(grid[row]):
        return ""
    return grid[row][col]


def table_rows(grid: list[list], header_first_cell: str) -> list[list[str]]:
    """The rows from the header row (found by its first cell) to the last non-empty row."""
    start = next(i for i, row in enumerate(grid) if row and row[0] == header_first_cell)
    rows = []
    for row in grid[start:]:
        if not any(str(v).strip() for v in row):
            break
        rows.append([str(v) for v in row])
    return rows


# --------------------------------------------------------------------------- reproducible
def test_rebuild_gives_the_committed_cell_values(builder, tmp_path):
    rebuilt = builder.build_sample(tmp_path / "sample.xlsx")
    assert list(grids(rebuilt)) == list(grids(SAMPLE))
    for sheet, committed in grids(SAMPLE).items():
        assert grids(rebuilt)[sheet] == committed, f"sheet {sheet} differs: rerun scripts/build_sample_ledger.py"
    assert merged(rebuilt) == merged(SAMPLE)


def test_rebuild_of_the_broken_copy_matches_the_committed_one(builder, tmp_path):
    expected = builder.build_broken(tmp_path / "broken.xlsx")
    assert grids(tmp_path / "broken.xlsx") == grids(BROKEN)
    assert expected == json.loads(BROKEN_EXPECTED.read_text(encoding="utf-8"))


def test_created_date_is_fixed(tmp_path, builder):
    path = builder.build_sample(tmp_path / "sample.xlsx")
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "<dcterms:created" in core and "2026-04-01T09:00:00Z" in core


def test_command_line_writes_the_broken_copy_and_prints_the_expected_problems(tmp_path):
    out = tmp_path / "broken.xlsx"
    result = subprocess.run([sys.executable, str(SCRIPT), "--broken", str(out)], capture_output=True, text=True,
                            encoding="utf-8", check=True)
    assert json.loads(result.stdout) == json.loads(BROKEN_EXPECTED.read_text(encoding="utf-8"))
    assert out.stat().st_size > 10_000


def test_command_line_rejects_an_unknown_option():
    result = subprocess.run([sys.executable, str(SCRIPT), "--bogus"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "--bogus" in result.stderr


# --------------------------------------------------------------------------- content
def test_every_sheet_of_the_spec_is_there():
    names = list(grids(SAMPLE))
    for sheet in ("会議体", "名簿", "会議", "議題", "出欠", "部会年次報告", "予算", "試行的事業の実施状況", "設定"):
        assert sheet in names
    # One roster per 部会: three named "…名簿", one named after the council alone.
    for sheet in ("高齢者支援部会名簿", "障害者支援部会名簿", "こころの健康・自殺対策部会名簿", "地域支え合い部会"):
        assert sheet in names


def test_trial_projects_are_exactly_the_seeds():
    grid = grids(SAMPLE)["試行的事業の実施状況"]
    assert table_rows(grid, "事業名称") == SEED_TRIAL_ROWS


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the planning document (../shared/seed) is not beside this clone")
def test_the_embedded_seed_table_is_the_planning_documents():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt")))
    lines = [line.split("\t") for line in text.splitlines() if "\t" in line]
    assert lines == SEED_TRIAL_ROWS


def test_budget_totals_add_up():
    grid = grids(SAMPLE)["予算"]
    header = next(row for row in grid if row and row[0] == "年度")
    name, amount = header.index("事業名"), header.index("予算額")
    lines_since_subtotal, all_lines, labels = 0, 0, []
    for row in grid[grid.index(header) + 1:]:
        label = row[name]
        if label == "小計":
            assert row[amount] == lines_since_subtotal
            lines_since_subtotal = 0
            labels.append(label)
        elif label == "合計":
            assert row[amount] == all_lines
            labels.append(label)
        elif isinstance(row[amount], float):
            assert row[amount] == int(row[amount])  # whole yen
            lines_since_subtotal += row[amount]
            all_lines += row[amount]
    assert labels == ["小計"] * 4 + ["合計"]


def test_dates_are_a_mix_of_real_dates_and_typed_text():
    grid = grids(SAMPLE)["会議"]
    header = next(row for row in grid if row and row[0] == "会議ID")
    column = header.index("開催日")
    values = [row[column] for row in grid[grid.index(header) + 1:] if row[0].startswith("K")]
    assert any(isinstance(v, dt.date) for v in values)
    assert any(isinstance(v, str) and v.startswith("令和8年") for v in values)


def test_the_next_meeting_is_ready_for_notices():
    grid = grids(SAMPLE)["会議"]
    header = next(row for row in grid if row and row[0] == "会議ID")
    row = next(r for r in grid if r[0] == "K18-2026-03")
    cells = dict(zip(header, row))
    assert cells["状態"] == "予定"
    assert cells["開催日"] in (dt.date(2026, 12, 15), "令和8年12月15日(火)")
    assert cells["場所"] and cells["議題"].startswith("1. ")
    assert cells["回答期限"] == dt.date(2026, 12, 8)


# --------------------------------------------------------------------------- broken copy
def test_each_deliberate_mistake_sits_at_its_cell():
    """Without the reader: the cell named in broken_expected.json holds the mistaken value."""
    expected = json.loads(BROKEN_EXPECTED.read_text(encoding="utf-8"))
    assert {e["code"] for e in expected} == {
        "unknown-council", "duplicate-id", "nonexistent-date", "end-before-start", "total-mismatch",
        "term-ended", "invalid-amount",
    }
    broken, sample = grids(BROKEN), grids(SAMPLE)
    for entry in expected:
        seen = cell_value(broken[entry["sheet"]], entry["cell"])
        shown = seen.isoformat() if isinstance(seen, dt.date) else str(int(seen) if isinstance(seen, float) else seen)
        assert shown == entry["value"], entry
        if entry["code"] != "invalid-amount":  # that one is an inserted row, the others edits
            assert cell_value(sample[entry["sheet"]], entry["cell"]) != seen, entry


def test_self_check_refuses_a_second_person_above_the_seat_limit(builder, monkeypatch):
    # P029 already sits on K20 and K21; three more seats make five.
    rosters = {council: list(seats) for council, seats in builder.ROSTERS.items()}
    rosters["K19"].append(builder.Seat("P029"))
    combined = builder.COMBINED + [("K14", builder.Seat("P029")), ("運営会議", builder.Seat("P029"))]
    monkeypatch.setattr(builder, "ROSTERS", rosters)
    monkeypatch.setattr(builder, "COMBINED", combined)
    with pytest.raises(AssertionError):
        builder.self_check(builder.sample_tables())


def test_self_check_refuses_a_meeting_of_an_unknown_council(builder, monkeypatch):
    original = builder.fy2026_meetings

    def with_a_stray_meeting():
        meetings = original()
        meetings[0].council = "K99"
        return meetings

    monkeypatch.setattr(builder, "fy2026_meetings", with_a_stray_meeting)
    with pytest.raises(AssertionError):
        builder.self_check(builder.sample_tables())


# --------------------------------------------------------------------------- LibreOffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_opens_in_libreoffice_with_wareki_dates(tmp_path):
    # Export every sheet as displayed; a private profile so parallel runs do not collide.
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
         "--outdir", str(tmp_path), str(SAMPLE)],
        capture_output=True, text=True, timeout=180,
    )
    exported = {p.stem.removeprefix("sample_ledger-"): p for p in tmp_path.glob("sample_ledger-*.csv")}
    assert set(exported) == set(grids(SAMPLE)), result.stderr
    councils = list(csv.reader(exported["会議体"].open(encoding="utf-8")))
    k01 = next(row for row in councils if row[0] == "K01")
    # A real date cell (not typed text) shown with its 和暦 format.
    assert cell_value(grids(SAMPLE)["会議体"], "G4") == dt.date(2015, 4, 1)
    assert "平成27年4月1日" in k01
    budget = exported["予算"].read_text(encoding="utf-8")
    assert "2,148,000" in budget and "8,427,000" in budget


# --------------------------------------------------------------------------- the reader
def test_the_reader_finds_no_error_in_the_sample():
    from mihara_sheets import load_ledger

    ledger = load_ledger(str(SAMPLE))
    assert ledger.errors == []
