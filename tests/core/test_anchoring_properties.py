"""Re-anchoring properties over generated prose with generated edits.

The prose is made of sentences of words taken from the sample article (with its
capitals and punctuation), one paragraph per line, so passages look like news text and
rarely repeat; hypothesis chooses the text's seed and size, the annotated passages and the
edits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.anchoring import reanchor, reanchor_all
from reader.core.models import Annotation, AnnotationStatus, Selector
from reader.core.text import normalise, sha256_of, word_spans

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
VOCABULARY = sorted(set(normalise(SAMPLE.read_text(encoding="utf-8")).split()))


def prose(rng: random.Random, paragraphs: int) -> str:
    """``paragraphs`` lines of one to five sentences of 5 to 20 sample words."""
    lines = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(1, 5)):
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(5, 20))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".!?.."))
        lines.append(" ".join(sentences))
    return "\n".join(lines)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``insert``."""

    start: int
    end: int
    insert: str


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with the (non-overlapping) edits made."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.insert + text[edit.end :]
    return text


def shifted(start: int, end: int, edits: list[Edit]) -> tuple[int, int]:
    """Where ``start:end`` lands when every edit is before it (at ``start`` at the latest),
    after it, or inside it."""
    before = sum(
        len(e.insert) - (e.end - e.start)
        for e in edits
        if e.end <= start and (e.start < start or e.start == e.end)
    )
    inside = sum(
        len(e.insert) - (e.end - e.start)
        for e in edits
        if start <= e.start < end and not (e.start == e.end == start)
    )
    return start + before, end + before + inside


def annotation_on(text: str, start: int, end: int, number: int = 0) -> Annotation:
    """An annotation on ``text[start:end]``."""
    selector = Selector.from_text(text, start, end)
    return Annotation(f"a{number}", "doc", sha256_of(text), selector, note=f"note {number}")


def word_edit(rng: random.Random, words: list[tuple[int, int]], index: int, kind: str) -> Edit:
    """Insert a word before, delete, or replace the word ``words[index]``."""
    start, end = words[index]
    if kind == "insert":
        return Edit(start, start, rng.choice(VOCABULARY) + " ")
    if kind == "delete":
        return Edit(start, words[index + 1][0], "")
    return Edit(start, end, rng.choice(VOCABULARY))


