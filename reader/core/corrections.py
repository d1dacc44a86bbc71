"""Corrections: the reader's fixes, applied on top of any analysis before anyone sees it.

A correction is an annotation (``kind`` ``correction``) whose ``Correction`` body says what
the analysis got wrong at its passage. :func:`apply_corrections` is a pure function of an
analysis and the document's annotations: it is run on every analysis the service hands
out, whenever that analysis was computed (a new analyzer version, a changed text: the
corrections were re-anchored onto the current text like notes), so the Quotes and Entities
tabs, search, exports and counts all see the same corrected values.

Corrections apply oldest first (by creation: re-anchoring or editing a correction's note
does not make it newer), so where two of them concern one item the newest wins.
A correction that lost its passage (orphaned) or belongs to another text version changes
nothing until it is placed again; it is never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from reader.core.analysis.results import Analysis, ModelInfo, ParagraphResult
from reader.core.corrections_apply import correct_entities, correct_quotes
from reader.core.models import Annotation, AnnotationStatus, Correction
from reader.errors import BadInputError

ACTIONS: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker",),
    "quote": ("not-a-quote", "add"),
    "entity": ("label", "not-entity", "same-as", "split"),
}
"""What each kind of correction can state."""
ENTITY_LABELS = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
    "MISC",
)
"""Labels a reader may give a mention (spaCy's OntoNotes labels, and ``MISC``)."""
FORMS = ("", "direct", "indirect")
SCOPES = ("all", "only-this")


def make_correction(
    target: str, action: str, value: str = "", form: str = "", scope: str = "all"
) -> Correction:
    """A checked ``Correction``; ``BadInputError`` names what is wrong with it."""
    if action not in ACTIONS.get(target, ()):
        raise BadInputError(f"cannot correct a {target} with {action!r}")
    value = " ".join(value.split())
    if action == "label":
        value = value.upper()
        if value not in ENTITY_LABELS:
            raise BadInputError(f"unknown label {value!r} (use one of {', '.join(ENTITY_LABELS)})")
    if action == "same-as" and not value:
        raise BadInputError("--same-as needs the name of the entity this mention is")
    if form not in FORMS:
        raise BadInputError(f"unknown quote form {form!r} (use direct or indirect)")
    if scope not in SCOPES:
        raise BadInputError(f"unknown scope {scope!r} (use all or only-this)")
    return Correction(target, action, value, form if action == "add" else "", scope)


def describe(correction: Correction) -> str:
    """The change in a few words, for lists, Markdown and the W3C body."""
    value = correction.value
    match correction.action:
        case "speaker":
            text = f"speaker: {value or '(unknown)'}"
        case "not-a-quote":
            text = "not a quotation"
        case "add":
            form = f" {correction.form}" if correction.form else ""
            text = f"a{form} quotation by {value or '(unknown)'}"
        case "label":
            text = f"label: {value}"
        case "not-entity":
            text = "not an entity"
        case "same-as":
            text = f"same entity as {value}"
        case _:
            text = "a different entity (split)"
    if correction.target == "entity" and correction.scope == "only-this":
        text += " (this mention only)"
    return text


def applicable(annotations: Iterable[Annotation], sha256: str) -> list[Annotation]:
    """The corrections placed on text ``sha256``, oldest first (the newest applies last)."""
    found = [
        a
        for a in annotations
        if a.correction is not None
        and a.sha256 == sha256
        and a.status != AnnotationStatus.ORPHANED
        and a.selector.end > a.selector.start
    ]
    return sorted(found, key=lambda a: (a.created, a.id))


def apply_corrections(analysis: Analysis, corrections: Iterable[Annotation]) -> Analysis:
    """``analysis`` as the reader corrected it; unchanged (the same object) without any.

    ``corrections`` may hold any of the document's annotations: notes, orphans and
    corrections placed on another version are skipped. Entities are corrected first, so a
    speaker named after a merge finds the merged entity.
    """
    chosen = applicable(corrections, analysis.sha256)
    if not chosen:
        return analysis
    entity_fixes = [a for a in chosen if _body(a).target == "entity"]
    quote_fixes = [a for a in chosen if _body(a).target != "entity"]
    entities, index = correct_entities(analysis.entities, analysis.entity_index, entity_fixes)
    quotes = correct_quotes(analysis.quotes, entities, index, quote_fixes)
    return replace(analysis, entities=entities, entity_index=index, quotes=quotes)


def correct_paragraph(
    result: ParagraphResult, corrections: Sequence[Annotation], sha256: str
) -> ParagraphResult:
    """A streamed paragraph's results with the corrections applied (what lies inside it)."""
    if not any(a.correction is not None for a in corrections):
        return result
    partial = Analysis(sha256, ModelInfo("", ""), result.entities, (), result.quotes)
    fixed = apply_corrections(partial, corrections)
    if fixed is partial:
        return result
    inside = range(result.start, max(result.end, result.start + 1))
    return replace(
        result,
        entities=tuple(m for m in fixed.entities if m.start in inside),
        quotes=tuple(q for q in fixed.quotes if q.start in inside),
    )


def superseded(corrections: Sequence[Annotation]) -> set[str]:
    """Ids of corrections a newer one overrides (same item): listed, but no longer winning."""
    placed = sorted(
        (a for a in corrections if a.correction is not None),
        key=lambda a: (a.created, a.id),
    )
    beaten: set[str] = set()
    for position, older in enumerate(placed):
        for newer in placed[position + 1 :]:
            if _same_item(older, newer):
                beaten.add(older.id)
                break
    return beaten


def _same_item(first: Annotation, second: Annotation) -> bool:
    one, two = _body(first), _body(second)
    if (one.target == "entity") != (two.target == "entity"):
        return False
    if first.sha256 != second.sha256:
        return first.selector.exact == second.selector.exact
    a, b = first.selector, second.selector
    overlapping = a.start < b.end and b.start < a.end
    if one.target == "entity" and one.scope == "all" and two.scope == "all":
        return overlapping or a.exact == b.exact
    return overlapping


def _body(annotation: Annotation) -> Correction:
    assert annotation.correction is not None
    return annotation.correction
