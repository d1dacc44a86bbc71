"""Two-process analysis of one long document: the parent takes the head, a child the tail.

spaCy's own ``nlp.pipe(n_process=2)`` ships every Doc back with its tensors and was slower
than one process here (measured: 0.95x). Instead the segments are split in two runs of equal
estimated cost; a child process analyses the second run and sends back only what the
document-level steps need: the entity spans of every segment and, in one
compact ``DocBin``, the parsed Docs of segments that hold quotations.

The child is forked when this process runs a single thread (it then shares the loaded model),
else started by ``forkserver``; it ignores Ctrl-C (the parent stops it) and ends when a send
to the parent fails, i.e. soon after the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from reader.core.analysis.entities import RawMention
from reader.errors import AnalysisCancelled, AnalysisError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from reader.core.analysis.pipeline import LoadedPipeline
    from reader.core.analysis.runner import Segment

SYNTAX_COST = 2.0
"""A parsed segment costs about twice an entity-only one (measured on the sample)."""
CHILD_HEADSTART = {"fork": 0.02, "forkserver": 0.08, "spawn": 0.1}
"""Share of the work the child leaves to the parent while it starts (and loads the model)."""

SegmentDone = Callable[["Segment", "Doc"], None]


@dataclass(frozen=True)
class ChildResult:
    """What the child sends back: entity spans per segment and the parsed Docs."""

    mentions: dict[int, list[RawMention]]
    parsed: dict[int, Doc]


def split_point(segments: Sequence[Segment]) -> int:
    """Index where the child's share starts, balancing estimated cost between two processes."""
    costs = [s.words * (SYNTAX_COST if s.needs_syntax else 1.0) for s in segments]
    target, running = sum(costs) * (0.5 + CHILD_HEADSTART[_start_method()]), 0.0
    for index, cost in enumerate(costs):
        running += cost
        if running >= target:
            return index + 1
    return len(segments)


class TailWorker:
    """The child process analysing ``segments`` of ``text`` while the parent does the rest."""

    def __init__(self, text: str, model: str, segments: Sequence[Segment]) -> None:
        context: Any = multiprocessing.get_context(_start_method())
        self._conn, child_conn = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_child_main,
            args=(child_conn, text, model, list(segments)),
            daemon=True,
        )
        self._process.start()
        child_conn.close()
        self.words_done = 0
        self._payload: tuple[Any, ...] | None = None

    def poll_progress(self) -> None:
        """Take in any messages without blocking (the result too, when the child is quick)."""
        try:
            while self._payload is None and self._conn.poll():
                self._payload = self._handle(self._conn.recv())
        except EOFError:
            pass  # a dead child is reported by ``wait``

    def wait(
        self, loaded: LoadedPipeline, cancelled: Callable[[], bool], on_progress: Callable[[], None]
    ) -> ChildResult:
        """Block until the child is done, honouring ``cancelled``; rebuild its Docs."""
        while self._payload is None:
            if cancelled():
                raise AnalysisCancelled("analysis cancelled")
            if not self._conn.poll(0.1):
                if not self._process.is_alive() and not self._conn.poll():
                    raise AnalysisError("the analysis worker process stopped unexpectedly")
                continue
            try:
                self._payload = self._handle(self._conn.recv())
            except EOFError as error:
                self._process.join(1)
                code = self._process.exitcode
                raise AnalysisError(f"the analysis worker process stopped (exit {code})") from error
            on_progress()
        return _rebuild(loaded, self._payload)

    def stop(self) -> None:
        """End the child (no-op when it already finished)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(2)
        self._conn.close()

    def _handle(self, message: tuple[str, Any]) -> tuple[Any, ...] | None:
        kind, payload = message
        if kind == "progress":
            self.words_done = int(payload)
            return None
        if kind == "error":
            raise AnalysisError(f"analysis worker failed: {payload}")
        return tuple(payload)


def _start_method() -> str:
    """``fork`` when this process runs no other thread, else ``forkserver``.

    A forked child starts at once with the model already loaded (about 1.5 s saved); forking
    a process with other threads could copy a lock some thread holds, so then a clean
    ``forkserver`` child loads the model itself.
    """
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _rebuild(loaded: LoadedPipeline, payload: tuple[Any, ...]) -> ChildResult:
    from spacy.tokens import DocBin

    mentions, parsed_indices, docbin_bytes = payload
    docs = list(DocBin().from_bytes(docbin_bytes).get_docs(loaded.nlp.vocab))
    return ChildResult(mentions, dict(zip(parsed_indices, docs, strict=True)))


def _child_main(conn: Connection, text: str, model: str, segments: list[Segment]) -> None:
    # Ctrl-C reaches the whole process group; the parent decides, and stops this child.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent that died or stopped listening closes the pipe: the next send fails and the
    # child ends (it sends after every segment, so within a fraction of a second).
    try:
        conn.send(("done", _analyse_tail(conn, text, model, segments)))
    except (BrokenPipeError, ConnectionResetError):
        return
    except Exception as error:  # reported to the parent, which raises it as one line
        conn.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        conn.close()


def _analyse_tail(
    conn: Connection, text: str, model: str, segments: list[Segment]
) -> tuple[Any, ...]:
    from spacy.tokens import DocBin

    from reader.core.analysis.pipeline import load_pipeline
    from reader.core.analysis.runner import process_in_order, raw_mentions

    loaded = load_pipeline(model)
    mentions: dict[int, list[RawMention]] = {}
    parsed_indices: list[int] = []
    parsed = DocBin(store_user_data=False)
    words = 0
    for segment, doc in process_in_order(loaded, text, segments, None):
        mentions[segment.index] = raw_mentions(segment, doc)
        if segment.needs_syntax:
            parsed_indices.append(segment.index)
            parsed.add(doc)
        words += segment.words
        conn.send(("progress", words))
    return mentions, parsed_indices, parsed.to_bytes()
