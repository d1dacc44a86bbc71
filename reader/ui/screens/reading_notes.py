"""Annotating from the reading screen: create, highlight, edit, delete, undo, cite, re-attach.

Every change goes through the service and is durable before the key handler returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.binding import Binding
from textual.screen import Screen

from reader.core.models import Annotation, AnnotationStatus
from reader.core.text import sentence_spans, span_containing
from reader.errors import ReaderError
from reader.ui.dialogs.editor import AnnotationDraft, AnnotationEditor
from reader.ui.widgets.article_view import AnnotationSpan, ArticleView
from reader.ui.widgets.side_panel import PanelAnnotate, SidePanel

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis
    from reader.core.models import Document
    from reader.core.service import ReaderService
    from reader.ui.app import ReaderApp


class NoteActions(Screen[None]):
    """Base of ``ReadingScreen``: the annotation keys and their effects."""

    NOTE_BINDINGS = [
        Binding("a", "annotate", "Annotate"),
        Binding("m", "mark", "Highlight", show=False),
        Binding("e", "edit", "Edit", show=False),
        Binding("d", "delete", "Delete", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("y", "copy_citation", "Cite", show=False),
        Binding("A", "attach_orphan", "Attach orphan", show=False),
    ]

    # Set by ReadingScreen.
    document: Document
    text: str
    paragraphs: list[tuple[int, int]]
    analysis: Analysis | None
    annotations: list[Annotation]
    _undo: list[tuple[str, Annotation]]

    @property
    def view(self) -> ArticleView:
        """The article widget."""
        return self.query_one(ArticleView)

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
        live = [a for a in self.annotations if a.status != AnnotationStatus.ORPHANED]
        spans = [AnnotationSpan(a.id, a.selector.start, a.selector.end, a.color) for a in live]
        self.view.set_annotations(spans)
        self.query_one(MarkerBar).set_markers(
            "annotation", [a.selector.start for a in live], len(self.text)
        )
        self.query_one(SidePanel).show_annotations(self.annotations)

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
            name = names.get(mention.entity)
            if start <= mention.start and mention.end <= end and name and name not in found:
                found.append(name)
        return found

    # creating ------------------------------------------------------------------------------

    def action_annotate(self) -> None:
        """Open the editor on the selection (or the sentence under the cursor)."""
        span = self.target_span()
        if span is not None:
            self.annotate_span(*span)

    def annotate_span(self, start: int, end: int) -> None:
        """Open the editor for a new annotation on ``start:end``."""
        known = [tag for tag, _ in self.service.tag_counts()]
        editor = AnnotationEditor(
            self.text[start:end],
            known_tags=known,
            suggested_tags=self.entity_names_in(start, end),
        )

        def save(draft: AnnotationDraft | None) -> None:
            if draft is not None:
                self._create(start, end, draft)

        self.app.push_screen(editor, save)

    def _create(self, start: int, end: int, draft: AnnotationDraft) -> None:
        try:
            created = self.service.add_annotation(
                self.document.id, start, end, note=draft.note, tags=draft.tags, color=draft.color
            )
        except ReaderError as error:
            self.notify(str(error), severity="error")
            return
        self._undo.append(("created", created))
        self.view.clear_selection()
        self.refresh_annotations()
        self.notify("Saved.", timeout=1.5)

    def action_mark(self) -> None:
        """Highlight the selection without opening the editor."""
        span = self.target_span()
        if span is not None:
            self._create(*span, AnnotationDraft(note="", tags=(), color="yellow"))

    @on(PanelAnnotate)
    def _on_panel_annotate(self, event: PanelAnnotate) -> None:
        if self.analysis is None:
            return
        if event.kind == "quote":
            quote = self.analysis.quotes[int(event.key)]
            self.annotate_span(quote.start, quote.end)
        elif event.kind == "entity":
            mention = next((m for m in self.analysis.entities if m.entity == event.key), None)
            if mention is not None:
                self.annotate_span(mention.start, mention.end)

    # changing ------------------------------------------------------------------------------

    def action_edit(self) -> None:
        """Edit the note, tags and colour of the annotation under the cursor."""
        annotation = self.annotation_under_cursor()
        if annotation is None:
            self.notify("No annotation under the cursor.", timeout=2)
            return
        draft = AnnotationDraft(annotation.note, annotation.tags, annotation.color)
        editor = AnnotationEditor(
            annotation.selector.exact,
            draft=draft,
            known_tags=[tag for tag, _ in self.service.tag_counts()],
            suggested_tags=self.entity_names_in(annotation.selector.start, annotation.selector.end),
        )

        def save(result: AnnotationDraft | None) -> None:
            if result is not None and result != draft:
                self._apply_edit(annotation, result)

        self.app.push_screen(editor, save)

    def _apply_edit(self, before: Annotation, draft: AnnotationDraft) -> None:
        self.service.edit_annotation(before.id, note=draft.note, tags=draft.tags, color=draft.color)
        self._undo.append(("edited", before))
        self.refresh_annotations()
        self.notify("Saved.", timeout=1.5)

    def action_delete(self) -> None:
        """Delete the annotation under the cursor (u brings it back)."""
        annotation = self.annotation_under_cursor()
        if annotation is None:
            self.notify("No annotation under the cursor.", timeout=2)
            return
        deleted = self.service.delete_annotation(annotation.id)
        self._undo.append(("deleted", deleted))
        self.refresh_annotations()
        self.notify("Deleted. Press u to undo.", timeout=3)

    def action_undo(self) -> None:
        """Undo the last create, edit or delete made on this screen."""
        if not self._undo:
            self.notify("Nothing to undo.", timeout=2)
            return
        kind, annotation = self._undo.pop()
        if kind == "deleted":
            self.service.restore_annotation(annotation)
        elif kind == "edited":
            self.service.edit_annotation(
                annotation.id, note=annotation.note, tags=annotation.tags, color=annotation.color
            )
        else:
            self.service.delete_annotation(annotation.id)
        self.refresh_annotations()
        self.notify(f"Undone ({kind}).", timeout=2)

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
        citation = citation_text(passage, self.document.title, self.document.source)
        self.app.copy_to_clipboard(citation)
        self.notify("Citation copied.", timeout=2)

    def action_attach_orphan(self) -> None:
        """Attach the orphan highlighted in the Notes tab to the current selection."""
        from reader.ui.widgets.side_panel import PanelList

        selection = self.view.selection
        option = self.query_one("#annotation-list", PanelList).highlighted_option
        orphan = next(
            (a for a in self.annotations if option is not None and a.id == option.id), None
        )
        if orphan is None or orphan.status != AnnotationStatus.ORPHANED or selection is None:
            self.notify("Highlight an orphan in the Notes tab and select a passage.", timeout=3)
            return
        self.service.reattach_annotation(orphan.id, self.text, *selection)
        self.view.clear_selection()
        self.refresh_annotations()
        self.notify("Orphan re-attached.", timeout=2)

    def jump_to_annotation(self, annotation_id: str) -> None:
        """Move the cursor to an annotation chosen in the panel."""
        annotation = next((a for a in self.annotations if a.id == annotation_id), None)
        if annotation is not None and annotation.status != AnnotationStatus.ORPHANED:
            self.view.move_cursor_to(annotation.selector.start)


def citation_text(passage: str, title: str, source: str) -> str:
    """``“passage” — Title, source`` on one line (whitespace folded)."""
    flat = " ".join(passage.split())
    where = "" if source.startswith("stdin:") else f", {source}"
    return f"“{flat}” — {title}{where}"
