"""Correcting the analysis from the reading screen: ``c`` on a quotation or an entity.

The screen keeps the machine's analysis (``raw_analysis``) and shows it corrected by the
document's corrections, which are annotations like notes: saving one, undoing it (``u``) or
another process adding one repaints the corrected analysis.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from textual import on
from textual.binding import Binding

from reader.core.analysis.labels import label_group
from reader.core.models import Annotation, AnnotationStatus
from reader.ui.screens.reading_notes import NoteActions
from reader.ui.widgets.side_panel import PanelCorrect, SidePanel

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader.core.analysis.results import Analysis, EntityMention, ParagraphResult, Quote
    from reader.ui.dialogs.correction import CorrectionChoice

UNNAMED_GROUPS = frozenset({"time", "number"})
"""Entity groups not offered as entities to merge with."""


class CorrectionActions(NoteActions):
    """Base of ``ReadingScreen`` (over ``NoteActions``): the correction key and its effects."""

    CORRECTION_BINDINGS = [Binding("c", "correct", "Correct", show=False)]

    raw_analysis: Analysis | None = None
    _corrections_seen: tuple[tuple[str, str, str, int], ...] = ()
    _correction_spans: dict[str, tuple[int, int]]
    _corrections_of: tuple[list[Annotation], list[Annotation]] | None = None

    @property
    def corrections(self) -> list[Annotation]:
        """The document's corrections among its annotations (kept per reload: a long
        document streams thousands of paragraphs, each asking for them)."""
        annotations = self.annotations
        cached = self._corrections_of
        if cached is None or cached[0] is not annotations:
            cached = self._corrections_of = (
                annotations,
                [a for a in annotations if a.is_correction],
            )
        return cached[1]

    def corrected_paragraph(self, result: ParagraphResult) -> ParagraphResult:
        """A streamed paragraph with the corrections applied."""
        corrections = self.corrections
        if not corrections:
            return result
        return self.service.correct_paragraph(result, corrections, self.document.sha256)

    def paint_analysis(self) -> None:
        """Show the raw analysis as corrected: highlights, marks, markers and panel lists."""
        from reader.ui.widgets.marker_bar import MarkerBar

        if self.raw_analysis is None:
            return
        analysis = self.service.apply_corrections(self.raw_analysis, self.corrections)
        self.analysis = analysis
        self._corrections_seen = self._corrections_signature()
        view = self.view
        view.set_entities(analysis.entities)
        view.set_quotes(analysis.quotes)
        marks = [(m.start, m.end) for m in analysis.entities if m.corrected]
        view.set_corrected(marks + [(q.start, q.end) for q in analysis.quotes if q.corrected])
        panel = self.query_one(SidePanel)
        panel.show_entities(analysis.entity_index)
        panel.show_quotes(analysis.quotes)
        self.query_one(MarkerBar).set_markers(
            "quote", [q.start for q in analysis.quotes], len(self.text)
        )

    def _corrections_signature(self) -> tuple[tuple[str, str, str, int], ...]:
        return tuple((a.id, a.modified, a.status.value, a.selector.start) for a in self.corrections)

    def annotations_reloaded(self) -> None:
        """Repaint the analysis when the corrections among the annotations changed."""
        if self.raw_analysis is not None and self._corrections_signature() != (
            self._corrections_seen
        ):
            self.paint_analysis()

    # opening the dialog --------------------------------------------------------------------

    def action_correct(self) -> None:
        """Correct the quotation or entity under the cursor (or add the selection as a quote)."""
        if self.analysis is None:
            self.notify("The analysis is not ready yet.", timeout=2)
            return
        cursor = self.view.cursor
        mention = _innermost([m for m in self.analysis.entities if m.start <= cursor < m.end])
        quote = _innermost([q for q in self.analysis.quotes if q.start <= cursor < q.end])
        selection = self.view.selection
        passage = selection if selection is not None and selection[1] > selection[0] else None
        if mention is None and quote is None and passage is None:
            self.notify("Move onto a quotation or an entity (or select a passage).", timeout=3)
            return
        self.open_correction(quote, mention, passage)

    @on(PanelCorrect)
    def _on_panel_correct(self, event: PanelCorrect) -> None:
        if self.analysis is None:
            return
        if event.kind == "quote":
            self.open_correction(self.analysis.quotes[int(event.key)], None, None)
        elif event.kind == "entity":
            mentions = [m for m in self.analysis.entities if m.entity == event.key]
            after = [m for m in mentions if m.end > self.view.cursor]
            chosen = after or mentions
            if chosen:
                self.open_correction(None, chosen[0], None)

    def open_correction(
        self,
        quote: Quote | None,
        mention: EntityMention | None,
        passage: tuple[int, int] | None,
    ) -> None:
        """Open the dialog on these items; its answer is stored through the service."""
        assert self.analysis is not None
        names = {e.id: e.name for e in self.analysis.entity_index}
        ranked = sorted(self.analysis.entity_index, key=lambda e: (-e.count, e.name))
        spans: dict[str, tuple[int, int]] = {}
        if quote is not None:
            spans["quote"] = (quote.start, quote.end)
        elif passage is not None:
            spans["quote"] = passage
        if mention is not None:
            spans["entity"] = (mention.start, mention.end)
        self._correction_spans = spans
        here = self.corrections_at(spans.values())
        # The dialog's module is imported when first opened: not on the way to a first frame.
        from reader.ui.dialogs.correction import CorrectionDialog, CorrectionSubject

        subject = CorrectionSubject(
            quote=quote.text if quote is not None else None,
            speaker=quote.speaker.name if quote is not None and quote.speaker else "",
            mention=mention.text if mention is not None else None,
            label=mention.label if mention is not None else "",
            entity=names.get(mention.entity, "") if mention is not None else "",
            passage=self.text[passage[0] : passage[1]] if passage is not None else None,
            people=tuple(e.name for e in ranked if e.label == "PERSON"),
            entities=tuple(e.name for e in ranked if label_group(e.label) not in UNNAMED_GROUPS),
            corrections=len(here),
        )
        self.app.push_screen(CorrectionDialog(subject), self._save_correction)

    def corrections_at(self, spans: Iterable[tuple[int, int]]) -> list[Annotation]:
        """The placed corrections whose passage overlaps one of ``spans``."""
        wanted = list(spans)
        return [
            a
            for a in self.corrections
            if a.status != AnnotationStatus.ORPHANED
            and any(a.selector.start < end and start < a.selector.end for start, end in wanted)
        ]

    def _remove_corrections(self) -> None:
        """Delete the corrections made here, each an ordinary change ``u`` brings back."""
        removed = 0
        service = self.service
        for correction in self.corrections_at(self._correction_spans.values()):
            deleted = self._guarded(partial(service.delete_annotation, correction.id))
            if deleted is not None:
                self.history.record("deleted", deleted, None)
                removed += 1
        self.refresh_annotations()
        self.notify(f"Removed {removed} correction(s). Press u to undo.", timeout=3)

    def _save_correction(self, choice: CorrectionChoice | None) -> None:
        """Store the answer as an ordinary annotation change (``u`` undoes it)."""
        if choice is None:
            return
        if choice.correction is None:
            self._remove_corrections()
            return
        start, end = self._correction_spans[choice.about]
        document_id = self.document.id
        correction = choice.correction
        created = self._guarded(
            lambda: self.service.add_correction(document_id, start, end, correction)
        )
        if created is not None:
            self.history.record("created", None, created)
            self.view.clear_selection()
            self.refresh_annotations()
            self.notify("Corrected. Press u to undo.", timeout=3)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


def _innermost(items: list[_S]) -> _S | None:
    """The shortest of ``items`` (the one most precisely under the cursor)."""
    return min(items, key=lambda item: item.end - item.start) if items else None
