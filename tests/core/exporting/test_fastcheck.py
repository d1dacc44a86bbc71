"""The fast annotation check agrees with the JSON Schema on random records."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from reader.core.exporting.fastcheck import annotation_problem
from reader.core.exporting.schema import export_schema
from reader.core.models import AnchorMove, Annotation, Selector

VALID = Annotation(
    id="3f1c2b4a-0000-4000-8000-000000000001",
    document_id="3f1c2b4a-0000-4000-8000-000000000002",
    sha256="a" * 64,
    selector=Selector("exact", "pre", "suf", 3, 8),
    note="a note",
    tags=("one", "two words"),
    created="2026-01-02T03:04:05.000Z",
    modified="2026-01-02T03:04:05.000+01:00",
    history=(AnchorMove("b" * 64, 1, 6, "2026-01-01T00:00:00Z"),),
).to_dict()

ANNOTATION_SCHEMA = Draft202012Validator(
    {"$defs": export_schema()["$defs"], "$ref": "#/$defs/annotation"}
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


# Strings ending in a newline are the one documented difference (the fast check is stricter).
strings = st.text(max_size=8).filter(lambda text: not text.endswith("\n"))
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    strings,
    st.sampled_from(["", "moved", "orphaned", "c" * 64, "2026-05-05T05:05:05Z", "x-1"]),
    st.lists(strings, max_size=2),
    st.just({}),
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_check_accepts_exactly_what_the_schema_accepts(data: st.DataObject) -> None:
    record = json.loads(json.dumps(VALID))
    path = data.draw(st.sampled_from(_paths(record)[1:]))
    parent = record
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[path[-1]]
    elif isinstance(parent, dict) and data.draw(st.booleans()):
        parent[data.draw(strings)] = data.draw(values)
    else:
        parent[path[-1]] = data.draw(values)
    schema_ok = ANNOTATION_SCHEMA.is_valid(record)
    problem = annotation_problem(record)
    assert (problem is None) == schema_ok, (record, problem)


def test_the_unmodified_record_is_valid() -> None:
    assert ANNOTATION_SCHEMA.is_valid(VALID)
    assert annotation_problem(VALID) is None


def test_problems_name_the_path_inside_the_record() -> None:
    record = json.loads(json.dumps(VALID))
    record["history"][0]["start"] = "1"
    assert annotation_problem(record) == (("history", 0, "start"), "expected integer, got string")
    record = json.loads(json.dumps(VALID))
    record["sha256"] = "A" * 64
    assert annotation_problem(record) == (
        ("sha256",),
        f"{'A' * 37!r} is not a valid SHA-256 hex digest",
    )
