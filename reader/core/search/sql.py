"""The query language compiled for the SQLite FTS5 index (``reader.core.index``).

A query becomes one SQL condition on table ``annotations`` (``a``): word terms are FTS5
``MATCH`` sub-queries, other fields SQL filters; the positive word terms make one ``MATCH``
whose ``bm25()`` ranks. ``fts_expression`` is the one ``MATCH`` of a documents search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.index.text import UNSAFE, WORD, fold, key, like_prefix
from reader.core.search.query import And, Node, Not, Or, Term
from reader.errors import BadInputError

COLUMNS: dict[str | None, str] = {
    None: "note quote tags",
    "note": "note",
    "quote": "quote",
    "tag": "tags",
}
"""FTS5 columns a word term searches, per query field; analysis fields search their own."""
ANALYSIS_FIELDS = frozenset({"entity", "label", "speaker"})
TEXT_FIELDS = frozenset({None, "note", "quote"}) | ANALYSIS_FIELDS
IN_FTS = "a.rowid IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?)"


def phrase(term: Term, columns: str) -> str:
    """The term as an FTS5 phrase limited to ``columns`` (with ``*`` for a prefix)."""
    value = term.value.translate(UNSAFE).replace('"', '""')
    quoted = f'"{value}"' + (" *" if term.prefix else "")
    return f"{{{columns}}} : {quoted}"


@dataclass
class Compiled:
    """SQL for one query: a condition on ``a``, its parameters and the ranking MATCH."""

    where: str
    params: list[object] = field(default_factory=list)
    rank_match: str | None = None
    analysis: bool = False
    """Whether the query names an analysis field (the analyses must be indexed first)."""


def compile_query(node: Node) -> Compiled:
    """The SQL of ``node`` for ``reader.core.index`` (see the module docstring)."""
    compiled = Compiled("")
    compiled.where = _condition(node, compiled)
    ranking = [phrase(t, COLUMNS[t.field]) for t in scoring_terms(node) if _ranks(t)]
    compiled.rank_match = " OR ".join(ranking) or None
    return compiled


def _ranks(term: Term) -> bool:
    """Whether a term ranks: it has a word, and is not a prefix of under 3 letters (the
    first letters typed say little about relevance)."""
    found = WORD.findall(term.value)
    return bool(found) and not (term.prefix and len(found) == 1 and len(found[0]) < 3)


def _condition(node: Node, out: Compiled) -> str:
    if isinstance(node, Not):
        return f"NOT ({_condition(node.child, out)})"
    if isinstance(node, And | Or):
        if not node.children:
            return "1"
        joiner = " AND " if isinstance(node, And) else " OR "
        return "(" + joiner.join(_condition(child, out) for child in node.children) + ")"
    return _term(node, out)


def _term(term: Term, out: Compiled) -> str:
    name, value = term.field, term.value
    if name == "tag":
        wanted = key(value)
        inner = "key LIKE ? ESCAPE '\\'" if term.prefix else "key = ?"
        out.params.append(like_prefix(wanted) if term.prefix else wanted)
        return f"a.rowid IN (SELECT annotation FROM annotation_tags WHERE {inner})"
    if name in TEXT_FIELDS:
        out.analysis = out.analysis or name in ANALYSIS_FIELDS
        if not WORD.search(value):  # no word ("&", "—"): a raw substring of the texts
            return _substring(name, value, out)
        out.params.append(phrase(term, COLUMNS.get(name, name or "")))
        return IN_FTS
    if name == "color":
        return _keyed("a.color", fold(value.strip()), term.prefix, out)
    if name in ("after", "before"):
        out.params.append(value)
        return "a.created >= ?" if name == "after" else "a.created < ?"
    if name == "is":
        out.params.append("orphaned" if value == "orphan" else value)
        return "a.status = ?"
    return _document(term, out)


def _substring(name: str | None, value: str, out: Compiled) -> str:
    columns = {None: ("a.note", "a.quote", "a.tags"), "note": ("a.note",), "quote": ("a.quote",)}
    chosen = columns.get(name, ())
    if not value.strip() or not chosen:
        return "0"
    out.params.extend([value] * len(chosen))
    return "(" + " OR ".join(f"instr({column}, ?) > 0" for column in chosen) + ")"


def _keyed(column: str, wanted: str, prefix: bool, out: Compiled) -> str:
    if prefix:
        out.params.append(like_prefix(wanted))
        return f"{column} LIKE ? ESCAPE '\\'"
    out.params.append(wanted)
    return f"{column} = ?"


def _document(term: Term, out: Compiled) -> str:
    """``doc:``: the document's id starts with the value, or its title has the words."""
    out.params.append(like_prefix(term.value.strip()))
    condition = "a.document_id LIKE ? ESCAPE '\\'"
    if WORD.search(term.value):
        out.params.append(phrase(term, "doc"))
        condition += (
            " OR a.rowid IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?)"
        )
    return f"({condition})"


def scoring_terms(node: Node, negated: bool = False) -> list[Term]:
    """The terms that rank results: word terms not under an exclusion, in query order."""
    if isinstance(node, Term):
        return [node] if node.field in COLUMNS and not negated else []
    if isinstance(node, Not):
        return scoring_terms(node.child, not negated)
    terms: list[Term] = []
    for child in node.children:
        terms.extend(t for t in scoring_terms(child, negated) if t not in terms)
    return terms


def fts_expression(node: Node) -> tuple[str, list[str]]:
    """A documents search: one FTS5 expression over passages, and ``doc:`` values.

    Words, phrases, ``OR``, groups and ``-`` beside a positive term are supported; other
    fields are a ``BadInputError`` (they describe annotations, not texts).
    """
    documents: list[str] = []
    expression = _fts(node, documents)
    if expression is None:
        raise BadInputError("a documents search needs a word or phrase to look for")
    return expression, documents


def _fts(node: Node, documents: list[str]) -> str | None:
    if isinstance(node, Term):
        if node.field == "doc":
            documents.append(node.value)
            return None
        if node.field is not None:
            raise BadInputError(f"'{node.field}:' does not apply to --in documents (only doc:)")
        return phrase(node, "text") if WORD.search(node.value) else None
    if isinstance(node, Not):
        raise BadInputError("'-' in a documents search needs a word beside it, as in 'a -b'")
    if isinstance(node, Or):
        parts = [_fts(child, documents) for child in node.children]
        if any(part is None for part in parts):
            raise BadInputError("every side of OR needs a word in a documents search")
        return "(" + " OR ".join(p for p in parts if p) + ")"
    positive = [_fts(c, documents) for c in node.children if not isinstance(c, Not)]
    negative = [_fts(c.child, documents) for c in node.children if isinstance(c, Not)]
    kept = [p for p in positive if p]
    if not kept:
        return None
    expression = "(" + " AND ".join(kept) + ")"
    return expression + "".join(f" NOT {n}" for n in negative if n)
