"""Starts the Textual app. Textual is imported here, only when the TUI is actually wanted."""

from __future__ import annotations

from reader.cli.context import CliContext


def run_tui(obj: CliContext, source: str | None) -> None:
    """Open ``source`` (or the library) in the TUI."""
    from reader.ui.app import run_app

    run_app(service=obj.service, source=source, theme=obj.theme)
