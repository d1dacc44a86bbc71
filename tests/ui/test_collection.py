"""The garbage collector is paused for the TUI's start and resumed after its first frame."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from reader.ui import collection
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import settle


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does, the collector is on and nothing stays frozen afterwards."""
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def test_resume_does_nothing_when_the_collector_was_not_paused(collector_restored: None) -> None:
    frozen = gc.get_freeze_count()
    collection.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_pause_then_resume_freezes_the_start_and_collects_again(collector_restored: None) -> None:
    collection.pause()
    assert not gc.isenabled()
    collection.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


async def test_the_app_resumes_collection_after_its_first_frame(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], collector_restored: None
) -> None:
    path, _ = story
    collection.pause()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(100):  # the timer fires RESUME_AFTER_SECONDS after the mount
            if gc.isenabled():
                break
            await pilot.pause(0.05)
        assert gc.isenabled()
