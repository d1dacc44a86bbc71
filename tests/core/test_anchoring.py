"""Re-anchoring annotations on changed versions of the sample article (unit cases)."""

from __future__ import annotations

import random
import re

import pytest

from reader.core.anchoring import reanchor, reanchor_all
from reader.core.models import AnchorMove, Annotation, AnnotationStatus, Selector
from reader.core.text import normalise, sha256_of

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def text(sample_text: str) -> str:
    """The sample article, normalised as the store keeps it."""
    return normalise(sample_text)


@pytest.fixture
def lines(text: str) -> list[str]:
    """The sample's paragraphs (one per line)."""
    return text.split("\n")


def annotate(text: str, exact: str, occurrence: int = 0, note: str = "") -> Annotation:
    """An annotation on the ``occurrence``-th copy of ``exact`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    selector = Selector.from_text(text, start, start + len(exact))
    return Annotation("a-" + exact[:12], "doc", sha256_of(text), selector, note=note, tags=("t",))


def span(annotation: Annotation) -> tuple[int, int]:
    """The annotation's offsets."""
    return annotation.selector.start, annotation.selector.end


def test_same_version_returns_the_annotation_itself(text: str) -> None:
    annotation = annotate(text, "Wang Yi on Saturday")
    assert reanchor(annotation, text, annotation.sha256) is annotation


def test_unchanged_text_keeps_every_annotation_anchored(text: str, lines: list[str]) -> None:
    # One annotation per paragraph, on its middle third; the new version only adds a line
    # at the end, after every annotated passage.
    annotations = []
    for line in lines:
        third = len(line) // 3
        if third:
            annotations.append(annotate(text, line[third : 2 * third]))
    new = text + "\nA correction was appended."
    results = reanchor_all(annotations, new, sha256_of(new))
    assert len(results) == len(annotations)
    for before, after in zip(annotations, results, strict=True):
        assert after.status == AnnotationStatus.ANCHORED
        assert span(after) == span(before)
        assert after.selector.exact == before.selector.exact
        assert after.sha256 == sha256_of(new)
        assert after.history == ()
        assert (after.note, after.tags, after.id) == (before.note, before.tags, before.id)


def test_same_text_under_another_version_id_is_anchored_in_place(text: str) -> None:
    annotation = annotate(text, "the Munich Security Conference")
    result = reanchor(annotation, text, "f" * 64)
    assert result.status == AnnotationStatus.ANCHORED
    assert result.selector == annotation.selector
    assert result.sha256 == "f" * 64
    assert result.history == ()


def test_edit_before_the_passage_moves_it_and_history_records_the_old_place(
    text: str,
) -> None:
    annotation = annotate(text, "Beijing, in the meantime, has denied these claims")
    header = "Updated: this story has been revised.\n"
    new = header + text
    result = reanchor(annotation, new, sha256_of(new))
    assert result.status == AnnotationStatus.MOVED
    assert span(result) == (
        annotation.selector.start + len(header),
        annotation.selector.end + len(header),
    )
    assert result.selector.exact == annotation.selector.exact
    assert result.sha256 == sha256_of(new)
    (move,) = result.history
    assert (move.sha256, move.start, move.end) == (annotation.sha256, *span(annotation))
    assert ISO_UTC.match(move.moved)
    # A second move appends to the history and keeps the first entry.
    newer = header + new
    again = reanchor(result, newer, sha256_of(newer))
    assert again.history[0] == move
    assert again.history[1] == AnchorMove(result.sha256, *span(result), again.history[1].moved)
    assert again.selector.start == annotation.selector.start + 2 * len(header)


def test_duplicate_passages_pick_the_nearest_copy_with_the_same_context(
    lines: list[str],
) -> None:
    # The same two-paragraph block twice, so both copies of the passage have the same
    # context; the annotation is on the second copy.
    block = lines[9] + "\n" + lines[10]
    old = "\n".join([lines[2], block, lines[4], block, lines[6]])
    annotation = annotate(old, "he won’t apologize for taking pictures", occurrence=1)
    header = "Editor’s note: a line was added.\n"
    new = header + old
    result = reanchor(annotation, new, sha256_of(new))
    assert span(result) == (
        annotation.selector.start + len(header),
        annotation.selector.end + len(header),
    )


