"""What the status line says about the place under the cursor: the note there (its first
line and tags), else the quotation there (its speaker and cue). No Textual here."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.models import Annotation

if TYPE_CHECKING:
    from reader.core.analysis.results import Quote

NOTE_CHARS = 60


class QuoteFinder:
    """The innermost quotation containing an offset, by bisection over the starts."""

    def __init__(self, quotes: Sequence[Quote], source: object = None) -> None:
        self.quotes_of = source
        """What the quotes came from (an ``Analysis``), to know when to build a new finder."""
        self.quotes = sorted(enumerate(quotes), key=lambda item: item[1].start)
        self.starts = [quote.start for _, quote in self.quotes]
        self.longest = max((q.end - q.start for q in quotes), default=0)

    def at(self, offset: int) -> tuple[int, Quote] | None:
        """(index in the analysis's list, quote) of the shortest quote holding ``offset``."""
        high = bisect_right(self.starts, offset)
        low = bisect_right(self.starts, offset - self.longest - 1)
        found = [item for item in self.quotes[low:high] if item[1].end > offset]
        return min(found, key=lambda item: item[1].end - item[1].start) if found else None


def describe_quote(quote: Quote) -> str:
    """``quote: Wang Yi (said)``, or ``quote: unattributed``; scare quotes say ``term``."""
    if quote.kind.value == "term":
        return "quoted term"
    if quote.speaker is None:
        return "quote: unattributed"
    cue = f" ({' '.join(quote.cue.text.split())})" if quote.cue is not None else ""
    return f"quote: {' '.join(quote.speaker.name.split())}{cue}"


def describe_note(annotation: Annotation) -> str:
    """``note: its first line  #tag #tag`` (``highlight`` when there is no note)."""
    lines = annotation.note.strip().splitlines()
    first = " ".join(lines[0].split()) if lines else ""
    if len(first) > NOTE_CHARS:
        first = first[: NOTE_CHARS - 1].rstrip() + "…"
    tags = " ".join(f"#{tag}" for tag in annotation.tags)
    head = f"note: {first}" if first else "highlight"
    return f"{head}  {tags}" if tags else head
