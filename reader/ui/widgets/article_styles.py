"""Highlight spans of an article and how they merge into the styles of one display line.

No Textual here: spans carry component-class names, and the widget turns a stack of names
into a Rich style (from its theme-driven CSS) once per distinct stack.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style

from reader.core.analysis.labels import label_group
from reader.ui.palette import ANNOTATION_COLORS, ENTITY_GROUPS

PREFIX = "article-view--"

# Lower layers first: a later layer's colours win where both are set.
LAYER_ORDER = ("quote", "entity", "corrected", "annotation", "find", "selection", "cursor")
_RANK = {layer: rank for rank, layer in enumerate(LAYER_ORDER)}

OVERLAP_CLASS = f"{PREFIX}annotation-overlap"
QUOTE_CLASS = f"{PREFIX}quote"
INDIRECT_QUOTE_CLASS = f"{PREFIX}quote-indirect"
"""Reported speech (no quotation marks): a quieter style of its own (``$quote-indirect``)."""
FIND_CLASS = f"{PREFIX}find-match"
CURRENT_CLASS = f"{PREFIX}find-current"
CURSOR_CLASS = f"{PREFIX}cursor"
SELECTION_CLASS = f"{PREFIX}selection"
CORRECTED_CLASS = f"{PREFIX}corrected"
"""A quote or mention the reader corrected: a non-colour cue (``$corrected-style``)."""


def article_css(widget: str) -> str:
    """The widget's CSS for its first frame: every value a theme variable (see
    ``reader.ui.palette``); the highlights' rules follow (``highlight_css``).

    The vertical scrollbar is hidden: the marker bar beside the article shows the viewport.
    """
    return (
        f"{widget} {{ overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 0; }}\n"
        f"{widget} > .{CURSOR_CLASS} {{ text-style: $cursor-style; }}"
    )


def highlight_css(widget: str) -> str:
    """The rules of every highlight but the cursor: added after the first paint, which
    shows none of them (parsing them takes 1.3 ms; see ``ArticleCanvas.style_highlights``)."""
    rules = []
    kinds = [f"entity-{group}" for group in ENTITY_GROUPS] + ["quote", "quote-indirect"]
    kinds.append("find-match")
    kinds.append("find-current")
    for kind in kinds:
        rules.append(
            f"{widget} > .{PREFIX}{kind} {{ color: ${kind}; "
            f"background: ${kind}-background; text-style: ${kind}-style; }}"
        )
    for colour in ANNOTATION_COLORS:
        rules.append(
            f"{widget} > .{PREFIX}annotation-{colour} {{ background: $annotation-{colour}; }}"
        )
    rules.append(f"{widget} > .{OVERLAP_CLASS} {{ text-style: $annotation-overlap-style; }}")
    rules.append(f"{widget} > .{SELECTION_CLASS} {{ background: $selection-background; }}")
    rules.append(f"{widget} > .{CORRECTED_CLASS} {{ text-style: $corrected-style; }}")
    return "\n".join(rules)


def quote_class(form: str) -> str:
    """Component class of a quotation by its form: reported speech has its own."""
    return INDIRECT_QUOTE_CLASS if form == "indirect" else QUOTE_CLASS


def entity_class(label: str) -> str:
    """Component class of a spaCy entity label."""
    return f"{PREFIX}entity-{label_group(label)}"


def annotation_class(color: str) -> str:
    """Component class of an annotation colour (unknown colours show as yellow)."""
    return f"{PREFIX}annotation-{color if color in ANNOTATION_COLORS else 'yellow'}"


class AnnotationSpan(NamedTuple):
    """An annotation as the view shows it: its id, offsets (end exclusive) and colour (a
    named tuple, not a frozen dataclass: it is created on the start path, in a fifth of the
    time)."""

    id: str
    start: int
    end: int
    color: str


class StyledSpan(NamedTuple):
    """A highlighted stretch of the document (end exclusive) and its component class; spans
    sort by start, end, name, order (a named tuple, like ``AnnotationSpan``)."""

    start: int
    end: int
    name: str
    order: int = 0
    """Arrival order, so the latest of equal spans wins."""


class SpanIndex:
    """Spans sorted by start, answering "which spans touch start:end" quickly."""

    def __init__(self, spans: Iterable[StyledSpan] = ()) -> None:
        self._spans: list[StyledSpan] = sorted(s for s in spans if s.end > s.start)
        self._starts = [s.start for s in self._spans]
        self._longest = max((s.end - s.start for s in self._spans), default=0)

    def __len__(self) -> int:
        return len(self._spans)

    @property
    def spans(self) -> list[StyledSpan]:
        """All spans, by start."""
        return self._spans

    @property
    def starts(self) -> list[int]:
        """Start offsets, sorted (for "next quotation" style motions)."""
        return self._starts

    def overlapping(self, start: int, end: int) -> list[StyledSpan]:
        """Spans with at least one character in ``start:end``."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [s for s in self._spans[low:high] if s.end > start]

    def containing(self, offset: int) -> list[StyledSpan]:
        """Spans that contain ``offset``."""
        return self.overlapping(offset, offset + 1)

    def replace_range(self, start: int, end: int, spans: Iterable[StyledSpan]) -> None:
        """Drop the spans that start in ``start:end`` and add ``spans`` (streamed results)."""
        low = bisect_left(self._starts, start)
        high = bisect_left(self._starts, end)
        del self._spans[low:high]
        del self._starts[low:high]
        for span in spans:
            if span.end > span.start:
                insort(self._spans, span)
                self._longest = max(self._longest, span.end - span.start)
        self._starts = [s.start for s in self._spans]


def _stack_for(start: int, end: int, covering: list[tuple[str, StyledSpan]]) -> tuple[str, ...]:
    """Component classes for the cells ``start:end``, lowest layer first."""
    annotations = [span for layer, span in covering if layer == "annotation"]
    names: list[tuple[int, str]] = []
    for layer, span in covering:
        if layer != "annotation":
            names.append((_RANK[layer], span.name))
    if annotations:
        # The innermost annotation shows its colour; the latest wins a tie.
        inner = min(annotations, key=lambda s: (s.end - s.start, -s.order))
        names.append((_RANK["annotation"], inner.name))
        if len(annotations) > 1:
            names.append((_RANK["annotation"], OVERLAP_CLASS))
    names.sort(key=lambda item: item[0])
    return tuple(name for _, name in names)


def line_segments(
    display: str,
    line_start: int,
    layers: list[tuple[str, StyledSpan]],
    style_of: Callable[[tuple[str, ...]], Style],
) -> list[Segment]:
    """Segments for one display line starting at document offset ``line_start``.

    ``layers`` are (layer name, span) pairs touching the line; ``style_of`` turns a stack
    of component classes into the final style (the empty stack is the base style).
    """
    line_end = line_start + len(display)
    cuts = {line_start, line_end}
    for _, span in layers:
        cuts.add(min(max(span.start, line_start), line_end))
        cuts.add(min(max(span.end, line_start), line_end))
    points = sorted(cuts)
    segments: list[Segment] = []
    for left, right in pairwise(points):
        covering = [(name, s) for name, s in layers if s.start <= left and s.end >= right]
        style = style_of(_stack_for(left, right, covering))
        piece = display[left - line_start : right - line_start]
        if segments and segments[-1].style == style:
            segments[-1] = Segment(segments[-1].text + piece, style)
        else:
            segments.append(Segment(piece, style))
    return segments
