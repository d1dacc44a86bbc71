"""Streaming analysis in a child process, so an interactive UI never waits for spaCy.

``AnalysisJob.start`` spawns a fresh interpreter (the ``spawn`` context: no threads or UI
state are copied, and spaCy is imported in the child only). The child streams one event per
paragraph, starting around the visible part of the text, then the final ``Analysis``, over a
pipe as plain dicts. It stops within a fraction of a second when the parent cancels, exits or
dies: a watchdog thread in the child blocks on the pipe and ends the process on end-of-file,
and the main loop checks the parent's pid between paragraphs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reader.core.analysis.results import (
    Analysis,
    EntityMention,
    ParagraphResult,
    Quote,
)

STOP_GRACE_SECONDS = 0.5
"""How long ``cancel`` lets the child stop by itself before terminating it."""


@dataclass(frozen=True)
class JobFailed:
    """The job ended without a result: ``message`` is one line fit for the user."""

    message: str


@dataclass(frozen=True)
class JobProgress:
    """How far the job is, in words, after the latest paragraph."""

    words_done: int
    words_total: int


JobEvent = ParagraphResult | Analysis | JobFailed
"""What ``poll`` returns: paragraph results, then exactly one ``Analysis`` or ``JobFailed``."""


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """Put the process's real stderr back while spawning the child.

    A TUI (Textual) replaces ``sys.stderr`` by a capture object whose ``fileno()`` is -1, and
    multiprocessing hands ``sys.stderr.fileno()`` to the processes it starts: spawning from
    inside the app would fail with "bad value(s) in fds_to_keep".
    """
    if sys.__stderr__ is None:
        yield
        return
    with contextlib.redirect_stderr(sys.__stderr__):
        yield


class AnalysisJob:
    """One document's analysis running in a child process (plain Python, no UI types)."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._finished = False
        self._pending: list[JobEvent] = []
        self.progress = JobProgress(0, 0)
        self.result: Analysis | None = None

    @classmethod
    def completed(cls, analysis: Analysis) -> AnalysisJob:
        """A job that is already done (a cache hit): ``poll`` returns ``analysis`` once."""
        job = cls()
        job._pending = [analysis]
        job.result = analysis
        return job

    def start(
        self,
        text: str,
        sha256: str,
        model: str | None,
        priority_offset: int = 0,
        cache_dir: Path | None = None,
    ) -> None:
        """Spawn the child. ``cache_dir``, when given, receives the finished analysis."""
        if self._process is not None:
            raise RuntimeError("an AnalysisJob can be started once")
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe(duplex=True)
        self._process = context.Process(
            target=_job_main,
            args=(
                child_conn,
                _JobSpec(text, sha256, model, priority_offset, cache_dir, os.getpid()),
            ),
            name="reader-analysis",
            daemon=True,
        )
        with _real_stderr():
            self._process.start()
        child_conn.close()

    @property
    def pid(self) -> int | None:
        """The child's process id (None before ``start`` or for a completed job)."""
        return self._process.pid if self._process is not None else None

    @property
    def done(self) -> bool:
        """True once the final ``Analysis`` or a ``JobFailed`` has been returned by ``poll``."""
        return self._finished

    def poll(self, timeout: float = 0.0) -> list[JobEvent]:
        """Events that arrived, waiting up to ``timeout`` seconds for the first one."""
        if self._pending:
            pending, self._pending = self._pending, []
            self._finished = True
            return pending
        if self._conn is None or self._finished:
            return []
        events: list[JobEvent] = []
        try:
            ready = self._conn.poll(timeout)
            while ready:
                events.append(self._decode(self._conn.recv()))
                ready = not self._finished and self._conn.poll()
        except (EOFError, OSError):
            if not self._finished:
                events.append(self._fail("the analysis process stopped unexpectedly"))
        return events

    def events(self, interval: float = 0.1) -> Iterator[JobEvent]:
        """Every event until the job ends, for a consumer thread."""
        while not self._finished:
            yield from self.poll(interval)

    def cancel(self) -> None:
        """Stop the child (within about a second) and drop anything it had not sent yet."""
        self._finished = True
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send("cancel")
        if self._process is not None:
            self._process.join(STOP_GRACE_SECONDS)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(1.0)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(1.0)
        if self._conn is not None:
            self._conn.close()

    def _decode(self, message: dict[str, Any]) -> JobEvent:
        kind = message["type"]
        if kind == "paragraph":
            self.progress = JobProgress(message["words_done"], message["words_total"])
            return _paragraph_from_dict(message["paragraph"])
        if kind == "analysis":
            self._finished = True
            self.result = Analysis.from_dict(message["analysis"])
            self.progress = JobProgress(self.progress.words_total, self.progress.words_total)
            return self.result
        return self._fail(str(message.get("message", "analysis failed")))

    def _fail(self, message: str) -> JobFailed:
        self._finished = True
        return JobFailed(message)


