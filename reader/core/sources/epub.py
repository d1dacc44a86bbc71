"""EPUB to reading text: chapters in spine order, each under its title, footnotes at its end.

``ebooklib`` reads the package (spine, table of contents, Dublin Core metadata); each
chapter's XHTML is walked with lxml, block by block. Images are skipped; footnotes (EPUB 3
``epub:type="footnote"``, ARIA ``doc-footnote``/``doc-endnote``, ``<aside>``) are moved to
the end of their chapter so they do not cut the text.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from reader.core.sources.extracted import Extracted
from reader.errors import SourceError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote pre dt dd figcaption td th caption div section".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_NOTE_TYPES = ("footnote", "endnote", "rearnote", "note")
_SKIPPED = frozenset("img svg script style head math object video audio".split())


def epub_to_text(data: bytes, name: str) -> Extracted:
    """The book's chapters as paragraphs, its title, author and other metadata."""
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError) as error:
        raise SourceError(f"cannot read {name} as an EPUB: {error}") from None
    except Exception as error:  # ebooklib raises its own EpubException and lxml errors
        raise SourceError(f"cannot read {name} as an EPUB: {error}") from None
    titles = _toc_titles(book.toc)
    blocks: list[str] = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if isinstance(item, epub.EpubNav):
            continue
        blocks.extend(chapter_blocks(item.get_content(), titles.get(item.get_name(), "")))
    if not blocks:
        raise SourceError(f"{name} has no readable text (its chapters are empty)")
    title = _first(book, "title")
    return Extracted(text="\n\n".join(blocks) + "\n", title=title or None, meta=_meta(book))


def _toc_titles(toc: Any) -> dict[str, str]:
    """Chapter file name -> its title in the table of contents (first link wins)."""
    titles: dict[str, str] = {}
    stack = list(toc) if isinstance(toc, list | tuple) else []
    while stack:
        entry = stack.pop(0)
        if isinstance(entry, tuple):
            section, children = entry[0], entry[1]
            stack = [section, *children, *stack]
            continue
        href = str(getattr(entry, "href", "") or "").split("#")[0]
        title = " ".join(str(getattr(entry, "title", "") or "").split())
        if href and title:
            titles.setdefault(href, title)
    return titles


def chapter_blocks(content: bytes, toc_title: str = "") -> list[str]:
    """One chapter's paragraphs: its heading first (the contents' title when it has none),
    then its text, then its footnotes."""
    import lxml.html

    try:
        root = lxml.html.fromstring(content)
    except (ValueError, lxml.etree.ParserError):
        return []
    body = root.find(".//body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    blocks, notes = walker.blocks, walker.notes
    if toc_title and not walker.has_heading:
        blocks.insert(0, toc_title)
    return blocks + notes


class _Walker:
    """Collects the text of innermost blocks in document order, notes aside."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.notes: list[str] = []
        self.has_heading = False

    def walk(self, element: HtmlElement, in_note: bool = False) -> None:
        tag = _tag(element)
        if tag in _SKIPPED:
            return
        note = in_note or _is_note(element)
        if tag in _BLOCKS and not _has_block_child(element):
            text = " ".join(_text(element).split())
            if text:
                (self.notes if note else self.blocks).append(text)
                self.has_heading = self.has_heading or (tag in _HEADINGS and not note)
            return
        # Text directly inside a container with blocks (rare): keep it as its own block.
        loose = " ".join((element.text or "").split())
        if loose and tag in _BLOCKS:
            (self.notes if note else self.blocks).append(loose)
        for child in element:
            self.walk(child, note)
            tail = " ".join((child.tail or "").split())
            if tail and tag in _BLOCKS:
                (self.notes if note else self.blocks).append(tail)


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _has_block_child(element: HtmlElement) -> bool:
    return any(_tag(child) in _BLOCKS for child in element.iter() if child is not element)


def _is_note(element: HtmlElement) -> bool:
    """A footnote or endnote (EPUB 3 types, ARIA roles) or an aside."""
    if _tag(element) == "aside":
        return True
    if _is_noteref(element):
        return False
    kinds = " ".join(
        str(value).lower()
        for key, value in element.attrib.items()
        if str(key).rsplit("}", 1)[-1].split(":")[-1] in ("type", "role", "class")
    )
    return any(kind in kinds for kind in _NOTE_TYPES)


def _text(element: HtmlElement) -> str:
    """The visible text of a block: images and scripts skipped."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if _is_noteref(child):
            parts.append(f"[{' '.join(_text(child).split())}]")
        elif _tag(child) not in _SKIPPED:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_noteref(element: HtmlElement) -> bool:
    """A footnote's mark in the text (``epub:type="noteref"``, ``role="doc-noteref"``)."""
    return any(
        "noteref" in str(value).lower()
        for key, value in element.attrib.items()
        if str(key).rsplit("}", 1)[-1].split(":")[-1] in ("type", "role")
    )


def _first(book: Any, field: str) -> str:
    values = book.get_metadata("DC", field)
    return " ".join(str(values[0][0]).split()) if values else ""


def _meta(book: Any) -> Any:
    from reader.core.library.meta import meta_from_values

    authors = [str(value) for value, _ in book.get_metadata("DC", "creator")]
    return meta_from_values(
        {
            "author": authors,
            "published": _first(book, "date"),
            "site": _first(book, "publisher"),
            "description": _first(book, "description"),
            "tags": [str(value) for value, _ in book.get_metadata("DC", "subject")],
        }
    )
