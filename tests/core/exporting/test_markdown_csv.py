"""Markdown (for Obsidian) and CSV (for spreadsheets) exports."""

from __future__ import annotations

import csv
import io

from reader.core.exporting.csv_format import CSV_COLUMNS
from reader.core.exporting.markdown import markdown_tag
from reader.core.models import Annotation
from reader.core.service import ReaderService


def test_markdown_has_a_section_per_document(filled_service: ReaderService) -> None:
    text = filled_service.export_text("markdown")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert sorted(headings) == ["## Blinken in Beijing", "## Piped", "## Web"]
    for document in filled_service.store.list_documents():
        assert f"Source: {document.source}" in text


def test_markdown_quotes_each_passage_with_its_note_and_tags(
    filled_service: ReaderService, filled_annotations: list[Annotation]
) -> None:
    text = filled_service.export_text("markdown")
    sample = next(a for a in filled_annotations if "politics" in a.tags)
    quoted = "\n".join(f"> {line}" for line in sample.selector.exact.split("\n"))
    # The quote is followed by a blank line and the tags, since this annotation has no note.
    assert f"{quoted}\n\n#politics #china #us-relations\n" in text
    noted = next(a for a in filled_annotations if a.note == "ünïcödé ✓ 中文")
    quoted = "\n".join(f"> {line}" for line in noted.selector.exact.split("\n"))
    assert f"{quoted}\n\nünïcödé ✓ 中文\n\n#日本 #tag-with-spaces\n" in text
    assert "- [link](http://x.y)" in text


def test_markdown_tags_have_no_spaces() -> None:
    assert markdown_tag("us relations") == "#us-relations"
    assert markdown_tag("  a \t b  ") == "#a-b"
    assert markdown_tag("#already") == "#already"


def test_csv_has_one_row_per_annotation(
    filled_service: ReaderService, filled_annotations: list[Annotation]
) -> None:
    rows = list(csv.DictReader(io.StringIO(filled_service.export_text("csv"), newline="")))
    assert len(rows) == len(filled_annotations) == 6
    assert list(rows[0]) == list(CSV_COLUMNS)
    documents = {d.id: d for d in filled_service.store.list_documents()}
    by_id = {row["id"]: row for row in rows}
    for annotation in filled_annotations:
        row = by_id[annotation.id]
        document = documents[annotation.document_id]
        assert row["document_id"] == document.id
        assert row["title"] == document.title
        assert row["source"] == document.source
        assert row["exact"] == annotation.selector.exact
        assert row["note"] == annotation.note
        assert row["tags"] == "; ".join(annotation.tags)
        assert (row["start"], row["end"]) == (
            str(annotation.selector.start),
            str(annotation.selector.end),
        )
        assert (row["color"], row["status"]) == (annotation.color, annotation.status.value)
        assert (row["created"], row["modified"]) == (annotation.created, annotation.modified)


def test_csv_keeps_multiline_notes_in_one_field(
    filled_service: ReaderService, filled_annotations: list[Annotation]
) -> None:
    rows = list(csv.reader(io.StringIO(filled_service.export_text("csv"), newline="")))
    notes = {row[CSV_COLUMNS.index("note")] for row in rows[1:]}
    assert "**Bold** note\n\n- a list\n- [link](http://x.y)" in notes
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
