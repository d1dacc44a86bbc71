"""Text as the index compares it: FTS5's words, folding, whole-value keys, LIKE patterns."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W_]+")
"""A word as FTS5's ``unicode61`` tokenizer sees it: letters and digits (no ``_``)."""
SEPARATOR = " \ue002 "
"""Joins the segments of one column (tags, names): a private-use character is a token to
FTS5, which no phrase runs across; queries never contain it (``phrase`` drops it)."""


UNSAFE = str.maketrans({"\x00": " ", "\ue002": " "})


def fold(text: str) -> str:
    """Case-fold ``text`` and strip its accents, as FTS5's ``remove_diacritics 2`` does."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(value: str) -> str:
    """How whole values (tags, speaker names) compare: folded words, single spaces."""
    return " ".join(WORD.findall(fold(value)))


def like_prefix(value: str) -> str:
    """A ``LIKE ... ESCAPE '\\'`` pattern for values starting with ``value``."""
    return re.sub(r"([\\%_])", r"\\\1", value) + "%"


def glob_prefix(value: str) -> str:
    """A ``GLOB`` pattern for values starting with ``value``: unlike ``LIKE`` (which ignores
    ASCII case), SQLite answers it from an index, and it compares as ``startswith`` does."""
    return re.sub(r"([*?[])", r"[\1]", value) + "*"
