"""Filtering and sorting the library: by reading state, tag, words of the title or author.

Pure functions over already loaded records, so the TUI filters as you type without
touching the store, and ``reader list`` filters the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from reader.core.models import Document, ReadingState

SORT_ORDERS = ("last opened", "added", "published", "title", "progress")
"""The library's sort orders, in the order ``S`` cycles through them."""

_Item = TypeVar("_Item")


def matches(
    document: Document,
    state: ReadingState | None = None,
    tag: str | None = None,
    words: str = "",
) -> bool:
    """Whether ``document`` is in ``state``, has ``tag`` (any case) and every word of
    ``words`` in its title or author (any case, in any order)."""
    if state is not None and document.state != state:
        return False
    if tag is not None:
        wanted = tag.strip().lstrip("#").casefold()
        if all(own.casefold() != wanted for own in document.tags):
            return False
    if words:
        haystack = f"{document.title} {document.author}".casefold()
        return all(word in haystack for word in words.casefold().split())
    return True


def sort_key(order: str) -> Callable[[Document], Any]:
    """The key of a sort order; every order but title puts the newest (or furthest) first."""
    keys: dict[str, Callable[[Document], Any]] = {
        "last opened": lambda d: d.last_opened,
        "added": lambda d: d.first_opened,
        "published": lambda d: (bool(d.published), d.published),
        "title": lambda d: d.title.casefold(),
        "progress": lambda d: d.position.progress,
    }
    return keys[order]


def arranged(
    items: Iterable[_Item],
    document_of: Callable[[_Item], Document],
    order: str = "last opened",
    state: ReadingState | None = None,
    tag: str | None = None,
    words: str = "",
) -> list[_Item]:
    """``items`` (documents or rows holding one) filtered and sorted for the library."""
    kept = [item for item in items if matches(document_of(item), state, tag, words)]
    key = sort_key(order)
    return sorted(kept, key=lambda item: key(document_of(item)), reverse=order != "title")


def filter_documents(
    documents: Sequence[Document], state: ReadingState | None = None, tag: str | None = None
) -> list[Document]:
    """``reader list --state S --tag T``: the documents in that state with that tag."""
    return [d for d in documents if matches(d, state, tag)]
