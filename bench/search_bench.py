"""Search latency over 10,000 annotations in 500 documents, against two baselines.

Builds a temporary store (500 documents, 20 annotations each), then measures:

- ``ReaderService.search`` (limit 50, prefix on the last word, as the TUI calls it) for 20
  representative queries: p50/p95 after the index is loaded, plus the load and first query;
- a linear scan of the raw TinyDB files per query (what a search without an index costs);
- SQLite FTS5 (stdlib ``sqlite3``, in memory) on the same texts, for the queries it can express;
- the wall and CPU time of a ``reader search`` process on an almost empty store and on the
  big one, with the store's read snapshot in place (every run after the first) and without
  it (the first run after the snapshot was lost, e.g. a new cache directory).

Prints markdown tables. Run: ``.venv/bin/python bench/search_bench.py``.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reader.core.models import Annotation, Document, DocumentVersion, Selector, new_id
from reader.core.service import ReaderService
from reader.core.store import Store
from reader.core.store.files import annotation_file, open_table, record_of
from reader.core.store.migrations import ANNOTATIONS_TABLE
from reader.core.text import normalise, sha256_of, word_count

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
DOCUMENTS = 500
PER_DOCUMENT = 20
REPEATS = 11
TAGS = [
    "china", "balloon", "military", "diplomacy", "follow up", "Zoë", "us politics", "quotes",
    "names", "sovereignty", "airspace", "economy", "security", "beijing", "washington", "todo",
]  # fmt: skip
COLORS = ["yellow", "red", "green", "blue"]

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

FTS_QUERIES = {
    "balloon": "balloon",
    '"surveillance balloon"': '"surveillance balloon"',
    "blinken wang": "blinken wang",
    "tag:china": "tags:china",
    "china OR beijing": "china OR beijing",
    "balloon -tag:military": "balloon NOT tags:military",
    "bal": "bal*",
    "s": "s*",
    "note:sovereignty": "note:sovereignty",
    'quote:"South Carolina"': 'quote:"south carolina"',
    "zoe": "zoe",
    "diplomat conference": "diplomat conference*",
}


def build_store(db_path: Path, documents: int, per_document: int) -> None:
    """A store of ``documents`` documents with ``per_document`` annotations each."""
    rng = random.Random(7)
    base = normalise(SAMPLE.read_text(encoding="utf-8"))
    vocabulary = base.split()
    store = Store(db_path)
    store.annotations_dir.mkdir(exist_ok=True)
    for number in range(documents):
        text = f"{base}\nDocument {number}: Munich report {rng.choice(vocabulary)}.\n"
        document = _document(text, number, rng, vocabulary)
        store.put_document(document)
        store.save_text(document.sha256, text)
        annotations = [_annotation(document, text, rng, vocabulary) for _ in range(per_document)]
        if annotations:
            table = open_table(annotation_file(db_path.parent, document.id), ANNOTATIONS_TABLE)
            table.insert_multiple([record_of(a) for a in annotations])


def _add_matching_annotation(db_path: Path) -> None:
    """One annotation the measured commands find, so both stores print results."""
    store = Store(db_path)
    document = store.list_documents()[0]
    text = store.load_text(document.sha256) or ""
    start = text.index("balloon")
    store.add_annotation(
        Annotation(
            id=new_id(),
            document_id=document.id,
            sha256=document.sha256,
            selector=Selector.from_text(text, start, start + len("balloon")),
            note="the balloon",
            tags=("china",),
        )
    )


def _document(text: str, number: int, rng: random.Random, vocabulary: list[str]) -> Document:
    sha = sha256_of(text)
    stamp = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:00.000Z"
    title = " ".join(rng.sample(vocabulary, 5)) + (" Munich" if number % 10 == 0 else "")
    return Document(
        id=new_id(),
        title=title,
        source=f"/bench/{number}.txt",
        sha256=sha,
        versions=(DocumentVersion(sha, stamp, word_count(text)),),
        first_opened=stamp,
        last_opened=stamp,
        words=word_count(text),
    )


def _annotation(
    document: Document, text: str, rng: random.Random, vocabulary: list[str]
) -> Annotation:
    start = rng.randrange(0, len(text) - 300)
    end = start + rng.randrange(15, 250)
    stamp = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}"
    note = " ".join(rng.choices(vocabulary, k=rng.choice([0, 5, 12, 25])))
    return Annotation(
        id=new_id(),
        document_id=document.id,
        sha256=document.sha256,
        selector=Selector.from_text(text, start, end),
        note=note,
        tags=tuple(rng.sample(TAGS, rng.choice([0, 1, 1, 2, 3]))),
        color=rng.choice(COLORS),
        created=f"{stamp}:00:00.000Z",
        modified=f"{stamp}:30:00.000Z",
    )


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(
    run: Callable[[], object],
    repeats: int = REPEATS,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Times of ``repeats`` runs (wall clock unless told otherwise)."""
    samples = []
    for _ in range(repeats):
        started = clock()
        run()
        samples.append(clock() - started)
    return samples


