"""A child process for the reliability tests: adds annotations through the real Store API.

Usage: ``python store_child.py DB_PATH DOCUMENT_ID COUNT``. Prints ``ready`` once the store is
open, waits for a line on stdin (so concurrent children start together), then prints the id
of each annotation right after its add returned (flushed at once), so the parent knows
exactly which adds reported success before it killed this process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.core.models import Annotation, Selector, new_id
from reader.core.store import Store


def main(db_path: str, document_id: str, count: int) -> None:
    """Add ``count`` annotations (0 = until killed) to ``document_id``."""
    store = Store(Path(db_path))
    document = store.get_document(document_id)
    text = store.load_text(document.sha256) or ""
    print("ready", flush=True)
    sys.stdin.readline()
    added = 0
    while count == 0 or added < count:
        start = added % max(1, len(text) - 10)
        annotation = Annotation(
            id=new_id(),
            document_id=document.id,
            sha256=document.sha256,
            selector=Selector.from_text(text, start, start + 5),
            note=f"note {added} from {sys.argv[0]}",
            tags=("crash", f"n{added % 7}"),
        )
        store.add_annotation(annotation)
        print(annotation.id, flush=True)
        added += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
