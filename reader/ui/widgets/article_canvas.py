"""The drawing half of the article view: data in, wrapped lines out, on Textual's Line API.

``ArticleCanvas`` holds the text, its highlights and the layout, and renders only the lines
on screen (cached strips). Cursor, selection, find and keys live in ``ArticleView``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.messages import ViewportChanged
from reader.ui.palette import ANNOTATION_COLORS
from reader.ui.widgets.article_highlights import HighlightStyles
from reader.ui.widgets.article_layout import ArticleLayout
from reader.ui.widgets.article_motions import Paragraphs
from reader.ui.widgets.article_styles import (
    CORRECTED_CLASS,
    CURRENT_CLASS,
    CURSOR_CLASS,
    FIND_CLASS,
    INDIRECT_QUOTE_CLASS,
    OVERLAP_CLASS,
    PREFIX,
    QUOTE_CLASS,
    SELECTION_CLASS,
    AnnotationSpan,
    SpanIndex,
    StyledSpan,
    annotation_class,
    article_css,
    entity_class,
    highlight_css,
    line_segments,
    quote_class,
)
from reader.ui.widgets.find_matches import FindMatches

if TYPE_CHECKING:
    # Result types only: their module is imported after the first paint.
    from reader.core.analysis.results import EntityMention, ParagraphResult, Quote

DEFAULT_MEASURE = 88
MIN_MEASURE = 30
_REFINE_INTERVAL = 0.01
_REFINE_BUDGET = 0.008
_REFINE_START = 0.1


def _fresh_indexes() -> tuple[SpanIndex, SpanIndex, SpanIndex, SpanIndex]:
    return SpanIndex(), SpanIndex(), SpanIndex(), SpanIndex()


class ArticleCanvas(HighlightStyles, ScrollView):
    """Renders an article's wrapped lines with highlights; never touches files or spaCy."""

    COMPONENT_CLASSES: ClassVar[set[str]] = (
        {entity_class(label) for label in ("PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL")}
        | {f"{PREFIX}entity-other", QUOTE_CLASS, INDIRECT_QUOTE_CLASS, FIND_CLASS, CURRENT_CLASS}
        | {CURSOR_CLASS, SELECTION_CLASS, OVERLAP_CLASS, CORRECTED_CLASS}
        | {annotation_class(colour) for colour in ANNOTATION_COLORS}
    )
    DEFAULT_CSS = article_css("ArticleCanvas")
    HIGHLIGHT_CSS = highlight_css("ArticleCanvas")

    show_entities = reactive(True)
    """Layer 1: named entities."""
    show_quotes = reactive(True)
    """Layer 2: quotations."""
    show_annotations = reactive(True)
    """Layer 3: annotations."""
    measure = reactive(DEFAULT_MEASURE)
    """The widest the text may be, in cells; it is centred in the widget."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = ""
        self._paragraphs = Paragraphs("", [])
        self._layout = ArticleLayout("", [], DEFAULT_MEASURE)
        self._entities = SpanIndex()
        self._quotes = SpanIndex()
        self._annotations = SpanIndex()
        self._corrected = SpanIndex()
        self._find = FindMatches()
        self._highlight_selection: tuple[int, int] | None = None
        self._cursor_offset = 0
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(2048)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._refining = False
        self._highlights_styled = False

    # -- data in ---------------------------------------------------------------------------

    def load(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        """Show ``text`` split into ``paragraphs`` (from ``reader.core.text.paragraph_spans``)."""
        self._text = text
        self._paragraphs = Paragraphs(text, paragraphs)
        self._entities, self._quotes, self._annotations, self._corrected = _fresh_indexes()
        self._find.clear()
        self._relayout(keep_position=False)

    @property
    def text(self) -> str:
        """The document text shown."""
        return self._text

    def set_entities(self, mentions: Sequence[EntityMention]) -> None:
        """Replace every entity highlight."""
        self._entities = SpanIndex(
            StyledSpan(m.start, m.end, entity_class(m.label)) for m in mentions
        )
        self._invalidate()

    def set_quotes(self, quotes: Sequence[Quote]) -> None:
        """Replace every quotation highlight."""
        self._quotes = SpanIndex(
            StyledSpan(q.start, q.end, quote_class(q.form.value)) for q in quotes
        )
        self._invalidate()

    def set_corrected(self, spans: Sequence[tuple[int, int]]) -> None:
        """Replace the marks of corrected quotes and mentions."""
        self._corrected = SpanIndex(StyledSpan(s, e, CORRECTED_CLASS) for s, e in spans)
        self._invalidate()

    def add_paragraph_result(self, result: ParagraphResult) -> None:
        """Merge one streamed paragraph's entities and quotes; only its lines repaint."""
        self._entities.replace_range(
            result.start,
            result.end,
            (StyledSpan(m.start, m.end, entity_class(m.label)) for m in result.entities),
        )
        self._quotes.replace_range(
            result.start,
            result.end,
            (StyledSpan(q.start, q.end, quote_class(q.form.value)) for q in result.quotes),
        )
        ends = [result.end, *(q.end for q in result.quotes)]
        self._invalidate(result.start, max(ends))

    def set_annotations(self, spans: Sequence[AnnotationSpan]) -> None:
        """Replace the annotations; later ones win where equal spans overlap."""
        self._annotations = SpanIndex(
            StyledSpan(s.start, s.end, annotation_class(s.color), order)
            for order, s in enumerate(spans)
        )
        self._invalidate()

    # -- layout ------------------------------------------------------------------------------

    def _text_width(self) -> int:
        available = self.scrollable_content_region.width
        measure = max(MIN_MEASURE, self.measure)
        return max(1, min(measure, available)) if available > 0 else measure

    def _left_pad(self) -> int:
        return max(0, (self.scrollable_content_region.width - self._layout.width) // 2)

    def _relayout(self, *, keep_position: bool = True) -> None:
        anchor = self.top_offset() if keep_position else 0
        self._layout = ArticleLayout(self._text, self._paragraphs.spans, self._text_width())
        self._strips.clear()
        self._sync_virtual_size()
        if keep_position:
            self.scroll_to_offset(anchor)
        else:
            self.scroll_to(y=0, animate=False)
        if not self._layout.is_complete and not self._refining:
            self._refining = True
            # Start a little after the next paint: the first screen must not wait for this
            # work, nor its delivery (Textual writes frames from a thread).
            self.call_after_refresh(self.set_timer, _REFINE_START, self._refine_step)
        self.refresh()
        self.call_after_refresh(self._post_viewport)

    def _refine_step(self) -> None:
        """Wrap a slice of the paragraphs not yet wrapped, keeping the top line in place."""
        layout = self._layout
        top = layout.locate_exact(round(self.scroll_y))
        within = top.line if top.line >= 0 else len(layout.wrapped(top.paragraph).line_starts)
        changed = layout.refine(_REFINE_BUDGET)
        if changed:
            self._sync_virtual_size()
            # Paragraphs on screen are already exact; only lines above can move the view.
            if changed[0] < top.paragraph:
                self.scroll_to(y=layout.paragraph_top(top.paragraph) + within, animate=False)
                self.refresh()
        if layout.is_complete:
            self._refining = False
        else:
            self.set_timer(_REFINE_INTERVAL, self._refine_step)

    @property
    def layout_complete(self) -> bool:
        """True once every paragraph is wrapped (line numbers are final)."""
        return self._layout.is_complete

    def _sync_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, self._layout.line_count)
        if size != self.virtual_size:
            self.virtual_size = size

    def watch_measure(self) -> None:
        """A new measure re-wraps the text, keeping the top line's text in view."""
        if self.is_mounted:
            self._relayout()

    def validate_measure(self, value: int) -> int:
        """The measure is at least ``MIN_MEASURE`` cells."""
        return max(MIN_MEASURE, value)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width available for text changed."""
        if self._text_width() != self._layout.width:
            self._relayout()
        else:
            self._sync_virtual_size()
            self._strips.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling also tells the app which part of the document is visible."""
        super().watch_scroll_y(old_value, new_value)
        self._post_viewport()

    def _post_viewport(self) -> None:
        if self._text:
            self.post_message(ViewportChanged(*self.viewport_fractions()))

    # -- position --------------------------------------------------------------------------------

    def top_offset(self) -> int:
        """Document offset of the first visible line (to save the reading position)."""
        if not self._paragraphs.spans:
            return 0
        start, end = self._layout.line_span(round(self.scroll_y))
        return self._paragraphs.clamp(start + 1 if start == end else start)

    def scroll_to_offset(self, offset: int, *, top: bool = True) -> None:
        """Bring ``offset`` into view: as the first line, or just enough to show it."""
        line, _ = self._layout.position_of(offset)
        self._sync_virtual_size()
        height = self.scrollable_content_region.height
        if top or line < self.scroll_y:
            self.scroll_to(y=line, animate=False)
        elif line >= self.scroll_y + height:
            self.scroll_to(y=line - height + 1, animate=False)

    def viewport_fractions(self) -> tuple[float, float]:
        """The visible part of the document, as fractions of its characters."""
        length = max(1, len(self._text))
        first = round(self.scroll_y)
        last = first + max(1, self.scrollable_content_region.height) - 1
        top = self._layout.line_span(first)[0] if self._paragraphs.spans else 0
        bottom = self._layout.line_span(last)[1] if self._paragraphs.spans else 0
        if last >= self._layout.line_count - 1:
            bottom = len(self._text)
        return top / length, bottom / length

    @property
    def progress(self) -> float:
        """Percent (0-100) of the document above the bottom of the viewport."""
        return 100.0 * self.viewport_fractions()[1] if self._text else 0.0

    def offset_at_point(self, point: Offset) -> int:
        """The document offset drawn at ``point`` (relative to the content region)."""
        line = round(self.scroll_y) + point.y
        return self._layout.offset_at(line, point.x - self._left_pad())

    # -- rendering ---------------------------------------------------------------------------------

    def _invalidate(self, start: int | None = None, end: int | None = None) -> None:
        """Forget and repaint the lines of the paragraphs touching ``start:end`` (all if None)."""
        if start is None or end is None or not self._paragraphs.spans:
            self._strips.clear()
            self.refresh()
            return
        first = self._paragraphs.index_of(start)
        last = self._paragraphs.index_of(max(start, end - 1))
        for key in list(self._strips.keys()):
            if first <= key[0] <= last:
                self._strips.discard(key)
        layout = self._layout
        top = layout.paragraph_top(first)
        bottom = layout.paragraph_top(last) + layout.paragraph_height(last)
        self.refresh_lines(top, bottom - top)

    def _layers(self, start: int, end: int) -> list[tuple[str, StyledSpan]]:
        layers: list[tuple[str, StyledSpan]] = []
        if self.show_quotes:
            layers += [("quote", s) for s in self._quotes.overlapping(start, end)]
        if self.show_entities:
            layers += [("entity", s) for s in self._entities.overlapping(start, end)]
        layers += [("corrected", s) for s in self._corrected.overlapping(start, end)]
        if self.show_annotations:
            layers += [("annotation", s) for s in self._annotations.overlapping(start, end)]
        layers += self._find_layers(start, end)
        selection = self._highlight_selection
        if selection and selection[0] < end and selection[1] > start:
            layers.append(("selection", StyledSpan(*selection, SELECTION_CLASS)))
        if start <= self._cursor_offset < end:
            cursor = self._cursor_offset
            layers.append(("cursor", StyledSpan(cursor, cursor + 1, CURSOR_CLASS)))
        return layers

    def _find_layers(self, start: int, end: int) -> list[tuple[str, StyledSpan]]:
        return [
            ("find", StyledSpan(first, last, CURRENT_CLASS if current else FIND_CLASS))
            for first, last, current in self._find.within(start, end)
        ]

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrap what is about to be shown before Textual asks for its lines."""
        first = round(self.scroll_y) + crop.y
        if self._layout.ensure_lines(first, crop.height):
            self._sync_virtual_size()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the viewport, with offset metadata for mouse selection."""
        line = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if line >= self._layout.line_count or not self._paragraphs.spans:
            return Strip.blank(width, self._base_style())
        position = self._layout.locate_exact(line)
        key = (position.paragraph, position.line)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build_strip(position.paragraph, position.line, width)
            self._strips[key] = strip
        return strip.apply_offsets(0, line)

    def _build_strip(self, paragraph: int, line: int, width: int) -> Strip:
        base = self._base_style()
        if line < 0:
            return Strip.blank(width, base)
        wrapped = self._layout.wrapped(paragraph)
        start, end = wrapped.line_span(line)
        display = wrapped.line_text(line)
        segments = line_segments(display, start, self._layers(start, end), self._style_of)
        pad = self._left_pad()
        used = pad + cell_len(display)
        tail = [Segment(" " * (width - used), base)] if width > used else []
        head = [Segment(" " * pad, base)] if pad else []
        # Fewer segments make every later pass over the strip (filters, offsets) cheaper.
        return Strip([*head, *segments, *tail], max(width, used)).simplify()
