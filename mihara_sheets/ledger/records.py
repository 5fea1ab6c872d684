"""The typed records a ledger is made of.

Attribute names are the English field names of the ledger contract (``ledger/spec.py``, for staff ``docs/ledger.md``),
which makes them the library's public API. Dates are ``datetime.date``, times
``datetime.time``, money ``int`` yen (``None`` when not fixed; never a float).

Every record carries ``origin``: the file, sheet and row it was read from, and which
column holds which field, so that problems can name a cell and the writer can find the row
again. Personal fields of members are left out of ``repr`` so they never end up in a log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter


@dataclass(frozen=True)
class SheetLayout:
    """Where a table sits: its file, sheet, header row and the column of each field.

    ``columns`` maps a field name to a zero-based column index; ``header_row`` is 1-based
    (as Excel numbers rows). ``unit_multipliers`` holds 1,000 for a 千円 column.
    """

    file: str
    sheet: str
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str] = field(default_factory=dict)
    unit_multipliers: dict[str, int] = field(default_factory=dict)

    def cell(self, field_name: str, row: int) -> str | None:
        """A1 address of ``field_name`` on 1-based ``row``, or ``None`` without that column."""
        col = self.columns.get(field_name)
        if col is None:
            return None
        return f"{_LETTERS[col] if col < len(_LETTERS) else column_letter(col)}{row}"


@dataclass(slots=True)
class Origin:
    """The row a record came from (1-based, as Excel shows it).

    Not frozen: one is made for every row read, and a frozen dataclass costs twice as much
    to make. Treat it as a value all the same.
    """

    layout: SheetLayout
    row: int

    # The layout's file and sheet, looked up at C speed (a problem on every row of a large
    # roster asks each of them once).
    file = property(attrgetter("layout.file"), doc="The file the row was read from.")
    sheet = property(attrgetter("layout.sheet"), doc="The sheet the row was read from.")

    def cell(self, field_name: str) -> str | None:
        """A1 address of a field on this row (``C7``), or ``None``."""
        col = self.layout.columns.get(field_name)
        if col is None:
            return None
        return f"{_LETTERS[col] if col < 702 else column_letter(col)}{self.row}"

    def location(self, field_name: str | None = None) -> str:
        """``会議!C7`` for a field, or ``会議!7`` (the row) without one."""
        cell = self.cell(field_name) if field_name else None
        return f"{self.sheet}!{cell}" if cell else f"{self.sheet}!{self.row}行"


def column_letter(index: int) -> str:
    """Zero-based column index to Excel letters: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# The letters of the first 702 columns (A … ZZ), looked up rather than worked out: a
# problem on each of 10,000 rows names 10,000 cells.
_LETTERS = tuple(column_letter(i) for i in range(702))


@dataclass
class Council:
    """A council (会議体): a 協議会, 部会, 運営会議, the 全体会議, a 個別支援会議..."""

    council_id: str
    name: str
    kind: str | None = None
    division: str | None = None
    parent_id: str | None = None
    basis: str | None = None
    established: dt.date | None = None
    meetings_per_year: int | None = None
    status: str | None = None
    merged_into_id: str | None = None
    seats: int | None = None
    term_years: int | None = None
    disclosure: str | None = None
    confidential: bool = False
    domains: list[str] = field(default_factory=list)
    purpose: str | None = None
    fee_per_day: int | None = None  # 報酬日額: yen per meeting day; None = unpaid
    fee_kind: str | None = None  # 報酬区分: 報酬, 報償費, なし (報酬 when a day rate is given)
    quorum: str = "過半数"  # 定足数: 過半数, 半数以上, 3分の2以上 or a number of members
    note: str | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.fee_kind is None and self.fee_per_day is not None:
            self.fee_kind = "報酬"


