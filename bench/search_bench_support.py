"""Support for ``bench/search_bench.py``: the library it measures and the baselines.

The library: 500 documents of about 3,000 words (the sample article's paragraphs shuffled
three times over, so every text differs), 20 annotations each, and a made-up analysis per
document in the analysis cache (entities from a pool of 200 names, 8 quotations each).
The baselines: the first version's hand-written search engine (``git show
BASELINE:reader/core/search``, loaded as ``old_search``; the whole first version checked out
for the process timings) and linear scans of the store's files and texts.
"""

from __future__ import annotations

import importlib
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from reader.core.analysis.cache import AnalysisCache
from reader.core.analysis.pipeline import model_info_without_loading
from reader.core.analysis.results import Analysis, Entity, EntityMention, Quote, QuoteKind, Speaker
from reader.core.models import Annotation, Document, DocumentVersion, Selector, new_id
from reader.core.store import Store
from reader.core.store.files import annotation_file, open_table, record_of
from reader.core.store.migrations import ANNOTATIONS_TABLE
from reader.core.text import normalise, sha256_of, word_count

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
TAGS = [
    "china",
    "balloon",
    "military",
    "diplomacy",
    "follow up",
    "Zoë",
    "us politics",
    "quotes",
    "names",
    "sovereignty",
    "airspace",
    "economy",
    "security",
    "beijing",
    "washington",
    "todo",
]
COLORS = ["yellow", "red", "green", "blue"]
LABELS = ["PERSON", "PERSON", "ORG", "GPE"]
NAMES = [
    f"{first} {last}"
    for first in ("Ned", "Ana", "Li", "Omar", "Eva", "Raj", "Sam", "Kim", "Tom", "Ada")
    for last in (
        "Worth",
        "Wang",
        "Okafor",
        "Silva",
        "Berg",
        "Ito",
        "Khan",
        "Moreau",
        "Novak",
        "Reyes",
        "Tan",
        "Weber",
        "Young",
        "Zhou",
        "Quinn",
        "Park",
        "Lopez",
        "Meyer",
        "Costa",
        "Haas",
    )
]


def build_library(db_path: Path, documents: int, per_document: int, words: int = 3_000) -> None:
    """A store of ``documents`` texts of about ``words`` words, annotated, with analyses."""
    rng = random.Random(7)
    paragraphs = [p for p in normalise(SAMPLE.read_text(encoding="utf-8")).split("\n") if p]
    vocabulary = " ".join(paragraphs).split()
    copies = max(1, round(words / len(vocabulary)))
    store = Store(db_path)
    store.annotations_dir.mkdir(exist_ok=True)
    cache = AnalysisCache(db_path.parent.parent / "cache" / "analysis")
    info = model_info_without_loading(None)
    for number in range(documents):
        shuffled = [p for _ in range(copies) for p in rng.sample(paragraphs, len(paragraphs))]
        text = "\n".join([*shuffled, f"Document {number}: Munich report."]) + "\n"
        document = _document(text, number, rng, vocabulary)
        store.put_document(document)
        store.save_text(document.sha256, text)
        if per_document:
            notes = [_annotation(document, text, rng, vocabulary) for _ in range(per_document)]
            table = open_table(annotation_file(db_path.parent, document.id), ANNOTATIONS_TABLE)
            table.insert_multiple([record_of(a) for a in notes])
        cache.store(_analysis(text, document.sha256, rng), info)


def _document(text: str, number: int, rng: random.Random, vocabulary: list[str]) -> Document:
    sha = sha256_of(text)
    stamp = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:00.000Z"
    title = " ".join(rng.sample(vocabulary, 5)) + (" Munich" if number % 10 == 0 else "")
    version = DocumentVersion(sha, stamp, word_count(text))
    return Document(
        new_id(),
        title,
        f"/bench/{number}.txt",
        sha,
        (version,),
        stamp,
        stamp,
        words=word_count(text),
    )


