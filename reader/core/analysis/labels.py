"""Display groups of spaCy entity labels, apart from the result types.

The reading screen styles and lists entities by group before any analysis is loaded; the
result dataclasses (``results``) cost a few milliseconds to import, which the first frame
need not pay.
"""

from __future__ import annotations

LABEL_GROUPS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "norp",
    "DATE": "time",
    "TIME": "time",
    "CARDINAL": "number",
    "ORDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
}
"""spaCy label -> display group. Any label not listed belongs to the ``other`` group."""


def label_group(label: str) -> str:
    """The display group of a spaCy entity label (``person``, ``org``, ``place``, ...)."""
    return LABEL_GROUPS.get(label, "other")
