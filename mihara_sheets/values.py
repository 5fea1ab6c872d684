"""Reading one cell's value the way staff typed it: dates, times, yen, counts, marks, lists.

Every function takes what a reader gives for a cell — ``str``, ``int``, ``float`` (calamine
gives floats for whole numbers), ``Decimal``, ``bool``, ``datetime``/``date``/``time``/
``timedelta`` or ``None`` — and returns a typed value, or raises :class:`ValueProblem` whose
``code`` is a key of :data:`mihara_sheets.problems.CATALOG`. The caller adds the place
(sheet, cell, header) and turns it into a Problem. Nothing here knows about files.

Text is read after Unicode NFKC, so full-width digits, letters and punctuation
("３，４５４，０００", "（１）", "Ｒ５．４．１") are read as their ASCII forms.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from . import wareki

__all__ = [
    "ValueProblem",
    "is_blank",
    "normalize_text",
    "normalize_header",
    "excel_serial_to_datetime",
    "parse_date",
    "parse_time",
    "parse_time_range",
    "parse_date_time",
    "parse_date_range",
    "parse_int",
    "parse_yen",
    "split_amount_label",
    "parse_fiscal_year",
    "parse_postal_code",
    "split_list",
    "parse_agenda",
    "parse_mark",
]


class ValueProblem(ValueError):
    """A cell value that cannot be read. ``code`` is a key of problems.CATALOG.

    ``value`` is the cell value as given; ``details`` fill the rest of the catalog's message
    template (``start``/``end`` for end-before-start, ``choices`` for invalid-choice), already
    written as staff read them (令和5年4月1日, 午後2時).
    """

    def __init__(self, code: str, value: Any, **details: Any):
        self.code = code
        self.value = value
        self.details = details
        super().__init__(code)  # the value stays out of str(): it may be personal data


# Dates outside this span are typos or numbers in the wrong column (a year 2022 read as an
# Excel serial is 1905-07-14). It starts with the oldest era this library names (大正).
MIN_DATE = dt.date(1912, 7, 30)
MAX_DATE = dt.date(2100, 12, 31)

# Words that mean "no fixed number" in a count column (開催頻度: 随時).
NO_NUMBER_WORDS = frozenset({"随時", "未定", "適宜", "不定期", "必要に応じて", "必要時"})

_ZERO_WIDTH = "\u200b\ufeff"

# Below 2**53 every whole float is exactly the integer it shows (calamine's 4.0 is 4).
_EXACT_FLOAT = 2**53


def _strip(text: str) -> str:
    return text.strip().strip(_ZERO_WIDTH).strip()


def _nfkc(text: str) -> str:
    # The check is ten times cheaper than normalising, and most cells are already normal.
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def _clean(text: str) -> str:
    """NFKC, line breaks as \\n, outer whitespace removed."""
    text = _nfkc(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _strip(text)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _decimal(value: Any) -> Decimal | None:
    """An int/float/Decimal as a finite Decimal (floats through their shortest repr)."""
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _whole(number: Decimal) -> int | None:
    return int(number) if number == number.to_integral_value() else None


# ---------------------------------------------------------------- blanks, text and headers


def is_blank(value: Any) -> bool:
    """Whether a cell counts as empty: None, "", or only spaces (also full-width) / NaN."""
    if value is None:
        return True
    if isinstance(value, str):
        return not _strip(value)
    if isinstance(value, float):
        return math.isnan(value)
    return False


def normalize_text(value: Any) -> str | None:
    """A cell as text for a text field: NFKC, trimmed, inner line breaks kept as \\n.

    Blank → None. Whole floats (calamine's 4.0) → "4"; dates → ISO ("2023-06-12");
    times → "14:00"; booleans → "TRUE"/"FALSE" as Excel shows them.
    """
    if isinstance(value, str):
        return _clean(value) or None
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        whole = _whole(value)
        return str(whole) if whole is not None else str(value.normalize())
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    return _clean(str(value)) or None


_HEADER_UNIT = re.compile(r"^(.+?)[(\[【〔<]([^()\[\]【】〔〕<>]*)[)\]】〕>]$")


def normalize_header(text: Any) -> tuple[str, str | None]:
    """A header cell as compared with the spec's headers, and its trailing unit or note.

    NFKC, every space and line break removed, a trailing "※..." note and "*" dropped, and
    a trailing bracketed part split off: "予算額（千円）" → ("予算額", "千円"),
    "開催日" → ("開催日", None). "任期（年）" gives ("任期", "年"): a caller matching the
    spec's header "任期（年）" compares both forms. Blank → ("", None).
    """
    if is_blank(text):
        return "", None
    header = re.sub(r"[\s" + _ZERO_WIDTH + r"]+", "", _nfkc(normalize_text(text) or ""))
    note = header.find("※")
    if note > 0:
        header = header[:note]
    header = header.rstrip("*")
    unit = None
    match = _HEADER_UNIT.match(header)
    if match:
        header, unit = match.group(1).rstrip("*"), match.group(2) or None
    return header, unit


# ---------------------------------------------------------------- dates

_ERA_LETTERS = {"令": "R", "平": "H", "昭": "S", "大": "T"}
_ERA = r"(?P<era>令和|平成|昭和|大正|[令平昭大]|[RHSTrhst])"
_WAREKI_DATE = re.compile(
    _ERA + r"\s*(?P<y>\d{1,2}|元)\s*(?:年|[./-])\s*(?P<m>\d{1,2})\s*(?:月|[./-])\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*日?"
)
_WESTERN_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:年|[./-])\s*(?P<m>\d{1,2})\s*(?:月|[./-])\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
_COMPACT_DATE = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_DAY_NAME = r"(?:[月火水木金土日](?:曜日?)?|祝日?|休日?)"
_WEEKDAY = re.compile(r"\s*\(\s*" + _DAY_NAME + r"(?:\s*[・,、]\s*" + _DAY_NAME + r")*\s*\)")
# What may follow a date in a date cell: a time, which parse_date ignores.
_TIMEISH = re.compile(r"(?:T\d|午前|午後|正午|\d{1,2}\s*[:時])")
_RANGE_SEP = re.compile(r"\s*(?:[~〜\-ー–—―−]|から)\s*")
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})\s*(?:月|[./-])\s*(?P<d>\d{1,2})(?!\d)\s*日?")

_EXCEL_1900 = dt.datetime(1899, 12, 30)
_EXCEL_1904 = dt.datetime(1904, 1, 1)


def _era_key(era: str) -> str:
    return _ERA_LETTERS.get(era, era)


def _in_range(date: dt.date, value: Any) -> dt.date:
    if not MIN_DATE <= date <= MAX_DATE:
        raise ValueProblem("invalid-date", value)
    return date


def _match_date(text: str, value: Any) -> tuple[dt.date, str] | None:
    """A date at the start of normalised ``text`` and what follows it (weekday removed)."""
    for pattern in (_WAREKI_DATE, _WESTERN_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            break
    else:
        return None
    parts = match.groupdict()
    month, day = int(parts["m"]), int(parts["d"])
    try:
        if "era" in parts:
            year = 1 if parts["y"] == "元" else int(parts["y"])
            date = wareki.from_wareki(_era_key(parts["era"]), year, month, day)
        else:
            date = dt.date(int(parts["y"]), month, day)
    except ValueError:
        # 令和5年2月30日, 2023/13/1, and era dates outside their era (平成31年5月1日:
        # 平成 ended on 4月30日) do not exist; staff are told so rather than guessed for.
        raise ValueProblem("nonexistent-date", value) from None
    rest = text[match.end():]
    weekday = _WEEKDAY.match(rest)
    if weekday:
        rest = rest[weekday.end():]
    return _in_range(date, value), _strip(rest)


def excel_serial_to_datetime(serial: float | int | Decimal, *, date1904: bool = False) -> dt.datetime:
    """The date and time an Excel serial number stands for (to the nearest second).

    The 1900 system counts 1900-01-01 as 1 and has Excel's fictitious 1900-02-29 as 60
    (a ValueError here); ``date1904`` workbooks count from 1904-01-01 as 0.
    Raises ValueError for negative, non-finite or too large numbers.
    """
    number = _decimal(serial)
    if number is None or number < 0:
        raise ValueError(f"not an Excel serial number: {serial!r}")
    days = int(number)  # floor, since number >= 0
    seconds = int(((number - days) * 86400).to_integral_value())
    if not date1904:
        if days == 60:
            raise ValueError("Excel serial 60 is 1900-02-29, a date that does not exist")
        if days < 60:
            days += 1  # before the fictitious leap day Excel is one day ahead
        base = _EXCEL_1900
    else:
        base = _EXCEL_1904
    try:
        return base + dt.timedelta(days=days, seconds=seconds)
    except OverflowError:
        raise ValueError(f"Excel serial out of range: {serial!r}") from None


def _serial_date(value: Any, date1904: bool) -> dt.datetime:
    number = _decimal(value)
    whole = _whole(number) if number is not None else None
    # 20221114 typed as a number in a date column means a date, not a serial.
    if whole is not None and 19000101 <= whole <= 21001231:
        found = _match_date(str(whole), value)
        if found:
            return dt.datetime.combine(found[0], dt.time(0))
    try:
        stamp = excel_serial_to_datetime(value, date1904=date1904)
    except ValueError as error:
        code = "nonexistent-date" if "1900-02-29" in str(error) else "invalid-date"
        raise ValueProblem(code, value) from None
    _in_range(stamp.date(), value)
    return stamp


def parse_date(value: Any, *, date1904: bool = False) -> dt.date:
    """A date cell as ``datetime.date``.

    Accepts real dates (a datetime loses its time), Excel serial numbers (1900 or 1904
    system), 8-digit numbers (20221114), and text: 和暦 (令和5年4月1日, 令和元年5月1日,
    R5.4.1, R05/04/01, H31.4.30, 令5.4.1), "2022.11.14", "2022/11/14", "2022-11-14",
    "2022年11月14日", full-width digits, a weekday in brackets ("(月)", "（月・祝）"), and
    a trailing time, which is ignored here (see :func:`parse_date_time`).

    Raises ValueProblem: "nonexistent-date" for a date the calendar lacks (令和5年2月30日,
    and an era date outside its era: 平成31年5月1日, 令和元年4月30日); "invalid-date"
    for anything else, blank included, and for dates outside 1912-07-30..2100-12-31.
    """
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, dt.date):
        return _in_range(value, value)
    if _is_number(value):
        return _serial_date(value, date1904).date()
    if not isinstance(value, str):
        raise ValueProblem("invalid-date", value)
    found = _match_date(_clean(value), value)
    if found is None:
        raise ValueProblem("invalid-date", value)
    date, rest = found
    if rest and not _TIMEISH.match(rest):
        raise ValueProblem("invalid-date", value)
    return date


def parse_date_range(value: Any) -> tuple[dt.date, dt.date | None]:
    """A period cell (実施時期, 任期) as (start, end); end is None when not given.

    "2022.11.14 ～ 2023.2.28", "令和5年4月1日～令和7年3月31日", separators ～ 〜 ~ - ー – —
    or から (a "-" inside an ISO date is part of the date). The end may leave out the year
    ("令和5年4月1日～9月30日": the start's year). A single date gives (date, None).
    Raises ValueProblem: date codes as :func:`parse_date`, "end-before-start".
    """
    if not isinstance(value, str):
        return parse_date(value), None
    found = _match_date(_clean(value), value)
    if found is None:
        raise ValueProblem("invalid-date", value)
    start, rest = found
    if not rest:
        return start, None
    separator = _RANGE_SEP.match(rest)
    if not separator:
        raise ValueProblem("invalid-date", value)
    rest = _strip(rest[separator.end():].removesuffix("まで"))
    if not rest:
        return start, None
    found = _match_date(rest, value)
    if found is None:
        month_day = _MONTH_DAY.match(rest)
        if not month_day:
            raise ValueProblem("invalid-date", value)
        try:
            end = dt.date(start.year, int(month_day["m"]), int(month_day["d"]))
        except ValueError:
            raise ValueProblem("nonexistent-date", value) from None
        tail = rest[month_day.end():]
        weekday = _WEEKDAY.match(tail)
        found = end, _strip(tail[weekday.end():] if weekday else tail)
    end, tail = found
    if tail:
        raise ValueProblem("invalid-date", value)
    if end < start:
        raise ValueProblem(
            "end-before-start", value, start=wareki.format_date(start), end=wareki.format_date(end)
        )
    return start, end


# ---------------------------------------------------------------- times

_TIME = re.compile(
    r"(?P<mer>午前|午後)?\s*(?P<h>\d{1,2})\s*"
    r"(?:時\s*(?:(?P<m>\d{1,2})\s*分|(?P<half>半))?|:\s*(?P<m2>\d{2})(?::(?P<s>\d{2}))?)"
)
_NOON = re.compile(r"正午|正子")
_TIME_SUFFIX = re.compile(r"\s*(?:から|より|頃|ごろ|まで|開始|終了)?\s*")


def _match_time(text: str, value: Any, inherited: str | None = None) -> tuple[dt.time, str | None, str]:
    """A time at the start of ``text``: (time, 午前/午後 written or None, the rest).

    ``inherited`` is the start's 午前/午後 when reading a range's end ("午後2時～3時30分").
    """
    noon = _NOON.match(text)
    if noon:
        found = dt.time(12) if noon.group() == "正午" else dt.time(0)
        return found, None, text[noon.end():]
    match = _TIME.match(text)
    if not match:
        raise ValueProblem("invalid-time", value)
    meridiem = match["mer"]
    hour = int(match["h"])
    minute = 30 if match["half"] else int(match["m"] or match["m2"] or 0)
    second = int(match["s"] or 0)
    if meridiem == "午前":
        # 午前12時 is noon (明治5年太政官達第337号); 午前12時30分 exists in no convention.
        if hour > 12 or (hour == 12 and (minute or second)):
            raise ValueProblem("invalid-time", value)
    elif meridiem == "午後":
        # 午後12時 is read as noon by some and midnight by others: ask for 正午 / 午前0時.
        if hour >= 12:
            raise ValueProblem("invalid-time", value)
        hour += 12
    elif inherited == "午後" and hour < 12:
        hour += 12
    if hour > 23 or minute > 59 or second > 59:
        raise ValueProblem("invalid-time", value)
    return dt.time(hour, minute, second), meridiem or inherited, text[match.end():]


def _time_from_number(value: Any) -> dt.time:
    number = _decimal(value)
    if number is None or not 0 <= number < 1:
        raise ValueProblem("invalid-time", value)
    seconds = int((number * 86400).to_integral_value())
    if seconds >= 86400:
        raise ValueProblem("invalid-time", value)
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def parse_time(value: Any) -> dt.time:
    """A time cell as ``datetime.time``.

    Accepts a time, a datetime (its time), a duration under a day (calamine's timedelta),
    a day fraction (0.5833… = 14:00), and text: "14:00", "14時", "14時30分", "14時半",
    "午後2時", "午後2時30分", "午前10時", "正午", with an optional から / より / 頃.
    "午前12時" is noon (明治5年太政官達第337号); "午後12時" is refused as ambiguous.
    Raises ValueProblem("invalid-time").
    """
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.timedelta):
        if not dt.timedelta(0) <= value < dt.timedelta(days=1):
            raise ValueProblem("invalid-time", value)
        return (dt.datetime.min + value).time()
    if _is_number(value):
        return _time_from_number(value)
    if not isinstance(value, str):
        raise ValueProblem("invalid-time", value)
    found, _, rest = _match_time(_clean(value), value)
    if _TIME_SUFFIX.fullmatch(rest) is None:
        raise ValueProblem("invalid-time", value)
    return found


def _time_range_text(text: str, value: Any) -> tuple[dt.time, dt.time | None]:
    start, meridiem, rest = _match_time(text, value)
    rest = _strip(rest)
    if not rest or _TIME_SUFFIX.fullmatch(rest):
        return start, None
    separator = _RANGE_SEP.match(rest)
    if not separator:
        raise ValueProblem("invalid-time", value)
    rest = _strip(rest[separator.end():])
    if not rest:
        return start, None
    end, _, tail = _match_time(rest, value, inherited=meridiem)
    if _TIME_SUFFIX.fullmatch(tail) is None:
        raise ValueProblem("invalid-time", value)
    if end < start:
        raise ValueProblem(
            "end-before-start", value, start=wareki.format_time(start), end=wareki.format_time(end)
        )
    return start, end


def parse_time_range(value: Any) -> tuple[dt.time, dt.time | None]:
    """A 時間 cell as (start, end): "14:00～15:30", "午後2時～午後3時30分", "午後2時～3時".

    An end without 午前/午後 takes the start's. A single time gives (time, None).
    Raises ValueProblem: "invalid-time", "end-before-start".
    """
    if not isinstance(value, str):
        return parse_time(value), None
    return _time_range_text(_clean(value), value)


def parse_date_time(value: Any, *, date1904: bool = False) -> tuple[dt.date, dt.time | None, dt.time | None]:
    """A 開催日時 cell as (date, start, end): "令和5年6月12日(月) 14:00～15:30".

    A date alone gives (date, None, None); a datetime or a serial with a fraction gives its
    time as the start (midnight means no time).
    Raises ValueProblem: the codes of :func:`parse_date` and :func:`parse_time_range`.
    """
    if _is_number(value):
        stamp = _serial_date(value, date1904)
    elif isinstance(value, dt.datetime):
        stamp = value
        _in_range(stamp.date(), value)
    elif not isinstance(value, str):
        return parse_date(value), None, None
    else:
        found = _match_date(_clean(value), value)
        if found is None:
            raise ValueProblem("invalid-date", value)
        date, rest = found
        if not rest:
            return date, None, None
        start, end = _time_range_text(_strip(rest.removeprefix("T")), value)
        return date, start, end
    start = stamp.time() if stamp.time() != dt.time(0) else None
    return stamp.date(), start, None


# ---------------------------------------------------------------- numbers and money

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_INT_TEXT = re.compile(
    r"(?P<per>年|毎年|月|毎月|第)?(?P<n>[+-]?[\d,]+(?:\.\d+)?|[〇一二三四五六七八九十]+)"
    r"(?P<unit>回|人|名|件|号|か所|カ所|ヶ所|箇所|団体|年|日|か月|ヶ月|カ月)?"
)


def _kanji_number(text: str) -> int | None:
    """一..九十九 written in kanji (三, 十二, 二十三), else None."""
    if "十" not in text:
        return _KANJI_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def parse_int(value: Any) -> int | None:
    """A count cell as ``int``, or None when blank or not fixed (随時, 未定, 適宜).

    Accepts 4, 4.0, "４", "4,000", and counted text: "年4回" / "年４回" → 4, "第3回" → 3,
    "第三回" → 3, "3人", "3件", "3名", "2年". "月1回" / "毎月1回" → 12 (a yearly frequency).
    Raises ValueProblem("invalid-number") for fractions (4.5), booleans and other text.
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT:
        return int(value)
    if is_blank(value):
        return None
    if _is_number(value):
        number = _decimal(value)
        whole = _whole(number) if number is not None else None
        if whole is None:
            raise ValueProblem("invalid-number", value)
        return whole
    if not isinstance(value, str):
        raise ValueProblem("invalid-number", value)
    text = re.sub(r"\s+", "", _clean(value))
    if text in NO_NUMBER_WORDS:
        return None
    match = _INT_TEXT.fullmatch(text)
    if not match:
        raise ValueProblem("invalid-number", value)
    digits = match["n"]
    if digits[0] in _KANJI_DIGITS or digits[0] == "十":
        number = _kanji_number(digits)
    elif re.fullmatch(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", digits):
        number = _whole(Decimal(digits.replace(",", "")))
    else:
        raise ValueProblem("invalid-number", value)
    if number is None:
        raise ValueProblem("invalid-number", value)
    if match["per"] in ("月", "毎月"):
        if match["unit"] != "回":
            raise ValueProblem("invalid-number", value)
        return number * 12
    return number


_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NEGATIVE_SIGNS = "-△▲−"
_AMOUNT_UNITS = (("千円", 1000), ("万円", 10000), ("円", None))


_PLAIN_YEN = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)円?")


def parse_yen(value: Any, *, multiplier: int = 1) -> int | None:
    """An amount cell as integer yen; None when blank (not fixed — never 0).

    Accepts numbers (3454000.0, Decimal) and text: "3,454,000円", "¥3,454,000",
    "￥3,454,000", "\\\\3,454,000" (a yen sign as cp932 decodes it), "3454000",
    "(3,454,000)" (the seed's bracketed amount: positive), full-width digits and commas;
    "△1,000", "▲1,000" and "-1,000" are negative. ``multiplier`` is the column's unit
    (1,000 in a 千円 column: 3454 → 3,454,000, 1.5 → 1,500); a cell's own "千円" or
    "万円" replaces it. The arithmetic is Decimal: a float never holds money.
    Raises ValueProblem: "fractional-amount" (a fraction of a yen remains),
    "invalid-amount" (text, booleans, bad digit grouping such as "3,45,000", and amounts
    of 1,000兆円 (10**15) or more, which no ledger of a city holds: a typing slip).
    """
    amount = _yen(value, multiplier)
    if amount is not None and not -MAX_YEN < amount < MAX_YEN:
        raise ValueProblem("invalid-amount", value)
    return amount


# Amounts at or beyond this are refused (the state's whole budget is about 10**14 yen).
MAX_YEN = 10**15


def _yen(value: Any, multiplier: int) -> int | None:
    if type(value) is str:
        # The common typed form ("80,000円", "3454000") needs neither NFKC nor Decimal.
        plain = _PLAIN_YEN.fullmatch(value.strip())
        if plain:
            return int(plain.group(1).replace(",", "")) * multiplier
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("invalid-amount", value)
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT:
        return int(value) * multiplier  # exact: the same as going through Decimal(str(value))
    if _is_number(value):
        number = _decimal(value)
        if number is None:
            raise ValueProblem("invalid-amount", value)
    elif isinstance(value, str):
        number, multiplier = _amount_text(value, multiplier)
    else:
        raise ValueProblem("invalid-amount", value)
    amount = _whole(number * multiplier)
    if amount is None:
        raise ValueProblem("fractional-amount", value)
    return amount


def _amount_text(value: str, multiplier: int) -> tuple[Decimal, int]:
    text = re.sub(r"\s+", "", _clean(value))
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    negative = False
    while text and text[0] in _NEGATIVE_SIGNS + "¥\\":
        if text[0] in _NEGATIVE_SIGNS:
            if negative:
                raise ValueProblem("invalid-amount", value)
            negative = True
        elif text[1:2] in ("¥", "\\"):
            raise ValueProblem("invalid-amount", value)
        text = text[1:]
    for unit, unit_multiplier in _AMOUNT_UNITS:
        if text.endswith(unit):
            text = text[: -len(unit)]
            multiplier = unit_multiplier or multiplier
            break
    if not _AMOUNT.fullmatch(text):
        raise ValueProblem("invalid-amount", value)
    number = Decimal(text.replace(",", ""))
    return (-number if negative else number), multiplier


_LABEL_BRACKETED = re.compile(r"(?P<label>.*?)\s*\((?P<amount>[^()]*)\)")
_LABEL_TRAILING = re.compile(r"(?P<label>.*?\S)\s+(?P<amount>[¥\\△▲-]?[\d,]+(?:千円|万円|円))")
_LOOKS_LIKE_AMOUNT = re.compile(r"[\s\d,.¥\\△▲\-−円千万]*\d[\s\d,.¥\\△▲\-−円千万]*")


def split_amount_label(value: Any, *, multiplier: int = 1) -> tuple[str | None, int | None]:
    """A "発注先 (予算配分)" cell as (label, yen).

    "サーベイリサーチセンター (3,454,000)" → ("サーベイリサーチセンター", 3454000);
    "(5,454,000)" → (None, 5454000); "NTTデータ経営研究所" → ("NTTデータ経営研究所", None);
    "○○ 3,454,000円" → ("○○", 3454000); a bracket that holds no amount stays in the label
    ("△△株式会社 (東京)"). Blank → (None, None).
    Raises ValueProblem as :func:`parse_yen` when the bracket holds a malformed amount.
    """
    if is_blank(value):
        return None, None
    if _is_number(value) or isinstance(value, bool):
        return None, parse_yen(value, multiplier=multiplier)
    text = normalize_text(value) or ""
    for pattern in (_LABEL_BRACKETED, _LABEL_TRAILING):
        match = pattern.fullmatch(text)
        if match and _LOOKS_LIKE_AMOUNT.fullmatch(match["amount"]):
            try:
                amount = parse_yen(match["amount"], multiplier=multiplier)
            except ValueProblem as problem:
                raise ValueProblem(problem.code, value, **problem.details) from None
            return (_strip(match["label"]) or None), amount
    if _LOOKS_LIKE_AMOUNT.fullmatch(text):
        return None, parse_yen(text, multiplier=multiplier)
    return text, None


# ---------------------------------------------------------------- fiscal years, codes, lists

_FY_ERA = re.compile(_ERA + r"(?P<y>\d{1,2}|元)(?:年度|年)?")
_FY_WESTERN = re.compile(r"(?:FY)?(?P<y>\d{4})(?:年度|年)?", re.IGNORECASE)
_FY_BRACKETED = re.compile(r"(?P<a>[^()]+)\((?P<b>[^()]+)\)(?P<tail>年度|年)?")


def _fiscal_year_text(text: str) -> int | None:
    match = _FY_WESTERN.fullmatch(text)
    if match:
        year = int(match["y"])
        return year if MIN_DATE.year <= year <= MAX_DATE.year else None
    match = _FY_ERA.fullmatch(text)
    if not match:
        return None
    era = wareki.era_by_name(_era_key(match["era"]))
    era_year = 1 if match["y"] == "元" else int(match["y"])
    year = era.start.year + era_year - 1
    following = wareki.ERAS.index(era) - 1
    # 平成31年度 (FY2019, named before the change) exists; 平成32年度 does not.
    if era_year < 1 or (following >= 0 and year > wareki.ERAS[following].start.year):
        return None
    return year


def parse_fiscal_year(value: Any) -> int:
    """A 年度 cell as the Western year the fiscal year starts in.

    "令和4年度", "R4", "R4年度", "令和4年", "2022年度", "2022", "FY2022", 2022, 2022.0 → 2022;
    "令和元年度" → 2019; "平成30年度", "H30" → 2018; "令和4(2022)年度" when both agree.
    A date (a cell shown with a 年度 format) gives its calendar year, as displayed.
    Raises ValueProblem("invalid-fiscal-year").
    """
    year: int | None = None
    if isinstance(value, dt.date):  # a datetime too
        year = value.year
    elif _is_number(value):
        number = _decimal(value)
        year = _whole(number) if number is not None else None
    elif isinstance(value, str):
        text = re.sub(r"\s+", "", _clean(value))
        year = _fiscal_year_text(text)
        bracketed = _FY_BRACKETED.fullmatch(text) if year is None else None
        if bracketed:
            tail = bracketed["tail"] or ""
            first = _fiscal_year_text(bracketed["a"] + tail)
            second = _fiscal_year_text(bracketed["b"] + tail) or _fiscal_year_text(bracketed["b"])
            year = first if first is not None and first == second else None
    if year is None or not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValueProblem("invalid-fiscal-year", value)
    return year


_HYPHENS = re.compile(r"[-ー‐−–—―]")


def parse_postal_code(value: Any) -> str:
    """A 郵便番号 cell as "723-0000": from "7230000", 7230000, "〒723-0000", "７２３－００００".

    A number that lost its leading zero in Excel (600000) is padded back ("060-0000").
    Raises ValueProblem("invalid-postal-code") unless exactly seven digits remain.
    """
    if _is_number(value):
        number = _decimal(value)
        whole = _whole(number) if number is not None else None
        if whole is None or not 10000 <= whole <= 9999999:
            raise ValueProblem("invalid-postal-code", value)
        digits = f"{whole:07d}"
    elif isinstance(value, str):
        text = _HYPHENS.sub("-", re.sub(r"\s+", "", _clean(value)).removeprefix("〒"))
        match = re.fullmatch(r"(\d{3})-?(\d{4})", text)
        if not match:
            raise ValueProblem("invalid-postal-code", value)
        digits = match[1] + match[2]
    else:
        raise ValueProblem("invalid-postal-code", value)
    return f"{digits[:3]}-{digits[3:]}"


def split_list(value: Any) -> list[str]:
    """A list cell (分野) as items: split on 、 , ; ・ / and line breaks, trimmed, empties dropped."""
    text = normalize_text(value)
    if text is None:
        return []
    return [item for item in (_strip(part) for part in re.split(r"[、,;・/\n]", text)) if item]


def _typed_length(typed: str, normalized_length: int) -> int:
    """How many characters of ``typed`` make the first ``normalized_length`` after NFKC."""
    for end in range(len(typed) + 1):
        if len(_nfkc(typed[:end])) >= normalized_length:
            return end
    return len(typed)


def _is_circled_number(char: str) -> bool:
    code = ord(char)
    return (
        0x2460 <= code <= 0x2473  # ①..⑳
        or 0x24EA <= code <= 0x24FF  # ⓪, ⓫..⓴, ⓵..⓾, ⓿
        or 0x2776 <= code <= 0x2793  # ❶..❿, ➀..➉, ➊..➓
        or 0x3251 <= code <= 0x325F  # ㉑..㉟
        or 0x32B1 <= code <= 0x32BF  # ㊱..㊿
    )


_AGENDA_NUMBERING = re.compile(
    r"(?:\(\s*(?:\d{1,3}|[〇一二三四五六七八九十]+|[a-zA-Zア-ン])\s*\)"  # (1) (一) (a) (ア)
    r"|(?:\d{1,3}|[〇一二三四五六七八九十]+|[a-zA-Z])\s*[.)、](?!\d)"  # 1. 1) 一、 a.
    r"|\d{1,3}\s+(?=\S)"  # "1 開会"
    r"|[・●■□◆◇▪])\s*"  # bullets (not ○: "○○部会" is a placeholder name)
)


def parse_agenda(value: Any) -> list[str]:
    """A 議題 cell as items: one per line, leading numbering stripped, empty lines dropped.

    The items themselves are kept as typed (only the numbering is read after NFKC).

    Numbering: "1.", "１．", "1)", "(1)", "（１）", "①".."⑳" (and ㉑..㊿), "一、", "(一)",
    "(ア)", and bullets "・", "●".
    """
    if is_blank(value):
        return []
    text = value if isinstance(value, str) else (normalize_text(value) or "")
    items = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _strip(line)
        # Circled numbers first: NFKC would turn "①" into a bare "1".
        if line and _is_circled_number(line[0]):
            line = line[1:]
        else:
            numbering = _AGENDA_NUMBERING.match(_nfkc(line))
            if numbering:
                line = line[_typed_length(line, numbering.end()):]
        # The item itself stays as typed: its （）and ～ are official Japanese.
        line = _strip(line)
        if line:
            items.append(line)
    return items


_TRUE_MARKS = frozenset({"○", "〇", "◯", "◎", "有", "有り", "あり", "✓", "✔", "レ", "はい", "true", "yes", "1"})
_FALSE_MARKS = frozenset(
    {"×", "✕", "☓", "✗", "✘", "x", "無", "無し", "なし", "いいえ", "-", "ー", "―", "—", "‐", "−", "false", "no", "0"}
)


def parse_mark(value: Any) -> bool | None:
    """A ○/× cell (守秘義務, 公開) as bool; None when blank.

    True: ○ 〇 ◯ ◎ 有 あり ✓ ✔ レ はい TRUE 1; False: × ✕ 無 なし いいえ － - FALSE 0.
    Raises ValueProblem("invalid-choice", choices="○ / ×") for anything else.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if _is_number(value):
        text = normalize_text(value) or ""
    elif isinstance(value, str):
        text = re.sub(r"\s+", "", _clean(value)).lower()
    else:
        text = ""
    if text in _TRUE_MARKS:
        return True
    if text in _FALSE_MARKS:
        return False
    raise ValueProblem("invalid-choice", value, choices="○ / ×")
