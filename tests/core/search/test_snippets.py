"""Snippets: around the first match, marked, cut at word boundaries, one line."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.index.compile import WORD, fold
from reader.core.index.results import CLOSE, ELLIPSIS, OPEN, SNIPPET_CHARS, excerpt, unmark
from reader.core.search import search_annotations
from tests.core.search.builders import annotation, document


def _snippet(note: str, query: str, passage: str = "x") -> tuple[str, list[str]]:
    """The snippet of the only hit of ``query`` and its marked words."""
    text = f"{passage} ."
    doc = document(text)
    hits = search_annotations(query, [annotation(doc, text, passage, note=note)], [doc])
    assert len(hits) == 1
    hit = hits[0]
    return hit.snippet, [hit.snippet[a:b] for a, b in hit.matches]


def test_short_note_is_kept_whole_with_matches_marked() -> None:
    assert _snippet("The Balloon and the balloons", "balloon") == (
        "The Balloon and the balloons",
        ["Balloon"],
    )


def test_prefix_terms_mark_every_word_they_start() -> None:
    assert _snippet("The Balloon and the balloons", "ball*")[1] == ["Balloon", "balloons"]


def test_accented_words_are_marked_as_written() -> None:
    assert _snippet("Ask Zoë Ortiz", "zoe")[1] == ["Zoë"]


def test_falls_back_to_the_passage_when_the_note_has_no_match() -> None:
    assert _snippet("a note", "balloon", passage="the surveillance balloon") == (
        "the surveillance balloon",
        ["balloon"],
    )


def test_neighbouring_matched_words_make_one_mark() -> None:
    marked = _snippet("the surveillance  balloon flew", '"surveillance balloon"')[1]
    assert marked == ["surveillance  balloon"]


def test_without_any_match_the_note_start_is_shown() -> None:
    assert excerpt(["", "just the passage"]) == ("just the passage", ())
    assert excerpt(["", "  "]) == ("", ())
    assert _snippet("a note", "") == ("a note", [])


def test_long_text_is_cut_around_the_first_match_at_word_boundaries() -> None:
    before = " ".join(f"word{n}" for n in range(40))
    after = " ".join(f"tail{n}" for n in range(40))
    text, marked = _snippet(f"{before} target\nline {after}", "target")
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert "\n" not in text
    assert marked == ["target"]
    assert len(text) <= SNIPPET_CHARS + 2
    inner = text[1:-1]
    assert inner.split()[0] in before.split() and inner.split()[-1] in after.split()


@settings(max_examples=100, deadline=None)
@given(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=8),
)
@example("Zoë café", "cafe")
def test_marked_spans_lie_inside_the_snippet_and_match_the_term(note: str, word: str) -> None:
    doc = document("x .")
    hits = search_annotations(f'"{word}"', [annotation(doc, "x .", "x", note=note)], [doc])
    wanted = set(WORD.findall(fold(word)))
    for hit in hits:
        for start, end in hit.matches:
            assert 0 <= start < end <= len(hit.snippet)
            assert set(WORD.findall(fold(hit.snippet[start:end]))) & wanted


_MARK = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)


def _unmark_by_pattern(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The reference: each ``OPEN(.*?)CLOSE`` is a mark; marks apart by blanks only merge."""
    plain, spans, position = "", [], 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        start = len(plain) + len(before)
        plain += before + match.group(1)
        if spans and not before.strip() and spans[-1][1] == start - len(before):
            spans[-1] = (spans[-1][0], len(plain))
        else:
            spans.append((start, len(plain)))
        position = match.end()
    return plain + marked[position:], spans


@given(st.lists(st.sampled_from(["ab", " ", "\n", OPEN, CLOSE, "é", "\u2028"]), max_size=20))
@example([OPEN, "a", OPEN, "b", CLOSE, " ", OPEN, "c", CLOSE, OPEN])
def test_marks_are_taken_out_as_the_pattern_open_to_the_next_close(pieces: list[str]) -> None:
    marked = "".join(pieces)
    assert unmark(marked) == _unmark_by_pattern(marked)


def test_every_whitespace_but_a_space_is_unprintable() -> None:
    """``window`` folds whitespace into spaces only in unprintable text: that is enough."""
    spaces = (chr(n) for n in range(sys.maxunicode + 1) if chr(n).isspace())
    assert [c for c in spaces if c != " " and c.isprintable()] == []
