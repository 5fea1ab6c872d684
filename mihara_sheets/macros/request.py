"""The 操作 sheet of the control workbook: where each input sits, and reading them.

The build script (scripts/build_control_workbook.py) lays the sheet out from these
constants, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CONTROL_SHEET = "操作"

# Action names as staff choose them on the 操作 sheet (the order of its list).
CHECK = "台帳チェック"
NOTICES = "開催通知作成"
AGENDA = "全体会議次第作成"
BUDGET = "予算集計"
TERMS = "任期確認"
INVENTORY = "会議体の棚卸"
ATTENDANCE = "出欠確認"
MEETING_AGENDA = "部会次第作成"
MINUTES = "会議録作成"
LABELS = "宛名ラベル作成"
HONORARIA = "謝金計算"
APPOINTMENTS = "委嘱状作成"
ACTION_NAMES = (CHECK, NOTICES, AGENDA, BUDGET, TERMS, INVENTORY, ATTENDANCE, MEETING_AGENDA, MINUTES, LABELS, HONORARIA,
                APPOINTMENTS)

# One input per cell (column C), labels in column B.
CONTROL_CELLS = {
    "action": "C4",
    "meeting_id": "C5",
    "fiscal_year": "C6",
    "out_dir": "C7",
    "today": "C8",
    "pdf": "C9",
    "as_of": "C10",
    "within": "C11",
    "notice_form": "C12",
    "label_sheet": "C13",
    "label_start": "C14",
}
PATH_FIRST_ROW = 17  # ledger files: C17:C21 (their heading on row 16)
PATH_ROWS = 5
PATH_COLUMN = "C"
LOG_HEADER_ROW = 24
LOG_FIRST_ROW = 25  # log lines: B (日時), C (処理), D (結果), E (内容)
LOG_HEADER = ["日時", "処理", "結果", "内容"]
YES = ("はい", "する", "○", "1", "TRUE", "True")

# The ▼ lists of 通知の形式 and ラベル用紙 (first = what a blank cell means), and what each
# choice asks of the job: NoticeRequest's (window_envelope, email), LabelsRequest's (layout, vertical).
NOTICE_FORMS = {
    "通常": (False, False),
    "窓あき封筒": (True, False),
    "メールの下書きも作る": (False, True),
    "窓あき封筒とメールの下書き": (True, True),  # posted members by window envelope, the rest by e-mail
}
LABEL_SHEETS = {
    "A4判12面": ("A4-12", False),
    "A4判24面": ("A4-24", False),
    "A4判12面（縦書き）": ("A4-12", True),
    "A4判24面（縦書き）": ("A4-24", True),
}


class MacroError(Exception):
    """An input that cannot be used, with a Japanese ``message`` a member of staff can act on."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Request:
    """What an action needs besides the book: the inputs of the 操作 sheet, or arguments.

    ``paths`` empty means "the calling book is the ledger". ``out_dir`` relative to the
    calling book's folder; ``None`` = the 設定 出力フォルダ, else 出力 beside the ledger.
    """

    action: str | None = None
    paths: list[str] = field(default_factory=list)
    meeting_id: str | None = None
    fiscal_year: int | None = None
    out_dir: str | None = None
    today: dt.date | None = None
    pdf: bool = False
    as_of: dt.date | None = None  # 棚卸の基準日 (default 1 April of the 基準日's fiscal year)
    within: int | None = None  # 任期確認 days (default 設定 任期アラート日数)
    window_envelope: bool = False  # 通知の形式 窓あき封筒: NoticeRequest.window_envelope
    email: bool = False  # 通知の形式 メールの下書きも作る: NoticeRequest.email (implies a PDF)
    label_layout: str = "A4-12"  # ラベル用紙: LabelsRequest.layout
    label_vertical: bool = False  # ラベル用紙 （縦書き）: LabelsRequest.vertical
    label_start: int = 1  # ラベルの開始位置: LabelsRequest.start (checked by the job)


def sheet_names(book: Any) -> list[str]:
    """Names of the book's sheets, in tab order."""
    return [sheet.name for sheet in book.sheets]


