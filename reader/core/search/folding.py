"""Case- and accent-insensitive words: the one tokenizer used by the index, queries and snippets.

A word is a run of Unicode word characters (``\\w+``). Each word is folded: case-folded, split
into compatibility characters (NFKD) and stripped of combining marks, so "Zoë", "ZOE" and "zoe"
are the same word. Folding a word can split it (``½`` -> ``1⁄2``); every piece is a word then.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

WORD = re.compile(r"\w+")
_MAYBE_MARK = re.compile(r"[^\x00-\u02ff\u2000-\u206f]")
"""Characters that may be combining marks: not Latin (U+0000-02FF) nor General Punctuation,
ranges that hold none. Looking only at these keeps folding fast on Western text."""


def fold(text: str) -> str:
    """Case-fold ``text`` and strip its accents (NFKD, then drop combining marks)."""
    if text.isascii():
        return text.lower()
    # Decompose before and after case folding: "𝑨" only becomes "A" by NFKD, and folding
    # can produce characters that decompose further (Unicode's compatibility caseless match).
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    marks = [c for c in set(_MAYBE_MARK.findall(decomposed)) if unicodedata.combining(c)]
    return decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (duplicates kept)."""
    return WORD.findall(fold(text))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded word)`` for each word of ``text``; offsets index into ``text``.

    ``text`` should be NFC (as ``reader.core.text.normalise`` makes it) so that accents are
    part of their letters; a word that folds into several pieces yields each with its span.
    """
    for match in WORD.finditer(text):
        word = match.group()
        if word.isascii():
            yield match.start(), match.end(), word.lower()
            continue
        for piece in WORD.findall(fold(word)):
            yield match.start(), match.end(), piece


def nfc(text: str) -> str:
    """``text`` in composed form (a no-op for ASCII), so accents stay inside their words."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)
