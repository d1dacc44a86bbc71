"""Locating quotations in the paragraph docs and resolving speaker phrases to names.

``Locator`` maps document offsets to paragraph docs and tokens. ``PronounResolver`` turns a
speaker phrase into a ``Speaker``: a short name to the PERSON entity that holds it, a pronoun
to the nearest compatible antecedent before it, never one inside the quotation:

* "he"/"she" take a PERSON whose gender, when known (a title such as Mr, Ms, Sir, Lady before
  a mention, a given name nearly always of one sex, the he/she pronouns that follow its
  mentions), agrees;
  first a person named earlier in the pronoun's own sentence, then the name subjects of the
  three sentences before (into the previous paragraph), then the nearest PERSON mention;
* "it" takes the nearest organisation (ORG, then NORP/GPE) named before it;
* "they" takes the plural subject of the previous sentence, else the nearest organisation;
* a text named as speaker ("the statement said") takes its author named with an earlier
  mention of it (``reader.core.analysis.authors``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from reader.core.analysis.authors import earlier_author
from reader.core.analysis.cues import QuoteSite, paragraph_numbers, token_range
from reader.core.analysis.names import given_name_gender
from reader.core.analysis.quotes import (
    GROUP_PRONOUNS,
    PERSON_NOUNS,
    SINGULAR_PRONOUNS,
    TITLES,
    QuoteSpan,
    is_name_token,
)
from reader.core.analysis.results import Entity, Speaker
from reader.core.analysis.speaker_names import Resolver
from reader.core.analysis.speakers import (
    Mention,
    doc_length,
    has_parse,
    sentence_bounds,
    subject_of,
)

if TYPE_CHECKING:
    import spacy.tokens

_RECENT_SPEAKERS = 50
"""How many earlier speakers a short name without an entity is matched against."""


@dataclass(frozen=True)
class ParagraphDoc:
    """One paragraph's spaCy Doc and where the paragraph starts in the document text."""

    start: int
    doc: spacy.tokens.Doc


@dataclass(frozen=True)
class Located:
    """A quotation with its site and the index of its paragraph doc."""

    site: QuoteSite
    paragraph: int
    number: int


class Locator:
    """Finds, for document offsets, the paragraph doc and the tokens they fall on."""

    def __init__(
        self, text: str, paragraphs: Sequence[ParagraphDoc], quotes: Sequence[QuoteSpan]
    ) -> None:
        self.paragraphs = sorted(paragraphs, key=lambda paragraph: paragraph.start)
        self.starts = [paragraph.start for paragraph in self.paragraphs]
        self.ends = [p.start + doc_length(p.doc) for p in self.paragraphs]
        self.numbers = paragraph_numbers(text, self.paragraphs)
        tokens: dict[int, set[int]] = {index: set() for index in range(len(self.paragraphs))}
        for quote in quotes:
            first_index = self.index_of(quote.start)
            last_index = self.index_of(max(quote.start, quote.end - 1))
            if first_index is None or last_index is None:
                continue
            for index in range(first_index, last_index + 1):
                first, last = self._range(index, quote.start, quote.end)
                tokens[index].update(range(first, last))
        self.quoted = {index: frozenset(found) for index, found in tokens.items()}
        self.quote_spans = sorted((quote.start, quote.end) for quote in quotes)
        self.quote_starts = [start for start, _ in self.quote_spans]

    def in_quote(self, offset: int) -> bool:
        """Whether document offset ``offset`` is inside a quotation."""
        index = bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and self.quote_spans[index][0] < offset < self.quote_spans[index][1]

    def _range(self, index: int, start: int, end: int) -> tuple[int, int]:
        paragraph = self.paragraphs[index]
        stop = self.ends[index]
        if end <= paragraph.start or start >= stop:
            return (0, 0)
        return token_range(paragraph.doc, paragraph.start, start, end)

    def index_of(self, offset: int) -> int | None:
        """Index of the paragraph doc holding document offset ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        return index if offset < self.ends[index] else None

    def locate(self, quote: QuoteSpan) -> Located | None:
        """The quotation's site, or None when its paragraph doc was not given."""
        first_index = self.index_of(quote.start)
        last_index = self.index_of(max(quote.start, quote.end - 1))
        if first_index is None or last_index is None:
            return None
        head, tail = self.paragraphs[first_index], self.paragraphs[last_index]
        first, _ = self._range(first_index, quote.start, quote.end)
        _, last = self._range(last_index, quote.start, quote.end)
        site = QuoteSite(
            quote=quote,
            doc=head.doc,
            offset=head.start,
            first=first,
            end_doc=tail.doc,
            end_offset=tail.start,
            last=last,
            quoted=self.quoted[first_index],
            end_quoted=self.quoted[last_index],
        )
        return Located(site, first_index, self.numbers[first_index])

    def previous(self, index: int) -> tuple[Any, int] | None:
        """The doc and offset of the paragraph just before paragraph ``index``, if given."""
        if index <= 0 or self.numbers[index] - self.numbers[index - 1] != 1:
            return None
        paragraph = self.paragraphs[index - 1]
        return paragraph.doc, paragraph.start


