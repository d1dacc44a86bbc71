"""The reading screen: the article, its marker bar, the side panel, find, status and analysis.

Analysis never blocks a key press: a cached result paints with the text; otherwise a child
process (``AnalysisJob``) starts after the first paint and a thread worker relays its
paragraph results here as they arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.core.analysis.results import Analysis, ParagraphResult
from reader.core.analysis.worker import AnalysisJob, JobEvent, JobFailed, JobProgress
from reader.core.models import ReadingPosition
from reader.core.service.documents import OpenedDocument
from reader.core.text import paragraph_spans
from reader.ui.messages import CursorMoved, FindChanged, MarkerJump, ViewportChanged
from reader.ui.screens.reading_notes import NoteActions
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.marker_bar import MarkerBar
from reader.ui.widgets.side_panel import PanelTarget, SidePanel

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

POSITION_SAVE_SECONDS = 5.0
POLL_SECONDS = 0.1


class ReadingScreen(NoteActions):
    """Read one document: highlights, side panel, find, and annotating (see NoteActions)."""

    BINDINGS = [
        Binding("q", "back", "Back"),
        Binding("p", "toggle_panel", "Panel"),
        Binding("slash", "find", "Find"),
        Binding("1", "toggle_layer('show_entities')", "Entities", show=False),
        Binding("2", "toggle_layer('show_quotes')", "Quotes", show=False),
        Binding("3", "toggle_layer('show_annotations')", "Notes", show=False),
        Binding("plus", "widen", "Wider", show=False),
        Binding("minus", "narrow", "Narrower", show=False),
        *NoteActions.NOTE_BINDINGS,
    ]

    def __init__(
        self, opened: OpenedDocument, *, quit_on_back: bool = False, offset: int | None = None
    ) -> None:
        super().__init__()
        self.opened = opened
        self.document = opened.document
        self.text = opened.text
        self.quit_on_back = quit_on_back
        self.start_offset = offset
        self.analysis: Analysis | None = None
        self.job: AnalysisJob | None = None
        self.analysis_status = ""
        self._saved_position = opened.document.position.offset
        self._entity_cursor: dict[str, int] = {}
        self.annotations = list(opened.annotations)
        self._undo = []

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """Article, marker bar and side panel in a row; find bar, status line and footer."""
        with Horizontal(id="reading-body"):
            yield ArticleView(id="article")
            yield MarkerBar(id="markers")
            yield SidePanel(id="side-panel")
        yield Input(placeholder="find in the article", id="find-bar")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        """Text first; cached highlights with it; fresh analysis after the first paint."""
        self.query_one("#find-bar", Input).display = False
        view = self.view
        self.paragraphs = paragraph_spans(self.text)
        view.load(self.text, self.paragraphs)
        self.refresh_annotations()
        cached = self.reader_app.service.cached_analysis(self.document)
        if cached is not None:
            self.apply_analysis(cached)
        else:
            self.analysis_status = "analysing…"
            self.call_after_refresh(self.start_analysis)
        offset = self.start_offset if self.start_offset is not None else self._saved_position
        view.cursor = min(offset, len(self.text))
        self.call_after_refresh(view.scroll_to_offset, offset)
        view.focus()
        for warning in self.opened.warnings:
            self.notify(warning, severity="warning")
        self._announce_reanchoring()
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        self.update_status()

    def _announce_reanchoring(self) -> None:
        opened = self.opened
        if opened.moved or opened.orphaned:
            self.notify(
                f"The text changed: {opened.moved} note(s) moved, {opened.orphaned} orphaned "
                "(see the Notes tab).",
                title="Re-anchored",
                timeout=8,
            )

    # analysis -----------------------------------------------------------------------------

    def start_analysis(self) -> None:
        """Start the analysis child process near what is on screen, and relay its results."""
        service = self.reader_app.service
        self.job = service.start_analysis_job(
            self.document, self.text, priority_offset=self.view.top_offset()
        )
        self.relay_analysis(self.job)

    @work(thread=True, exclusive=True, group="analysis")
    def relay_analysis(self, job: AnalysisJob) -> None:
        """Thread worker: poll the child process and hand its events to the UI thread."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            events = job.poll(POLL_SECONDS)
            if events and not worker.is_cancelled:
                self.app.call_from_thread(self.on_analysis_events, events, job.progress)
            if any(isinstance(event, Analysis | JobFailed) for event in events):
                return

    def on_analysis_events(self, events: list[JobEvent], progress: JobProgress) -> None:
        """Apply streamed events: paragraph highlights, then the final result or a failure."""
        for event in events:
            if isinstance(event, ParagraphResult):
                self.view.add_paragraph_result(event)
            elif isinstance(event, Analysis):
                self.apply_analysis(event)
                return
            else:
                self.analysis_status = "analysis failed"
                self.notify(f"Analysis failed: {event.message}", severity="error", timeout=10)
        if progress.words_total:
            percent = 100 * progress.words_done // progress.words_total
            self.analysis_status = f"analysing {percent}%"
        self.update_status()

    def apply_analysis(self, analysis: Analysis) -> None:
        """Show a complete analysis: highlights, markers, panel lists and any notice."""
        self.analysis = analysis
        view = self.view
        view.set_entities(analysis.entities)
        view.set_quotes(analysis.quotes)
        panel = self.query_one(SidePanel)
        panel.show_entities(analysis.entity_index)
        panel.show_quotes(analysis.quotes)
        self.query_one(MarkerBar).set_markers(
            "quote", [q.start for q in analysis.quotes], len(self.text)
        )
        self.analysis_status = ""
        for warning in analysis.warnings:
            self.notify(warning, title="Analysis", severity="warning", timeout=8)
        self.update_status()

    def stop_analysis(self) -> None:
        """Cancel the child process (on leaving the screen or quitting)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self.workers.cancel_group(self, "analysis")

    def on_unmount(self) -> None:
        """Leaving: stop the analysis and remember where we were."""
        self.stop_analysis()
        self.save_position()

    # position and status ------------------------------------------------------------------

    def save_position(self) -> None:
        """Persist the reading position as a text anchor when it changed."""
        view = self.view
        offset = view.top_offset()
        if offset == self._saved_position:
            return
        context = self.text[offset : offset + 32]
        position = ReadingPosition(offset=offset, context=context, progress=view.progress)
        self.reader_app.service.save_position(self.document.id, position)
        self._saved_position = offset

    def update_status(self) -> None:
        """Title, progress, position, find matches and analysis state on one line."""
        view = self.view
        line, total = view.cursor_line_info()
        parts = [self.document.title, f"{view.progress:.0f}%", f"line {line}/{total}"]
        if view.match_count:
            current = (view.current_match or 0) + 1
            parts.append(f"match {current}/{view.match_count}")
        if view.selection is not None:
            start, end = view.selection
            parts.append(f"selected {end - start} chars")
        if self.analysis_status:
            parts.append(self.analysis_status)
        self.query_one("#status", Static).update("  ·  ".join(parts))

    @on(CursorMoved)
    @on(ViewportChanged)
    def _on_view_changed(self, event: CursorMoved | ViewportChanged) -> None:
        if isinstance(event, ViewportChanged):
            self.query_one(MarkerBar).set_viewport(event.top_fraction, event.bottom_fraction)
        self.update_status()

    @on(FindChanged)
    def _on_find_changed(self, event: FindChanged) -> None:
        offsets = [start for start, _ in self.view.find_matches]
        self.query_one(MarkerBar).set_markers("find", offsets, len(self.text))
        self.update_status()

    @on(MarkerJump)
    def _on_marker_jump(self, event: MarkerJump) -> None:
        offset = int(event.fraction * len(self.text))
        self.view.move_cursor_to(offset)

    # panel, layers, find --------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        """Show or hide the side panel."""
        panel = self.query_one(SidePanel)
        panel.display = not panel.display
        if not panel.display:
            self.view.focus()

    def action_toggle_layer(self, layer: str) -> None:
        """Toggle the entity, quote or annotation highlights."""
        view = self.view
        setattr(view, layer, not getattr(view, layer))
        state = "on" if getattr(view, layer) else "off"
        self.notify(f"{layer.removeprefix('show_').capitalize()}: {state}", timeout=1.5)

    def action_widen(self) -> None:
        """A wider measure."""
        self.view.widen()

    def action_narrow(self) -> None:
        """A narrower measure."""
        self.view.narrow()

    def action_find(self) -> None:
        """Open the find bar."""
        bar = self.query_one("#find-bar", Input)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#find-bar")
    def _on_find_typed(self, event: Input.Changed) -> None:
        self.view.find(event.value) if event.value else self.view.clear_find()

    @on(Input.Submitted, "#find-bar")
    def _on_find_submitted(self, event: Input.Submitted) -> None:
        """Enter closes the bar and leaves the cursor on the first character of the match."""
        bar = self.query_one("#find-bar", Input)
        bar.display = False
        view = self.view
        if event.value and view.match_count:
            view.find_next(from_offset=view.cursor)
        view.focus()

    def key_escape(self) -> None:
        """Escape in the find bar closes it (highlights stay until escape in the article)."""
        bar = self.query_one("#find-bar", Input)
        if bar.display:
            bar.display = False
            self.view.focus()

    @on(PanelTarget)
    def _on_panel_target(self, event: PanelTarget) -> None:
        if event.kind == "quote" and self.analysis is not None:
            self.view.move_cursor_to(self.analysis.quotes[int(event.key)].start)
        elif event.kind == "entity":
            self._jump_to_entity(event.key)
        elif event.kind == "annotation":
            self.jump_to_annotation(event.key)

    def _jump_to_entity(self, entity_id: str) -> None:
        """First selection: first mention; each further selection: the next mention."""
        if self.analysis is None:
            return
        entity = next((e for e in self.analysis.entity_index if e.id == entity_id), None)
        if entity is None or not entity.mentions:
            return
        index = self._entity_cursor.get(entity_id, -1) + 1
        index %= len(entity.mentions)
        self._entity_cursor[entity_id] = index
        self.view.move_cursor_to(entity.mentions[index][0])
        self.notify(f"{entity.name}: mention {index + 1} of {len(entity.mentions)}", timeout=1.5)

    def action_back(self) -> None:
        """Back to the library, or quit when the reader was opened on a SOURCE."""
        self.save_position()
        if self.quit_on_back:
            self.app.exit()
        else:
            self.dismiss(None)
