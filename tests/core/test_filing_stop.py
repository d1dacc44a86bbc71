"""Stopping a long filing (Escape in the TUI) at its safe points: before the document's
record is written (nothing stored) or while its notes are placed (the new version is filed,
the notes keep their stored records and are placed on the next open). Never half a record."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import anchoring
from reader.core.service import ReaderService
from reader.errors import FilingStopped

ARTICLE = "Ministers met in Geneva on Monday.\nNobody expected a deal this week.\n"
MOVED = "A new first line.\n" + ARTICLE


@pytest.fixture
def service(db_path: Path) -> ReaderService:
    return ReaderService.open(db_path)


def test_placing_stops_when_asked_and_writes_nothing(
    service: ReaderService, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    opened = service.open_document(str(path))
    notes = [
        service.add_annotation(opened.document.id, 0, 9),
        service.add_annotation(opened.document.id, 35, 41),
    ]
    asked: list[int] = []

    def stop_on_second() -> bool:
        asked.append(1)
        return len(asked) > 1

    assert anchoring.reanchor_until(notes, MOVED, "x" * 64, stop_on_second) is None
    assert anchoring.reanchor_until(notes, MOVED, "x" * 64, lambda: False) is not None


def test_a_filing_stopped_before_it_writes_stores_nothing(
    service: ReaderService, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    preview = service.preview_source(str(path))
    with pytest.raises(FilingStopped) as stopped:
        service.file_preview(preview, stop=lambda: True)
    assert not stopped.value.filed and "nothing was stored" in str(stopped.value)
    assert service.list_documents() == []


def test_a_filing_stopped_while_placing_keeps_every_note_record_whole(
    service: ReaderService, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = service.open_document(str(path)).document
    note = service.add_annotation(document.id, ARTICLE.index("Nobody"), ARTICLE.index(" a deal"))
    path.write_text(MOVED, encoding="utf-8")
    preview = service.preview_source(str(path))
    calls: list[int] = []

    def stop_when_placing() -> bool:
        calls.append(1)
        return len(calls) > 1  # the first ask (before writing) goes on; placing stops

    with pytest.raises(FilingStopped) as stopped:
        service.file_preview(preview, stop=stop_when_placing)
    assert stopped.value.filed
    filed = service.get_document(document.id)
    assert filed.sha256 == preview.loaded.sha256 and len(filed.versions) == 2
    assert service.get_annotation(note.id) == note  # the stored record, untouched
    reopened = service.open_document(str(path))  # the next open places it
    [placed] = reopened.annotations
    assert placed.selector.exact == "Nobody expected"
    assert placed.selector.start == MOVED.index("Nobody")
