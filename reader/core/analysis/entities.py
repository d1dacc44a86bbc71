"""Document-level clean-up and grouping of the model's entity mentions (no spaCy needed).

The rules, applied over the whole document (see ``docs/ANALYSIS.md``):

1. Junk spans are dropped (punctuation only, contraction pieces such as ``n’t``/``’s``, single
   characters, names without a capital letter or digit); a leading ``the`` and a trailing
   possessive (``China’s``, ``the US’``) are trimmed off the span.
2. One surface form gets one label: the majority label of its mentions (ties: the first).
3. A short form of a multi-word PERSON name ("Blinken" for "Antony Blinken", "Wang" for
   "Wang Yi") is that person whatever label the model gave it. When several people share the
   short form, it goes to the person whose full name was mentioned most recently before it,
   or, when none precedes, to the most-mentioned of them (ties: the first mentioned).
4. A company named with a corporate suffix ("Acme Corp.") owns its bare name ("Acme").

Groups become ``Entity`` records named by their longest full form, with ids made from the
label and the name (``person-antony-blinken``) so they stay stable across re-analysis.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.core.analysis.quotes import TITLES
from reader.core.analysis.results import Entity, EntityMention

NUMERIC_LABELS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"))
"""Labels of amounts and times: never linked to people, never required to be capitalised."""

_SUFFIX_WORDS = "corp corporation inc incorporated ltd limited co company plc llc group holdings"
CORPORATE_SUFFIXES = frozenset((*_SUFFIX_WORDS.split(), "ag", "sa", "gmbh"))

PREPOSITIONS = frozenset("of for in on at to from by with into upon under over".split())
"""Words a name cannot end with: a span ending in one was cut short by the model."""
_QUALIFIER_LABELS = frozenset(("GPE", "NORP", "LOC"))
_UNQUALIFIABLE_LABELS = NUMERIC_LABELS | _QUALIFIER_LABELS | {"PERSON", "FAC"}
"""Labels never grouped by rule 5: "China's Hong Kong" is not just "Hong Kong"."""
_DANGLING_WORDS = PREPOSITIONS | frozenset(("and", "or", "nor", "&", "the", "a", "an"))

_CONTRACTION_PIECE = re.compile(r"^(?:n['’]t|['’](?:s|re|ll|ve|d|m|t))$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^(?:the\s+)+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’][sS]|(?<=[sS])['’])$")
_TRAILING_SCORE = re.compile(r"\s+\d{1,3}\s?[-–]\s?\d{1,3}$")
"""A match score the model glued to a team ("Liverpool 2-1"): never part of a name."""
_EDGE_JUNK = "\"'“”‘’«»()[]{}<>,;:!?—–-*/\\|"


@dataclass(frozen=True)
class RawMention:
    """An entity span as the model found it: document offsets, text and label."""

    start: int
    end: int
    text: str
    label: str


def clean_mention(mention: RawMention) -> RawMention | None:
    """Trim a span's leading ``the``, possessive and stray marks; None when it is junk."""
    cleaned = _clean_form(mention.text, mention.label)
    if cleaned is None:
        return None
    left, right, text = cleaned
    return RawMention(mention.start + left, mention.end - right, text, mention.label)


@lru_cache(maxsize=8192)
def _clean_form(text: str, label: str) -> tuple[int, int, str] | None:
    """``clean_mention`` of a form: characters cut on the left and on the right, and what is
    left; None for junk. Cached: a document repeats its names, and every entity step
    (fragments, recall, grouping) cleans the same mentions."""
    if _CONTRACTION_PIECE.match(text.strip()):
        return None
    length = len(text)
    start, end, text = _strip_edges(0, length, text)
    match = _LEADING_THE.match(text)
    if match and match.end() < len(text) and label != "WORK_OF_ART":
        start, text = start + match.end(), text[match.end() :]
    score = _TRAILING_SCORE.search(text) if label not in NUMERIC_LABELS else None
    if score:
        end, text = end - len(score.group()), text[: score.start()]
    possessive = _TRAILING_POSSESSIVE.search(text)
    if possessive:
        end, text = end - len(possessive.group()), text[: possessive.start()]
    start, end, text = _strip_edges(start, end, text)
    if label not in NUMERIC_LABELS and label != "WORK_OF_ART":
        trimmed = _trim_dangling_words(text)
        if trimmed is None:
            return None
        end, text = end - (len(text) - len(trimmed)), trimmed
    if label == "PERSON":
        start, text = _strip_person_title(start, text)
        start, end, text = _strip_edges(start, end, text)  # "Mayor, Ann Lee": no ", Ann Lee"
    if _is_junk(text, label):
        return None
    return start, length - end, text


