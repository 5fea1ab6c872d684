"""Write the message table of docs/staff-guide.md from the problem registry.

The table between the two marker lines of the guide is replaced by one generated from
``mihara_sheets.problems`` (SECTIONS, CATALOG, REMEDIES): every code the project can give,
its severity, its message as staff see it (… where a value is filled in) and the remedy.
Run it after adding or rewording a code; tests/test_staff_guide.py fails while the guide is
out of date.

    python scripts/build_staff_guide.py          # rewrite the guide
    python scripts/build_staff_guide.py --check  # exit 1 when the guide is out of date
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mihara_sheets.problems import REMEDIES, SECTIONS, SEVERITY_JA  # noqa: E402

GUIDE = ROOT / "docs" / "staff-guide.md"
BEGIN = "<!-- 問題コードの一覧: ここから（scripts/build_staff_guide.py が作ります。手で直さないでください） -->"
END = "<!-- 問題コードの一覧: ここまで -->"


def shown(template: str) -> str:
    """A message template as staff read it in the guide: each filled-in part becomes …."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append("（シート!セル）" if name == "where" else "…")
    return "".join(out).replace("|", "｜")


def table() -> str:
    """The generated part of the guide, markers included."""
    lines = [BEGIN, ""]
    for title, codes in SECTIONS.items():
        lines += [f"#### {title}", "", "| コード | 重大度 | メッセージ | 対処 |", "|---|---|---|---|"]
        for code, (severity, template) in codes.items():
            lines.append(f"| `{code}` | {SEVERITY_JA[severity]} | {shown(template)} | {REMEDIES.get(code, 'メッセージのとおりです。')} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def rebuilt(text: str) -> str:
    """The guide's text with its generated part replaced."""
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{GUIDE}: the marker lines are missing")
    return pattern.sub(lambda _: table(), text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the guide is up to date")
    args = parser.parse_args()
    text = GUIDE.read_text(encoding="utf-8")
    new = rebuilt(text)
    if args.check:
        if new != text:
            print("docs/staff-guide.md is out of date: run python scripts/build_staff_guide.py")
            return 1
        return 0
    GUIDE.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
