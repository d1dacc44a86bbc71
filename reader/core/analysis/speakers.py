"""Speakers: the words naming who spoke, and the names they resolve to.

The lexicons (speech verbs, writing verbs, nouns of statements and of people, in
``reader.core.analysis.quotes``) are matched by lemma when the model gives lemmas and by word
form always, so the blank pipeline (no lemmas) still finds "said", "told", "wrote".

A speaker is found as a token (the subject of a speech verb, the author of a statement, a
name next to a verb) and widened to a phrase:

* a proper name keeps its run of proper nouns, without leading titles
  ("spokesman Wang Wenbin" -> "Wang Wenbin", "President Biden" -> "Biden");
* a pronoun is itself ("he");
* a nominal speaker is its whole noun phrase ("US officials familiar with the intelligence",
  "China’s Foreign Ministry spokesman"), capped in length.

Resolution maps the phrase to a canonical name: a pronoun to the nearest fitting PERSON (a
person named earlier in its own sentence, else the subject of a preceding sentence, else the
most recent PERSON mention); a short name to the PERSON entity whose name contains it (the one
mentioned most recently when several fit, e.g. two people called Wang); anything else is its
own name (``reader.core.analysis.speaker_names.Resolver``). Pronouns agree in gender, number
and entity type (``reader.core.analysis.resolve``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.lexicon import is_inverting
from reader.core.analysis.quotes import (
    GROUP_PRONOUNS,
    PHRASE_ENDS,
    SINGULAR_PRONOUNS,
    TITLES,
    is_name_token,
    is_person_word,
    is_speech_verb,
)

_MAX_PHRASE_TOKENS = 12


@dataclass(frozen=True)
class Mention:
    """A speaker phrase as written: document offsets and the text."""

    start: int
    end: int
    text: str


_ANNOTATIONS: dict[int, tuple[Any, bool, list[int]]] = {}
"""id(doc) -> (doc, has a parse, sentence start indices). ``Doc.has_annotation`` and
``Token.sent`` walk every token, and the rules ask for each quotation, so the answers are
kept for recent docs."""


def _annotations(doc: Any) -> tuple[bool, list[int]]:
    cached = _ANNOTATIONS.get(id(doc))
    if cached is None or cached[0] is not doc:
        if len(_ANNOTATIONS) > 256:
            _ANNOTATIONS.clear()
        parsed = bool(doc.has_annotation("DEP"))
        split = parsed or bool(doc.has_annotation("SENT_START"))
        starts = [sentence.start for sentence in doc.sents] if split and len(doc) else [0]
        cached = (doc, parsed, starts)
        _ANNOTATIONS[id(doc)] = cached
    return cached[1], cached[2]


def doc_length(doc: Any) -> int:
    """Characters in the Doc's text, without building the text (``Doc.text`` joins tokens)."""
    return int(doc[-1].idx + len(doc[-1].text_with_ws)) if len(doc) else 0


def forget_docs() -> None:
    """Drop the cached answers (and the docs they keep alive) once a document is done."""
    _ANNOTATIONS.clear()


def has_parse(doc: Any) -> bool:
    """Whether the Doc carries a dependency parse (the full model, not the blank pipeline)."""
    return _annotations(doc)[0]


def _strip_titles(tokens: list[Any]) -> list[Any]:
    """Drop a title and what precedes it ("Foreign Minister Ana Silva" -> "Ana Silva")."""
    titles = [i for i, token in enumerate(tokens[:-1]) if token.lower_ in TITLES]
    return tokens[titles[-1] + 1 :] if titles else tokens


def name_run(doc: Any, index: int) -> list[Any]:
    """The proper name around ``doc[index]``, leading titles removed.

    With a parse, the name is its head with the proper nouns compounded into it ("US
    Secretary of State Antony Blinken" -> "Antony Blinken") and an "of"/"for" tail made of
    proper nouns ("Institute for Fiscal Studies"); without one, the run of capitalised words.
    """
    if has_parse(doc) and doc[index].pos_ == "PROPN":
        return _hyphen_joined(_strip_titles(_parsed_name(doc, index)))
    start = end = index
    while start > 0 and is_name_token(doc[start - 1]):
        start -= 1
    while end + 1 < len(doc) and is_name_token(doc[end + 1]):
        end += 1
    return _hyphen_joined(_strip_titles([doc[i] for i in range(start, end + 1)]))


def _joined(doc: Any, hyphen: int) -> bool:
    """Whether ``doc[hyphen]`` is a hyphen inside a word, between two name parts."""
    return (
        0 < hyphen < len(doc) - 1
        and doc[hyphen].text == "-"
        and not doc[hyphen - 1].whitespace_
        and not doc[hyphen].whitespace_
        and is_name_token(doc[hyphen - 1])
        and is_name_token(doc[hyphen + 1])
    )


def _hyphen_joined(tokens: list[Any]) -> list[Any]:
    """A name with the parts the tokenizer split off at hyphens put back ("U-N", "Jean-Luc")."""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i
    while _joined(doc, start - 1):
        start -= 2
    while _joined(doc, end + 1):
        end += 2
    return [doc[i] for i in range(start, end + 1)]


