"""A child process for the app-kill tests: the real app, headless, annotating by keys.

Usage: ``python app_kill_child.py SOURCE MODE [COUNT]``. The store, config and cache come from
the READER_* variables the parent sets (its analysis is cached there first). The child opens
SOURCE, and COUNT times (default 1) moves to the next paragraph, presses ``a``, types a note
and presses ctrl+s; right after each save returned it prints ``saved <id>`` (flushed). Then:

- MODE ``wait``: sleeps until the parent kills it;
- MODE ``q`` or ``ctrl+q``: presses that key and prints ``exited <return code>`` once the
  app has shut down.
"""

from __future__ import annotations

import asyncio
import sys

from reader.core.service import ReaderService
from reader.ui.app import build_app
from reader.ui.screens.reading import ReadingScreen


async def run(source: str, mode: str, count: int) -> None:
    """Annotate ``count`` times through the keys, then wait or quit as ``mode`` says."""
    app = build_app(ReaderService.open(), source)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        for number in range(count):
            await pilot.press("right_curly_bracket", "a", *f"note {number}", "ctrl+s")
            # The editor writes inside the ctrl+s handler; the undo entry is pushed after
            # ``add_annotation`` returned, so its presence means the save returned.
            change = screen.history.undo_stack[-1]
            annotation = change.annotation
            assert change.kind == "created" and annotation.note == f"note {number}"
            print(f"saved {annotation.id}", flush=True)
        if mode == "wait":
            await asyncio.sleep(120)
            return
        await pilot.press(mode)
    print(f"exited {app.return_code}", flush=True)


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1))
