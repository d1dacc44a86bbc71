"""The first frame of a source does no work over the whole text that it does not show: the
text's hash and word count (and a new source's stand-in record, which needs them) wait for
the filing after the first paint, and what the reader sees once filed is unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core.models import Document, ReadingPosition
from reader.core.service import ReaderService, SourcePreview
from reader.core.text import sha256_of, word_count
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.status_line import StatusLine
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settled

TEXT = (
    "Harbour reopens after the storm\n\n"
    + "Ann Lee said “we will rebuild” on Monday, and the crews went back to work.\n\n" * 40
)


def _record_first_paint(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool, str]]:
    """At ``complete`` (just after the first paint): were the hash and word count asked
    for, was the stand-in record made, and what the status line said."""
    seen: list[tuple[bool, bool, str]] = []
    real_complete = ReadingScreen.complete

    async def recording(screen: ReadingScreen) -> None:
        assert screen.preview is not None
        asked = vars(screen.preview.loaded)
        status = screen.query_one(StatusLine).text
        seen.append(("sha256" in asked or "words" in asked, screen._document is not None, status))
        await real_complete(screen)

    monkeypatch.setattr(ReadingScreen, "complete", recording)
    return seen


async def test_a_new_source_paints_before_its_hash_and_count_then_files_them(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    seen = _record_first_paint(monkeypatch)
    app = make_app(str(path))
    async with settled(app, SIZE):
        screen = reading(app)
        [(counted, record_made, status)] = seen
        assert not counted and not record_made
        assert status.startswith("Harbour reopens after the storm  ·  ") and "line 1/" in status
        [stored] = service.list_documents()
        assert screen.document == stored
        assert stored.sha256 == sha256_of(screen.text)
        assert stored.words == word_count(screen.text) == 5 + 15 * 40
        assert stored.versions[0].words == stored.words


def _filed_harbour(tmp_path: Path, service: ReaderService) -> tuple[Path, Document]:
    """The harbour text written to a file and filed once (a source the store knows)."""
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path, service.open_document(str(path)).document


async def test_a_known_source_paints_before_its_hash_and_is_not_refiled_as_changed(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, first = _filed_harbour(tmp_path, service)
    seen = _record_first_paint(monkeypatch)
    app = make_app(str(path))
    assert isinstance(app.opened, SourcePreview) and app.opened.known == first
    async with settled(app, SIZE):
        screen = reading(app)
        [(counted, record_made, _)] = seen
        assert not counted and record_made  # a stored record stands in: no hash needed
        assert app.opened.changed is False
        assert screen.document.id == first.id
        assert screen.document.versions == first.versions
        assert not any("changed" in message for message in notices(app))


async def test_a_changed_source_is_still_re_anchored_with_its_notice(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, first = _filed_harbour(tmp_path, service)
    start = TEXT.index("we will rebuild")
    service.add_annotation(first.id, start, start + len("we will rebuild"))
    path.write_text("A new first line.\n\n" + TEXT, encoding="utf-8")
    seen = _record_first_paint(monkeypatch)
    app = make_app(str(path))
    async with settled(app, SIZE, notifications=True):
        screen = reading(app)
        [(counted, _, _)] = seen
        assert not counted
        assert isinstance(app.opened, SourcePreview) and app.opened.changed
        assert screen.document.sha256 == sha256_of(screen.text) != first.sha256
        assert len(screen.document.versions) == 2
        [note] = screen.annotations
        assert screen.text[note.selector.start : note.selector.end] == "we will rebuild"
        assert any("The text changed: 1 note(s) moved" in m for m in notices(app))


async def test_a_reopened_document_scrolls_to_its_position_before_the_rest_mounts(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The screen's completion (tabs, footer, filing) is timed from the scroll to the saved
    position, so the frame showing that position is drawn before the mounting starts; timed
    from the mount, the completion came first and the start of the text showed meanwhile."""
    path = tmp_path / "long.txt"
    path.write_text(
        "".join(f"Paragraph {n}: the crews went back to work at dawn.\n\n" for n in range(600)),
        encoding="utf-8",
    )
    opened = service.open_document(str(path))
    offset = opened.text.index("Paragraph 400:")
    position = ReadingPosition(offset, opened.text[offset : offset + 32], 66.0)
    service.save_position(opened.document.id, position)
    shown_when_timed: list[int] = []
    real_set_timer = ReadingScreen.set_timer

    def set_timer(screen: ReadingScreen, delay: float, callback: Any = None, **options: Any) -> Any:
        if callback == screen.complete:
            shown_when_timed.append(screen.view.top_offset())
        return real_set_timer(screen, delay, callback, **options)

    monkeypatch.setattr(ReadingScreen, "set_timer", set_timer)
    app = make_app(str(path))
    async with settled(app, SIZE):
        assert shown_when_timed == [offset]
        assert reading(app).view.top_offset() == offset
