"""What searches of the index return, and the one-line excerpts shown with them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.core.models import Annotation

OPEN, CLOSE = "\ue000", "\ue001"
"""Marks ``highlight()``/``snippet()`` put around matches (private-use characters)."""
SNIPPET_CHARS = 120
LEAD_CHARS = 40
ELLIPSIS = "…"
_SPACE = re.compile(r"\s")
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SearchHit:
    """One annotation found: ``matches`` are ``(start, end)`` spans inside ``snippet``."""

    annotation: Annotation
    document_id: str
    document_title: str
    score: float
    snippet: str
    matches: Spans = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``reader search --json``."""
        return {
            "annotation": self.annotation.to_dict(),
            "document": {"id": self.document_id, "title": self.document_title},
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class PassageHit:
    """A passage of a document's text found by a full-text search."""

    document_id: str
    document_title: str
    start: int
    end: int
    score: float
    snippet: str
    matches: Spans = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``reader search --in documents --json``."""
        return {
            "document": {"id": self.document_id, "title": self.document_title},
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class PersonRow:
    """One canonical entity of the library with its counts."""

    name: str
    label: str
    documents: int
    mentions: int
    quotes: int
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``reader people --json``."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class QuoteRow:
    """One quotation of the ledger."""

    text: str
    speaker: str | None
    form: str
    kind: str
    document_id: str
    document_title: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``reader quotes --json``."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "form": self.form,
            "kind": self.kind,
            "document": {"id": self.document_id, "title": self.document_title},
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class PersonDetail:
    """One entity across the library: where it appears, what it said, who appears with it."""

    name: str
    label: str
    documents: tuple[tuple[str, str, int, int], ...]
    """``(document id, title, mentions, first mention's offset)``, most mentions first."""
    quotes: tuple[QuoteRow, ...]
    companions: tuple[tuple[str, str, int], ...]
    """``(name, label, documents shared)`` of the entities most often in the same documents."""


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its marks, and the spans they enclosed (neighbours merged).

    A mark is ``OPEN`` to the next ``CLOSE`` (as ``OPEN(.*?)CLOSE``; an ``OPEN`` with no
    ``CLOSE`` after it stays as text), found with ``str.find``: a quarter faster.
    """
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = length = 0
    while (opened := marked.find(OPEN, position)) >= 0:
        closed = marked.find(CLOSE, opened + 1)
        if closed < 0:
            break
        before, inside = marked[position:opened], marked[opened + 1 : closed]
        pieces += [before, inside]
        start = length + len(before)
        length = start + len(inside)
        if spans and not before.strip() and spans[-1][1] == start - len(before):
            spans[-1] = (spans[-1][0], length)  # neighbouring words make one mark
        else:
            spans.append((start, length))
        position = closed + 1
    pieces.append(marked[position:])
    return "".join(pieces), spans


def excerpt(marked: list[str]) -> tuple[str, Spans]:
    """About ``SNIPPET_CHARS`` of the first text with a mark (else of the first non-empty)."""
    fallback = None
    for text in marked:
        if OPEN in text:  # only marked texts need taking apart
            plain, spans = unmark(text)
            if spans:
                return window(plain, spans)
            text = plain
        if fallback is None and text.strip():
            fallback = text
    return window(fallback, []) if fallback is not None else ("", ())


def window(text: str, spans: list[tuple[int, int]]) -> tuple[str, Spans]:
    """Cut ``text`` to about ``SNIPPET_CHARS`` around its first span; shift spans to match."""
    first = spans[0][0] if spans else 0
    start = 0 if first <= LEAD_CHARS else min(first, _word_start(text, first - LEAD_CHARS))
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = _word_end(text, end, floor=max(first, start) + 1)
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    shown = text[start:end]
    if not shown.isprintable():  # every whitespace but " " is unprintable: else nothing to do
        shown = _SPACE.sub(" ", shown)
    shown = head + shown + tail
    shift = len(head) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return shown, kept


def _word_start(text: str, position: int) -> int:
    while 0 < position < len(text) and not text[position - 1].isspace():
        position += 1
    return position


def _word_end(text: str, position: int, floor: int) -> int:
    cut = position
    while cut > floor and not text[cut].isspace():
        cut -= 1
    return cut if cut > floor else position
