"""Leaving the reading screen: q quits or goes back to the library, ctrl+q always quits.

Uses the hand-checked six-paragraph story of ``test_reading_screen_helpers`` (its analysis is
cached by hand, so no spaCy process starts).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import reading, settle


async def test_q_quits_when_opened_on_a_source(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.return_code == 0


async def test_q_goes_back_to_the_library_when_opened_from_it(
    make_app: Callable[..., ReaderApp], service: ReaderService, story: tuple[str, str]
) -> None:
    path, _ = story
    title = service.open_document(path).document.title
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).document.title == title
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.return_code is None


async def test_ctrl_q_quits_from_the_reading_screen(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # even from the find bar
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code == 0
