"""Undo and redo for the reading screen: a history of annotation changes (no Textual).

Each change keeps the annotation before and after it, so both directions are plain service
calls: undoing a creation deletes it, undoing an edit writes the old note back, undoing a
delete restores the record as it was; redo does the opposite. A new change clears the redo
stack, as in every editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from reader.core.text import quoted

if TYPE_CHECKING:
    from reader.core.models import Annotation
    from reader.core.service import ReaderService

Kind = Literal["created", "edited", "deleted"]
_VERBS = {"created": "creating", "edited": "editing", "deleted": "deleting"}
PASSAGE_WORDS = 6


class Change(NamedTuple):
    """One change to one annotation: ``before`` is None for a creation, ``after`` for a delete
    (a named tuple, not a frozen dataclass: it is created on the start path, in a fifth of
    the time)."""

    kind: Kind
    before: Annotation | None
    after: Annotation | None

    @property
    def annotation(self) -> Annotation:
        """The annotation concerned (as it is after the change, if it still exists)."""
        found = self.after or self.before
        assert found is not None
        return found

    def describe(self) -> str:
        """``creating the note on “first words…”`` and so on."""
        words = self.annotation.selector.exact.split()
        passage = " ".join(words[:PASSAGE_WORDS]) + ("…" if len(words) > PASSAGE_WORDS else "")
        return f"{_VERBS[self.kind]} the note on {quoted(passage)}"


class ChangeHistory:
    """Undo and redo stacks of ``Change``; applying them goes through the service."""

    def __init__(self) -> None:
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []

    def record(self, kind: Kind, before: Annotation | None, after: Annotation | None) -> None:
        """A change the reader just made."""
        self.undo_stack.append(Change(kind, before, after))
        self.redo_stack.clear()

    def undo(self, service: ReaderService) -> Change | None:
        """Revert the latest change (None if there is none); it moves to the redo stack."""
        if not self.undo_stack:
            return None
        change = self.undo_stack[-1]
        if change.kind == "created" and change.after is not None:
            service.delete_annotation(change.after.id)
        elif change.kind == "deleted" and change.before is not None:
            service.restore_annotation(change.before)
        elif change.before is not None:
            _write(service, change.before)
        self.redo_stack.append(self.undo_stack.pop())
        return change

    def redo(self, service: ReaderService) -> Change | None:
        """Make the latest undone change again (None if there is none)."""
        if not self.redo_stack:
            return None
        change = self.redo_stack[-1]
        if change.kind == "created" and change.after is not None:
            service.restore_annotation(change.after)
        elif change.kind == "deleted" and change.before is not None:
            service.delete_annotation(change.before.id)
        elif change.after is not None:
            _write(service, change.after)
        self.undo_stack.append(self.redo_stack.pop())
        return change


def _write(service: ReaderService, annotation: Annotation) -> None:
    service.edit_annotation(
        annotation.id, note=annotation.note, tags=annotation.tags, color=annotation.color
    )
