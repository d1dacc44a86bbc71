"""Several real ``reader annotate`` processes at once on one new source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


def test_concurrent_annotate_processes_file_one_document_and_keep_every_note(
    tmp_path: Path,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(" ".join(WORDS) + " end.\n", encoding="utf-8")
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "annotate", str(article), "--quote", word],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for word in WORDS
    ]
    ids = []
    for child in children:
        output, errors = child.communicate(timeout=120)
        assert child.returncode == 0, errors
        ids.append(output.strip())
    listing = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"], capture_output=True, text=True
    )
    documents = json.loads(listing.stdout)["documents"]
    # The source was new to every process; filing happens under the lock, so only one
    # of them created the document and the others found it.
    assert [(d["source"], d["annotations"]) for d in documents] == [(str(article), len(WORDS))]
    shown = subprocess.run(
        [sys.executable, "-m", "reader", "show", documents[0]["id"], "--json"],
        capture_output=True,
        text=True,
    )
    annotations = json.loads(shown.stdout)["annotations"]
    assert sorted(a["id"] for a in annotations) == sorted(ids)
    assert [a["selector"]["exact"] for a in annotations] == WORDS  # text order
