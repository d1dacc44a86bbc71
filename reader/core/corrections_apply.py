"""The two halves of applying corrections: entity mentions (and their grouping), then quotes.

Both take the corrections oldest first and change a working copy one correction at a time,
so a newer correction of the same item overrides an older one. Every item a correction
touched carries ``corrected=True``. See ``reader.core.corrections`` for the whole story.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import fields, replace
from enum import Enum
from typing import Any

from reader.core.analysis.results import Entity, EntityMention, Quote, QuoteKind, Speaker
from reader.core.models import Annotation, Correction


def entity_id(label: str, name: str) -> str:
    """The id an entity of ``label`` named ``name`` gets (the analysis's own scheme)."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())
    return f"{label.casefold()}-{slug or 'entity'}"


class _Spans:
    """Items sorted by start, answering "which one shares most with start:end" by bisection.

    A long document has a hundred thousand mentions: each correction looks at the few
    items near its passage, not at all of them.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.longest = max((end - start for start, end in spans), default=0)

    def best(self, start: int, end: int, skip: Collection[int] = ()) -> int | None:
        """The index of the item sharing most characters with ``start:end`` (None: none);
        the earliest among equals; indices in ``skip`` are not candidates."""
        best, most = None, 0
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.starts[index] >= start - self.longest:
            shared = min(end, self.ends[index]) - max(start, self.starts[index])
            if shared > 0 and shared >= most and index not in skip:
                best, most = index, shared
            index -= 1
        return best


class _Grouping:
    """The mentions being corrected, and the names and labels of the entities they form.

    The analysis's own mentions keep their places (sorted, indexed once); a removed one is
    only marked, an added one goes after them: no correction rebuilds the lookups.
    """

    def __init__(self, mentions: Sequence[EntityMention], index: Sequence[Entity]) -> None:
        self.mentions = list(mentions)
        self.known = len(self.mentions)
        self.removed: set[int] = set()
        self.touched: set[str] = set()
        """Ids of the entities whose mentions changed (the others are kept as they are)."""
        self.names = {entity.id: entity.name for entity in index}
        self.labels = {entity.id: entity.label for entity in index}
        self.live = Counter(mention.entity for mention in self.mentions)
        """Mentions per entity id now: an entity left without any no longer exists."""
        self.spans = _Spans([(m.start, m.end) for m in self.mentions])
        self.by_text: dict[str, list[int]] = {}
        for position, mention in enumerate(self.mentions):
            self.by_text.setdefault(mention.text, []).append(position)

    def result(self) -> list[EntityMention]:
        """The corrected mentions in text order."""
        kept = [m for i, m in enumerate(self.mentions) if i not in self.removed]
        if len(self.mentions) > self.known:  # added mentions go to their places
            kept.sort(key=lambda m: (m.start, m.end))
        return kept

    def _own(self, start: int, end: int) -> int | None:
        """The live mention sharing most with ``start:end`` (added ones too)."""
        own = self.spans.best(start, end, self.removed)
        most = 0
        if own is not None:
            mention = self.mentions[own]
            most = min(end, mention.end) - max(start, mention.start)
        for position in range(self.known, len(self.mentions)):
            mention = self.mentions[position]
            shared = min(end, mention.end) - max(start, mention.start)
            if shared > most and position not in self.removed:
                own, most = position, shared
        return own

    def targets(self, annotation: Annotation, body: Correction) -> list[int]:
        """Indices of the mentions a correction is about: its own, or every identical one."""
        selector = annotation.selector
        own = self._own(selector.start, selector.end)
        if body.scope == "only-this":
            return [] if own is None else [own]
        text = self.mentions[own].text if own is not None else selector.exact
        found = self.by_text.get(text, [])
        return [i for i in found if i not in self.removed]

    def named(self, name: str) -> str | None:
        """The id of the entity called ``name`` (ignoring case), if there is one."""
        wanted = name.casefold()
        found = (i for i, n in self.names.items() if self.live[i] and n.casefold() == wanted)
        return next(found, None)

    def fresh_id(self, label: str, name: str) -> str:
        """A new entity id for ``name`` that no existing entity has."""
        base = candidate = entity_id(label, name)
        number = 2
        while self.live[candidate]:
            candidate, number = f"{base}-{number}", number + 1
        self._name(candidate, name, label)
        return candidate

    def _name(self, entity: str, name: str, label: str) -> None:
        """Name an entity that has no mentions yet (an existing one keeps its name)."""
        if not self.live[entity]:
            self.names[entity] = name
            self.labels[entity] = label

    def _move(self, position: int, mention: EntityMention | None) -> None:
        """Replace (or, with None, remove) the mention at ``position``, keeping the counts."""
        old = self.mentions[position]
        self.live[old.entity] -= 1
        self.touched.add(old.entity)
        if mention is None:
            self.removed.add(position)
            return
        self.mentions[position] = mention
        self.live[mention.entity] += 1
        self.touched.add(mention.entity)

    def apply(self, annotation: Annotation, body: Correction) -> None:
        """Change the working mentions as ``body`` says."""
        chosen = self.targets(annotation, body)
        if body.action == "not-entity":
            for i in chosen:
                self._move(i, None)
            return
        if not chosen:
            if body.action == "label":
                self._add(annotation, body.value)
            return
        first = self.mentions[chosen[0]]
        target = self._group_for(body, first)
        for i in chosen:
            self._move(i, self._changed(self.mentions[i], body, target))

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
            self._name(new, name, body.value)
            return replace(mention, label=body.value, entity=new, corrected=True)
        label = self.labels.get(target, mention.label)
        return replace(mention, entity=target, label=label, corrected=True)

    def _add(self, annotation: Annotation, label: str) -> None:
        selector = annotation.selector
        name = selector.exact
        if not name.strip():
            return  # no mention to make of spaces
        new = entity_id(label, name)
        self._name(new, name, label)
        mention = EntityMention(selector.start, selector.end, name, label, new, corrected=True)
        self.by_text.setdefault(name, []).append(len(self.mentions))
        self.mentions.append(mention)
        self.live[new] += 1
        self.touched.add(new)


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
    mentions = grouping.result()
    return tuple(mentions), _regroup(grouping, mentions, index)


def _regroup(
    grouping: _Grouping, mentions: Sequence[EntityMention], index: Sequence[Entity]
) -> tuple[Entity, ...]:
    """The entity index of the corrected mentions: known entities first, in their order.

    Only the entities a correction touched are rebuilt; the others are kept as they were.
    """
    touched = grouping.touched
    members: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        if mention.entity in touched:
            members.setdefault(mention.entity, []).append(mention)
    before = {entity.id for entity in index}
    result: list[Entity] = []
    for old in index:
        if old.id not in touched:
            result.append(old)
        elif old.id in members:
            result.append(_rebuilt(grouping, old.id, members[old.id], old))
    for entity, found in members.items():
        if entity not in before:
            result.append(_rebuilt(grouping, entity, found, None))
    return tuple(result)


def _rebuilt(
    grouping: _Grouping, entity: str, found: list[EntityMention], old: Entity | None
) -> Entity:
    spans = tuple((m.start, m.end) for m in found)
    label = Counter(m.label for m in found).most_common(1)[0][0]
    name = grouping.names.get(entity, found[0].text)
    changed = (
        old is None
        or old.mentions != spans
        or old.label != label
        or old.corrected
        or any(m.corrected for m in found)
    )
    return Entity(entity, name, label, len(found), spans, changed)


def correct_quotes(
    quotes: Sequence[Quote],
    mentions: Sequence[EntityMention],
    index: Sequence[Entity],
    fixes: Sequence[Annotation],
) -> tuple[Quote, ...]:
    """Quotes after the speaker and quote corrections ``fixes`` (oldest first)."""
    if not fixes:
        return tuple(quotes)
    working = sorted(quotes, key=lambda q: (q.start, q.end))
    spans = _Spans([(q.start, q.end) for q in working])
    speakers = _Speakers(mentions, index)
    for annotation in fixes:
        body = annotation.correction
        assert body is not None
        selector = annotation.selector
        found = spans.best(selector.start, selector.end)
        if body.action == "not-a-quote":
            if found is not None:
                del working[found]
                spans = _Spans([(q.start, q.end) for q in working])
            continue
        speaker = speakers.named(body.value, selector.start)
        if body.action == "speaker" and found is not None:
            working[found] = replace(working[found], speaker=speaker, corrected=True)
            continue
        # An added quote (or a speaker for a passage the analysis did not take for one).
        added = Quote(
            selector.start, selector.end, selector.exact, QuoteKind.SPOKEN, speaker, corrected=True
        )
        added = _with_form(added, body.form)
        if found is not None:
            del working[found]
        insort(working, added, key=lambda q: (q.start, q.end))
        spans = _Spans([(q.start, q.end) for q in working])
    return tuple(working)


class _Speakers:
    """Speakers by name: a person of the document, pointing at one of its mentions."""

    def __init__(self, mentions: Sequence[EntityMention], index: Sequence[Entity]) -> None:
        self.mentions = mentions
        self.index = index
        self._at: dict[tuple[int, int], EntityMention] | None = None

    def named(self, name: str, before: int) -> Speaker | None:
        """The speaker called ``name``: the entity's nearest mention before the quote when
        the document names it, else the name as typed (``None`` for nobody known)."""
        if not name:
            return None
        wanted = name.casefold()
        entity = next((e for e in self.index if e.name.casefold() == wanted), None)
        if entity is None or not entity.mentions:
            shown = entity.name if entity is not None else name
            return Speaker(shown, before, before, shown)
        if self._at is None:
            self._at = {(m.start, m.end): m for m in self.mentions}
        spans = sorted(entity.mentions)
        position = bisect_left(spans, (before, -1)) - 1
        chosen = self._at.get(spans[max(position, 0)])
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
