"""Loading documents from files, URLs and stdin. INTERFACE CONTRACT (foundation issue)."""

from __future__ import annotations

from reader.core.models import LoadedText


def load_source(source: str) -> LoadedText:
    """Read ``source`` (a path, an http(s) URL, or ``-`` for stdin), extract and normalise it.

    Raises ``SourceError`` with a one-line message for anything unusable.
    """
    raise NotImplementedError
