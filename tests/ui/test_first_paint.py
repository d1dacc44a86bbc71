"""What the first frame holds and what comes after it: the reading screen shows the text
alone, files a new or changed document in a worker (Escape stops waiting), the library reads
the store in a worker and never on a resize, and the UI reaches the core through one lock."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer, TabbedContent

from reader.core.service import ReaderService, SourcePreview
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.service_lock import SerialService, serialised
from reader.ui.widgets.library_table import LibraryTable
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settle, settled, wait_until

UI_DIR = Path(__file__).resolve().parents[2] / "reader" / "ui"


async def test_a_source_opens_without_the_library_under_it_and_q_says_quit(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, SIZE):
        assert not any(isinstance(screen, LibraryScreen) for screen in app.screen_stack)
        shown = {
            key: active.binding.description for key, active in app.screen.active_bindings.items()
        }
        assert shown["q"] == "Quit"


async def test_the_first_frame_is_the_text_alone_then_the_rest_mounts(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = story
    first_frame: list[tuple[bool, bool, bool, str]] = []
    real_complete = ReadingScreen.complete

    async def recording(screen: ReadingScreen) -> None:
        # Called after the first refresh: what was there for the first frame.
        painted = " ".join(screen.view.render_line(y).text.strip() for y in range(6))
        first_frame.append(
            (bool(screen.query(TabbedContent)), bool(screen.query(Footer)), screen.settled, painted)
        )
        await real_complete(screen)

    monkeypatch.setattr(ReadingScreen, "complete", recording)
    app = make_app(path)
    async with settled(app, SIZE):
        screen = reading(app)
        [(tabs, footer, was_settled, painted)] = first_frame
        assert (tabs, footer, was_settled) == (False, False, False)
        assert text.split()[0] in painted.split()
        assert screen.query(TabbedContent) and screen.query(Footer) and screen.settled


async def test_a_new_source_is_filed_after_the_first_paint(
    make_app: Callable[..., ReaderApp], service: ReaderService, tmp_path: Path
) -> None:
    path = tmp_path / "new.txt"
    path.write_text("Ann Lee said “we will rebuild” on Monday.\n\nThe harbour reopened.\n")
    app = make_app(str(path))
    assert isinstance(app.opened, SourcePreview) and app.opened.known is None
    assert service.list_documents() == []  # reading it wrote nothing
    async with settled(app, SIZE) as pilot:
        screen = reading(app)
        [document] = service.list_documents()
        assert screen.document.id == document.id
        await pilot.press("m")  # highlighting works once filed
        await settle(pilot)
        assert len(service.annotations_for(document.id)) == 1


def _slow_filing(monkeypatch: pytest.MonkeyPatch, service: ReaderService) -> threading.Event:
    """Make filing wait until the returned event is set (a long re-anchoring)."""
    release = threading.Event()
    real = service.file_preview

    def slow(preview: SourcePreview, stop: Any = None) -> Any:
        release.wait(10)
        return real(preview, stop)

    monkeypatch.setattr(service, "file_preview", slow)
    return release


@pytest.mark.usefixtures("slow_work_notices")
async def test_escape_stops_a_slow_filing_before_it_writes_and_the_text_stays(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, text = story
    release = _slow_filing(monkeypatch, service)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: reading(app).pending == "filing" and notices(app), 50, 0.02)
        screen = reading(app)
        assert screen.pending == "filing"
        assert any("Escape" in message for message in notices(app))
        before = service.get_document(screen.document.id)
        await pilot.press("escape")
        assert screen.pending == "stopping"
        release.set()
        await settle(pilot)
        assert screen.pending is None and screen.settled
        assert screen.opened is None  # stopped before its record was written
        assert service.get_document(before.id) == before
        assert any("Stopped: nothing was stored" in message for message in notices(app))
        assert screen.view.text == text
        await pilot.press("j")  # still reading
        assert screen.view.cursor > 0


async def test_escape_with_nothing_pending_still_reaches_the_article(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, SIZE) as pilot:
        await pilot.press("v", "l", "l")
        assert reading(app).view.selection is not None
        await pilot.press("escape")
        assert reading(app).view.selection is None


async def test_the_library_never_reads_the_store_on_a_resize(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    for name in ("library", "list_documents", "recent_documents", "annotation_counts"):
        real = getattr(service, name)
        monkeypatch.setattr(
            service, name, lambda *args, real=real, name=name: calls.append(name) or real(*args)
        )
    app = make_app()
    async with settled(app, SIZE) as pilot:
        assert app.screen.query_one(LibraryTable).row_count == 1
        before = len(calls)
        for width in (100, 90, 130):
            await pilot.resize_terminal(width, 30)
            await settle(pilot)
        assert len(calls) == before


@pytest.mark.usefixtures("slow_work_notices")
async def test_escape_stops_a_slow_library_scan_and_keeps_the_titles(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real = service.annotation_counts
    monkeypatch.setattr(service, "annotation_counts", lambda: release.wait(10) and real())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot, lambda: any("Escape stops" in message for message in notices(app)), 50, 0.02
        )
        assert any("Escape stops" in message for message in notices(app))
        table = app.screen.query_one(LibraryTable)
        assert table.row_count == 1  # the titles came from the main file at once
        assert str(table.get_row_at(0)[2]) == "…"  # the count is not read yet
        await pilot.press("escape")
        await pilot.pause()
        assert any("Stopped reading the library" in message for message in notices(app))
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert str(table.get_row_at(0)[2]) == "…"  # the count came too late: dropped


async def test_the_library_shows_a_screenful_first_and_every_title_after(
    make_app: Callable[..., ReaderApp], service: ReaderService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a screenful of records is parsed before the first frame; the worker brings
    every title, then the counts."""
    from tests.core.test_store_support import make_document

    for n in range(60):
        make_document(service.store, source=f"/tmp/{n:02d}.txt", last_opened=f"2026-01-01T{n:02d}")
    titles, counts = threading.Event(), threading.Event()
    real_list, real_counts = service.list_documents, service.annotation_counts
    monkeypatch.setattr(service, "list_documents", lambda: titles.wait(10) and real_list())
    monkeypatch.setattr(service, "annotation_counts", lambda: counts.wait(10) and real_counts())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        table = app.screen.query_one(LibraryTable)
        assert table.row_count == SIZE[1]  # the newest first: /tmp/59.txt, 58...
        assert [str(table.get_row_at(n)[1]) for n in (0, 1)] == ["59.txt", "58.txt"]
        titles.set()
        await wait_until(pilot, lambda: table.row_count == 60)
        assert str(table.get_row_at(59)[1]) == "00.txt"
        assert str(table.get_row_at(59)[2]) == "…"  # counts not read yet
        counts.set()
        await settle(pilot)
        assert str(table.get_row_at(59)[2]) == "0"


