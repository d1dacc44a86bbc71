"""CSV export: one row per annotation, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from reader.core.exporting.records import DocumentExport

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
)
TAG_SEPARATOR = "; "


def to_csv(bundles: Iterable[DocumentExport]) -> str:
    """A header row and one row per annotation (tags joined by ``; ``)."""
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
                    document.title,
                    document.source,
                    annotation.selector.exact,
                    annotation.note,
                    TAG_SEPARATOR.join(annotation.tags),
                    annotation.color,
                    annotation.status.value,
                    annotation.selector.start,
                    annotation.selector.end,
                    annotation.created,
                    annotation.modified,
                )
            )
    return buffer.getvalue()
