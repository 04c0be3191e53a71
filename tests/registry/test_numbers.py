"""Certificate numbers as people type them (Л.4.1: ХП and five digits)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.queries import normalize_number, parse_query

X = ["Х", "х", "X", "x", "Ｘ", "ｘ"]  # Cyrillic, Latin, full-width
P = ["П", "п", "P", "p", "Р", "р", "Ｐ", "ｐ"]  # Cyrillic Pe, Latin P, Cyrillic Er, full-width
SEPARATORS = [" ", ".", "-", "–", "—", "\u00a0", "№", "．"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def spellings(draw) -> tuple[int, str]:
    value = draw(st.integers(min_value=1, max_value=99_999))
    digits = str(value).zfill(draw(st.integers(min_value=0, max_value=7)))
    digits = "".join(
        d.translate(FULL_WIDTH) if draw(st.booleans()) else d for d in digits
    )  # full-width digits, some or all
    prefix = draw(st.one_of(st.just(""), st.tuples(st.sampled_from(X), st.sampled_from(P))))
    separators = st.lists(st.sampled_from(SEPARATORS), max_size=3).map("".join)
    text = "".join(prefix) + draw(separators) + digits
    return value, draw(st.sampled_from(["", " ", "  "])) + text + draw(separators)


@settings(max_examples=10_000, deadline=None)
@given(spellings())
def test_every_spelling_of_a_number_resolves_to_it(spelling):
    value, text = spelling
    assert normalize_number(text) == f"ХП.{value:05d}"


@pytest.mark.parametrize("text", ["XP.00001", "хп 1", "ХП-00001", "xp1", "ХП.00001", "１"])
def test_the_spellings_of_the_issue_find_the_first_certificate(text):
    assert normalize_number(text) == "ХП.00001"


@pytest.mark.parametrize("text", ["", "ХП", "ХП.00000", "ХП.100000", "ХА.00001", "ХП.1a", "1 2"])
def test_what_is_not_a_number_is_not_normalized(text):
    assert normalize_number(text) is None


@settings(max_examples=2_000, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_canonical_number_or_none(text):
    number = normalize_number(text)
    assert number is None or (len(number) == 8 and number.startswith("ХП."))


@settings(max_examples=2_000, deadline=None)
@given(st.text(max_size=300))
def test_any_query_parses_without_raising(text):
    query = parse_query(text)
    assert query.is_empty or bool(query.number) + bool(query.text) + bool(query.error) == 1


def test_a_short_text_gets_a_message_not_a_search():
    query = parse_query("ка")
    assert query.error and not query.text


@pytest.mark.parametrize(
    ("text", "expected"), [("ХП.00000", None), ("ХП.٠٠٠٠١", "ХП.00001"), ("ХП.00001 ", "ХП.00001")]
)
def test_the_canonical_shortcut_takes_only_canonical_numbers(text, expected):
    assert normalize_number(text) == expected
