"""Starts the Textual app. Textual is imported here, only when the TUI is actually wanted."""

from __future__ import annotations

import os
import sys

from reader.cli.context import CliContext
from reader.errors import SourceError

EXIT_APP_DIED = 3
"""The CLI's "any other failure" code (see ``reader.cli``)."""


def run_tui(obj: CliContext, source: str | None) -> None:
    """Open ``source`` (or the library) in the TUI."""
    from reader.ui import collection

    collection.pause()  # until just after the first frame (see reader.ui.collection)
    from reader.ui.app import build_app

    app = build_app(obj.service, source, obj.theme)
    if source == "-":
        _reattach_keyboard()
    app.run()
    if app.return_code:
        # The app died (Textual printed the traceback): the exit status says so.
        sys.exit(EXIT_APP_DIED)


def _reattach_keyboard() -> None:
    """After reading a document from a pipe, take keys from the terminal instead."""
    if sys.stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as error:
        raise SourceError(
            "read the document from stdin, but there is no terminal for keys"
        ) from error
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = os.fdopen(0, "r", closefd=False)
