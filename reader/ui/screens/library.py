"""The library: every document with its notes, progress and last opened time, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from reader.core.service.reading import LibraryRow
from reader.errors import ReaderError
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.dialogs.open_source import OpenSourceDialog

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

SAMPLE_KEY = "__sample__"


def _when(timestamp: str) -> str:
    """``2026-11-28T20:40:00.000Z`` -> ``2026-11-28 20:40``."""
    return timestamp[:16].replace("T", " ")


class LibraryScreen(Screen[None]):
    """Documents you have read; Enter opens, ``o`` opens a new source, ``d`` deletes."""

    BINDINGS = [
        Binding("enter", "open_selected", "Open", show=True, priority=True),
        Binding("o", "open_source", "Open file/URL"),
        Binding("d", "delete_selected", "Delete"),
        Binding("q", "app.quit", "Quit"),
    ]

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """A title, the documents table and the footer."""
        yield Static("Library", id="library-title")
        yield Static("", id="library-empty")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.add_columns("Title", "Source", "Notes", "Read", "Last opened")
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        """Counts and progress change while reading: refresh on return."""
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Reload the documents from the service."""
        table = self.query_one(DataTable)
        table.clear()
        rows = self.reader_app.service.library()
        for row in rows:
            table.add_row(*self._cells(row), key=row.document.id)
        empty = self.query_one("#library-empty", Static)
        if rows:
            empty.display = False
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
        table.add_row("Sample article", str(sample), "", "", "", key=SAMPLE_KEY)

    @staticmethod
    def _cells(row: LibraryRow) -> tuple[str, str, str, str, str]:
        document = row.document
        progress = f"{document.position.progress:.0f}%"
        return (
            document.title,
            document.source,
            str(row.annotations),
            progress,
            _when(document.last_opened),
        )

    def _selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def action_open_selected(self) -> None:
        """Open the highlighted document (or the sample)."""
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

    def action_open_source(self) -> None:
        """Ask for a path or URL and open it."""

        def opened(source: str | None) -> None:
            if source:
                self.reader_app.open_source(source)

        self.app.push_screen(OpenSourceDialog(), opened)

    def action_delete_selected(self) -> None:
        """Delete the highlighted document after confirmation, saying what happens to notes."""
        key = self._selected_key()
        if key is None or key == SAMPLE_KEY:
            return
        rows = {row.document.id: row for row in self.reader_app.service.library()}
        row = rows.get(key)
        if row is None:
            return
        question = (
            f"Delete “{row.document.title}” from the library?\n"
            f"Its {row.annotations} annotation(s) will be deleted too "
            "(keep them first with: reader export --doc "
            f"{row.document.id[:8]} -o notes.json). The source file is not touched."
        )

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
        self.refresh_rows()
