"""Short excerpts of a note or passage around the first match, with the matches marked."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from reader.core.search.folding import fold, nfc, words
from reader.core.search.query import Term

SNIPPET_CHARS = 120
LEAD_CHARS = 40
"""How much text a snippet keeps before its first match."""
ELLIPSIS = "…"
_SPACE = re.compile(r"\s")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def aligned_fold(text: str) -> str:
    """``fold`` character by character, keeping every offset: a character whose fold is not
    exactly one character (``ß``, ``ﬁ``) stays as it is."""
    if text.isascii():
        return text.lower()
    table: dict[int, int | str] = dict(_ASCII_LOWER)
    for char in set(_NON_ASCII.findall(text)):
        folded = fold(char)
        table[ord(char)] = folded if len(folded) == 1 else char
    return text.translate(table)


class Matcher:
    """Finds, in a text, the words a list of terms looks for (ignoring case and accents)."""

    def __init__(self, terms: Sequence[Term]) -> None:
        exact: set[str] = set()
        prefixes: set[str] = set()
        for term in terms:
            wanted = words(term.value)
            if term.prefix and wanted:
                prefixes.add(wanted.pop())
            exact.update(wanted)
        options = [f"(?:{_alternatives(exact)})(?!\\w)"] if exact else []
        options += [f"(?:{_alternatives(prefixes)})\\w*"] if prefixes else []
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(options) + ")") if options else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Merged spans of ``text`` (NFC) whose words are marked."""
        if self.pattern is None:
            return []
        spans: list[tuple[int, int]] = []
        for match in self.pattern.finditer(aligned_fold(text)):
            start, end = match.span()
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)  # neighbouring words make one mark
            else:
                spans.append((start, end))
        return spans


def _alternatives(values: set[str]) -> str:
    # Longest first, so that a longer word wins over a shorter one at the same place.
    return "|".join(re.escape(v) for v in sorted(values, key=lambda v: (-len(v), v)))


def snippet(texts: Sequence[str], matcher: Matcher) -> tuple[str, tuple[tuple[int, int], ...]]:
    """An excerpt of the first of ``texts`` with a match (else of the first non-empty one).

    Returns the excerpt (one line, at most about ``SNIPPET_CHARS`` characters plus ellipses)
    and the spans of the matched words inside it.
    """
    candidates = [nfc(text) for text in texts if text.strip()]
    for text in candidates:
        spans = matcher.spans(text)
        if spans:
            return _window(text, spans)
    return _window(candidates[0], []) if candidates else ("", ())


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut ``text`` to about ``SNIPPET_CHARS`` around its first span; shift spans to match."""
    first = spans[0][0] if spans else 0
    start = 0 if first <= LEAD_CHARS else min(first, _word_start(text, first - LEAD_CHARS))
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = _word_end(text, end, floor=max(first, start) + 1)
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    excerpt = head + _SPACE.sub(" ", text[start:end]) + tail
    shift = len(head) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return excerpt, kept


def _word_start(text: str, position: int) -> int:
    """``position`` moved right to the start of a word, so the excerpt starts cleanly."""
    while 0 < position < len(text) and not text[position - 1].isspace():
        position += 1
    return position


def _word_end(text: str, position: int, floor: int) -> int:
    """``position`` moved left to the end of a word (not below ``floor``)."""
    cut = position
    while cut > floor and not text[cut].isspace():
        cut -= 1
    return cut if cut > floor else position
