"""Analysis benchmark: reader's analysis against bare ``nlp.pipe``, and the cached load.

Run: ``.venv/bin/python bench/analysis_bench.py [--words 100000] [--repeats 5]
[--one-process]``. Prints a markdown table of medians. The document is the sample article's
paragraphs repeated in a shuffled order (fixed seed) until it reaches the word count.

The runs are interleaved, and every other repeat runs them in reverse order, so a change in
the machine's load hits the baseline and reader alike. On a shared machine judge by the CPU
columns (this process's CPU time, which other processes barely move) and the paired ratio: the
median over repeats of baseline CPU / reader CPU measured side by side in the same repeat.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"


def build_document(words: int, seed: int = 7) -> str:
    """The sample's paragraphs, shuffled again for every round, until ``words`` is reached."""
    from reader.core.text import normalise, paragraph_spans, word_count

    sample = normalise(SAMPLE.read_text(encoding="utf-8"))
    paragraphs = [sample[start:end] for start, end in paragraph_spans(sample)]
    rng = random.Random(seed)
    chosen: list[str] = []
    total = 0
    while total < words:
        round_ = paragraphs[:]
        rng.shuffle(round_)
        for paragraph in round_:
            chosen.append(paragraph)
            total += word_count(paragraph)
            if total >= words:
                break
    return "\n".join(chosen) + "\n"


@dataclass(eq=False)
class Timings:
    """Wall and CPU seconds (this process only) of every repeat of one run."""

    label: str
    processes: int = 1
    """The CPU columns count this process only, so they say little when it has a helper."""
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def measure(self, run: Callable[[], object]) -> None:
        """Time one call of ``run``."""
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)


def main() -> None:
    """Measure and print the table."""
    options = _options()
    sys.path.insert(0, str(REPO_ROOT))

    import spacy

    from reader.core.analysis.pipeline import load_pipeline
    from reader.core.analysis.runner import analyze_text
    from reader.core.text import paragraph_spans, sha256_of, word_count

    text = build_document(options.words)
    sha256, words = sha256_of(text), word_count(text)
    paragraphs = [text[start:end] for start, end in paragraph_spans(text)]
    loaded = load_pipeline(options.model)
    bare = spacy.load(loaded.info.name)  # a separate copy with every default component on
    list(bare.pipe(paragraphs[:50]))  # warm up both pipelines before timing
    analyze_text(text[:20_000], sha256_of(text[:20_000]), model=options.model, n_process=1)
    load_before = os.getloadavg()[0]

    runs = {
        Timings("bare `nlp.pipe`, default components, 1 process"): lambda: list(
            bare.pipe(paragraphs)
        ),
        Timings("reader `analyze_text`, 1 process"): lambda: analyze_text(
            text, sha256, model=options.model, n_process=1
        ),
    }
    if not options.one_process:
        runs[Timings("bare `nlp.pipe`, default components, `n_process=2`", 2)] = lambda: list(
            bare.pipe(paragraphs, n_process=2)
        )
        runs[Timings("reader `analyze_text`, `n_process=2`", 2)] = lambda: analyze_text(
            text, sha256, model=options.model, n_process=2
        )
    loads = _interleave(runs, options.repeats)
    analysis = analyze_text(text, sha256, model=options.model, n_process=1)
    same = options.one_process or analysis == analyze_text(
        text, sha256, model=options.model, n_process=2
    )
    cached = time_cache_load(analysis, max(5, options.repeats))
    ceiling = None if options.one_process else two_process_ceiling(options.repeats)
    print(f"Document: {words} words, {len(paragraphs)} paragraphs; model `{loaded.info.name}`;")
    load_after = os.getloadavg()[0]
    print(f"{options.repeats} interleaved repeats, every other one in reverse order;")
    print(f"1-minute load average {load_before:.2f} before, {load_after:.2f} after, per repeat")
    print(f"{', '.join(f'{load:.2f}' for load in loads)} ({os.cpu_count()} CPUs).")
    if not options.one_process:
        print(f"The 1 and 2 process analyses agree: {same}.")
    print()
    _print_table(list(runs), cached, words)
    if ceiling is not None:
        _print_ceiling(ceiling)


