"""A failure in a message handler or in a worker's callback is a notice, not an exit: the
app keeps running, the screen keeps answering keys, and nothing stored is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.status_line import StatusLine
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import notices, reading, settle, settled, wait_until


async def test_a_failing_message_handler_is_reported_and_the_screen_goes_on(
    make_app: Callable[..., ReaderApp],
    service: ReaderService,
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    expected_failures: None,
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, SIZE) as pilot:
        screen = reading(app)
        document_id = screen.document.id
        await pilot.press("m")  # a stored highlight that must survive
        await settle(pilot)
        real = ReadingScreen.update_status
        failures = iter([RuntimeError("[b]boom[/b]")])

        def fails_once(self: ReadingScreen) -> None:
            error = next(failures, None)
            if error is not None:
                raise error
            real(self)

        # The CursorMoved handler updates the status line: it fails on the next move.
        monkeypatch.setattr(ReadingScreen, "update_status", fails_once)
        await pilot.press("j")
        await settle(pilot)
        assert app.is_running and app.failures
        assert any("cursor moved failed: [b]boom[/b]" in m for m in notices(app))
        before = screen.view.cursor
        await pilot.press("j")  # the screen's message loop still runs
        await settle(pilot)
        assert screen.view.cursor != before
        line, total = screen.view.cursor_line_info()
        assert f"line {line}/{total}" in screen.query_one(StatusLine).text
    assert app.return_code in (None, 0)
    assert len(service.annotations_for(document_id)) == 1


async def test_a_failing_worker_callback_is_reported_and_reading_goes_on(
    make_app: Callable[..., ReaderApp],
    story: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    expected_failures: None,
) -> None:
    path, text = story

    def broken(self: ReadingScreen, *args: object) -> None:
        raise ValueError("filed callback broke")

    # The filing worker hands its result to the event loop with call_from_thread.
    monkeypatch.setattr(ReadingScreen, "_filed", broken)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.failures, 500, 0.01)
        await pilot.pause()  # the notice is posted, then shown
        assert app.is_running
        assert any("broken failed: filed callback broke" in m for m in notices(app))
        screen = reading(app)
        assert screen.view.text == text
        await pilot.press("j")
        assert screen.view.cursor > 0
        assert not [w for w in app.workers if w.is_running and w.group == "file"]
    assert app.return_code in (None, 0)


async def test_a_failing_timer_callback_is_reported_and_reading_goes_on(
    make_app: Callable[..., ReaderApp],
    story: tuple[str, str],
    expected_failures: None,
) -> None:
    path, _ = story
    app = make_app(path)
    async with settled(app, SIZE) as pilot:
        screen = reading(app)
        calls: list[int] = []

        def ticks_then_fails() -> None:
            calls.append(1)
            raise RuntimeError("timer broke")

        # A timer's callback is invoked by Textual's timer task, not by a message handler.
        screen.set_timer(0.01, ticks_then_fails, name="failing-tick")
        await wait_until(pilot, lambda: app.failures, 200, 0.01)
        await pilot.pause()
        assert calls == [1] and app.is_running
        assert any("ticks then fails failed: timer broke" in m for m in notices(app))
        before = screen.view.cursor
        await pilot.press("j")
        await settle(pilot)
        assert screen.view.cursor != before
    assert app.return_code in (None, 0)
