"""Re-anchoring annotations on a changed text. INTERFACE CONTRACT (annotating issue)."""

from __future__ import annotations

from reader.core.models import Annotation


def reanchor(annotation: Annotation, text: str, sha256: str) -> Annotation:
    """Place ``annotation`` in ``text`` (version ``sha256``).

    Returns the annotation unchanged when it is already anchored in that version; otherwise a
    copy with a new selector and status ``moved`` (old position appended to ``history``), or
    status ``orphaned`` (selector kept) when no acceptable match exists. Never raises for a
    missing match.
    """
    if annotation.sha256 == sha256:
        return annotation
    raise NotImplementedError
