"""W3C import of corrections: ours come back exactly; other tools' editing bodies stay notes;
a malformed ``reader:correction`` is refused with its path, and nothing is imported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.models import Correction
from reader.core.service import ReaderService
from reader.errors import ImportFormatError
from tests.conftest import SAMPLE_PATH


@pytest.fixture
def exported(tmp_path: Path, db_path: Path) -> dict[str, Any]:
    """A W3C export (with text) of one correction on the sample, from another store."""
    (tmp_path / "first").mkdir()
    first = ReaderService.open(tmp_path / "first" / "annotations.json")
    first.correct(str(SAMPLE_PATH), "Chinese", Correction("entity", "label", "NORP"))
    data: dict[str, Any] = json.loads(first.export_text("w3c", with_text=True))
    return data


def _import(db_path: Path, tmp_path: Path, data: dict[str, Any]) -> ReaderService:
    path = tmp_path / "in.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    service = ReaderService.open(db_path)
    service.import_file(path)
    return service


def test_an_editing_body_without_reader_correction_is_a_note(
    exported: dict[str, Any], db_path: Path, tmp_path: Path
) -> None:
    del exported["first"]["items"][0]["reader:correction"]
    service = _import(db_path, tmp_path, exported)
    [annotation] = service.store.all_annotations()
    assert annotation.correction is None and annotation.note == "label: NORP"


def test_our_correction_comes_back(exported: dict[str, Any], db_path: Path, tmp_path: Path) -> None:
    service = _import(db_path, tmp_path, exported)
    [annotation] = service.store.all_annotations()
    assert annotation.correction == Correction("entity", "label", "NORP")
    assert annotation.note == "" and annotation.kind == "correction"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": "bogus"}, "reader:correction.target"),
        ({"action": "split", "target": "speaker"}, "cannot correct"),
        ({"value": "NOT-A-LABEL"}, "unknown label"),
    ],
)
def test_a_malformed_correction_is_refused(
    exported: dict[str, Any], db_path: Path, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    exported["first"]["items"][0]["reader:correction"].update(change)
    with pytest.raises(ImportFormatError, match=message):
        _import(db_path, tmp_path, exported)
    assert list(ReaderService.open(db_path).store.all_annotations()) == []