def bench_service(db_path: Path) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Per query: timings of ``ReaderService.search`` once the index is loaded and warm."""
    time.sleep(0.2)  # past the store's "just written" window, so the index is kept
    service = ReaderService.open(db_path)
    store = Store(db_path)
    with tempfile.TemporaryDirectory() as caches:
        fresh = (Store(db_path, cache_dir=Path(caches) / str(n)) for n in range(REPEATS))
        cold = timed(lambda: _read_all(next(fresh)), repeats=3)
    warm = timed(lambda: _read_all(store), repeats=3)
    started = time.perf_counter()
    service.search_index()
    load = time.perf_counter() - started
    started = time.perf_counter()
    service.search("balloon", limit=50, prefix_last=True)
    first = time.perf_counter() - started
    started = time.perf_counter()
    service.search("balloon", limit=50, prefix_last=True)
    second = time.perf_counter() - started
    print(f"\nstore read (documents + 10,000 annotations): {min(cold) * 1000:.0f} ms "
          f"parsing every file, {min(warm) * 1000:.0f} ms with the read snapshot; "
          f"index load (read + build): {load * 1000:.0f} ms")  # fmt: skip
    print(f"first query (scans folded texts): {first * 1000:.1f} ms; "
          f"second (builds postings): {second * 1000:.1f} ms")  # fmt: skip
    walls, cpus = {}, {}
    for query in QUERIES:
        search = partial(service.search, query, limit=50, prefix_last=True)
        search()  # warm: builds the postings of the fields the query needs
        walls[query] = timed(search)
        # CPU time of this process: the wall clock on a shared machine also counts others.
        cpus[query] = timed(search, clock=time.process_time)
    return walls, cpus


def _read_all(store: Store) -> None:
    store.list_documents()
    list(store.all_annotations())


def bench_tinydb(db_path: Path) -> dict[str, list[float]]:
    """A linear scan of the raw TinyDB files per query (plain words, case-insensitive)."""
    from tinydb import TinyDB

    files = sorted((db_path.parent / "annotations.d").glob("*.json"))

    def scan(words: list[str]) -> int:
        found = 0
        for path in files:
            with TinyDB(path, access_mode="r") as db:
                for record in db.table(ANNOTATIONS_TABLE).all():
                    haystack = " ".join(
                        [record["note"], record["selector"]["exact"], *record["tags"]]
                    ).casefold()
                    found += all(word in haystack for word in words)
        return found

    plain = [q for q in QUERIES if q and all(c.isalnum() or c == " " for c in q)]
    return {q: timed(partial(scan, q.casefold().split()), repeats=3) for q in plain}


def bench_fts5(db_path: Path) -> dict[str, list[float]]:
    """SQLite FTS5 over the same annotations (loaded in memory), bm25-ranked, limit 50."""
    store = Store(db_path)
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE notes USING fts5(note, quote, tags, id UNINDEXED,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?)",
        [(a.note, a.selector.exact, " | ".join(a.tags), a.id) for a in store.all_annotations()],
    )
    sql = "SELECT id FROM notes WHERE notes MATCH ? ORDER BY bm25(notes, 1, 1, 3) LIMIT 50"

    def run(match: str) -> list[object]:
        return connection.execute(sql, (match,)).fetchall()

    return {query: timed(partial(run, match)) for query, match in FTS_QUERIES.items()}


def process_time(
    db_path: Path, args: list[str], runs: int = 7, snapshot: bool = True
) -> tuple[float, float]:
    """Median wall time and median CPU time (s) of a ``reader`` process on ``db_path``.

    CPU time (user + system, from ``getrusage``) is reported too because wall time on a
    shared machine mostly measures the other processes. Without ``snapshot``, each run
    starts with an empty cache directory (no read snapshot of the store).
    """
    cache = db_path.parent.parent / f"cache-{db_path.parent.name}"
    env = {**os.environ, "READER_DB": str(db_path), "READER_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "reader", *args], env=env, capture_output=True)
    walls, cpus = [], []
    for _ in range(runs):
        if not snapshot:
            shutil.rmtree(cache, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", *args], env=env, cwd=REPO, capture_output=True
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Build the stores, run every measurement, print the tables."""
    with tempfile.TemporaryDirectory() as directory:
        os.environ["READER_CACHE_DIR"] = str(Path(directory) / "cache")  # not the user's
        big = Path(directory) / "big" / "annotations.json"
        small = Path(directory) / "small" / "annotations.json"
        big.parent.mkdir()
        small.parent.mkdir()
        started = time.perf_counter()
        build_store(big, DOCUMENTS, PER_DOCUMENT)
        build_store(small, 1, 1)
        _add_matching_annotation(small)
        print(f"built {DOCUMENTS * PER_DOCUMENT} annotations in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        service, cpu = bench_service(big)
        tinydb = bench_tinydb(big)
        fts5 = bench_fts5(big)
        _print_latencies(service, cpu, tinydb, fts5)
        _print_processes(small, big)


def _print_latencies(
    service: dict[str, list[float]],
    cpu: dict[str, list[float]],
    tinydb: dict[str, list[float]],
    fts5: dict[str, list[float]],
) -> None:
    print(f"\n### Search latency, {DOCUMENTS * PER_DOCUMENT} annotations in {DOCUMENTS} docs\n")
    print("limit 50, prefix on the last word; wall ms unless marked CPU\n")
    print("| query | reader p50 | reader p95 | reader CPU p95 | TinyDB scan p50 | FTS5 p50 |")
    print("|---|---:|---:|---:|---:|---:|")
    for query, samples in service.items():
        p50, p95 = percentiles(samples)
        cpu95 = percentiles(cpu[query])[1]
        scan = f"{percentiles(tinydb[query])[0]:.0f}" if query in tinydb else "–"
        fts = f"{percentiles(fts5[query])[0]:.2f}" if query in fts5 else "–"
        print(f"| `{query or '(all)'}` | {p50:.2f} | {p95:.2f} | {cpu95:.2f} | {scan} | {fts} |")
    p50, p95 = percentiles([s for samples in service.values() for s in samples])
    cpu95 = percentiles([s for samples in cpu.values() for s in samples])[1]
    print(
        f"| **all {len(service)} queries** | **{p50:.2f}** | **{p95:.2f}** | **{cpu95:.2f}** | | |"
    )


def _print_processes(small: Path, big: Path) -> None:
    print("\n### `reader` process time, median of 7 (wall s / CPU s)\n")
    print("| command | ~0 annotations | 10,000 annotations | added wall | added CPU |")
    print("|---|---:|---:|---:|---:|")
    commands = (
        ["--help"],
        ["search", "balloon", "--limit", "20"],
        ["search", "tag:china", "--limit", "20", "--json"],
        ["search", "tag:china", "--json"],
    )
    for args in commands:
        (few_wall, few_cpu), (many_wall, many_cpu) = (
            process_time(small, args),
            process_time(big, args),
        )
        print(
            f"| `reader {' '.join(args)}` | {few_wall:.3f} / {few_cpu:.3f} "
            f"| {many_wall:.3f} / {many_cpu:.3f} | {many_wall - few_wall:+.3f} "
            f"| {many_cpu - few_cpu:+.3f} |"
        )
    args = ["search", "balloon", "--limit", "20"]
    (few_wall, few_cpu), (many_wall, many_cpu) = (
        process_time(small, args, snapshot=False),
        process_time(big, args, snapshot=False),
    )
    print(
        f"| `reader {' '.join(args)}`, no snapshot | {few_wall:.3f} / {few_cpu:.3f} "
        f"| {many_wall:.3f} / {many_cpu:.3f} | {many_wall - few_wall:+.3f} "
        f"| {many_cpu - few_cpu:+.3f} |"
    )


if __name__ == "__main__":
    main()