def read_request(book: Any) -> Request:
    """The inputs on the 操作 sheet of ``book`` (an empty request when it has none).

    Raises :class:`MacroError` for an input that cannot be read (a 年度 or 基準日 typo,
    a 通知の形式 or ラベル用紙 not on its list, a ラベルの開始位置 that is not a number).
    """
    if CONTROL_SHEET not in sheet_names(book):
        return Request()
    sheet = book.sheets[CONTROL_SHEET]

    def text(key: str) -> str | None:
        value = sheet[CONTROL_CELLS[key]].value
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        shown = str(value).strip()
        return shown or None

    _check_layout(sheet)
    action = text("action")
    # The 通知の形式 and ラベル用紙 inputs are read for the actions that use them only: a typo left
    # there from making labels must not stop 台帳チェック.
    window_envelope, email = (_choice(sheet[CONTROL_CELLS["notice_form"]].value, NOTICE_FORMS, "通知の形式")
                              if action in (None, NOTICES) else (False, False))
    uses_labels = action in (None, LABELS)
    label_layout, label_vertical = (_choice(sheet[CONTROL_CELLS["label_sheet"]].value, LABEL_SHEETS, "ラベル用紙")
                                    if uses_labels else ("A4-12", False))
    paths = sheet.range(f"{PATH_COLUMN}{PATH_FIRST_ROW}:{PATH_COLUMN}{PATH_FIRST_ROW + PATH_ROWS - 1}")
    return Request(
        action=action,
        paths=[str(v).strip() for v in (paths.options(ndim=1).value or []) if v not in (None, "") and str(v).strip()],
        meeting_id=text("meeting_id"),
        fiscal_year=_fiscal_year(sheet[CONTROL_CELLS["fiscal_year"]].value),
        out_dir=text("out_dir"),
        today=_date(sheet[CONTROL_CELLS["today"]].value),
        pdf=(text("pdf") or "") in YES,
        as_of=_date(sheet[CONTROL_CELLS["as_of"]].value, "棚卸の基準日"),
        within=_days(sheet[CONTROL_CELLS["within"]].value),
        window_envelope=window_envelope,
        email=email,
        label_layout=label_layout,
        label_vertical=label_vertical,
        label_start=label_start(sheet[CONTROL_CELLS["label_start"]].value) if uses_labels else 1,
    )


def _fiscal_year(value: Any) -> int | None:
    from ..values import is_blank, parse_fiscal_year

    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_fiscal_year(value)
    except Exception:
        raise MacroError(f"「{CONTROL_SHEET}」シートの年度「{value}」を読めません。2026、令和8年度、R8 のように入力してください。") from None


def _date(value: Any, label: str = "基準日") -> dt.date | None:
    from ..values import is_blank, parse_date

    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return parse_date(value)
    except Exception:
        raise MacroError(f"「{CONTROL_SHEET}」シートの{label}「{value}」を読めません。令和8年11月28日 や 2026/11/28 の形で入力してください。") from None


def _days(value: Any) -> int | None:
    from ..values import is_blank

    if is_blank(value):
        return None
    number = _count(value, ("日",))
    if number is None:
        raise MacroError(f"「{CONTROL_SHEET}」シートの任期確認の日数「{value}」を読めません。90 のように日数を入力してください。")
    return number


PATHS_LABEL = "台帳ファイル"  # column B, on the row above the ledger paths


def _check_layout(sheet: Any) -> None:
    """Refuse a 操作 sheet laid out by an older version of the control workbook: its inputs
    would be read from the wrong cells (an old ledger path taken for ラベルの開始位置)."""
    labels = sheet.range(f"B1:B{LOG_FIRST_ROW + 5}").options(ndim=1).value or []
    rows = [row for row, value in enumerate(labels, start=1) if str(value or "").strip() == PATHS_LABEL]
    if rows and PATH_FIRST_ROW - 1 not in rows:
        raise MacroError(
            f"この操作ブックは古い版です（「{PATHS_LABEL}」の欄が{rows[0]}行目にあります。今の版では"
            f"{PATH_FIRST_ROW - 1}行目です）。新しい操作ブック（mihara_sheets.macros.xlsm）に取り替えて、"
            f"台帳ファイルの場所を入れ直してから実行してください。")


def label_start(value: Any) -> int:
    """ラベルの開始位置: 1 when blank; 5, ５ and 5枚目 alike. Whether the sheet has that
    many labels is the labels job's to say (as for ``labels --start``)."""
    from ..values import is_blank

    if is_blank(value):
        return 1
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = _count(value, ("枚目", "枚", "番目"))
    if number is None:
        raise MacroError(f"「{CONTROL_SHEET}」シートのラベルの開始位置「{value}」を読めません。"
                         "使いかけの用紙の何枚目のラベルから印刷するかを、5 のように数字で入力してください（空欄なら1枚目から）。")
    return number


def _count(value: Any, suffixes: tuple[str, ...]) -> int | None:
    """A whole number typed in a cell (full-width digits and one of ``suffixes`` allowed), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for suffix in suffixes:
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    return int(text) if text.isascii() and text.isdigit() else None


def _choice(value: Any, choices: dict[str, tuple], label: str) -> tuple:
    """What the ▼ choice in a cell asks for (blank = the list's first). Text typed by hand
    matches when it differs only in width or spaces (（縦書き） / (縦書き))."""
    import unicodedata

    from ..values import is_blank

    if is_blank(value):
        return next(iter(choices.values()))

    def plain(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    typed = plain(str(value))
    for name, meaning in choices.items():
        if plain(name) == typed:
            return meaning
    allowed = "」「".join(choices)
    raise MacroError(f"「{CONTROL_SHEET}」シートの{label}「{value}」は選べません。▼から「{allowed}」のどれかを選んでください"
                     f"（空欄なら「{next(iter(choices))}」）。")
