"""Store benchmark: add-annotation and open-store latency, next to raw TinyDB, plus CLI time.

Run: ``.venv/bin/python bench/store_bench.py`` (about a minute). Prints a markdown table.

- "reader store": ``Store.add_annotation`` (lock, fsynced atomic write of one per-document
  file) and ``Store(path)`` (open: read and check the main file), at 1,000 and 10,000
  annotations spread over 500 documents.
- "raw TinyDB": one JSON file with TinyDB's default ``JSONStorage`` (no fsync, no lock),
  ``table.insert`` and open-plus-first-read, at the same sizes.
- "reader store", "read all": ``Store.all_annotations`` parsing every file (an empty cache
  directory) and from the read snapshot (unchanged files), with ``list_documents``.
- "reader annotate": wall time of the whole CLI process on a store with ~0 and 10,000
  annotations.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import TinyDB

from reader.core.models import Annotation, Document, DocumentVersion, Selector, new_id, now_iso
from reader.core.store import Store
from reader.core.store.files import record_of
from reader.core.store.storage import atomic_write, dump_json
from reader.core.text import sha256_of, word_count

DOCUMENTS = 500
SIZES = (1_000, 10_000)
TEXT = "The envoy said the talks in Geneva were long and hard, and nobody expected a deal. " * 8


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def _document(index: int) -> Document:
    sha, stamp = sha256_of(TEXT), now_iso()
    return Document(
        id=new_id(),
        title=f"Article number {index}",
        source=f"/data/articles/{index:04d}.txt",
        sha256=sha,
        versions=(DocumentVersion(sha, stamp, word_count(TEXT)),),
        first_opened=stamp,
        last_opened=stamp,
        words=word_count(TEXT),
    )


def _annotation(document: Document, index: int) -> Annotation:
    start = (index * 7) % (len(TEXT) - 20)
    return Annotation(
        id=new_id(),
        document_id=document.id,
        sha256=document.sha256,
        selector=Selector.from_text(TEXT, start, start + 12),
        note=f"A note of moderate length, number {index}, about this passage.",
        tags=("diplomacy", f"topic-{index % 13}"),
    )


def build_reader_store(directory: Path, annotations: int) -> tuple[Path, list[Document]]:
    """Write a schema-2 store directly (bulk), with ``annotations`` over 500 documents."""
    db_path = directory / "annotations.json"
    store = Store(db_path)
    documents = [_document(i) for i in range(DOCUMENTS)]
    store.save_text(documents[0].sha256, TEXT)
    table = {str(i + 1): record_of(d) for i, d in enumerate(documents)}
    atomic_write(db_path, dump_json({"meta": {"1": {"schema": 2}}, "documents": table}))
    store.annotations_dir.mkdir(exist_ok=True)
    per_document = annotations // DOCUMENTS
    for document in documents:
        records = {str(n + 1): record_of(_annotation(document, n)) for n in range(per_document)}
        path = store.annotations_dir / f"{document.id}.json"
        atomic_write(path, dump_json({"annotations": records}), keep_backup=False)
    return db_path, documents


def bench_reader_store(annotations: int) -> dict[str, tuple[float, float]]:
    """Add and open latencies of the reader store."""
    with tempfile.TemporaryDirectory() as directory:
        db_path, documents = build_reader_store(Path(directory), annotations)
        store = Store(db_path)
        counter = iter(range(10**9))

        def add() -> None:
            index = next(counter)
            store.add_annotation(_annotation(documents[(index * 37) % DOCUMENTS], index))

        ids = [a.id for a in store.annotations_for(documents[-1].id)]
        caches = (Path(directory) / f"cache-{n}" for n in range(10**9))

        def read_all(reader: Store) -> None:
            reader.list_documents()
            list(reader.all_annotations())

        read_all(store)  # writes the snapshot
        return {
            "add": _percentiles(_timed(add, 200)),
            "open": _percentiles(_timed(lambda: Store(db_path), 50)),
            "get by id": _percentiles(_timed(lambda: store.get_annotation(ids[0]), 20)),
            "read all, parsing": _percentiles(
                _timed(lambda: read_all(Store(db_path, cache_dir=next(caches))), 7)
            ),
            "read all, snapshot": _percentiles(_timed(lambda: read_all(store), 7)),
        }


def bench_raw_tinydb(annotations: int) -> dict[str, tuple[float, float]]:
    """Insert and open latencies of one TinyDB JSON file with the default storage."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "raw.json"
        documents = [_document(i) for i in range(DOCUMENTS)]
        with TinyDB(path) as db:
            db.table("documents").insert_multiple(d.to_dict() for d in documents)
            db.table("annotations").insert_multiple(
                _annotation(documents[n % DOCUMENTS], n).to_dict() for n in range(annotations)
            )
        db = TinyDB(path)
        table = db.table("annotations")
        counter = iter(range(10**9))

        def add() -> None:
            index = next(counter)
            table.insert(_annotation(documents[index % DOCUMENTS], index).to_dict())

        def open_and_read() -> None:
            with TinyDB(path) as fresh:
                len(fresh.table("documents"))

        repeat = 200 if annotations <= 1_000 else 40
        return {
            "add": _percentiles(_timed(add, repeat)),
            "open": _percentiles(_timed(open_and_read, 20)),
        }


def bench_cli(annotations: int, runs: int = 7) -> tuple[float, float]:
    """Wall time of ``reader annotate`` processes on a store of ``annotations``."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        if annotations:
            db_path, _ = build_reader_store(root, annotations)
        else:
            db_path = root / "annotations.json"
        article = root / "article.txt"
        article.write_text(TEXT, encoding="utf-8")
        env = {**os.environ, "READER_DB": str(db_path), "READER_CACHE_DIR": str(root / "cache")}
        command = [sys.executable, "-m", "reader", "annotate", str(article), "--quote", "Geneva"]
        subprocess.run(command, env=env, check=True, capture_output=True)  # warm caches
        samples = _timed(
            lambda: subprocess.run(command, env=env, check=True, capture_output=True), runs
        )
        return _percentiles(samples)


def main() -> None:
    """Run every measurement and print the markdown table."""
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as cache:
        os.environ["READER_CACHE_DIR"] = cache  # the read snapshots: not in the user's cache
        for size in SIZES:
            for name, (p50, p95) in bench_reader_store(size).items():
                rows.append(f"| reader store | {name} | {size:,} | {p50:.2f} | {p95:.2f} |")
            for name, (p50, p95) in bench_raw_tinydb(size).items():
                rows.append(
                    f"| raw TinyDB (one file) | {name} | {size:,} | {p50:.2f} | {p95:.2f} |"
                )
    for size in (0, 10_000):
        p50, p95 = bench_cli(size)
        rows.append(f"| `reader annotate` process | wall time | {size:,} | {p50:.1f} | {p95:.1f} |")
    print("| what | operation | annotations | p50 ms | p95 ms |")
    print("|---|---|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
