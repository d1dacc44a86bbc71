"""The search screen: every annotation until something is typed, results as you type,
malformed queries explained, Enter opens the document at the passage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.search import SearchScreen, hit_prompt
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import article, reading, settle, write_story


@pytest.fixture
def noted(tmp_path: Path, service: ReaderService) -> tuple[str, str, dict[str, int]]:
    """The story with two annotations: (document id, title, passage -> start offset)."""
    path, text = write_story(tmp_path, service)
    document = service.open_document(path).document
    starts: dict[str, int] = {}
    for passage, note, tag in (
        ("Portsmouth", "where the council sits", "places"),
        ("Bob Ray", "the sceptic on costs", "people"),
    ):
        start = text.index(passage)
        service.add_annotation(document.id, start, start + len(passage), note=note, tags=[tag])
        starts[passage] = start
    return document.id, document.title, starts


def _results(app: ReaderApp) -> list[str]:
    options = app.screen.query_one("#search-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def _message(app: ReaderApp) -> Static:
    return app.screen.query_one("#search-message", Static)


async def _searched(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def test_before_typing_every_annotation_shows_newest_first(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    _, title, _ = noted
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await _searched(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert str(_message(app).render()) == "2 result(s), newest first"
        assert _results(app) == [
            f"{title}  #people\n  the sceptic on costs\n  “Bob Ray”",
            f"{title}  #places\n  where the council sits\n  “Portsmouth”",
        ]


async def test_typing_narrows_the_results_and_marks_the_matched_word(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"counc")  # the last word matches as a prefix while typing
        await _searched(pilot)
        assert str(_message(app).render()) == "1 result(s)"
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        prompt = hit_prompt(screen.hits[0])
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == "reverse"]
        assert marked == ["council"]
        await pilot.press(*" zebra")
        await _searched(pilot)
        assert str(_message(app).render()) == "No matches."
        assert _results(app) == []


async def test_a_malformed_query_is_explained_and_the_results_stay(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"tag:people")
        await _searched(pilot)
        assert len(_results(app)) == 1
        await pilot.press(*" (")
        await _searched(pilot)
        message = _message(app)
        assert "column 12" in str(message.render())
        assert "never closed" in str(message.render())
        assert message.has_class("error")
        assert len(_results(app)) == 1


async def test_enter_opens_the_document_at_the_passage_and_q_returns(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    document_id, _, starts = noted
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"where")
        await _searched(pilot)
        await pilot.press("enter")  # into the results, first one highlighted
        await settle(pilot)
        assert app.screen.query_one("#search-results", OptionList).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert reading(app).document.id == document_id
        assert article(app).cursor == starts["Portsmouth"]
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_down_moves_into_the_results_and_escape_goes_back(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    document_id, _, starts = noted
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await _searched(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert article(app).cursor == starts["Portsmouth"]
        await pilot.press("s")
        await _searched(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reading(app).document.id == document_id


async def test_without_annotations_the_screen_says_how_to_make_one(
    make_app: Callable[..., ReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await _searched(pilot)
        assert "No annotations yet" in str(_message(app).render())


def test_a_hit_shows_the_passage_only_when_the_snippet_is_the_note(
    service: ReaderService, tmp_path: Path
) -> None:
    path, text = write_story(tmp_path, service)
    document = service.open_document(path).document
    start = text.index("all week")
    service.add_annotation(document.id, start, start + len("all week"))
    hits = service.search("week", limit=5)
    assert len(hits) == 1
    prompt: Text = hit_prompt(hits[0])
    # No note: the snippet is the passage itself, which is not repeated.
    assert prompt.plain.count("all week") == 1


async def test_a_result_in_the_document_being_read_moves_the_cursor_there(
    make_app: Callable[..., ReaderApp], noted: tuple[str, str, dict[str, int]]
) -> None:
    document_id, _, starts = noted
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # read the story from the library
        await settle(pilot)
        first = reading(app)
        depth = len(app.screen_stack)
        await pilot.press("s", *"sceptic", "enter", "enter")
        await settle(pilot)
        assert app.screen is first
        assert len(app.screen_stack) == depth
        assert article(app).cursor == starts["Bob Ray"]
        assert first.document.id == document_id
