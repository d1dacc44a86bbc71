"""The two halves of applying corrections: entity mentions (and their grouping), then quotes.

Both take the corrections oldest first and change a working copy one correction at a time,
so a newer correction of the same item overrides an older one. Every item a correction
touched carries ``corrected=True``. See ``reader.core.corrections`` for the whole story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import fields, replace
from enum import Enum
from typing import Any

from reader.core.analysis.results import Entity, EntityMention, Quote, QuoteKind, Speaker
from reader.core.models import Annotation, Correction


def entity_id(label: str, name: str) -> str:
    """The id an entity of ``label`` named ``name`` gets (the analysis's own scheme)."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())
    return f"{label.casefold()}-{slug or 'entity'}"


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, min(end, other_end) - max(start, other_start))


def _best(spans: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    """The index of the span sharing most characters with ``start:end`` (None: none does)."""
    best, most = None, 0
    for index, (span_start, span_end) in enumerate(spans):
        shared = _overlap(start, end, span_start, span_end)
        if shared > most:
            best, most = index, shared
    return best


class _Grouping:
    """The mentions being corrected and the names of the entities they belong to."""

    def __init__(self, mentions: Sequence[EntityMention], index: Sequence[Entity]) -> None:
        self.mentions = list(mentions)
        self.names = {entity.id: entity.name for entity in index}

    def targets(self, annotation: Annotation, body: Correction) -> list[int]:
        """Indices of the mentions a correction is about: its own, or every identical one."""
        selector = annotation.selector
        spans = [(m.start, m.end) for m in self.mentions]
        own = _best(spans, selector.start, selector.end)
        if body.scope == "only-this":
            return [] if own is None else [own]
        text = self.mentions[own].text if own is not None else selector.exact
        return [i for i, m in enumerate(self.mentions) if m.text == text]

    def named(self, name: str) -> str | None:
        """The id of the entity called ``name`` (ignoring case), if there is one."""
        wanted = name.casefold()
        return next((i for i, n in self.names.items() if n.casefold() == wanted), None)

    def fresh_id(self, label: str, name: str) -> str:
        """A new entity id for ``name`` that no entity has yet."""
        base = candidate = entity_id(label, name)
        number = 2
        while candidate in self.names:
            candidate, number = f"{base}-{number}", number + 1
        self.names[candidate] = name
        return candidate

    def apply(self, annotation: Annotation, body: Correction) -> None:
        """Change the working mentions as ``body`` says."""
        chosen = self.targets(annotation, body)
        if body.action == "not-entity":
            self.mentions = [m for i, m in enumerate(self.mentions) if i not in set(chosen)]
            return
        if not chosen:
            if body.action == "label":
                self._add(annotation, body.value)
            return
        first = self.mentions[chosen[0]]
        target = self._group_for(body, first)
        for i in chosen:
            self.mentions[i] = self._changed(self.mentions[i], body, target)

    def _group_for(self, body: Correction, first: EntityMention) -> str:
        """The entity the chosen mentions join (a label change decides per mention)."""
        if body.action == "same-as":
            return self.named(body.value) or self.fresh_id(first.label, body.value)
        if body.action == "split":
            # The chosen mentions leave their group for one entity of their own.
            return self.fresh_id(first.label, first.text)
        return ""

    def _changed(self, mention: EntityMention, body: Correction, target: str) -> EntityMention:
        if body.action == "label":
            name = self.names.get(mention.entity, mention.text)
            new = entity_id(body.value, name)
            self.names.setdefault(new, name)
            return replace(mention, label=body.value, entity=new, corrected=True)
        label = _label_of(self.mentions, target, mention.label)
        return replace(mention, entity=target, label=label, corrected=True)

    def _add(self, annotation: Annotation, label: str) -> None:
        selector = annotation.selector
        name = selector.exact
        new = entity_id(label, name)
        self.names.setdefault(new, name)
        mention = EntityMention(selector.start, selector.end, name, label, new, corrected=True)
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: (m.start, m.end))