@dataclass
class Member:
    """One seat on one council's roster (名簿). A person on three councils is three members."""

    council_id: str
    name: str
    person_id: str | None = None
    kana: str | None = None
    organization: str | None = None
    title: str | None = None
    category: str | None = None
    role: str = "委員"
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    postal_code: str | None = field(default=None, repr=False)
    address: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    delivery: str | None = None
    honorific: str = "様"
    gender: str | None = None  # 性別: 男, 女, other text as typed; None = unknown (never guessed)
    selection: str | None = None  # 選任区分: 公募, 推薦, 充て職, 指名, その他
    first_appointed: dt.date | None = None  # 初回委嘱日 (default term_start): years in office
    fee_exempt: bool = False  # 報酬辞退
    payment_method: str | None = None  # 支払方法: 振込, 現金 (bank details are never read)
    note: str | None = field(default=None, repr=False)
    origin: Origin | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first_appointed is None:
            self.first_appointed = self.term_start

    def serves_on(self, day: dt.date) -> bool:
        """True when the member's term covers ``day`` (open ends count as covering)."""
        if self.term_start and day < self.term_start:
            return False
        if self.term_end and day > self.term_end:
            return False
        return True


@dataclass
class Meeting:
    """One meeting of a council, held or planned (会議)."""

    meeting_id: str
    council_id: str
    number: int | None = None
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    venue: str | None = None
    agenda: list[str] = field(default_factory=list)
    fiscal_year: int | None = None
    title: str | None = None
    status: str | None = None
    format: str | None = None
    disclosure: str | None = None
    observers: int | None = None
    decisions: str | None = None
    notice_no: str | None = None
    notice_date: dt.date | None = None
    reply_by: dt.date | None = None
    attendees: int | None = None
    cases_received: int | None = None
    cases_new: int | None = None
    cases_closed: int | None = None
    summary: str | None = None
    join_info: str | None = field(default=None, repr=False)  # 参加方法: URL, passcode
    chair: str | None = None  # 議長
    signers: list[str] = field(default_factory=list)  # 署名委員
    closed_reason: str | None = None  # 非公開理由
    summary_published: dt.date | None = None  # 要旨公開日
    minutes_published: dt.date | None = None  # 会議録公開日
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class AgendaItem:
    """One item of a meeting's agenda (議題 sheet)."""

    meeting_id: str
    title: str
    order: str | None = None
    kind: str | None = None
    presenter: str | None = None
    material: str | None = None
    public: bool | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class Attendance:
    """A member's reply to a meeting notice (出欠)."""

    meeting_id: str
    person_id: str | None = None
    name: str | None = None
    answer: str | None = None
    proxy: str | None = None
    answered_on: dt.date | None = None
    on_the_day: str | None = None  # 当日: 出席, 欠席, 遅刻, 早退; None = the answer stands
    travel: int | None = None  # 費用弁償: yen paid for this meeting
    note: str | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class Payment:
    """A payment for a meeting that is not a member's day rate (謝金): a lecturer's fee, travel."""

    meeting_id: str
    name: str
    kind: str | None = None  # 謝金, 旅費, 報償費
    amount: int | None = None
    individual: bool = False  # a person, not a company: withholding applies
    payment_method: str | None = None  # 支払方法: 振込, 現金
    note: str | None = None
    organization: str | None = None  # 所属 (only when the sheet has the column)
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class BudgetLine:
    """One budget line (予算): a project with its amounts. ``budget`` None = 金額未確定."""

    project: str
    fiscal_year: int | None = None
    description: str | None = None
    purpose: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    vendor: str | None = None
    budget_line_id: str | None = None
    budget: int | None = None
    setsu: str | None = None
    kan: str | None = None
    kou: str | None = None
    moku: str | None = None
    council_id: str | None = None
    contract: int | None = None
    spent: int | None = None
    category: str | None = None
    funding: str | None = None
    note: str | None = None
    initial_budget: int | None = None  # 当初予算額 (budget falls back to it when no other column)
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class BudgetTotal:
    """A declared total row (計 / 合計 / 小計 / 総計) and how it compares with its lines.

    ``lines`` are the budget lines the row closes: those above it on the same sheet, back
    to the previous total of the same or a higher level.
    """

    label: str
    amount: int | None
    lines_sum: int
    lines: list[BudgetLine] = field(default_factory=list, repr=False)
    fiscal_year: int | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)
    cell: str | None = None

    @property
    def matches(self) -> bool:
        """True when the declared amount equals the sum of the lines' budgets."""
        return self.amount == self.lines_sum

    @property
    def difference(self) -> int:
        """Declared amount minus the lines' sum (0 when it matches)."""
        return (self.amount or 0) - self.lines_sum

    @property
    def location(self) -> str:
        """``予算!F8``: the cell holding the declared amount."""
        if self.origin is None:
            return ""
        return f"{self.origin.sheet}!{self.cell}" if self.cell else self.origin.location()


