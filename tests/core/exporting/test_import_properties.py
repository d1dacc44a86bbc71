"""Property tests: valid annotation sets round-trip; corrupted files never crash an import."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.exporting.records import DocumentExport
from reader.core.models import Annotation, AnnotationStatus, Document, DocumentVersion, Selector
from reader.core.service import ReaderService
from reader.core.service.transfer import render_export
from reader.core.text import normalise, sha256_of, word_count
from reader.errors import ImportFormatError
from tests.conftest import SAMPLE_PATH
from tests.core.exporting.factory import FIXED_TIME, store_files

TEXT = normalise(SAMPLE_PATH.read_text(encoding="utf-8"))[:2000]
SHA = sha256_of(TEXT)
DOCUMENT = Document(
    id="0f0e0d0c-0000-4000-8000-000000000001",
    title="Sample",
    source=str(SAMPLE_PATH),
    sha256=SHA,
    versions=(DocumentVersion(SHA, FIXED_TIME, word_count(TEXT)),),
    first_opened=FIXED_TIME,
    last_opened=FIXED_TIME,
    words=word_count(TEXT),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CORRUPTIONS = int(os.environ.get("READER_CORRUPTION_EXAMPLES", "60"))
"""How many corrupted files to try (raise it locally to hunt for crashes)."""

timestamps = st.datetimes(timezones=st.just(UTC)).map(
    lambda moment: moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
)


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    """A random valid annotation on ``TEXT``."""
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start, min(len(TEXT), start + 200)))
    return Annotation(
        id=str(draw(st.uuids(version=4))),
        document_id=DOCUMENT.id,
        sha256=SHA,
        selector=Selector.from_text(TEXT, start, end),
        note=draw(st.text(max_size=80)),
        tags=tuple(
            draw(
                st.lists(
                    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10),
                    max_size=5,
                    unique_by=str.casefold,
                )
            )
        ),
        color=draw(st.sampled_from(["yellow", "green", "blue", "pink"])),
        created=draw(timestamps),
        modified=draw(timestamps),
        status=draw(st.sampled_from(list(AnnotationStatus))),
    )


annotation_sets = st.lists(annotations(), max_size=8, unique_by=lambda a: a.id)


@SETTINGS
@given(annotation_sets, st.sampled_from(["json", "w3c"]), st.booleans())
def test_random_annotation_sets_round_trip(
    items: list[Annotation], export_format: str, with_text: bool
) -> None:
    bundle = DocumentExport(DOCUMENT, TEXT if with_text else None, tuple(items))
    exported = render_export(export_format, [bundle], FIXED_TIME)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.json"
        path.write_text(exported, encoding="utf-8")
        service = ReaderService.open(Path(directory) / "annotations.json")
        summary = service.import_file(path)
        assert (summary.new_documents, summary.new_annotations) == (1, len(items))
        stored = sorted((a.to_dict() for a in service.store.all_annotations()), key=str)
        assert stored == sorted((a.to_dict() for a in items), key=str)
        (document,) = service.store.list_documents()
        assert document.to_dict() == {**DOCUMENT.to_dict(), "text_missing": not with_text}
        assert service.import_file(path).unchanged == len(items)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=5,
)


@st.composite
def corrupted(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """``data`` with one value replaced or deleted, or its text cut short."""
    copy = json.loads(json.dumps(data))
    if draw(st.integers(0, 9)) == 0:
        text = json.dumps(copy)
        return text[: draw(st.integers(0, len(text) - 1))]
    path = draw(st.sampled_from(_paths(copy)))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)
    return json.dumps(copy)


def _valid_export(export_format: str) -> dict[str, Any]:
    items = [
        Annotation(
            id=f"00000000-0000-4000-8000-00000000000{index}",
            document_id=DOCUMENT.id,
            sha256=SHA,
            selector=Selector.from_text(TEXT, index * 10, index * 10 + 7),
            note=f"note {index}",
            tags=("a", "b c"),
            created=FIXED_TIME,
            modified=FIXED_TIME,
        )
        for index in range(3)
    ]
    data: dict[str, Any] = json.loads(
        render_export(export_format, [DocumentExport(DOCUMENT, TEXT, tuple(items))], FIXED_TIME)
    )
    return data


VALID = {name: _valid_export(name) for name in ("json", "w3c")}


@settings(SETTINGS, max_examples=CORRUPTIONS)
@given(st.data(), st.sampled_from(["json", "w3c"]))
def test_corrupted_files_fail_cleanly_or_import(data: st.DataObject, export_format: str) -> None:
    content = data.draw(corrupted(VALID[export_format]))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.json"
        path.write_text(content, encoding="utf-8")
        service = (
            ReaderService.open(Path(directory) / "store" / "annotations.json")
            if (Path(directory) / "store").mkdir() is None
            else None
        )
        assert service is not None
        before = store_files(service.store.directory)
        try:
            summary = service.import_file(path)
        except ImportFormatError as error:
            assert "\n" not in str(error)
            assert store_files(service.store.directory) == before
        else:
            stored = list(service.store.all_annotations())
            assert len(stored) == summary.new_annotations
