"""Benchmark: re-anchor 1,000 annotations on a changed 100,000-word document.

Two scenarios. "sample repeated": the sample article's paragraphs repeated in shuffled order
until the text holds 100,000 words (every passage has many verbatim copies, the hard case
for choosing by context), and the new version gets 300 random word edits anywhere; the
annotations no edit falls inside are checked. "every annotation edited inside": random
sentences of the sample's words (no repeats), and one word of every annotation replaced, so
all 1,000 go through the fuzzy matcher; all are checked against the edited passage.
Prints the median time of a few runs of ``reanchor_all`` and how many were placed exactly.

Run: ``.venv/bin/python bench/anchoring_bench.py``
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from reader.core.anchoring import reanchor_all
from reader.core.models import Annotation, AnnotationStatus, Selector
from reader.core.text import normalise, paragraph_spans, sha256_of, word_spans

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
WORDS = 100_000
ANNOTATIONS = 1_000
EDITS = 300
RUNS = 5
TARGET_SECONDS = 1.0


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``insert``."""

    start: int
    end: int
    insert: str


def build_document(rng: random.Random) -> str:
    """The sample's paragraphs in shuffled rounds until the text has ``WORDS`` words."""
    sample = normalise(SAMPLE.read_text(encoding="utf-8"))
    paragraphs = [sample[s:e] for s, e in paragraph_spans(sample)]
    chosen: list[str] = []
    words = 0
    while words < WORDS:
        round_ = paragraphs[:]
        rng.shuffle(round_)
        for paragraph in round_:
            chosen.append(paragraph)
            words += len(paragraph.split())
    return "\n".join(chosen)


def make_annotations(text: str, rng: random.Random) -> list[Annotation]:
    """``ANNOTATIONS`` word-aligned passages of 1 to 30 words, spread over the text."""
    spans = list(word_spans(text))
    sha = sha256_of(text)
    annotations = []
    for number in range(ANNOTATIONS):
        length = rng.randint(1, 30)
        first = rng.randrange(len(spans) - length)
        start, end = spans[first][0], spans[first + length - 1][1]
        selector = Selector.from_text(text, start, end)
        annotations.append(Annotation(f"a{number}", "doc", sha, selector))
    return annotations


def make_edits(text: str, rng: random.Random, vocabulary: list[str]) -> list[Edit]:
    """``EDITS`` random word insertions, deletions and replacements at distinct words."""
    spans = list(word_spans(text))
    edits = []
    for index in sorted(rng.sample(range(len(spans) - 1), EDITS)):
        start, end = spans[index]
        kind = rng.choice(("insert", "delete", "replace"))
        if kind == "insert":
            edits.append(Edit(start, start, rng.choice(vocabulary) + " "))
        elif kind == "delete":
            edits.append(Edit(start, spans[index + 1][0], ""))
        else:
            edits.append(Edit(start, end, rng.choice(vocabulary)))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every (non-overlapping) edit made."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.insert + text[edit.end :]
    return text


def expected_span(start: int, end: int, edits: list[Edit]) -> tuple[int, int] | None:
    """Where an untouched passage lands after ``edits``; None if an edit falls inside it."""
    shift = 0
    for edit in edits:
        if edit.start >= end:
            continue
        if edit.end <= start and (edit.start < start or edit.start == edit.end):
            shift += len(edit.insert) - (edit.end - edit.start)
        else:
            return None
    return start + shift, end + shift


@dataclass(frozen=True)
class Outcome:
    """One scenario's timings and results."""

    name: str
    timings: list[float]
    cpu: list[float]
    """Processor time of each run (less disturbed than wall time on a busy machine)."""
    checked: int
    exact: int
    statuses: dict[AnnotationStatus, int]


