"""The cyclic garbage collector is paused while the TUI starts, and resumed after its first frame.

Starting allocates hundreds of thousands of objects (Textual's and reader's modules, the
stylesheet, the widgets). That triggered a full (generation 2) collection of 15-45 ms right
as the first frame was composed, and about ten smaller ones; a bare Textual app allocates
less and met none. So ``reader SOURCE`` disables the collector before importing the UI
(``pause``), and the app calls ``resume`` a moment after its first frame: it freezes what
exists then (modules, classes, the screen: they live as long as the process, so later full
collections need not walk them) and enables collection again. Only cyclic garbage waits;
reference counting frees everything else as usual.

Tests run the app without ``pause`` (the collector is on), and then ``resume`` does nothing.
"""

from __future__ import annotations

import gc

RESUME_AFTER_SECONDS = 0.3
"""After the app's mount: past the first frame of the sample, the library and 500k words."""


def pause() -> None:
    """Disable the cyclic collector (the TUI's start, before its imports)."""
    gc.disable()


def restore() -> None:
    """Collect again at once (a start that failed, or ended, before ``resume``)."""
    gc.enable()


def resume() -> None:
    """Freeze the objects made during start and collect again (only if ``pause`` ran)."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