async def test_the_library_styles_each_widget_once_before_its_first_frame(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not focused and blurred (the filter box was Textual's first focus), not restyled
    whole on the screen's first resume (right after its mount styled it)."""
    from textual.css.stylesheet import Stylesheet

    styled: Counter[str] = Counter()
    real = Stylesheet.apply

    def apply(self: Stylesheet, node: Any, *args: Any, **kwargs: Any) -> None:
        styled[str(node.id)] += 1
        real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", apply)
    app = make_app()
    async with settled(app, SIZE):
        assert isinstance(app.screen, LibraryScreen)
        assert app.focused is app.screen.query_one(LibraryTable)
        shown = ("library-title", "library-filter", "library-shelf", "library-search")
        assert [styled[name] for name in shown] == [1, 1, 1, 1]
        assert styled["library-table"] == 2  # and once more when it takes the focus


def test_the_serial_service_never_runs_two_calls_at_once(service: ReaderService) -> None:
    inside: list[int] = []
    overlaps: list[bool] = []

    def busy() -> None:
        inside.append(1)
        overlaps.append(len(inside) > 1)
        time.sleep(0.01)
        inside.pop()

    service.busy = busy  # type: ignore[attr-defined]
    wrapped = serialised(service)
    threads = [threading.Thread(target=lambda: wrapped.busy()) for _ in range(8)]  # type: ignore[attr-defined]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == [False] * 8
    assert serialised(wrapped) is wrapped
    assert isinstance(wrapped, SerialService) and wrapped.paths == service.paths


def test_the_ui_never_reaches_into_the_store() -> None:
    for path in UI_DIR.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"reader\.core\.store|\.store\.|os\.stat", source), path


async def test_the_library_footer_takes_its_slot_after_the_first_frame(
    make_app: Callable[..., ReaderApp], story: tuple[str, str]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await settle(pilot)
        await wait_until(pilot, lambda: screen.query(Footer), 100, 0.05)
        assert screen.query(Footer)
        assert not screen.query("#footer-slot")
