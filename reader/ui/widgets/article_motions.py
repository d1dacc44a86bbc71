"""Cursor motions over an article's text: characters, words, sentences, paragraphs, spans.

Pure functions of document offsets (no Textual). The cursor always rests on a character
inside a paragraph; motions never land in the blank space between paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from operator import itemgetter

from reader.core.text import sentence_spans


class Paragraphs:
    """The paragraph spans of a text, with the lookups motions need."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.starts = list(map(itemgetter(0), spans))

    def index_of(self, offset: int) -> int:
        """The paragraph holding ``offset``, or the one before a gap (0 before the first)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def clamp(self, offset: int) -> int:
        """The nearest cursor position: a character inside a paragraph."""
        if not self.spans:
            return 0
        index = self.index_of(offset)
        start, end = self.spans[index]
        if offset < start:
            return start
        if offset >= end:
            if index + 1 < len(self.spans) and offset > end:
                return self.spans[index + 1][0]
            return end - 1
        return offset

    def sentences(self, index: int) -> list[tuple[int, int]]:
        """Sentence spans of paragraph ``index`` (cached)."""
        return _sentences(self.text, *self.spans[index])


@lru_cache(maxsize=256)
def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return sentence_spans(text, start, end) or [(start, end)]


def next_char(paragraphs: Paragraphs, offset: int) -> int:
    """One character right; from a paragraph's last character to the next paragraph."""
    index = paragraphs.index_of(offset)
    if not paragraphs.spans:
        return 0
    if offset + 1 < paragraphs.spans[index][1]:
        return offset + 1
    if index + 1 < len(paragraphs.spans):
        return paragraphs.spans[index + 1][0]
    return offset


def previous_char(paragraphs: Paragraphs, offset: int) -> int:
    """One character left; from a paragraph's first character to the previous paragraph."""
    index = paragraphs.index_of(offset)
    if not paragraphs.spans:
        return 0
    if offset - 1 >= paragraphs.spans[index][0]:
        return offset - 1
    if index > 0:
        return paragraphs.spans[index - 1][1] - 1
    return offset


def next_word(paragraphs: Paragraphs, offset: int) -> int:
    """The start of the next whitespace-separated word (stays on the last word)."""
    text = paragraphs.text
    position = offset
    while position < len(text) and not text[position].isspace():
        position += 1
    while position < len(text) and text[position].isspace():
        position += 1
    return paragraphs.clamp(position) if position < len(text) else offset


def previous_word(paragraphs: Paragraphs, offset: int) -> int:
    """The start of the word before the cursor (or of the word it is inside)."""
    text = paragraphs.text
    position = offset - 1
    while position >= 0 and text[position].isspace():
        position -= 1
    if position < 0:
        return offset
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def word_end(paragraphs: Paragraphs, offset: int) -> int:
    """The last character of this word, or of the next one when already there (vim's ``e``)."""
    text = paragraphs.text
    position = offset + 1
    while position < len(text) and text[position].isspace():
        position += 1
    while position + 1 < len(text) and not text[position + 1].isspace():
        position += 1
    return paragraphs.clamp(position) if position < len(text) else offset


def selection_end(text: str, anchor: int, cursor: int) -> int:
    """Where a selection from ``anchor`` to ``cursor`` ends (exclusive).

    The cursor's character is included, except when the cursor sits on the first character
    of a word after ``anchor``: then the selection stops at the end of the word before, so
    ``v`` then ``w`` selects whole words ("in flip accu" becomes "in flip").
    """
    if cursor > anchor and text[cursor - 1].isspace() and not text[cursor].isspace():
        end = cursor
        while end > anchor + 1 and text[end - 1].isspace():
            end -= 1
        return end
    return cursor + 1


def next_paragraph(paragraphs: Paragraphs, offset: int) -> int:
    """The start of the next paragraph (stays in the last one)."""
    index = bisect_right(paragraphs.starts, offset)
    return paragraphs.starts[index] if index < len(paragraphs.starts) else offset


def previous_paragraph(paragraphs: Paragraphs, offset: int) -> int:
    """The start of this paragraph, or of the previous one when already at a start."""
    index = bisect_left(paragraphs.starts, offset) - 1
    return paragraphs.starts[index] if index >= 0 else offset


def next_sentence(paragraphs: Paragraphs, offset: int) -> int:
    """The start of the next sentence (crossing into the next paragraph)."""
    if not paragraphs.spans:
        return 0
    index = paragraphs.index_of(offset)
    for start, _ in paragraphs.sentences(index):
        if start > offset:
            return start
    return next_paragraph(paragraphs, offset)


def previous_sentence(paragraphs: Paragraphs, offset: int) -> int:
    """The start of this sentence, or of the previous one when already at a start."""
    if not paragraphs.spans:
        return 0
    index = paragraphs.index_of(offset)
    earlier = [start for start, _ in paragraphs.sentences(index) if start < offset]
    if earlier:
        return earlier[-1]
    if index > 0 and offset <= paragraphs.spans[index][0]:
        return paragraphs.sentences(index - 1)[-1][0]
    return offset


def sentence_at(paragraphs: Paragraphs, offset: int) -> tuple[int, int] | None:
    """The sentence containing ``offset``."""
    if not paragraphs.spans:
        return None
    for start, end in paragraphs.sentences(paragraphs.index_of(offset)):
        if start <= offset < end:
            return start, end
    return None


def next_start(starts: list[int], offset: int, *, wrap: bool = False) -> int | None:
    """The first of sorted ``starts`` after ``offset`` (the first of all if ``wrap``)."""
    index = bisect_right(starts, offset)
    if index < len(starts):
        return starts[index]
    return starts[0] if wrap and starts else None


def previous_start(starts: list[int], offset: int, *, wrap: bool = False) -> int | None:
    """The last of sorted ``starts`` before ``offset`` (the last of all if ``wrap``)."""
    index = bisect_left(starts, offset) - 1
    if index >= 0:
        return starts[index]
    return starts[-1] if wrap and starts else None