@st.composite
def edited_outside(draw: st.DrawFn) -> tuple[str, list[Annotation], str, list[Edit]]:
    """A text, annotations on it, and a new text with random word edits outside them all."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    text = prose(rng, draw(st.integers(2, 8)))
    words = list(word_spans(text))
    annotated: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(1, 6))):
        first = draw(st.integers(0, len(words) - 2))
        last = draw(st.integers(first, min(len(words) - 2, first + 12)))
        annotated.append((first, last))
    covered = {i for first, last in annotated for i in range(first, last + 1)}
    free = [i for i in range(len(words) - 1) if i not in covered]
    assume(free)
    chosen = draw(st.lists(st.sampled_from(free), min_size=1, max_size=20, unique=True))
    edits = []
    for index in chosen:
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        if kind == "delete" and index + 1 in covered:
            kind = "replace"  # deleting would take the space before an annotated word
        edits.append(word_edit(rng, words, index, kind))
    annotations = [
        annotation_on(text, words[first][0], words[last][1], n)
        for n, (first, last) in enumerate(annotated)
    ]
    return text, annotations, apply(text, edits), edits


@settings(max_examples=150, deadline=None)
@given(case=edited_outside())
def test_edits_outside_every_annotation_re_anchor_them_exactly(
    case: tuple[str, list[Annotation], str, list[Edit]],
) -> None:
    _, annotations, new, edits = case
    results = reanchor_all(annotations, new, sha256_of(new))
    for before, after in zip(annotations, results, strict=True):
        exact = before.selector.exact
        assert after.selector.exact == exact
        assert new[after.selector.start : after.selector.end] == exact
        assert after.sha256 == sha256_of(new)
        if new.count(exact) == 1:
            expected = shifted(before.selector.start, before.selector.end, edits)
            assert (after.selector.start, after.selector.end) == expected
            unmoved = expected == (before.selector.start, before.selector.end)
            assert after.status == (
                AnnotationStatus.ANCHORED if unmoved else AnnotationStatus.MOVED
            )
            assert len(after.history) == (0 if unmoved else 1)


def small_edit_case(rng: random.Random) -> tuple[Annotation, str, tuple[int, int]] | None:
    """An annotation of 4 to 20 words and a new text where word edits inside it change at
    most 10% of its characters; with the expected new span. None if no edit fits."""
    text = prose(rng, rng.randint(3, 8))
    words = list(word_spans(text))
    length = rng.randint(4, 20)
    first = rng.randrange(len(words) - length - 1)
    inner = list(range(first, first + length))
    start, end = words[first][0], words[first + length - 1][1]
    budget, edits = (end - start) // 10, []
    for index in rng.sample(inner, len(inner)):
        kind = rng.choice(["insert", "delete", "replace"])
        if (kind == "insert" and index == first) or (kind == "delete" and index == inner[-1]):
            continue  # at the very edge these would not be inside the passage
        edit = word_edit(rng, words, index, kind)
        cost = max(len(edit.insert), edit.end - edit.start)
        if cost <= budget:
            budget -= cost
            edits.append(edit)
    new = apply(text, edits)
    if new == text:
        return None
    return annotation_on(text, start, end), new, shifted(start, end, edits)


def test_small_edits_inside_re_anchor_at_least_95_percent_to_the_edited_passage() -> None:
    rng = random.Random(20260228)
    placed = total = 0
    while total < 400:
        case = small_edit_case(rng)
        if case is None:
            continue
        annotation, new, expected = case
        result = reanchor(annotation, new, sha256_of(new))
        total += 1
        placed += (result.selector.start, result.selector.end) == expected
        assert result.status != AnnotationStatus.ORPHANED or result.selector == annotation.selector
    assert placed / total >= 0.95, f"{placed} of {total} placed on the edited passage"


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_insertions_up_to_half_the_passage_are_covered(seed: int, data: st.DataObject) -> None:
    rng = random.Random(seed)
    text = prose(rng, data.draw(st.integers(2, 6)))
    words = list(word_spans(text))
    first = data.draw(st.integers(0, len(words) - 3))
    last = data.draw(st.integers(first + 1, min(len(words) - 1, first + 20)))
    start, end = words[first][0], words[last][1]
    position = words[data.draw(st.integers(first + 1, last))][0]  # a word start inside
    inserted = ""
    for _ in range(data.draw(st.integers(1, 10))):
        word = rng.choice(VOCABULARY) + " "
        if len(inserted + word) > (end - start) // 2:
            break
        inserted += word
    assume(inserted)
    new = text[:position] + inserted + text[position:]
    annotation = annotation_on(text, start, end)
    # Inserting a copy of nearby words can leave the old passage verbatim elsewhere.
    assume(annotation.selector.exact not in new)
    result = reanchor(annotation, new, sha256_of(new))
    assert result.status == AnnotationStatus.MOVED
    assert result.selector.start <= position
    assert result.selector.end >= position + len(inserted)
    assert inserted in result.selector.exact
    # and not much else: the span is the edited passage, give or take a word at the edges
    assert abs(result.selector.start - start) <= 20
    assert abs(result.selector.end - (end + len(inserted))) <= 20


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_deleting_a_passage_and_its_surroundings_orphans_it(seed: int, data: st.DataObject) -> None:
    rng = random.Random(seed)
    text = prose(rng, data.draw(st.integers(2, 8)))
    words = list(word_spans(text))
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, min(len(words) - 1, first + 15)))
    start, end = words[first][0], words[last][1]
    # Cut whole words from at least a context's length before to one after the passage.
    cut_start = data.draw(st.integers(0, max(0, start - 32)))
    cut_end = data.draw(st.integers(min(len(text), end + 32), len(text)))
    new = text[:cut_start] + text[cut_end:]
    annotation = annotation_on(text, start, end, 7)
    # The generated prose reuses a small vocabulary: a surviving copy of the passage, even in
    # another case ("Thursday" / "thursday"), is a fair place to re-anchor, not a deletion.
    assume(annotation.selector.exact.casefold() not in new.casefold())
    results = reanchor_all([annotation], new, sha256_of(new))
    assert len(results) == 1
    (result,) = results
    assert result.status == AnnotationStatus.ORPHANED
    assert result.selector == annotation.selector
    assert (result.id, result.note, result.sha256) == (annotation.id, "note 7", annotation.sha256)
