"""Selecting by keyboard on the reading screen: v with motions, text objects, find then v.

Every selection is checked as exact document offsets against the sample text, with the
expected passages written out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.dialogs.editor import AnnotationEditor
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import SIZE
from tests.ui.test_annotating_helpers import (
    find,
    prime_analysis,
    put_cursor,
    reading_screen,
    stored_annotations,
)

GATHERING = (
    "In a gathering on the sidelines of the Munich Security Conference, Blinken “straight "
    "spoke to the unacceptable violation of US sovereignty and worldwide regulation,” based "
    "on a press release from State Division spokesperson Ned Worth."
)


@pytest.fixture
def app(make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path) -> ReaderApp:
    """The reader on the sample article, its analysis already cached."""
    prime_analysis(service, sample_path)
    return make_app(str(sample_path))


def selected(app: ReaderApp) -> str | None:
    """The selected passage of the document, or None."""
    screen = reading_screen(app)
    selection = screen.view.selection
    return None if selection is None else screen.text[selection[0] : selection[1]]


async def test_find_leaves_the_cursor_on_the_match_and_v_starts_there(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        cursor = await find(pilot, "unacceptable violation")
        text = reading_screen(app).text
        assert cursor == text.index("unacceptable violation")
        await pilot.press("v")
        assert reading_screen(app).view.selection == (cursor, cursor + 1)
        assert selected(app) == "u"


async def test_v_with_character_and_word_motions_and_escape(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        start = await put_cursor(pilot, "unacceptable")
        await pilot.press("v", "l", "l")
        assert selected(app) == "una"
        await pilot.press("h")
        assert reading_screen(app).view.selection == (start, start + 2)
        # Word motions end the selection on a word's end, never inside the next word.
        await pilot.press("w")
        assert selected(app) == "unacceptable"
        await pilot.press("w")
        assert selected(app) == "unacceptable violation"
        await pilot.press("b")
        assert selected(app) == "unacceptable"
        await pilot.press("e")  # vim's e while selecting: to the end of the next word
        assert selected(app) == "unacceptable violation"
        await pilot.press("escape")
        view = reading_screen(app).view
        assert view.selection is None
        assert view.cursor == start + len("unacceptable violation") - 1


async def test_v_with_sentence_and_paragraph_motions(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await put_cursor(pilot, "The diplomatic fallout")
        await pilot.press("v", ")")
        assert selected(app) == (
            "The diplomatic fallout from the balloon has been swift, with Washington accusing "
            "China of overseeing an in depth worldwide surveillance program."
        )
        await pilot.press("(")
        assert selected(app) == "T"
        await pilot.press("}")
        passage = selected(app)
        assert passage is not None
        assert passage.startswith("The diplomatic fallout")
        assert passage.endswith("was a civilian analysis plane by accident blown astray.")
        await pilot.press("{")
        assert selected(app) == "T"


async def test_v_with_line_motions_keeps_the_column(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        start = await put_cursor(pilot, "unacceptable")
        view = reading_screen(app).view
        line, _ = view.cursor_line_info()
        await pilot.press("v", "j")
        assert view.cursor_line_info()[0] == line + 1
        passage = selected(app)
        assert passage is not None and passage.startswith("unacceptable violation")
        assert "\n" not in passage
        await pilot.press("k")
        assert view.selection == (start, start + 1)


async def test_text_objects_select_sentence_entity_and_quotation(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await put_cursor(pilot, "unacceptable")
        await pilot.press("S")
        assert selected(app) == GATHERING
        await pilot.press("escape")
        await put_cursor(pilot, "unacceptable")
        await pilot.press("Q")
        assert selected(app) == (
            "“straight spoke to the unacceptable violation of US sovereignty and worldwide "
            "regulation,”"
        )
        await pilot.press("escape")
        await put_cursor(pilot, "Munich Security")
        await pilot.press("l", "E")
        assert selected(app) == "Munich Security Conference"
        text = reading_screen(app).text
        start = text.index("Munich Security Conference")
        assert reading_screen(app).view.selection == (start, start + 26)


async def test_entity_object_off_an_entity_selects_nothing(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await put_cursor(pilot, "gathering")
        await pilot.press("E")
        assert reading_screen(app).view.selection is None


async def test_a_mouse_selection_is_annotated_like_a_keyboard_one(
    app: ReaderApp, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading_screen(app)
        # Row 4 of the article is the first line of "US Secretary of State ..." (after
        # "CNN", a blank, "—", a blank); the drag ends on the line below.
        await pilot.mouse_down(ArticleView, offset=(10, 4))
        await pilot.hover(ArticleView, offset=(30, 5))
        await pilot.mouse_up(ArticleView, offset=(30, 5))
        await pilot.pause()
        selection = screen.view.selection
        assert selection is not None
        passage = screen.text[selection[0] : selection[1]]
        assert passage.startswith("ry of State Antony Blinken met with")
        assert "Saturday" in passage and "\n" not in passage
        await pilot.press("a")
        assert isinstance(app.screen, AnnotationEditor)
        assert app.screen.passage == passage
        await pilot.press("x", "ctrl+s")
        [saved] = stored_annotations(db_path, screen.document.id)
        assert (saved.selector.start, saved.selector.end) == selection
        assert saved.selector.start == screen.text.index("US Secretary") + 10
