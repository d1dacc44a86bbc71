"""Where the article's find matches are, and which one the cursor last reached.

Plain data, kept apart from the widgets that use it: the article view asks it where to move
and the canvas asks it what to draw on a line. No Textual here, so it is tested as data.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator


class FindMatches:
    """Every match of the last query, as sorted start and end offsets, and the current one."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.current: int | None = None
        """0-based index of the match the cursor was last moved to, or None."""

    def search(self, text: str, query: str) -> int:
        """Find every case-insensitive match of ``query`` in ``text``; return how many.

        Whitespace in the query matches any run of whitespace, so a match may cross a line
        wrap or a hard-wrapped newline. A blank query finds nothing.
        """
        words = query.split()
        spans: list[tuple[int, int]] = []
        if words:
            pattern = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
            spans = [match.span() for match in pattern.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.current = None
        return len(spans)

    def clear(self) -> bool:
        """Forget every match; True when there was something to forget."""
        if not self.starts and self.current is None:
            return False
        self.starts, self.ends, self.current = [], [], None
        return True

    @property
    def count(self) -> int:
        """How many matches the last ``search`` found."""
        return len(self.starts)

    def spans(self) -> list[tuple[int, int]]:
        """Every match as (start, end) offsets, in order."""
        return list(zip(self.starts, self.ends, strict=True))

    def reach(self, offset: int) -> None:
        """The cursor moved to the match starting at ``offset``: it becomes the current one."""
        self.current = bisect_right(self.starts, offset) - 1

    def within(self, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
        """(start, end, is current) of each match overlapping ``[start, end)``."""
        starts, ends = self.starts, self.ends
        index = max(0, bisect_left(ends, start + 1))
        while index < len(starts) and starts[index] < end:
            yield starts[index], ends[index], index == self.current
            index += 1
