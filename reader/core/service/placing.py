"""Placing a document's notes on its filed text (re-anchoring), for ``DocumentsPart``.

Placing runs outside the store's lock (it can take a second on a long, changed text) and
writes nothing; only the notes that moved are then written, in one transaction, and only if
no other process changed them meanwhile. A ``stop`` callback may end the placing early
(``FilingStopped``): the stored records stay as they were, placed again on the next open.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.models import Annotation, AnnotationStatus, Document
from reader.core.store import Store
from reader.errors import FilingStopped


def place_notes(
    store: Store, document: Document, text: str, stop: Callable[[], bool] | None = None
) -> tuple[list[Annotation], int, int]:
    """Place every annotation (orphans are retried too); persist those that changed.

    Returns the annotations in text order, how many moved in this call, and how many are
    orphaned now.
    """
    from reader.core.anchoring import reanchor_until

    annotations = store.annotations_for(document.id)
    results = reanchor_until(annotations, text, document.sha256, stop or (lambda: False))
    if results is None:
        raise FilingStopped(filed=True)
    changed: dict[str, tuple[Annotation, Annotation]] = {}
    moved = orphaned = 0
    for before, result in zip(annotations, results, strict=True):
        if result is not before and result != before:
            changed[before.id] = (before, result)
            moved += result.status == AnnotationStatus.MOVED
        orphaned += result.status == AnnotationStatus.ORPHANED
    if changed:
        _save_placed(store, document.id, changed)
    results.sort(key=lambda a: (a.selector.start, a.selector.end, a.created, a.id))
    return results, moved, orphaned


def _save_placed(
    store: Store, document_id: str, changed: dict[str, tuple[Annotation, Annotation]]
) -> None:
    """Write re-anchored annotations that nobody changed while they were being placed.

    A record another process edited meanwhile keeps that edit and is placed again on the
    next open.
    """
    with store.transaction():
        stored = {a.id: a for a in store.annotations_for(document_id)}
        fresh = [after for before, after in changed.values() if stored.get(before.id) == before]
        if fresh:
            store.update_annotations(fresh)
