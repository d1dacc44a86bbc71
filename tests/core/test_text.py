"""Tests of reader.core.text: normalisation, hashing, words, paragraphs and sentences."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.text import (
    find_quote,
    normalise,
    paragraph_spans,
    quoted,
    sentence_spans,
    sha256_of,
    span_containing,
    word_count,
    word_spans,
)

# Characters that exercise newlines, BOMs, combining marks, quotes and sentence punctuation.
_TRICKY = st.sampled_from(
    [
        *("\r", "\n", "\r\n", "\ufeff", "\u2028", "\u2029", "\u0085", "e", "\u0301", "é", "A"),
        *(" ", "\t", ".", "?", "!", "…", '"', "”", "’", "Dr", "U.S", "J", "no", "5", "x"),
    ]
)
_tricky_text = st.lists(_TRICKY | st.text(max_size=3), max_size=60).map("".join)


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


# --- normalise -------------------------------------------------------------------------------


@settings(deadline=None)  # CI machines are shared: time is not what is tested
@given(_tricky_text)
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw)
    assert normalise(once) == once


@settings(deadline=None)
@given(_tricky_text)
def test_no_carriage_return_bom_or_unicode_line_separator_survives(raw: str) -> None:
    text = normalise(raw)
    assert not {"\r", "\ufeff", "\u2028", "\u2029", "\u0085"} & set(text)
    assert unicodedata.is_normalized("NFC", text)


def test_normalise_maps_each_line_ending_to_one_newline() -> None:
    assert normalise("a\r\nb\rc\nd\r\r\ne") == "a\nb\nc\nd\n\ne"
    assert normalise("one\u2028two\u2029three") == "one\ntwo\nthree"


def test_normalise_drops_leading_and_embedded_boms_and_composes() -> None:
    assert normalise("\ufeffCafe\u0301\ufeff and more") == "Café and more"
    assert len(normalise("Cafe\u0301")) == 4


# --- hashing and words -----------------------------------------------------------------------


def test_sha256_of_is_the_hex_digest_of_utf8_bytes() -> None:
    # The published SHA-256 test vector for "abc".
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_of("abc") == expected
    assert sha256_of("é") != sha256_of("e\u0301")


def test_word_count_of_simple_texts() -> None:
    assert word_count("") == 0
    assert word_count("   \n\t ") == 0
    assert word_count("one") == 1
    assert word_count("  two words  ") == 2
    assert word_count("non\u00a0breaking\u2003space\u3000here and Ünïcode") == 6


_SPACES = st.sampled_from([" ", "\n", "\t", "\x1f", "\x85", "\xa0", "\u2003", "\u3000", "\u2029"])


@settings(deadline=None)
@given(st.lists(_SPACES | st.text(max_size=4), max_size=40).map("".join))
def test_word_count_agrees_with_word_spans(text: str) -> None:
    assert word_count(text) == len(list(word_spans(text))) == len(text.split())


def test_word_spans_cover_each_word() -> None:
    text = " Blinken  met\nWang "
    assert _texts(text, list(word_spans(text))) == ["Blinken", "met", "Wang"]


def test_the_sample_has_1100_words(sample_path: Path) -> None:
    # `wc -w` on the sample counts 1100 words.
    assert word_count(sample_path.read_text(encoding="utf-8")) == 1100


# --- paragraphs ------------------------------------------------------------------------------


def test_one_paragraph_per_line_news_text() -> None:
    text = (
        "CNN\n—\nOfficials met on Saturday in Munich.\n"
        "They talked for an hour, officials said.\nNo deal was reached.\n"
    )
    assert _texts(text, paragraph_spans(text)) == [
        "CNN",
        "—",
        "Officials met on Saturday in Munich.",
        "They talked for an hour, officials said.",
        "No deal was reached.",
    ]


def test_the_sample_has_one_paragraph_per_line(sample_text: str) -> None:
    text = normalise(sample_text)
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(lines) == 28
    assert _texts(text, paragraph_spans(text)) == lines


def test_blank_lines_separate_paragraphs() -> None:
    text = "\n\nFirst paragraph here.\n\nSecond one.\n  \n\t\n\nThird.\n\n"
    spans = paragraph_spans(text)
    assert _texts(text, spans) == ["First paragraph here.", "Second one.", "Third."]
    assert spans[0] == (2, 23)


def test_hard_wrapped_prose_is_one_paragraph_per_block() -> None:
    first = (
        "The committee met on a cold morning in early spring and spent most of\n"
        "the day arguing about the budget, which had grown by a third since the\n"
        "last meeting. Nobody was happy with the result."
    )
    text = first + "\n\nA second paragraph follows here.\n"
    assert _texts(text, paragraph_spans(text)) == [first, "A second paragraph follows here."]
    assert _texts(first + "\n", paragraph_spans(first + "\n")) == [first]


def test_short_lines_ending_sentences_or_listing_items_stay_apart() -> None:
    text = "Shopping list:\n- eggs and milk from the shop\n- bread\n- a new kettle for the kitchen"
    assert len(paragraph_spans(text)) == 4
    assert len(paragraph_spans(text + "\n")) == 4
    news = "Talks ended.\nBoth sides left Munich.\nMore meetings are planned."
    assert len(paragraph_spans(news)) == 3
    assert len(paragraph_spans("\n" + news + "\n")) == 3


def test_a_block_with_a_long_line_is_split_into_lines() -> None:
    long_line = "word " * 40
    text = f"Short heading line\n{long_line}\nshort tail"
    assert _texts(text, paragraph_spans(text)) == [
        "Short heading line",
        long_line.strip(),
        "short tail",
    ]


# --- sentences -------------------------------------------------------------------------------


def test_sentences_around_abbreviations_and_initials() -> None:
    text = (
        "Dr. Smith met U.S. officials on Monday. J. K. Rowling wrote it. "
        "She lives in the U.K. with Mr. and Mrs. Jones."
    )
    assert _texts(text, sentence_spans(text)) == [
        "Dr. Smith met U.S. officials on Monday.",
        "J. K. Rowling wrote it.",
        "She lives in the U.K. with Mr. and Mrs. Jones.",
    ]


def test_quotes_ending_sentences() -> None:
    text = (
        '"We will not stand for it," he said. Then he left. "It is over." '
        'Silence followed. "Is it over?" she asked. Nobody answered.'
    )
    assert _texts(text, sentence_spans(text)) == [
        '"We will not stand for it," he said.',
        "Then he left.",
        '"It is over."',
        "Silence followed.",
        '"Is it over?" she asked.',
        "Nobody answered.",
    ]


def test_curly_quotes_numbers_and_words_that_look_like_abbreviations() -> None:
    text = "“I hope so,” Biden stated. Prices rose 3.5 percent. He said no. Room No. 5 was empty."
    assert _texts(text, sentence_spans(text)) == [
        "“I hope so,” Biden stated.",
        "Prices rose 3.5 percent.",
        "He said no.",
        "Room No. 5 was empty.",
    ]


def test_ellipsis_before_a_lower_case_word_does_not_end_the_sentence() -> None:
    text = "Wait... what happened? Nothing! Really…"
    assert _texts(text, sentence_spans(text)) == ["Wait... what happened?", "Nothing!", "Really…"]


def test_sentences_of_a_range_stay_inside_it() -> None:
    text = "First para. Still first.\nSecond para. Its end."
    start = text.index("Second")
    spans = sentence_spans(text, start, len(text))
    assert _texts(text, spans) == ["Second para.", "Its end."]
    assert sentence_spans(text, 0, 11) == [(0, 11)]
    assert sentence_spans(text, start, len(text) + 50) == spans


def _assert_ordered_trimmed_and_covering(
    text: str, spans: list[tuple[int, int]], start: int, stop: int
) -> None:
    covered = set()
    previous_end = start
    for span_start, span_end in spans:
        assert previous_end <= span_start < span_end <= stop
        assert not text[span_start].isspace() and not text[span_end - 1].isspace()
        covered.update(range(span_start, span_end))
        previous_end = span_end
    visible = {i for i in range(start, stop) if not text[i].isspace()}
    assert visible <= covered


@settings(deadline=None)
@given(_tricky_text)
def test_sentence_spans_never_overlap_and_cover_the_text(raw: str) -> None:
    text = normalise(raw)
    _assert_ordered_trimmed_and_covering(text, sentence_spans(text), 0, len(text))


@settings(deadline=None)
@given(_tricky_text, st.integers(0, 30), st.integers(0, 30))
def test_sentence_spans_of_a_range_stay_in_the_range(raw: str, a: int, b: int) -> None:
    text = normalise(raw)
    start, stop = min(a, b, len(text)), min(max(a, b), len(text))
    _assert_ordered_trimmed_and_covering(text, sentence_spans(text, start, stop), start, stop)


@settings(deadline=None)
@given(
    st.lists(_TRICKY | st.sampled_from(["\n\n", "\n \n", "- ", "1. ", "word " * 25]), max_size=50)
)
def test_paragraph_spans_never_overlap_or_cross_a_blank_line(parts: list[str]) -> None:
    text = normalise("".join(parts))
    spans = paragraph_spans(text)
    _assert_ordered_trimmed_and_covering(text, spans, 0, len(text))
    for paragraph in _texts(text, spans):
        assert not re.search(r"\n[ \t]*\n", paragraph)


def test_span_containing_finds_the_span_or_none() -> None:
    spans = [(0, 5), (7, 10)]
    assert span_containing(spans, 0) == 0
    assert span_containing(spans, 4) == 0
    assert span_containing(spans, 5) is None
    assert span_containing(spans, 9) == 1
    assert span_containing(spans, 10) is None
    assert span_containing([], 3) is None


def test_word_count_treats_every_unicode_space_as_a_separator() -> None:
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    text = "w".join(spaces)
    # One word between each pair of neighbouring spaces.
    assert word_count(text) == len(spaces) - 1 == len(text.split())


_QUOTE_TEXT = st.lists(st.sampled_from(["a", "b", " ", "'", '"', "’", "‘", "“", "”"]), max_size=40)


@given(_QUOTE_TEXT.map("".join), st.data())
def test_find_quote_finds_every_exact_occurrence_in_order(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    wanted = text[start : start + data.draw(st.integers(1, 6))] or "a"
    expected = [m.start() for m in re.finditer(f"(?={re.escape(wanted)})", text)]
    for occurrence, offset in enumerate(expected, start=1):
        assert find_quote(text, wanted, occurrence) == offset
    assert find_quote(text, wanted, len(expected) + 1) == -1


@given(_QUOTE_TEXT.map("".join), st.data())
def test_straight_marks_find_curly_ones_only_without_an_exact_match(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    passage = text[start : start + data.draw(st.integers(1, 6))]
    straight = passage.translate(str.maketrans("‘’“”", "''\"\""))
    found = find_quote(text, straight)
    if straight in text:
        assert found == text.index(straight)
    elif passage:
        # Found at a place whose text straightens to the typed quote, the first such place.
        assert found >= 0
        assert (
            text[found : found + len(straight)].translate(str.maketrans("‘’“”", "''\"\""))
            == straight
        )
        assert found <= start


def test_find_quote_examples() -> None:
    assert find_quote("it mustn’t be", "mustn't") == 3
    assert find_quote('“no” and "no"', '"no"') == 9  # the exact match wins
    assert find_quote("say “no” or “no”", '"no"', occurrence=2) == 12
    assert find_quote("say “no”", "yes") == -1
    assert find_quote("abc", "b", occurrence=10**30) == -1


@pytest.mark.parametrize(
    ("passage", "shown"),
    [
        ("the talks were long", "“the talks were long”"),
        ("“We will rebuild,”", "“We will rebuild,”"),
        ("«Nous reconstruirons»", "«Nous reconstruirons»"),
        ("“We will rebuild and…", "“We will rebuild and…”"),
        ("“Hello,” he said", "““Hello,” he said”"),
    ],
)
def test_quoted_never_doubles_the_marks_of_a_quotation(passage: str, shown: str) -> None:
    assert quoted(passage) == shown


def _paragraphs_by_blocks(text: str) -> list[tuple[int, int]]:
    """``paragraph_spans`` as first written: blocks split by the blank-line regex, every
    block sliced and looked at (the plain definition the newline search is held to)."""
    from reader.core.text import _BLANK_LINES, _append_trimmed, _is_hard_wrapped

    spans: list[tuple[int, int]] = []
    bounds = [0]
    for separator in _BLANK_LINES.finditer(text):
        bounds += [separator.start(), separator.end()]
    bounds.append(len(text))
    for block_start, block_end in zip(bounds[::2], bounds[1::2], strict=True):
        block = text[block_start:block_end]
        if _is_hard_wrapped(block):
            _append_trimmed(text, block_start, block_end, spans)
            continue
        line_start = block_start
        for line in block.split("\n"):
            _append_trimmed(text, line_start, line_start + len(line), spans)
            line_start += len(line) + 1
    return spans


@settings(deadline=None, derandomize=True, max_examples=500)
@given(
    st.lists(
        st.sampled_from(["\n", "\n\n", " \t\n", "\t", "word ", "Word.", "- item", " ", "\u00a0"])
        | st.sampled_from(["\n \n", "\n\t\n\n", "\n\n\n", "x\n", "\x0c", "word " * 20])
        | st.text(max_size=6),
        max_size=40,
    ).map("".join)
)
@example("")
@example("\n")
@example("a\n")
@example("\n\na")
@example("a\n \n\t\nb")
@example("a \n\nb")
@example("a\n\n \nb\n\n")
@example(" a\n\n\u00a0b\n \t")
def test_paragraph_spans_match_the_blank_line_regex_definition(text: str) -> None:
    assert paragraph_spans(text) == _paragraphs_by_blocks(text)
