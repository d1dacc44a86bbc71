"""HTML to clean reading text: the main text and title, extracted with trafilatura."""

from __future__ import annotations

import json
import re
from typing import Any

from reader.core.models import SourceMeta
from reader.core.sources.extracted import Extracted
from reader.errors import SourceError

_LIST_DASH = re.compile(r"^- ")
_JSON_LD = re.compile(
    r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S
)


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
    meta = page_meta(document, markup)
    return Extracted(text="\n\n".join(paragraphs) + "\n", title=title, meta=meta)


def page_meta(document: Any, markup: str) -> SourceMeta:
    """Author, date, site, canonical URL and description: what trafilatura found in the
    meta tags and JSON-LD, with the JSON-LD ``url`` and ``description`` it leaves out."""
    from reader.core.library.meta import meta_from_values

    linked = _json_ld_article(markup)
    return meta_from_values(
        {
            "author": getattr(document, "author", None) or "",
            "published": getattr(document, "date", None) or "",
            "site": getattr(document, "sitename", None) or "",
            "url": getattr(document, "url", None) or linked.get("url") or "",
            "description": getattr(document, "description", None)
            or linked.get("description")
            or "",
        }
    )


def _json_ld_article(markup: str) -> dict[str, str]:
    """The ``url`` and ``description`` of the first JSON-LD object that has either."""
    for block in _JSON_LD.findall(markup[:500_000]):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            found = {
                key: item[key] for key in ("url", "description") if isinstance(item.get(key), str)
            }
            if found:
                return found
    return {}


def _plain(line: str) -> str:
    """One line of trafilatura's text output without its list and table markers."""
    line = line.strip()
    if line.startswith("|") and line.endswith("|"):
        # A table row "| a | b |": keep the cell separators, drop the frame.
        line = line.strip("|").strip()
    # trafilatura writes list items as "- item"; the reader shows the same bullet everywhere.
    return _LIST_DASH.sub("• ", line)
