"""Finding quotations in plain text (no spaCy): where each quotation starts and ends.

Rules, in short:

* Double quotation marks open and close a quotation: curly “…”, straight "...", guillemets
  «…» and low-high „…“. Curly marks and guillemets say which way they face; a straight ``"``
  faces by its neighbours (after the start of text, a space, a bracket or a dash it opens;
  after a letter or punctuation and before a space, punctuation or the end it closes).
* Single marks inside a double quotation are part of it (a quote within a quote), and so is
  a nested pair of the same curly double kind (“a “b” c” is one quotation).
* At top level, single-quoted quotations (British style, ‘…’ or '...') count only when clearly
  paired at word boundaries inside one paragraph: the opener follows a boundary and precedes a
  word character, the closer follows a non-space and precedes a boundary, and the quotation
  holds at least two characters. An apostrophe inside a word (won’t, O’Brien) is never a mark,
  and an unpaired mark (the ’90s, ‘90s) is ignored. A plural possessive inside a single-quoted
  quotation ("‘the players’ union’") ends it early: a known limit of the rule.
* A quotation left open at the end of its paragraph continues into the next paragraph only
  when that paragraph opens with a quotation mark (the convention for quotes running over
  several paragraphs); otherwise it ends with its own paragraph. An unbalanced mark therefore
  never swallows more than the rest of its paragraph.

The module also holds what attribution needs to know about quotations as text, without
spaCy: the vocabulary of quoting (speech verbs, nouns of statements and of people, titles)
with the checks of one word against it, and the text shape of a quotation (short enough to
be a term, followed by a reporting clause, followed by a signature line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.lexicon import (
    MANNER_LEMMAS,
    TEXT_CUE_LEMMAS,
    forms_of,
)

_CLOSERS: dict[str, str] = {
    "“": "”",
    "«": "»",
    "„": "“”",
    '"': '"”',
    "‘": "’",
    "'": "'’",
    "”": "”",  # a closing mark used to open (”…”), as some sites print
}
"""Opening mark -> the marks that may close it."""

_DOUBLE_OPENERS = frozenset('“«„"”')
_SINGLE_OPENERS = frozenset("‘'")
_OPENING_CONTEXT = frozenset("([{—–-/«“‘\"'")
"""Characters after which a straight mark faces forwards (besides whitespace)."""


# The vocabulary of quoting: general English word lists, no spaCy. Attribution matches them
# by lemma when the model gives lemmas and by word form always (the blank pipeline has none).


def _forms(words: str) -> frozenset[str]:
    return frozenset(words.split())


SPEECH_LEMMAS = (
    _forms(
        "say state add tell ask warn note argue explain insist claim write tweet post declare"
        " announce continue reply respond acknowledge admit urge call describe reiterate underscore"
        " emphasise emphasize stress recall concede remark suggest confirm deny criticise criticize"
        " complain predict promise pledge vow joke quip boast shout yell whisper mutter testify"
        " repeat conclude observe assert caution counter retort exclaim speak report talk implore"
        " plead blurt cite"
    )
    | MANNER_LEMMAS
    | TEXT_CUE_LEMMAS
)
SPEECH_FORMS = forms_of(
    _forms(
        "say state tell note argue explain write declare announce continue reply acknowledge"
        " admit urge call describe reiterate underscore emphasise emphasize stress concede"
        " suggest confirm deny add ask warn insist claim tweet post remark recall assert report"
        " counter retort respond request mutter boast criticise criticize complain predict"
        " promise pledge vow joke quip shout yell whisper testify repeat conclude observe"
        " caution exclaim speak"
    )
)
"""Speech verbs matched by form too, where the tagger takes them for nouns or adjectives
("Sinclair states", '"…," added Mary Cole')."""
WRITTEN_NOUNS = _forms(
    "statement readout report post letter tweet release email e-mail memo communique"
    " communiqué transcript filing affidavit essay op-ed column blog message document notice"
    " bulletin ruling judgment editorial memoir book article newsletter submission"
)
SPEECH_NOUNS = _forms(
    "remark comment word interview speech testimony claim warning pledge promise assurance"
    " briefing address"
)
PERSON_NOUNS = _forms(
    "spokesman spokeswoman spokesperson spokespeople spokesmen official minister secretary"
    " president officer aide source people person analyst diplomat ambassador lawyer attorney"
    " prosecutor judge witness expert researcher governor mayor senator representative chief"
    " director executive chairman chairwoman leader adviser advisor resident critic activist"
    " author ministry agency department government police company candidate nominee premier"
    " councillor councilor founder organizer organiser owner"
)
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
TITLES = frozenset(
    (
        "president vice secretary minister prime chancellor senator sen sen. rep rep."
        " representative gov gov. governor mayor judge justice dr dr. mr mr. mrs mrs. ms ms."
        " prof prof. professor general gen gen. lt lt. col col. sgt sgt. spokesman spokeswoman"
        " spokesperson chief director king queen prince princess pope sir lady lord dame"
        " ambassador premier chairman chairwoman chair ceo councilmember councillor councilor"
        " councilman councilwoman alderman alderwoman commissioner superintendent sheriff"
        " coach captain detective officer inspector coun coun. supt supt. const const. cst cst."
        " insp insp. det det. cpl cpl. atty atty. capt capt. cmdr cmdr."
    ).split()
)


TERM_MAX_WORDS = 4
"""A term has at most this many words."""
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
NOT_NAMES = frozenset(
    (
        "the a an but and then in on at earlier later however meanwhile still yet so also"
        " after before when while as it this that there here what why how if"
    ).split()
)
"""Capitalised words that start sentences but never names (for the blank pipeline)."""
PHRASE_ENDS = frozenset(
    "on in at for with about after before during to by over since until".split()
)
"""Prepositions that end an author's phrase once a person word was seen."""


