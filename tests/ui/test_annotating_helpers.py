"""Shared helpers for the annotating tests (this module holds no tests of its own).

The reading screen analyses a document it has no cached analysis for in a child process;
these tests put the real spaCy analysis in the test's cache first, computed once per text
per test process, so every test starts with entities and quotes already on screen.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import cast

from textual.pilot import Pilot

from reader.core.analysis.pipeline import model_info_without_loading
from reader.core.analysis.results import Analysis
from reader.core.documents import load_source
from reader.core.models import Annotation
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from tests.ui.test_reading_screen_helpers import settle


@lru_cache(maxsize=8)
def _analysis(text: str, sha256: str) -> Analysis:
    from reader.core.analysis.runner import analyze_text

    return analyze_text(text, sha256)


def prime_analysis(service: ReaderService, source: Path) -> Analysis:
    """Analyse ``source``'s text (once per process) and store it in the service's cache."""
    loaded = load_source(str(source))
    analysis = _analysis(loaded.text, loaded.sha256)
    service.analysis_cache.store(analysis, model_info_without_loading(None))
    return analysis


def reading_screen(app: ReaderApp) -> ReadingScreen:
    """The reading screen on top of the app (fails the test if something else is)."""
    screen = app.screen
    assert isinstance(screen, ReadingScreen), f"expected the reading screen, got {screen!r}"
    return screen


async def find(pilot: Pilot[None], words: str) -> int:
    """Use ``/`` find like a reader: type ``words``, enter; return the cursor offset."""
    await pilot.press("slash")
    await type_text(pilot, words)
    await pilot.press("enter")
    await pilot.pause()
    return reading_screen(cast(ReaderApp, pilot.app)).view.cursor


async def put_cursor(pilot: Pilot[None], passage: str, at: int = 0) -> int:
    """Move the cursor to ``at`` characters into the first ``passage`` (as a panel jump does).

    Faster than typing a find query; ``find`` covers the keyboard path itself.
    """
    if pilot.app.screen.id == "_default":  # the first screen comes just after the start
        await settle(pilot)
    screen = reading_screen(cast(ReaderApp, pilot.app))
    if not screen.settled:  # filed in a worker: its notes and cached analysis come after
        await settle(pilot)
    offset = screen.text.index(passage) + at
    screen.view.move_cursor_to(offset)
    await pilot.pause()
    assert screen.view.cursor == offset
    return offset


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a terminal sends it."""
    await pilot.press(*text)


def stored_annotations(db_path: Path, document_id: str) -> list[Annotation]:
    """The document's annotations as a fresh service (a new process would) reads them."""
    return ReaderService.open(db_path).annotations_for(document_id)
