"""Snapshot tests at a fixed size: the reading screen (in every shipped theme), each side-panel
tab, the help screen, the library and the search screen.

Deterministic by construction: the sample's analysis is in the cache before the app starts
(so highlights are on the first paint), input cursors do not blink, notifications are
cleared before the shot, and stored timestamps are fixed. Regenerate with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at the SVGs before
accepting them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.core.service import ReaderService
from reader.paths import shipped_themes_dir
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import (
    prime_sample_analysis,
    reading,
    settle,
    write_story,
)

SnapCompare = Callable[..., bool]
THEMES = sorted(path.stem for path in shipped_themes_dir().glob("*.toml"))


def steady(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A ``run_before`` that presses ``keys``, then removes what would make shots differ."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot, 2)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


@pytest.fixture
def sample_app(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> Callable[..., ReaderApp]:
    """The app on the sample, its analysis already cached."""
    prime_sample_analysis(service)

    def build(theme: str | None = None) -> ReaderApp:
        return make_app(str(sample_path), theme)

    return build


def _annotate_sample(service: ReaderService, sample_path: Path) -> None:
    opened = service.open_document(str(sample_path))
    text = opened.text
    for passage, note, tags, color in (
        ("unacceptable violation of US sovereignty", "Blinken's framing", ["balloon"], "yellow"),
        ("absurd and hysterical", "Wang's reply, in his words", ["china", "tone"], "blue"),
    ):
        start = text.index(passage)
        service.add_annotation(
            opened.document.id, start, start + len(passage), note=note, tags=tags, color=color
        )


def test_reading_screen_with_highlights(
    snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp]
) -> None:
    """The sample with entities, quotes, the marker bar, the legend and the Entities tab."""
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady())


@pytest.mark.parametrize("theme", THEMES)
def test_reading_screen_in_each_theme(
    snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp], theme: str
) -> None:
    """Two paragraphs down, so quotes and several entity kinds are on screen."""
    keys = ("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
    assert snap_compare(sample_app(theme), terminal_size=SIZE, run_before=steady(*keys))


def test_side_panel_entities_tab_after_choosing_an_entity(
    snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp]
) -> None:
    """The first person chosen twice: the cursor is on his second mention."""
    keys = ("tab", "down", "enter", "enter")
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_side_panel_quotes_tab(
    snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp]
) -> None:
    """The speaker chart above the quotes; the third quote chosen."""
    keys = ("tab", "right", "down", "down", "down", "enter")
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_side_panel_notes_tab(
    snap_compare: SnapCompare,
    sample_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    """Two annotations made through the service, in text order, drawn in their colours."""
    _annotate_sample(service, sample_path)
    keys = ("tab", "right", "right", "down", "enter")
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_find_highlights(snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp]) -> None:
    """Every match of "wang" highlighted, the cursor on the first, markers in the bar."""
    keys = ("slash", "w", "a", "n", "g", "enter")
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_help_screen(snap_compare: SnapCompare, sample_app: Callable[..., ReaderApp]) -> None:
    """The key map over the reading screen."""
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady("question_mark"))


def test_library_with_two_documents(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
    tmp_path: Path,
) -> None:
    """Newest first, short sources, notes counts, progress and fixed times."""
    story_path, text = write_story(tmp_path, service)
    story = service.open_document(story_path).document
    start = text.index("Bob Ray")
    service.add_annotation(story.id, start, start + len("Bob Ray"), note="the sceptic")
    sample = service.open_document(str(sample_path)).document
    position = sample.position._replace(progress=42.0)
    service.store.put_document(
        dataclasses.replace(sample, last_opened="2026-03-01T09:30:00.000Z", position=position)
    )
    story = service.store.get_document(story.id)
    service.store.put_document(dataclasses.replace(story, last_opened="2026-03-02T18:05:00.000Z"))
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady())


def test_empty_library_offers_the_sample(
    snap_compare: SnapCompare, make_app: Callable[..., ReaderApp]
) -> None:
    """First run: the sample article is offered."""
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady())


def test_search_screen_with_results(
    snap_compare: SnapCompare,
    sample_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    """Results for a prefix typed so far, the matched words marked."""
    _annotate_sample(service, sample_path)
    keys = ("s", "w", "a", "n")
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=steady(*keys))


async def test_the_reading_snapshot_has_its_analysis(
    sample_app: Callable[..., ReaderApp],
) -> None:
    """What the snapshots rely on: the cached analysis is applied right after the first paint
    (which shows the text alone)."""
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        assert screen.analysis is not None
        assert screen.job is None
        assert screen.analysis_status == ""
