"""Wrapping an article into display lines that map exactly to document offsets (no Textual).

Paragraphs are wrapped at a width counted in terminal cells (``rich.cells``): wide characters
(CJK, emoji) take two cells and graphemes are never split. A line breaks after a space, or
inside a word longer than the width. Each display line is a contiguous slice of the document,
so every cell maps to one offset and back; control characters (the newline of hard-wrapped
prose, tabs) are shown as one cell each. One blank line separates paragraphs.

Long documents are wrapped lazily: a paragraph that has not been wrapped yet counts an
estimated number of lines; ``ensure_lines`` wraps what is about to be shown and ``refine``
wraps the rest a slice of time at a time (toolong-style).
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, floordiv, sub
from typing import NamedTuple

from rich._unicode_data import load as load_cell_table
from rich.cells import split_graphemes

EAGER_CHARS = 200_000
"""Documents up to this many characters are wrapped completely when laid out."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WHITESPACE_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85")


def _control_replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _WHITESPACE_CONTROLS else "\ufffd"


def display_text(text: str) -> str:
    """``text`` as shown: same length, control characters replaced by one visible cell."""
    if text.isprintable():
        return text
    return _CONTROL.sub(_control_replacement, text)


_JOINERS = frozenset("\u200d\ufe0f")


@lru_cache(maxsize=1)
def _wide_ranges() -> tuple[list[int], list[int]]:
    """Starts and ends of the BMP ranges of characters that are not exactly one cell wide."""
    ranges = sorted(
        (a, min(b, 0xFFFF)) for a, b, w in load_cell_table("auto").widths if w != 1 and a <= 0xFFFF
    )
    return [a for a, _ in ranges], [b for _, b in ranges]


@lru_cache(maxsize=4096)
def _single_cell_char(char: str) -> bool:
    """True when ``char`` is one cell wide and joins no grapheme (astral: always False).

    A lookup in the width table per distinct character: compiling the table into one
    regular expression took about 17 ms, paid on the way to the first frame.
    """
    code = ord(char)
    if code > 0xFFFF or char in _JOINERS or code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    starts, ends = _wide_ranges()
    index = bisect_right(starts, code) - 1
    return index < 0 or code > ends[index]


def is_single_cell(text: str) -> bool:
    """True when every character of ``text`` is one cell wide (so cells == characters)."""
    if text.isascii():
        return text.isprintable()
    return all(map(_single_cell_char, set(text)))


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    # The rest if it fits; else up to the last space within the width; else a hard break.
    return re.compile(rf".{{1,{width}}}\Z|.{{0,{width - 1}}} |.{{{width}}}", re.DOTALL)


def wrap_display(display: str, width: int) -> tuple[list[int], bool]:
    """Line starts (relative) of ``display`` wrapped at ``width`` cells, and if it is simple.

    Simple text has one cell per character, so a column is an index into the line.
    """
    if not display:
        return [0], True
    if is_single_cell(display):
        return [match.start() for match in _line_pattern(width).finditer(display)], True
    return _wrap_graphemes(display, width), False


def _wrap_graphemes(display: str, width: int) -> list[int]:
    """Greedy wrap over graphemes, for text with wide or zero-width characters."""
    spans, _ = split_graphemes(display)
    starts = [0]
    line_start = column = 0
    break_at: int | None = None
    break_column = 0
    for start, end, cells in spans:
        while column + cells > width and column > 0:
            if break_at is not None and break_at > line_start:
                line_start, column = break_at, column - break_column
            else:
                line_start, column = start, 0
            starts.append(line_start)
            break_at = None
        column += cells
        if display[start:end] == " ":
            break_at, break_column = end, column
    return starts


def grapheme_columns(line: str) -> list[tuple[int, int, int]]:
    """(start, end, first column) of each grapheme of a display line."""
    spans, _ = split_graphemes(line)
    result: list[tuple[int, int, int]] = []
    column = 0
    for start, end, cells in spans:
        result.append((start, end, column))
        column += cells
    return result


def column_of(line: str, index: int, simple: bool) -> int:
    """The cell column where character ``index`` of a display line is drawn."""
    if simple:
        return index
    for start, end, column in grapheme_columns(line):
        if start <= index < end:
            return column
    return sum(cells for _, _, cells in split_graphemes(line)[0])