def test_duplicate_passages_prefer_matching_context_over_nearness(lines: list[str]) -> None:
    # A whole paragraph appears twice with different neighbours; the annotation is on the
    # second copy. A long insertion after the first copy leaves it nearer the old offsets,
    # but only the second copy still has the recorded context.
    repeated = lines[9]
    old = "\n".join([lines[2], repeated, lines[4], repeated, lines[6]])
    annotation = annotate(old, repeated, occurrence=1)
    inserted = "\n".join(lines[12:17])
    new = "\n".join([lines[2], repeated, inserted, lines[4], repeated, lines[6]])
    result = reanchor(annotation, new, sha256_of(new))
    second = new.index(repeated, new.index(repeated) + 1)
    assert span(result) == (second, second + len(repeated))
    assert abs(new.index(repeated) - annotation.selector.start) < abs(
        second - annotation.selector.start
    )


def test_passage_moved_to_another_paragraph_is_found(text: str, lines: list[str]) -> None:
    annotation = annotate(text, "expects to speak with Xi about the balloon")
    moved_line = lines[9]
    assert annotation.selector.exact in moved_line
    new = "\n".join([*lines[:9], *lines[10:], moved_line])
    result = reanchor(annotation, new, sha256_of(new))
    expected = new.index(moved_line) + moved_line.index(annotation.selector.exact)
    assert result.status == AnnotationStatus.MOVED
    assert span(result) == (expected, expected + len(annotation.selector.exact))


def test_every_paragraph_shuffled_is_found_again(text: str, lines: list[str]) -> None:
    rng = random.Random(7)
    annotations = []
    for line in lines:
        if len(line) > 60:
            start = rng.randrange(len(line) - 40)
            annotations.append(annotate(text, line[start : start + 40]))
    shuffled = lines[:]
    rng.shuffle(shuffled)
    new = "\n".join(shuffled)
    results = reanchor_all(annotations, new, sha256_of(new))
    for before, after in zip(annotations, results, strict=True):
        assert after.selector.exact == before.selector.exact
        assert new.count(before.selector.exact) == 1
        assert after.selector.start == new.index(before.selector.exact)


def test_words_changed_inside_the_passage_re_anchor_to_the_changed_passage(text: str) -> None:
    annotation = annotate(text, "Wang confirmed what he known as an “casual” assembly with Blinken")
    new = text.replace("he known as an “casual” assembly", "he called an “informal” meeting")
    result = reanchor(annotation, new, sha256_of(new))
    assert result.status == AnnotationStatus.MOVED
    assert (
        result.selector.exact == "Wang confirmed what he called an “informal” meeting with Blinken"
    )
    assert result.selector.start == annotation.selector.start
    assert result.history[0].end == annotation.selector.end


def test_insertion_inside_the_passage_is_covered(text: str) -> None:
    exact = "Blinken postponed an anticipated go to to Beijing"
    annotation = annotate(text, exact)
    inserted = " reportedly, and at short notice,"
    new = text.replace("Blinken postponed", "Blinken" + inserted + " postponed")
    result = reanchor(annotation, new, sha256_of(new))
    assert (
        result.selector.exact == "Blinken" + inserted + " postponed an anticipated go to to Beijing"
    )
    assert span(result) == (annotation.selector.start, annotation.selector.end + len(inserted))


def test_moved_and_edited_paragraph_is_found(text: str, lines: list[str]) -> None:
    annotation = annotate(text, "Biden stated Thursday that he expects to speak with Xi")
    edited = lines[9].replace("Biden stated Thursday", "Biden said on Thursday")
    new = "\n".join([*lines[:9], *lines[10:], edited])
    result = reanchor(annotation, new, sha256_of(new))
    assert result.selector.exact == "Biden said on Thursday that he expects to speak with Xi"
    assert result.selector.start == new.index(edited)


