"""Building real stores with documents and annotations for the export/import tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.models import (
    Annotation,
    AnnotationStatus,
    Document,
    DocumentVersion,
    Selector,
    new_id,
)
from reader.core.store import Store
from reader.core.text import normalise, sha256_of, word_count

FIXED_TIME = "2026-01-02T03:04:05.000Z"


def file_document(store: Store, text: str, source: str, title: str = "Title") -> Document:
    """File ``text`` (normalised) under ``source`` in ``store`` and return its record."""
    text = normalise(text)
    sha = sha256_of(text)
    words = word_count(text)
    document = Document(
        id=new_id(),
        title=title,
        source=source,
        sha256=sha,
        versions=(DocumentVersion(sha, FIXED_TIME, words),),
        first_opened=FIXED_TIME,
        last_opened=FIXED_TIME,
        words=words,
    )
    store.save_text(sha, text)
    store.put_document(document)
    return document


def annotate(
    store: Store,
    document: Document,
    text: str,
    span: tuple[int, int],
    note: str = "",
    tags: tuple[str, ...] = (),
    **fields: object,
) -> Annotation:
    """Add an annotation on ``text[span]`` of ``document`` and return it."""
    annotation = Annotation(
        id=new_id(),
        document_id=document.id,
        sha256=document.sha256,
        selector=Selector.from_text(normalise(text), *span),
        note=note,
        tags=tags,
        **fields,  # type: ignore[arg-type]
    )
    store.add_annotation(annotation)
    return annotation


def populate(store: Store, sample_text: str, sample_path: Path) -> list[Annotation]:
    """Three documents (a path, a URL, a stdin text) with varied annotations."""
    sample = file_document(store, sample_text, str(sample_path), "Blinken in Beijing")
    web = file_document(
        store, "Café news.\nSecond paragraph here.", "https://example.org/news?id=1&x=é", "Web"
    )
    piped_text = "Piped text from stdin, twice piped."
    piped = file_document(store, piped_text, f"stdin:{sha256_of(piped_text)}", "Piped")
    text = normalise(sample_text)
    return [
        annotate(store, sample, text, (0, 3), "**Bold** note\n\n- a list\n- [link](http://x.y)"),
        annotate(store, sample, text, (4, 40), "", ("politics", "china", "us relations")),
        annotate(store, sample, text, (50, 80), "ünïcödé ✓ 中文", ("日本", "tag with  spaces")),
        annotate(
            store,
            sample,
            text,
            (100, 120),
            tags=tuple(f"t{i}" for i in range(12)),
            color="green",
            status=AnnotationStatus.MOVED,
        ),
        annotate(store, web, "Café news.\nSecond paragraph here.", (0, 4), "about the café"),
        annotate(store, piped, piped_text, (0, 5), "", ("pipe",)),
    ]


def store_files(directory: Path) -> dict[str, bytes]:
    """Every file under the store directory with its bytes (the lock file excepted)."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def _first_annotation(data: dict[str, Any]) -> dict[str, Any]:
    entry = next(e for e in data["documents"] if e["annotations"])
    annotation: dict[str, Any] = entry["annotations"][0]
    return annotation


def _edited(data: dict[str, Any], edit: Any) -> str:
    copy = json.loads(json.dumps(data))
    edit(copy)
    return json.dumps(copy)


def _unknown_w3c_document(data: dict[str, Any]) -> None:
    del data["reader:documents"]
    data["first"]["items"][0]["reader:documentId"] = "no-such-document"


def malformed_files(native: dict[str, Any], w3c: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """name -> (file content, part of the expected message)."""
    text = json.dumps(native)
    return {
        "truncated": (text[: len(text) // 2], "not valid JSON (line 1, column"),
        "wrong format": (
            _edited(native, lambda d: d.update(format="something-else")),
            "not a reader export",
        ),
        "wrong version": (
            _edited(native, lambda d: d.update(version=7)),
            "version: unsupported version 7",
        ),
        "wrong type": (
            _edited(native, lambda d: _first_annotation(d).update(tags="a, b")),
            "annotations[0].tags: expected list, got string",
        ),
        "duplicate ids": (
            _edited(
                native, lambda d: d["documents"][-1]["annotations"].append(_first_annotation(d))
            ),
            "duplicate annotation id",
        ),
        "end before start": (
            _edited(native, lambda d: _first_annotation(d)["selector"].update(start=30, end=3)),
            "selector.end: end 3 is before start 30",
        ),
        "lone surrogate escape": (
            _edited(native, lambda d: _first_annotation(d).update(note="caf\udcff")),
            "half a UTF-16 surrogate pair",
        ),
        "unknown w3c document": (
            _edited(w3c, _unknown_w3c_document),
            "first.items[0].target: unknown document 'no-such-document'",
        ),
    }
