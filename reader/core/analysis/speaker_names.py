"""Speaker phrases to canonical names, through the document's entities (``Resolver``).

A short name maps to the PERSON entity whose name contains it, the one mentioned most
recently when several fit (two people called Wang); a mention inside an entity takes that
entity's name. Split from ``speakers`` (which finds the phrases) to keep each module small.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.core.analysis.quotes import TITLES, clean_name
from reader.core.analysis.results import Entity, EntityMention
from reader.core.analysis.speakers import Mention


class Resolver:
    """Resolves speaker phrases to canonical names using the document's entities."""

    def __init__(self, entity_index: Sequence[Entity], mentions: Sequence[EntityMention]) -> None:
        self.entities = {entity.id: entity for entity in entity_index}
        self.people = [entity for entity in entity_index if entity.label == "PERSON"]
        self.mentions = sorted(mentions, key=lambda mention: mention.start)
        self.mention_starts = [mention.start for mention in self.mentions]
        self.person_spans = sorted(
            ((start, end, entity) for entity in self.people for start, end in entity.mentions),
            key=lambda found: (found[0], found[1]),
        )
        self.person_starts = [start for start, _, _ in self.person_spans]

    def _covering(self, mention: Mention) -> list[EntityMention]:
        """Entity mentions covering ``mention`` (mentions do not nest deeply: look back a few)."""
        index = bisect_right(self.mention_starts, mention.start)
        nearby = self.mentions[max(0, index - 4) : index]
        return [known for known in nearby if mention.end <= known.end]

    def name_for(self, mention: Mention, before: int) -> str | None:
        """The canonical name of a proper-name mention, or None when no entity fits."""
        covering = self._covering(mention)
        for known in covering:
            entity = self.entities.get(known.entity)
            if entity is not None and entity.label == "PERSON":
                return clean_name(entity.name)
        person = self.person_containing(mention.text, before)
        if person is not None:
            return clean_name(person.name)
        for known in covering:
            if (known.start, known.end) == (mention.start, mention.end):
                entity = self.entities.get(known.entity)
                return clean_name(entity.name) if entity is not None else None
        return None

    def person_containing(self, text: str, before: int) -> Entity | None:
        """The PERSON entity whose name holds every word of ``text`` (titles aside).

        Several may fit ("Wang" in "Wang Yi" and "Wang Wenbin"): the one mentioned last
        before ``before`` wins, else the first one mentioned after it.
        """
        words = [w for w in text.casefold().replace("’s", "").split() if w not in TITLES]
        if not words:
            return None
        fitting = [
            person for person in self.people if set(words) <= set(person.name.casefold().split())
        ]
        if not fitting:
            return None
        return max(fitting, key=lambda person: self._recency(person, before))

    def _recency(self, person: Entity, before: int) -> tuple[int, int]:
        earlier = [start for start, _ in person.mentions if start < before]
        if earlier:
            return (1, max(earlier))
        later = [start for start, _ in person.mentions]
        return (0, -min(later) if later else -(10**12))

    def last_person_before(self, position: int, floor: int = 0) -> Entity | None:
        """The PERSON entity mentioned last before ``position`` (and at or after ``floor``)."""
        index = bisect_left(self.person_starts, position) - 1
        if index >= 0 and self.person_starts[index] >= floor:
            return self.person_spans[index][2]
        return None
