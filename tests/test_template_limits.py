"""Staff templates that would hang or fill memory stop with a coded Japanese message.

Each template is a real .docx made with python-docx, run through the real command
(``notices --template``) and through the library. Every run must finish: the command runs
under a subprocess timeout, so a template that hangs fails the test instead of the suite.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from mihara_sheets.documents import CompiledTemplate, TemplateError
from mihara_sheets.documents.limits import Limits
from mihara_sheets.resources import sample_ledger_path

MEETING = "K18-2026-03"

TOO_LARGE = {
    "huge power": "{{ 10**100000000 }}",
    "huge string": "{{ 'A'*10**9 }}",
    "huge list": "{{ [0]*10**9 }}",
    "huge range": "{% for i in range(10**9) %}x{% endfor %}",
    "nested loops": "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
    "doubling namespace": "{% set ns = namespace(s='A') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "wide filter": "{{ 'A'|center(1000000000) }}",
    "wide method": "{{ 'A'.ljust(10**9) }}",
    "replace blow-up": "{{ ('A'*100000)|replace('A', 'A'*100000) }}",
    "format width": "{{ '{:>999999999}'.format(1) }}",
    "percent width": "{{ '%0999999999d' % 1 }}",
    "recursion": "{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(0) }}",
}
# Under every size limit, but slow: 1,000,000 character replacements 10,000 times.
SLOW = "{% for i in range(10000) %}{% for j in range(10) %}{{ ('A'*100000)|replace('A','BB')|length }}{% endfor %}{% endfor %}"


def template_file(folder: Path, text: str, name: str = "悪い通知.docx") -> Path:
    document = docx.Document()
    document.add_paragraph("開催通知")
    document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def notices(tmp_path: Path, template: Path) -> subprocess.CompletedProcess:
    ledger = tmp_path / "台帳.xlsx"
    if not ledger.exists():
        shutil.copy(sample_ledger_path(), ledger)
    return subprocess.run(
        [sys.executable, "-m", "mihara_sheets", "notices", str(ledger), "--meeting", MEETING, "--no-update",
         "--template", str(template), "--out", str(tmp_path / "out"), "--json"],
        capture_output=True, text=True, timeout=60,
    )


def only_problem(done: subprocess.CompletedProcess) -> dict:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert done.returncode == 2 and report["stopped"] and not report["files"]
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("text", list(TOO_LARGE.values()), ids=list(TOO_LARGE))
def test_the_command_stops_a_template_too_large_with_a_coded_message(tmp_path, text):
    problem = only_problem(notices(tmp_path, template_file(tmp_path, text)))
    assert problem["code"] == "template-too-large"
    assert "テンプレート「悪い通知.docx」の本文" in problem["message"] and "中止しました" in problem["message"]
    assert not (tmp_path / "out" / f"開催通知_{MEETING}").exists()  # nothing half made


def test_the_command_stops_a_slow_template_by_the_wall_clock(tmp_path):
    problem = only_problem(notices(tmp_path, template_file(tmp_path, SLOW)))
    assert problem["code"] == "template-too-slow"
    assert "「悪い通知.docx」" in problem["message"] and "10秒以内に終わらない" in problem["message"]


def test_the_command_prints_the_japanese_message_without_json(tmp_path):
    ledger = tmp_path / "台帳.xlsx"
    shutil.copy(sample_ledger_path(), ledger)
    done = subprocess.run(
        [sys.executable, "-m", "mihara_sheets", "notices", str(ledger), "--meeting", MEETING, "--no-update",
         "--template", str(template_file(tmp_path, "{{ 'A'*10**9 }}")), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    assert "template-too-large" in done.stdout + done.stderr
    assert "大きくなりすぎる" in done.stdout + done.stderr


def test_a_template_error_that_is_not_a_limit_is_coded_too(tmp_path):
    problem = only_problem(notices(tmp_path, template_file(tmp_path, "{{ 1 / 0 }}")))
    assert problem["code"] == "template-render-failed" and "ZeroDivisionError" in problem["message"]


def one_paragraph(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("text", list(TOO_LARGE.values()), ids=list(TOO_LARGE))
def test_the_library_raises_template_too_large(text):
    compiled = CompiledTemplate(one_paragraph(text), name="通知.docx")
    with pytest.raises(TemplateError) as caught:
        compiled.render({})
    assert caught.value.code == "template-too-large" and "「通知.docx」" in caught.value.message


def test_the_wall_clock_limit_can_be_set_and_applies_to_the_combined_file():
    compiled = CompiledTemplate(one_paragraph(SLOW), name="通知.docx", limits=Limits(seconds=1))
    with pytest.raises(TemplateError) as caught:
        compiled.render({})
    assert caught.value.code == "template-too-slow" and "1秒以内" in caught.value.message
    loop = "{% for i in range(9000) %}{% for j in range(10) %}{{ n }}{% endfor %}{% endfor %}"
    combined = CompiledTemplate(one_paragraph(loop), name="通知.docx", limits=Limits(max_iterations=50_000))
    with pytest.raises(TemplateError) as caught:  # 2 documents: 100,000 steps allowed, 180,000 asked
        combined.render_combined({}, [{"n": 1}, {"n": 2}])
    assert caught.value.code == "template-too-large" and "繰り返しの回数" in caught.value.message


def test_the_output_limit_counts_what_the_template_writes():
    compiled = CompiledTemplate(one_paragraph("{% for i in range(5000) %}{{ 'あ' * 1000 }}{% endfor %}"),
                                name="通知.docx", limits=Limits(max_output=1_000_000))
    with pytest.raises(TemplateError) as caught:
        compiled.render({})
    assert caught.value.code == "template-too-large" and "出力の大きさ" in caught.value.message


def test_ordinary_arithmetic_loops_and_filters_still_work():
    text = ("{{ 2**64 }}|{{ 'ab'*3 }}|{{ range(3)|list|join(',') }}|{{ 'x'|center(5) }}|"
            "{% for i in range(1000) %}{% if loop.last %}{{ i }}{% endif %}{% endfor %}|{{ '%05d' % 42 }}|"
            "{{ '{:>4}'.format(7) }}|{{ items|join('、') }}")
    data = CompiledTemplate(one_paragraph(text)).render({"items": ["議題1", "議題2"]})
    body = "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert body == "18446744073709551616|ababab|0,1,2|  x  |999|00042|   7|議題1、議題2"
