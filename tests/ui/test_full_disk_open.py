"""Opening on a full disk: recording ``last_opened`` and the reading position is best
effort. The document opens with its notes and a notice says what could not be saved; a new
or changed text (which must be filed) still says it cannot be opened. The store's write is
made to fail the way the other disk-full tests do: an injected ``OSError(ENOSPC)``."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.core.store import Store
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settle, settled


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "put_document", full)


async def test_a_known_document_opens_on_a_full_disk_and_says_what_was_not_saved(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_app_path: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = sample_app_path  # long enough to scroll: the position changes
    document = service.open_document(path).document
    service.add_annotation(document.id, 0, 3, note="kept")
    before = service.get_document(document.id)
    _disk_full(monkeypatch)
    app = make_app(path)
    async with settled(app, SIZE, notifications=True) as pilot:
        screen = reading(app)
        assert screen.opened is not None and [a.note for a in screen.annotations] == ["kept"]
        assert any("could not save the last-opened time: " in m for m in notices(app))
        assert any("No space left" in m for m in notices(app))
        await pilot.press("G")
        await settle(pilot)
        assert screen.view.top_offset() > 0
        screen.save_position()
        screen.save_position()  # said once, not at every periodic save
        await pilot.pause()
        saying = [m for m in notices(app) if "Could not save the reading position" in m]
        assert len(saying) == 1 and "No space left" in saying[0]
        assert app.is_running
    monkeypatch.undo()
    assert service.get_document(document.id) == before  # nothing half-written


async def test_the_library_opens_a_document_on_a_full_disk(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = story
    document = service.open_document(path).document
    app = make_app()
    async with settled(app, SIZE, notifications=True) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        _disk_full(monkeypatch)
        app.open_source(document.id)
        await settle(pilot)
        assert reading(app).document.id == document.id
        assert any("could not save the last-opened time" in m for m in notices(app))


async def test_a_new_text_on_a_full_disk_still_cannot_be_filed(
    make_app: Callable[..., ReaderApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.txt"
    path.write_text("A new text that was never filed.\n", encoding="utf-8")
    _disk_full(monkeypatch)
    app = make_app(str(path))
    async with settled(app, SIZE, notifications=True):
        assert reading(app).opened is None  # read, not filed: no notes to show
        assert any("Not filed in the library" in m for m in notices(app))
        assert app.is_running
