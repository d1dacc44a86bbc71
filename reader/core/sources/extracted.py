"""The result every extractor (Markdown, HTML) returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """Clean text extracted from marked-up content, and the title the markup declared."""

    text: str
    """Paragraphs separated by one blank line, ending with a newline; not yet normalised."""
    title: str | None = None
