"""The bulk converters give exactly what the cell-by-cell converters give.

A column of ids or amounts is converted in bulk for the plain forms; every value the
bulk path takes must read the same as through ``values``' own rules.
"""

from __future__ import annotations

from hypothesis import given, strategies as st

from mihara_sheets import values
from mihara_sheets.ledger.columns import ascii_ids, plain_amounts

AMOUNT_TEXT = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f" {n:,}円 "),
    st.text(alphabet="0123456789,円 △▲-¥￥０１２３４５６７８９，()千万.\u3000", max_size=14),
)
AMOUNT_CELL = st.one_of(
    AMOUNT_TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15).map(float),
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
