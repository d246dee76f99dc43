"""How messages quote the values they are about."""

from __future__ import annotations

import ast

from hypothesis import given
from hypothesis import strategies as st

from hsm_knowledge._errors import quote

# values a user may pass where the library names them in a message
VALUES = st.recursive(
    st.text() | st.integers() | st.floats() | st.none() | st.binary(),
    lambda inner: (
        st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner)
    ),
    max_leaves=20,
)


@given(st.text())
def test_a_text_is_quoted_whole_or_cut_to_fit(text: str) -> None:
    quoted = quote(text)
    if len(repr(text)) <= 62:
        assert quoted == repr(text)
        return
    assert len(quoted) <= 62
    # what is kept is the start of the text, read back from the quote
    shown = ast.literal_eval(quoted)
    assert shown.endswith("...")
    assert text.startswith(shown[:-3])


@given(VALUES)
def test_any_value_is_quoted_short(value: object) -> None:
    assert len(quote(value)) <= 62


def test_values_too_long_to_write_are_described() -> None:
    assert quote(10**5000) == "an integer of more than 4,000 digits"
    assert quote([10**5000]) == "[<an integer of more than 4,000 digits>]"
    assert quote("\x00" * 100).endswith("...'")
    assert len(quote("\x00" * 100)) <= 62


def test_what_fits_is_shown_whole() -> None:
    # reprlib's own limits are not what cuts: the message's limit is
    assert quote(["Financial management and budgeting skills", 1]) == (
        "['Financial management and budgeting skills', 1]"
    )
    assert quote((1, 2, 3, 4, 5, 6, 7)) == "(1, 2, 3, 4, 5, 6, 7)"
    assert quote(10**45) == str(10**45)


@given(st.lists(st.text(alphabet="\\ab\x00", max_size=30), max_size=6))
def test_a_cut_never_splits_an_escape(items: list[str]) -> None:
    quoted = quote(items)
    if quoted.endswith("..."):
        kept = quoted[:-3]
        # an odd run of backslashes at the end would be half an escape
        run = len(kept) - len(kept.rstrip("\\"))
        assert run % 2 == 0, quoted
        assert not kept.endswith(("\\x", "\\x0"))


def test_bytes_are_cut_like_text() -> None:
    quoted = quote(b"\x00" * 100)
    assert len(quoted) <= 63
    assert quoted.startswith("b'\\x00")
    assert quoted.endswith("...'")
