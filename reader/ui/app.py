"""The Textual application. Filled in by the reading-screen issue."""

from __future__ import annotations

from reader.core.service import ReaderService


def run_app(service: ReaderService, source: str | None, theme: str | None) -> None:
    """Run the TUI on ``source`` (or the library)."""
    raise NotImplementedError
