"""Snippets: around the first match, marked, cut at word boundaries, one line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search import Term
from reader.core.search.folding import fold, words
from reader.core.search.snippets import ELLIPSIS, SNIPPET_CHARS, Matcher, snippet


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_short_note_is_kept_whole_with_matches_marked() -> None:
    text, spans = snippet(["The Balloon and the balloons"], Matcher([Term("balloon")]))
    assert text == "The Balloon and the balloons"
    assert _marked(text, spans) == ["Balloon"]


def test_prefix_terms_mark_every_word_they_start() -> None:
    text, spans = snippet(["The Balloon and the balloons"], Matcher([Term("ball", prefix=True)]))
    assert _marked(text, spans) == ["Balloon", "balloons"]


def test_accented_words_are_marked_as_written() -> None:
    text, spans = snippet(["Ask Zoë Ortiz"], Matcher([Term("zoe")]))
    assert _marked(text, spans) == ["Zoë"]


def test_falls_back_to_the_passage_when_the_note_has_no_match() -> None:
    text, spans = snippet(["a note", "the surveillance balloon"], Matcher([Term("balloon")]))
    assert text == "the surveillance balloon"
    assert _marked(text, spans) == ["balloon"]


def test_neighbouring_matched_words_make_one_mark() -> None:
    text, spans = snippet(
        ["the surveillance  balloon flew"], Matcher([Term("surveillance balloon")])
    )
    assert _marked(text, spans) == ["surveillance  balloon"]


def test_without_any_match_the_note_start_is_shown() -> None:
    assert snippet(["", "just the passage"], Matcher([])) == ("just the passage", ())
    assert snippet(["", "  "], Matcher([Term("x")])) == ("", ())


def test_long_text_is_cut_around_the_first_match_at_word_boundaries() -> None:
    before = " ".join(f"word{n}" for n in range(40))
    after = " ".join(f"tail{n}" for n in range(40))
    text, spans = snippet([f"{before} target\nline {after}"], Matcher([Term("target")]))
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert "\n" not in text
    assert _marked(text, spans) == ["target"]
    assert len(text) <= SNIPPET_CHARS + 2
    inner = text[1:-1]
    assert inner.split()[0] in before.split() and inner.split()[-1] in after.split()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(min_size=1, max_size=8))
def test_marked_spans_lie_inside_the_snippet_and_match_the_term(note: str, word: str) -> None:
    text, spans = snippet([note], Matcher([Term(word)]))
    wanted = set(words(word))
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert set(words(text[start:end])) & wanted or fold(text[start:end]) in wanted
