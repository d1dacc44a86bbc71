"""entity:, label: and speaker: through the service with the real spaCy model.

The analysis is computed on demand (only for queries that need it) and cached.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.service import ReaderService


@pytest.mark.slow
def test_analysis_fields_compute_the_analysis_once_and_only_when_needed(
    db_path: Path, sample_path: Path
) -> None:
    service = ReaderService.open(db_path)
    source = str(sample_path)
    service.annotate_quote(
        source, "Antony Blinken met with China’s high diplomat Wang Yi", note="meeting"
    )
    # "The secretary, Worth added, “made clear ...”": a quotation by Ned Worth.
    service.annotate_quote(
        source, "made clear the US won’t stand for any violation of our sovereignty", note="q"
    )
    service.annotate_quote(source, "surveillance balloon", note="balloon")
    document = service.store.list_documents()[0]

    assert [h.annotation.note for h in service.search("balloon OR tag:x -color:red")] == ["balloon"]
    assert service.cached_analysis(document) is None  # no analysis field: nothing computed

    def notes(query: str) -> set[str]:
        return {hit.annotation.note for hit in service.search(query)}

    assert notes("entity:Blinken") == {"meeting"}
    assert service.cached_analysis(document) is not None  # computed once, and cached
    assert notes('entity:"Antony Blinken"') == {"meeting"}
    assert notes('entity:"Wang Yi" entity:china') == {"meeting"}
    assert notes("entity:Biden") == set()
    assert notes("label:PERSON") == {"meeting"}
    assert notes("label:person -entity:wang") == set()
    assert notes("speaker:Worth") == {"q"}
    assert notes('speaker:"Ned Worth" OR entity:blinken') == {"q", "meeting"}
    assert notes("speaker:Blinken") == set()
