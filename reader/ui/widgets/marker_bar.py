"""A thin bar beside the article showing where quotations, find matches and annotations are.

Each row stands for an equal fraction of the document. A row shows one glyph, by priority
annotation > find > quote, each kind with its own glyph and a theme colour; the rows the
viewport covers have a background. Clicking a row posts ``MarkerBar.Jump(fraction)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.messages import MarkerJump

KINDS = ("annotation", "find", "quote")
"""Marker kinds, highest priority first."""

GLYPHS = {"annotation": "■", "find": "◆", "quote": "│"}
"""One glyph per kind, so kinds differ without colour too."""


class MarkerBar(Widget):
    """Where things are in the whole document, one row per slice of it."""

    Jump = MarkerJump
    """Posted on a click: ``fraction`` (0..1) of the document to jump to."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "marker-bar--annotation",
        "marker-bar--find",
        "marker-bar--quote",
        "marker-bar--viewport",
    }
    DEFAULT_CSS = """
    MarkerBar { width: 1; height: 1fr; }
    MarkerBar > .marker-bar--annotation { color: $marker-annotation; text-style: bold; }
    MarkerBar > .marker-bar--find { color: $marker-find; text-style: bold; }
    MarkerBar > .marker-bar--quote { color: $marker-quote; }
    MarkerBar > .marker-bar--viewport { background: $marker-viewport-background; }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._fractions: dict[str, list[float]] = {kind: [] for kind in KINDS}
        self._viewport = (0.0, 0.0)
        self._rows: dict[str, set[int]] | None = None
        self._rows_height = 0
        self._styles: dict[tuple[str | None, bool], Style] = {}

    def set_markers(self, kind: str, offsets: Sequence[int], length: int) -> None:
        """Mark ``offsets`` (document offsets) of ``kind`` in a document of ``length`` chars."""
        if kind not in self._fractions:
            raise ValueError(f"unknown marker kind {kind!r}; expected one of {KINDS}")
        total = max(1, length)
        self._fractions[kind] = [min(1.0, max(0.0, offset / total)) for offset in offsets]
        self._rows = None
        self.refresh()

    def set_viewport(self, top_fraction: float, bottom_fraction: float) -> None:
        """The visible part of the document, as fractions."""
        viewport = (max(0.0, top_fraction), min(1.0, max(top_fraction, bottom_fraction)))
        if viewport != self._viewport:
            self._viewport = viewport
            self.refresh()

    def row_kind(self, row: int) -> str | None:
        """The kind shown on ``row`` (the highest priority one there), or None."""
        rows = self._marker_rows()
        return next((kind for kind in KINDS if row in rows[kind]), None)

    def row_in_viewport(self, row: int) -> bool:
        """True when ``row``'s slice of the document overlaps the viewport."""
        height = max(1, self.size.height)
        top, bottom = self._viewport
        overlaps = row / height < bottom and (row + 1) / height > top
        return overlaps or row == self._row(top)

    def _row(self, fraction: float) -> int:
        height = max(1, self.size.height)
        return min(height - 1, int(fraction * height))

    def _marker_rows(self) -> dict[str, set[int]]:
        if self._rows is None or self._rows_height != self.size.height:
            self._rows_height = self.size.height
            self._rows = {
                kind: {self._row(f) for f in fractions}
                for kind, fractions in self._fractions.items()
            }
        return self._rows

    def render_line(self, y: int) -> Strip:
        """One row: the glyph of its highest-priority kind, on the viewport colour if visible."""
        kind = self.row_kind(y)
        style = self._style(kind, self.row_in_viewport(y))
        glyph = " " if kind is None else GLYPHS[kind]
        width = max(1, self.size.width)
        return Strip([Segment(glyph.ljust(width), style)], width)

    def notify_style_update(self) -> None:
        """A theme or CSS change restyles every row."""
        super().notify_style_update()
        self._styles.clear()

    def _style(self, kind: str | None, in_view: bool) -> Style:
        # The DOM walk behind ``rich_style`` is slow for every row of every repaint: each of
        # the few combinations is built once per style update.
        style = self._styles.get((kind, in_view))
        if style is None:
            style = self.rich_style
            if in_view:
                style += self._partial("marker-bar--viewport")
            if kind is not None:
                style += self._partial(f"marker-bar--{kind}")
            self._styles[(kind, in_view)] = style
        return style

    def _partial(self, name: str) -> Style:
        styles = self.get_component_styles(name)
        full = self.get_component_rich_style(name)
        return Style(
            color=full.color if styles.has_rule("color") else None,
            bgcolor=full.bgcolor if styles.has_rule("background") else None,
            bold=True if styles.has_rule("text_style") and styles.text_style.bold else None,
        )

    def on_click(self, event: events.Click) -> None:
        """Jump to the part of the document the clicked row stands for."""
        height = max(1, self.size.height)
        self.post_message(MarkerJump(min(1.0, max(0.0, event.y / height))))
