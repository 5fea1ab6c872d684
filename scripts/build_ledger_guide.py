"""Write docs/ledger.md, the staff's guide to keeping a ledger, from the ledger spec.

Every sheet, header, alias, kind of value and 設定 key the reader knows comes from
``mihara_sheets.ledger.spec`` (TABLES, SETTINGS_KEYS, SETTING_NOTES), so the guide cannot
drift from what the code reads. Run it after changing the spec; tests/test_ledger_guide.py
fails while the guide is out of date.

    python scripts/build_ledger_guide.py          # rewrite docs/ledger.md
    python scripts/build_ledger_guide.py --check  # exit 1 when it is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mihara_sheets.ledger.spec import (  # noqa: E402
    AMOUNT_UNITS, COLUMN_ALIAS_PREFIX, SETTING_NOTES, SETTINGS_NAMES, SHEET_TABLE_NONE, SHEET_TABLE_PREFIX,
    TABLES, TOTAL_LABELS,
)
from mihara_sheets.ledger.detect import SURE_MATCHES  # noqa: E402

GUIDE = ROOT / "docs" / "ledger.md"

KINDS = {
    "text": "文字（入力のまま）",
    "id": "ID（全角の英数字は半角として読みます）",
    "int": "整数",
    "date": "日付",
    "datetime": "日付（時刻を含めても可）",
    "time": "時刻（14:00、午後2時）",
    "yen": "金額（円の整数）",
    "choice": "選択肢",
    "list": "一覧（「、」や改行で区切る）",
    "agenda": "議題（1行に1件。先頭の番号は除きます）",
    "mark": "○／×（○・有・はい → あり）",
    "fiscal_year": "年度（令和4年度、R4、2022年度）",
    "postal": "郵便番号（7桁）",
    "council": "会議体（会議体IDか会議体名）",
}

INTRO = """\
# 台帳の作り方（シート・見出し・設定）

<!-- このファイルは scripts/build_ledger_guide.py が ledger/spec.py から作ります。手で直さないでください。 -->

mihara_sheets は、職員が Excel で入力している台帳をそのまま読みます。決まった様式に
作り直す必要はありません。このページは、どのシートのどの見出しを読むか、値をどう
書けばよいか、設定シートに何を書けるかの一覧です。

## 共通の決まり

- **シートの見つけ方**：シート名で表を見分けます（下の「シート名」のどれか。全角・半角や
  空白の違いは問いません）。1つのブックにまとめても、ブックを分けても構いません
  （コマンドに台帳ファイルを複数渡します）。CSV（kintone などの書き出し）は、ファイル名に
  シート名を含めれば同じように読みます（例：`名簿_kintone.csv`、`委員名簿 (1).csv`）。
  文字コードは UTF-8 か Shift_JIS です。
- **名前で分からないシート**（`Sheet1` など）：見出し行で表を見分けます。表の必須の列が
  そろい、知っている見出しが{sure}つ以上で、見出し行の半分以上を占めれば、その表として読み、
  そのことを警告で知らせます。2つの表に同じくらい当てはまるときや、一部だけ似ているときは
  読まずに警告します。どの表かは設定シートの「{table}:シート名」の行で指定できます
  （値は表の名前、会議体名・会議体ID＝その会議体の名簿、または「{none}」＝読まない）。
- **会議体の列がない名簿**：シート名が会議体名でもなければ、見出しの上の表題
  （「○○部会 委員名簿（令和5年4月1日現在）」）から、それもなければファイル名
  （`R5高齢者支援部会委員名簿.xlsx`）から会議体を読み、どちらを使ったかを警告で知らせます。
- **見出し行**：先頭20行のうち、知っている見出しがいちばん多い行を見出し行とします。
  上の表題行（「○○部会 委員名簿（令和8年4月1日現在）」）や、表の下の注記（「※…」）は
  データとして読みません。結合した見出しは結合範囲の各列の見出しになり、2段の見出し
  （任期 の下に 開始／終了）は「任期開始」「任期終了」と読みます。
- **見出しの比べ方**：全角・半角、空白、改行、末尾の単位や注記の違いは問いません。
  「予算額（千円）」のように括弧で単位を書くと、金額をその単位で読みます（{units}）。
  見出しの別名は下の表のとおりです。表にない見出しは、設定シートの「{alias}:シート名:項目名」
  の行で別名として足せます（例：キー「{alias}:会議:開催日」、値「開催年月日」）。
