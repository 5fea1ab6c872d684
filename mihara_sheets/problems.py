"""Problems found in a ledger: typed, coded, located, and worded for staff.

Reading never stops at the first problem. Every check appends a :class:`Problem` with a
stable ``code`` (see :data:`CATALOG`), a severity, the place it concerns (file, sheet, cell)
and a Japanese message a member of staff can act on. Problems that make a whole file
unreadable are raised together as :class:`LedgerReadError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

ERROR = "error"
WARNING = "warning"

SEVERITY_JA = {ERROR: "エラー", WARNING: "警告"}

# code -> (severity, message template). Templates are filled with str.format(**details).
# The codes are public: scripts and the staff guide refer to them, so never rename one.
CATALOG: dict[str, tuple[str, str]] = {
    # -- the file as a whole (these make load_ledger raise LedgerReadError)
    "file-not-found": (ERROR, "ファイル「{file}」が見つかりません。場所と名前を確認してください。"),
    "file-is-directory": (ERROR, "「{file}」はフォルダです。台帳のファイルを指定してください。"),
    "file-empty": (ERROR, "ファイル「{file}」は空です（0バイト）。保存し直したファイルを指定してください。"),
    "file-not-excel": (ERROR, "ファイル「{file}」はExcelの台帳として読めません（{detail}）。.xlsx、.xlsm または .csv を指定してください。"),
    "file-renamed-csv": (ERROR, "ファイル「{file}」は拡張子が .xlsx ですが、中身はCSV（テキスト）です。拡張子を .csv に直してください。"),
    "file-encrypted": (ERROR, "ファイル「{file}」はパスワードで保護されています。Excelでパスワードを解除して保存し直してください。"),
    "file-legacy-xls": (ERROR, "ファイル「{file}」は古い形式（.xls）です。Excelで「Excelブック（*.xlsx）」として保存し直してください。"),
    "file-corrupt": (ERROR, "ファイル「{file}」は壊れているため読めません（{detail}）。バックアップから戻すか、Excelで開いて保存し直してください。"),
    "file-too-large": (ERROR, "ファイル「{file}」は展開すると大きすぎるため（{detail}）、安全のため読み込みを中止しました。"),
    "file-unsafe-xml": (ERROR, "ファイル「{file}」に安全でないXMLの記述（外部実体・実体展開）があるため、読み込みを中止しました。"),
    "file-unreadable": (ERROR, "ファイル「{file}」を読めません（{detail}）。"),
    "csv-encoding": (ERROR, "CSVファイル「{file}」の文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。"),
    # -- sheets and headers
    "no-ledger-sheet": (ERROR, "ファイル「{file}」に台帳のシート（会議体・名簿・会議・予算など）が見つかりません。シート名を確認してください。"),
    "no-header-row": (ERROR, "シート「{sheet}」の見出し行が見つかりません（先頭20行に既知の見出しがありません）。"),
    "missing-column": (ERROR, "シート「{sheet}」に必須の列「{header}」がありません。見出し行に列を追加してください。"),
    "duplicate-column": (WARNING, "{where}の見出し「{header}」は、左にある列と同じ項目を指しています。左の列を使い、この列は読みません。"),
    "unknown-roster-sheet": (WARNING, "名簿シート「{sheet}」がどの会議体のものか分かりません。シート名を会議体名または会議体IDにしてください。"),
    "settings-out-of-range": (WARNING, "{where}の「{header}」の値「{value}」は範囲外です（{low}～{high}）。既定値の{default}を使います。"),
    "settings-alias-invalid": (WARNING, "{where}の「{key}」は列の別名として読めません。「列の別名:シート名:項目名」の形で、このページの最初のシート名と項目名を書いてください。"),
    # -- values
    "required-missing": (ERROR, "{where}の「{header}」が空欄です。入力してください。"),
    "invalid-date": (ERROR, "{where}の「{header}」の日付「{value}」を読めません。令和5年4月1日 や 2023/4/1 の形で入力してください。"),
    "nonexistent-date": (ERROR, "{where}の「{header}」の日付「{value}」は存在しない日付です。"),
    "invalid-time": (ERROR, "{where}の「{header}」の時刻「{value}」を読めません。14:00 や 午後2時 の形で入力してください。"),
    "invalid-number": (ERROR, "{where}の「{header}」の数値「{value}」を読めません。数字で入力してください。"),
    "invalid-amount": (ERROR, "{where}の「{header}」の金額「{value}」を読めません。3,454,000 のように円単位の整数で入力してください。"),
    "fractional-amount": (ERROR, "{where}の「{header}」の金額「{value}」に1円未満の端数があります。"),
    "invalid-fiscal-year": (ERROR, "{where}の「{header}」の年度「{value}」を読めません。令和4年度、R4、2022年度 などの形で入力してください。"),
    "invalid-choice": (ERROR, "{where}の「{header}」の「{value}」は使えない値です。{choices} のいずれかを入力してください。"),
    "unexpected-choice": (WARNING, "{where}の「{header}」の「{value}」は想定外の値です（想定: {choices}）。"),
    "invalid-postal-code": (WARNING, "{where}の郵便番号「{value}」は7桁ではありません。"),
    "end-before-start": (ERROR, "{where}の終了「{end}」が開始「{start}」より前になっています。"),
    # -- across records
    "duplicate-id": (ERROR, "{where}の{header}「{value}」は{other}と重複しています。IDは一意にしてください。"),
    "unknown-council": (ERROR, "{where}の会議体「{value}」は会議体の台帳にありません。会議体IDまたは会議体名を確認してください。"),
    "ambiguous-council": (ERROR, "{where}の会議体「{value}」に当てはまる会議体が複数あります。会議体IDで指定してください。"),
    "self-reference": (ERROR, "{where}の「{header}」が自分自身を指しています。"),
    "parent-cycle": (ERROR, "{where}の親会議体の関係が循環しています（{detail}）。"),
    "unknown-meeting": (ERROR, "{where}の会議ID「{value}」は会議の台帳にありません。"),
    "unknown-person": (WARNING, "{where}の「{value}」は名簿にいません。"),
    "term-ended": (WARNING, "{where}の委員の任期は{end}に終了していますが、名簿に残っています。再任・交代を確認してください。"),
    "term-ending-soon": (WARNING, "{where}の委員の任期が{end}に終了します（あと{days}日）。"),
    "concurrent-seats": (WARNING, "{where}の{name}さんは{count}件の会議体で委員を務めています（兼職の上限の目安は{limit}件）。"),
    "similar-names": (WARNING, "{where}の「{value}」と{other}の「{other_value}」は同じ人かもしれません（異体字の違い）。同じ人なら人物IDをそろえてください。"),
    "total-mismatch": (ERROR, "{where}の{label}「{amount}」が上の行の合計「{lines_sum}」と一致しません（差額 {difference}）。"),
    "total-without-lines": (WARNING, "{where}の{label}の上に集計する行がありません。"),
    "case-details-present": (WARNING, "{where}は個別支援会議の記録ですが「{header}」に記載があります。個別支援会議は件数のみを記録し、事例の内容は台帳に書かないでください。"),
    "reply-after-meeting": (WARNING, "{where}の回答期限「{value}」が開催日より後です。"),
    "meeting-before-established": (WARNING, "{where}の開催日「{value}」が会議体の設置日より前です。"),
}


@dataclass(frozen=True)
class Problem:
    """One problem found in a ledger, at one place.

    ``cell`` is an A1 address ("C7") on ``sheet``; either may be ``None`` when the problem
    concerns a whole file or sheet. ``value`` is what the reader saw, as text.
    """

    code: str
    severity: str
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is, the way staff write it: ``会議!C7``, ``会議``, or the file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.sheet:
            return self.sheet
        return self.file or ""

    @property
    def severity_ja(self) -> str:
        """「エラー」 or 「警告」."""
        return SEVERITY_JA[self.severity]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json`` output)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "location": self.location,
            "value": self.value,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"[{self.severity_ja}] {self.location} {self.code}: {self.message}"


def make_problem(
    code: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    value: Any = None,
    severity: str | None = None,
    **details: Any,
) -> Problem:
    """Build a :class:`Problem` from the catalog, filling its message template.

    ``where`` in a template is filled with the location (``会議!C7``) unless given.
    ``severity`` overrides the catalog's default (e.g. a choice that is only a warning).
    """
    default_severity, template = CATALOG[code]
    shown = "" if value is None else _shown(value)
    if sheet and cell:
        where = f"{sheet}!{cell}"
    elif sheet:
        where = f"シート「{sheet}」"
    else:
        where = f"「{file}」" if file else ""
    fill = {"file": file or "", "sheet": sheet or "", "value": shown, "where": where}
    fill.update({k: _shown(v) for k, v in details.items()})
    message = template.format_map(_Defaulting(fill))
    return Problem(
        code=code,
        severity=severity or default_severity,
        message=message,
        file=file,
        sheet=sheet,
        cell=cell,
        value=shown if value is not None else None,
    )


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):  # staff read dates in 和暦
        from .wareki import format_date

        day = value if type(value) is dt.date else value.date()
        try:
            value = format_date(day)
        except ValueError:  # before 大正: no era to write it in
            value = format_date(day, era=False)
    elif isinstance(value, dt.time):
        value = value.strftime("%H:%M")
    text = str(value)
    # Long cell texts are cut so a message stays one readable line.
    return text if len(text) <= 60 else text[:57] + "…"


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


class LedgerReadError(Exception):
    """Raised by :func:`mihara_sheets.load_ledger` when a file cannot be read at all.

    ``problems`` holds one problem per unreadable file (every path is tried first, so all
    of them are reported together).
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is of severity ``error`` (a job's result is then not ok)."""
    return any(problem.severity == ERROR for problem in problems)


def count_by_severity(problems: Iterable[Problem]) -> dict[str, int]:
    """``{"error": n, "warning": m}`` for a list of problems."""
    counts = {ERROR: 0, WARNING: 0}
    for problem in problems:
        counts[problem.severity] += 1
    return counts
