"""The ledger contract as data: the one place a table of the ledger is declared.

Each table is a :class:`TableSpec`: its sheet names and aliases, its record type and the
:class:`~mihara_sheets.ledger.ledger.Ledger` list it fills, and its fields with the headers
staff may type for them and the kind of value they hold. The reader is generic over these
specs, so a header learnt later is one more string here, not more code; a new table is one
``TableSpec`` in :data:`TABLES`, a record dataclass and its list on ``Ledger``. The staff's
guide to keeping a ledger (``docs/ledger.md``) is generated from this module
(``scripts/build_ledger_guide.py``).

Field kinds (how a cell is converted; see ``ledger.convert``):
``text`` (kept as typed) ``id`` (NFKC: ``Ｋ０１`` is ``K01``) ``int`` ``date`` ``datetime`` (a date cell that may also hold the times) ``time``
``yen`` ``choice`` ``list`` ``agenda`` ``mark`` (○/× → bool) ``fiscal_year`` ``postal``
``council`` (an id or a name of a council, resolved after reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records


@dataclass(frozen=True)
class FieldSpec:
    """One field of a table: its English name, the headers that mean it, its kind."""

    name: str
    headers: tuple[str, ...]
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    # True: a value outside ``choices`` is only a warning (kept as typed).
    lenient_choices: bool = False
    # Other ways staff write a choice (compared after NFKC and case folding): 女性 → 女.
    synonyms: tuple[tuple[str, str], ...] = ()
    # True: a value outside ``choices`` is kept as typed without a warning (性別).
    other_text: bool = False


@dataclass(frozen=True)
class RangeSpec:
    """One column holding a range that fills two fields: 任期 → term_start / term_end."""

    headers: tuple[str, ...]
    start: str
    end: str
    kind: str  # "date" or "time"


@dataclass(frozen=True)
class TableSpec:
    """A table of the ledger: where it is found and what its columns mean."""

    key: str  # attribute of Ledger, e.g. "meetings"
    name: str  # the sheet's first name, e.g. "会議"
    aliases: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    ranges: tuple[RangeSpec, ...] = ()
    # Headers of one column holding "vendor (amount)": 発注先 (予算配分).
    label_amount_headers: tuple[str, ...] = ()
    # The field that tells the row apart when a required field is missing ("会議体ID" ...).
    id_field: str | None = None
    # The dataclass each row becomes, and what blank cells default to beyond its own defaults.
    record: type | None = None
    defaults: tuple[tuple[str, Any], ...] = ()
    # What the table is for, in staff's words (the ledger guide), and whether it may be absent.
    purpose: str = ""
    optional: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


COUNCIL_KINDS = ("協議会", "連絡会議", "部会", "運営会議", "全体会議", "親会", "個別支援会議", "その他")
COUNCIL_STATUSES = ("存続", "部会化", "統合", "廃止")
DISCLOSURES = ("公開", "非公開", "一部公開")
MEMBER_CATEGORIES = (
    "庁内関係課", "社会福祉協議会", "地域包括支援センター", "医療機関", "学校",
    "学識経験者", "民間団体", "住民代表", "その他",
)
ROLES = ("会長", "部会長", "副会長", "副部会長", "委員", "オブザーバー", "事務局")
DELIVERIES = ("郵送", "メール", "庁内便", "手渡し")
MEETING_STATUSES = ("予定", "通知済", "開催済", "中止", "延期")
MEETING_FORMATS = ("対面", "オンライン", "併用", "書面")
ANSWERS = ("出席", "欠席", "代理出席", "オンライン出席", "未回答")
ON_THE_DAY = ("出席", "欠席", "遅刻", "早退")
FEE_KINDS = ("報酬", "報償費", "なし")
GENDERS = ("男", "女")
SELECTIONS = ("公募", "推薦", "充て職", "指名", "その他")
PAYMENT_KINDS = ("謝金", "旅費", "報償費")
# 支払方法 of a member or payee (honoraria): bank transfer or cash. Bank details are never read.
PAYMENT_METHODS = ("振込", "現金")
AGENDA_KINDS = ("協議", "報告", "その他")

F = FieldSpec

COUNCILS = TableSpec(
    record=records.Council,
    defaults=(),
    purpose="会議体（協議会・部会・全体会議など）の一覧。ほかのシートは会議体IDか会議体名でここを指します。",
    optional=False,
    key="councils",
    name="会議体",
    aliases=("会議体台帳", "会議体一覧", "協議体一覧", "協議会等一覧"),
    id_field="council_id",
    fields=(
        F("council_id", ("会議体ID", "ID", "No.", "番号"), "id", required=True),
        F("name", ("会議体名", "名称", "会議名", "協議会名"), required=True),
        F("kind", ("区分", "種別"), "choice", choices=COUNCIL_KINDS, lenient_choices=True),
        F("division", ("所管課", "担当課", "事務局")),
        F("parent_id", ("親会議体ID", "上位会議体", "所属会議体"), "council"),
        F("basis", ("根拠", "設置根拠", "根拠法令・要綱")),
        F("established", ("設置日", "設置年月日"), "date"),
        F("meetings_per_year", ("開催頻度", "年間開催回数"), "int"),
        F("status", ("状態", "再編後", "再編方針"), "choice", choices=COUNCIL_STATUSES),
        F("merged_into_id", ("統合先", "統合先会議体ID"), "council"),
        F("seats", ("委員定数", "定数"), "int"),
        F("term_years", ("任期(年)", "任期年数"), "int"),
        F("disclosure", ("公開区分", "公開"), "choice", choices=DISCLOSURES),
        F("confidential", ("守秘義務",), "mark"),
        F("domains", ("分野",), "list"),
        F("purpose", ("目的", "目的・所掌", "所掌事務")),
        F("fee_per_day", ("報酬日額", "報償費単価", "謝礼単価"), "yen"),
        F("fee_kind", ("報酬区分", "支給区分"), "choice", choices=FEE_KINDS),
        F("quorum", ("定足数",)),
        F("note", ("備考",)),
    ),
)

MEMBERS = TableSpec(
    record=records.Member,
    defaults=(("role", "委員"), ("honorific", "様")),
    purpose="委員の名簿。全会議体を1枚にまとめても、会議体ごとにシートを分けても（シート名を会議体名か会議体IDにする）構いません。",
    optional=False,
    key="members",
    name="名簿",
    aliases=("構成員名簿", "委員名簿", "部会名簿"),
    fields=(
        # Required on a combined 名簿; a per-council sheet gives it for every row (fixed).
        F("council_id", ("会議体ID", "会議体", "部会", "部会名"), "council", required=True),
        F("person_id", ("人物ID",), "id"),
        F("name", ("氏名", "委員名", "構成員名", "名前", "委員氏名"), required=True),
        F("kana", ("ふりがな", "フリガナ", "よみがな")),
        F("organization", ("所属", "所属団体", "団体名", "所属・役職", "所属団体名等", "所属団体名")),
        F("title", ("役職", "職名")),
        F("category", ("区分", "選出区分", "分野"), "choice", choices=MEMBER_CATEGORIES),
        F("role", ("部会役職", "役割", "会議内役職"), "choice", choices=ROLES),
        F("term_start", ("任期開始", "任期(自)", "任期自"), "date"),
        F("term_end", ("任期終了", "任期(至)", "任期至"), "date"),
        F("postal_code", ("郵便番号", "〒"), "postal"),
        F("address", ("住所", "送付先")),
        F("phone", ("電話", "電話番号", "TEL"), "id"),
        F("email", ("メール", "メールアドレス", "E-mail"), "id"),
        F("delivery", ("送付方法",), "choice", choices=DELIVERIES),
        F("honorific", ("敬称",)),
        F("gender", ("性別",), "choice", choices=GENDERS, other_text=True,
          synonyms=(("男性", "男"), ("女性", "女"), ("m", "男"), ("f", "女"), ("male", "男"), ("female", "女"))),
        F("selection", ("選任区分", "選出方法"), "choice", choices=SELECTIONS, lenient_choices=True,
          synonyms=(("あて職", "充て職"), ("宛て職", "充て職"), ("充職", "充て職"))),
        F("first_appointed", ("初回委嘱日", "初任年月日", "就任日"), "date"),
        F("fee_exempt", ("報酬辞退", "報酬不要"), "mark"),
        F("payment_method", ("支払方法",), "choice", choices=PAYMENT_METHODS, lenient_choices=True),
        F("note", ("備考",)),
    ),
    ranges=(RangeSpec(("任期", "委嘱期間"), "term_start", "term_end", "date"),),
)

MEETINGS = TableSpec(
    record=records.Meeting,
    defaults=(),
    purpose="会議の開催記録と予定。通知・次第・集計はこのシートから作り、通知を作ると状態・通知日・文書番号を記録します。",
    optional=False,
    key="meetings",
    name="会議",
    aliases=("会議記録", "開催記録", "会議一覧", "開催状況"),
    id_field="meeting_id",
    fields=(
        F("meeting_id", ("会議ID",), "id", required=True),
        F("council_id", ("会議体ID", "会議体", "部会"), "council", required=True),
        F("number", ("回", "開催回"), "int"),
        F("date", ("開催日", "日付", "開催日時"), "datetime"),
        F("start", ("開始",), "time"),
        F("end", ("終了",), "time"),
        F("venue", ("場所", "会場")),
        F("agenda", ("議題", "案件", "議題等"), "agenda"),
        F("fiscal_year", ("年度",), "fiscal_year"),
        F("title", ("会議名", "会議の名称")),
        F("status", ("状態",), "choice", choices=MEETING_STATUSES),
        F("format", ("形式",), "choice", choices=MEETING_FORMATS),
        F("disclosure", ("公開区分",), "choice", choices=DISCLOSURES),
        F("observers", ("傍聴者数",), "int"),
        F("decisions", ("決定事項",)),
        F("notice_no", ("文書番号",)),
        F("notice_date", ("通知日", "発出日"), "date"),
        F("reply_by", ("回答期限", "出欠回答期限"), "date"),
        F("attendees", ("出席者数",), "int"),
        F("cases_received", ("受理件数",), "int"),
        F("cases_new", ("新規件数",), "int"),
        F("cases_closed", ("終結件数",), "int"),
        F("summary", ("概要", "議事概要", "要旨", "記録")),
        F("join_info", ("参加方法", "オンライン参加方法", "URL")),
        F("chair", ("議長",)),
        F("signers", ("署名委員", "議事録署名人"), "list"),
        F("closed_reason", ("非公開理由",)),
        F("summary_published", ("要旨公開日", "会議結果公表日"), "date"),
        F("minutes_published", ("会議録公開日",), "date"),
    ),
    ranges=(RangeSpec(("時間",), "start", "end", "time"),),
)

BUDGET = TableSpec(
    record=records.BudgetLine,
    defaults=(),
    purpose="事業と予算の行。「計」「小計」「合計」の行は上の行の合計として確かめます。",
    optional=True,
    key="budget_lines",
    name="予算",
    aliases=("事業一覧", "予算執行状況", "試行的事業", "試行的事業の実施状況"),
    fields=(
        F("fiscal_year", ("年度",), "fiscal_year"),
        F("project", ("事業名称", "事業名"), required=True),
        F("description", ("事業内容",)),
        F("purpose", ("目的・期待される効果", "目的")),
        F("start", ("開始日",), "date"),
        F("end", ("終了日",), "date"),
        F("vendor", ("発注先", "委託先", "契約先", "支払先")),
        F("budget_line_id", ("予算行ID",), "id"),
        F("budget", ("予算配分", "予算額", "予算現額", "金額", "補正後予算額"), "yen"),
        # 当初予算額 beside 補正後予算額: the budget is the revised one, the initial one when alone.
        F("initial_budget", ("当初予算額",), "yen"),
        F("setsu", ("節",)),
        F("kan", ("款", "款名")),
        F("kou", ("項", "項名")),
        F("moku", ("目", "目名")),
        F("council_id", ("関連会議体ID",), "council"),
        F("contract", ("契約額",), "yen"),
        F("spent", ("執行額", "支出済額", "支出額", "支払額"), "yen"),
        F("category", ("科目", "予算科目", "区分")),
        F("funding", ("財源",)),
        F("note", ("備考",)),
    ),
    ranges=(RangeSpec(("実施時期", "実施期間", "期間"), "start", "end", "date"),),
    label_amount_headers=("発注先(予算配分)",),
)

ATTENDANCE = TableSpec(
    record=records.Attendance,
    defaults=(),
    purpose="開催通知への出欠の回答。",
    optional=True,
    key="attendance",
    name="出欠",
    aliases=("出欠回答", "出欠状況"),
    fields=(
        F("meeting_id", ("会議ID",), "id", required=True),
        F("person_id", ("人物ID",), "id"),
        F("name", ("氏名",)),
        F("answer", ("回答",), "choice", choices=ANSWERS),
        F("proxy", ("代理者",)),
        F("answered_on", ("回答日",), "date"),
        F("on_the_day", ("当日",), "choice", choices=ON_THE_DAY),
        F("travel", ("費用弁償", "旅費"), "yen"),
        F("note", ("備考",)),
    ),
)

PAYMENTS = TableSpec(
    record=records.Payment,
    defaults=(),
    purpose="会議ごとの、委員の報酬以外の支払い（セミナー講師の謝金・旅費など）。",
    optional=True,
    key="payments",
    name="謝金",
    aliases=("謝金一覧", "講師謝金"),
    fields=(
        F("meeting_id", ("会議ID",), "id", required=True),
        F("name", ("氏名", "支払先"), required=True),
        F("kind", ("区分",), "choice", choices=PAYMENT_KINDS),
        F("amount", ("金額",), "yen"),
        F("individual", ("個人",), "mark"),
        F("payment_method", ("支払方法",), "choice", choices=PAYMENT_METHODS, lenient_choices=True),
        F("note", ("備考",)),
        F("organization", ("所属",)),
    ),
)

AGENDA_ITEMS = TableSpec(
    record=records.AgendaItem,
    defaults=(),
    purpose="会議ごとの議題。あれば会議シートの議題欄より優先し、全体会議の次第はここから作ります。",
    optional=True,
    key="agenda_items",
    name="議題",
    aliases=("議題一覧",),
    fields=(
        F("meeting_id", ("会議ID",), "id", required=True),
        F("order", ("順",)),
        F("kind", ("区分",), "choice", choices=AGENDA_KINDS),
        F("title", ("議題",), required=True),
        F("presenter", ("説明者",)),
        F("material", ("資料番号",)),
        F("public", ("公開",), "mark"),
    ),
)

ANNUAL_REPORTS = TableSpec(
    record=records.AnnualReport,
    defaults=(),
    purpose="部会ごとの年度の活動報告。全体会議の次第に添える「各部会の活動報告」になります。",
    optional=True,
    key="annual_reports",
    name="部会年次報告",
    aliases=("年次報告",),
    fields=(
        F("fiscal_year", ("年度",), "fiscal_year", required=True),
        F("council_id", ("会議体ID",), "council", required=True),
        F("activities", ("主な取組",)),
        F("outcomes", ("成果",)),
        F("issues", ("課題",)),
        F("next_year", ("次年度方針",)),
        F("reporter", ("報告者",)),
        F("order", ("報告順",), "int"),
    ),
)

# Read in this order: councils first, so that roster sheets named after a council and
# council names typed in other sheets can be resolved.
TABLES: tuple[TableSpec, ...] = (
    COUNCILS, MEMBERS, MEETINGS, AGENDA_ITEMS, ATTENDANCE, PAYMENTS, BUDGET, ANNUAL_REPORTS,
)

SETTINGS_NAMES = ("設定",)

# 設定 keys → Settings attributes (ints are converted by the reader).
SETTINGS_KEYS = {
    "発信者": "sender",
    "担当課": "division",
    "電話": "phone",
    "メール": "email",
    "文書番号": "notice_prefix",
    "出力フォルダ": "output_folder",
    "任期アラート日数": "term_alert_days",
    "兼職上限": "concurrent_seat_limit",
    "通知リードタイム": "notice_lead_days",
    "セミナー演題": "seminar_title",
    "セミナー講師": "seminar_speaker",
    "FAX": "fax",
    "女性委員比率目標": "women_target_percent",
    "在任年数上限": "tenure_limit_years",
    "開催予定公表日数": "schedule_publish_days",
    "要旨公表日数": "summary_publish_days",
    "会議録公表日数": "minutes_publish_days",
    "報酬の源泉徴収": "pay_withholding",
    "謝金の源泉徴収率": "fee_withholding_rate",
    "全国地方公共団体コード": "municipality_code",
    "代理出席を定足数に含める": "proxy_quorum",
    "あいさつ": "greeting",
    # -- labels (宛名ラベル): header_key() has made （） into ()
    "ラベル印刷の補正(横mm)": "label_offset_x",
    "ラベル印刷の補正(縦mm)": "label_offset_y",
    "ラベルの敬称": "label_honorific",
    "差出人住所": "sender_address",
    "代理出席者に報酬を支払う": "proxy_pay",
}
# The settings that are numbers, and the values each may take (beyond them it is a typo,
# and dates overflow).
SETTINGS_INT_RANGES = {
    "term_alert_days": (0, 3650), "concurrent_seat_limit": (1, 100), "notice_lead_days": (0, 365),
    "women_target_percent": (0, 100), "tenure_limit_years": (1, 60), "schedule_publish_days": (0, 365),
    "summary_publish_days": (0, 365), "minutes_publish_days": (0, 365),
}
COLUMN_ALIAS_PREFIX = "列の別名"
# 表:シート名 = 名簿 (a table's name, a council's name or id for its roster, or 対象外): which
# table a sheet is, when neither its name nor its header row tells.
SHEET_TABLE_PREFIX = "表"
SHEET_TABLE_NONE = "対象外"

# What each 設定 key the project reads is for (the ledger guide). Keys read from
# ``Settings.extra`` by a product are listed too; tests check that none is missing.
SETTING_NOTES = {
    "発信者": "通知の発信者（例：三原市保健福祉部長）。",
    "担当課": "問合せ先の担当課。",
    "担当者": "問合せ先の担当者（空欄可）。",
    "電話": "問合せ先の電話番号。",
    "メール": "問合せ先のメールアドレス（空欄可）。",
    "文書番号": "文書番号の接頭辞（例：三保福第）。番号は年度ごとに1から振ります。",
    "出力フォルダ": "作った文書の保存先。相対パスは最初の台帳ファイルのフォルダから。空欄なら台帳の隣の「出力」フォルダ。",
    "任期アラート日数": "任期の終了が近いと知らせる日数（既定 90、0～3650）。",
    "兼職上限": "1人が委員を務める会議体の数の目安（既定 4、1～100）。",
    "通知リードタイム": "通知から開催日までに空けたい日数（既定 14、0～365）。",
    "セミナー演題": "全体会議のセミナーの演題（空欄なら全体会議の議題から）。",
    "セミナー講師": "全体会議のセミナーの講師（空欄なら議題の説明者から）。",
    "FAX": "問合せ先のFAX番号（空欄可）。",
    "女性委員比率目標": "委員構成の報告で比べる女性委員の割合の目標（%、既定 40、0～100）。",
    "在任年数上限": "同じ会議体に続けて在任する年数の目安（既定 10、1～60）。初回委嘱日から数えます。",
    "開催予定公表日数": "開催予定を公表しておく、開催日の何日前か（既定 7、0～365）。",
    "要旨公表日数": "会議の要旨を公表する、開催日の何日後までか（既定 14、0～365）。",
    "会議録公表日数": "会議録を公表する、開催日の何日後までか（既定 45、0～365）。",
    "報酬の源泉徴収": "委員報酬の源泉徴収（「乙欄」＝源泉徴収税額表の月額表乙欄、または「なし」。既定 乙欄）。",
    "謝金の源泉徴収率": "講師謝金などの源泉徴収の税率（%、既定 10.21。100万円を超える部分は 20.42）。",
    "全国地方公共団体コード": "公表データに付ける団体コード（既定 342041＝三原市）。",
    "代理出席を定足数に含める": "代理出席を定足数の出席に数えるか（「はい」「いいえ」、既定 いいえ）。要綱で代理出席を認めている会議だけ「はい」にします。",
    "あいさつ": "全体会議の次第の「あいさつ」に添える話し手（例：三原市長　三原 太郎）。空欄なら名前を載せません。",
    "通知その他": "開催通知の「その他」欄の文（既定：御都合により御欠席の場合は、代理の方の御出席をお願いします。）。",
    "代理出席者に報酬を支払う": "代理出席した人に委員の報酬・報償費（日額）を支払うか（「はい」「いいえ」、既定 いいえ）。要綱で代理出席者への支給を定めている場合だけ「はい」にします。",
    "全体会議の通知先": "全体会議の通知を、部会の委員のほかに送る会議体（会議体IDか名称を「、」で区切って）。",
    # -- labels
    "ラベル印刷の補正(横mm)": "宛名ラベルの印刷位置の補正（mm、右へ正、左へ負。例：1.5、-2。既定 0、-10～10）。プリンターで試し刷りして、ずれた分を入れます。",
    "ラベル印刷の補正(縦mm)": "宛名ラベルの印刷位置の補正（mm、下へ正、上へ負。既定 0、-10～10）。",
    "ラベルの敬称": "宛名ラベルの敬称（例：殿）。名簿の敬称が「様」（空欄を含む）の人に使います。名簿に別の敬称がある人は、名簿のとおり。既定は 様。",
    "差出人住所": "窓あき封筒用の開催通知（notices --window-envelope）に載せる差出人の郵便番号と住所（例：〒723-8601 三原市港町三丁目5番1号）。",
    "委嘱者": "委嘱状・任命書・解嘱状・礼状の差出人（例：三原市長　見本 太郎）。空欄なら「三原市長」。就任承諾書の宛先にもなります。",
    "充て職は任命とする": "選任区分が「充て職」の委員に、委嘱状ではなく任命書を作るか（「はい」「いいえ」、既定 いいえ）。",
}

# First cell of a declared total row, with its level: a total closes the lines since the
# previous total of the same or a higher level (小計 < 計/合計 < 総計).
TOTAL_LABELS = {"小計": 1, "計": 2, "合計": 2, "総計": 3}

# Units in a header's brackets that scale amounts: 予算額（千円）.
AMOUNT_UNITS = {"千円": 1_000, "万円": 10_000, "円": 1}


def table_for_sheet(name: str) -> TableSpec | None:
    """The table a sheet (or CSV file stem) holds, judged by its normalised name."""
    for table in TABLES:
        if name in table.names:
            return table
    return None
