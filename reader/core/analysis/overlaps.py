"""Which quotes of a growing list overlap a span, in logarithmic time.

Merging reported speech asks, for every reported content, which quotes it overlaps. A scan of
the whole list each time is quadratic in the length of the document: at 100,000 words it was
the largest single cost of attribution, and at 500,000 words it would take seconds.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence
from typing import Protocol


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class OverlapIndex:
    """The quotes of ``quotes`` by start, for ``overlapping``.

    ``quotes`` may grow by appending, and an item may be replaced by one with the same start
    and end (``dataclasses.replace`` of other fields); the index catches up on every call.
    """

    def __init__(self, quotes: Sequence[_Located]) -> None:
        self.quotes = quotes
        self.starts: list[tuple[int, int]] = []
        self.longest = 0
        self._seen = 0

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices, in increasing order, of the quotes with ``quote.start < end`` and
        ``start < quote.end``."""
        quotes = self.quotes
        for index in range(self._seen, len(quotes)):
            quote = quotes[index]
            insort(self.starts, (quote.start, index))
            self.longest = max(self.longest, quote.end - quote.start)
        self._seen = len(quotes)
        # A quote overlapping the span starts before ``end`` and at most ``longest`` before it.
        low = bisect_left(self.starts, (start - self.longest, -1))
        high = bisect_left(self.starts, (end, -1))
        return sorted(index for _, index in self.starts[low:high] if start < quotes[index].end)