def _compounded_into(token: Any, head: Any) -> bool:
    for _ in range(4):
        if token.i == head.i:
            return True
        if token.dep_ not in {"compound", "flat"}:
            return False
        token = token.head
    return bool(token.i == head.i)


def _parsed_name(doc: Any, index: int) -> list[Any]:
    head = doc[index]
    while head.dep_ in {"compound", "flat"} and head.head.pos_ == "PROPN" and head.head.i != head.i:
        head = head.head
    start = end = head.i
    while start > 0 and is_name_token(doc[start - 1]) and _compounded_into(doc[start - 1], head):
        start -= 1
    while end + 1 < len(doc) and is_name_token(doc[end + 1]) and doc[end + 1].head.i == head.i:
        if doc[end + 1].dep_ not in {"compound", "flat"}:
            break
        end += 1
    connector = doc[end + 1] if end + 1 < len(doc) else None
    if connector is not None and connector.lower_ in {"of", "for"} and connector.head.i == head.i:
        objects = [child for child in connector.children if child.dep_ == "pobj"]
        tail = range(end + 2, objects[0].i + 1) if objects else range(0)
        if (
            tail
            and is_name_token(doc[tail[-1]])
            and all(is_name_token(doc[i]) or doc[i].lower_ == "the" for i in tail)
        ):
            end = tail[-1]
    return [doc[i] for i in range(start, end + 1)]


def phrase_for(token: Any, offset: int) -> Mention:
    """The speaker phrase headed by ``token`` (see the module docstring)."""
    doc = token.doc
    if token.lower_ in SINGULAR_PRONOUNS | GROUP_PRONOUNS:
        return mention_of_tokens([token], offset)
    if token.ent_type_ == "GPE":  # a dateline the parser made the subject: "Washington, D.C.,
        for child in token.children:  # June 27 – Iraqi President Jalal Talabani, … assured"
            if child.dep_ == "appos" and child.ent_type_ in {"PERSON", "ORG"}:
                return mention_of_tokens(name_run(doc, child.i), offset)
    if is_name_token(token):
        return mention_of_tokens(name_run(doc, token.i), offset)
    if has_parse(doc):
        return mention_of_tokens(_parsed_nominal(token), offset)
    return mention_of_tokens(surface_nominal(doc, token.i), offset)


def _parsed_nominal(token: Any) -> list[Any]:
    """A noun's phrase from the parse: a name in apposition wins ("the coach, Pep Alvarez"
    -> "Pep Alvarez"); else the subtree without relative clauses ("critics who called it" ->
    "critics"), cut at the first comma after the noun ("The report, released Monday" -> "The
    report") and then kept short: "The head of news for the county television station, who
    was a witness, …" keeps its prepositions, cut at the comma, not at the head noun."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "appos" and is_name_token(child):
            return name_run(doc, child.i)
    left = token.left_edge.i
    kept = [child.right_edge.i for child in token.rights if child.dep_ != "relcl"]
    right = max([token.i, *kept])
    for index in range(token.i + 1, right + 1):
        if doc[index].is_punct or doc[index].is_quote:
            right = index - 1
            break
    if right - left >= _MAX_PHRASE_TOKENS:
        right = token.i
    tokens = [doc[i] for i in range(left, right + 1)]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_quote):
        tokens.pop(0)
    return tokens


def surface_nominal(doc: Any, index: int) -> list[Any]:
    """Without a parse: the noun ``doc[index]`` with its determiner and modifiers to the left."""
    start = index
    while start > 0 and index - start < 4:
        previous = doc[start - 1]
        if previous.is_punct or previous.is_quote or is_speech_verb(previous):
            break
        start -= 1
        if previous.lower_ in {"the", "a", "an"}:
            break
    return [doc[i] for i in range(start, index + 1)]


def token_mention(token: Any, offset: int) -> Mention:
    """A mention covering one token."""
    start = offset + token.idx
    return Mention(start, start + len(token.text), token.text)


def subject_of(verb: Any, depth: int = 0) -> Any | None:
    """The subject of a verb: its nsubj, the antecedent of a relative pronoun, or (for a
    conjoined or subordinate verb without one) the subject of the verb it hangs on; for
    "as saying", the one quoted (``_quoted_as``)."""
    quoted = _quoted_as(verb)
    if quoted is not None:
        return quoted
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i and depth < 3:
        return subject_of(verb.head, depth + 1)
    return None


def _quoted_as(verb: Any) -> Any | None:
    """Who says in "X was quoted by Y as saying", "Y quoted/cited X as saying": the object
    of the verb "as" hangs on, else its (passive) subject; never the agent, who only reports."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.i == verb.i:
        return None
    governor = prep.head
    if governor.pos_ not in {"VERB", "AUX"} or governor.i == prep.i:
        return None
    for child in governor.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    if governor.dep_ == "conj":  # "Charest reaffirmed … and was quoted as saying"
        return subject_of(governor, 1)
    return None


