"""A crash-free TUI: an exception inside an action, a message handler or a worker's
callback is reported, logged, and survived.

Textual ends the app on any unhandled exception, and a note being typed is lost with it.
``ReaderApp`` routes every action through :func:`guarded_action`, every callback a worker
hands to the event loop through :func:`guarded_callback`, and the reader's screens, dialogs
and widgets handle their messages through :class:`GuardedHandlers`. A failure becomes an
error notification (sanitised, never markup), its traceback goes to ``errors.log`` in the
cache directory, and the app stays up with every screen (an open editor keeps its text).
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer, TimerCallback

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


def guarded_callback(
    callback: Callable[..., Any], report: Callable[[str, BaseException], None]
) -> Callable[..., Awaitable[Any]]:
    """``callback`` (sync or async) for ``App.call_from_thread``: a failure is reported and
    the result is None, so neither the worker nor the app ends with it."""
    where = getattr(callback, "__name__", "a background task").strip("_").replace("_", " ")

    async def run(*args: Any, **kwargs: Any) -> Any:
        try:
            result = callback(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result
        except Exception as error:
            logger.exception("callback %s failed", where)
            report(where, error)
            return None

    return run


class GuardedHandlers(MessagePump):
    """Mixin for the reader's screens, dialogs and widgets: an exception in one of their
    message handlers (``on_*``, ``@on``) or timer callbacks is reported like a failed
    action. Textual would end the app, and stop this node's message loop even if it did not.
    (``call_later`` callbacks arrive as messages, so the handler guard covers them.)"""

    def set_timer(
        self,
        delay: float,
        callback: TimerCallback | None = None,
        *,
        name: str | None = None,
        pause: bool = False,
    ) -> Timer:
        """``MessagePump.set_timer`` with the callback guarded."""
        return super().set_timer(delay, self._timer_callback(callback), name=name, pause=pause)

    def set_interval(
        self,
        interval: float,
        callback: TimerCallback | None = None,
        *,
        name: str | None = None,
        repeat: int = 0,
        pause: bool = False,
    ) -> Timer:
        """``MessagePump.set_interval`` with the callback guarded."""
        guarded = self._timer_callback(callback)
        return super().set_interval(interval, guarded, name=name, repeat=repeat, pause=pause)

    def _timer_callback(self, callback: TimerCallback | None) -> TimerCallback | None:
        """``callback`` reporting its failure through the app, or as given without one."""
        try:
            report = getattr(self.app, "report_failure", None)
        except Exception:  # no app yet (a timer set before mounting): Textual's own handling
            report = None
        if callback is None or report is None:
            return callback
        return guarded_callback(callback, report)

    async def _on_message(self, message: Message) -> None:
        try:
            await super()._on_message(message)
        except Exception as error:
            report = getattr(self.app, "report_failure", None)
            if report is None:
                raise
            logger.exception("handler of %s failed", type(message).__name__)
            report(message.handler_name.removeprefix("on_").replace("_", " "), error)
