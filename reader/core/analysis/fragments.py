"""Repairs of the model's entity spans that need the document text (no spaCy needed).

The small model cuts names short and tags ordinary phrases as people. With the text around a
span these rules fix what it gets wrong (see ``docs/ANALYSIS.md``, "Entities"):

1. **Dangling preposition**: a span ending in a preposition ("Group of", "Bank of") is
   extended over the capitalised words or the number that continue the name in the text
   ("Group of 20", "Bank of England"). A span that cannot be extended keeps its dangling
   word here; ``clean_mention`` then trims it (and drops what is left when it is one word).
2. **Tail of a title**: a one-word ORG directly after "Secretary of", "Minister for",
   "Chief of"... ("Secretary of State", "Minister of Finance") is part of a job title, not an
   organisation: it is dropped.
3. **Unlikely people**: a PERSON span that the text shows to be an ordinary phrase loses the
   PERSON label (see ``is_unlikely_person``). It takes the majority label of the other
   mentions of the same form, or ``MISC`` when there are none.

The result is cleaned (``clean_mention``), keeps document offsets and goes to the short-form
recall (``recall.py``) and then to ``build_entities``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

from reader.core.analysis.entities import (
    NUMERIC_LABELS,
    PREPOSITIONS,
    RawMention,
    clean_mention,
    form_key,
)

NOT_A_PERSON_LABEL = "MISC"
"""The label of a span that is not a person when nothing better is known about it."""

TITLE_HEADS = frozenset(
    "secretary under-secretary undersecretary minister chief chancellor commissioner".split()
)
"""Job titles completed by a portfolio ("Secretary of State", "Minister for Health")."""

ROLE_WORDS = frozenset(
    """
    late former then young elder veteran rookie actor actress singer songwriter
    author writer poet artist director producer presenter host star striker midfielder
    defender goalkeeper forward player coach manager captain skipper champion president
    minister secretary senator governor mayor judge justice lawyer attorney prosecutor
    defendant witness suspect victim spokesman spokeswoman spokesperson chairman chairwoman
    chair chief executive founder billionaire investor economist analyst professor scientist
    doctor journalist reporter editor columnist candidate leader lawmaker diplomat envoy
    ambassador general commander officer detective king queen prince princess pope
    """.split()
)
"""Words that introduce a real person ("the spokesperson Ned Worth", "the late Ann Lee")."""

_ARTICLE_BEFORE = re.compile(
    r"(?<![\w’'-])(?i:a|an|the|another)(?P<between>(?:[ \t]+[a-z][\w-]*){0,3})[ \t]+$"
)
_NAME_WORD = r"(?:[A-Z][\w&-]*|\d+(?:[.,]\d+)*)"
_CONTINUATION = re.compile(
    rf"[ \t]+(?:the[ \t]+)?{_NAME_WORD}(?:[ \t]+(?:(?:of|for|the)[ \t]+)*{_NAME_WORD})*"
)
_TITLE_BEFORE = re.compile(
    r"(?<![\w’'-])(?P<head>[A-Za-z][\w-]*)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$"
)
_WORD_AFTER = re.compile(r"[ \t]+(?P<word>[a-z][\w-]*)")
_FUNCTION_WORDS = PREPOSITIONS | frozenset(
    """
    about after against among across before behind between beyond during like near per
    through toward towards via within without that which who whom whose and or but nor as
    than is was were are be been being has had have will would can could may might must
    shall should said says told
    """.split()
)
"""Words that end a noun phrase: after one, an earlier article ("a pass from") is not the
name's; as the next word, they show the name is not used as a modifier."""
_LOOK_BEHIND = 60


def repair_fragments(text: str, mentions: Sequence[RawMention]) -> list[RawMention]:
    """``mentions`` (document offsets into ``text``) with the three rules above applied.

    People are judged first, on the cleaned spans, because an extension stops where a person
    starts; people themselves are never extended ("Jane Roe of Acme" is two entities).
    """
    views = [clean_mention(mention) for mention in mentions]
    kept = [view for view in views if view is not None and not _is_title_tail(text, view)]
    people = [view for view in kept if view.label == "PERSON"]
    unlikely = _unlikely_people(text, people, kept)
    person_starts = sorted(m.start for m in people if (m.start, m.end) not in unlikely)
    fallback = _other_labels(kept, unlikely) if unlikely else {}
    repaired: list[RawMention] = []
    for mention, view in zip(mentions, views, strict=True):
        if mention.label == "PERSON":
            if view is not None and (view.start, view.end) in unlikely:
                label = fallback.get(form_key(view.text), NOT_A_PERSON_LABEL)
                view = RawMention(view.start, view.end, view.text, label)
            if view is not None:
                repaired.append(view)
            continue
        # Cleaning after extending: "Group of" must become "Group of 20", not be dropped.
        extension = _extend_dangling(text, mention, person_starts)
        extended = view if extension is mention else clean_mention(extension)
        if extended is not None and not _is_title_tail(text, extended):
            repaired.append(extended)
    return repaired


