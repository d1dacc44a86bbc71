"""The seed index behind fuzzy re-anchoring: scanning and the built index agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchor_index import MAX_HITS, SEED_CHARS, SeedIndex, is_word_start

# Few distinct words, so that seeds repeat and some exceed MAX_HITS.
WORDS = st.sampled_from(["the", "US", "balloon", "Wang", "met", "with", "China’s", "—", "said."])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "  "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Word sequences with varied white space."""
    words = draw(st.lists(WORDS, min_size=0, max_size=400))
    return "".join(word + draw(SEPARATORS) for word in words)


def built(text: str) -> SeedIndex:
    """An index that has already built its table."""
    index = SeedIndex(text)
    while index._index is None:  # look-ups past the threshold build it
        index.hits("x" * SEED_CHARS)
    return index


def word_starts_with(text: str, seed: str) -> list[int]:
    """Every word start where ``seed`` begins, by checking each position."""
    return [
        p
        for p in range(len(text))
        if text.startswith(seed, p) and not text[p].isspace() and (p == 0 or text[p - 1].isspace())
    ]


def capped(found: list[int]) -> list[int] | None:
    return None if len(found) > MAX_HITS else found


@settings(max_examples=60, deadline=None)
@given(text=texts(), data=st.data())
def test_scan_and_index_give_the_brute_force_answer(text: str, data: st.DataObject) -> None:
    starts = [p for p in range(len(text)) if is_word_start(text, p)]
    seeds = {text[p : p + SEED_CHARS] for p in starts if p + SEED_CHARS <= len(text)}
    seeds.add("not in the text!")
    index = built(text)
    low = data.draw(st.integers(0, len(text)))
    high = data.draw(st.integers(low, len(text)))
    for seed in sorted(seeds):
        everywhere = word_starts_with(text, seed)
        assert SeedIndex(text).hits(seed) == capped(everywhere)
        assert index.hits(seed) == capped(everywhere)
        in_range = [p for p in everywhere if low <= p and p + SEED_CHARS <= high]
        assert SeedIndex(text).hits(seed, low, high) == capped(in_range)


@settings(max_examples=60, deadline=None)
@given(text=texts(), data=st.data())
def test_occurrences_from_the_index_are_complete(text: str, data: st.DataObject) -> None:
    assert SeedIndex(text).occurrences("anything at all here") is None  # not built yet
    index = built(text)
    start = data.draw(st.integers(0, len(text)))
    exact = text[start : data.draw(st.integers(start, len(text)))]
    found = index.occurrences(exact)
    if found is not None:
        assert found == [p for p in range(len(text)) if text.startswith(exact, p)]


def test_a_seed_must_have_the_seed_length() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        SeedIndex("some text").hits("short")