# Checks of one word (a spaCy token, read through its plain attributes) against the vocabulary.
# Tags, lemmas and entity types are used when the pipeline set them and are empty otherwise.


def is_name_token(token: Any) -> bool:
    """A word that can be part of a proper name (by tag when tagged, else by capitals)."""
    text = token.text
    if token.pos_:
        return bool(token.pos_ == "PROPN" and text[:1].isalpha())
    return text[:1].isupper() and text.isalpha() and text.lower() not in NOT_NAMES


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _after_quote_or_comma(token: Any) -> bool:
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return bool(before.is_quote or before.text == ",")


def is_speech_verb(token: Any) -> bool:
    """A verb of saying or writing (by lemma when tagged, by word form always)."""
    if token.pos_ and token.pos_ not in {"VERB", "AUX", "NOUN"}:
        return False
    if token.dep_ == "amod" and not _after_quote_or_comma(token):
        return False  # "a written ruling"; but '"…," added Mary Cole' is mis-parsed as amod
    return token.lower_ in SPEECH_FORMS or (token.pos_ == "VERB" and token.lemma_ in SPEECH_LEMMAS)


def is_written_noun(token: Any) -> bool:
    """A noun naming a written text: statement, readout, release, letter, tweet..."""
    return _singular(token.lower_) in WRITTEN_NOUNS or token.lower_ in WRITTEN_NOUNS


def is_cue_noun(token: Any) -> bool:
    """A noun naming something said or written (a statement, remarks, a warning...)."""
    return is_written_noun(token) or _singular(token.lower_) in SPEECH_NOUNS


