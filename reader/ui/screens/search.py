"""Search every annotation in every document; results update as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.sanitize import safe_line
from reader.core.search import SearchHit
from reader.core.text import quoted
from reader.errors import ReaderError
from reader.ui.data_text import data_text
from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

RESULT_LIMIT = 100
PASSAGE_CHARS = 100


def hit_prompt(hit: SearchHit) -> Text:
    """One result: the document's title and tags, the snippet with its matches marked, and
    the annotated passage when the snippet is the note."""
    annotation = hit.annotation
    line = Text()
    line.append(safe_line(hit.document_title), style="bold")
    if annotation.tags:
        line.append(safe_line("  " + " ".join(f"#{tag}" for tag in annotation.tags)))
    if annotation.correction is not None:
        from reader.core.corrections import describe

        line.append(safe_line(f"  ✎ {describe(annotation.correction)}"))
    line.append("\n  ")
    snippet = Text(safe_line(hit.snippet))  # same length: the match offsets still hold
    for start, end in hit.matches:
        snippet.stylize("reverse", start, end)
    line.append_text(snippet)
    passage = " ".join(annotation.selector.exact.split())
    if passage and passage not in hit.snippet:
        line.append(f"\n  {safe_line(quoted(_shorten(passage, PASSAGE_CHARS)))}", style="italic")
    return line


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class SearchScreen(GuardedHandlers, Screen[None]):
    """A query box over a ranked list; Enter opens the document at the passage."""

    BINDINGS = bindings("search")

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[SearchHit] = []

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """Query, a message line and the results."""
        yield Static("Search annotations", id="search-title")
        yield Input(
            self.initial_query,
            placeholder='words, "phrases", tag:x, entity:Name, speaker:Name, -word, OR …',
            id="search-input",
        )
        yield Static("", id="search-message")
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the query and show everything (newest first) until something is typed."""
        self.query_one("#search-input", Input).focus()
        self.run_search(self.initial_query)

    @on(Input.Changed, "#search-input")
    def _on_query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _on_query_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = 0

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Search in a thread: ``entity:``/``speaker:`` may need analysis the first time."""
        worker = get_current_worker()
        try:
            hits = self.reader_app.service.search(query, limit=RESULT_LIMIT, prefix_last=True)
        except ReaderError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_error, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, hits, query)

    def show_error(self, message: str) -> None:
        """A malformed query: say where, keep the last results."""
        message_line = self.query_one("#search-message", Static)
        message_line.update(data_text(message))  # quotes the query: never markup
        message_line.add_class("error")

    def show_hits(self, hits: list[SearchHit], query: str = "") -> None:
        """Replace the results."""
        self.hits = hits
        message_line = self.query_one("#search-message", Static)
        message_line.remove_class("error")
        if hits:
            message = f"{len(hits)} result(s)" + ("" if query.strip() else ", newest first")
        elif query.strip():
            message = "No matches."
        else:
            message = "No annotations yet: select a passage while reading and press a."
        message_line.update(message)
        options = [Option(hit_prompt(hit), id=str(index)) for index, hit in enumerate(hits)]
        self.query_one("#search-results", OptionList).set_options(options)

    @on(OptionList.OptionSelected, "#search-results")
    def _on_result_chosen(self, event: OptionList.OptionSelected) -> None:
        from reader.ui.screens.reading import ReadingScreen

        hit = self.hits[int(event.option.id or 0)]
        offset = hit.annotation.selector.start
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        self.dismiss(None)
        # Already reading that document: move there instead of stacking a second copy.
        if isinstance(below, ReadingScreen) and below.document.id == hit.document_id:
            below.view.move_cursor_to(offset)
        else:
            self.reader_app.open_source(hit.document_id, offset=offset)

    def action_focus_results(self) -> None:
        """Down from the query box moves into the results, onto the first one."""
        results = self.query_one("#search-results", OptionList)
        results.focus()
        if results.highlighted is None and results.option_count:
            results.highlighted = 0

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
