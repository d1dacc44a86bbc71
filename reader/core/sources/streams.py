"""Sources that are streams, not files: pipes, FIFOs and ``/dev/fd/N`` (``<(command)``).

Such a path names nothing stable: ``/dev/fd/63`` is a different pipe on every run. Their
content is read like stdin and filed by its hash, never by the path (two articles read
from ``/dev/fd/63`` are two documents). A FIFO that nobody writes to would block ``open``
forever: it is opened without blocking, and given up after ``timeout`` seconds.
``cancel_stream_reads`` stops every read in progress (the TUI's Escape), within ``_POLL``.
"""

from __future__ import annotations

import os
import select
import stat
import time
from pathlib import Path

from reader.errors import SourceError

FIFO_TIMEOUT = 10.0
"""Seconds to wait for a FIFO's writer to send its first byte."""
_STREAM_DIRS = ("/dev/fd/", "/proc/self/fd/", "/dev/stdin")
_CHUNK = 64 * 1024
_IDLE_POLL = 0.05
_POLL = 0.1
"""The longest a read waits before it looks whether it was cancelled."""
_generation = [0]
"""Bumped by ``cancel_stream_reads``: a read started under an older value stops."""


def cancel_stream_reads() -> None:
    """Stop every stream read in progress, in any thread (each raises ``SourceError``)."""
    _generation[0] += 1


def fifo_timeout() -> float:
    """The FIFO deadline (``READER_FIFO_TIMEOUT`` overrides it, for tests and slow writers)."""
    try:
        return float(os.environ.get("READER_FIFO_TIMEOUT", FIFO_TIMEOUT))
    except ValueError:
        return FIFO_TIMEOUT


def is_stream_path(path: Path) -> bool:
    """Whether ``path`` is read like stdin: a file-descriptor path, a pipe or a FIFO."""
    if str(path).startswith(_STREAM_DIRS):
        return True
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def read_stream_path(path: Path, name: str, limit: int, timeout: float) -> bytes:
    """The whole content of a stream path; ``SourceError`` if no byte comes within ``timeout``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise SourceError(f"cannot read {name}: {error.strerror or error}") from None
    try:
        return _read_all(fd, name, limit, time.monotonic() + timeout, timeout)
    finally:
        os.close(fd)


def _read_all(fd: int, name: str, limit: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    started = False  # a writer has sent something: from then on, read to its end
    generation = _generation[0]
    while True:
        if _generation[0] != generation:
            raise SourceError(f"reading {name} was cancelled")
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], _POLL if started else max(0.0, min(_POLL, left)))
        if not ready:
            if started or left > 0:
                continue
            raise _no_writer(name, timeout)
        try:
            data = os.read(fd, _CHUNK)
        except BlockingIOError:
            continue
        if data:
            started = True
            size += len(data)
            if size > limit:
                raise SourceError(f"{name} is too large: over the {limit:,} byte limit")
            chunks.append(data)
        elif started or _is_regular(fd):
            return b"".join(chunks)
        elif time.monotonic() >= deadline:
            raise _no_writer(name, timeout)
        else:
            time.sleep(_IDLE_POLL)  # no writer yet: a FIFO reads as "end" until one opens it


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


def _no_writer(name: str, timeout: float) -> SourceError:
    return SourceError(
        f"nothing to read from {name} after {timeout:g} s (a FIFO or pipe without a writer?)"
    )
