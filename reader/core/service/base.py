"""The shared state of the service facade: resolved paths and the store."""

from __future__ import annotations

from reader.core.store import Store
from reader.paths import Paths


class ServiceBase:
    """State every part of the facade shares. Parts are mixins over this base."""

    def __init__(self, paths: Paths, store: Store) -> None:
        self.paths = paths
        self.store = store
        self.notices: list[str] = []
        """One-line warnings met while working (e.g. bytes replaced in a source): the CLI
        prints them on stderr, the TUI shows them as notifications."""
