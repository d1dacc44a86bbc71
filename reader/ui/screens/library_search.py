"""The library's search box over the text of every document (full-text, in the index).

Typing runs ``service.search_documents`` in a worker; the results replace the documents
table while the box holds a query. Enter on a result opens its document at the passage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.ui.data_text import data_text
from reader.ui.widgets.library_table import LibraryTable

if TYPE_CHECKING:
    from reader.core.index import PassageHit
    from reader.ui.screens.library import LibraryScreen

RESULT_LIMIT = 50


def passage_prompt(hit: PassageHit) -> Text:
    """A result: the document's title, then the passage with its matches marked."""
    line = data_text(hit.document_title, "bold")
    line.append("\n  ")
    snippet = data_text(hit.snippet)
    for start, end in hit.matches:
        snippet.stylize("reverse", start, end)
    return line.append_text(snippet)


class TextSearch:
    """The library screen's full-text search (owned by the screen)."""

    def __init__(self, screen: LibraryScreen) -> None:
        self.screen = screen
        self.hits: list[PassageHit] = []
        self._mounted = False

    def ensure_results(self) -> OptionList:
        """The list of results (shown only while there is a query), mounted here the first
        time it is needed: the library's first frame does not style a list it does not show."""
        if not self._mounted:
            self.screen.mount(OptionList(id="library-hits"), after="#library-table")
            self._mounted = True
        return self.screen.query_one("#library-hits", OptionList)

    def run(self, query: str) -> None:
        """Search for ``query`` (an empty query shows the documents again)."""
        shown = bool(query.strip())
        if shown or self._mounted:
            self.ensure_results().set_class(shown, "shown")
        self.screen.query_one(LibraryTable).display = not shown
        if shown:
            self.screen.run_worker(
                lambda: self._search(query), thread=True, exclusive=True, group="library-text"
            )

    def _search(self, query: str) -> None:
        worker = get_current_worker()
        service = self.screen.reader_app.service
        try:
            hits = service.search_documents(query, limit=RESULT_LIMIT)
        except ReaderError as error:
            if not worker.is_cancelled:
                self.screen.app.call_from_thread(self._show_error, str(error))
            return
        if not worker.is_cancelled:
            self.screen.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[PassageHit]) -> None:
        self.hits = hits
        options = [Option(passage_prompt(hit), id=str(n)) for n, hit in enumerate(hits)]
        if not options:
            options = [Option(Text("No matches in the text of any document."), disabled=True)]
        self.ensure_results().set_options(options)

    def _show_error(self, message: str) -> None:
        self.hits = []
        self.ensure_results().set_options([Option(data_text(message, "bold"), disabled=True)])

    def handles_enter(self) -> bool:
        """Enter in the box moves to the results; on a result it opens it. False otherwise."""
        box = self.screen.query_one("#library-search", Input)
        if box.has_focus:
            if self.hits:
                results = self.ensure_results()
                results.focus()
                results.highlighted = 0
            return True
        if not self._mounted:
            return False
        results = self.ensure_results()
        if not results.has_focus:
            return False
        index = results.highlighted
        if index is not None and index < len(self.hits):
            hit = self.hits[index]
            self.screen.reader_app.open_source(hit.document_id, offset=hit.start)
        return True
