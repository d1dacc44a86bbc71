"""Snapshots: the annotation editor (note, tags, suggestions) and overlapping annotations.

The analysis is cached before the app starts, cursors do not blink and notifications are
cleared, so each picture depends only on the code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent, TextArea

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from tests.ui.test_annotating_helpers import prime_analysis, put_cursor, reading_screen
from tests.ui.test_reading_screen_helpers import settle

SNAPSHOT_SIZE = (120, 36)
SnapCompare = Callable[..., bool]


def add(service: ReaderService, document_id: str, text: str, passage: str, **fields: Any) -> None:
    """Annotate the first ``passage`` of ``text``."""
    start = text.index(passage)
    service.add_annotation(document_id, start, start + len(passage), **fields)


def test_editor_with_note_tags_and_suggestions(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    prime_analysis(service, sample_path)
    opened = service.open_document(str(sample_path))
    add(service, opened.document.id, opened.text, "Ned Worth", tags=["sovereignty"])
    app = make_app(str(sample_path))

    async def run_before(pilot: Pilot[None]) -> None:
        await put_cursor(pilot, "Munich Security")
        await pilot.press("a")
        editor = pilot.app.screen
        editor.query_one("#note", TextArea).cursor_blink = False
        editor.query_one("#tags", Input).cursor_blink = False
        await pilot.press(*"Blinken protests: **unacceptable**.", "enter", *"See the readout.")
        await pilot.press("tab", *"law, sov")
        await pilot.pause(0.2)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def test_overlapping_and_nested_annotations(
    snap_compare: SnapCompare,
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    sample_path: Path,
) -> None:
    prime_analysis(service, sample_path)
    opened = service.open_document(str(sample_path))
    document_id, text = opened.document.id, opened.text
    add(service, document_id, text, "In a gathering on the sidelines", color="green", note="where")
    add(
        service, document_id, text, "sidelines of the Munich Security Conference, Blinken “straight"
    )
    add(service, document_id, text, "unacceptable violation of US sovereignty", color="blue")
    add(service, document_id, text, "violation", color="pink", tags=["law"])
    add(service, document_id, text, "Ned Worth.\nThe secretary, Worth added", color="purple")
    app = make_app(str(sample_path))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        screen = reading_screen(cast(ReaderApp, pilot.app))
        screen.query_one("#side-tabs", TabbedContent).active = "tab-annotations"
        await put_cursor(pilot, "CNN")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)
