"""Automation starts on the real first screen.

The first screen is pushed after Textual's start (cheaper first frame), which is after the
point where Textual hands a pilot over. ``ReaderApp`` waits for it in ``run_test`` and before
an ``auto_pilot`` (the snapshot tests' path), so no test acts on the empty default screen,
whatever the timing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from tests.ui.conftest import SIZE


async def test_run_test_hands_over_on_the_reading_screen(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, ReadingScreen)  # no pause: the very first look


async def test_run_test_hands_over_on_the_library(make_app: Callable[..., ReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, LibraryScreen)


async def test_an_auto_pilot_starts_on_the_first_screen(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app(story[0])
    seen: list[type] = []

    async def auto_pilot(pilot: Any) -> None:
        seen.append(type(pilot.app.screen))
        pilot.app.exit()

    await app.run_async(headless=True, size=SIZE, auto_pilot=auto_pilot)
    assert seen == [ReadingScreen]