def _paragraph_to_dict(result: ParagraphResult) -> dict[str, Any]:
    return {
        "index": result.index,
        "start": result.start,
        "end": result.end,
        "entities": [mention.to_dict() for mention in result.entities],
        "quotes": [quote.to_dict() for quote in result.quotes],
    }


def _paragraph_from_dict(data: dict[str, Any]) -> ParagraphResult:
    return ParagraphResult(
        index=int(data["index"]),
        start=int(data["start"]),
        end=int(data["end"]),
        entities=tuple(EntityMention.from_dict(m) for m in data["entities"]),
        quotes=tuple(Quote.from_dict(q) for q in data["quotes"]),
    )


@dataclass(frozen=True)
class _JobSpec:
    """What the child needs, pickled across ``spawn`` (see ``AnalysisJob.start``)."""

    text: str
    sha256: str
    model: str | None
    priority_offset: int
    cache_dir: Path | None
    parent_pid: int


def _job_main(conn: Connection, spec: _JobSpec) -> None:
    """The child: stream events until done, cancelled, or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(conn,), daemon=True).start()
    try:
        _stream(conn, spec)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        os._exit(0)
    except Exception as error:
        from reader.errors import AnalysisCancelled

        if not isinstance(error, AnalysisCancelled):
            _send_quietly(conn, {"type": "error", "message": " ".join(str(error).split())})
    os._exit(0)  # skip interpreter clean-up: the model's memory goes back at once


def _watch_parent(conn: Connection) -> None:
    # End-of-file on the pipe means the parent closed it, exited or was killed; "cancel" is
    # the parent asking. Either way nothing more is wanted, so the process ends at once.
    try:
        while conn.recv() != "cancel":
            pass
    except (EOFError, OSError):
        pass
    os._exit(0)


def _stream(conn: Connection, spec: _JobSpec) -> None:
    from reader.core.analysis.runner import iter_analysis
    from reader.core.text import word_count

    def should_stop() -> bool:
        return os.getppid() != spec.parent_pid

    text, model = spec.text, spec.model
    total, done = word_count(text), 0
    for item in iter_analysis(
        text, spec.sha256, model=model, cancel=should_stop, priority_offset=spec.priority_offset
    ):
        if isinstance(item, ParagraphResult):
            done += word_count(text[item.start : item.end])
            message = {
                "type": "paragraph",
                "paragraph": _paragraph_to_dict(item),
                "words_done": done,
                "words_total": total,
            }
            conn.send(message)
            continue
        if spec.cache_dir is not None:
            from reader.core.analysis.cache import AnalysisCache
            from reader.core.analysis.pipeline import model_info_without_loading

            AnalysisCache(spec.cache_dir).store(item, model_info_without_loading(model))
        conn.send({"type": "analysis", "analysis": item.to_dict()})


def _send_quietly(conn: Connection, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        conn.send(message)
