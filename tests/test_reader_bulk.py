"""The bulk converters give exactly what the cell-by-cell converters give.

A column of ids or amounts is converted in bulk for the plain forms; every value the
bulk path takes must read the same as through ``values``' own rules.
"""

from __future__ import annotations

from hypothesis import given, strategies as st

from mihara_sheets import values
from mihara_sheets.ledger.fast_paths import ascii_ids, plain_amounts

AMOUNT_TEXT = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f" {n:,}円 "),
    st.integers(min_value=10**14, max_value=10**17).map(lambda n: f"{n:,}円"),  # near the limit
    st.text(alphabet="0123456789,円 △▲-¥￥０１２３４５６７８９，()千万.\u3000", max_size=14),
)
AMOUNT_CELL = st.one_of(
    AMOUNT_TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15).map(float),
    st.sampled_from([1e15, -1e15, 999_999_999_999_999.0, 1e12, 1e16]),
    st.just(2.0**53), st.just(-(2.0**53)), st.just(""),
)


def _parsed(value, multiplier):
    try:
        return values.parse_yen(value, multiplier=multiplier)
    except values.ValueProblem as problem:
        return problem.code


@given(st.sets(AMOUNT_CELL, max_size=12), st.sampled_from([1, 1000, 10000]))
def test_plain_amounts_read_as_parse_yen_reads_them(cells, multiplier):
    for value, amount in plain_amounts(cells, multiplier).items():
        assert type(amount) is int
        assert amount == _parsed(value, multiplier), value


def test_plain_amounts_leave_the_unusual_forms_to_parse_yen():
    cells = {"80,000円", "3454000", 120000.0, 1.5, "△1,000", "3,45,000", "８０，０００円", "", "1.5", float("nan")}
    assert plain_amounts(cells, 1) == {"80,000円": 80000, "3454000": 3454000, 120000.0: 120000}
    assert plain_amounts({"3,454", 12.0}, 1000) == {"3,454": 3454000, 12.0: 12000}
    assert plain_amounts({"0080", "1,000", "1000円", "1000円円", "100 円", "+100"}, 1) == {"0080": 80, "1,000": 1000, "1000円": 1000}


ID_CELL = st.one_of(
    st.text(alphabet="KPkp0123456789- _\r\n\t\u3000Ｋ０\u200b", max_size=8),
    st.from_regex(r"[A-Z][0-9]{2,5}", fullmatch=True),
)


@given(st.sets(ID_CELL, max_size=12))
def test_ascii_ids_read_as_normalize_text_reads_them(cells):
    for value, text in ascii_ids(cells).items():
        assert text == values.normalize_text(value), repr(value)


def test_ascii_ids_leave_full_width_blank_and_multi_line_cells_to_the_rules():
    assert ascii_ids({" K01 ", "Ｋ０１", "   ", "K\r\n1", 3.0, "P00012"}) == {" K01 ": "K01", "P00012": "P00012"}


@given(st.from_regex(r"[0-9,]{1,14}円?", fullmatch=True))
def test_plain_amounts_take_every_grouping_the_plain_rule_takes_and_no_other(text):
    taken = plain_amounts({text}, 1)
    if text in taken:
        assert taken[text] == values.parse_yen(text)
    plain_rule = values._PLAIN_YEN.fullmatch(text)
    assert (text in taken) == bool(plain_rule)


# Whole columns: converted at once when every cell is plain, else handed back (None).

from mihara_sheets.ledger.columns import (  # noqa: E402
    BLANK,
    _field_reader,
    is_blank_cell,
    plain_amount_column,
    plain_id_column,
    plain_text_column,
)
from mihara_sheets.ledger.convert import typed_text  # noqa: E402
from mihara_sheets.ledger.headers import Target  # noqa: E402
from mihara_sheets.ledger.spec import FieldSpec  # noqa: E402

TEXT_CELL = st.one_of(
    st.text(alphabet="三原太郎 \u3000\t\r\n\u200b\ufeffabc（）～", max_size=8),
    st.sampled_from(["", "  ", "三原 太郎", "社会福祉協議会\n地域福祉課"]),
    st.floats(allow_nan=True), st.none(),
)


def _one_by_one(convert, cells):
    """What converting cell by cell gives: BLANK for a blank, else the value or the code."""
    out = []
    for cell in cells:
        if is_blank_cell(cell):
            out.append(BLANK)
            continue
        try:
            value = convert(cell)
        except values.ValueProblem as problem:
            value = problem.code
        out.append(BLANK if value is None else value)
    return out


def _check_whole(done, expected):
    if done is None:
        return False
    converted, had_blank = done
    assert converted == expected
    assert list(map(type, converted)) == list(map(type, expected))
    assert had_blank == any(value is BLANK for value in expected)
    return True


@given(st.lists(AMOUNT_CELL, max_size=12), st.sampled_from([1, 1000]))
def test_a_plain_amount_column_reads_as_parse_yen_reads_each_cell(cells, multiplier):
    expected = _one_by_one(lambda cell: values.parse_yen(cell, multiplier=multiplier), cells)
    _check_whole(plain_amount_column(cells, multiplier), expected)


@given(st.lists(ID_CELL, max_size=12))
def test_a_plain_id_column_reads_as_normalize_text_reads_each_cell(cells):
    _check_whole(plain_id_column(cells), _one_by_one(values.normalize_text, cells))


@given(st.lists(TEXT_CELL, max_size=12))
def test_a_plain_text_column_reads_as_typed_text_reads_each_cell(cells):
    _check_whole(plain_text_column(cells), _one_by_one(typed_text, cells))


def test_whole_columns_take_the_plain_forms_and_hand_back_the_rest():
    assert plain_amount_column(["80,000円", 120000.0, "", " 3454000 ", "1,000"], 1) == (
        [80000, 120000, BLANK, 3454000, 1000], True)
    assert plain_amount_column([3454.0, "12"], 1000) == ([3454000, 12000], False)
    for odd in (["3,45,000"], [1.5], ["８０，０００円"], ["1\n2"], [True], ["△1,000"], [float("nan")]):
        assert plain_amount_column(["80,000円", 2.0, *odd], 1) is None, odd
    assert plain_id_column([" K01 ", "P00012", ""]) == (["K01", "P00012", BLANK], True)
    for odd in (["Ｋ０１"], [3.0], ["K\r\n1"], [None]):
        assert plain_id_column(["K01", *odd]) is None, odd
    assert plain_text_column([" 三原 太郎 ", "所属（課）"]) == (["三原 太郎", "所属（課）"], False)
    for odd in (["行1\r\n行2"], ["\u200b"], [4.0], [None]):
        assert plain_text_column(["三原", *odd]) is None, odd


MIXED_CELL = st.one_of(AMOUNT_CELL, ID_CELL, TEXT_CELL, st.booleans(), st.integers(-5, 5))


@given(st.lists(MIXED_CELL, max_size=16), st.sampled_from(["yen", "id", "text", "council"]))
def test_a_column_reads_as_its_cells_read_one_by_one(cells, kind):
    """Whichever way convert_all takes (whole column, distinct values, cell by cell), each
    cell reads as the field's own converter reads it."""
    spec = FieldSpec("f", ("f",), kind)
    reader = _field_reader(0, Target("field", "f"), "f", spec, 1)
    got = [value.code if isinstance(value, values.ValueProblem) else value for value in reader.convert_all(cells)]
    assert got == _one_by_one(reader.convert_one, cells)
    assert list(map(type, got)) == list(map(type, _one_by_one(reader.convert_one, cells)))