class PronounResolver:
    """Turns a speaker phrase into a ``Speaker``: pronouns and short names to canonical names."""

    def __init__(self, resolver: Resolver, locator: Locator, text: str = "") -> None:
        self.resolver = resolver
        self.locator = locator
        self.text = text
        self._genders: dict[str, str] | None = None

    @property
    def genders(self) -> dict[str, str]:
        """Entity id -> "m" or "f" where the document shows it (computed once, on demand)."""
        if self._genders is None:
            self._genders = person_genders(self.text, self.resolver.person_spans)
        return self._genders

    def _fits(self, person: Entity, pronoun: str, position: int) -> bool:
        """A person the pronoun may stand for: gender agrees (or is unknown), and the
        mention is not inside a quotation."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        return wanted is None or self.genders.get(person.id, wanted) == wanted

    def _nearest_person(self, pronoun: str, position: int, floor: int = 0) -> Entity | None:
        """The nearest PERSON mentioned before ``position`` (from ``floor``), outside
        quotations, whose gender fits ``pronoun``."""
        spans = self.resolver.person_spans
        index = bisect_right(self.resolver.person_starts, position - 1) - 1
        for start, end, person in (spans[i] for i in range(index, max(-1, index - 200), -1)):
            if start < floor:
                return None
            if (
                end <= position
                and not self.locator.in_quote(start)
                and self._fits(person, pronoun, start)
            ):
                return person
        return None

    def _described(self, mention: Mention) -> str | None:
        """The person a definite description names ("the spokeswoman" after "Ana Ruiz, a
        spokeswoman for the ministry" or "spokeswoman Ana Ruiz"; "the 42-year-old" after "Ana
        Ruiz, 42,"): the nearest earlier PERSON with the description's last word (or age) right
        beside one of its mentions. None keeps the description as the speaker's name."""
        words = mention.text.casefold().split()
        if len(words) == 1 and words[0] in TITLES:
            words = ["the", *words]
        if len(words) < 2 or words[0] not in {"the", "this"}:
            return None
        age = _AGE.fullmatch(words[-1])
        if age is not None:  # "the 42-year-old" after "Amanda Ruiz, 42," or "42-year-old Ruiz"
            given = re.compile(rf"^,\s+{age.group(1)}\b")
            titled = re.compile(rf"\b{age.group(1)}-year-old\s+$")
        elif words[-1] in PERSON_NOUNS:
            role = re.escape(words[-1])
            given = re.compile(rf"^,\s+(?:a|an|the)\b[^,.;]{{0,40}}\b{role}\b")
            titled = re.compile(rf"\b{role}\s+$")
        else:
            return None  # a group ("the fans") or not a person's role
        spans = self.resolver.person_spans
        index = bisect_right(self.resolver.person_starts, mention.start - 1) - 1
        for start, end, person in (spans[i] for i in range(index, max(-1, index - 60), -1)):
            if end > mention.start or self.locator.in_quote(start):
                continue
            after = self.text[end : end + 60].casefold()
            if given.search(after) or titled.search(
                self.text[max(0, start - 30) : start].casefold()
            ):
                return person.name
        return None

    def _authored(self, mention: Mention) -> str | None:
        """The author of a text named as speaker ("the statement"), named earlier."""
        author = earlier_author(self.locator, mention)
        if author is None:
            return None
        return self.resolver.name_for(author, author.start) or author.text

    def _nearest_group(self, position: int) -> str | None:
        """The nearest organisation (or nation, place) named before ``position``."""
        mentions = self.resolver.mentions
        index = bisect_right(self.resolver.mention_starts, position - 1) - 1
        for label in ("ORG", "NORP", "GPE"):
            for known in (mentions[i] for i in range(index, max(-1, index - 60), -1)):
                if (
                    known.label == label
                    and known.end <= position
                    and not self.locator.in_quote(known.start)
                ):
                    entity = self.resolver.entities.get(known.entity)
                    return entity.name if entity is not None else known.text
        return None

    def speaker(self, mention: Mention, located: Located, named: Iterator[str]) -> Speaker:
        """The speaker record for ``mention`` (the phrase as written plus its resolved name).

        When no entity fits (e.g. on the blank pipeline), a pronoun falls back to the latest
        earlier named speaker and a short name to the latest earlier speaker whose name holds
        it ("Petrova" after "Olga Petrova"); ``named`` lists those speakers, latest first.
        """
        lower = mention.text.casefold()
        if lower in SINGULAR_PRONOUNS:
            name = self._person_for_pronoun(mention, located) or next(named, None)
        elif lower == "it":
            name = self._nearest_group(mention.start)
        elif lower in GROUP_PRONOUNS:
            name = self._group_for_pronoun(mention) or self._nearest_group(mention.start)
        elif all(word[:1].isupper() for word in mention.text.split()):
            words = set(lower.split())
            recent = islice(named, _RECENT_SPEAKERS)
            earlier = (n for n in recent if words < set(n.casefold().split()))
            name = (
                self.resolver.name_for(mention, mention.start)
                or next(earlier, None)
                or self._described(mention)  # a bare title: "the President told VOA"
            )
        else:
            name = self._described(mention) or self._authored(mention)
        return Speaker(mention.text, mention.start, mention.end, name or mention.text)

    def _person_for_pronoun(self, mention: Mention, located: Located) -> str | None:
        quote = located.site.quote
        index = self.locator.index_of(mention.start)
        if index is None:
            return None
        paragraph = self.locator.paragraphs[index]
        doc, offset = paragraph.doc, paragraph.start
        token = token_at(doc, mention.start - offset)
        low, _ = sentence_bounds(doc, token)
        floor = quote.end if mention.start >= quote.end else offset + doc[low].idx
        pronoun = mention.text.casefold()
        own = self._nearest_person(pronoun, mention.start, floor)
        if own is not None:
            return own.name
        for subject in self._earlier_subjects(index, low):
            person = self.resolver.person_containing(subject.text, mention.start)
            if person is not None and self._fits(person, pronoun, mention.start):
                return person.name
        recent = self._nearest_person(pronoun, min(mention.start, quote.start))
        return recent.name if recent is not None else None

    def _earlier_subjects(self, index: int, low: int) -> list[Any]:
        """Name subjects of the (up to three) sentences before token ``low`` of paragraph
        ``index``, going back into the paragraph just before when needed, nearest first."""
        sentences: list[Any] = []
        numbers = self.locator.numbers
        while index >= 0 and len(sentences) < 3:
            doc = self.locator.paragraphs[index].doc
            if not has_parse(doc):
                break
            sentences += reversed([s for s in doc.sents if s.end <= low])
            if index == 0 or numbers[index] - numbers[index - 1] != 1:
                break
            index -= 1
            low = len(self.locator.paragraphs[index].doc)
        subjects = (subject_of(sentence.root) for sentence in sentences[:3])
        return [s for s in subjects if s is not None and is_name_token(s)]

    def _group_for_pronoun(self, mention: Mention) -> str | None:
        index = self.locator.index_of(mention.start)
        if index is None:
            return None
        paragraph = self.locator.paragraphs[index]
        doc = paragraph.doc
        token = token_at(doc, mention.start - paragraph.start)
        low, _ = sentence_bounds(doc, token)
        if not has_parse(doc) or low == 0:
            return None
        previous = doc[low - 1].sent
        subject = subject_of(previous.root)
        if subject is not None and subject.tag_ in {"NNS", "NNPS"}:
            return str(doc[subject.left_edge.i : subject.i + 1].text)
        return None


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TITLE_GENDER = {
    **dict.fromkeys("mr mr. sir lord king prince father brother".split(), "m"),
    **dict.fromkeys("ms ms. mrs mrs. miss lady dame queen princess sister madam".split(), "f"),
}
_ROLE_GENDER = {
    **dict.fromkeys(
        "spokesman chairman businessman congressman husband son father brother actor".split(), "m"
    ),
    **dict.fromkeys(
        "spokeswoman chairwoman businesswoman congresswoman wife daughter mother sister actress"
        " widow".split(),
        "f",
    ),
}
_AGE = re.compile(r"(\d{1,3})-year-old")
_GENDER_WORD = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w.]+")