def _strip_person_title(start: int, text: str) -> tuple[int, str]:
    """``Mayor Daniel Okafor`` -> ``Daniel Okafor``: a role is not part of the name.

    Only when at least two words remain, so a title that is how someone is known
    (``Prince Harry``, ``Sen. Warren``) stays.
    """
    words = text.split(" ")
    # Punctuation is not a word: "Secretary , Group" keeps its title (one name word left).
    while _name_words(words[1:]) >= 2 and words[0].casefold() in TITLES:
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


_ARTICLES = frozenset({"the", "a", "an"})


def _name_words(words: list[str]) -> int:
    """Words that can be part of a name: not punctuation, not an article ("the Group")."""
    return sum(
        1 for word in words if any(ch.isalnum() for ch in word) and word.casefold() not in _ARTICLES
    )


def _trim_dangling_words(text: str) -> str | None:
    """``text`` without the function words it ends with ("Smith and" -> "Smith").

    None when a preposition dangled from a single word ("Group of", "Bank of"): the model cut
    the name short, and the word left over is a common noun, not a name.
    """
    if len(text.split(maxsplit=1)) < 2:
        return text
    words = list(re.finditer(r"\S+", text))
    cut_preposition = False
    while len(words) > 1:
        last = words[-1].group().strip(_EDGE_JUNK).casefold()
        if last in PREPOSITIONS:
            cut_preposition = True
        elif last and last not in _DANGLING_WORDS:
            break
        words.pop()
    if cut_preposition and len(words) == 1:
        return None
    return text[: words[-1].end()].rstrip(_EDGE_JUNK + " \t\n") if words else text


def _strip_edges(start: int, end: int, text: str) -> tuple[int, int, str]:
    stripped_left = text.lstrip(_EDGE_JUNK + " \t\n.")
    start += len(text) - len(stripped_left)
    stripped = stripped_left.rstrip(_EDGE_JUNK + " \t\n")
    end -= len(stripped_left) - len(stripped)
    return start, end, stripped


def _is_junk(text: str, label: str) -> bool:
    if len(text) < 2 or not any(ch.isalnum() for ch in text):
        return True
    if text[0] in "'’" or _CONTRACTION_PIECE.match(text):
        return True
    # A name the model found in lower case ("officials", "zero") is almost always noise.
    return label not in NUMERIC_LABELS and not any(ch.isupper() or ch.isdigit() for ch in text)


@lru_cache(maxsize=8192)
def form_key(text: str) -> str:
    """How surface forms compare: case, periods, apostrophe style and spacing do not count."""
    return " ".join(text.replace("’", "'").replace(".", "").casefold().split())


def _tokens(key: str) -> tuple[str, ...]:
    return tuple(token.strip(",") for token in key.split())


@dataclass(frozen=True)
class _Owner:
    """What a linkable short form may belong to: a full name and where it is mentioned.

    ``base`` is the short form an organisation owns (its name without the corporate suffix or
    the leading qualifier); people own every contiguous part of their name instead.
    """

    key: str
    label: str
    starts: tuple[int, ...]
    base: tuple[str, ...] = ()
    qualified: bool = False


