"""The People screen (P), the library's search box over document text, and the background
analysis of the library: Pilot tests on the sample article with its real analysis cached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.library_analysis import IdleAnalysis
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.people import PeopleScreen
from reader.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import prime_sample_analysis, reading, settle


@pytest.fixture
def library_app(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> ReaderApp:
    """The app on the library, which holds the sample with its analysis cached."""
    prime_sample_analysis(service)
    service.open_document(str(sample_path))
    return make_app()


async def _people(pilot: object, app: ReaderApp) -> PeopleScreen:
    await pilot.press("P")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


async def test_p_lists_people_and_organisations_with_counts(library_app: ReaderApp) -> None:
    async with library_app.run_test(size=SIZE) as pilot:
        screen = await _people(pilot, library_app)
        names = [row.name for row in screen.rows]
        assert "Ned Worth" in names and "Antony Blinken" in names
        assert all(row.label in ("PERSON", "ORG") for row in screen.rows)
        assert screen.query_one(DataTable).row_count == len(screen.rows)


async def test_enter_shows_documents_quotations_and_companions(library_app: ReaderApp) -> None:
    async with library_app.run_test(size=SIZE) as pilot:
        screen = await _people(pilot, library_app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[row.name for row in screen.rows].index("Ned Worth"))
        await pilot.press("enter")
        await library_app.workers.wait_for_complete()
        await settle(pilot)
        detail = screen.query_one("#people-detail", OptionList)
        prompts = [str(detail.get_option_at_index(n).prompt) for n in range(detail.option_count)]
        assert prompts[0] == "Ned Worth (PERSON)"
        assert any(p.startswith("Quotations (") and p != "Quotations (0)" for p in prompts)
        assert "Appears most with" in prompts
        assert detail.has_focus


async def test_enter_on_a_quotation_opens_its_document_there(
    library_app: ReaderApp, service: ReaderService
) -> None:
    async with library_app.run_test(size=SIZE) as pilot:
        screen = await _people(pilot, library_app)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[row.name for row in screen.rows].index("Ned Worth"))
        await pilot.press("enter")
        await library_app.workers.wait_for_complete()
        await settle(pilot)
        detail = screen.query_one("#people-detail", OptionList)
        ids = [detail.get_option_at_index(n).id or "" for n in range(detail.option_count)]
        first_quote = service.quotes("Ned Worth")[0]
        wanted = f"open:{first_quote.document_id}:{first_quote.start}"
        detail.highlighted = ids.index(wanted)
        await pilot.press("enter")
        await settle(pilot, 6)
        assert reading(library_app).view.cursor == first_quote.start


async def test_people_is_in_the_command_palette(library_app: ReaderApp) -> None:
    from reader.ui.commands import ReaderCommands

    async with library_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = ReaderCommands(library_app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert "People" in names
        dict((n, c) for n, c, _ in provider._commands())["People"]()
        await library_app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(library_app.screen, PeopleScreen)


async def test_library_search_box_finds_text_and_opens_at_the_passage(
    library_app: ReaderApp, service: ReaderService
) -> None:
    async with library_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        assert library_app.screen.query_one("#library-search", Input).has_focus
        for key in "surveillance":
            await pilot.press(key)
        await library_app.workers.wait_for_complete()
        await settle(pilot)
        screen = library_app.screen
        assert isinstance(screen, LibraryScreen)
        hits = screen.text_search.hits
        assert hits and "surveillance" in hits[0].snippet.lower()
        assert not screen.query_one(LibraryTable).display
        await pilot.press("enter", "enter")
        await settle(pilot, 6)
        assert reading(library_app).view.cursor == hits[0].start


async def test_escape_clears_the_search_and_shows_the_documents(library_app: ReaderApp) -> None:
    async with library_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F", "z", "z", "q")
        await library_app.workers.wait_for_complete()
        await settle(pilot)
        screen = library_app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one(LibraryTable).display and screen.query_one(LibraryTable).has_focus
        assert screen.query_one("#library-search", Input).value == ""


async def test_the_library_is_analysed_in_the_background(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(IdleAnalysis, "idle_seconds", 0.05)
    document = service.open_document(str(sample_path)).document
    assert service.missing_analyses() == [document]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(600):  # the child process loads spaCy: up to a minute
            await pilot.pause(0.1)
            if app.library_status.startswith("Analysed"):
                break
        assert app.library_status == "Analysed 1 document(s) in the background."
        assert service.missing_analyses() == []
        screen = await _people(pilot, app)
        assert "Ned Worth" in [row.name for row in screen.rows]


async def test_from_80_columns_every_count_shows_and_long_names_are_cut_in_the_middle(
    library_app: ReaderApp,
) -> None:
    async with library_app.run_test(size=(80, 24)) as pilot:
        screen = await _people(pilot, library_app)
        table = screen.query_one(DataTable)
        headers = [str(column.label) for column in table.ordered_columns]
        assert headers == ["Name", "Kind", "Docs", "Ment", "Qts"]
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert widths <= table.size.width  # nothing cut off at the right
        names = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert "Antony Blinken" in names
        assert any("…" in name and name.startswith("China") for name in names)
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        headers = [str(column.label) for column in table.ordered_columns]
        assert headers == ["Name", "Kind", "Docs", "Mentions", "Quotes"]
