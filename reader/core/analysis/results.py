"""Analysis results: entity mentions, grouped entities and attributed quotations.

These records never need spaCy: they are what the analysis produces, what the cache stores and
what the UI, search and CLI read. Offsets are character offsets into the normalised document
text, end exclusive. The JSON shape is documented in ``docs/ANALYSIS.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar

from reader.core.analysis.labels import LABEL_GROUPS as LABEL_GROUPS
from reader.core.analysis.labels import label_group as label_group


class QuoteForm(StrEnum):
    """How the words are given: quoted as said, reported without marks, or a quoted part of
    reported speech ("called it “unexplained and sudden”")."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class QuoteKind(StrEnum):
    """What a quotation is: spoken words, written words, or a short quoted term."""

    SPOKEN = "spoken"
    WRITTEN = "written"
    TERM = "term"


def _marked(record: dict[str, Any], corrected: bool) -> dict[str, Any]:
    """``record`` with ``"corrected": true`` added when a correction applied to it."""
    if corrected:
        record["corrected"] = True
    return record


_Item = TypeVar("_Item", "EntityMention", "Entity", "Quote")


def _corrected(item: _Item, data: dict[str, Any]) -> _Item:
    """``item`` marked corrected when its record says so (``from_dict``)."""
    return replace(item, corrected=True) if data.get("corrected") is True else item


@dataclass(frozen=True)
class Span:
    """A piece of the text: offsets and the text itself."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """Inverse of ``to_dict``."""
        return cls(text=str(data["text"]), start=int(data["start"]), end=int(data["end"]))


@dataclass(frozen=True)
class EntityMention:
    """One mention of an entity in the text. ``entity`` is the id of its ``Entity`` group."""

    start: int
    end: int
    text: str
    label: str
    entity: str
    corrected: bool = False
    """A reader's correction changed this mention (see ``reader.core.corrections``)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        record = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "entity": self.entity,
        }
        return _marked(record, self.corrected)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityMention:
        """Inverse of ``to_dict``."""
        record = cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            label=str(data["label"]),
            entity=str(data["entity"]),
        )
        return _corrected(record, data)


@dataclass(frozen=True)
class Entity:
    """One real-world thing the document talks about, with all its mentions grouped."""

    id: str
    name: str
    label: str
    count: int
    mentions: tuple[tuple[int, int], ...] = ()
    corrected: bool = False
    """A reader's correction changed this entity's mentions, label or name."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        record = {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "count": self.count,
            "mentions": [list(m) for m in self.mentions],
        }
        return _marked(record, self.corrected)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Inverse of ``to_dict``."""
        record = cls(
            id=str(data["id"]),
            name=str(data["name"]),
            label=str(data["label"]),
            count=int(data["count"]),
            mentions=tuple((int(a), int(b)) for a, b in data.get("mentions", [])),
        )
        return _corrected(record, data)


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation: the mention as written and the resolved canonical name."""

    text: str
    start: int
    end: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        """Inverse of ``to_dict``."""
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            name=str(data["name"]),
        )


@dataclass(frozen=True)
class Quote:
    """A quotation with its kind, form, speaker and cue.

    For ``direct`` and ``mixed`` quotes ``start``/``end`` cover the quotation marks; for an
    ``indirect`` quote (reported speech) they cover the reported words. ``content`` is the
    reported clause of indirect and mixed quotes ("the plan would go ahead" of "The minister
    said that the plan would go ahead"), ``None`` for direct ones. Results read from an older
    cache have no form: they are direct.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker | None = None
    cue: Span | None = None
    corrected: bool = False
    """A reader's correction set this quote's speaker or added it."""
    form: QuoteForm = QuoteForm.DIRECT
    content: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        record = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind.value,
            "form": self.form.value,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict() if self.content else None,
        }
        return _marked(record, self.corrected)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        """Inverse of ``to_dict``."""
        speaker = data.get("speaker")
        cue = data.get("cue")
        content = data.get("content")
        record = cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=QuoteKind(data["kind"]),
            speaker=Speaker.from_dict(speaker) if speaker else None,
            cue=Span.from_dict(cue) if cue else None,
            form=QuoteForm(data.get("form", QuoteForm.DIRECT.value)),
            content=Span.from_dict(content) if content else None,
        )
        return _corrected(record, data)


@dataclass(frozen=True)
class ModelInfo:
    """Which spaCy pipeline produced a result (``blank`` when no model was available)."""

    name: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class Analysis:
    """The whole analysis of one document text."""

    sha256: str
    model: ModelInfo
    entities: tuple[EntityMention, ...] = ()
    entity_index: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (without the ``document`` object the CLI adds)."""
        return {
            "sha256": self.sha256,
            "model": self.model.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "entity_index": [e.to_dict() for e in self.entity_index],
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Inverse of ``to_dict``."""
        model = data["model"]
        return cls(
            sha256=str(data["sha256"]),
            model=ModelInfo(name=str(model["name"]), version=str(model["version"])),
            entities=tuple(EntityMention.from_dict(e) for e in data.get("entities", [])),
            entity_index=tuple(Entity.from_dict(e) for e in data.get("entity_index", [])),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            warnings=tuple(str(w) for w in data.get("warnings", [])),
        )


@dataclass(frozen=True)
class ParagraphResult:
    """What streaming analysis reports for one paragraph, before document-level clean-up.

    The UI paints these as they arrive; the final ``Analysis`` replaces them when done.
    """

    index: int
    start: int
    end: int
    entities: tuple[EntityMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