def person_genders(text: str, person_spans: Sequence[tuple[int, int, Entity]]) -> dict[str, str]:
    """Gender of the document's people from its own evidence: a title before a mention ("Ms
    Baillie", "Sir Ian Blair") or a gendered role beside it ("health spokeswoman") counts
    three; a given name that is nearly always one sex ("Olivia", "Doug": ``given_names``)
    counts two, once; each he/she/his/her after a mention, with no other person named
    between, counts one. A person with no evidence has no gender."""
    votes: dict[str, Counter[str]] = {}
    starts = [start for start, _, _ in person_spans]
    for person in {person.id: person for _, _, person in person_spans}.values():
        given = given_name_gender(person.name)
        if given:
            votes.setdefault(person.id, Counter())[given] += 2
    for start, end, person in person_spans:
        before = _WORD.findall(text[max(0, start - 14) : start])
        after = _WORD.findall(
            text[end : end + 40].split(",")[1] if text[end : end + 2] == ", " else ""
        )
        for word in [*before[-1:], *after[:4]]:
            gender = _TITLE_GENDER.get(word.casefold()) or _ROLE_GENDER.get(word.casefold())
            if gender:
                votes.setdefault(person.id, Counter())[gender] += 3
    for match in _GENDER_WORD.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() - person_spans[index][1] < 300:
            person = person_spans[index][2]
            votes.setdefault(person.id, Counter())[_PRONOUN_GENDER[match.group(1).casefold()]] += 1
    genders = {}
    for person_id, counter in votes.items():
        (top, count), *rest = counter.most_common()
        if not rest or count > rest[0][1]:
            genders[person_id] = top
    return genders


def token_at(doc: Any, local: int) -> int:
    span = doc.char_span(local, local + 1, alignment_mode="expand")
    return int(span.start) if span is not None and len(span) else max(0, len(doc) - 1)
