"""``reader.cli.output``'s JSON is exactly ``json.dumps(..., indent=2)``, made safe."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.cli.output import indented_json
from reader.core.sanitize import safe_json_dumps, safe_json_text, safe_json_value

_any_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(_any_character)
)  # fmt: skip
_values = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.tuples(inner, inner)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_values)
@example({"a": [1, 2.5, "\ud800\x85\u202e", {}, [], (None, True)], "b": {"c": math.inf}})
@example({1: "a non-string key"})
def test_indented_json_equals_json_dumps_and_the_safe_text_equals_the_old_way(
    value: Any,
) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
    old_way = safe_json_dumps(safe_json_value(value), indent=2)  # strings sanitised first
    assert safe_json_text(indented_json(value)) == old_way
