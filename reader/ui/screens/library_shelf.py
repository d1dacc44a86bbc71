"""The library's reading-life keys: filter by state and tag, sort, search titles and authors
as you type, and edit a document's record (issue 15).

Everything works on the rows the library already loaded: filtering and sorting never read
the store, so typing in the filter box stays instant with thousands of documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from reader.core.library.listing import SORT_ORDERS, arranged, matches
from reader.core.models import Document, ReadingState
from reader.core.service.reading import LibraryRow
from reader.ui.data_text import data_text
from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings
from reader.ui.widgets.library_table import LibraryTable

if TYPE_CHECKING:
    from reader.core.service import ReaderService
    from reader.ui.app import ReaderApp

STATE_FILTERS: tuple[ReadingState | None, ...] = (None, *ReadingState)
"""What ``f`` cycles through: every state, then each one."""


class FilterInput(GuardedHandlers, Input):
    """The filter box: down or escape goes back to the table (the filter stays)."""

    BINDINGS = bindings("shelf")

    def action_to_table(self) -> None:
        """Focus the library table."""
        self.screen.query_one("#library-table", LibraryTable).focus()


def title_cell(document: Document, width: int) -> Text:
    """The title, then (dimmed) who wrote it and when, cut together to ``width`` cells."""
    from reader.ui.screens.library import clip

    byline = ", ".join(part for part in (document.author, document.published) if part)
    title = " ".join(document.title.split())
    whole = clip(f"{title} — {byline}" if byline else title, width)
    cell = data_text(whole[: len(title)])
    cell.append_text(data_text(whole[len(title) :], "dim"))
    return cell


class LibraryShelf(GuardedHandlers, Screen[None]):
    """Base of ``LibraryScreen``: the filter box, the sort order and the state filter."""

    # Its keys (/, S, f, e, x) are in reader.ui.keymap, with the library screen's.

    loaded_rows: list[LibraryRow] = []
    row_order: str = SORT_ORDERS[0]
    state_filter: ReadingState | None = None
    filter_words: str = ""
    partial_note: str = ""
    """Why ``loaded_rows`` may not be every document (said on the shelf line), or empty."""

    @property
    def reader_service(self) -> ReaderService:
        """The service facade."""
        return cast("ReaderApp", self.app).service

    def show_rows(self) -> None:
        """Fill the table from ``loaded_rows`` (the library screen does)."""

    def _selected_key(self) -> str | None:
        """The highlighted row's key (the library screen knows its table)."""
        return None

    def compose_shelf(self) -> ComposeResult:
        """The filter box and the line saying how the rows are filtered and sorted."""
        yield FilterInput(
            placeholder="/ filter by title or author; #tag for a tag", id="library-filter"
        )
        yield Static(self._shelf_line(), id="library-shelf")

    def show_shelf(self, shown: bool) -> None:
        """The filter box and the sort line only make sense with documents to filter."""
        self.query_one("#library-filter", Input).display = shown
        self.query_one("#library-shelf", Static).display = shown

    def arranged_rows(self) -> list[LibraryRow]:
        """The loaded rows with the filter box's words, the state filter and the sort."""
        words = [w for w in self.filter_words.split() if not w.startswith("#")]
        tags = [w[1:] for w in self.filter_words.split() if w.startswith("#") and len(w) > 1]
        rows = arranged(
            self.loaded_rows,
            lambda row: row.document,
            self.row_order,
            self.state_filter,
            tags[0] if tags else None,
            " ".join(words),
        )
        for tag in tags[1:]:
            rows = [row for row in rows if matches(row.document, tag=tag)]
        return rows

    def _shelf_line(self) -> str:
        state = self.state_filter.value if self.state_filter else "all"
        line = f"sorted by {self.row_order} (S) · showing {state} (f) · e: edit document"
        return f"{line} · {self.partial_note}" if self.partial_note else line

    def reshow(self) -> None:
        """The shelf line and the rows, filtered and sorted again."""
        self.query_one("#library-shelf", Static).update(data_text(self._shelf_line()))
        self.show_rows()

    @on(Input.Changed, "#library-filter")
    def _on_filter_typed(self, event: Input.Changed) -> None:
        self.filter_words = event.value
        self.reshow()

    @on(Input.Submitted, "#library-filter")
    def _on_filter_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#library-table", LibraryTable).focus()

    def action_focus_filter(self) -> None:
        """Type to filter the titles and authors."""
        self.query_one("#library-filter", Input).focus()

    def action_next_sort(self) -> None:
        """Sort by added, last opened, published, title or progress (cycling)."""
        index = SORT_ORDERS.index(self.row_order)
        self.row_order = SORT_ORDERS[(index + 1) % len(SORT_ORDERS)]
        self.reshow()

    def action_next_state_filter(self) -> None:
        """Show every document, then only unread, reading, done, archived (cycling)."""
        index = STATE_FILTERS.index(self.state_filter)
        self.state_filter = STATE_FILTERS[(index + 1) % len(STATE_FILTERS)]
        self.reshow()

    def selected_document(self) -> Document | None:
        """The highlighted document (None on an empty library or the sample row)."""
        key = self._selected_key()
        return next((r.document for r in self.loaded_rows if r.document.id == key), None)

    def action_edit_document(self) -> None:
        """The document panel for the highlighted document."""
        from reader.ui.screens.document_actions import edit_document

        document = self.selected_document()
        if document is not None:
            edit_document(self, self.reader_service, document, self._replace_document)

    def action_mark_done(self) -> None:
        """Mark the highlighted document done (again: back to reading)."""
        from reader.core.service.library import DocumentEdit

        document = self.selected_document()
        if document is None:
            return
        done = document.state == ReadingState.DONE
        state = ReadingState.READING if done else ReadingState.DONE
        updated = self.reader_service.edit_document(document.id, DocumentEdit(state=state.value))
        self._replace_document(updated)
        self.notify(f"Marked {state.value}.", timeout=1.5)

    def _replace_document(self, document: Document) -> None:
        """Show an edited record without reading the store again."""
        self.loaded_rows = [
            LibraryRow(document, row.annotations) if row.document.id == document.id else row
            for row in self.loaded_rows
        ]
        self.show_rows()
