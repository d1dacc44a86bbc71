"""The fast check and the JSON Schema agree on correction records too (kind, correction)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.exporting.fastcheck import annotation_problem
from reader.core.models import Annotation, Correction, Selector
from tests.core.exporting.test_fastcheck import ANNOTATION_SCHEMA, _paths, values

VALID_CORRECTION = Annotation(
    id="3f1c2b4a-0000-4000-8000-000000000003",
    document_id="3f1c2b4a-0000-4000-8000-000000000002",
    sha256="a" * 64,
    selector=Selector("Chinese", "pre", "suf", 3, 10),
    created="2026-01-02T03:04:05.000Z",
    modified="2026-01-02T03:04:05.000Z",
    kind="correction",
    correction=Correction("entity", "label", "NORP", "", "only-this"),
).to_dict()

more_values = st.one_of(
    values, st.sampled_from(["note", "correction", "entity", "add", "direct", "all"])
)


def _mutated(data: st.DataObject) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(json.dumps(VALID_CORRECTION))
    path = data.draw(st.sampled_from(_paths(record)[1:]))
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[path[-1]]
    elif isinstance(parent, dict) and data.draw(st.booleans()):
        parent[data.draw(st.sampled_from(["kind", "correction", "value", "x"]))] = data.draw(
            more_values
        )
    else:
        parent[path[-1]] = data.draw(more_values)
    return record


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_check_agrees_with_the_schema_on_corrections(data: st.DataObject) -> None:
    record = _mutated(data)
    assert (annotation_problem(record) is None) == ANNOTATION_SCHEMA.is_valid(record), record


def test_the_unmodified_correction_is_valid() -> None:
    assert ANNOTATION_SCHEMA.is_valid(VALID_CORRECTION)
    assert annotation_problem(VALID_CORRECTION) is None
    without_kind = {k: v for k, v in VALID_CORRECTION.items() if k != "kind"}
    assert annotation_problem(without_kind) is not None
    assert not ANNOTATION_SCHEMA.is_valid(without_kind)
    note = {k: v for k, v in VALID_CORRECTION.items() if k != "correction"}
    assert annotation_problem(note) is not None
    assert not ANNOTATION_SCHEMA.is_valid(note)
