"""HTML to clean reading text: the main text and title, extracted with trafilatura."""

from __future__ import annotations

import re

from reader.core.sources.extracted import Extracted
from reader.errors import SourceError

_LIST_DASH = re.compile(r"^- ")


def html_to_text(markup: str, name: str, url: str | None = None) -> Extracted:
    """Extract the main text of an HTML page, one paragraph per block, and its title.

    Raises ``SourceError`` when the page has no readable text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False
    )
    body = getattr(document, "text", None) or ""
    paragraphs = [line for line in map(_plain, body.split("\n")) if line]
    if not paragraphs:
        raise SourceError(f"{name} has no readable text (nothing could be extracted from its HTML)")
    # trafilatura takes the title from the page's metadata: og:title, <title> or a heading.
    title = getattr(document, "title", None)
    return Extracted(text="\n\n".join(paragraphs) + "\n", title=title)


def _plain(line: str) -> str:
    """One line of trafilatura's text output without its list and table markers."""
    line = line.strip()
    if line.startswith("|") and line.endswith("|"):
        # A table row "| a | b |": keep the cell separators, drop the frame.
        line = line.strip("|").strip()
    # trafilatura writes list items as "- item"; the reader shows the same bullet everywhere.
    return _LIST_DASH.sub("• ", line)
