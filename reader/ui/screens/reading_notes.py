"""Annotating from the reading screen: create, highlight, edit, delete, undo, cite, re-attach.

Every change goes through the service and is durable before the key handler returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.screen import Screen

from reader.core.analysis.labels import label_group
from reader.core.models import Annotation, AnnotationStatus
from reader.core.text import sentence_spans, span_containing
from reader.errors import ReaderError
from reader.ui.screens.history import ChangeHistory
from reader.ui.widgets.article_view import AnnotationSpan, ArticleView
from reader.ui.widgets.side_panel import PanelAnnotate, SidePanel

if TYPE_CHECKING:
    # The editor (a TextArea, a Select) is imported when first opened, not before the first paint.
    from reader.core.analysis.results import Analysis
    from reader.core.models import Document
    from reader.core.service import ReaderService
    from reader.ui.app import ReaderApp
    from reader.ui.dialogs.editor import AnnotationDraft

UNTAGGABLE_GROUPS = frozenset({"time", "number"})
"""Entity groups not offered as tags: dates and amounts make poor tags."""


class NoteActions(Screen[None]):
    """Base of ``ReadingScreen``: the annotation keys and their effects."""

    # Set by ReadingScreen.
    document: Document
    text: str
    paragraphs: list[tuple[int, int]]
    analysis: Analysis | None
    annotations: list[Annotation]
    history: ChangeHistory
    _store_tags: list[str] | None = None
    _saved_tags: tuple[str, ...] = ()
    _tags_signature = 0

    @property
    def view(self) -> ArticleView:
        """The article widget (kept once found: it is still asked for while unmounting)."""
        view = getattr(self, "_article_view", None)
        if view is None:
            view = self._article_view = self.query_one(ArticleView)
        return view

    @property
    def service(self) -> ReaderService:
        """The service facade of the app."""
        return cast("ReaderApp", self.app).service

    def update_status(self) -> None:
        """Refresh the status line (the reading screen fills it in)."""

    def refresh_annotations(self) -> None:
        """Reload this document's annotations into the article, markers and panel."""
        from reader.ui.widgets.marker_bar import MarkerBar

        self.annotations = self.service.annotations_for(self.document.id)
        live = [
            a
            for a in self.annotations
            if a.status != AnnotationStatus.ORPHANED and not a.is_correction
        ]
        spans = [AnnotationSpan(a.id, a.selector.start, a.selector.end, a.color) for a in live]
        self.view.set_annotations(spans)
        self.query_one(MarkerBar).set_markers(
            "annotation", [a.selector.start for a in live], len(self.text)
        )
        self.query_one(SidePanel).show_annotations(self.annotations)
        self.annotations_reloaded()

    def annotations_reloaded(self) -> None:
        """Hook: the annotations were re-read (corrections among them may have changed)."""

    # what the keys act on -------------------------------------------------------------------

    def target_span(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor."""
        selection = self.view.selection
        if selection is not None and selection[1] > selection[0]:
            return selection
        cursor = self.view.cursor
        paragraph = span_containing(self.paragraphs, cursor)
        if paragraph is None:
            return None
        sentences = sentence_spans(self.text, *self.paragraphs[paragraph])
        index = span_containing(sentences, cursor)
        if index is None:
            return None
        start, end = sentences[index]
        return start, end

    def annotation_under_cursor(self) -> Annotation | None:
        """The innermost annotation containing the cursor."""
        cursor = self.view.cursor
        hits = [
            a
            for a in self.annotations
            if a.status != AnnotationStatus.ORPHANED
            and not a.is_correction
            and a.selector.start <= cursor < max(a.selector.end, a.selector.start + 1)
        ]
        return min(hits, key=lambda a: a.selector.end - a.selector.start) if hits else None

    def entity_names_in(self, start: int, end: int) -> list[str]:
        """Canonical names of the entities mentioned in ``start:end`` (tag suggestions)."""
        if self.analysis is None:
            return []
        names = {e.id: e.name for e in self.analysis.entity_index}
        found: list[str] = []
        for mention in self.analysis.entities:
            if label_group(mention.label) in UNTAGGABLE_GROUPS:
                continue
            name = names.get(mention.entity)
            if start <= mention.start and mention.end <= end and name and name not in found:
                found.append(name)
        return found

    # creating ------------------------------------------------------------------------------

    def still_opening(self) -> bool:
        """True (and says so) while a new document is not filed yet: it has no id to note on."""
        if self.document.id:
            return False
        self.notify("Still opening the document…", timeout=2)
        return True

    def action_annotate(self) -> None:
        """Open the editor on the selection (or the sentence under the cursor)."""
        if self.still_opening():
            return
        span = self.target_span()
        if span is not None:
            self.annotate_span(*span)

    def annotate_span(self, start: int, end: int) -> None:
        """Open the editor for a new annotation on ``start:end``; ctrl+s writes it."""

        from reader.ui.dialogs.editor import AnnotationEditor

        def write(draft: AnnotationDraft) -> None:
            # A collection started by the write's allocations walks the whole app's heap
            # (tens of milliseconds): it runs after the save, outside its latency.
            with self.service.quiet_write():
                created = self.service.add_annotation(
                    self.document.id,
                    start,
                    end,
                    note=draft.note,
                    tags=draft.tags,
                    color=draft.color,
                )
            self.history.record("created", None, created)
            self._remember_tags(created.tags)

        editor = AnnotationEditor(
            self.text[start:end],
            known_tags=self.known_tags(),
            suggested_tags=self.entity_names_in(start, end),
            save=write,
        )
        self.app.push_screen(editor, self._after_editor)
        self._reread_tags_if_changed()

    def _after_editor(self, draft: AnnotationDraft | None) -> None:
        """The editor closed: it has already written a saved draft; show the result."""
        if draft is not None:
            self._show_saved()
        else:  # cancelled, reloaded or saved as a copy: show what the store holds now
            self.refresh_annotations()

    def _show_saved(self) -> None:
        self.view.clear_selection()
        self.refresh_annotations()
        self.notify("Saved.", timeout=1.5)

    def known_tags(self) -> list[str]:
        """Every tag in the store, most used first, then the ones saved here (for completion).

        Read in a thread at mount, and again only when another process changed annotations:
        with 10,000 annotations reading them all takes longer than opening the editor should.
        """
        if self._store_tags is None:
            self._store_tags = self._read_store_tags()
        return list(dict.fromkeys([*self._store_tags, *self._saved_tags]))

    def _read_store_tags(self) -> list[str]:
        self._tags_signature = self._annotations_signature()
        try:
            return [tag for tag, _ in self.service.tag_counts()]
        except ReaderError:
            return []

    def _annotations_signature(self) -> int:
        """When the store's annotation files last changed (any process)."""
        return self.service.annotations_version()

    def start_reading_tags(self) -> None:
        """Read the store's tags in a thread (the reading screen calls this after its first
        paint: a thread started earlier competes with the first frame for the interpreter)."""

        def read() -> None:
            self._store_tags = self._read_store_tags()

        self.run_worker(read, thread=True, group="known-tags", exclusive=True)

    def _reread_tags_if_changed(self) -> None:
        if self._annotations_signature() != self._tags_signature:
            self.start_reading_tags()

    def _remember_tags(self, tags: tuple[str, ...]) -> None:
        """Our own save: its tags are known without re-reading the store."""
        self._saved_tags = (*tags, *self._saved_tags)
        self._tags_signature = self._annotations_signature()

    def action_mark(self) -> None:
        """Highlight the selection (or the sentence) without opening the editor."""
        if self.still_opening():
            return
        span = self.target_span()
        if span is None:
            return
        created = self._guarded(lambda: self.service.add_annotation(self.document.id, *span))
        if created is not None:
            self.history.record("created", None, created)
            self._show_saved()

    def _guarded(self, change: Callable[[], Annotation]) -> Annotation | None:
        """Run a store change; a refusal (``ReaderError``) becomes a notification."""
        try:
            with self.service.quiet_write():
                return change()
        except ReaderError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=6)
            self.refresh_annotations()
            return None

    @on(PanelAnnotate)
    def _on_panel_annotate(self, event: PanelAnnotate) -> None:
        if self.analysis is None:
            return
        if event.kind == "quote":
            quote = self.analysis.quotes[int(event.key)]
            self.annotate_span(quote.start, quote.end)
        elif event.kind == "entity":
            mentions = [m for m in self.analysis.entities if m.entity == event.key]
            # The mention at or after the cursor: the one the reader is looking at.
            after = [m for m in mentions if m.end > self.view.cursor]
            chosen = after or mentions
            if chosen:
                self.annotate_span(chosen[0].start, chosen[0].end)

    # changing ------------------------------------------------------------------------------

    def action_edit(self) -> None:
        """Edit the note, tags and colour of the annotation under the cursor."""
        annotation = self._annotation_or_hint()
        if annotation is None:
            return

        from reader.ui.dialogs.editor import AnnotationDraft, AnnotationEditor

        def write(draft: AnnotationDraft) -> None:
            # Names the version read: a change saved elsewhere meanwhile is never overwritten.
            with self.service.quiet_write():
                edited = self.service.edit_annotation(
                    annotation.id,
                    note=draft.note,
                    tags=draft.tags,
                    color=draft.color,
                    expected_modified=annotation.modified,
                )
            self.history.record("edited", annotation, edited)
            self._remember_tags(edited.tags)

        def write_copy(draft: AnnotationDraft) -> None:
            selector = annotation.selector
            copy = self.service.add_annotation(
                self.document.id,
                selector.start,
                selector.end,
                note=draft.note,
                tags=draft.tags,
                color=draft.color,
            )
            self.history.record("created", None, copy)

        selector = annotation.selector
        editor = AnnotationEditor(
            selector.exact,
            draft=AnnotationDraft(annotation.note, annotation.tags, annotation.color),
            known_tags=self.known_tags(),
            suggested_tags=self.entity_names_in(selector.start, selector.end),
            save=write,
            save_copy=write_copy,
        )
        self.app.push_screen(editor, self._after_editor)
        self._reread_tags_if_changed()

    def _annotation_or_hint(self) -> Annotation | None:
        annotation = self.annotation_under_cursor()
        if annotation is None:
            self.notify("No annotation under the cursor.", timeout=2)
        return annotation

    def action_delete(self) -> None:
        """Delete the annotation under the cursor (u brings it back, ctrl+r deletes it again)."""
        annotation = self._annotation_or_hint()
        if annotation is None:
            return
        deleted = self._guarded(lambda: self.service.delete_annotation(annotation.id))
        if deleted is not None:
            self.history.record("deleted", deleted, None)
            self.refresh_annotations()
            self.notify("Deleted. Press u to undo.", timeout=3)

    def action_copy_citation(self) -> None:
        """Copy the selection (or the annotation under the cursor) as a citation."""
        selection = self.view.selection
        if selection is not None and selection[1] > selection[0]:
            passage = self.text[selection[0] : selection[1]]
        else:
            annotation = self.annotation_under_cursor()
            if annotation is None:
                self.notify("Select a passage or move onto an annotation first.", timeout=2)
                return
            passage = annotation.selector.exact
        from reader.ui.screens.document_actions import document_citation

        citation = document_citation(passage, self.document)
        self.app.copy_to_clipboard(citation)
        self.view.clear_selection()
        self.notify("Citation copied.", timeout=2)

    def chosen_orphan(self) -> Annotation | None:
        """The orphan highlighted in the Notes tab, or the only orphan there is."""
        from reader.ui.widgets.side_panel import PanelList

        orphans = [a for a in self.annotations if a.status == AnnotationStatus.ORPHANED]
        option = self.query_one("#annotation-list", PanelList).highlighted_option
        highlighted = [a for a in orphans if option is not None and a.id == option.id]
        if highlighted:
            return highlighted[0]
        return orphans[0] if len(orphans) == 1 else None

    def action_attach_orphan(self) -> None:
        """Attach the chosen orphan (see ``chosen_orphan``) to the current selection."""
        selection = self.view.selection
        orphan = self.chosen_orphan()
        if orphan is None or selection is None or selection[1] <= selection[0]:
            self.notify(
                "Highlight an orphan in the Notes tab, select a passage, then press A.", timeout=4
            )
            return
        text = self.text
        attached = self._guarded(
            lambda: self.service.reattach_annotation(orphan.id, text, *selection)
        )
        if attached is not None:
            self.view.clear_selection()
            self.refresh_annotations()
            self.notify("Orphan re-attached.", timeout=2)

    def jump_to_annotation(self, annotation_id: str) -> None:
        """Move the cursor to an annotation chosen in the panel."""
        annotation = next((a for a in self.annotations if a.id == annotation_id), None)
        if annotation is not None and annotation.status != AnnotationStatus.ORPHANED:
            self.view.move_cursor_to(annotation.selector.start)
