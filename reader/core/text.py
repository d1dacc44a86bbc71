"""Text normalisation, hashing and structure (paragraphs, sentences, words).

Every offset in the project refers to text that went through ``normalise`` exactly once.
Nothing here needs spaCy: the UI uses these to move and select before analysis has finished.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise

_WORD = re.compile(r"\S+")
# The characters str.isspace() (and so regex \s) accepts, split by UTF-8 length: word_count
# works on bytes, where a C-speed translate beats iterating over millions of regex matches.
_ASCII_SPACES = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_WIDER_SPACES = tuple(
    chr(code)
    for code in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
)
_SPACE_OR_WORD_BYTE = bytes(0x20 if byte in _ASCII_SPACES else 0x78 for byte in range(256))
_LINE_SEPARATORS = ("\r", "\u0085", "\u2028", "\u2029")
"""Line breaks other than ``\\n`` (CRLF is turned into one ``\\n`` before these)."""
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_WRAPPED_LINE_MAX = 100
"""Only blocks whose lines are all at most this long can be hard-wrapped prose."""
_WRAPPED_FILL = 0.6
"""A line broken by wrapping is at least this fraction of its block's longest line."""
_LINE_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_LIST_ITEM = re.compile(r"\s*(?:[-*•‣◦–—]|\d{1,3}[.)])\s")

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace,
# unless a lower-case word follows, or the word before the dot is a common abbreviation or
# a single initial.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr vs etc inc ltd co corp"
        " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e"
    ).split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "vol", "pp"})
"""Abbreviations only before a number ("No. 5"): elsewhere they are words ("said no.")."""


def normalise(raw: str) -> str:
    """Normalise text once: drop BOMs, unify newlines to ``\\n``, compose Unicode (NFC).

    Every U+FEFF goes, not only a leading one: files joined together carry BOMs inside.
    CR, CRLF and the Unicode line/paragraph separators all become ``\\n``. Idempotent.
    """
    # Plain replaces, each only when needed: a regex pass costs far more on large texts, and
    # so does a replace that finds nothing (a scan that ``in`` does in a fraction of the time).
    text = raw.replace("\ufeff", "") if "\ufeff" in raw else raw
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for separator in _LINE_SEPARATORS:
        if separator in text:
            text = text.replace(separator, "\n")
    if text.isascii():
        return text  # already composed: NFC changes only characters beyond ASCII
    return unicodedata.normalize("NFC", text)


def is_blank(text: str) -> bool:
    """True when ``text`` holds only whitespace and byte order marks (or nothing).

    Unlike ``not text.strip()`` it makes no stripped copy (only a text with byte order marks
    is copied once, without them) and ``isspace`` stops at the first visible character. A
    text that starts with a visible character is answered at once, without the search for
    byte order marks through the whole text (0.25 ms for 500,000 words, twice per load).
    """
    if text[:1] not in ("", "\ufeff") and not text[0].isspace():
        return False
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    return not text or text.isspace()


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of ``text``."""
    return sha256_hex(text.encode("utf-8"))


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``. ``hashlib`` (OpenSSL, about 3 ms to import) comes in on first
    use: the first frame of ``reader SOURCE`` needs no hash (the filing worker does)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def word_count(text: str) -> int:
    """Number of whitespace-separated words (the words ``word_spans`` yields)."""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        # Searching the str is cheaper than the bytes, where these share lead bytes with
        # common characters such as curly quotes.
        for space in _WIDER_SPACES:
            if space in text:
                data = data.replace(space.encode("utf-8"), b" ")
    # Each word starts where a non-space byte follows a space (or the start of the text).
    marked = data.translate(_SPACE_OR_WORD_BYTE)
    return marked.count(b" x") + marked.startswith(b"x")


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start/end offsets of each whitespace-separated word."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end()


def _is_hard_wrapped(block: str) -> bool:
    """Whether a block of lines is one paragraph of prose broken to a width.

    Short lines alone do not make a paragraph: news texts often put each short paragraph on
    a line of its own. A wrapped line fills most of the block's width and does not end a
    sentence or precede a list item, and most lines of wrapped prose are like that.
    """
    lines = block.strip().split("\n")
    if len(lines) < 2 or any(len(line) > _WRAPPED_LINE_MAX for line in lines):
        return False
    lines = [line.rstrip() for line in lines]
    width = max(len(line) for line in lines)
    wrapped = sum(
        1
        for line, following in pairwise(lines)
        if len(line) >= _WRAPPED_FILL * width
        and not _LINE_ENDS_SENTENCE.search(line)
        and not _LIST_ITEM.match(following)
    )
    return wrapped * 3 >= (len(lines) - 1) * 2


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) spans, end exclusive, trimmed of blank space.

    Blocks are separated by blank lines (``_BLANK_LINES``). A block that reads as
    hard-wrapped prose (short lines that mostly fill the width and run on without ending a
    sentence) forms one paragraph; in any other block (e.g. one article paragraph per line,
    as many news texts come, or a list) every line is a paragraph of its own.

    The blocks are found by ``str.find`` from newline to newline (a C-speed search) rather
    than by the regex, and a one-line block with nothing to trim is taken as it is: most
    blocks of a long document, where this halves the time (500,000 words: 3.7 -> 1.9 ms,
    before the first frame). A property test holds it to the regex definition.
    """
    spans: list[tuple[int, int]] = []
    append, find, size = spans.append, text.find, len(text)
    start, wrapped = 0, False
    newline = find("\n")
    while newline >= 0:
        stop = newline + 2  # the usual separator: an empty line
        if text[newline + 1 : stop] != "\n":
            stop = _blank_line_end(text, newline + 1)
            if stop < 0:  # a line break inside the block
                wrapped = True
                newline = find("\n", newline + 1)
                continue
        if stop < size and text[stop] in " \t\n":
            while (following := _blank_line_end(text, stop)) >= 0:
                stop = following
        if wrapped or start == newline or text[start].isspace() or text[newline - 1].isspace():
            _add_block(text, start, newline, spans)
        else:
            append((start, newline))
        start, wrapped = stop, False
        newline = find("\n", stop)
    _add_block(text, start, size, spans)
    return spans