def build_entities(
    mentions: Iterable[RawMention], context: Sequence[RawMention] = ()
) -> tuple[list[EntityMention], list[Entity]]:
    """Clean, relabel, link and group ``mentions`` (in any order) into mentions and entities.

    ``context`` mentions (e.g. people named in earlier paragraphs while streaming) take part in
    linking but are not reported.
    """
    cleaned = _dedupe(m for m in map(clean_mention, mentions) if m is not None)
    reported = {(m.start, m.end) for m in cleaned}
    everything = sorted({*cleaned, *(m for m in map(clean_mention, context) if m)}, key=_order)
    labels = _majority_labels(everything)
    owners = [
        *_people(everything, labels),
        *_companies(everything, labels),
        *_qualified_names(everything, labels),
    ]
    candidates: dict[str, list[_Owner]] = {}
    for key in labels:
        # A mention's own full name wins; otherwise every name it is a short form of competes.
        exact = [owner for owner in owners if owner.key == key]
        candidates[key] = exact or [owner for owner in owners if _owns(owner, key, labels)]
    group_of = {(m.start, m.end): _group_for(m, labels, candidates) for m in everything}
    shown = [m for m in everything if (m.start, m.end) in reported]
    return _assemble(shown, everything, group_of)


def _order(mention: RawMention) -> tuple[int, int]:
    return mention.start, -mention.end


def _dedupe(mentions: Iterable[RawMention]) -> list[RawMention]:
    kept: list[RawMention] = []
    for mention in sorted(mentions, key=_order):
        if kept and mention.start < kept[-1].end:
            continue  # overlapping spans: keep the first (and, at equal starts, the longest)
        kept.append(mention)
    return kept


def _majority_labels(mentions: Sequence[RawMention]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        counts[form_key(mention.text)][mention.label] += 1
    # Counter.most_common keeps first-seen order among equal counts: ties go to the first.
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}


def _people(mentions: Sequence[RawMention], labels: dict[str, str]) -> list[_Owner]:
    starts: dict[str, list[int]] = defaultdict(list)
    for mention in mentions:
        key = form_key(mention.text)
        if labels[key] == "PERSON" and len(_tokens(key)) >= 2:
            starts[key].append(mention.start)
    full_names = [
        key
        for key in starts
        if not any(_is_sub_run(_tokens(key), _tokens(other)) for other in starts if other != key)
    ]
    return [_Owner(key, "PERSON", tuple(starts[key])) for key in full_names]


def _companies(mentions: Sequence[RawMention], labels: dict[str, str]) -> list[_Owner]:
    starts: dict[str, list[int]] = defaultdict(list)
    for mention in mentions:
        key = form_key(mention.text)
        tokens = _tokens(key)
        if labels[key] == "ORG" and len(tokens) >= 2 and tokens[-1] in CORPORATE_SUFFIXES:
            starts[key].append(mention.start)
    return [_Owner(key, "ORG", tuple(found), _company_base(key)) for key, found in starts.items()]


def _qualified_names(mentions: Sequence[RawMention], labels: dict[str, str]) -> list[_Owner]:
    """Names led by a possessive or a place ("China's Foreign Ministry", "US State Department").

    Each owns the name without its qualifier ("Foreign Ministry"), when both are of a label
    that is neither a person nor a place nor a number.
    """
    places = {key for key, label in labels.items() if label in _QUALIFIER_LABELS}
    starts: dict[str, list[int]] = defaultdict(list)
    bases: dict[str, tuple[str, ...]] = {}
    for mention in mentions:
        key = form_key(mention.text)
        if labels[key] in _UNQUALIFIABLE_LABELS:
            continue
        tokens = _tokens(key)
        width = _qualifier_width(tokens, places)
        if width:
            starts[key].append(mention.start)
            bases[key] = tokens[width:]
    return [
        _Owner(key, labels[key], tuple(found), bases[key], qualified=True)
        for key, found in starts.items()
    ]


