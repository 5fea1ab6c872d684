"""Staff read the command line in Japanese: click's own errors, help pages, a cp932 console."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from mihara_sheets.cli import COMMANDS
from mihara_sheets.cli.japanese import display_width, join_japanese_lines, wrap_japanese
from mihara_sheets.resources import workbooks_dir

ENGLISH_SENTENCE = re.compile(r"\b(Usage|Options|Commands|Error|Missing|Invalid|Try|Show this|No such|Got unexpected|required|default|env var)\b")


def run(*args, encoding="utf-8"):
    env = dict(os.environ, PYTHONIOENCODING=encoding, COLUMNS="100")
    done = subprocess.run([sys.executable, "-m", "mihara_sheets", *map(str, args)], capture_output=True, env=env)
    return done.returncode, done.stdout.decode(encoding), done.stderr.decode(encoding)


@pytest.mark.parametrize("args", [
    ["check"],                                  # the ledger missing
    ["notices", "台帳.xlsx", "--bogus"],        # an unknown option
    ["budget", "台帳.xlsx", "--by", "zz"],      # a choice not offered
    ["agenda", "台帳.xlsx", "--fy", "来年"],    # a 年度 that cannot be read
    ["frobnicate"],                             # an unknown command
])
def test_usage_errors_are_japanese(args):
    code, out, err = run(*args)
    assert code == 2 and "Traceback" not in err
    assert not ENGLISH_SENTENCE.search(err), err
    assert "使い方" in err and "エラー" in err


JAPANESE = r"[\u3001-\u30ff\u4e00-\u9fff\uff01-\uff60]"


def line_joins(text: str) -> list[str]:
    """「X Y」 for each line of ``text`` ending in Japanese X whose next line starts with Y:
    the space click would put there when it rewraps a paragraph."""
    lines = [line.strip() for line in text.splitlines()]
    return [f"{a[-1]} {b[0]}" for a, b in zip(lines, lines[1:])
            if a and b and re.match(JAPANESE, a[-1]) and re.match(JAPANESE, b[0])]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_pages_have_no_english_sentences_and_no_spaces_inside_japanese(command):
    import importlib

    code, out, _ = run(*([command] if command else []), "--help")
    assert code == 0
    assert not ENGLISH_SENTENCE.search(out), out
    if command:
        module, attribute, _ = COMMANDS[command]
        click_command = getattr(importlib.import_module(module), attribute)
        texts = [click_command.help or ""] + [p.help or "" for p in click_command.params if getattr(p, "help", None)]
        for join in line_joins("\n".join(texts)):
            assert join not in out, (join, out)
    assert all(display_width(line) <= 100 for line in out.splitlines()), out


def test_a_cp932_console_gets_no_traceback():
    code, out, err = run("check", workbooks_dir() / "sample_ledger_broken.xlsx", "--today", "2026-11-28",
                         encoding="cp932")
    assert code == 1 and "Traceback" not in err and "total-mismatch" in out


def test_the_budget_table_prints_on_cp932_with_look_alikes(tmp_path):
    code, out, err = run("budget", workbooks_dir() / "sample_ledger.xlsx", encoding="cp932")
    assert code == 0 and "Traceback" not in err
    assert "○" in out and "—" not in out  # ✓ and — have no place in cp932


def test_wrapping_never_splits_a_path_or_starts_a_line_with_punctuation():
    lines = wrap_japanese("変数は templates/README.md を参照してください。確認します、はい。", 24)
    assert any("templates/README.md" in line for line in lines), lines  # whole
    assert all(display_width(line) <= 24 for line in lines)
    assert not any(line[:1] in "、。" for line in lines)
    assert join_japanese_lines("一行目の文です。\n二行目です。") == "\b\n一行目の文です。二行目です。"


def test_the_top_level_help_names_what_every_command_makes():
    code, out, _ = run("--help")
    assert code == 0
    intro = out.split("\nコマンド:")[0]
    for word in ("チェック", "開催通知", "次第", "予算", "任期", "棚卸", "出欠", "会議録", "宛名ラベル", "報酬",
                 "委嘱状"):
        assert word in intro, (word, intro)
    listed = {line.split()[0]: line for line in out.split("コマンド:")[-1].splitlines() if line.strip()}
    assert "部会" in listed["agenda"] and "全体会議" in listed["agenda"]
    assert "メール" in listed["notices"]


@pytest.mark.parametrize("command", ["check", "notices", "agenda", "budget", "terms", "inventory", "attendance",
                                     "minutes", "labels", "honoraria", "appointments", "demo"])
def test_hand_formatted_help_lines_fit_an_80_column_console(command):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="80")
    out = subprocess.run([sys.executable, "-m", "mihara_sheets", command, "--help"], capture_output=True,
                         env=env).stdout.decode("utf-8")
    wide = [line for line in out.splitlines() if display_width(line) > 80]
    assert not wide, "\n".join(wide)