def _blank_line_end(text: str, position: int) -> int:
    """The end of the blank line (spaces and tabs) at ``position``, past its newline; or -1."""
    size = len(text)
    while position < size and text[position] in " \t":
        position += 1
    return position + 1 if position < size and text[position] == "\n" else -1


def _add_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """The paragraphs of the block ``text[start:end]``: itself or each of its lines."""
    if text.find("\n", start, end) < 0:
        _append_trimmed(text, start, end, spans)
        return
    block = text[start:end]
    if _is_hard_wrapped(block):
        _append_trimmed(text, start, end, spans)
        return
    for line in block.split("\n"):
        _append_trimmed(text, start, start + len(line), spans)
        start += len(line) + 1


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (a paragraph, usually) found by punctuation rules."""
    start = max(0, start)
    stop = len(text) if end is None else min(end, len(text))
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        following = _next_visible(text, match.end(), stop)
        # A lower-case word after the stop continues the sentence ("U.S. officials",
        # '"Why?" he asked'); otherwise a dot after an abbreviation or initial does too.
        if following.islower():
            continue
        if match.group().startswith(".") and _ends_with_abbreviation(
            text, sentence_start, match, following
        ):
            continue
        _append_trimmed(text, sentence_start, match.end(), spans)
        sentence_start = match.end()
    _append_trimmed(text, sentence_start, stop, spans)
    return spans


def _next_visible(text: str, position: int, stop: int) -> str:
    """The first non-space character at or after ``position`` (before ``stop``), or ""."""
    while position < stop and text[position].isspace():
        position += 1
    return text[position] if position < stop else ""


def _ends_with_abbreviation(text: str, floor: int, match: re.Match[str], following: str) -> bool:
    word_start = match.start()
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : match.start()].lstrip("\"'“‘(«").casefold()
    if word in _NUMBER_ABBREVIATIONS:
        return following.isdigit()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def span_containing(spans: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the span containing ``offset`` (sorted, disjoint spans), or None."""
    index = bisect_right([s for s, _ in spans], offset) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return index
    return None


def _find_occurrence(text: str, wanted: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th (1-based) match of ``wanted``; -1 when there is none."""
    start = -1
    for _ in range(occurrence):
        start = text.find(wanted, start + 1)
        if start < 0:
            break
    return start


# Terminals make curly quotation marks hard to type; a quote typed with straight ones may
# stand for them. One character for one, so offsets in the folded text are the text's own.
_STRAIGHT_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def find_quote(text: str, wanted: str, occurrence: int = 1) -> int:
    """Offset of the ``occurrence``-th (1-based) match of ``wanted`` in ``text``, or -1.

    A quote with no exact match at all is looked for again with the text's curly quotation
    marks and apostrophes read as straight ones (``mustn't`` finds ``mustn’t``).
    """
    start = _find_occurrence(text, wanted, occurrence)
    if start >= 0 or wanted in text:
        return start
    folded = wanted.translate(_STRAIGHT_QUOTES)
    if "'" not in folded and '"' not in folded:
        return -1
    return _find_occurrence(text.translate(_STRAIGHT_QUOTES), folded, occurrence)


_OPENING_MARKS = "“\"«„‘'"
_CLOSING_MARKS = "”\"»“’'"


def quoted(passage: str) -> str:
    """``passage`` in curly quotation marks, unless it already is a quotation with its marks.

    A quotation cut short with an ellipsis gets only its closing mark back.
    """
    if len(passage) > 1 and passage[0] in _OPENING_MARKS:
        if passage[-1] in _CLOSING_MARKS:
            return passage
        if passage.endswith("…"):
            return f"{passage}”"
    return f"“{passage}”"
