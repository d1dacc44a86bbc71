"""Data shown in the TUI: always a ``Text`` built from sanitised strings, never markup.

A title such as ``[/quote]`` or a note holding ``[@click=app.quit]`` must show as what it
is. Widgets build their content with :func:`data_text` (one line) or :func:`data_block`
(several lines), so no string from a document, note, tag, import, theme or path is ever
parsed as markup or reaches the terminal with its control characters.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from reader.core.sanitize import safe, safe_line


def data_text(text: str, style: str | Style = "") -> Text:
    """``text`` on one line (breaks become spaces), sanitised, as a ``Text``."""
    return Text(safe_line(text), style=style, end="")


def data_block(text: str, style: str | Style = "") -> Text:
    """``text`` with its line breaks, sanitised, as a ``Text``."""
    return Text(safe(text), style=style, end="")
