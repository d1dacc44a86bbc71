"""Two processes write while a third searches: no errors, and the index ends as the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.core.service import ReaderService
from tests.core.search.scan import scan

COUNT = 12


def _child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.index.index_child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def test_two_writers_and_a_searcher(db_path: Path, sample_path: Path, tmp_path: Path) -> None:
    service = ReaderService.open(db_path)
    document = service.open_document(str(sample_path)).document
    stop = tmp_path / "stop"
    searcher = _child("search", str(stop))
    writers = [_child("write", document.id, str(COUNT), word) for word in ("alpha", "bravo")]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors
    stop.touch()
    runs, errors = searcher.communicate(timeout=300)
    assert searcher.returncode == 0, errors
    assert int(runs) >= 5
    annotations = list(service.store.all_annotations())
    assert len(annotations) == 2 * COUNT
    found = {hit.annotation.id for hit in service.search("alpha OR bravo")}
    assert found == scan("alpha OR bravo", annotations, [document]) == {a.id for a in annotations}
