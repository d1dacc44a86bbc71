"""A fast check of annotation records against the export schema's ``annotation`` definition.

Running ``jsonschema`` over ten thousand annotations takes seconds; this hand-written check
accepts exactly what the schema accepts (a test compares the two on random records) and
gives the same ``path: reason`` messages. Patterns come from the schema itself. It is
slightly stricter in one way: a pattern must match the whole value, so a trailing newline
(which Python's ``re.search`` lets ``$`` accept) is refused.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from reader.core.exporting.schema import export_schema

Check = tuple[tuple[str | int, ...], str]
"""A problem: the path inside the record, and the reason."""


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(export_schema()["$defs"][name]["pattern"])


@cache
def _definition(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(required keys, allowed keys) of a schema definition."""
    definition = export_schema()["$defs"][name]
    return frozenset(definition["required"]), frozenset(definition["properties"])


def _keys(record: Any, name: str, path: tuple[str | int, ...]) -> Check | None:
    if not isinstance(record, dict):
        return path, f"expected object, got {_kind(record)}"
    required, allowed = _definition(name)
    missing = [key for key in sorted(required) if key not in record]
    if missing:
        return path, f"missing key {missing[0]!r}"
    extra = sorted(set(record) - allowed)
    if extra:
        return path, f"unexpected key {extra[0]!r}"
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    names = {int: "integer", float: "number", str: "string", list: "list", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _string(value: Any, path: tuple[str | int, ...], pattern: str | None = None) -> Check | None:
    if not isinstance(value, str):
        return path, f"expected string, got {_kind(value)}"
    if pattern is not None and not _pattern(pattern).fullmatch(value):
        names = {"timestamp": "timestamp", "sha256": "SHA-256 hex digest", "colorName": "colour"}
        return path, f"{value[:37]!r} is not a valid {names.get(pattern, 'id')}"
    return None


def _offset(value: Any, path: tuple[str | int, ...]) -> Check | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return path, f"expected integer, got {_kind(value)}"
    if isinstance(value, float) and not value.is_integer():
        return path, f"expected integer, got {_kind(value)}"
    if value < 0:
        return path, f"expected a number >= 0, got {value}"
    return None


def annotation_problem(record: Any) -> Check | None:
    """The first problem of an annotation record, or None when the schema accepts it."""
    problem = _keys(record, "annotation", ())
    if problem is not None:
        return problem
    checks = [
        _string(record["id"], ("id",), "recordId"),
        _string(record["document_id"], ("document_id",), "recordId"),
        _string(record["sha256"], ("sha256",), "sha256"),
        _string(record["created"], ("created",), "timestamp"),
        _string(record["modified"], ("modified",), "timestamp"),
        _string(record.get("note", ""), ("note",)),
        _optional_color(record),
        _status(record),
        _tags(record.get("tags", [])),
        _selector(record["selector"]),
        _history(record.get("history", [])),
        _kind_and_correction(record),
    ]
    return next((check for check in checks if check is not None), None)


def _enum(value: Any, allowed: list[str], path: tuple[str | int, ...]) -> Check | None:
    if not isinstance(value, str) or value not in allowed:
        return path, f"expected one of {', '.join(allowed) or 'nothing'}"
    return None


def _kind_and_correction(record: dict[str, Any]) -> Check | None:
    """``kind`` and ``correction``: a correction needs its body, a body needs the kind."""
    properties = export_schema()["$defs"]["annotation"]["properties"]
    if "kind" in record:
        problem = _enum(record["kind"], properties["kind"]["enum"], ("kind",))
        if problem is not None:
            return problem
    if "correction" in record:
        if "kind" not in record:
            return ("kind",), "missing key 'kind' (a record with a correction has one)"
        return correction_problem(record["correction"])
    if record.get("kind") == "correction":
        return (), "missing key 'correction'"
    return None


def correction_problem(body: Any) -> Check | None:
    """The first problem of a correction body (paths start with ``correction``), or None."""
    path: tuple[str | int, ...] = ("correction",)
    problem = _keys(body, "correction", path)
    if problem is not None:
        return problem
    properties = export_schema()["$defs"]["correction"]["properties"]
    checks = [
        _enum(body[key], properties[key]["enum"], (*path, key))
        for key in ("target", "action", "form", "scope")
        if key in body
    ]
    if "value" in body:
        checks.append(_string(body["value"], (*path, "value")))
    return next((check for check in checks if check is not None), None)


def _optional_color(record: dict[str, Any]) -> Check | None:
    if "color" not in record:
        return None
    color = record["color"]
    if isinstance(color, str) and not color:
        return ("color",), "must not be empty"
    return _string(color, ("color",), "colorName")


def _status(record: dict[str, Any]) -> Check | None:
    if "status" not in record:
        return None
    allowed = export_schema()["$defs"]["annotation"]["properties"]["status"]["enum"]
    status = record["status"]
    if not isinstance(status, str) or status not in allowed:
        return ("status",), f"expected one of {', '.join(allowed)}"
    return None


def _tags(tags: Any) -> Check | None:
    if not isinstance(tags, list):
        return ("tags",), f"expected list, got {_kind(tags)}"
    return next((c for i, t in enumerate(tags) if (c := _string(t, ("tags", i))) is not None), None)


def _selector(selector: Any) -> Check | None:
    problem = _keys(selector, "selector", ("selector",))
    if problem is not None:
        return problem
    checks = [
        _string(selector["exact"], ("selector", "exact")),
        _string(selector.get("prefix", ""), ("selector", "prefix")),
        _string(selector.get("suffix", ""), ("selector", "suffix")),
        _offset(selector["start"], ("selector", "start")),
        _offset(selector["end"], ("selector", "end")),
    ]
    return next((check for check in checks if check is not None), None)


def _history(history: Any) -> Check | None:
    if not isinstance(history, list):
        return ("history",), f"expected list, got {_kind(history)}"
    for index, move in enumerate(history):
        path = ("history", index)
        checks = [
            _keys(move, "anchorMove", path),
            None if not isinstance(move, dict) else _move_fields(move, path),
        ]
        problem = next((check for check in checks if check is not None), None)
        if problem is not None:
            return problem
    return None


def _move_fields(move: dict[str, Any], path: tuple[str | int, ...]) -> Check | None:
    if set(_definition("anchorMove")[0]) - set(move):
        return None  # reported by _keys
    checks = [
        _string(move["sha256"], (*path, "sha256"), "sha256"),
        _offset(move["start"], (*path, "start")),
        _offset(move["end"], (*path, "end")),
        _string(move["moved"], (*path, "moved"), "timestamp"),
    ]
    return next((check for check in checks if check is not None), None)
