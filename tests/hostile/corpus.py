"""The hostile-strings corpus (tests/data/hostile_strings.json) and checks on what came out."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from reader.core.text import sha256_of

CORPUS_PATH = Path(__file__).resolve().parents[1] / "data" / "hostile_strings.json"
HOSTILE: list[tuple[str, str]] = [
    (entry["name"], entry["value"])
    for entry in json.loads(CORPUS_PATH.read_text(encoding="utf-8"))["strings"]
]
NAMES = [name for name, _ in HOSTILE]
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(value: str) -> str:
    """``value`` as a command-line argument can carry it (no lone surrogates, no NUL)."""
    return _SURROGATE.sub("?", value).replace("\x00", "?")


def assert_clean(data: bytes, where: str = "") -> None:
    """Terminal output that holds no control sequence and no traceback."""
    assert b"\x1b" not in data, f"ESC in the output of {where}"
    text = data.decode("utf-8", "replace")
    assert "\x9b" not in text and "\x9d" not in text, f"C1 control in the output of {where}"
    assert "\u202e" not in text, f"bidi override in the output of {where}"
    assert "Traceback" not in text, f"traceback in the output of {where}: {text[-2000:]}"


def run_bytes(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real ``reader`` in a subprocess; output kept as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def hostile_text(value: str) -> str:
    """An article that holds ``value`` in a sentence and in a quotation."""
    return (
        f"The harbour plan was approved on Tuesday. Residents wrote {value} on the board.\n\n"
        f"“{value} is what we want,” the mayor said after the vote.\n"
    )


def native_export(name: str, value: str, stamp: str = "2026-01-01T00:00:00.000Z") -> Any:
    """A native export of one document whose every text field holds ``value``."""
    text = hostile_text(value)
    digest = sha256_of(_SURROGATE.sub("?", text))  # a lone surrogate has no UTF-8
    document_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"doc-{name}"))
    start = text.index(value)
    words = len(text.split())
    document = {
        "id": document_id,
        "title": value,
        "source": f"/tmp/{value}",
        "sha256": digest,
        "versions": [{"sha256": digest, "added": stamp, "words": words}],
        "first_opened": stamp,
        "last_opened": stamp,
        "words": words,
        "position": {"offset": 0, "context": "", "progress": 0.0},
        "text_missing": False,
    }
    annotation = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"note-{name}")),
        "document_id": document_id,
        "sha256": digest,
        "note": value,
        "tags": [value[:40], "hostile"],
        "color": "yellow",
        "created": stamp,
        "modified": stamp,
        "status": "anchored",
        "selector": {
            "exact": value,
            "prefix": text[max(0, start - 32) : start],
            "suffix": text[start + len(value) : start + len(value) + 32],
            "start": start,
            "end": start + len(value),
        },
        "history": [],
    }
    return {
        "format": "reader-annotations",
        "version": 1,
        "exported": stamp,
        "documents": [{"document": document, "text": text, "annotations": [annotation]}],
    }