def _qualifier_width(tokens: tuple[str, ...], places: set[str]) -> int:
    """How many leading tokens qualify the name (possessive or place form), 0 when none."""
    for width in range(1, min(3, len(tokens) - 1) + 1):
        if tokens[width - 1].endswith(("'s", "'")) or " ".join(tokens[:width]) in places:
            return width
    return 0


def _is_sub_run(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when ``short`` is a contiguous proper part of ``full`` ("wang" of "wang yi")."""
    if not short or len(short) >= len(full):
        return False
    width = len(short)
    return any(full[i : i + width] == short for i in range(len(full) - width + 1))


def _company_base(key: str) -> tuple[str, ...]:
    tokens = list(_tokens(key))
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens.pop()
    return tuple(tokens)


def _owns(owner: _Owner, key: str, labels: dict[str, str]) -> bool:
    if owner.label == "PERSON":
        return _is_sub_run(_tokens(key), _tokens(owner.key))
    if owner.qualified and labels[key] in _UNQUALIFIABLE_LABELS:
        return False
    return _tokens(key) == owner.base and key != owner.key


def _group_for(
    mention: RawMention, labels: dict[str, str], candidates: dict[str, list[_Owner]]
) -> tuple[str, str]:
    """The (key, label) group a mention belongs to."""
    key = form_key(mention.text)
    owners = candidates[key]
    if labels[key] in NUMERIC_LABELS or not owners:
        return key, labels[key]
    if len(owners) == 1:
        return owners[0].key, owners[0].label
    preceding = _nearest_preceding(owners, mention.start)
    if preceding is None and all(owner.qualified for owner in owners):
        # "Foreign Ministry" before any of "China's" and "Russia's Foreign Ministry": unknown.
        return key, labels[key]
    chosen = preceding or max(owners, key=lambda owner: (len(owner.starts), -owner.starts[0]))
    return chosen.key, chosen.label


def _nearest_preceding(candidates: Sequence[_Owner], offset: int) -> _Owner | None:
    best: tuple[int, _Owner] | None = None
    for owner in candidates:
        index = bisect_left(owner.starts, offset) - 1  # starts are in text order
        if index >= 0 and (best is None or owner.starts[index] > best[0]):
            best = (owner.starts[index], owner)
    return best[1] if best else None


def _assemble(
    shown: Sequence[RawMention],
    everything: Sequence[RawMention],
    group_of: dict[tuple[int, int], tuple[str, str]],
) -> tuple[list[EntityMention], list[Entity]]:
    """Entities of the ``shown`` mentions, named from ``everything`` known about each group."""
    members: dict[tuple[str, str], list[RawMention]] = defaultdict(list)
    for mention in shown:
        members[group_of[(mention.start, mention.end)]].append(mention)
    all_forms: dict[tuple[str, str], list[RawMention]] = defaultdict(list)
    for mention in everything:
        all_forms[group_of[(mention.start, mention.end)]].append(mention)
    ids: dict[tuple[str, str], str] = {}
    entities: list[Entity] = []
    for group, found in members.items():  # dict order: by first mention
        name = _canonical_name(group[0], all_forms[group])
        ids[group] = _unique_id(group[1], name, set(ids.values()))
        spans = tuple((m.start, m.end) for m in found)
        entities.append(Entity(ids[group], name, group[1], len(found), spans))
    result = []
    for mention in shown:
        group = group_of[(mention.start, mention.end)]
        result.append(EntityMention(mention.start, mention.end, mention.text, group[1], ids[group]))
    return result, entities


def _canonical_name(group_key: str, found: Sequence[RawMention]) -> str:
    """The longest full form as written; among equals, the most frequent, then the first."""
    full_forms = [m.text for m in found if form_key(m.text) == group_key] or [m.text for m in found]
    frequency = Counter(full_forms)
    return max(
        dict.fromkeys(full_forms),
        key=lambda text: (len(text.split()), len(text), frequency[text]),
    )


def _unique_id(label: str, name: str, taken: set[str]) -> str:
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())
    base = f"{label.casefold()}-{slug or 'entity'}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
