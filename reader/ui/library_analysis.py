"""Analysing the library in the background: every document without an analysis, one at a
time, each in a child process (``AnalysisJob``), so the app stays responsive.

It starts once the app has been idle for ``IDLE_SECONDS`` after start-up and reports its
progress in ``ReaderApp.library_status`` (the People screen shows it). Results land in the
analysis cache, where ``reader people`` and the People screen find them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

IDLE_SECONDS = 5.0
POLL_SECONDS = 0.2


class IdleAnalysis:
    """The background analysis of the library, owned by the app."""

    idle_seconds = IDLE_SECONDS

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.done = 0
        self.total = 0

    def schedule(self) -> None:
        """Start after the idle delay (a delay of 0 or less turns it off)."""
        if self.idle_seconds > 0:
            self.app.set_timer(self.idle_seconds, self.start)

    def start(self) -> None:
        """Run now, in a thread worker (one at a time)."""
        self.app.run_worker(
            self._run, thread=True, exclusive=True, group="library-analysis", exit_on_error=False
        )

    def _run(self) -> None:
        worker = get_current_worker()
        service = self.app.service
        try:
            missing = service.missing_analyses()
        except ReaderError:
            return
        for number, document in enumerate(missing):
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._report, number, len(missing), document.title)
            text = service.document_text(document)
            if text is None:
                continue
            job = service.start_analysis_job(document, text)
            while not job.done and not worker.is_cancelled:
                job.poll(POLL_SECONDS)
            if worker.is_cancelled:
                job.cancel()
                return
        if missing:
            self.app.call_from_thread(self._report, len(missing), len(missing), "")

    def _report(self, done: int, total: int, title: str) -> None:
        self.done, self.total = done, total
        if done < total:
            self.app.library_status = f"Analysing {done + 1} of {total}: {title}"
        else:
            self.app.library_status = f"Analysed {total} document(s) in the background."
