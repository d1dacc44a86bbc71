"""What the reading screen does after its first paint: the rest of its widgets, then the
document's filing in the store (a worker), its notes and its highlights.

The first frame holds only the text (see ``ReadingScreen.compose``). A source opened from the
command line arrives as a ``SourcePreview``: read, not yet filed. Filing it (a new version if
the text changed, re-anchoring every note) runs in a thread worker; a long re-anchoring shows
a notice, and Escape stops it at the next safe point: before the document's record is written
(nothing stored) or while its notes are placed (placing writes nothing; they are placed again
on the next open). Each store write is one atomic, durable transaction, so no half-written
record is ever left; a notice says what was stored. The text stays readable throughout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.actions import SkipAction
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.core.models import Document, ReadingPosition
from reader.core.service import SourcePreview
from reader.core.service.documents import OpenedDocument
from reader.errors import FilingStopped, ReaderError
from reader.ui.screens.document_actions import edit_document
from reader.ui.screens.notice_clearance import NoticeClearance
from reader.ui.screens.reading_corrections import CorrectionActions
from reader.ui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from textual.widgets import Footer

NOTICE_AFTER_SECONDS = 0.3
"""Filing that takes longer than this (re-anchoring a long, changed text) is announced."""


class ReadingSetup(CorrectionActions):
    """Base of ``ReadingScreen``: completing the screen after the first paint."""

    opened: OpenedDocument | None
    preview: SourcePreview | None
    pending: str | None = None
    """What the screen waits for in a worker (shown in notices; Escape stops waiting)."""
    text: str
    _saved_position: int
    _position_unsaved = False
    """A position save failed (a full disk): said once, retried at each save."""
    settled = False
    """True once the screen is complete: widgets, filing, notes (or the reason it stopped)."""
    _document: Document | None = None

    @property
    def document(self) -> Document:
        """The document as filed; until a source is filed, the record it will be filed as.

        A new source's stand-in needs the hash and word count of the whole text (20 ms on
        500,000 words), which the first frame does not: it is made when first asked for,
        and the status line reads ``heading`` instead.
        """
        if self._document is None:
            if self.preview is None:
                raise RuntimeError("a reading screen has a document or a preview")
            self._document = self.preview.provisional()
        return self._document

    @document.setter
    def document(self, document: Document) -> None:
        self._document = document

    def heading(self) -> tuple[str, tuple[int, ...]]:
        """The document's title and page starts, without making a new source's stand-in
        (whose title is the text's and whose pages come with its filing)."""
        if self._document is None and self.preview is not None:
            return self.preview.loaded.title, ()
        return self.document.title, self.document.pages

    def after_first_paint_widgets(self) -> tuple[Input, Footer]:
        """The find bar (hidden) and the footer, mounted after the first paint."""
        from textual.widgets import Footer

        find_bar = Input(placeholder="find in the article", id="find-bar")
        find_bar.display = False
        return find_bar, Footer()

    async def find_bar(self) -> Input:
        """The find bar, mounted (hidden) above the status line the first time it is asked for."""
        found = next(self.query("#find-bar").results(Input), None)
        if found is None:
            bar, _ = self.after_first_paint_widgets()
            await self.mount(bar, before=self.query_one("#status"))
            return bar
        return found

    def show_position(self, offset: int, complete_after: float) -> None:
        """Scroll to the reading position once the article has its size; the rest of the
        screen is completed ``complete_after`` seconds after that scroll, not after the
        mount: its mounting would otherwise hold back the frame that shows the position (a
        reopened long document showed its start for 0.2-0.3 s before jumping there)."""
        self.view.scroll_to_offset(offset)  # Textual scrolls after this round of callbacks
        self.call_after_refresh(self.set_timer, complete_after, self.complete)

    async def complete(self) -> None:
        """After the first paint: the panel's tabs, the find bar, the footer; then the notes."""
        NoticeClearance(self, self.view).attach()
        await self.query_one(SidePanel).populate()
        _, footer = self.after_first_paint_widgets()
        await self.find_bar()
        slot = self.query_one("#footer-slot")
        await self.mount(footer, before=slot)
        await slot.remove()
        self.refresh_bindings()  # a footer mounted late waits for this signal to show its keys
        if self.opened is not None:
            self.document_ready(self.opened)
            self.settled = True
        elif self.preview is not None:
            self.pending = "filing"
            self.file_document(self.preview)
            self.set_timer(NOTICE_AFTER_SECONDS, self._announce_filing)

    @work(thread=True, exclusive=True, group="file")
    def file_document(self, preview: SourcePreview) -> None:
        """Thread worker: file the source and re-anchor its notes; post the result back.
        Escape cancels the worker, which the service asks at its safe points."""
        worker = get_current_worker()
        try:
            opened = self.service.file_preview(preview, stop=lambda: worker.is_cancelled)
        except FilingStopped as stopped:
            self.app.call_from_thread(self._filing_stopped, stopped)
            return
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self._filing_failed, str(error))
            return
        self.app.call_from_thread(self._filed, opened)

    def _announce_filing(self) -> None:
        if self.pending != "filing" or self.preview is None:
            return
        what = "Re-anchoring the notes on the changed text" if self.preview.changed else "Opening"
        self.notify(f"{what}… (Escape: read on without the notes)", timeout=4)

    def _filed(self, opened: OpenedDocument) -> None:
        if self.pending not in ("filing", "stopping") or not self.is_attached:
            return  # the screen is gone
        if self.pending == "stopping":
            self.notify("Filing had already finished: the notes are shown.", timeout=4)
        self.pending = None
        self.opened = opened
        self.document_ready(opened)
        self.settled = True

    def _filing_stopped(self, stopped: FilingStopped) -> None:
        """Escape stopped the filing at a safe point: say what the store holds now."""
        self.pending = None
        self.settled = True
        if self.is_attached:
            self.notify(f"Stopped: {stopped}. Reading without the notes.", timeout=6)

    def _filing_failed(self, message: str) -> None:
        self.pending = None
        self.settled = True
        self.notify(f"Not filed in the library: {message}", severity="error", timeout=8)

    def action_cancel_pending(self) -> None:
        """Stop the filing at its next safe point; the worker's answer says what was stored.

        With nothing pending the key is not ours: the article's escape gets it.
        """
        if self.pending is None:
            raise SkipAction()
        if self.pending == "filing":
            self.pending = "stopping"
            self.notify("Stopping the filing… (nothing half-written is ever left)", timeout=3)
        self.workers.cancel_group(self, "file")

    def save_position(self) -> None:
        """Persist the reading position as a text anchor when it changed (once filed).

        Best effort: on a full disk reading goes on, and one notice says it was not saved.
        """
        view = self.view
        offset = view.top_offset()
        if offset == self._saved_position or self.opened is None:
            return
        context = self.text[offset : offset + 32]
        position = ReadingPosition(offset=offset, context=context, progress=view.progress)
        try:
            self.service.save_position(self.document.id, position)
        except (ReaderError, OSError) as error:
            if not self._position_unsaved:
                message = f"Could not save the reading position: {error}"
                self.notify(message, severity="warning", timeout=8)
            self._position_unsaved = True
            return
        self._saved_position = offset

    def document_ready(self, opened: OpenedDocument) -> None:
        """The document is filed: its notes, its analysis, warnings and the periodic saves."""
        raise NotImplementedError

    def filed_document_warnings(self, opened: OpenedDocument) -> list[tuple[str, dict[str, Any]]]:
        """Notices for a freshly filed document: its warnings and what re-anchoring did."""
        notices: list[tuple[str, dict[str, Any]]] = [
            (warning, {"severity": "warning"}) for warning in opened.warnings
        ]
        if opened.moved or opened.orphaned:
            notices.append(
                (
                    f"The text changed: {opened.moved} note(s) moved, {opened.orphaned} "
                    "orphaned (see the Notes tab).",
                    {"title": "Re-anchored", "timeout": 8},
                )
            )
        return notices

    def action_edit_document(self) -> None:
        """The document panel: its note, tags, state and metadata corrections."""

        def saved(document: Document) -> None:
            self.document = document
            self.query_one(SidePanel).show_document(document)
            self.update_status()

        edit_document(self, self.service, self.document, saved)

    # undo and redo (reader.ui.screens.history) ---------------------------------------

    def action_undo(self) -> None:
        """Undo the last change of this screen: jump to it and say what was undone."""
        self._step_history(undo=True)

    def action_redo(self) -> None:
        """Redo the last undone change: jump to it and say what was redone."""
        self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> None:
        history = self.history
        step = history.undo if undo else history.redo
        if not (history.undo_stack if undo else history.redo_stack):
            self.notify("Nothing to undo." if undo else "Nothing to redo.", timeout=2)
            return
        try:
            with self.service.quiet_write():
                change = step(self.service)
        except ReaderError as error:
            self.notify(str(error), title="Not changed", severity="error", timeout=6)
            self.refresh_annotations()
            return
        if change is None:
            return
        self.refresh_annotations()
        self.view.move_cursor_to(change.annotation.selector.start)
        verb = "Undid" if undo else "Redid"
        self.notify(f"{verb} {change.describe()}.", timeout=4)
