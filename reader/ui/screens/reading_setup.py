"""What the reading screen does after its first paint: the rest of its widgets, then the
document's filing in the store (a worker), its notes and its highlights.

The first frame holds only the text (see ``ReadingScreen.compose``). A source opened from the
command line arrives as a ``SourcePreview``: read, not yet filed. Filing it (a new version if
the text changed, re-anchoring every note) runs in a thread worker; a long re-anchoring shows
a notice, and Escape stops waiting for it (the text stays readable, without its notes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.actions import SkipAction
from textual.widgets import Input

from reader.core.models import Document
from reader.core.service import SourcePreview
from reader.core.service.documents import OpenedDocument
from reader.errors import ReaderError
from reader.ui.screens.document_actions import edit_document
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
    settled = False
    """True once the screen is complete: widgets, filing, notes (or the reason it stopped)."""

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

    async def complete(self) -> None:
        """After the first paint: the panel's tabs, the find bar, the footer; then the notes."""
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
        """Thread worker: file the source and re-anchor its notes; post the result back."""
        try:
            opened = self.service.file_preview(preview)
        except ReaderError as error:
            self.app.call_from_thread(self._filing_failed, str(error))
            return
        self.app.call_from_thread(self._filed, opened)

    def _announce_filing(self) -> None:
        if self.pending != "filing" or self.preview is None:
            return
        what = "Re-anchoring the notes on the changed text" if self.preview.changed else "Opening"
        self.notify(f"{what}… (Escape: read on without the notes)", timeout=4)

    def _filed(self, opened: OpenedDocument) -> None:
        if self.pending != "filing" or not self.is_attached:
            return  # Escape (the reader chose not to wait), or the screen is gone
        self.pending = None
        self.opened = opened
        self.document_ready(opened)
        self.settled = True

    def _filing_failed(self, message: str) -> None:
        self.pending = None
        self.settled = True
        self.notify(f"Not filed in the library: {message}", severity="error", timeout=8)

    def action_cancel_pending(self) -> None:
        """Stop waiting for the worker (the store work itself finishes in the background).

        With nothing pending the key is not ours: the article's escape gets it.
        """
        if self.pending is None:
            raise SkipAction()
        if self.pending == "filing":
            self.notify("Reading without the notes; open the document again to load them.")
        self.pending = None
        self.settled = True
        self.workers.cancel_group(self, "file")

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