def is_person_word(token: Any) -> bool:
    """A word that can head a speaker: a name, a pronoun or a person noun."""
    lower = token.lower_
    return (
        is_name_token(token)
        or lower in SINGULAR_PRONOUNS | GROUP_PRONOUNS
        or _singular(lower) in PERSON_NOUNS
        or lower in PERSON_NOUNS
        or token.ent_type_ in {"PERSON", "ORG", "NORP"}
    )


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: offsets of the marks and of the text inside them (end exclusive)."""

    start: int
    end: int
    inner_start: int
    inner_end: int


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _opens(text: str, index: int, floor: int) -> bool:
    """Whether the mark at ``index`` can open a quotation (judged by its neighbours)."""
    mark = text[index]
    before = text[index - 1] if index > floor else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if mark == "”":  # opens only before a word, after a boundary, with a closer to come
        boundary = index == floor or before.isspace() or before in _OPENING_CONTEXT
        line_end = text.find("\n", index)
        rest = text[index + 1 : line_end if line_end >= 0 else len(text)]
        return boundary and after.isalnum() and "”" in rest
    if mark in "“«„‘":
        return not after.isspace()
    # A straight mark opens after a boundary and before a non-space (or, opening a
    # paragraph, before one space: text tokenised with spaces around marks).
    if index == floor and after == " ":
        return text[index + 2 : index + 3].isalnum()
    return (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace()


def _closes(text: str, index: int, floor: int, ceiling: int) -> bool:
    """Whether the mark at ``index`` can close a quotation."""
    mark = text[index]
    before = text[index - 1] if index > floor else " "
    after = text[index + 1] if index + 1 < ceiling else " "
    if mark in "’'" and _is_word_char(before) and _is_word_char(after):
        return False  # an apostrophe inside a word: won’t, O’Brien
    if mark in "”»":
        return True
    if before.isspace():
        return False
    return not _is_word_char(after)


class _Scanner:
    """Walks the paragraphs once, pairing marks; keeps the state of an open quotation."""

    def __init__(self, text: str, paragraphs: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.paragraphs = [
            (max(0, start), min(len(text), end)) for start, end in paragraphs if start < end
        ]
        self.found: list[QuoteSpan] = []

    def run(self) -> list[QuoteSpan]:
        """Scan every paragraph; return the quotations in document order."""
        index, position = 0, 0
        while index < len(self.paragraphs):
            start, end = self.paragraphs[index]
            index, position = self._scan(index, max(start, position), end)
        return self.found

    def _scan(self, index: int, position: int, end: int) -> tuple[int, int]:
        """Scan paragraph ``index`` from ``position`` up to the first double quotation.

        Returns where to go on: the paragraph and offset after that quotation's close, or the
        next paragraph when this one holds no further double quotation.
        """
        paragraph_start = self.paragraphs[index][0]
        while position < end:
            char = self.text[position]
            if char in _DOUBLE_OPENERS and _opens(self.text, position, paragraph_start):
                return self._follow(index, position, char)
            if char in _SINGLE_OPENERS and _opens(self.text, position, paragraph_start):
                close = self._single_close(position, paragraph_start, end)
                if close is not None:
                    self._add(position, close + 1, position + 1, close)
                    position = close + 1
                    continue
            position += 1
        return index + 1, position

    def _single_close(self, opener: int, floor: int, end: int) -> int | None:
        """The closer of a top-level single-quoted quotation, or None when not clearly paired."""
        if opener > floor and _is_word_char(self.text[opener - 1]):
            return None
        if not _is_word_char(self.text[opener + 1] if opener + 1 < end else " "):
            return None
        closers = _CLOSERS[self.text[opener]]
        for position in range(opener + 2, end):
            char = self.text[position]
            if char in '"“”«»':
                return None  # a double mark inside: not a simple single-quoted quotation
            if char in closers and _closes(self.text, position, floor, end):
                return position if position - opener > 2 else None
        return None

    def _follow(self, index: int, opener: int, mark: str) -> tuple[int, int]:
        """Follow a double quotation from ``opener`` to its close, across paragraphs if needed."""
        closers = _CLOSERS[mark]
        paragraph_start, end = self.paragraphs[index]
        position, depth, straight = opener + 1, 1, 0
        spaced = self.text[opener + 1 : opener + 2] == " "  # '" Kurds are … , " the minister'
        while True:
            while position < end:
                char = self.text[position]
                if mark in "“«" and char == mark:
                    depth += 1  # a nested quote of the same curly kind
                elif mark == "“" and char == '"':
                    if straight % 2 == 0 and depth == 1 and self._straight_closes(position):
                        self._add(opener, position + 1, opener + 1, position)
                        return index, position + 1
                    straight += 1  # a straight-quoted word inside: '“He called it "a joke"'
                elif char in closers and (
                    _closes(self.text, position, paragraph_start, end)
                    or (spaced and self.text[position - 1 : position + 2].strip() == char)
                ):
                    depth -= 1
                    if depth == 0:
                        self._add(opener, position + 1, opener + 1, position)
                        return index, position + 1
                position += 1
            if not self._continues(index + 1):
                self._add(opener, end, opener + 1, end)
                return index + 1, end
            index += 1
            paragraph_start, end = self.paragraphs[index]
            # The next paragraph's opening mark re-opens the same quotation.
            position, depth = paragraph_start + 1, 1

    def _straight_closes(self, position: int) -> bool:
        """A straight mark closing a curly-opened quotation ('“…," he said. "…”'): after a
        comma or a sentence's end, before a lower-case word."""
        before, after = self.text[position - 1 : position], self.text[position + 1 : position + 3]
        return before in {",", ".", "?", "!"} and after[:1] == " " and after[1:].islower()

    def _continues(self, index: int) -> bool:
        """Whether paragraph ``index`` opens with a quotation mark (continuing a quotation)."""
        if index >= len(self.paragraphs):
            return False
        start, _ = self.paragraphs[index]
        return self.text[start] in _DOUBLE_OPENERS and _opens(self.text, start, start)

    def _add(self, start: int, end: int, inner_start: int, inner_end: int) -> None:
        if self.text[inner_start:inner_end].strip():
            self.found.append(QuoteSpan(start, end, inner_start, inner_end))


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """All quotations in document order.

    `paragraphs` come from reader.core.text.paragraph_spans(text).
    """
    return _Scanner(text, sorted(paragraphs)).run()


