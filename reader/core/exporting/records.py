"""The record every format converts from and to: one document, maybe its text, its annotations."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.models import Annotation, Document

EXPORT_FORMATS = ("json", "w3c", "markdown", "csv")
"""Formats ``reader export`` writes."""

IMPORT_FORMATS = ("json", "w3c")
"""Formats ``reader import`` reads (detected from the file's content)."""


@dataclass(frozen=True)
class DocumentExport:
    """One document of an export: its record, its text when exported with text, its annotations."""

    document: Document
    text: str | None
    annotations: tuple[Annotation, ...]
