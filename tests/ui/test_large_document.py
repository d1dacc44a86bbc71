"""A 500,000-word document: the text paints and keys work while its analysis still runs in
a child process, and quitting stops that process within 2 seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.text import word_count
from reader.ui.app import ReaderApp
from tests.conftest import SAMPLE_PATH
from tests.ui.conftest import SIZE
from tests.ui.test_reading_screen_helpers import article, line_text, reading, settle

WORDS = 500_000
STOP_SECONDS = 2.0


@pytest.fixture(scope="module")
def large_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's paragraphs repeated (each copy numbered) up to 500,000 words."""
    paragraphs = [p for p in SAMPLE_PATH.read_text(encoding="utf-8").splitlines() if p.strip()]
    per_copy = sum(word_count(p) for p in paragraphs)
    copies = -(-WORDS // per_copy)
    lines = [f"Part {n + 1}. {p}" for n in range(copies) for p in paragraphs]
    path = tmp_path_factory.mktemp("large") / "large.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


async def test_the_first_screen_paints_while_the_analysis_runs_and_quit_stops_it(
    make_app: Callable[..., ReaderApp], large_path: Path
) -> None:
    text = large_path.read_text(encoding="utf-8")
    assert word_count(text) >= WORDS
    app = make_app(str(large_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reading(app)
        view = article(app)
        first_rows = [line_text(view, y).strip() for y in range(3)]
        assert first_rows[0] == "Part 1. CNN"
        assert first_rows[1] == ""
        assert first_rows[2] == "Part 1. —"
        assert screen.analysis is None
        await settle(pilot)
        job = screen.job
        assert job is not None and job.pid is not None  # started after the first paint
        assert _alive(job.pid)
        status = app.screen.query_one("#status")
        assert "analysing" in str(status.render())
        # Keys are served while the child works: jump to the end and back.
        await pilot.press("G")
        await settle(pilot)
        assert "100%" in str(status.render())
        await pilot.press("g")
        await settle(pilot)
        assert view.cursor == 0
        assert screen.analysis is None
        pid = job.pid
        quit_pressed = time.monotonic()
        await pilot.press("ctrl+q")
    while _alive(pid) and time.monotonic() - quit_pressed < STOP_SECONDS + 1:
        time.sleep(0.05)
    stopped_after = time.monotonic() - quit_pressed
    assert not _alive(pid)
    assert stopped_after < STOP_SECONDS