def index_at_column(line: str, column: int, simple: bool) -> int:
    """The character index of a display line drawn at cell ``column`` (clamped to the end)."""
    if simple:
        return max(0, min(column, len(line)))
    spans, _ = split_graphemes(line)
    position = 0
    for start, _end, cells in spans:
        if column < position + max(cells, 1):
            return start
        position += cells
    return len(line)


class WrappedParagraph(NamedTuple):
    """A paragraph's display lines: document offsets of their starts, and its display text
    (a named tuple, not a frozen dataclass: it is created on the start path, in a fifth of
    the time)."""

    start: int
    end: int
    line_starts: tuple[int, ...]
    display: str
    simple: bool

    def line_span(self, line: int) -> tuple[int, int]:
        """Document offsets of display line ``line`` of this paragraph (end exclusive)."""
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else self.end
        return self.line_starts[line], end

    def line_text(self, line: int) -> str:
        """What display line ``line`` shows."""
        start, end = self.line_span(line)
        return self.display[start - self.start : end - self.start]

    def line_of(self, offset: int) -> int:
        """Index of the display line holding ``offset`` (offsets past the end: the last)."""
        return max(0, bisect_right(self.line_starts, offset) - 1)


def wrap_paragraph(text: str, start: int, end: int, width: int) -> WrappedParagraph:
    """Wrap ``text[start:end]`` at ``width`` cells."""
    display = display_text(text[start:end])
    relative, simple = wrap_display(display, max(1, width))
    return WrappedParagraph(start, end, tuple(start + r for r in relative), display, simple)


class LinePosition(NamedTuple):
    """Where a display line is: its paragraph and its line within it (-1: the blank after;
    a named tuple, like ``WrappedParagraph``)."""

    paragraph: int
    line: int


