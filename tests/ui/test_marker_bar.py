"""MarkerBar: one row per tenth of the document here, markers by priority, viewport, clicks."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.style import Style
from textual.app import App, ComposeResult

from reader.ui.messages import MarkerJump
from reader.ui.palette import palette_defaults
from reader.ui.widgets.marker_bar import GLYPHS, MarkerBar

PALETTE_DEFAULTS = palette_defaults()


def row_style(bar: MarkerBar, y: int) -> Style:
    segment = next(iter(bar.render_line(y)))
    assert segment.style is not None
    return segment.style


class Harness(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.jumps: list[float] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(PALETTE_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield MarkerBar()

    def on_marker_jump(self, message: MarkerJump) -> None:
        self.jumps.append(message.fraction)


async def test_markers_land_on_their_rows_by_priority() -> None:
    app = Harness()
    async with app.run_test(size=(10, 10)) as pilot:
        bar = app.query_one(MarkerBar)
        assert bar.size.height == 10
        # A 100-character document: offset 55 is 0.55 of it, row 5 of 10.
        bar.set_markers("quote", [0, 55, 99], 100)
        await pilot.pause()
        assert [bar.render_line(y).text for y in (0, 5, 9)] == [GLYPHS["quote"]] * 3
        assert bar.render_line(1).text == " "
        bar.set_markers("find", [51], 100)
        assert bar.row_kind(5) == "find"
        bar.set_markers("annotation", [58], 100)
        assert bar.row_kind(5) == "annotation"
        assert bar.render_line(5).text == GLYPHS["annotation"]
        bar.set_markers("annotation", [], 100)
        assert bar.row_kind(5) == "find"
        style = row_style(bar, 5)
        assert style.color == Color.parse(PALETTE_DEFAULTS["marker-find"])


async def test_the_viewport_rows_have_their_own_background() -> None:
    app = Harness()
    async with app.run_test(size=(10, 10)) as pilot:
        bar = app.query_one(MarkerBar)
        bar.set_viewport(0.2, 0.4)
        await pilot.pause()
        viewport = Color.parse(PALETTE_DEFAULTS["marker-viewport-background"])
        backgrounds = [row_style(bar, y).bgcolor for y in range(10)]
        assert [y for y, colour in enumerate(backgrounds) if colour == viewport] == [2, 3]
        # A viewport thinner than a row still shows on one row.
        bar.set_viewport(0.71, 0.72)
        assert [y for y in range(10) if bar.row_in_viewport(y)] == [7]


async def test_a_click_posts_the_fraction_of_its_row() -> None:
    app = Harness()
    async with app.run_test(size=(10, 10)) as pilot:
        await pilot.click(MarkerBar, offset=(0, 7))
        assert app.jumps == [0.7]
        assert MarkerBar.Jump is MarkerJump


def test_an_unknown_kind_is_refused() -> None:
    bar = MarkerBar()
    with pytest.raises(ValueError, match="unknown marker kind"):
        bar.set_markers("entity", [1], 10)
