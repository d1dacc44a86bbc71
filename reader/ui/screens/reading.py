"""The reading screen: the article, its marker bar, the side panel, find, status and analysis.

Analysis never blocks a key press: a cached result paints with the text; otherwise a child
process (``AnalysisJob``) starts after the first paint and a thread worker relays its
paragraph results here as they arrive.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.core.service import SourcePreview
from reader.core.service.documents import OpenedDocument
from reader.core.settings import save_settings
from reader.core.text import paragraph_spans, quoted
from reader.errors import ReaderError
from reader.ui.keymap import bindings
from reader.ui.messages import CursorMoved, FindChanged, MarkerJump, ViewportChanged
from reader.ui.screens.cursor_context import QuoteFinder, describe_note, describe_quote
from reader.ui.screens.document_actions import page_label
from reader.ui.screens.history import ChangeHistory
from reader.ui.screens.reading_setup import ReadingSetup
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.marker_bar import MarkerBar
from reader.ui.widgets.side_panel import PanelTarget, SidePanel
from reader.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    # The analysis job and the result types are imported after the first paint.
    from reader.core.analysis.results import Analysis
    from reader.core.analysis.worker import AnalysisJob, JobEvent, JobProgress
    from reader.ui.app import ReaderApp

POSITION_SAVE_SECONDS = 5.0
POLL_SECONDS = 0.1
COMPLETE_AFTER_SECONDS = 0.05
"""The rest of the screen waits this long: the first frame must reach the terminal first
(Textual writes it from a thread that the mounting would otherwise hold up)."""
LAYERS = {"show_entities": "Entities", "show_quotes": "Quotes", "show_annotations": "Notes"}
"""The article's layer switches (keys 1, 2, 3) and their names in notices."""


