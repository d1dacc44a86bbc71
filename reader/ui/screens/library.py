"""The library: every document with its notes, progress and last opened time, newest first."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.events import ScreenResume
from textual.message import Message
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.core.service.reading import LibraryRow, library_rows
from reader.errors import ReaderError
from reader.ui.data_text import data_text
from reader.ui.keymap import bindings
from reader.ui.screens.library_search import TextSearch
from reader.ui.screens.library_shelf import LibraryShelf, title_cell
from reader.ui.widgets.library_table import LibraryTable

if TYPE_CHECKING:
    from reader.core.models import Document
    from reader.ui.app import ReaderApp

SAMPLE_KEY = "__sample__"
SOURCE_WIDTH = 24
STATE_COLUMN_WIDTH = 8 + 2
"""The State column (unread, reading, done, archived) with its cell padding."""
FIXED_COLUMNS_WIDTH = SOURCE_WIDTH + 5 + 5 + 16 + 5 * 2 + 2 + STATE_COLUMN_WIDTH
"""Source, Notes, Read and Last opened, with the table's cell padding and a margin."""
MIN_TITLE_WIDTH = 20
COLUMNS = ("Title", "Source", "Notes", "Read", "Last opened", "State")
NOTICE_AFTER_SECONDS = 0.3
SCAN_AFTER_SECONDS = 0.05
"""A store scan that takes longer than this says so (and Escape stops it)."""


