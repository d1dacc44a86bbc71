"""A crash-free TUI: an exception inside an action is reported, logged, and survived.

Textual ends the app on any unhandled exception, and a note being typed is lost with it.
``ReaderApp`` routes every action through :func:`guarded_action`: a failure becomes an error
notification (sanitised, never markup), its traceback goes to ``errors.log`` in the cache
directory, and the app stays up with every screen (an open editor keeps its text).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1024 * 1024
"""The log is for the last few failures: past this size it starts again."""

logger = logging.getLogger("reader.ui")


def log_failure(cache_dir: Path, where: str, error: BaseException) -> Path | None:
    """Append ``error``'s traceback to the failure log; its path, or None if unwritable."""
    path = cache_dir / LOG_NAME
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with path.open(mode, encoding="utf-8", errors="replace") as stream:
            stream.write(f"--- {where}\n{''.join(lines)}")
    except OSError:
        return None
    return path


def failure_message(where: str, error: BaseException, log: Path | None) -> str:
    """One line for the notification: what failed, why, and where the details are."""
    reason = str(error) or type(error).__name__
    details = f" (details in {log})" if log is not None else ""
    return f"{where} failed: {reason}{details}"


async def guarded_action(
    run: Callable[[], Awaitable[bool]],
    where: str,
    report: Callable[[str, BaseException], None],
) -> bool:
    """Run an action; an ``Exception`` is reported instead of ending the app."""
    try:
        return await run()
    except Exception as error:
        logger.exception("action %s failed", where)
        report(where, error)
        return True