# What a quotation looks like as text, before any token is read.

_SIGNATURE = re.compile(
    r"[ \t]*(?:\n[ \t]*)?[—–-]{1,2}[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})"
)
_LOOK_BACK = 80


def term_shaped(text: str, quote: QuoteSpan) -> bool:
    """The text half of the term rule: at most ``TERM_MAX_WORDS`` words in one paragraph, not
    opening the text, a paragraph or a sentence, and not after a colon."""
    words = text[quote.inner_start : quote.inner_end].split()
    if len(words) > TERM_MAX_WORDS or "\n" in text[quote.start : quote.end]:
        return False
    before = text[max(0, quote.start - _LOOK_BACK) : quote.start].rstrip(" \t")
    if not before or before.endswith("\n"):
        return False
    before = before.rstrip().rstrip("”\"’')»")
    return bool(before) and before[-1] not in ".!?:"


def opens_a_clause(words: Sequence[str]) -> bool:
    """Without a parse: words that start like a clause (a subject pronoun and more)."""
    return len(words) >= 2 and words[0].casefold().strip("‘'\"") in SUBJECT_PRONOUNS


def sentence_goes_on(text: str, quote: QuoteSpan) -> bool:
    """Whether a reporting clause may follow the quotation in its sentence: it ends with a
    comma, ?, ! or a dash inside or after the marks, or lower-case words follow."""
    tail = text[quote.inner_start : quote.inner_end].rstrip()[-1:]
    following = text[quote.end : quote.end + 2].lstrip()[:1]
    return (
        tail in {",", "?", "!", "—", "–", "-", "…"}
        or following in {",", "—", "–"}
        or following.islower()
    )


def signature_after(text: str, quote: QuoteSpan) -> tuple[int, str] | None:
    """A signature line right after the quotation ("—Name, title", "- Name"): its offset
    and the name."""
    match = _SIGNATURE.match(text, quote.end)
    return None if match is None else (match.start(1), match.group(1).rstrip("."))


def clean_name(name: str) -> str:
    """A name without stray marks or dashes at its ends ("—Joseph Addison")."""
    return name.strip(" \t\n—–-\"'“”‘’«»,.;:") or name