def _label_of(mentions: Sequence[EntityMention], entity: str, default: str) -> str:
    labels = [m.label for m in mentions if m.entity == entity]
    return Counter(labels).most_common(1)[0][0] if labels else default


def correct_entities(
    mentions: Sequence[EntityMention], index: Sequence[Entity], fixes: Sequence[Annotation]
) -> tuple[tuple[EntityMention, ...], tuple[Entity, ...]]:
    """Mentions and entity index after the entity corrections ``fixes`` (oldest first)."""
    if not fixes:
        return tuple(mentions), tuple(index)
    grouping = _Grouping(mentions, index)
    for annotation in fixes:
        assert annotation.correction is not None
        grouping.apply(annotation, annotation.correction)
    return tuple(grouping.mentions), _regroup(grouping, index)


def _regroup(grouping: _Grouping, index: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entity index of the corrected mentions: known entities first, in their order."""
    members: dict[str, list[EntityMention]] = {}
    for mention in grouping.mentions:
        members.setdefault(mention.entity, []).append(mention)
    before = {entity.id: entity for entity in index}
    order = [e.id for e in index if e.id in members] + [i for i in members if i not in before]
    result: list[Entity] = []
    for entity in order:
        found = members[entity]
        spans = tuple((m.start, m.end) for m in found)
        label = Counter(m.label for m in found).most_common(1)[0][0]
        old = before.get(entity)
        name = grouping.names.get(entity, found[0].text)
        changed = old is None or old.mentions != spans or old.label != label or old.corrected
        result.append(Entity(entity, name, label, len(found), spans, changed))
    return tuple(result)


def correct_quotes(
    quotes: Sequence[Quote],
    mentions: Sequence[EntityMention],
    index: Sequence[Entity],
    fixes: Sequence[Annotation],
) -> tuple[Quote, ...]:
    """Quotes after the speaker and quote corrections ``fixes`` (oldest first)."""
    if not fixes:
        return tuple(quotes)
    working = list(quotes)
    for annotation in fixes:
        body = annotation.correction
        assert body is not None
        selector = annotation.selector
        found = _best([(q.start, q.end) for q in working], selector.start, selector.end)
        if body.action == "not-a-quote":
            if found is not None:
                del working[found]
            continue
        speaker = _speaker(body.value, selector.start, mentions, index)
        if body.action == "speaker" and found is not None:
            working[found] = replace(working[found], speaker=speaker, corrected=True)
            continue
        # An added quote (or a speaker for a passage the analysis did not take for one).
        added = Quote(
            selector.start, selector.end, selector.exact, QuoteKind.SPOKEN, speaker, corrected=True
        )
        added = _with_form(added, body.form)
        if found is not None:
            working[found] = added
        else:
            working.append(added)
    working.sort(key=lambda q: (q.start, q.end))
    return tuple(working)


def _speaker(
    name: str, before: int, mentions: Sequence[EntityMention], index: Sequence[Entity]
) -> Speaker | None:
    """The speaker called ``name``: its nearest mention before the quote when the document
    names that entity, else just the name as typed (``None`` for nobody known)."""
    if not name:
        return None
    wanted = name.casefold()
    entity = next((e for e in index if e.name.casefold() == wanted), None)
    if entity is None:
        return Speaker(name, before, before, name)
    own = [m for m in mentions if m.entity == entity.id]
    earlier = [m for m in own if m.start < before]
    chosen = earlier[-1] if earlier else (own[0] if own else None)
    if chosen is None:
        return Speaker(entity.name, before, before, entity.name)
    return Speaker(chosen.text, chosen.start, chosen.end, entity.name)


def _with_form(quote: Quote, form: str) -> Quote:
    """``quote`` with ``form`` set, when quotes have a form (read defensively: its type is
    the analysis's business)."""
    if not form or "form" not in {f.name for f in fields(Quote)}:
        return quote
    current = getattr(quote, "form", None)
    try:
        value: Any = type(current)(form) if isinstance(current, Enum) else form
        changes: dict[str, Any] = {"form": value}
        return replace(quote, **changes)
    except (TypeError, ValueError):
        return quote
