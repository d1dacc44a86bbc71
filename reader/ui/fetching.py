"""Opening a URL, a FIFO or a pipe from the TUI without freezing it: the read runs in a
thread worker (a slow server, or a FIFO whose writer has not come yet, waits up to 10 s).

A notice says it is reading; Escape cancels it (``cancel_fetch``), ctrl+q quits at once.
The result comes back to the event loop with ``call_from_thread``; a cancelled fetch's
result is dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.worker import Worker, get_current_worker

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.service.documents import OpenedDocument
    from reader.ui.app import ReaderApp

FETCH_GROUP = "fetch-url"
_URL = re.compile(r"^https?://", re.I)


def is_url(source: str) -> bool:
    """Whether ``source`` is fetched over the network."""
    return _URL.match(source.strip()) is not None


def start_fetch(app: ReaderApp, url: str, offset: int | None) -> Worker[None]:
    """Read ``url`` (a URL, a FIFO, a pipe) in a thread and show it when it arrives."""
    verb = "Fetching" if is_url(url) else "Reading"
    app.notify(f"{verb} {url} … (Escape cancels)", title="Opening", timeout=4)

    def fetch() -> None:
        worker = get_current_worker()
        try:
            # The network wait runs outside the service lock: the UI's other calls go on.
            loaded = app.service.load_source(url)
            if worker.is_cancelled:
                return
            opened = app.service.file_loaded(loaded)
        except ReaderError as error:
            if not worker.is_cancelled:
                app.call_from_thread(_failed, app, str(error))
            return
        if not worker.is_cancelled:
            app.call_from_thread(_arrived, app, opened, offset)

    return app.run_worker(
        fetch, thread=True, exclusive=True, group=FETCH_GROUP, exit_on_error=False
    )


def cancel_fetch(app: ReaderApp) -> None:
    """Stop the fetch in progress, if any, and say so."""
    running = [w for w in app.workers if w.group == FETCH_GROUP and w.is_running]
    if not running:
        return
    for worker in running:
        worker.cancel()
    app.service.cancel_fetches()
    app.notify("Opening cancelled: nothing was stored.", timeout=3)


def _failed(app: ReaderApp, message: str) -> None:
    app.notify(message, title="Cannot open", severity="error", timeout=8)


def _arrived(app: ReaderApp, opened: OpenedDocument, offset: int | None) -> None:
    for warning in opened.warnings:
        app.notify(warning, severity="warning")
    app.show_document(opened, offset=offset)