def _surface_subject(doc: Any, verb: int, low: int, high: int) -> Any | None:
    """Without a parse: the nearest name, pronoun or person noun before the verb (within a
    few words, no punctuation between); else, after a verb that inverts ("said Biden",
    "added the minister", never "told CNN"), the first one after it."""
    for index in range(verb - 1, max(low, verb - 7) - 1, -1):
        token = doc[index]
        if token.text == "," and index == verb - 1:
            continue  # "The mayor, Luc Martin, said": look past the closing comma
        if token.is_punct or token.is_quote:
            break
        if is_person_word(token):
            return token
    if not is_inverting(doc[verb]):
        return None
    nominal: Any | None = None
    for index in range(verb + 1, min(high, verb + 6)):
        token = doc[index]
        if token.is_punct or token.is_quote:
            break
        if is_name_token(token):
            return name_run(doc, index)[-1]
        if nominal is None and is_person_word(token):
            nominal = token
    return nominal


def inverted_speaker(doc: Any, verb: int, offset: int) -> Mention | None:
    """The name right after a verb that follows its quotation ('"…," sighed Meg', 'added
    little Amy', 'reply Burton and Nick', 'blurted out Tom Reed'): the verb's particle, up to
    two modifiers, then one or two names."""
    index = verb + 1
    if index < len(doc) and doc[index].tag_ == "RP":
        index += 1
    while index < min(len(doc), verb + 3) and doc[index].pos_ in {"DET", "ADJ"}:
        index += 1
    if index >= len(doc) or not is_name_token(doc[index]) or doc[index].lower_ in TITLES:
        return None
    run = name_run(doc, index)
    last = run[-1].i
    if last + 2 < len(doc) and doc[last + 1].lower_ == "and" and is_name_token(doc[last + 2]):
        run = [*run, *name_run(doc, last + 2)]
    return mention_of_tokens(run, offset)


def speaker_of_verb(doc: Any, verb: int, offset: int, low: int, high: int) -> Mention | None:
    """The speaker phrase for a speech verb at ``doc[verb]`` (the parse's subject if any)."""
    token: Any | None = None
    if has_parse(doc):
        token = subject_of(doc[verb])
    if token is None:
        token = _surface_subject(doc, verb, low, high)
    if token is None or token.lower_ in {"i", "we", "you"}:
        return None  # "it" stays: an organisation's statement ("…," it said)
    if not has_parse(doc) and not is_name_token(token) and token.lower_ not in SINGULAR_PRONOUNS:
        return mention_of_tokens(surface_nominal(doc, token.i), offset)
    return phrase_for(token, offset)


def mention_of_tokens(tokens: list[Any], offset: int) -> Mention:
    """A mention from the first to the last of ``tokens`` (tokens of one doc, in order)."""
    first, last = tokens[0], tokens[-1]
    return Mention(
        offset + first.idx,
        offset + last.idx + len(last.text),
        first.doc[first.i : last.i + 1].text,
    )


def sentence_bounds(doc: Any, index: int) -> tuple[int, int]:
    """Token range of the sentence holding ``doc[index]`` (the whole doc if unsplit)."""
    if not len(doc):
        return 0, 0
    index = min(max(index, 0), len(doc) - 1)
    starts = _annotations(doc)[1]
    position = bisect_right(starts, index) - 1
    end = starts[position + 1] if position + 1 < len(starts) else len(doc)
    return starts[max(position, 0)], end


def name_or_nominal(doc: Any, index: int, offset: int) -> Mention:
    """The speaker phrase at ``doc[index]``: its name run, else its noun phrase."""
    if is_name_token(doc[index]):
        return mention_of_tokens(name_run(doc, index), offset)
    return (
        phrase_for(doc[index], offset)
        if has_parse(doc)
        else mention_of_tokens(surface_nominal(doc, index), offset)
    )


def author_near(doc: Any, noun: int, offset: int, high: int) -> Mention | None:
    """The author of a statement-like noun: "Worth’s readout", "a statement from spokesperson
    Ned Worth", "a White House statement"."""
    for back in range(noun - 1, max(-1, noun - 4), -1):
        if doc[back].text in {"’s", "'s", "’", "'"} and back > 0 and is_person_word(doc[back - 1]):
            return name_or_nominal(doc, back - 1, offset)
    if noun + 1 < high and doc[noun + 1].lower_ in {"from", "by"}:
        found: int | None = None
        for ahead in range(noun + 2, min(high, noun + 10)):
            token = doc[ahead]
            if token.is_punct or token.is_quote or token.pos_ in {"VERB", "AUX"}:
                break
            if token.lower_ in PHRASE_ENDS and found is not None:
                break  # "from spokesperson Li Wei on Friday": the author ends before "on"
            if is_name_token(token):
                run_end = name_run(doc, ahead)[-1].i + 1
                follows = doc[run_end] if run_end < high else None
                if follows is None or not is_person_word(follows):
                    return name_or_nominal(doc, ahead, offset)
                continue  # a name modifying a person noun: "State Department spokesperson"
            if is_person_word(token):
                found = ahead
        if found is not None:
            return name_or_nominal(doc, found, offset)
    if noun > 0 and is_name_token(doc[noun - 1]):
        return mention_of_tokens(name_run(doc, noun - 1), offset)
    return None
