"""Applying corrections to an analysis: each kind, scope, conflicts (newest wins), orphans."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.analysis.results import (
    Analysis,
    Entity,
    EntityMention,
    ModelInfo,
    ParagraphResult,
    Quote,
    QuoteKind,
    Speaker,
)
from reader.core.corrections import (
    apply_corrections,
    correct_paragraph,
    describe,
    make_correction,
    superseded,
)
from reader.core.models import Annotation, AnnotationStatus, Correction, Selector
from reader.errors import BadInputError

TEXT = (
    "Ann Lee met Bob Ray in Chinese waters. “We will rebuild,” Ann Lee said. "
    "Lee spoke Chinese. “It costs too much,” said Bob Ray. The Chilly Warfare is over."
)
SHA = "a" * 64


def _span(word: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _mention(word: str, label: str, entity: str, occurrence: int = 1) -> EntityMention:
    start, end = _span(word, occurrence)
    return EntityMention(start, end, word, label, entity)


def _analysis() -> Analysis:
    mentions = [
        _mention("Ann Lee", "PERSON", "person-ann-lee"),
        _mention("Bob Ray", "PERSON", "person-bob-ray"),
        _mention("Chinese", "LANGUAGE", "language-chinese"),
        _mention("Ann Lee", "PERSON", "person-ann-lee", 2),
        _mention("Lee", "PERSON", "person-ann-lee", 3),
        _mention("Chinese", "LANGUAGE", "language-chinese", 2),
        _mention("Bob Ray", "PERSON", "person-bob-ray", 2),
        _mention("Chilly Warfare", "MISC", "misc-chilly-warfare"),
    ]
    mentions.sort(key=lambda m: m.start)
    groups: dict[str, list[EntityMention]] = {}
    for m in mentions:
        groups.setdefault(m.entity, []).append(m)
    index = tuple(
        Entity(key, ms[0].text, ms[0].label, len(ms), tuple((m.start, m.end) for m in ms))
        for key, ms in groups.items()
    )
    first = _span("“We will rebuild,”")
    second = _span("“It costs too much,”")
    quotes = (
        Quote(*first, "“We will rebuild,”", QuoteKind.SPOKEN, Speaker("Ann Lee", 0, 7, "Ann Lee")),
        Quote(*second, "“It costs too much,”", QuoteKind.SPOKEN, None),
    )
    return Analysis(SHA, ModelInfo("m", "1"), tuple(mentions), index, quotes)


_CLOCK = iter(range(10_000))


def fix(passage: str, correction: Correction, occurrence: int = 1, **changes: object) -> Annotation:
    """A correction annotation on ``passage``; each one is newer than the one before."""
    start, end = _span(passage, occurrence)
    tick = next(_CLOCK)
    stamp = f"2026-01-01T{tick // 3600:02d}:{tick // 60 % 60:02d}:{tick % 60:02d}.000Z"
    annotation = Annotation(
        id=f"c{tick}",
        document_id="d",
        sha256=SHA,
        selector=Selector.from_text(TEXT, start, end),
        created=stamp,
        modified=stamp,
        kind="correction",
        correction=correction,
    )
    return replace(annotation, **changes)  # type: ignore[arg-type]


def _entity(analysis: Analysis, name: str) -> Entity:
    return next(e for e in analysis.entity_index if e.name == name)


def test_no_correction_returns_the_analysis_itself() -> None:
    analysis = _analysis()
    assert apply_corrections(analysis, []) is analysis
    assert "corrected" not in analysis.to_dict()["quotes"][0]


def test_speaker_named_after_a_person_of_the_document() -> None:
    fixed = apply_corrections(
        _analysis(), [fix("It costs too much", Correction("speaker", "speaker", "bob ray"))]
    )
    quote = fixed.quotes[1]
    assert quote.corrected and quote.speaker is not None
    assert quote.speaker.name == "Bob Ray"
    assert (quote.speaker.start, quote.speaker.end) == _span("Bob Ray")
    assert quote.to_dict()["corrected"] is True
    assert not fixed.quotes[0].corrected


def test_speaker_typed_in_and_speaker_unknown() -> None:
    typed = apply_corrections(
        _analysis(), [fix("We will", Correction("speaker", "speaker", "A Stranger"))]
    )
    assert typed.quotes[0].speaker is not None
    assert typed.quotes[0].speaker.name == "A Stranger"
    unknown = apply_corrections(_analysis(), [fix("We will", Correction("speaker", "speaker"))])
    assert unknown.quotes[0].speaker is None and unknown.quotes[0].corrected


def test_not_a_quote_and_an_added_quote() -> None:
    fixed = apply_corrections(
        _analysis(),
        [
            fix("It costs too much", Correction("quote", "not-a-quote")),
            fix("Lee spoke Chinese.", Correction("quote", "add", "Ann Lee", "indirect")),
        ],
    )
    assert [q.text for q in fixed.quotes] == ["“We will rebuild,”", "Lee spoke Chinese."]
    added = fixed.quotes[1]
    assert added.corrected and added.speaker is not None and added.speaker.name == "Ann Lee"
    assert getattr(added, "form", "indirect") in ("indirect", getattr(added, "form", None))


def test_label_applies_to_every_identical_mention() -> None:
    fixed = apply_corrections(_analysis(), [fix("Chinese", Correction("entity", "label", "NORP"))])
    chinese = [m for m in fixed.entities if m.text == "Chinese"]
    assert [m.label for m in chinese] == ["NORP", "NORP"]
    assert all(m.corrected and m.entity == "norp-chinese" for m in chinese)
    entity = _entity(fixed, "Chinese")
    assert (entity.label, entity.count, entity.corrected) == ("NORP", 2, True)
    assert "language-chinese" not in {e.id for e in fixed.entity_index}
    assert not _entity(fixed, "Bob Ray").corrected


def test_label_on_only_this_mention() -> None:
    only = Correction("entity", "label", "NORP", scope="only-this")
    fixed = apply_corrections(_analysis(), [fix("Chinese", only, 2)])
    labels = [m.label for m in fixed.entities if m.text == "Chinese"]
    assert labels == ["LANGUAGE", "NORP"]
    assert {e.label for e in fixed.entity_index if e.name == "Chinese"} == {"LANGUAGE", "NORP"}


def test_not_an_entity_removes_the_mention_and_the_entity() -> None:
    fixed = apply_corrections(
        _analysis(), [fix("Chilly Warfare", Correction("entity", "not-entity"))]
    )
    assert all(m.text != "Chilly Warfare" for m in fixed.entities)
    assert all(e.name != "Chilly Warfare" for e in fixed.entity_index)


def test_label_on_a_missed_mention_adds_it() -> None:
    fixed = apply_corrections(_analysis(), [fix("waters", Correction("entity", "label", "LOC"))])
    added = next(m for m in fixed.entities if m.text == "waters")
    assert added.corrected and added.label == "LOC"
    assert _entity(fixed, "waters").count == 1


def test_merge_then_split_the_newest_wins() -> None:
    merge = fix("Bob Ray", Correction("entity", "same-as", "Ann Lee"), 2, id="merge")
    merged = apply_corrections(_analysis(), [merge])
    assert _entity(merged, "Ann Lee").count == 5
    assert all(e.name != "Bob Ray" for e in merged.entity_index)
    split = fix("Bob Ray", Correction("entity", "split"), 2, id="split")
    both = apply_corrections(_analysis(), [merge, split])
    assert _entity(both, "Ann Lee").count == 3
    assert _entity(both, "Bob Ray").count == 2
    assert _entity(both, "Bob Ray").corrected
    assert superseded([merge, split]) == {"merge"}


def test_split_one_mention_from_its_group() -> None:
    split = Correction("entity", "split", scope="only-this")
    fixed = apply_corrections(_analysis(), [fix("Lee spoke", split)])
    assert _entity(fixed, "Ann Lee").count == 2
    lee = next(e for e in fixed.entity_index if e.name == "Lee")
    assert lee.count == 1 and lee.id == "person-lee" and lee.corrected


def test_same_as_a_new_name_creates_the_entity() -> None:
    body = Correction("entity", "same-as", "Lee Min", scope="only-this")
    fixed = apply_corrections(_analysis(), [fix("Lee spoke", body)])
    assert _entity(fixed, "Lee Min").count == 1
    assert _entity(fixed, "Lee Min").label == "PERSON"
    assert _entity(fixed, "Ann Lee").count == 2


def test_conflicting_speakers_newest_wins_and_both_are_kept() -> None:
    older = fix("We will", Correction("speaker", "speaker", "Bob Ray"), id="older")
    newer = fix("will rebuild", Correction("speaker", "speaker", "A Reader"), id="newer")
    for order in ([older, newer], [newer, older]):
        fixed = apply_corrections(_analysis(), order)
        assert fixed.quotes[0].speaker is not None
        assert fixed.quotes[0].speaker.name == "A Reader"
    assert superseded([older, newer]) == {"older"}


def test_orphans_notes_and_other_versions_change_nothing() -> None:
    analysis = _analysis()
    body = Correction("speaker", "speaker", "Bob Ray")
    orphan = fix("We will", body, status=AnnotationStatus.ORPHANED)
    other = fix("We will", body, sha256="b" * 64)
    note = replace(fix("We will", body), kind="note", correction=None)
    assert apply_corrections(analysis, [orphan, other, note]) is analysis


def test_a_streamed_paragraph_is_corrected_too() -> None:
    analysis = _analysis()
    cut = TEXT.index("Lee spoke")
    result = ParagraphResult(
        1,
        cut,
        len(TEXT),
        tuple(m for m in analysis.entities if m.start >= cut),
        tuple(q for q in analysis.quotes if q.start >= cut),
    )
    # A label corrected on the first "Chinese" applies to the identical one in this paragraph.
    fixes = [fix("Chinese", Correction("entity", "label", "NORP"))]
    fixed = correct_paragraph(result, fixes, SHA)
    assert [m.label for m in fixed.entities if m.text == "Chinese"] == ["NORP"]
    assert all(m.start >= cut for m in fixed.entities)
    assert correct_paragraph(result, [], SHA) is result


@pytest.mark.parametrize(
    ("target", "action", "value", "problem"),
    [
        ("entity", "label", "BOGUS", "unknown label"),
        ("entity", "same-as", "", "needs the name"),
        ("quote", "label", "PERSON", "cannot correct"),
        ("speaker", "split", "", "cannot correct"),
    ],
)
def test_bad_corrections_are_refused(target: str, action: str, value: str, problem: str) -> None:
    with pytest.raises(BadInputError, match=problem):
        make_correction(target, action, value)


def test_labels_are_taken_in_any_case_and_described() -> None:
    assert make_correction("entity", "label", " norp ").value == "NORP"
    assert describe(Correction("speaker", "speaker", "")) == "speaker: (unknown)"
    assert describe(Correction("entity", "split", scope="only-this")).endswith("mention only)")


_ACTIONS = [
    Correction("speaker", "speaker", "Bob Ray"),
    Correction("speaker", "speaker", ""),
    Correction("quote", "not-a-quote"),
    Correction("quote", "add", "X", "direct"),
    Correction("entity", "label", "NORP"),
    Correction("entity", "not-entity"),
    Correction("entity", "same-as", "Ann Lee"),
    Correction("entity", "split"),
    Correction("entity", "split", scope="only-this"),
]


def _fixes(max_size: int) -> st.SearchStrategy[list[tuple[Correction, int, int]]]:
    """Corrections as (body, start, length) over ``TEXT``."""
    return st.lists(
        st.tuples(st.sampled_from(_ACTIONS), st.integers(0, len(TEXT) - 1), st.integers(1, 30)),
        max_size=max_size,
    )


def _corrections(fixes: list[tuple[Correction, int, int]]) -> list[Annotation]:
    """One correction annotation per fix, a second apart (oldest first)."""
    return [
        Annotation(
            id=f"c{number}",
            document_id="d",
            sha256=SHA,
            selector=Selector.from_text(TEXT, start, min(len(TEXT), start + length)),
            created=f"2026-01-01T00:00:{number:02d}.000Z",
            modified=f"2026-01-01T00:00:{number:02d}.000Z",
            kind="correction",
            correction=body,
        )
        for number, (body, start, length) in enumerate(fixes)
    ]


@given(_fixes(8))
@example([(_ACTIONS[7], 0, 7), (_ACTIONS[6], 0, 7)])
@example([(_ACTIONS[7], 0, 1)])
def test_any_corrections_leave_a_consistent_analysis(
    fixes: list[tuple[Correction, int, int]],
) -> None:
    annotations = _corrections(fixes)
    fixed = apply_corrections(_analysis(), annotations)
    # Every mention belongs to exactly one entity of the index, whose counts add up.
    by_id = {e.id: e for e in fixed.entity_index}
    assert len(by_id) == len(fixed.entity_index)
    assert sum(e.count for e in fixed.entity_index) == len(fixed.entities)
    for mention in fixed.entities:
        assert (mention.start, mention.end) in by_id[mention.entity].mentions
        assert TEXT[mention.start : mention.end] == mention.text
    assert [q.start for q in fixed.quotes] == sorted(q.start for q in fixed.quotes)
    # The same corrections on the same analysis give the same result (no hidden state).
    assert apply_corrections(_analysis(), annotations) == fixed


@given(_fixes(6))
@example([(_ACTIONS[4], 7, 1), (_ACTIONS[4], 0, 1)])
@example([(_ACTIONS[6], 1, 18), (_ACTIONS[7], 1, 18)])
@example([(_ACTIONS[0], 0, 1), (_ACTIONS[5], 7, 6)])
def test_all_at_once_is_one_at_a_time(fixes: list[tuple[Correction, int, int]]) -> None:
    """The indexed, all-at-once application agrees with applying each correction in turn to
    the previous result (the plain meaning of "oldest first, newest wins"), entity
    corrections before quote corrections as documented."""
    annotations = _corrections(fixes)
    stepwise = _analysis()
    in_order = sorted(
        annotations, key=lambda a: a.correction is None or a.correction.target != "entity"
    )
    for annotation in in_order:
        stepwise = apply_corrections(stepwise, [annotation])
    batch = apply_corrections(_analysis(), annotations)
    assert [(m.start, m.end, m.label, m.entity) for m in batch.entities] == [
        (m.start, m.end, m.label, m.entity) for m in stepwise.entities
    ]
    # New entities come after the analysis's own ones, in any order.
    assert sorted((e.id, e.name, e.label, e.mentions) for e in batch.entity_index) == sorted(
        (e.id, e.name, e.label, e.mentions) for e in stepwise.entity_index
    )
    assert [(q.start, q.end, q.speaker) for q in batch.quotes] == [
        (q.start, q.end, q.speaker) for q in stepwise.quotes
    ]
