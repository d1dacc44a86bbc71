"""``o`` on a FIFO reads it in a worker, like a URL: the app answers keys while the FIFO
waits for its writer, Escape cancels the read, and a writer's text opens as a document."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, settle, settled, wait_until


@pytest.fixture
def fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A FIFO nobody writes to yet; a read would wait a minute for its writer."""
    monkeypatch.setenv("READER_FIFO_TIMEOUT", "60")
    path = tmp_path / "feed"
    os.mkfifo(path)
    return path


async def _open_with_o(pilot: Pilot[None], path: Path) -> None:
    await pilot.press("o")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def _reading_workers(app: ReaderApp) -> list[object]:
    return [w for w in app.workers if w.group == "fetch-url" and w.is_running]


async def test_o_on_a_fifo_keeps_the_app_answering_and_escape_cancels_it(
    make_app: Callable[..., ReaderApp], fifo: Path
) -> None:
    app = make_app()
    async with settled(app, SIZE) as pilot:
        await _open_with_o(pilot, fifo)
        assert _reading_workers(app), "the FIFO is read in a worker"
        assert any(f"Reading {fifo}" in note for note in notices(app))
        await pilot.press("question_mark")  # the event loop answers while the FIFO waits
        await pilot.press("escape")  # closes the help
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")  # cancels the read
        await wait_until(pilot, lambda: not _reading_workers(app), 100, 0.05)
        assert not _reading_workers(app), "the read stopped long before its 60 s deadline"
        assert any("Opening cancelled" in note for note in notices(app))
        assert isinstance(app.screen, LibraryScreen) and app.is_running


async def test_o_on_a_fifo_opens_what_its_writer_sends(
    make_app: Callable[..., ReaderApp], fifo: Path
) -> None:
    def write() -> None:
        with fifo.open("w", encoding="utf-8") as stream:  # waits for the reader
            stream.write("Piped news\n\nAnn Lee said it was piped.\n")

    app = make_app()
    async with settled(app, SIZE) as pilot:
        await _open_with_o(pilot, fifo)
        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), 200, 0.05)
        writer.join(5)
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert "Ann Lee said it was piped." in app.screen.view.text