def _when(timestamp: str) -> str:
    """``2026-11-28T20:40:00.000Z`` -> ``2026-11-28 20:40``."""
    return timestamp[:16].replace("T", " ")


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal cells with an ellipsis.

    Cells, not characters: a CJK title is cut at half the characters of a Latin one.
    """
    flat = " ".join(text.split())
    if cell_len(flat) <= width:
        return flat
    kept, used = [], 0
    for char in flat:
        used += cell_len(char)
        if used > width - 1:  # room for the ellipsis
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def short_source(source: str) -> str:
    """A source as people read it: a file's name, a URL's host and path, ``stdin`` as is."""
    if "://" in source:
        from urllib.parse import urlsplit

        parts = urlsplit(source)
        return (parts.netloc + parts.path).rstrip("/") or source
    if source.startswith("stdin:") or source == "-":
        return "stdin"
    return PurePath(source).name or source


class LibraryScreen(LibraryShelf):
    """Documents you have read; Enter opens, ``o`` opens a new source, ``d`` deletes."""

    BINDINGS = bindings("library")
    AUTO_FOCUS = "#library-table"
    """Focus the table at once: Textual's default (the first focusable widget, the filter
    box) would style the box focused, then blurred, before the first frame."""

    scan_pending = False
    """A store scan is scheduled or running (tests wait for it; Escape stops it)."""
    _shown_width = 0
    _all_titles = False
    """``loaded_rows`` holds every document (until the first scan, only a screenful)."""
    _counts_dropped = False
    """Escape stopped this scan: its titles still come (for the filter), its counts not."""
    _resumed = False
    """The screen has had its first resume (see ``post_message``)."""

    def __init__(self) -> None:
        super().__init__()
        self.text_search = TextSearch(self)
        self.partial_note = "reading every title…"  # until the worker brings them
        self._shown_cells: dict[str, tuple[LibraryRow, int, tuple[Text, ...]]] = {}
        """Document id -> (its row, the title width, its cells), for the next filter key."""

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """A title, the filter and text search boxes, the documents (or text results)."""
        yield Static("Library", id="library-title")
        yield from self.compose_shelf()
        yield Input(placeholder="F: search the text of every document", id="library-search")
        yield Static("", id="library-empty")
        yield LibraryTable(*COLUMNS, id="library-table")
        yield Static(id="footer-slot")  # the footer (a widget per key) follows the first frame

    def post_message(self, message: Message) -> bool:
        """The first resume follows the mount, which styled every widget: Textual would
        style the whole screen again on it (its default), before the first frame."""
        if isinstance(message, ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def on_mount(self) -> None:
        """A screenful of titles at once (the store's main file only); every row and the
        note counts follow from a worker (``on_screen_resume``)."""
        recent = self.reader_app.service.recent_documents(self.app.size.height)
        self.loaded_rows = [LibraryRow(d, -1) for d in recent]
        self._all_titles = False
        self.show_rows()
        self._shown_width = self.size.width
        self.set_timer(SCAN_AFTER_SECONDS, self._mount_footer)

    async def _mount_footer(self) -> None:
        """The footer, in its slot, after the first frame (as on the reading screen)."""
        slot = self.query_one("#footer-slot")
        await self.mount(Footer(), before=slot)
        await slot.remove()
        self.refresh_bindings()  # a footer mounted late waits for this signal to show its keys

    def on_resize(self) -> None:
        """Titles are cut to the width: recut them (from the rows held, no store read)."""
        if self.size.width != self._shown_width:
            self._shown_width = self.size.width
            self.show_rows()

    def on_screen_resume(self) -> None:
        """Counts and progress change while reading: read the store again on return (a
        moment after the screen shows: the scan's thread would hold up the first frame)."""
        self.scan_pending = True
        self._counts_dropped = False
        self.set_timer(SCAN_AFTER_SECONDS, self.refresh_rows)

    @work(thread=True, exclusive=True, group="library-scan")
    def refresh_rows(self) -> None:
        """Thread worker: every title first (the store's main file: the filter and the sort
        need them all), then the note counts (a scan of every annotation)."""
        worker = get_current_worker()
        service = self.reader_app.service
        self.app.call_from_thread(self.set_timer, NOTICE_AFTER_SECONDS, self._announce_scan)
        try:
            try:
                documents = service.list_documents()
            except ReaderError as error:
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._titles_failed, str(error))
                return
            # Escape drops the counts, not the titles (the filter would see a screenful).
            if not self._all_titles and (not worker.is_cancelled or self._counts_dropped):
                self.app.call_from_thread(self._titles_read, documents)
            try:
                counts = service.annotation_counts()
            except ReaderError as error:
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._counts_failed, documents, str(error))
                return
            if not worker.is_cancelled:
                self.app.call_from_thread(self._rows_read, library_rows(documents, counts))
        finally:
            self.scan_pending = False

    def _scanning(self) -> bool:
        return self.scan_pending or any(
            w.group == "library-scan" and w.is_running for w in self.workers
        )

    def _announce_scan(self) -> None:
        if self._scanning():
            self.notify("Reading the library… (Escape stops)", timeout=3)

    def action_stop_scan(self) -> None:
        """Escape while the store is read: keep the rows shown; every title still follows
        (from the worker, never read here: the store is not read on the event loop)."""
        if not self._scanning():
            raise SkipAction()
        self._counts_dropped = True
        self.workers.cancel_group(self, "library-scan")
        self.scan_pending = False
        self.notify("Stopped reading the library; the list may be out of date.", timeout=3)

    def _titles_read(self, documents: list[Document]) -> None:
        """Every title, the counts not read yet: filter and sort now see every document."""
        if not self._all_titles:
            self._load_rows([LibraryRow(d, -1) for d in documents])

    def _titles_failed(self, message: str) -> None:
        self.notify(message, severity="error")
        if not self._all_titles:
            self.partial_note = f"only the newest {len(self.loaded_rows)}: the list failed"
            self.reshow()

    def _counts_failed(self, documents: list[Document], message: str) -> None:
        """The counts could not be read: every title still shows, its count as unknown."""
        self.notify(message, severity="error")
        self._load_rows([LibraryRow(d, -1) for d in documents])

    def _rows_read(self, rows: list[LibraryRow]) -> None:
        self._load_rows(rows)

    def _load_rows(self, rows: list[LibraryRow]) -> None:
        """Hold ``rows`` as every document (forgetting the cells of documents gone), then
        show them with the filter and sort typed meanwhile."""
        self.loaded_rows = rows
        self._all_titles = True
        self.partial_note = ""
        known = {row.document.id for row in rows}
        for gone in self._shown_cells.keys() - known:
            del self._shown_cells[gone]
        if self.is_attached and self.query("#library-shelf"):  # not while the app closes
            self.reshow()

    def show_rows(self) -> None:
        """Fill the table from the loaded rows, filtered and sorted (no store read)."""
        table = self.query_one(LibraryTable)
        rows = self.arranged_rows()
        self.show_shelf(bool(self.loaded_rows))
        title_width = max(MIN_TITLE_WIDTH, self.size.width - FIXED_COLUMNS_WIDTH)
        table.set_rows([(row.document.id, self._row_cells(row, title_width)) for row in rows])
        empty = self.query_one("#library-empty", Static)
        if rows or self.loaded_rows:
            empty.display = not rows
            if self.partial_note:  # not every title is read: say so, never "no match"
                empty.update(data_text(f"No match among the newest titles ({self.partial_note})."))
            else:
                empty.update("No document matches the filter.")
            return
        from reader.ui.app import sample_article

        sample = sample_article()
        empty.display = True
        if sample is None:
            empty.update("Your library is empty. Press o to open a file or URL.")
            return
        empty.update(
            "Your library is empty. Press Enter to read the sample article, o for your own."
        )
        source = short_source(str(sample))
        cells = [data_text(text) for text in ("Sample article", source, "", "", "", "")]
        table.set_rows([(SAMPLE_KEY, cells)])

    def _row_cells(self, row: LibraryRow, title_width: int) -> tuple[Text, ...]:
        """A row's cells, made again only when its row or the width changed (typing in the
        filter box re-shows hundreds of rows, most of them shown before)."""
        known = self._shown_cells.get(row.document.id)
        if known is not None and known[0] is row and known[1] == title_width:
            return known[2]
        cells = self._cells(row, title_width)
        self._shown_cells[row.document.id] = (row, title_width, cells)
        return cells

    @staticmethod
    def _cells(row: LibraryRow, title_width: int) -> tuple[Text, ...]:
        document = row.document
        progress = f"{document.position.progress:.0f}%"
        return (
            title_cell(document, title_width),
            data_text(clip(short_source(document.source), SOURCE_WIDTH)),
            data_text(str(row.annotations) if row.annotations >= 0 else "…"),
            data_text(progress),
            data_text(_when(document.last_opened)),
            data_text(document.state.value),
        )

    def _selected_key(self) -> str | None:
        return self.query_one(LibraryTable).cursor_key

    def action_open_selected(self) -> None:
        """Open the highlighted document (or the sample), or the highlighted text result."""
        if self.text_search.handles_enter():
            return
        key = self._selected_key()
        if key is None:
            return
        if key == SAMPLE_KEY:
            from reader.ui.app import sample_article

            sample = sample_article()
            if sample is not None:
                self.reader_app.open_source(str(sample))
            return
        self.reader_app.open_source(key)

    def action_find_text(self) -> None:
        """Move to the search box over every document's text."""
        self.query_one("#library-search", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape clears the text search only when there is one (else the app's escape,
        which cancels a fetch, runs)."""
        if action == "clear_text_search":
            return bool(self.query_one("#library-search", Input).value)
        return super().check_action(action, parameters)

    def action_clear_text_search(self) -> None:
        """Empty the text search box and go back to the documents."""
        self.query_one("#library-search", Input).value = ""
        self.query_one(LibraryTable).focus()

    @on(Input.Changed, "#library-search")
    def _on_text_query(self, event: Input.Changed) -> None:
        self.text_search.run(event.value)

    def action_open_source(self) -> None:
        """Ask for a path or URL and open it."""
        from reader.ui.dialogs.open_source import OpenSourceDialog

        def opened(source: str | None) -> None:
            if source:
                self.reader_app.open_source(source)

        self.app.push_screen(OpenSourceDialog(), opened)

    def action_delete_selected(self) -> None:
        """Delete the highlighted document after confirmation, saying what happens to notes."""
        from reader.ui.dialogs.confirm import ConfirmDialog

        key = self._selected_key()
        if key is None or key == SAMPLE_KEY:
            return
        rows = {row.document.id: row for row in self.loaded_rows}
        row = rows.get(key)
        if row is None:
            return
        title = clip(row.document.title, 60)
        if row.annotations < 0:
            fate = (
                "Its notes (not counted yet) will be deleted too (keep them first with: "
                f"reader export --doc {row.document.id[:8]} -o notes.json)."
            )
        elif row.annotations > 0:
            fate = (
                f"Its {row.annotations} annotation(s) will be deleted too (keep them first "
                f"with: reader export --doc {row.document.id[:8]} -o notes.json)."
            )
        else:
            fate = "It has no annotations."
        question = f"Delete “{title}” from the library?\n{fate} The source file is not touched."

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(key)

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep"), answer)

    def _delete(self, document_id: str) -> None:
        try:
            removed = self.reader_app.service.delete_document(document_id)
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Deleted the document and {removed} annotation(s).")
        self._counts_dropped = False
        self.refresh_rows()
