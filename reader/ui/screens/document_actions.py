"""A document's own record in the TUI: the document panel, the page in the status line, and
citations that name the author and date. Shared by the reading screen and the library."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from reader.core.models import Document
from reader.core.text import quoted
from reader.ui.data_text import data_text

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.core.service import ReaderService


def page_label(pages: tuple[int, ...], offset: int) -> str:
    """``p. 12/300`` for a paged document (a PDF); ``""`` for others."""
    if not pages:
        return ""
    return f"p. {max(1, bisect_right(pages, offset))}/{len(pages)}"


def document_citation(passage: str, document: Document) -> str:
    """``“passage” — Author, Title (Site, 2024-03-05), URL`` on one line.

    Without metadata this is ``“passage” — Title, source``; a stdin source is left out.
    """
    flat = " ".join(passage.split())
    who = f"{document.author}, " if document.author else ""
    when = ", ".join(part for part in (document.site, document.published) if part)
    where = document.url or ("" if document.source.startswith("stdin:") else document.source)
    title = " ".join(document.title.split())
    when = f" ({when})" if when else ""
    where = f", {where}" if where else ""
    return f"{quoted(flat)} — {who}{title}{when}{where}"


def document_card(document: Document) -> Text:
    """The Notes tab's summary of the document: byline, state, tags and its note."""
    card = Text()
    byline = " · ".join(p for p in (document.author, document.published, document.site) if p)
    if byline:
        card.append_text(data_text(byline, "bold"))
        card.append("\n")
    card.append(f"[{document.state.value}]", style="italic")
    if document.tags:
        card.append(" ")
        card.append_text(data_text(" ".join(f"#{tag}" for tag in document.tags), "bold"))
    if document.note:
        card.append("\n")
        card.append_text(data_text(_excerpt(document.note)))
    card.append("\nD: edit the document's note, tags, state", style="dim")
    return card


def _excerpt(note: str, limit: int = 160) -> str:
    flat = " ".join(note.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def edit_document(
    screen: Screen[None],
    service: ReaderService,
    document: Document,
    saved: Callable[[Document], None],
) -> None:
    """Open the document panel for ``document``; ``saved`` receives the new record."""
    from reader.ui.dialogs.document_editor import DocumentEditor

    def done(result: Document | None) -> None:
        if result is not None:
            saved(result)
            screen.notify("Document saved.", timeout=1.5)

    editor = DocumentEditor(document, lambda edit: service.edit_document(document.id, edit))
    screen.app.push_screen(editor, done)
