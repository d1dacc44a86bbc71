"""Messages the UI's widgets post upward (attributes down, messages up).

Each is a small class carrying document offsets, never widgets' internals. Handler names
follow Textual's rules: ``CursorMoved`` -> ``on_cursor_moved`` and so on.
"""

from __future__ import annotations

from textual.message import Message


class CursorMoved(Message):
    """The article cursor moved to ``offset`` (a document offset)."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset = offset


class SelectionChanged(Message):
    """The selection is now ``start:end`` (document offsets, end exclusive)."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end


class SelectionCleared(Message):
    """There is no selection any more."""


class FindChanged(Message):
    """Find highlights changed: ``count`` matches, ``current`` the 0-based current one or None."""

    def __init__(self, count: int, current: int | None) -> None:
        super().__init__()
        self.count = count
        self.current = current


class ViewportChanged(Message):
    """The article's visible part changed (scroll, resize, measure); fractions of the text."""

    def __init__(self, top_fraction: float, bottom_fraction: float) -> None:
        super().__init__()
        self.top_fraction = top_fraction
        self.bottom_fraction = bottom_fraction


class MarkerJump(Message):
    """The marker bar was clicked: jump to ``fraction`` (0..1) of the document."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction
