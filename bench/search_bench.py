"""The library index against the old engine and linear scans, in one run.

Builds a temporary library (500 documents of about 3,000 words, 20 annotations each, a
made-up analysis per document) and measures, printing markdown tables:

- building the SQLite index from scratch (annotations, passages, analyses);
- annotation search (``ReaderService.search``, limit 50, prefix on the last word, as the TUI
  calls it) for 20 queries, next to main's hand-written engine (in memory, warm) and a
  linear scan of the TinyDB files;
- full-text search of the documents (``search_documents``) next to a linear scan of texts;
- ``people`` and ``quotes`` in process, and as ``reader`` processes;
- ``reader search`` processes on an almost empty store and on the big one, next to main's
  ``reader``; and that a change made by one process is seen by the very next search.

Run: ``PYTHONPATH=. .venv/bin/python bench/search_bench.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench_support import (
    REPO,
    build_library,
    old_engine,
    percentiles,
    process,
    scan_texts,
    timed,
)

from reader.core.service import ReaderService
from reader.core.store import Store

DOCUMENTS, PER_DOCUMENT = 500, 20
QUERIES = [
    "balloon",
    '"surveillance balloon"',
    "blinken wang",
    "tag:china",
    "china OR beijing",
    "balloon -tag:military",
    "bal",
    "s",
    "note:sovereignty",
    'quote:"South Carolina"',
    "color:red",
    "after:2024-06-01 before:2024-07-01",
    "is:orphan",
    "doc:munich",
    "(china OR beijing) -(balloon OR military)",
    "zoe",
    "",
    "tag:follow*",
    "diplomat conference",
    "-balloon -china",
]
TEXT_QUERIES = [
    "balloon",
    '"surveillance balloon"',
    "blinken wang",
    "sovereignty",
    "china OR beijing",
    "munich -balloon",
    "diplom",
    "Document 250",
]


def bench_build(db_path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of building the index from scratch."""
    service = ReaderService.open(db_path)
    started, cpu = time.perf_counter(), time.process_time()
    service.rebuild_index()
    return time.perf_counter() - started, time.process_time() - cpu


def bench_annotations(db_path: Path) -> list[tuple[str, list[float], list[float], list[float]]]:
    """Per query: new engine wall, new engine CPU, old engine wall (each warm)."""
    service = ReaderService.open(db_path)
    store = Store(db_path)
    old = old_engine()
    index = old.SearchIndex(list(store.all_annotations()), store.list_documents())
    rows = []
    for query in QUERIES:
        new = partial(service.search, query, limit=50, prefix_last=True)
        before = partial(old.run_query, index, old.parse(query, prefix_last=True), None, 50)
        new(), before(), before()  # warm: the old engine builds postings on its second query
        rows.append((query, timed(new), timed(new, clock=time.process_time), timed(before)))
    return rows


def bench_texts(db_path: Path) -> list[tuple[str, list[float], list[float], list[float]]]:
    service = ReaderService.open(db_path)
    store = Store(db_path)
    texts = [(d.id, store.load_text(d.sha256) or "") for d in store.list_documents()]
    rows = []
    for query in TEXT_QUERIES:
        new = partial(service.search_documents, query, 20)
        new()
        words = query.replace('"', "").replace("OR", "").replace("-balloon", "")
        cpu = timed(new, clock=time.process_time)
        rows.append((query, timed(new), timed(partial(scan_texts, texts, words), repeats=3), cpu))
    return rows


def bench_library(db_path: Path) -> list[tuple[str, list[float], tuple[float, float]]]:
    service = ReaderService.open(db_path)
    service.people()
    calls = [
        ("people", service.people, ["people", "--json"]),
        ("quotes", service.quotes, ["quotes", "--json"]),
        (
            "quotes --speaker Worth",
            partial(service.quotes, "Worth"),
            ["quotes", "--speaker", "Worth", "--json"],
        ),
    ]
    return [(name, timed(call), process(db_path, args)) for name, call, args in calls]


