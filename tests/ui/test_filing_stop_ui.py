"""Escape during a slow filing stops it where that is safe, and says what was stored."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core import anchoring
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settle, wait_until


async def test_escape_while_the_notes_are_placed_files_the_text_and_keeps_the_notes_whole(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, text = story
    document = service.open_document(path).document
    notes = [
        service.add_annotation(document.id, text.index(word), text.index(word) + len(word))
        for word in ("Bob Ray", "Portsmouth")
    ]
    Path(path).write_text("A new first line.\n" + text, encoding="utf-8")
    placing, release = threading.Event(), threading.Event()
    real_place = anchoring._place

    def slow_place(*args: Any) -> Any:
        placing.set()
        release.wait(10)
        return real_place(*args)

    monkeypatch.setattr(anchoring, "_place", slow_place)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: placing.is_set(), 200, 0.01)
        screen = reading(app)
        assert placing.is_set() and screen.pending == "filing"
        await pilot.press("escape")
        assert screen.pending == "stopping"
        assert any("Stopping the filing" in message for message in notices(app))
        release.set()
        await settle(pilot)
        assert screen.pending is None and screen.settled and screen.opened is None
        assert any("Stopped: the text is filed" in message for message in notices(app))
        await pilot.press("j")  # still reading
        assert screen.view.cursor > 0
    assert len(service.get_document(document.id).versions) == 2  # the new version is filed
    for note in notes:  # every note's record, whole and unmoved (placed on the next open)
        assert service.get_annotation(note.id) == note