class ArticleLayout:
    """Display lines of a whole document at one width, wrapped lazily paragraph by paragraph."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], width: int) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.width = max(1, width)
        starts, ends = zip(*paragraphs, strict=True) if paragraphs else ((), ())
        self._starts: list[int] = list(starts)
        self._wrapped: list[WrappedParagraph | None] = [None] * len(paragraphs)
        # Estimated lines (ceil of length / 85% of the width) plus the blank after each,
        # with C-level maps: no Python bytecode per paragraph before the first paint.
        chars = max(1, int(self.width * 0.85))
        lines = map(floordiv, map(add, map(sub, ends, starts), repeat(chars - 1)), repeat(chars))
        self._spaced: list[int] = list(map(add, lines, repeat(1)))
        self._tops: list[int] = []
        self._next_unwrapped = 0
        if len(text) <= EAGER_CHARS:
            self.refine(budget=None)

    @property
    def is_complete(self) -> bool:
        """True once every paragraph is wrapped (line numbers are final)."""
        return self._next_unwrapped >= len(self.paragraphs)

    @property
    def line_count(self) -> int:
        """Display lines, blank separators included (partly estimated until complete)."""
        tops = self._paragraph_tops()
        return tops[-1] - 1 if tops else 0

    def _paragraph_tops(self) -> list[int]:
        if not self._tops and self._spaced:
            # Each paragraph takes its lines plus one blank; C-level sums keep this cheap.
            self._tops = list(accumulate(self._spaced, initial=0))
        return self._tops

    def paragraph_top(self, index: int) -> int:
        """The first display line of paragraph ``index``."""
        return self._paragraph_tops()[index]

    def paragraph_height(self, index: int) -> int:
        """Display lines of paragraph ``index`` (estimated if not wrapped yet)."""
        return self._spaced[index] - 1

    def wrapped(self, index: int) -> WrappedParagraph:
        """Paragraph ``index`` wrapped (wrapping it now if needed)."""
        result = self._wrapped[index]
        if result is None:
            start, end = self.paragraphs[index]
            result = wrap_paragraph(self.text, start, end, self.width)
            self._wrapped[index] = result
            if len(result.line_starts) != self._spaced[index] - 1:
                self._spaced[index] = len(result.line_starts) + 1
                self._tops = []
        return result

    def is_wrapped(self, index: int) -> bool:
        """True when paragraph ``index`` has its exact lines."""
        return self._wrapped[index] is not None

    def refine(self, budget: float | None = 0.004) -> list[int]:
        """Wrap not-yet-wrapped paragraphs in order for about ``budget`` seconds (None: all).

        Returns the indexes whose line count changed (the lines after them moved).
        """
        changed: list[int] = []
        deadline = None if budget is None else time.perf_counter() + budget
        index = self._next_unwrapped
        while index < len(self.paragraphs):
            if self._wrapped[index] is None:
                before = self._spaced[index]
                self.wrapped(index)
                if self._spaced[index] != before:
                    changed.append(index)
            index += 1
            if deadline is not None and index % 16 == 0 and time.perf_counter() > deadline:
                break
        self._next_unwrapped = index
        return changed

    def ensure_lines(self, first: int, count: int) -> bool:
        """Wrap every paragraph shown on lines ``first .. first+count``; True if lines moved.

        Paragraphs before ``first`` are not touched, so line ``first`` keeps its paragraph.
        """
        moved = False
        for _ in range(count + 1):
            unwrapped = [p for p in self._paragraphs_on(first, count) if self._wrapped[p] is None]
            if not unwrapped:
                break
            for index in unwrapped:
                before = self._spaced[index]
                self.wrapped(index)
                moved = moved or self._spaced[index] != before
        return moved

    def _paragraphs_on(self, first: int, count: int) -> range:
        if not self.paragraphs:
            return range(0)
        top = self.locate(max(0, first)).paragraph
        bottom = self.locate(max(0, first + count - 1)).paragraph
        return range(top, bottom + 1)

    def locate(self, y: int) -> LinePosition:
        """Which paragraph line display line ``y`` is (clamped to the document)."""
        tops = self._paragraph_tops()
        if not tops:
            return LinePosition(0, -1)
        y = max(0, min(y, self.line_count - 1))
        index = bisect_right(tops, y) - 1
        within = y - tops[index]
        return LinePosition(index, within if within < self._spaced[index] - 1 else -1)

    def locate_exact(self, y: int) -> LinePosition:
        """Like ``locate``, after wrapping the paragraph found (whose height may change)."""
        position = self.locate(y)
        while self.paragraphs and not self.is_wrapped(position.paragraph):
            self.wrapped(position.paragraph)
            position = self.locate(y)
        return position

    def line_span(self, y: int) -> tuple[int, int]:
        """Document offsets shown on line ``y``; a blank separator is the gap after a paragraph."""
        position = self.locate_exact(y)
        if not self.paragraphs:
            return 0, 0
        if position.line < 0:
            end = self.paragraphs[position.paragraph][1]
            return end, end
        return self.wrapped(position.paragraph).line_span(position.line)

    def line_text(self, y: int) -> str:
        """What display line ``y`` shows ("" for a blank separator)."""
        position = self.locate_exact(y)
        if position.line < 0 or not self.paragraphs:
            return ""
        return self.wrapped(position.paragraph).line_text(position.line)

    def paragraph_of(self, offset: int) -> int:
        """The paragraph holding ``offset`` (an offset between two: the one before)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def position_of(self, offset: int) -> tuple[int, int]:
        """(display line, cell column) of a document offset.

        Offsets after a paragraph's end (the gap before the next) sit just after its last cell.
        """
        if not self.paragraphs:
            return 0, 0
        index = self.paragraph_of(offset)
        wrapped = self.wrapped(index)
        offset = max(wrapped.start, min(offset, wrapped.end))
        line = wrapped.line_of(offset)
        start, _ = wrapped.line_span(line)
        text = wrapped.line_text(line)
        column = column_of(text, offset - start, wrapped.simple)
        return self.paragraph_top(index) + line, column

    def offset_at(self, y: int, column: int) -> int:
        """The document offset drawn at (line ``y``, cell ``column``), clamped to the line.

        A blank separator line maps to the start of the next paragraph.
        """
        if not self.paragraphs:
            return 0
        position = self.locate_exact(y)
        if position.line < 0:
            following = min(position.paragraph + 1, len(self.paragraphs) - 1)
            return self.paragraphs[following][0]
        wrapped = self.wrapped(position.paragraph)
        start, _ = wrapped.line_span(position.line)
        text = wrapped.line_text(position.line)
        return start + index_at_column(text, column, wrapped.simple)
