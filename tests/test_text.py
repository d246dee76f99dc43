"""Terminal text wrapping: lines fit, web addresses are never cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hsm_knowledge._text import URL, is_reference, wrap

WORDS = st.text(alphabet="abcdefghij-,.:", min_size=1, max_size=30)
URLS = st.builds(
    lambda scheme, host, path, around: around.replace(
        "URL", f"{scheme}{host}.org/{path}"
    ),
    st.sampled_from(["https://", "http://", "HTTPS://"]),
    st.text(alphabet="abcdefghij", min_size=1, max_size=12),
    st.text(alphabet="abcdefghij-/", max_size=50),
    # what is written against an address: brackets, quotes, punctuation
    st.sampled_from(["URL", "(URL)", "<URL>", '"URL",', "URL."]),
)
REFS = st.builds(
    lambda kind, words: f"{kind}:{'-'.join(words)}",
    st.sampled_from(["skill", "technology-skill", "descriptor"]),
    st.lists(st.text(alphabet="abcdefghij0123", min_size=1, max_size=12), min_size=1),
)


@given(
    parts=st.lists(st.one_of(WORDS, URLS, REFS), max_size=20),
    width=st.integers(min_value=10, max_value=60),
)
def test_lines_fit_and_web_addresses_stay_whole(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    lines = wrap(text, width)
    # nothing but spaces is lost or added
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # a longer line is one address, with what is written against it
        assert len(line) <= width or (
            line in parts and (URL.search(line) or is_reference(line))
        ), line
    for part in parts:
        if URL.search(part) or is_reference(part):
            assert part in lines or any(part in line.split(" ") for line in lines)


def test_indents_and_an_empty_text() -> None:
    text = "a b https://example.org/a-very-long-address-that-does-not-fit c"
    assert wrap(text, 20, "- ", "  ") == [
        "- a b",
        "  https://example.org/a-very-long-address-that-does-not-fit",
        "  c",
    ]
    assert wrap("", 20, "  - ") == ["  -"]
    text = "See the licence (https://creativecommons.org/licenses/by/4.0/legalcode)."
    assert wrap(text, 30) == [
        "See the licence",
        "(https://creativecommons.org/licenses/by/4.0/legalcode).",
    ]
    assert wrap("abcdefghijklmnopqrstuvwxyz", 10) == [
        "abcdefghij",
        "klmnopqrst",
        "uvwxyz",
    ]


def test_only_references_of_known_kinds_stay_whole() -> None:
    assert wrap("see (technology-skill:a-very-long-id-indeed), then", 20) == [
        "see",
        "(technology-skill:a-very-long-id-indeed),",
        "then",
    ]
    # text with a colon that is no reference is cut like any long word
    for text in [
        "www.example.com:8080/a/very/long/path",
        "key:value;other:thing;third:one",
        "note:this-is-long-text-that-goes-on",
    ]:
        assert all(len(line) <= 20 for line in wrap(text, 20)), text
