"""Test helpers: what the terminal gets at one cell of the app's screen (no tests here)."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Offset

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView


def offset_cell(view: ArticleView, offset: int) -> Offset:
    """The screen cell showing the character at document ``offset`` (it must be in view)."""
    line, column = view._layout.position_of(offset)
    x = view.region.x + view._left_pad() + column
    return Offset(x, view.region.y + line - round(view.scroll_y))


def cell_style(app: ReaderApp, cell: Offset) -> Style:
    """The style the terminal is sent for ``cell``: the screen with the screens under a
    dialog, as ``App.export_screenshot`` composes them."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    x = 0
    for strip in update.strips[cell.y]:  # type: ignore[attr-defined]
        for segment in strip:
            x += segment.cell_length
            if x > cell.x:
                return segment.style or Style()
    raise AssertionError(f"no cell at {cell}")
