"""Collecting the first problems of an import file, each as ``json.path: reason``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from reader.core.exporting.records import DocumentExport
from reader.core.exporting.schema import MAX_PROBLEMS, json_path
from reader.core.models import Annotation, Document
from reader.core.text import sha256_of
from reader.errors import ImportFormatError, ReaderError

PathParts = tuple[str | int, ...]
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
"""The ids the store accepts (they name files); the export schema's ``recordId`` pattern."""


class Problems:
    """The problems found so far; raises them all as one ``ImportFormatError``."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.found: list[str] = []
        self.total = 0

    def add(self, path: PathParts, reason: str) -> None:
        """Record that the value at ``path`` is wrong because of ``reason``."""
        self.total += 1
        if len(self.found) < self.limit:
            self.found.append(f"{json_path(path)}: {reason}")

    def extend(self, messages: Iterable[str]) -> None:
        """Record already formatted ``path: reason`` messages."""
        for message in messages:
            self.total += 1
            if len(self.found) < self.limit:
                self.found.append(message)

    def raise_if_any(self) -> None:
        """Raise ``ImportFormatError`` naming the first problems, if there were any."""
        if not self.found:
            return
        more = self.total - len(self.found)
        suffix = f" (and {more} more)" if more > 0 else ""
        raise ImportFormatError("; ".join(self.found) + suffix)


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 time with a time zone, or None when ``value`` is not one."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def check_annotation(annotation: Annotation, path: PathParts, problems: Problems) -> None:
    """Checks no schema can express: spans that end before they start, impossible times."""
    selector = annotation.selector
    if annotation.sha256 and not SHA256_HEX.fullmatch(annotation.sha256):
        problems.add((*path, "sha256"), "not a SHA-256 hex digest")
    if selector.end < selector.start:
        problems.add(
            (*path, "selector", "end"),
            f"end {selector.end} is before start {selector.start}",
        )
    if annotation.correction is not None:
        _check_correction(annotation, path, problems)
    for key in ("created", "modified"):
        if parse_timestamp(getattr(annotation, key)) is None:
            problems.add((*path, key), "not a valid ISO 8601 time with a time zone")
    for index, move in enumerate(annotation.history):
        if not SHA256_HEX.fullmatch(move.sha256):
            problems.add((*path, "history", index, "sha256"), "not a SHA-256 hex digest")
        if parse_timestamp(move.moved) is None:
            problems.add((*path, "history", index, "moved"), "not a valid ISO 8601 time")
        if move.end < move.start:
            problems.add((*path, "history", index, "end"), "end is before start")


def _check_correction(annotation: Annotation, path: PathParts, problems: Problems) -> None:
    """A correction body whose parts fit together (an entity action on an entity, ...)."""
    from reader.core.corrections import make_correction

    body = annotation.correction
    assert body is not None
    try:
        make_correction(body.target, body.action, body.value, body.form, body.scope)
    except ReaderError as error:
        problems.add((*path, "correction"), str(error))


def check_document(document: Document, path: PathParts, problems: Problems) -> None:
    """What the schema's patterns cannot promise under Python: whole-value id and hash matches."""
    # ``$`` in a schema pattern also matches before a final newline when Python evaluates it.
    if not RECORD_ID.fullmatch(document.id):
        problems.add((*path, "id"), "not a valid id (letters, digits, - and _)")
    if not SHA256_HEX.fullmatch(document.sha256):
        problems.add((*path, "sha256"), "not a SHA-256 hex digest")
    for index, version in enumerate(document.versions):
        if not SHA256_HEX.fullmatch(version.sha256):
            problems.add((*path, "versions", index, "sha256"), "not a SHA-256 hex digest")


def check_text(bundle: DocumentExport, path: PathParts, problems: Problems) -> None:
    """A document's exported text must be the version its ``sha256`` names."""
    if bundle.text is not None and sha256_of(bundle.text) != bundle.document.sha256:
        problems.add((*path, "text"), "its SHA-256 does not match document.sha256")
