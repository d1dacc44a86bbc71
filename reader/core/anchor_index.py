"""Where short pieces of a text occur: the seeds from which fuzzy re-anchoring starts.

A seed is the ``SEED_CHARS`` characters starting at a word. Looking one up scans the text
(``str.find``) at first; once a document has needed enough look-ups, which happens when
many annotations of a long document were edited, an index from every word's seed to its
positions is built once and answers the rest in constant time. Both give the same answers.
"""

from __future__ import annotations

import re

SEED_CHARS = 16
MAX_HITS = 32
"""A seed found more often than this is too common to say where a passage went."""
_BUILD_AFTER = 256
"""Look-ups by scanning before building the index (which costs about 400 scans)."""
_WORD_START = re.compile(r"(?<!\S)\S")


def is_word_start(text: str, position: int) -> bool:
    """Whether a word (a run of non-space characters) starts at ``position``."""
    return (
        0 <= position < len(text)
        and not text[position].isspace()
        and (position == 0 or text[position - 1].isspace())
    )


class SeedIndex:
    """Positions of seeds in one text."""

    def __init__(self, text: str) -> None:
        """Index ``text`` (lazily: nothing is built until it pays off)."""
        self.text = text
        self._lookups = 0
        self._index: dict[str, list[int]] | None = None

    def hits(self, seed: str, low: int = 0, high: int | None = None) -> list[int] | None:
        """Word starts in ``low:high`` where ``seed`` occurs, ascending; None if too many.

        Searching a narrow range scans it; searching the whole text uses the index once
        enough searches have been made to pay for building it.
        """
        if len(seed) != SEED_CHARS:
            raise ValueError(f"a seed has {SEED_CHARS} characters, not {len(seed)}")
        if high is None or high >= len(self.text):
            high = len(self.text)
        if low > 0 or high < len(self.text):
            return self._scan(seed, low, high)
        self._lookups += 1
        if self._index is None and self._lookups > _BUILD_AFTER:
            self._index = self._build()
        if self._index is not None:
            found = self._index.get(seed, [])
            return None if len(found) > MAX_HITS else found
        return self._scan(seed, 0, high)

    def occurrences(self, exact: str) -> list[int] | None:
        """Every start of ``exact`` in the text, if the index is built and can tell; else None.

        Wherever ``exact`` occurs, each word starting inside it starts a word of the text
        too, with the same seed: the hits of one rare inner seed are all the candidates.
        """
        if self._index is None:
            return None
        for offset in range(1, len(exact) - SEED_CHARS + 1):
            if not is_word_start(exact, offset):
                continue
            hits = self._index.get(exact[offset : offset + SEED_CHARS], [])
            if len(hits) <= MAX_HITS:
                starts = (hit - offset for hit in hits if hit >= offset)
                return [start for start in starts if self.text.startswith(exact, start)]
        return None

    def _scan(self, seed: str, low: int, high: int) -> list[int] | None:
        text = self.text
        found: list[int] = []
        position = text.find(seed, low, high)
        while position != -1:
            if is_word_start(text, position):
                if len(found) == MAX_HITS:
                    return None
                found.append(position)
            position = text.find(seed, position + 1, high)
        return found

    def _build(self) -> dict[str, list[int]]:
        text = self.text
        index: dict[str, list[int]] = {}
        for match in _WORD_START.finditer(text):
            start = match.start()
            seed = text[start : start + SEED_CHARS]
            positions = index.get(seed)
            if positions is None:
                index[seed] = [start]
            else:
                positions.append(start)
        return index
