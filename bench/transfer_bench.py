"""Benchmark: export 10,000 annotations in each format, and import them into an empty store.

Targets: export <= 2 s, import <= 5 s. Prints a Markdown table. Run with
``.venv/bin/python bench/transfer_bench.py [--annotations N] [--documents N [N ...]]``
(default: 10,000 annotations on 20 and on 500 documents).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from reader.core.models import (
    Annotation,
    Document,
    DocumentVersion,
    Selector,
    new_id,
    now_iso,
)
from reader.core.service import ReaderService
from reader.core.store import Store
from reader.core.text import normalise, sha256_of, word_count

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
EXPORT_LIMIT_S = 2.0
IMPORT_LIMIT_S = 5.0


def fill_store(store: Store, annotations: int, documents: int) -> None:
    """``documents`` copies of the sample (distinct texts) sharing ``annotations`` annotations."""
    base = normalise(SAMPLE.read_text(encoding="utf-8"))
    per_document = annotations // documents
    for number in range(documents):
        text = f"{base}\nCopy {number}."
        sha = sha256_of(text)
        now = now_iso()
        document = Document(
            new_id(),
            f"Copy {number}",
            f"/bench/copy-{number}.txt",
            sha,
            (DocumentVersion(sha, now, word_count(text)),),
            now,
            now,
            word_count(text),
        )
        store.save_text(sha, text)
        store.put_document(document)
        items = [
            Annotation(
                id=new_id(),
                document_id=document.id,
                sha256=sha,
                selector=Selector.from_text(text, (i * 7) % 5000, (i * 7) % 5000 + 40),
                note=f"Note {i} with **markdown** and ünïcode",
                tags=("bench", f"tag {i % 10}"),
            )
            for i in range(per_document)
        ]
        add_many(store, items)


def add_many(store: Store, items: list[Annotation]) -> None:
    """Bulk insert through the import path's helper (one write per document when possible)."""
    from reader.core.exporting.importing import add_annotations

    add_annotations(store, items)


def timed(action: object) -> tuple[float, object]:
    """Seconds taken by ``action()`` and its result."""
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    return time.perf_counter() - started, result


def measure(annotations: int, documents: int) -> list[tuple[str, str, float, float, int]]:
    """(operation, format, seconds, target, bytes) rows for one store shape."""
    rows: list[tuple[str, str, float, float, int]] = []
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        os.environ["READER_CACHE_DIR"] = str(root / "cache")  # the stores' read snapshots
        (root / "source").mkdir()
        source = ReaderService.open(root / "source" / "annotations.json")
        fill_store(source.store, annotations, documents)
        count = sum(1 for _ in source.store.all_annotations())
        for export_format in ("json", "w3c", "markdown", "csv"):
            seconds, text = timed(lambda f=export_format: source.export_text(f, with_text=True))
            assert isinstance(text, str)
            rows.append(("export", export_format, seconds, EXPORT_LIMIT_S, len(text)))
            if export_format in ("json", "w3c"):
                path = root / f"export.{export_format}.json"
                path.write_text(text, encoding="utf-8")
                target_dir = root / f"import-{export_format}"
                target_dir.mkdir()
                target = ReaderService.open(target_dir / "annotations.json")
                seconds, _ = timed(lambda p=path, t=target: t.import_file(p))
                imported = sum(1 for _ in target.store.all_annotations())
                assert imported == count, (imported, count)
                rows.append(("import", export_format, seconds, IMPORT_LIMIT_S, len(text)))
    return rows


def main() -> int:
    """Run the benchmark and print the table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--annotations", type=int, default=10_000)
    # 500 documents is the shape of the store and search benchmarks; the import writes
    # every document, so its time depends on how many there are, not only on annotations.
    parser.add_argument("--documents", type=int, nargs="+", default=[20, 500])
    args = parser.parse_args()
    missed = False
    print(f"Transfer benchmark: {args.annotations} annotations\n")
    print("| documents | operation | format | seconds | target (s) | file size | ok |")
    print("| ---: | --- | --- | ---: | ---: | ---: | --- |")
    for documents in args.documents:
        for operation, export_format, seconds, limit, size in measure(args.annotations, documents):
            missed |= seconds > limit
            print(
                f"| {documents} | {operation} | {export_format} | {seconds:.2f} | {limit:.0f} "
                f"| {size / 1e6:.1f} MB | {'yes' if seconds <= limit else 'NO'} |"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
