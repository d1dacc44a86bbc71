"""Under a dialog the article keeps its annotation colours (issue #12, rough edge 2).

Textual's modal backdrop blends backgrounds 60% towards the theme background: in a
256-colour terminal the dark theme's yellow note then rounds to dark red. The reader's
dialogs fade the text only; these tests read the colours the terminal gets, cell by cell,
with a dialog open, in truecolor and reduced to 256 and 16 colours."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.dialogs.backdrop import TextFadingBackdrop
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.palette import ANNOTATION_COLORS
from tests.ui.test_reading_screen_helpers import reading, settle, settled
from tests.ui.ui_cells import cell_style, offset_cell

WORDS = ("Harbour", "Ann Lee", "Bob Ray", "urgent", "Portsmouth", "closed")


def _reduced(colour: RichColor, system: ColorSystem) -> int | None:
    return colour.downgrade(system).number


def test_the_backdrop_fades_text_and_keeps_backgrounds() -> None:
    tint = Color.parse("#1c1e24").with_alpha(0.6)
    style = Style(color="#e6e6e6", bgcolor="#5c4600", bold=True)
    [out] = TextFadingBackdrop.process_segments([Segment("x", style)], tint)
    assert out.style is not None
    assert out.style.bgcolor == style.bgcolor
    assert out.style.bold
    assert out.style.color is not None and out.style.color != style.color


@pytest.mark.parametrize("theme", ["reader-dark", "reader-high-contrast", "reader-light"])
async def test_annotation_colours_under_a_dialog_keep_their_colour_and_reduction(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    theme: str,
) -> None:
    path, text = story
    document = service.open_document(path).document
    spans = {}
    for colour, word in zip(ANNOTATION_COLORS, WORDS, strict=True):
        start = text.index(word)
        service.add_annotation(document.id, start, start + len(word), color=colour)
        spans[colour] = start + 1  # a cell inside the note (not the cursor's)
    app = make_app(path, theme)
    async with settled(app, (120, 36)) as pilot:
        view = reading(app).view
        view.move_cursor_to(len(text) - 2)
        await settle(pilot)
        cells = {colour: offset_cell(view, offset) for colour, offset in spans.items()}
        before = {colour: cell_style(app, cell).bgcolor for colour, cell in cells.items()}
        app.push_screen(ConfirmDialog("Delete this note?"))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        under = {colour: cell_style(app, cell) for colour, cell in cells.items()}
    for colour in ANNOTATION_COLORS:
        shown, kept = under[colour].bgcolor, before[colour]
        assert shown is not None and kept is not None
        assert shown.triplet == kept.triplet, colour  # truecolor: the very colour
        for system in (ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
            assert _reduced(shown, system) == _reduced(kept, system), (colour, system)
        assert under[colour].color != under[colour].bgcolor  # the text still shows, faded
    reduced = [_reduced(under[c].bgcolor, ColorSystem.EIGHT_BIT) for c in ANNOTATION_COLORS]  # type: ignore[arg-type]
    assert len(set(reduced)) == len(ANNOTATION_COLORS)  # still six different colours
