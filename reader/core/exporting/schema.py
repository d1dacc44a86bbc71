"""The JSON Schema of the native export, shipped in the package, and readable problem reports.

``jsonschema`` is imported lazily: only ``reader import`` of a native file needs it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "export-schema.json"
MAX_PROBLEMS = 3
"""How many problems an import error names before it stops listing them."""


@cache
def export_schema() -> dict[str, Any]:
    """The native export's JSON Schema (draft 2020-12), as shipped inside the package."""
    text = resources.files("reader.core.exporting").joinpath(SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_path(parts: list[str | int] | tuple[str | int, ...]) -> str:
    """``["documents", 0, "annotations", 3]`` -> ``documents[0].annotations[3]``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(top level)"


def document_records_schema() -> dict[str, Any]:
    """Schema of a list of ``{"document": ..., "text": ...}`` (the W3C export's documents)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": export_schema()["$defs"],
        "type": "array",
        "items": {
            "type": "object",
            "required": ["document"],
            "additionalProperties": False,
            "properties": {"document": {"$ref": "#/$defs/document"}, "text": {"type": "string"}},
        },
    }


def schema_problems(
    data: Any,
    schema: dict[str, Any] | None = None,
    prefix: tuple[str | int, ...] = (),
    limit: int = 1000,
) -> list[str]:
    """Up to ``limit`` problems of ``data`` against ``schema`` (default: the export schema).

    Each problem reads ``path: reason``; ``prefix`` is prepended to the paths.
    """
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    validator = Draft202012Validator(schema if schema is not None else export_schema())
    problems: list[str] = []
    for error in validator.iter_errors(data):
        path = [*prefix, *error.absolute_path]
        problems.append(f"{json_path(path)}: {_reason(error)}")
        if len(problems) >= limit:
            break
    return problems


def _reason(error: Any) -> str:
    """A short reason for a jsonschema error, phrased for people rather than schema authors."""
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "type":
        return f"expected {_type_name(expected)}, got {_type_of(instance)}"
    if kind == "required":
        missing = [key for key in expected if key not in instance]
        return f"missing key {missing[0]!r}" if missing else "missing a key"
    if kind == "additionalProperties":
        extra = sorted(set(instance) - set(error.schema.get("properties", {})))
        return f"unexpected key {extra[0]!r}" if extra else "unexpected key"
    if kind == "const":
        return f"expected {json.dumps(expected)}, got {_short(instance)}"
    if kind == "enum":
        return f"expected one of {', '.join(map(str, expected))}, got {_short(instance)}"
    if kind == "pattern":
        return f"{_short(instance)} is not a valid {_pattern_name(error.schema)}"
    if kind == "minimum":
        return f"expected a number >= {expected}, got {instance}"
    if kind == "minLength":
        return "must not be empty"
    return str(error.message)


def _type_name(expected: Any) -> str:
    names = {"integer": "integer", "string": "string", "array": "list", "object": "object"}
    if isinstance(expected, list):
        return " or ".join(names.get(str(name), str(name)) for name in expected)
    return names.get(expected, str(expected))


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {int: "integer", float: "number", str: "string", list: "list", dict: "object"}.get(
        type(value), type(value).__name__
    )


def _pattern_name(schema: dict[str, Any]) -> str:
    pattern = str(schema.get("pattern", ""))
    if "\\d{4}" in pattern:
        return "timestamp"
    return "id (letters, digits, - and _)" if "_-" in pattern else "SHA-256 hex digest"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
