"""The ledger and the people follow the reader's corrections (issue 14) at once."""

from __future__ import annotations

from pathlib import Path

from reader.core.models import Correction
from reader.core.service import ReaderService
from tests.ui.test_reading_screen_helpers import prime_sample_analysis

WORTH_QUOTE = "made clear the US won’t stand for any violation of our sovereignty"


def test_a_corrected_speaker_moves_the_quotation_in_the_ledger(
    db_path: Path, sample_path: Path
) -> None:
    service = ReaderService.open(db_path)
    prime_sample_analysis(service)
    service.open_document(str(sample_path))
    assert any(WORTH_QUOTE in q.text for q in service.quotes(speaker="Worth"))
    people = {row.name: row.quotes for row in service.people()}
    service.correct(
        str(sample_path), WORTH_QUOTE, Correction("speaker", "speaker", "Antony Blinken")
    )
    assert not any(WORTH_QUOTE in q.text for q in service.quotes(speaker="Worth"))
    assert any(WORTH_QUOTE in q.text for q in service.quotes(speaker="Blinken"))
    after = {row.name: row.quotes for row in service.people()}
    assert after["Antony Blinken"] == people["Antony Blinken"] + 1