def _interleave(runs: dict[Timings, Callable[[], object]], repeats: int) -> list[float]:
    """Every run once per repeat, in reverse order every other repeat (so neither the
    baseline nor reader always goes first); the 1-minute load average after each repeat."""
    loads = []
    for repeat in range(repeats):
        order = list(runs.items())
        for timings, run in order if repeat % 2 == 0 else reversed(order):
            timings.measure(run)
        loads.append(os.getloadavg()[0])
    return loads


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="only the 1-process runs (no n_process=2 rows and no two-process ceiling)",
    )
    return parser.parse_args()


def time_cache_load(analysis: Analysis, repeats: int) -> Timings:
    """Timings of loading ``analysis`` back from a fresh cache directory."""
    from reader.core.analysis.cache import AnalysisCache

    with tempfile.TemporaryDirectory() as directory:
        cache = AnalysisCache(Path(directory))
        cache.store(analysis)
        cached = Timings("load cached analysis")
        for _ in range(repeats):
            cached.measure(lambda: cache.load(analysis.sha256, analysis.model))
    return cached


def _busy_loop(iterations: int) -> int:
    """Pure-Python CPU work with no memory traffic to speak of."""
    total = 0
    for number in range(iterations):
        total += number * number % 7
    return total


def _busy_processes(count: int, iterations: int) -> float:
    """Wall seconds for ``count`` forked processes each running the same busy loop."""
    import multiprocessing

    context = multiprocessing.get_context("fork")  # as the analysis starts its child
    started = time.perf_counter()
    processes = [context.Process(target=_busy_loop, args=(iterations,)) for _ in range(count)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - started


def two_process_ceiling(repeats: int, iterations: int = 15_000_000) -> tuple[float, float]:
    """Median seconds of one busy process alone and of two at once (the same work each).

    Twice the work in ``two`` seconds instead of ``one``: ``2 * one / two`` is the most
    any two-process split can gain on this machine right now.
    """
    one: list[float] = []
    two: list[float] = []
    for _ in range(repeats):  # interleaved, as above
        one.append(_busy_processes(1, iterations))
        two.append(_busy_processes(2, iterations))
    return statistics.median(one), statistics.median(two)


def _print_ceiling(ceiling: tuple[float, float]) -> None:
    one, two = ceiling
    print(
        f"\nTwo-process ceiling (busy loops, fork): one process {one:.2f} s, two processes "
        f"(same work each) {two:.2f} s, throughput {2 * one / two:.2f}x."
    )


def _print_table(rows: list[Timings], cached: Timings, words: int) -> None:
    base = rows[0]
    baseline, baseline_cpu = statistics.median(base.wall), statistics.median(base.cpu)
    print(
        "| run | median wall s | words/s | vs bare (wall) | median CPU s (this process) "
        "| vs bare (CPU) | paired CPU ratio (min–max) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        wall, cpu = statistics.median(row.wall), statistics.median(row.cpu)
        cpu_ratio, paired = "–", "–"
        if row.processes == 1:
            ratios = [b / r for b, r in zip(base.cpu, row.cpu, strict=True)]
            cpu_ratio = f"{baseline_cpu / cpu:.2f}x"
            paired = f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f})"
        print(
            f"| {row.label} | {wall:.2f} | {words / wall:,.0f} | {baseline / wall:.2f}x "
            f"| {cpu:.2f} | {cpu_ratio} | {paired} |"
        )
    print(
        f"| {cached.label} (`AnalysisCache.load`) | {statistics.median(cached.wall):.3f} "
        "| | | | | |"
    )


if __name__ == "__main__":
    main()
