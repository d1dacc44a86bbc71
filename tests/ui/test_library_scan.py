"""The library's store scan: the first frame shows the newest screenful, the worker brings
every title then the note counts. Filter, sort and state filter never answer from the
screenful alone (they apply again when the titles come, and say meanwhile that they are
partial), a failed count still shows every title, and Escape never reads the store on the
event loop."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.widgets import Static

from reader.core.service import ReaderService
from reader.errors import ReaderError
from reader.ui.app import ReaderApp
from reader.ui.dialogs.confirm import ConfirmDialog
from reader.ui.screens.library import LibraryScreen
from reader.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, settle, settled, wait_until

COUNT = 60
"""More documents than a screenful (``SIZE`` is 36 rows)."""


class Gates:
    """Service calls held until released, each call noted with whether it ran on the event
    loop's thread (the test's main thread)."""

    def __init__(self, service: ReaderService, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles = threading.Event()
        self.counts = threading.Event()
        self.calls: list[tuple[str, bool]] = []
        # ``library`` too: the screen read it whole before (the tests fail on that design).
        for name, gate in (
            ("list_documents", self.titles),
            ("annotation_counts", self.counts),
            ("library", self.counts),
        ):
            real = getattr(service, name)
            monkeypatch.setattr(service, name, self._held(name, gate, real))

    def _held(self, name: str, gate: threading.Event, real: Callable[[], Any]) -> Any:
        def call() -> Any:
            self.calls.append((name, threading.current_thread() is threading.main_thread()))
            gate.wait(5)
            return real()

        return call

    def release(self) -> None:
        self.titles.set()
        self.counts.set()


@pytest.fixture
def many(service: ReaderService) -> None:
    """``COUNT`` documents, the oldest one titled "Zebra 0"."""
    import dataclasses

    from tests.core.test_store_support import make_document

    for n in range(COUNT):
        document = make_document(
            service.store, source=f"/tmp/{n:02d}.txt", last_opened=f"2026-01-01T{n:02d}"
        )
        if n == 0:
            service.store.put_document(dataclasses.replace(document, title="Zebra 0"))


@pytest.fixture
def gates(service: ReaderService, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gates]:
    held = Gates(service, monkeypatch)
    yield held
    held.release()


def _shelf(app: ReaderApp) -> str:
    return str(app.screen.query_one("#library-shelf", Static).render())


def _titles(app: ReaderApp) -> list[str]:
    table = app.screen.query_one(LibraryTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


async def test_a_filter_typed_before_every_title_is_read_applies_when_they_come(
    make_app: Callable[..., ReaderApp], many: None, gates: Gates
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: gates.calls)
        table = app.screen.query_one(LibraryTable)
        assert table.row_count == SIZE[1]  # the newest screenful only
        await pilot.press("slash", *"zebra")
        assert table.row_count == 0
        # Not a silent "no match": the shelf and the empty line say the list is partial.
        assert "reading every title" in _shelf(app)
        empty = str(app.screen.query_one("#library-empty", Static).render())
        assert "No match among the newest titles" in empty
        gates.titles.set()
        await wait_until(pilot, lambda: table.row_count == 1)
        assert _titles(app) == ["Zebra 0"]
        assert "reading every title" not in _shelf(app)
        await pilot.press("escape", "S")  # the sort is on every title too
        gates.counts.set()
        await settle(pilot)
        assert _titles(app) == ["Zebra 0"]


async def test_a_sort_before_every_title_is_read_sorts_every_title_when_they_come(
    make_app: Callable[..., ReaderApp], many: None, gates: Gates
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: gates.calls)
        await pilot.press("S", "S", "S")  # added, last opened, published -> title
        assert "sorted by title" in _shelf(app) and "reading every title" in _shelf(app)
        gates.titles.set()
        await wait_until(pilot, lambda: app.screen.query_one(LibraryTable).row_count == COUNT)
        titles = _titles(app)
        assert titles == sorted(titles, key=str.casefold) and titles[-1] == "Zebra 0"
        gates.release()
        await settle(pilot)


async def test_counts_that_fail_still_show_every_title(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    many: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> dict[str, int]:
        raise ReaderError("the notes file is unreadable")

    monkeypatch.setattr(service, "annotation_counts", broken)
    monkeypatch.setattr(service, "library", broken)
    app = make_app()
    async with settled(app, SIZE):
        table = app.screen.query_one(LibraryTable)
        assert table.row_count == COUNT
        assert {str(table.get_row_at(n)[2]) for n in range(COUNT)} == {"…"}
        assert "the notes file is unreadable" in notices(app)
        assert "reading every title" not in _shelf(app)


async def test_titles_that_fail_say_only_the_newest_are_shown(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    many: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> Any:
        raise ReaderError("the library file is unreadable")

    monkeypatch.setattr(service, "list_documents", broken)
    monkeypatch.setattr(service, "library", broken)
    app = make_app()
    async with settled(app, SIZE) as pilot:
        assert app.screen.query_one(LibraryTable).row_count == SIZE[1]
        assert f"only the newest {SIZE[1]}" in _shelf(app)
        assert "the library file is unreadable" in notices(app)
        await pilot.press("slash", *"zebra")
        empty = str(app.screen.query_one("#library-empty", Static).render())
        assert "No match among the newest titles" in empty


async def test_escape_never_reads_the_store_on_the_event_loop_and_the_titles_still_come(
    make_app: Callable[..., ReaderApp], many: None, gates: Gates
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: gates.calls)  # the worker is reading the titles
        await pilot.press("escape")
        await pilot.pause()
        assert any("Stopped reading the library" in note for note in notices(app))
        gates.titles.set()
        table = app.screen.query_one(LibraryTable)
        await wait_until(pilot, lambda: table.row_count == COUNT)
        assert table.row_count == COUNT
        gates.counts.set()
        await settle(pilot)
        assert str(table.get_row_at(0)[2]) == "…"  # the counts were dropped
        assert isinstance(app.screen, LibraryScreen)
    assert gates.calls and not any(on_loop for _, on_loop in gates.calls)


async def test_deleting_before_the_notes_are_counted_says_so_honestly(
    make_app: Callable[..., ReaderApp], many: None, gates: Gates
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: gates.calls)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = str(app.screen.query_one(".dialog-question", Static).render())
        assert "-1" not in question
        assert "Its notes (not counted yet) will be deleted too" in question
        await pilot.press("n")
        gates.release()
        await settle(pilot)
