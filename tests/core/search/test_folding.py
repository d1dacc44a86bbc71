"""Folding: case and accents never matter, and word offsets point into the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.search.folding import fold, nfc, word_spans, words


def test_case_accents_and_compatibility_forms_fold_away() -> None:
    assert fold("Zoë ÉCOLE Straße ﬁn") == "zoe ecole strasse fin"
    assert words("Zoë’s café-au-lait") == ["zoe", "s", "cafe", "au", "lait"]
    assert words("Zoe\u0308") == words("Zoë") == ["zoe"]


def test_word_spans_give_original_offsets() -> None:
    text = "Meet Zoë, ÉCOLE!"
    assert [(text[a:b], w) for a, b, w in word_spans(text)] == [
        ("Meet", "meet"),
        ("Zoë", "zoe"),
        ("ÉCOLE", "ecole"),
    ]


@given(st.text(max_size=60))
def test_fold_is_idempotent_and_words_agree_with_spans(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    composed = nfc(text)
    assert words(composed) == words(fold(composed))
    for start, end, _ in word_spans(composed):
        assert 0 <= start < end <= len(composed)
