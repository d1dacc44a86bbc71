"""A local-news story written after the rules, with its truth written before running them.

It is the closest thing to a held-out check: a style (city council, named residents, a
statement, a scare-quoted term) the rules were not developed on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.analysis.entities import RawMention, clean_mention
from reader.core.analysis.results import QuoteForm, QuoteKind
from reader.core.analysis.runner import analyze_text
from reader.core.text import normalise, sha256_of

STORY = Path(__file__).with_name("council_story.txt")

# (first words of the quotation, speaker's canonical name or None, kind), in text order.
TRUTH = [
    ("This is a sad day", "Alicia Torres", QuoteKind.SPOKEN),
    ("Our kids will have", "Alicia Torres", QuoteKind.SPOKEN),
    ("We cannot keep", "Daniel Okafor", QuoteKind.SPOKEN),
    ("no one will lose", "Priya Raman", QuoteKind.WRITTEN),
    ("They keep promising", "Marcus Bell", QuoteKind.SPOKEN),
    ("We'll believe it", "Marcus Bell", QuoteKind.SPOKEN),
    ("If the numbers change", "Daniel Okafor", QuoteKind.SPOKEN),
    ("betrayal", "Some opponents", QuoteKind.TERM),
    ("The voters deserve", "Alicia Torres", QuoteKind.SPOKEN),
]


@pytest.fixture(scope="module")
def story_quotes() -> list[tuple[str, str | None, QuoteKind]]:
    text = normalise(STORY.read_text(encoding="utf-8"))
    analysis = analyze_text(text, sha256_of(text))
    return [
        (q.text.strip('"“”'), q.speaker.name if q.speaker else None, q.kind)
        for q in analysis.quotes
        if q.form is not QuoteForm.INDIRECT  # reported speech is scored in bench/quote_quality.py
    ]


def test_every_quotation_has_the_speaker_and_kind_written_down_beforehand(
    story_quotes: list[tuple[str, str | None, QuoteKind]],
) -> None:
    assert len(story_quotes) == len(TRUTH)
    for (text, speaker, kind), (start, want_speaker, want_kind) in zip(
        story_quotes, TRUTH, strict=True
    ):
        assert text.startswith(start)
        assert (speaker, kind) == (want_speaker, want_kind), text


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("Councilmember Alicia Torres", "Alicia Torres"),
        ("Mayor Daniel Okafor", "Daniel Okafor"),
        ("Prince Harry", "Prince Harry"),  # a title that is how he is known stays
        ("Alicia Torres", "Alicia Torres"),
    ],
)
def test_a_persons_role_is_not_part_of_the_name(span: str, name: str) -> None:
    cleaned = clean_mention(RawMention(10, 10 + len(span), span, "PERSON"))
    assert cleaned is not None
    assert cleaned.text == name
    assert cleaned.end - cleaned.start == len(name)
