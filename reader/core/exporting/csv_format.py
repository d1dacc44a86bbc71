"""CSV export: one row per annotation, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from reader.core.exporting.records import DocumentExport
from reader.core.models import Annotation
from reader.core.sanitize import safe

CSV_COLUMNS = (
    "id",
    "document_id",
    "title",
    "source",
    "exact",
    "note",
    "tags",
    "color",
    "status",
    "start",
    "end",
    "created",
    "modified",
    "kind",
    "correction",
)
TAG_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet (CSV injection)."""


def cell(value: str) -> str:
    """A text cell that a spreadsheet shows as text: sanitised, and a leading formula
    character neutralised by a ``'`` (the OWASP rule), so ``=HYPERLINK(...)`` stays text."""
    return "'" + safe(value) if value.startswith(FORMULA_STARTS) else safe(value)


def _described(annotation: Annotation) -> str:
    """A correction's change in words (empty for a note)."""
    if annotation.correction is None:
        return ""
    from reader.core.corrections import describe

    return describe(annotation.correction)


def to_csv(bundles: Iterable[DocumentExport]) -> str:
    """A header row and one row per annotation (tags joined by ``; ``; a correction's change
    in words in the last column)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for bundle in bundles:
        document = bundle.document
        for annotation in bundle.annotations:
            writer.writerow(
                (
                    annotation.id,
                    document.id,
                    cell(document.title),
                    cell(document.source),
                    cell(annotation.selector.exact),
                    cell(annotation.note),
                    cell(TAG_SEPARATOR.join(annotation.tags)),
                    cell(annotation.color),
                    annotation.status.value,
                    annotation.selector.start,
                    annotation.selector.end,
                    annotation.created,
                    annotation.modified,
                    annotation.kind,
                    cell(_described(annotation)),
                )
            )
    return buffer.getvalue()
