"""The result every extractor (Markdown, HTML, EPUB, PDF) returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.models import SourceMeta


@dataclass(frozen=True)
class Extracted:
    """Clean text extracted from marked-up content, and the title the markup declared."""

    text: str
    """Paragraphs separated by one blank line, ending with a newline; not yet normalised."""
    title: str | None = None
    meta: SourceMeta = field(default_factory=SourceMeta)
    pages: tuple[int, ...] = ()
    """Offsets in ``text`` where each page starts (PDFs), before normalisation."""
