"""Replacing a file atomically: the one implementation every writer of the reader shares.

The new bytes go to a temporary file in the target's directory (so the rename stays on one
file system), which then replaces the target with ``os.replace``. A reader of the file, or a
crash, sees either the old or the new content, never half of it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically; the temporary file never outlives a failure.

    ``durable`` also fsyncs the file before the rename and the directory after it, so the new
    content survives a power cut; caches that are rebuilt anyway skip that cost. ``OSError``
    (a missing directory, no permission, a full disk) reaches the caller unchanged.
    ``before_replace`` runs once the new bytes are safely written (the store keeps its
    ``.bak`` there: a write that fails, e.g. on a full disk, never rotates the backup).
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        fsync_directory(path.parent)