def _annotation(
    document: Document, text: str, rng: random.Random, vocabulary: list[str]
) -> Annotation:
    start = rng.randrange(0, len(text) - 300)
    end = start + rng.randrange(15, 250)
    stamp = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}"
    return Annotation(
        id=new_id(),
        document_id=document.id,
        sha256=document.sha256,
        selector=Selector.from_text(text, start, end),
        note=" ".join(rng.choices(vocabulary, k=rng.choice([0, 5, 12, 25]))),
        tags=tuple(rng.sample(TAGS, rng.choice([0, 1, 1, 2, 3]))),
        color=rng.choice(COLORS),
        created=f"{stamp}:00:00.000Z",
        modified=f"{stamp}:30:00.000Z",
    )


def _analysis(text: str, sha256: str, rng: random.Random) -> Analysis:
    """A made-up analysis: 40 mentions of 12 names, 8 quotations attributed to 4 of them."""
    names = rng.sample(NAMES, 12)
    labels = {name: LABELS[len(name) % len(LABELS)] for name in names}
    mentions = []
    for _ in range(40):
        start = rng.randrange(0, len(text) - 20)
        name = rng.choice(names)
        mentions.append(
            EntityMention(start, start + 10, text[start : start + 10], labels[name], name)
        )
    counts = Counter(m.entity for m in mentions)
    index = tuple(Entity(n, n, labels[n], counts[n]) for n in names if counts[n])
    quotes = []
    for _ in range(8):
        start = rng.randrange(0, len(text) - 200)
        speaker = Speaker(rng.choice(names[:4]).split()[1], start, start + 5, rng.choice(names[:4]))
        quotes.append(
            Quote(start, start + 150, text[start : start + 150], QuoteKind.SPOKEN, speaker)
        )
    return Analysis(sha256, model_info_without_loading(None), tuple(mentions), index, tuple(quotes))


BASELINE = os.environ.get("READER_BENCH_BASELINE", "52e1e01")
"""The commit whose search engine is the baseline: the last one before the FTS5 index."""


def baseline_checkout() -> Path:
    """A detached checkout of :data:`BASELINE` (made once), for ``reader`` processes."""
    target = Path(tempfile.gettempdir()) / f"reader-baseline-{BASELINE}"
    if not (target / "reader").is_dir():
        subprocess.run(
            ["git", "worktree", "add", "--force", "--detach", str(target), BASELINE],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
    return target


def old_engine() -> ModuleType:
    """The baseline's hand-written search package, imported as ``old_search``."""
    target = Path(tempfile.mkdtemp()) / "old_search"
    target.mkdir()
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", BASELINE, "reader/core/search/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in names:
        source = subprocess.run(
            ["git", "show", f"{BASELINE}:{name}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (target / Path(name).name).write_text(source.replace("reader.core.search", "old_search"))
    sys.path.insert(0, str(target.parent))
    return importlib.import_module("old_search")


def scan_texts(texts: list[tuple[str, str]], query: str, limit: int = 20) -> list[str]:
    """A linear full-text scan: every document whose text has every word (as a word
    start), the ``limit`` with the most occurrences first (a crude ranking)."""
    patterns = [re.compile(rf"\b{re.escape(w)}", re.IGNORECASE) for w in query.split()]
    counts = []
    for document_id, text in texts:
        found = [len(p.findall(text)) for p in patterns]
        if all(found):
            counts.append((-sum(found), document_id))
    return [document_id for _, document_id in sorted(counts)[:limit]]


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(
    run: Callable[[], object], repeats: int = 11, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Times of ``repeats`` runs (wall clock unless told otherwise)."""
    samples = []
    for _ in range(repeats):
        started = clock()
        run()
        samples.append(clock() - started)
    return samples


def process(
    db_path: Path, args: list[str], runs: int = 7, old: bool = False
) -> tuple[float, float]:
    """Median wall and CPU seconds of a ``reader`` process (``old``: the baseline's code)."""
    cache = db_path.parent.parent / ("cache-old" if old else "cache")
    env = {**os.environ, "READER_DB": str(db_path), "READER_CACHE_DIR": str(cache)}
    if old:
        env["PYTHONPATH"] = str(baseline_checkout())
    cwd = "/" if old else REPO
    command = [sys.executable, "-m", "reader", *args]
    subprocess.run(command, env=env, cwd=cwd, capture_output=True)  # warm the caches
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)