def run(
    name: str,
    annotations: list[Annotation],
    new: str,
    expected: Sequence[tuple[int, int] | None],
) -> Outcome:
    """Time ``reanchor_all`` ``RUNS`` times and check where the annotations went.

    ``expected`` is each annotation's right new span (None: not checked).
    """
    sha = sha256_of(new)
    timings, cpu = [], []
    for _ in range(RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        results = reanchor_all(annotations, new, sha)
        timings.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    checked = exact = 0
    for result, span in zip(results, expected, strict=True):
        if span is not None:
            checked += 1
            exact += (result.selector.start, result.selector.end) == span
    statuses = {s: sum(r.status == s for r in results) for s in AnnotationStatus}
    return Outcome(name, timings, cpu, checked, exact, statuses)


def repeated_scenario(rng: random.Random) -> Outcome:
    """The sample repeated, a few hundred random edits anywhere."""
    old = build_document(rng)
    annotations = make_annotations(old, rng)
    edits = make_edits(old, rng, sorted(set(old.split())))
    expected = [expected_span(a.selector.start, a.selector.end, edits) for a in annotations]
    return run("sample repeated, 300 edits", annotations, apply_edits(old, edits), expected)


def edited_scenario(rng: random.Random) -> Outcome:
    """Prose without repeats; every annotation has one of its words replaced (fuzzy path)."""
    sample = normalise(SAMPLE.read_text(encoding="utf-8"))
    vocabulary = sorted(set(sample.split()))
    old = generate_prose(rng, vocabulary)
    spans = list(word_spans(old))
    sha = sha256_of(old)
    annotations, edits, expected = [], [], []
    shift = 0
    stride = len(spans) // ANNOTATIONS
    for number in range(ANNOTATIONS):
        first = number * stride + rng.randrange(stride - 30)
        length = rng.randint(4, 30)
        start, end = spans[first][0], spans[first + length - 1][1]
        selector = Selector.from_text(old, start, end)
        annotations.append(Annotation(f"e{number}", "doc", sha, selector))
        word_start, word_end = spans[first + rng.randrange(length)]
        edit = Edit(word_start, word_end, rng.choice(vocabulary))
        edits.append(edit)
        change = len(edit.insert) - (word_end - word_start)
        expected.append((start + shift, end + shift + change))
        shift += change
    new = apply_edits(old, edits)
    return run("every annotation edited inside", annotations, new, expected)


def generate_prose(rng: random.Random, vocabulary: list[str]) -> str:
    """``WORDS`` words of random sentences from ``vocabulary``, a paragraph per line."""
    paragraphs, words = [], 0
    while words < WORDS:
        sentences = []
        for _ in range(rng.randint(1, 5)):
            length = rng.randint(6, 25)
            sentences.append(" ".join(rng.choice(vocabulary) for _ in range(length)) + ".")
            words += length
        paragraphs.append(" ".join(sentences))
    return "\n".join(paragraphs)


def main() -> int:
    """Run the benchmark, print the table; exit 1 if a median misses the target."""
    rng = random.Random(20260228)
    outcomes = [repeated_scenario(rng), edited_scenario(rng)]
    table = Table(title=f"reanchor_all: {ANNOTATIONS:,} annotations, {WORDS:,}-word document")
    table.add_column("scenario")
    table.add_column(f"median of {RUNS}", justify="right")
    table.add_column("min / max", justify="right")
    table.add_column("CPU median", justify="right")
    table.add_column("placed exactly", justify="right")
    table.add_column("anchored / moved / orphaned", justify="right")
    for outcome in outcomes:
        statuses = " / ".join(str(outcome.statuses[s]) for s in AnnotationStatus)
        table.add_row(
            outcome.name,
            f"{statistics.median(outcome.timings):.3f} s",
            f"{min(outcome.timings):.3f} / {max(outcome.timings):.3f} s",
            f"{statistics.median(outcome.cpu):.3f} s",
            f"{outcome.exact} / {outcome.checked}",
            statuses,
        )
    Console(width=132).print(table)
    print(f"target: median <= {TARGET_SECONDS:.1f} s")
    slow = any(statistics.median(o.timings) > TARGET_SECONDS for o in outcomes)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
