"""Text normalisation, hashing and structure (paragraphs, sentences, words).

Every offset in the project refers to text that went through ``normalise`` exactly once.
Nothing here needs spaCy: the UI uses these to move and select before analysis has finished.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator

_WORD = re.compile(r"\S+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_WRAPPED_LINE_MAX = 100
"""Blocks whose lines are all at most this long are hard-wrapped prose: one paragraph each."""

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace,
# unless the word before the dot is a common abbreviation or a single initial.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr vs etc inc ltd co corp no fig"
        " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e"
    ).split()
)


def normalise(raw: str) -> str:
    """Normalise text once: drop a BOM, unify newlines to ``\\n``, compose Unicode (NFC)."""
    text = raw.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return sum(1 for _ in _WORD.finditer(text))


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start/end offsets of each whitespace-separated word."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end()


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of non-blank lines, stripped of surrounding newlines."""
    position = 0
    for match in _BLANK_LINES.finditer(text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _is_hard_wrapped(block: str) -> bool:
    lines = block.split("\n")
    return len(lines) > 1 and all(len(line) <= _WRAPPED_LINE_MAX for line in lines)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) spans, end exclusive, trimmed of blank space.

    Blocks are separated by blank lines. A block of short lines is hard-wrapped prose and
    forms one paragraph; in any other block (e.g. one article paragraph per line, as many
    news texts come) every line is a paragraph of its own.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        if _is_hard_wrapped(block):
            _append_trimmed(text, block_start, block_end, spans)
            continue
        line_start = block_start
        for line in block.split("\n"):
            _append_trimmed(text, line_start, line_start + len(line), spans)
            line_start += len(line) + 1
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (a paragraph, usually) found by punctuation rules."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.group().startswith(".") and _ends_with_abbreviation(text, sentence_start, match):
            continue
        _append_trimmed(text, sentence_start, match.end(), spans)
        sentence_start = match.end()
    _append_trimmed(text, sentence_start, stop, spans)
    return spans


def _ends_with_abbreviation(text: str, floor: int, match: re.Match[str]) -> bool:
    word_start = match.start()
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : match.start()].lstrip("\"'“‘(«").casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def span_containing(spans: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the span containing ``offset`` (sorted, disjoint spans), or None."""
    index = bisect_right([s for s, _ in spans], offset) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return index
    return None
