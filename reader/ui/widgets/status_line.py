"""The reading screen's status line."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.core.sanitize import safe_line
from reader.ui.failures import GuardedHandlers


class StatusLine(GuardedHandlers, Widget):
    """One line of text. Unlike ``Static.update``, a new text only repaints this line: it
    changes on every key press, and a layout pass of the whole screen costs a page-down
    several milliseconds."""

    text = reactive("", layout=False)

    def render(self) -> Text:
        """The text, cut at the edge."""
        return Text(safe_line(self.text), no_wrap=True, overflow="ellipsis")  # holds a title
