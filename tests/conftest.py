"""Shared fixtures. Every test runs against a temporary store, config and cache (never ~)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI explores a fixed set of examples (derandomize) so a run is repeatable; locally each run
# explores new ones. No deadlines: these machines are shared and their timing is noisy.
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = REPO_ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point READER_DB, READER_CONFIG_DIR and READER_CACHE_DIR into a per-test temp dir."""
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    monkeypatch.setenv("READER_DB", str(store_dir / "annotations.json"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("READER_THEME", raising=False)
    monkeypatch.delenv("READER_SPACY_MODEL", raising=False)
    monkeypatch.delenv("READER_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield tmp_path


@pytest.fixture
def db_path(isolated_dirs: Path) -> Path:
    """The temporary store's main file."""
    return isolated_dirs / "store" / "annotations.json"


@pytest.fixture
def sample_path() -> Path:
    """The sample article shipped in seeds/."""
    return SAMPLE_PATH


@pytest.fixture
def sample_text() -> str:
    """The sample article's raw text."""
    return SAMPLE_PATH.read_text(encoding="utf-8")