def test_deleted_passage_is_orphaned_and_kept(text: str, lines: list[str]) -> None:
    annotation = annotate(text, "economically drained by its now-abandoned", note="why?")
    new = "\n".join(line for line in lines if annotation.selector.exact not in line)
    result = reanchor(annotation, new, sha256_of(new))
    assert result.status == AnnotationStatus.ORPHANED
    assert result.selector == annotation.selector
    assert result.sha256 == annotation.sha256
    assert (result.note, result.tags, result.history) == ("why?", ("t",), ())
    # Trying again against the same text changes nothing.
    assert reanchor(result, new, sha256_of(new)) is result


def test_restored_text_re_anchors_an_orphan(text: str, lines: list[str]) -> None:
    annotation = annotate(text, "the continental US by the Chinese language authorities")
    without = "\n".join(line for line in lines if annotation.selector.exact not in line)
    orphan = reanchor(annotation, without, sha256_of(without))
    assert orphan.status == AnnotationStatus.ORPHANED
    # The very text it was made on: back in place, nothing moved.
    restored = reanchor(orphan, text, sha256_of(text))
    assert restored.status == AnnotationStatus.ANCHORED
    assert restored.selector == annotation.selector
    assert restored.history == ()
    # A later version that holds the passage again, elsewhere: moved.
    later = "Update: the paragraph was reinstated.\n" + text
    found = reanchor(orphan, later, sha256_of(later))
    assert found.status == AnnotationStatus.MOVED
    assert found.selector.exact == annotation.selector.exact
    assert found.history[-1].start == annotation.selector.start


@pytest.mark.parametrize(
    "new",
    ["", "x", "Completely different words about something else entirely.\n" * 40],
)
def test_unfindable_passages_never_raise(text: str, new: str) -> None:
    annotation = annotate(text, "Whereas expectations for substantial breakthroughs")
    result = reanchor(annotation, new, sha256_of(new))
    assert result.status == AnnotationStatus.ORPHANED
    assert result.selector == annotation.selector


def test_empty_or_out_of_range_selectors_never_raise(text: str) -> None:
    empty = Annotation("e", "doc", "old", Selector("", "abc", "def", 5, 5))
    assert reanchor(empty, text, "new").status == AnnotationStatus.ORPHANED
    beyond = Annotation("b", "doc", "old", Selector("Blinken", "", "", 10**6, 10**6 + 7))
    result = reanchor(beyond, text, "new")
    assert result.selector.exact == "Blinken"
    assert text[result.selector.start : result.selector.end] == "Blinken"
    # Offsets from a damaged record: negative, or the wrong way round.
    ending = text[-12:]
    for start, end in ((-12, 0), (50, 10)):
        damaged = Annotation("d", "doc", "old", Selector(ending, "", "", start, end))
        placed = reanchor(damaged, text, "new")
        assert (placed.selector.start, placed.selector.end) == (len(text) - 12, len(text))


def test_reanchor_all_matches_one_by_one_and_keeps_order(text: str, lines: list[str]) -> None:
    rng = random.Random(3)
    annotations = [annotate(text, line[5:45]) for line in lines if len(line) > 60]
    rng.shuffle(annotations)
    settled = annotations[0]
    new = text.replace("stated", "said").replace("based on", "according to")
    already = Annotation("s", "doc", sha256_of(new), Selector.from_text(new, 0, 3))
    batch = reanchor_all([*annotations, already], new, sha256_of(new))
    assert batch[-1] is already
    for annotation, result in zip(annotations, batch, strict=False):
        alone = reanchor(annotation, new, sha256_of(new))
        assert result.id == annotation.id
        assert (result.selector, result.status) == (alone.selector, alone.status)
    assert settled.sha256 == sha256_of(text)  # inputs are not modified


def test_reanchor_all_handles_annotations_from_several_versions(text: str) -> None:
    first = annotate(text, "Munich Security Conference")
    second_text = "Intro.\n" + text
    second = annotate(second_text, "sustaining shut ties with Moscow")
    third_text = "Another intro line.\n" + text
    results = reanchor_all([first, second], third_text, sha256_of(third_text))
    assert [r.selector.exact for r in results] == [first.selector.exact, second.selector.exact]
    assert results[0].selector.start == first.selector.start + len("Another intro line.\n")
    shift = len("Another intro line.\n") - len("Intro.\n")
    assert results[1].selector.start == second.selector.start + shift
    assert [r.history[0].sha256 for r in results] == [first.sha256, second.sha256]
