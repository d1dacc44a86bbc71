"""One path from the UI into the core: every service call runs under one lock.

The reading screen, the library and the search screen call the service from the event loop
and from worker threads (filing a document, scanning the store, searching, reading tags).
The service and its search index are not thread-safe, so the app wraps the service once and
every caller, on any thread, goes through the same re-entrant lock. Calls are short; a long
one (the first search builds its index) makes the others wait, never overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from reader.core.service import ReaderService


UNLOCKED = frozenset({"cancel_fetches", "load_source", "reads_slowly"})
"""Calls that touch no shared state and may take long (a URL fetch) or must never wait
(cancelling that fetch): they run outside the lock."""


class SerialService:
    """A stand-in for ``ReaderService`` whose methods take one shared lock while they run."""

    def __init__(self, service: ReaderService) -> None:
        self._service = service
        self._lock = threading.RLock()

    @property
    def wrapped(self) -> ReaderService:
        """The service itself (for tests that check what is stored)."""
        return self._service

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if not callable(value) or name in UNLOCKED:
            return value
        return self._locked(value)

    def _locked(self, method: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return method(*args, **kwargs)

        return call


def serialised(service: ReaderService) -> ReaderService:
    """``service`` behind one lock, typed as the service (the UI's only path into the core)."""
    if isinstance(service, SerialService):
        return cast("ReaderService", service)
    return cast("ReaderService", SerialService(service))
