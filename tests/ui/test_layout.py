"""Wrapping an article into display lines: cells, wide characters, paragraphs, offsets."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from rich._unicode_data import load as load_cell_table
from rich.cells import cell_len

from reader.core.text import paragraph_spans
from reader.ui.widgets.article_layout import (
    EAGER_CHARS,
    ArticleLayout,
    _single_cell_char,
    display_text,
    is_single_cell,
    wrap_paragraph,
)


def lines_of(layout: ArticleLayout) -> list[str]:
    return [layout.line_text(y) for y in range(layout.line_count)]


def test_breaks_after_spaces_and_keeps_the_space_on_the_line() -> None:
    text = "the quick brown fox"
    layout = ArticleLayout(text, [(0, len(text))], 10)
    assert lines_of(layout) == ["the quick ", "brown fox"]
    assert layout.line_span(1) == (10, 19)


def test_a_word_longer_than_the_width_is_hard_broken() -> None:
    text = "abcdefghijklmno"
    layout = ArticleLayout(text, [(0, 15)], 6)
    assert lines_of(layout) == ["abcdef", "ghijkl", "mno"]
    assert layout.offset_at(1, 0) == 6


def test_one_blank_line_between_paragraphs_whatever_the_gap() -> None:
    text = "one\n\n\n\ntwo\nthree is a longer line than a hundred characters? no"
    paragraphs = [(0, 3), (7, 10), (11, len(text))]
    layout = ArticleLayout(text, paragraphs, 80)
    assert lines_of(layout) == ["one", "", "two", "", text[11:]]
    assert layout.line_span(1) == (3, 3)
    # A blank separator maps to the start of the next paragraph; a gap offset to the end
    # of the paragraph before it.
    assert layout.offset_at(1, 0) == 7
    assert layout.position_of(5) == (0, 3)


def test_a_newline_inside_a_paragraph_shows_as_a_space() -> None:
    text = "alpha\nbeta"
    assert paragraph_spans(text) == [(0, 10)]
    layout = ArticleLayout(text, paragraph_spans(text), 20)
    assert lines_of(layout) == ["alpha beta"]
    assert layout.position_of(6) == (0, 6)
    assert display_text("a\tb\x07") == "a b\ufffd"


def test_wide_characters_take_two_cells() -> None:
    text = "漢字漢字漢字"
    layout = ArticleLayout(text, [(0, 6)], 5)
    # Two wide characters (4 cells) fit in 5 cells, three (6 cells) do not.
    assert lines_of(layout) == ["漢字", "漢字", "漢字"]
    assert layout.position_of(1) == (0, 2)
    assert layout.position_of(3) == (1, 2)
    # Either cell of a wide character maps back to it.
    assert layout.offset_at(0, 2) == 1
    assert layout.offset_at(0, 3) == 1


def test_emoji_wrap_by_cells_not_characters() -> None:
    text = "ab 😀😀 cd"
    layout = ArticleLayout(text, [(0, len(text))], 4)
    # "ab " is 3 cells; adding an emoji would make 5, so the line breaks after the space.
    # The two emoji fill 4 cells; the space after them cannot fit and starts the last line.
    assert lines_of(layout) == ["ab ", "😀😀", " cd"]
    assert layout.position_of(4) == (1, 2)


def test_large_documents_are_estimated_then_refined_to_the_exact_layout() -> None:
    paragraph = "word " * 200 + "end."
    text = "\n\n".join([paragraph] * (EAGER_CHARS // len(paragraph) + 5))
    paragraphs = paragraph_spans(text)
    layout = ArticleLayout(text, paragraphs, 50)
    assert not layout.is_complete
    assert not layout.is_wrapped(len(paragraphs) - 1)
    layout.ensure_lines(0, 30)
    assert layout.is_wrapped(0)
    layout.refine(budget=None)
    assert layout.is_complete
    exact = wrap_paragraph(text, *paragraphs[-1], 50)
    last_line = layout.line_count - 1
    assert layout.line_span(last_line) == exact.line_span(len(exact.line_starts) - 1)
    # 1004 characters per paragraph, 50 cells: "word " * 10 per line, 21 lines each.
    assert len(exact.line_starts) == 21
    assert layout.line_count == len(paragraphs) * 22 - 1


ALPHABET = st.sampled_from([*"abc xyz  \n\n\t.é漢😀—", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join), st.integers(min_value=1, max_value=30))
def test_every_offset_maps_to_one_cell_and_back(text: str, width: int) -> None:
    paragraphs = paragraph_spans(text)
    layout = ArticleLayout(text, paragraphs, width)
    seen: dict[tuple[int, int], int] = {}
    for start, end in paragraphs:
        for offset in range(start, end):
            line, column = layout.position_of(offset)
            line_start, line_end = layout.line_span(line)
            assert line_start <= offset < line_end
            assert layout.offset_at(line, column) == offset
            assert (line, column) not in seen
            seen[(line, column)] = offset
    for y in range(layout.line_count):
        shown = layout.line_text(y)
        cells = cell_len(shown)
        assert cells <= width or (len(shown) == 1 and cells == 2 and width == 1)
        start, end = layout.line_span(y)
        assert shown == display_text(text[start:end])


@settings(max_examples=100, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join), st.integers(min_value=1, max_value=30))
def test_lines_tile_each_paragraph_exactly(text: str, width: int) -> None:
    paragraphs = paragraph_spans(text)
    layout = ArticleLayout(text, paragraphs, width)
    covered: list[tuple[int, int]] = []
    for y in range(layout.line_count):
        start, end = layout.line_span(y)
        if layout.locate(y).line >= 0:
            covered.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in covered:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    assert merged == paragraphs


@cache
def _reference_not_single_cell() -> re.Pattern[str]:
    """The regular expression the width check used before (compiling it took ~17 ms)."""
    ranges = [(a, min(b, 0xFFFF)) for a, b, w in load_cell_table("auto").widths if w != 1]
    parts = [f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges if a <= 0xFFFF]
    bmp = "[" + "".join(parts) + "\u200d\ufe0f\x00-\x1f\x7f-\x9f]"
    return re.compile(f"{bmp}|[\U00010000-\U0010ffff]")


def test_the_single_cell_check_agrees_with_the_width_table_for_every_character() -> None:
    reference = _reference_not_single_cell()
    wrong = [
        code
        for code in range(0x110000)
        if (reference.search(chr(code)) is None) != _single_cell_char(chr(code))
    ]
    assert wrong == []


@given(st.text(max_size=40))
def test_is_single_cell_agrees_with_the_reference(text: str) -> None:
    expected = text.isprintable() if text.isascii() else None
    if expected is None:
        expected = _reference_not_single_cell().search(text) is None
    assert is_single_cell(text) == expected
