"""Snapshots of the People screen and of the library's search over document text.

The sample's real analysis is cached before the app starts; see tests/ui/test_snapshots.py
for how shots are made deterministic. Regenerate with ``--snapshot-update`` and look at the
SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import prime_sample_analysis
from tests.ui.test_snapshots import SnapCompare, steady


@pytest.fixture
def library_app(
    make_app: Callable[..., ReaderApp], service: ReaderService, sample_path: Path
) -> Callable[[], ReaderApp]:
    prime_sample_analysis(service)
    service.open_document(str(sample_path))
    return make_app


def test_people_screen(snap_compare: SnapCompare, library_app: Callable[[], ReaderApp]) -> None:
    """People and organisations with counts; the first one's details on the right."""
    assert snap_compare(library_app(), terminal_size=SIZE, run_before=steady("P", "enter"))


def test_people_screen_second_person(
    snap_compare: SnapCompare, library_app: Callable[[], ReaderApp]
) -> None:
    """The second row chosen: its documents, quotations and companions."""
    keys = ("P", "down", "enter")
    assert snap_compare(library_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_library_search_over_document_text(
    snap_compare: SnapCompare, library_app: Callable[[], ReaderApp]
) -> None:
    """`F` then a query: passages of the documents with the matches marked."""
    keys = ("F", *"balloon")
    assert snap_compare(library_app(), terminal_size=SIZE, run_before=steady(*keys))


def test_people_screen_at_80x24(
    snap_compare: SnapCompare, library_app: Callable[[], ReaderApp]
) -> None:
    """At 80 columns every count shows (short headers), long names cut in the middle."""
    keys = ("P", "enter")
    assert snap_compare(library_app(), terminal_size=(80, 24), run_before=steady(*keys))