def _unlikely_people(
    text: str, people: Sequence[RawMention], mentions: Sequence[RawMention]
) -> set[tuple[int, int]]:
    """Spans of ``people`` that are not people, unless their form is a person elsewhere."""
    standalone = {form_key(mention.text) for mention in mentions if " " not in mention.text}
    doubtful = {(m.start, m.end) for m in people if is_unlikely_person(text, m, standalone)}
    # A form that is a person elsewhere in the text ("an inspired Lionel Messi") stays one.
    confirmed = {form_key(m.text) for m in people if (m.start, m.end) not in doubtful}
    return {
        (m.start, m.end)
        for m in people
        if (m.start, m.end) in doubtful and form_key(m.text) not in confirmed
    }


def _extend_dangling(text: str, mention: RawMention, person_starts: Sequence[int]) -> RawMention:
    """The span carried over the words that complete it, when it ends in a preposition."""
    words = mention.text.split()
    if len(words) < 2 or words[-1].casefold() not in PREPOSITIONS:
        return mention
    if mention.label in NUMERIC_LABELS:
        return mention  # "the end of" March: amounts and dates are not names
    continuation = _CONTINUATION.match(text, mention.end)
    if continuation is None:
        return mention
    end = continuation.end()
    # A person named right after the name is someone else ("Bank of England Andrew Bailey").
    person = bisect_right(person_starts, mention.end)
    if person < len(person_starts) and person_starts[person] < end:
        end = len(text[: person_starts[person]].rstrip())
    if end <= mention.end:
        return mention
    return RawMention(mention.start, end, text[mention.start : end], mention.label)


def _is_title_tail(text: str, mention: RawMention) -> bool:
    """Whether a one-word ORG completes a job title written just before it."""
    if mention.label != "ORG" or " " in mention.text.strip() or not mention.text[:1].isupper():
        return False
    before = _TITLE_BEFORE.search(text, max(0, mention.start - _LOOK_BEHIND), mention.start)
    return before is not None and before.group("head").casefold() in TITLE_HEADS


def is_unlikely_person(text: str, mention: RawMention, standalone: set[str]) -> bool:
    """Whether the text shows a PERSON span to be an ordinary phrase, not someone's name.

    Either of two signs is enough, unless a role word introduces the name ("the spokesperson
    Ned Worth") or a word of it is mentioned on its own elsewhere (``standalone`` form keys:
    "Young said" makes "Will Young" a person):

    - an article before it, with at most three lower-case words between ("a new Cold War",
      "the so-called Iron Man") and none of them a function word ("after a pass from Bruno
      Fernandes": the article is the pass's), and no lower-case word after it that the name
      would modify ("the Biden administration", "a Tom Hanks film");
    - every word of a name of two or more words also occurs in lower case in the text ("Cold
      War" in a text that speaks of a cold winter and a war).
    """
    words = mention.text.split()
    if len(words) > 1 and any(form_key(word) in standalone for word in words):
        return False
    window = text[max(0, mention.start - _LOOK_BEHIND) : mention.start]
    # Searching the text itself: a window's first letter may be the end of a word ("Panam|a").
    article = _ARTICLE_BEFORE.search(text, max(0, mention.start - _LOOK_BEHIND), mention.start)
    between = article.group("between").replace("-", " ").split() if article else []
    if any(word in _FUNCTION_WORDS for word in between):
        article = None  # the article starts another phrase: "after a pass from Bruno Fernandes"
    if any(word.casefold() in ROLE_WORDS for word in between) or _has_role_before(window):
        return False
    if article is not None and not _modifies_a_noun(text, mention.end):
        return True
    return len(words) >= 2 and all(_occurs_in_lower_case(text, word) for word in words)


def _has_role_before(window: str) -> bool:
    """Whether the word right before the span is a role word ("spokesperson Ned Worth")."""
    last = window.rstrip(" \t,").rsplit(None, 1)
    return bool(last) and last[-1].casefold().rstrip(",") in ROLE_WORDS


def _modifies_a_noun(text: str, end: int) -> bool:
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group("word") not in _FUNCTION_WORDS


def _occurs_in_lower_case(text: str, word: str) -> bool:
    lower = word.casefold()
    if lower == word:
        return True
    return re.search(rf"(?<![\w’'-]){re.escape(lower)}(?![\w-])", text) is not None


def _other_labels(mentions: Sequence[RawMention], unlikely: set[tuple[int, int]]) -> dict[str, str]:
    """Form key -> majority label of its mentions that are neither people nor demoted ones."""
    counts: dict[str, Counter[str]] = {}
    for mention in mentions:
        if (mention.start, mention.end) in unlikely or mention.label == "PERSON":
            continue
        counts.setdefault(form_key(mention.text), Counter())[mention.label] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}
