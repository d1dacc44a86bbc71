"""Reported speech as a spaCy pipeline component: ``reader_reported_speech``.

The component reads the dependency parse with a ``DependencyMatcher`` and sets
``doc._.reported_speech``: a list of content ``Span``s, each with ``span._.cue`` (the cue
words), ``span._.speaker`` (the speaker's phrase head as a one-token span, or None) and
``span._.cognition`` (True for "believes that", reported thought). Patterns, by lemma
(``reader.core.analysis.lexicon``):

* a reporting or cognition verb governing a clausal complement: "The minister said (that)
  the plan would go ahead", "X told Y the talks were over", "X warned that …";
* a verb of asking or urging with an object and a "to" clause: "urged boards to examine …";
* a reporting noun with a "that" clause: "made an announcement that he will end …";
* "according to X", the content being the clause it attaches to;
* a parenthetical reporting clause: "All, he said, used VOA …" (the clause around it).

Content is the complement's subtree without a leading "that" and without punctuation at its
edges. This module imports spaCy: only the pipeline loader and attribution (once docs exist)
import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from reader.core.analysis.lexicon import (
    COGNITION_LEMMAS,
    CUE_NOUN_LEMMAS,
    INFINITIVE_LEMMAS,
    REPORTING_LEMMAS,
    TITLE_ABBREVIATIONS,
    forms_of,
)

_GERUND_LEMMAS = frozenset({"report", "deny", "admit", "recall", "acknowledge", "confirm"})
"""Verbs whose gerund complement is reported: "reported recovering six boxes"."""
_NOT_SOURCES = frozenset({"figure", "number", "data", "statistic", "result", "poll", "chart"})
"""Subjects that show rather than say ("New figures reveal that …")."""
_WH = frozenset({"WDT", "WP", "WP$", "WRB"})
_COGNITION_FORMS = forms_of(COGNITION_LEMMAS)
_REPORTING_CONJUNCTS = REPORTING_LEMMAS | {"quote"}
"""Verbs that start a report of their own when joined to a content by "and"."""
EXTENSION = "reported_speech"
COMPONENT = "reader_reported_speech"
_MIN_TOKENS = 3
_QUOTES = frozenset("\"“”«»„'‘’")

for _name in ("cue", "speaker"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("cognition"):
    Span.set_extension("cognition", default=False)
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def _node(name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def _child(parent: str, name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"LEFT_ID": parent, "REL_OP": ">", "RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def _patterns() -> dict[str, list[list[dict[str, Any]]]]:
    lemmas = REPORTING_LEMMAS | COGNITION_LEMMAS
    verbs = {"LEMMA": {"IN": sorted(lemmas)}}
    # By form too: the lemmatizer gives "hop" for "hoped" and "hopes".
    by_form = {"LOWER": {"IN": sorted(forms_of(lemmas))}, "POS": {"IN": ["VERB", "AUX"]}}
    nouns = {"LEMMA": {"IN": sorted(CUE_NOUN_LEMMAS)}, "POS": "NOUN"}
    that = {"LOWER": "that", "DEP": "mark"}
    clausal = {"DEP": {"IN": ["acl", "ccomp", "relcl", "appos"]}}
    return {
        "clause": [
            [_node("cue", cue), _child("cue", "content", {"DEP": "ccomp"})]
            for cue in (verbs, by_form)
        ],
        "infinitive": [
            [
                _node("cue", {"LEMMA": {"IN": sorted(INFINITIVE_LEMMAS)}}),
                _child("cue", "object", {"DEP": "dobj"}),
                _child("cue", "content", {"DEP": "xcomp"}),
            ]
        ],
        "noun": [
            [
                _node("cue", nouns),
                _child("cue", "content", clausal),
                _child("content", "that", that),
            ]
        ],
        "light": [
            [
                _node("verb", {"LEMMA": {"IN": ["make", "issue", "release", "give"]}}),
                _child("verb", "cue", {**nouns, "DEP": "dobj"}),
                _child("verb", "content", {"DEP": "ccomp"}),
                _child("content", "that", that),
            ]
        ],
        "gerund": [
            [
                _node("cue", {"LEMMA": {"IN": sorted(_GERUND_LEMMAS)}}),
                _child("cue", "content", {"DEP": "xcomp", "TAG": "VBG"}),
            ]
        ],
        "parenthetical": [
            [
                _node("content", {"POS": {"IN": ["VERB", "AUX"]}}),
                _child("content", "cue", {**verbs, "DEP": "parataxis"}),
            ]
        ],
        "according": [
            [
                _node("cue", {"LOWER": "according"}),
                _child("cue", "to", {"LOWER": "to"}),
                _child("to", "source", {"DEP": "pobj"}),
            ]
        ],
    }


class ReportedSpeech:
    """The pipeline component (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = DependencyMatcher(vocab)
        for key, patterns in _patterns().items():
            self.matcher.add(key, patterns)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.reported_speech`` (empty without a parse)."""
        doc._.set(EXTENSION, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """The reported contents of ``doc``, in text order, one per cue."""
        if not doc.has_annotation("DEP"):
            return []
        found: dict[int, Span] = {}
        for match_id, tokens in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            span = _build(doc, key, tokens)
            if span is not None and span.start not in found:
                found[span.start] = span
        kept: list[Span] = []
        for start in sorted(found):
            span = found[start]
            if kept and span.end <= kept[-1].end and span._.cue == kept[-1]._.cue:
                continue  # a complement taken into the one before (``_joined_end``)
            kept.append(span)
        return kept


def _build(doc: Doc, key: str, tokens: list[int]) -> Span | None:
    cue = doc[tokens[1] if key in {"light", "parenthetical"} else tokens[0]]
    speaker: Any | None
    if key == "parenthetical":  # "All, he said, used VOA …": the clause around the cue
        content = _clause_without(doc[tokens[0]], cue)
        if any(token.text in _QUOTES for token in doc[tokens[0]].subtree):
            return None  # 'The secretary, Worth added, “made clear …”': the quotation's own cue
        cue_span, speaker = doc[cue.i : cue.i + 1], _speaker_of(cue)
    elif key == "according":
        source = doc[tokens[2]]
        content = _clause_without(cue.head, cue) if cue.head.pos_ in {"VERB", "AUX"} else None
        cue_span, speaker = doc[cue.i : cue.i + 2], source
    else:
        head = doc[tokens[2] if key in {"infinitive", "light"} else tokens[1]]
        end = _joined_end(cue, head) if key == "clause" else head.right_edge.i + 1
        content = _trimmed(doc, _after_time(head), end)
        cue_span = doc[cue.i : cue.i + 1]
        speaker = _noun_author(cue) if key in {"noun", "light"} else _speaker_of(cue)
    if content is None or len(content) < _MIN_TOKENS or content.start <= cue.i < content.end:
        return None
    if speaker is not None and speaker.lemma_ in _NOT_SOURCES:
        return None
    if content[0].tag_ in _WH and cue.lemma_ != "ask":
        return None  # "described what happened": an object, not what was said
    if cue.tag_ == "VBN" and cue.dep_ in {"advcl", "acl"} and subject_of_clause(cue) is None:
        return None  # "Asked whether he would resign, Johnson said": somebody else asked
    content._.cue = cue_span
    content._.speaker = doc[speaker.i : speaker.i + 1] if speaker is not None else None
    content._.cognition = cue.lemma_ in COGNITION_LEMMAS or cue.lower_ in _COGNITION_FORMS
    return content


def subject_of_clause(verb: Any) -> Any | None:
    """The verb's own subject (active or passive), never one borrowed from another clause."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _after_time(head: Any) -> int:
    """Where a content starts: after a time the parser hung on its verb but that dates the
    saying ("said Tuesday the province would appeal", "said on Monday they would leave")."""
    start: int = head.left_edge.i
    for child in head.lefts:
        if child.left_edge.i != start or child.dep_ not in {"npadvmod", "prep"}:
            break
        if not all(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree if t.dep_ != "prep"):
            break
        start = child.right_edge.i + 1
    return start


def _joined_end(cue: Any, head: Any) -> int:
    """Where a clausal complement ends: it takes in the complements of the same cue that run
    on from it when the first ends at its own verb (the parser splits "claiming that the
    intelligence garnered helped stop plots" in two, "garnered" and "helped stop …", which are
    one content), and stops before a clause
    joined to it that reports speech of its own ("commented that the town was destroyed, and
    an official was quoted as saying …")."""
    end: int = head.right_edge.i + 1
    for sibling in cue.rights:
        if head.right_edge.i != head.i:
            break  # the first clause goes on past its verb: a whole clause, not a split one
        if sibling.i > head.i and sibling.dep_ == "ccomp" and sibling.left_edge.i == end:
            end = sibling.right_edge.i + 1
    for child in head.rights:
        if _reports_on_its_own(child):
            end = min(end, child.left_edge.i)
            while end > head.i + 1 and head.doc[end - 1].dep_ in {"cc", "punct", "mark"}:
                end -= 1
    return end


def _reports_on_its_own(child: Any) -> bool:
    """A clause joined to a content that is a report of its own: "and X was quoted as
    saying", "while supporters insist it is overdue" (its own subject and a reporting verb),
    ", saying, “…”" (a participle that brings its own quotation)."""
    if child.dep_ == "conj":
        return bool(child.lemma_ in _REPORTING_CONJUNCTS)
    return bool(
        child.dep_ == "advcl"
        and child.lemma_ in REPORTING_LEMMAS
        and (child.tag_ == "VBG" or subject_of_clause(child) is not None)
    )


def _clause_without(head: Any, cue: Any) -> Span | None:
    """The clause of ``head`` on the larger side of the "according to" phrase."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i + 1
    before = _trimmed(doc, left, cue.left_edge.i)
    after = _trimmed(doc, cue.right_edge.i + 1, right)
    sides = [side for side in (before, after) if side is not None]
    return max(sides, key=len) if sides else None


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].lower_ in {"that", "whether"} or _edge(doc[start])):
        start += 1
    while end > start and _edge(doc[end - 1]):
        end -= 1
    if (
        end > start
        and doc[end - 1].text in _QUOTES
        and not any(doc[i].text in _QUOTES for i in range(start, end - 1))
    ):
        end -= 1  # a closing mark whose opener is outside the content
    return doc[start:end] if end > start else None


def _edge(token: Any) -> bool:
    return bool((token.is_punct and token.text not in _QUOTES) or token.is_space)


def _speaker_of(cue: Any) -> Any | None:
    """The cue's subject; for a present-tense cue tagged as a noun ("Sinclair states that"),
    the proper noun the parser hung on it."""
    from reader.core.analysis.speakers import subject_of

    subject = subject_of(cue)
    if subject is None and cue.pos_ == "NOUN":
        names = [
            c
            for c in cue.lefts
            if c.dep_ in {"compound", "nsubj"} and (c.pos_ in {"PROPN", "PRON"} or c.is_title)
        ]
        subject = names[-1] if names else None
    return subject


def _noun_author(noun: Any) -> Any | None:
    """Who made the statement: its possessor, or the subject of the verb that governs it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    head = noun.head
    if head.i != noun.i and head.pos_ in {"VERB", "AUX"}:
        return _speaker_of(head)
    return None


@Language.factory(COMPONENT)
def make_reported_speech(nlp: Language, name: str) -> ReportedSpeech:
    """Factory registered with spaCy: ``nlp.add_pipe("reader_reported_speech")``. It also
    keeps title abbreviations whole in the tokenizer (``TITLE_ABBREVIATIONS``): the parse that
    reported speech and speakers read needs "Coun. Josh Matlow" in one sentence."""
    tokenizer: Any = nlp.tokenizer  # a Tokenizer in every pipeline reader loads
    if hasattr(tokenizer, "add_special_case"):
        for abbreviation in sorted(TITLE_ABBREVIATIONS):
            tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return ReportedSpeech(nlp.vocab)


_BY_VOCAB: dict[int, tuple[Vocab, ReportedSpeech]] = {}


def reported_in(doc: Doc) -> list[Span]:
    """``doc._.reported_speech``, computed here when the component did not run (a Doc that
    came back from another process, or from a pipeline without the component)."""
    value = doc._.get(EXTENSION)
    if value is not None:
        return list(value)
    cached = _BY_VOCAB.get(id(doc.vocab))
    if cached is None or cached[0] is not doc.vocab:
        cached = (doc.vocab, ReportedSpeech(doc.vocab))
        _BY_VOCAB[id(doc.vocab)] = cached
    return cached[1].find(doc)


def add_to(nlp: Language, names: Iterable[str] = ()) -> None:
    """Add the component after the parser of ``nlp`` when it has one (idempotent)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
