"""The result every extractor (Markdown, HTML, EPUB, PDF) returns."""

from __future__ import annotations

from typing import NamedTuple

from reader.core.document_models import NO_META, SourceMeta


class Extracted(NamedTuple):
    """Clean text extracted from marked-up content, and the title the markup declared.

    A ``NamedTuple``, not a frozen dataclass: a plain-text file's start makes one, and a
    dataclass costs about 0.6 ms to create at import. The default ``meta`` is one shared,
    immutable ``SourceMeta``.
    """

    text: str
    """Paragraphs separated by one blank line, ending with a newline; not yet normalised."""
    title: str | None = None
    meta: SourceMeta = NO_META
    pages: tuple[int, ...] = ()
    """Offsets in ``text`` where each page starts (PDFs), before normalisation."""
