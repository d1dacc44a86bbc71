"""A populated store shared by the read-only export tests of this package."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.models import Annotation
from reader.core.service import ReaderService
from tests.conftest import SAMPLE_PATH
from tests.core.exporting.factory import populate


@pytest.fixture(scope="module")
def filled_service(tmp_path_factory: pytest.TempPathFactory) -> ReaderService:
    """A service over a store holding three documents (path, URL, stdin) and six annotations.

    Module-scoped: tests using it must only read from it.
    """
    directory = tmp_path_factory.mktemp("filled")
    service = ReaderService.open(directory / "annotations.json")
    populate(service.store, SAMPLE_PATH.read_text(encoding="utf-8"), SAMPLE_PATH)
    return service


@pytest.fixture(scope="module")
def filled_annotations(filled_service: ReaderService) -> list[Annotation]:
    """Every annotation of ``filled_service``."""
    return list(filled_service.store.all_annotations())


@pytest.fixture
def empty_service(db_path: Path) -> ReaderService:
    """A service over the test's own empty store."""
    return ReaderService.open(db_path)