@dataclass
class AnnualReport:
    """A sub-committee's report of its year, for the plenary agenda (部会年次報告)."""

    fiscal_year: int
    council_id: str
    activities: str | None = None
    outcomes: str | None = None
    issues: str | None = None
    next_year: str | None = None
    reporter: str | None = None
    order: int | None = None
    origin: Origin | None = field(default=None, repr=False, compare=False)


@dataclass
class Settings:
    """The 設定 sheet. Unknown keys stay available in ``extra``."""

    sender: str | None = None  # 発信者
    division: str | None = None  # 担当課
    phone: str | None = None  # 電話
    email: str | None = None  # メール
    notice_prefix: str | None = None  # 文書番号
    output_folder: str | None = None  # 出力フォルダ
    term_alert_days: int = 90  # 任期アラート日数
    concurrent_seat_limit: int = 4  # 兼職上限
    notice_lead_days: int = 14  # 通知リードタイム
    seminar_title: str | None = None  # セミナー演題
    seminar_speaker: str | None = None  # セミナー講師
    fax: str | None = None  # FAX
    women_target_percent: int = 40  # 女性委員比率目標
    tenure_limit_years: int = 10  # 在任年数上限
    schedule_publish_days: int = 7  # 開催予定公表日数: days before a meeting
    summary_publish_days: int = 14  # 要旨公表日数: days after a meeting
    minutes_publish_days: int = 45  # 会議録公表日数: days after a meeting
    pay_withholding: str = "乙欄"  # 報酬の源泉徴収: 乙欄 (月額表) or なし
    fee_withholding_rate: str = "10.21"  # 謝金の源泉徴収率 (percent; 20.42 over 1,000,000 yen)
    municipality_code: str = "342041"  # 全国地方公共団体コード (三原市)
    proxy_quorum: str = "いいえ"  # 代理出席を定足数に含める: はい / いいえ
    greeting: str | None = None  # あいさつ: who greets at the plenary (次第)
    # -- labels: read as typed; mihara_sheets.documents.labels checks the numbers
    label_offset_x: str | None = None  # ラベル印刷の補正（横mm）
    label_offset_y: str | None = None  # ラベル印刷の補正（縦mm）
    label_honorific: str | None = None  # ラベルの敬称 (e.g. 殿)
    sender_address: str | None = None  # 差出人住所 (window-envelope notice)
    proxy_pay: str = "いいえ"  # 代理出席者に報酬を支払う: はい / いいえ
    column_aliases: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    sheet_tables: dict[str, str] = field(default_factory=dict)  # 表:シート名 → a table's name
    extra: dict[str, str] = field(default_factory=dict)
    #: Where each key was typed (its header_key → file, sheet, row), blank values included:
    #: a problem about a setting names its B cell (:func:`~.queries.settings_place`).
    rows: dict[str, tuple[str | None, str, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def proxies_count(self) -> bool:
        """True when 代理出席 counts toward the quorum (設定 代理出席を定足数に含める = はい)."""
        import unicodedata

        typed = unicodedata.normalize("NFKC", self.proxy_quorum or "").strip()
        return typed in ("はい", "する", "含める", "○", "1", "TRUE", "True", "true", "yes")

    @property
    def proxies_paid(self) -> bool:
        """True when a proxy is paid the member's day rate (設定 代理出席者に報酬を支払う = はい)."""
        import unicodedata

        typed = unicodedata.normalize("NFKC", self.proxy_pay or "").strip()
        return typed in ("はい", "する", "支払う", "○", "1", "TRUE", "True", "true", "yes")