class ReadingScreen(ReadingSetup):
    """Read one document: highlights, side panel, find, annotating (see NoteActions) and
    correcting the analysis (see CorrectionActions)."""

    BINDINGS = bindings("reading")

    def __init__(
        self,
        opened: OpenedDocument | SourcePreview,
        *,
        quit_on_back: bool = False,
        offset: int | None = None,
    ) -> None:
        super().__init__()
        if isinstance(opened, SourcePreview):
            self.opened, self.preview = None, opened
            # A new source's stand-in record is made on first use (see ``document``).
            self._document = opened.provisional() if opened.known is not None else None
            self.annotations = []
        else:
            self.opened, self.preview = opened, None
            self.document = opened.document
            self.annotations = list(opened.annotations)
        self.text = opened.text
        self.quit_on_back = quit_on_back
        self.start_offset = offset
        self.analysis: Analysis | None = None
        self.job: AnalysisJob | None = None
        self.analysis_status = ""
        self._saved_position = 0 if self._document is None else self._document.position.offset
        self._entity_cursor: dict[str, int] = {}
        self._quote_finder: QuoteFinder | None = None
        self.history = ChangeHistory()
        self._article = ArticleView(id="article")
        if quit_on_back:
            # Opened on a SOURCE: q quits, and the footer says so.
            [q_key] = self._bindings.key_to_bindings["q"]
            self._bindings.key_to_bindings["q"] = [replace(q_key, description="Quit")]

    @property
    def view(self) -> ArticleView:
        """The article widget (kept after unmount, so the position can still be saved)."""
        return self._article

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        """The first frame: article, marker bar, the panel's frame and the status line.

        The side panel's tabs, the find bar and the footer are many widgets for Textual to
        style and lay out; they are mounted just after the text is on screen (``_complete``).
        """
        with Horizontal(id="reading-body"):
            yield self._article
            yield MarkerBar(id="markers")
            yield SidePanel(id="side-panel")
        yield StatusLine(id="status")
        yield Static(id="footer-slot")

    def on_mount(self) -> None:
        """Text first: everything that needs the store, the cache or more widgets follows."""
        view = self.view
        view.measure = self.reader_app.settings.measure
        self.paragraphs = paragraph_spans(self.text)
        view.load(self.text, self.paragraphs)
        offset = self.start_offset if self.start_offset is not None else self._saved_position
        view.cursor = min(offset, len(self.text))
        view.focus()
        self.update_status()
        self.call_after_refresh(self.show_position, offset, COMPLETE_AFTER_SECONDS)

    def document_ready(self, opened: OpenedDocument) -> None:
        """The document is filed: notes, cached or fresh analysis, notices, periodic saves."""
        self.document = opened.document
        self.refresh_annotations()
        self.query_one(SidePanel).show_document(self.document)
        cached = self.reader_app.service.cached_analysis(self.document, raw=True)
        if cached is not None:
            self.apply_analysis(cached)
        else:
            self.analysis_status = "analysing…"
            self.query_one(SidePanel).show_pending()
            self.call_after_refresh(self.start_analysis)
        view = self.view
        for layer in LAYERS:
            self.watch(view, layer, partial(self._on_layer_toggled, layer), init=False)
        self.watch(view, "measure", self._remember_measure, init=False)
        for message, options in self.filed_document_warnings(opened):
            self.notify(message, **options)
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        self.start_reading_tags()
        self.update_status()

    # analysis -----------------------------------------------------------------------------

    def start_analysis(self) -> None:
        """Start the analysis child process near what is on screen, and relay its results."""
        service = self.reader_app.service
        try:
            self.job = service.start_analysis_job(
                self.document, self.text, priority_offset=self.view.top_offset()
            )
        except (ReaderError, OSError, ValueError) as error:
            # Reading goes on without highlights; the reason is shown once.
            self.analysis_status = "no analysis"
            self.query_one(SidePanel).show_pending("No analysis.")
            self.notify(f"Analysis unavailable: {error}", severity="error", timeout=10)
            self.update_status()
            return
        self.relay_analysis(self.job)

    @work(thread=True, exclusive=True, group="analysis")
    def relay_analysis(self, job: AnalysisJob) -> None:
        """Thread worker: poll the child process and hand its events to the UI thread."""
        from reader.core.analysis.results import ParagraphResult

        worker = get_current_worker()
        while not worker.is_cancelled:
            events = job.poll(POLL_SECONDS)
            if events and not worker.is_cancelled:
                self.app.call_from_thread(self.on_analysis_events, events, job.progress)
            if any(not isinstance(event, ParagraphResult) for event in events):
                return

    def on_analysis_events(self, events: list[JobEvent], progress: JobProgress) -> None:
        """Apply streamed events: paragraph highlights, then the final result or a failure."""
        from reader.core.analysis.results import Analysis, ParagraphResult

        for event in events:
            if isinstance(event, ParagraphResult):
                self.view.add_paragraph_result(self.corrected_paragraph(event))
            elif isinstance(event, Analysis):
                self.apply_analysis(event)
                return
            else:
                self.analysis_status = "analysis failed"
                self.query_one(SidePanel).show_pending("Analysis failed.")
                self.notify(f"Analysis failed: {event.message}", severity="error", timeout=10)
        if progress.words_total:
            percent = 100 * progress.words_done // progress.words_total
            self.analysis_status = f"analysing {percent}%"
        self.update_status()

    def apply_analysis(self, analysis: Analysis) -> None:
        """Show a complete (machine) analysis, as the reader corrected it, and any notice."""
        self.raw_analysis = analysis
        self.paint_analysis()
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

    def update_status(self) -> None:
        """Title, progress, position, find matches and analysis state on one line."""
        view = self.view
        line, total = view.cursor_line_info()
        parts = [f"{view.progress:.0f}%", f"line {line}/{total}"]
        title, pages = self.heading()
        if pages:
            parts.append(page_label(pages, view.cursor))
        count = view.match_count
        if not count and self._find_query():
            parts.append("no match")
        elif count and view.current_match is None:
            parts.append(f"{count} match" + ("" if count == 1 else "es"))
        elif count:
            parts.append(f"match {(view.current_match or 0) + 1}/{count}")
        if view.selection is not None:
            start, end = view.selection
            parts.append(f"selected {end - start} chars")
        if self.analysis_status:
            parts.append(self.analysis_status)
        status = self.query_one(StatusLine)
        state = "  ·  ".join(parts)
        # The title gives way on a narrow terminal: progress and position always show.
        room = status.content_size.width - len(state) - 5 if status.content_size.width else 60
        # What is under the cursor (a note, a quotation's speaker) says more than the title.
        title = self.cursor_context() or " ".join(title.split())
        if len(title) > max(room, 8):
            title = title[: max(room, 8) - 1].rstrip() + "…"
        status.text = f"{title}  ·  {state}"

    def cursor_context(self) -> str:
        """The note under the cursor, else the quotation's speaker; the panel follows."""
        annotation = self.annotation_under_cursor()
        panel = self.query_one(SidePanel)
        if annotation is not None:
            panel.follow("annotation-list", annotation.id)
            return describe_note(annotation)
        analysis = self.analysis  # as corrected: rebuilt when a correction repaints it
        if analysis is None:
            return ""
        if self._quote_finder is None or self._quote_finder.quotes_of is not analysis:
            self._quote_finder = QuoteFinder(analysis.quotes, analysis)
        found = self._quote_finder.at(self.view.cursor)
        if found is None:
            return ""
        panel.follow("quote-list", str(found[0]))
        return describe_quote(found[1])

    def _find_query(self) -> str:
        bars = self.query("#find-bar").results(Input)
        bar = next(bars, None)
        return bar.value.strip() if bar is not None and bar.display else ""

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

    def _on_layer_toggled(self, layer: str, shown: bool) -> None:
        """Whoever toggled a layer (a key, the palette), say so and update the legend."""
        view = self.view
        panel = self.query_one(SidePanel)
        panel.show_legend(view.show_entities, view.show_quotes, view.show_annotations)
        state = "shown" if shown else "hidden"
        self.notify(f"{LAYERS[layer]}: {state}", timeout=1.5)

    def _remember_measure(self, measure: int) -> None:
        """Keep the measure chosen with + and - for the next document and the next run."""
        app = self.reader_app
        if app.settings.measure == measure:
            return
        app.settings = replace(app.settings, measure=measure)
        try:
            save_settings(app.service.paths.settings_file, app.settings)
        except OSError as error:
            self.notify(f"could not save the measure: {error}", severity="warning")

    def action_widen(self) -> None:
        """A wider measure."""
        self.view.widen()

    def action_narrow(self) -> None:
        """A narrower measure."""
        self.view.narrow()

    async def action_find(self) -> None:
        """Open the find bar (mounted now if ``/`` came before the rest of the screen)."""
        bar = await self.find_bar()
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
        if event.value.strip() and not view.match_count:
            self.notify(f"No match for {quoted(' '.join(event.value.split()))}.", timeout=3)
        if event.value and view.match_count:
            view.find_next(from_offset=view.cursor)
        view.focus()

    def action_close_find(self) -> None:
        """Escape outside the article: close the find bar (its highlights stay until escape
        in the article) and return to the article, e.g. from the side panel."""
        self.query_one("#find-bar", Input).display = False
        self.view.focus()

    @on(PanelTarget)
    def _on_panel_target(self, event: PanelTarget) -> None:
        if event.kind == "quote" and self.analysis is not None:
            self.view.move_cursor_to(self.analysis.quotes[int(event.key)].start)
        elif event.kind == "entity":
            self._jump_to_entity(event.key)
        elif event.kind == "annotation":
            self.jump_to_annotation(event.key)
        self.view.focus()  # Enter chose a place in the text: j/k move from there

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