- **値**：日付は Excel の日付、和暦（令和5年4月1日、R5.4.1、H31.4.30）、2022/11/14、
  2022年11月14日 のどれでも読めます（曜日の括弧は無視します）。期間は「～」「〜」「-」で
  2つの日付・時刻をつなぎます。金額は「3,454,000円」「¥3,454,000」「３，４５４，０００」など。
  1円未満の端数はエラーです。空の行は読み飛ばします。
- **合計の行**：予算シートで先頭の列が {totals} の行は、上の行の合計として確かめます
  （小計 ＜ 計・合計 ＜ 総計）。
- **問題の知らせ方**：読み込みは最初の問題で止まらず、すべての問題を、シートとセル
  （会議!C7）、コード、重大度（エラー／警告）と日本語のメッセージで返します。
  メッセージと対処の一覧は「職員向け手引き」（staff-guide.md）の7章にあります。
"""


def table_section(number: int, table) -> list[str]:  # noqa: ANN001 - a TableSpec
    """One table's part of the guide: its sheet names, purpose and headers."""
    names = "、".join(f"「{n}」" for n in table.names)
    need = "省略可" if table.optional else "必須"
    lines = [f"## {number}. {table.name}（{need}）", "", table.purpose, "", f"シート名：{names}", ""]
    ranges = {h: r for r in table.ranges for h in r.headers}
    lines += ["| 見出し | 別名 | 値 | 必須 |", "|---|---|---|---|"]
    for spec in table.fields:
        kind = KINDS[spec.kind]
        if spec.choices:
            kind += "：" + "／".join(spec.choices) + ("（ほかの値は警告）" if spec.lenient_choices else "")
        default = dict(table.defaults).get(spec.name)
        if default:
            kind += f"（空欄なら「{default}」）"
        aliases = "、".join(spec.headers[1:]) or "—"
        lines.append(f"| {spec.headers[0]} | {aliases} | {kind} | {'必須' if spec.required else ''} |")
    for header, r in ranges.items():
        first, second = table.field(r.start).headers[0], table.field(r.end).headers[0]
        lines.append(f"| {header} | — | 期間（{first}と{second}を1つの列に「～」でつないで） | |")
    lines.append("")
    return lines


def settings_section(number: int) -> list[str]:
    """The 設定 sheet's keys, what each is for and its default."""
    lines = [f"## {number}. {SETTINGS_NAMES[0]}（省略可）", "",
             "A列にキー、B列に値を書きます。書かないキーは既定値で処理します。", "",
             "| キー | 内容 |", "|---|---|"]
    for key, note in SETTING_NOTES.items():
        lines.append(f"| {key} | {note} |")
    lines.append(f"| {COLUMN_ALIAS_PREFIX}:シート名:項目名 | 値に書いた見出しを、そのシートのその項目の別名にします（上の「共通の決まり」）。 |")
    lines.append(f"| {SHEET_TABLE_PREFIX}:シート名 | そのシートがどの表かを指定します。値は表の名前（名簿・会議・予算など）、"
                 f"会議体名か会議体ID（その会議体の名簿）、または「{SHEET_TABLE_NONE}」（読まない）。 |")
    lines.append("")
    return lines


def guide() -> str:
    """The whole text of docs/ledger.md."""
    units = "、".join(f"{u}＝×{m:,}" for u, m in AMOUNT_UNITS.items() if m != 1)
    totals = "・".join(f"「{label}」" for label in TOTAL_LABELS)
    lines = [INTRO.format(units=units, alias=COLUMN_ALIAS_PREFIX, totals=totals, sure=SURE_MATCHES,
                          table=SHEET_TABLE_PREFIX, none=SHEET_TABLE_NONE)]
    for number, table in enumerate(TABLES, start=1):
        lines += table_section(number, table)
    lines += settings_section(len(TABLES) + 1)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the guide, or with ``--check`` report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/ledger.md is out of date")
    args = parser.parse_args(argv)
    text = guide()
    if args.check:
        current = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
        if current != text:
            print(f"{GUIDE} is out of date: run python scripts/build_ledger_guide.py", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(text, encoding="utf-8")
    print(f"wrote {GUIDE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
