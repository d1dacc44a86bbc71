"""Snapshots of the reading life screens: the library with authors, dates and states, a filter
typed before every title is read, and the document panel (the document's own record) over
the reading screen."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.core.service.library import DocumentEdit
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import write_story
from tests.ui.test_snapshots import SnapCompare, steady


def _dated_story(tmp_path: Path, service: ReaderService) -> str:
    story_path, _ = write_story(tmp_path, service)
    story = service.open_document(story_path).document
    edit = DocumentEdit(
        author="Jane Doe",
        published="2024-03-05",
        note="Follow the *money*.",
        add_tags=("harbour", "politics"),
        state="reading",
    )
    story = service.edit_document(story.id, edit)
    service.store.put_document(dataclasses.replace(story, last_opened="2026-03-02T18:05:00.000Z"))
    return story_path


def test_library_with_authors_dates_and_states(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
) -> None:
    """Author and date after the title (dimmed), the State column, the filter box."""
    _dated_story(tmp_path, service)
    other = tmp_path / "other.txt"
    other.write_text("Another story, about the weather.\n", encoding="utf-8")
    document = service.open_document(str(other)).document
    document = service.edit_document(document.id, DocumentEdit(state="done"))
    service.store.put_document(
        dataclasses.replace(document, last_opened="2026-03-01T09:30:00.000Z")
    )
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady())


def test_library_filter_before_every_title_is_read(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The newest screenful only (the scan never comes here): a filter without a match says
    that the titles are not all read, not that nothing matches."""
    _dated_story(tmp_path, service)

    def no_scan(screen: LibraryScreen) -> None:
        screen.scan_pending = False

    monkeypatch.setattr(LibraryScreen, "refresh_rows", no_scan)
    keys = ("slash", "z", "e", "b", "r", "a")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_document_panel(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
) -> None:
    """D on the reading screen: every field of the document's record."""
    story_path = _dated_story(tmp_path, service)
    assert snap_compare(make_app(story_path), terminal_size=SIZE, run_before=steady("D"))
