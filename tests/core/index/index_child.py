"""A child process for the concurrency test: write annotations, or search until told to stop.

    python -m tests.core.index.index_child write DOC_ID COUNT WORD
    python -m tests.core.index.index_child search STOP_FILE

A writer adds COUNT annotations whose note is WORD (each updates the index in the same call).
A searcher runs searches until STOP_FILE exists and prints how many it ran; any error fails
the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.core.service import ReaderService


def write(document_id: str, count: int, word: str) -> None:
    service = ReaderService.open()
    text = service.document_text(service.get_document(document_id)) or ""
    for number in range(count):
        start = text.index(" ", number * 7) + 1
        service.add_annotation(document_id, start, start + 5, note=f"{word} {number}")


def search(stop: Path) -> None:
    service = ReaderService.open()
    runs = 0
    while not stop.exists() or runs < 5:
        service.search("alpha OR bravo")
        service.search("tag:none OR -alpha", limit=5)
        service.search_documents("balloon")
        runs += 1
    print(runs)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        search(Path(sys.argv[2]))