def bench_visibility(db_path: Path, rounds: int = 5) -> list[tuple[bool, float]]:
    """A change by one ``reader`` process, then the very next ``reader search``: found? s."""
    env = {
        **os.environ,
        "READER_DB": str(db_path),
        "READER_CACHE_DIR": str(db_path.parent.parent / "cache"),
    }
    document = Store(db_path).list_documents()[0]
    found = []
    for round_ in range(rounds):
        word = f"visible{round_}x"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reader",
                "annotate",
                document.id,
                "--quote",
                "Munich",
                "--note",
                word,
            ],
            env=env,
            capture_output=True,
            check=True,
        )
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "reader", "search", "--json", word],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout
        elapsed = time.perf_counter() - started
        found.append((any(h["annotation"]["note"] == word for h in json.loads(out)), elapsed))
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        os.environ["READER_CACHE_DIR"] = str(root / "big" / "cache")
        big, small = (
            root / "big" / "store" / "annotations.json",
            root / "small" / "store" / "annotations.json",
        )
        big.parent.mkdir(parents=True), small.parent.mkdir(parents=True)
        started = time.perf_counter()
        build_library(big, DOCUMENTS, PER_DOCUMENT)
        build_library(small, 1, 1)
        print(f"built the library in {time.perf_counter() - started:.1f} s")
        builds = [bench_build(big) for _ in range(3)]
        print(
            f"\nindex build from scratch ({DOCUMENTS} docs x ~3,000 words, "
            f"{DOCUMENTS * PER_DOCUMENT} annotations, analyses): "
            f"median {sorted(builds)[1][0]:.2f} s wall, "
            f"{sorted(b[1] for b in builds)[1]:.2f} s CPU "
            f"(wall of each: {', '.join(f'{b[0]:.2f}' for b in builds)})"
        )
        print_annotations(bench_annotations(big), big)
        print_texts(bench_texts(big))
        print_library(bench_library(big))
        print_processes(small, big)
        seen = bench_visibility(big)
        print(
            f"\nchange then next `reader search` (5 rounds): found {sum(f for f, _ in seen)}/5, "
            f"wall {', '.join(f'{s:.3f}' for _, s in seen)} s"
        )


def print_annotations(
    rows: list[tuple[str, list[float], list[float], list[float]]], big: Path
) -> None:
    print(f"\n### Annotation search, {DOCUMENTS * PER_DOCUMENT} annotations in {DOCUMENTS} docs\n")
    print("| query | index p50 ms | index p95 | index CPU p95 | old engine p50 | old p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    for query, new, cpu, old in rows:
        (n50, n95), c95, (o50, o95) = percentiles(new), percentiles(cpu)[1], percentiles(old)
        print(
            f"| `{query or '(all)'}` | {n50:.2f} | {n95:.2f} | {c95:.2f} | {o50:.2f} | {o95:.2f} |"
        )
    every = [s for _, new, _, _ in rows for s in new]
    cpus = [s for _, _, cpu, _ in rows for s in cpu]
    olds = [s for _, _, _, old in rows for s in old]
    (n50, n95), c95, (o50, o95) = percentiles(every), percentiles(cpus)[1], percentiles(olds)
    print(
        f"| **all {len(rows)} queries** | **{n50:.2f}** | **{n95:.2f}** | **{c95:.2f}** "
        f"| **{o50:.2f}** | **{o95:.2f}** |"
    )
    from tinydb import TinyDB

    files = sorted((big.parent / "annotations.d").glob("*.json"))

    def scan() -> int:
        return sum(
            1
            for path in files
            for r in TinyDB(path, access_mode="r").table("annotations").all()
            if "balloon" in r["note"].casefold()
        )

    scanned = percentiles(timed(scan, 3))[0]
    print(f"\nlinear scan of the TinyDB files (`balloon`): p50 {scanned:.0f} ms")


def print_texts(rows: list[tuple[str, list[float], list[float], list[float]]]) -> None:
    print(f"\n### Full-text search, {DOCUMENTS} documents x ~3,000 words, limit 20\n")
    print("| query | index p50 ms | index p95 | index CPU p95 | linear scan p50 |")
    print("|---|---:|---:|---:|---:|")
    for query, new, scan, cpu in rows:
        (n50, n95), s50, c95 = percentiles(new), percentiles(scan)[0], percentiles(cpu)[1]
        print(f"| `{query}` | {n50:.2f} | {n95:.2f} | {c95:.2f} | {s50:.0f} |")
    n50, n95 = percentiles([s for row in rows for s in row[1]])
    c95 = percentiles([s for row in rows for s in row[3]])[1]
    print(f"| **all {len(rows)} queries** | **{n50:.2f}** | **{n95:.2f}** | **{c95:.2f}** | |")


def print_library(rows: list[tuple[str, list[float], tuple[float, float]]]) -> None:
    print(f"\n### People and quotations, {DOCUMENTS} analysed documents\n")
    print("| call | in process p50 / p95 ms | `reader` process wall / CPU s |")
    print("|---|---:|---:|")
    for name, samples, (wall, cpu) in rows:
        p50, p95 = percentiles(samples)
        print(f"| `{name}` | {p50:.1f} / {p95:.1f} | {wall:.3f} / {cpu:.3f} |")


def print_processes(small: Path, big: Path) -> None:
    print("\n### `reader search` processes, median of 7 (wall s / CPU s)\n")
    print("| command | engine | ~0 annotations | 10,000 annotations | added wall | added CPU |")
    print("|---|---|---:|---:|---:|---:|")
    for args in (["search", "balloon", "--limit", "20"], ["search", "tag:china", "--json"]):
        for old in (False, True):
            (fw, fc), (mw, mc) = process(small, args, old=old), process(big, args, old=old)
            print(
                f"| `reader {' '.join(args)}` | {'v1' if old else 'index'} | {fw:.3f} / {fc:.3f} "
                f"| {mw:.3f} / {mc:.3f} | {mw - fw:+.3f} | {mc - fc:+.3f} |"
            )


if __name__ == "__main__":
    main()
