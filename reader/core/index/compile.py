"""The query language compiled for the SQLite FTS5 index (``reader.core.index``).

A query becomes one SQL condition on table ``annotations`` (``a``): word terms are FTS5
``MATCH`` sub-queries, other fields SQL filters; the positive word terms make one ``MATCH``
whose ``bm25()`` ranks. ``fts_expression`` is the one ``MATCH`` of a documents search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.index.text import UNSAFE, WORD, fold, glob_prefix, key, like_prefix
from reader.core.search.query import And, Node, Not, Or, Term
from reader.errors import BadInputError

COLUMNS: dict[str | None, str] = {
    None: "note quote tags",
    "note": "note",
    "quote": "quote",
    "tag": "tags",
}
"""FTS5 columns of ``annotation_fts`` a word term searches, per query field (the ranked
ones); analysis fields and ``doc:`` search their own column of ``annotation_facts``."""
ANALYSIS_FIELDS = frozenset({"entity", "label", "speaker"})
TEXT_FIELDS = frozenset({None, "note", "quote"}) | ANALYSIS_FIELDS
IN_FTS = "a.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"


def phrase(term: Term, columns: str) -> str:
    """The term as an FTS5 phrase limited to ``columns`` (with ``*`` for a prefix).

    Every column of ``annotation_fts`` goes without a column filter: FTS5 then reads each
    match's positions as they are instead of filtering them (5% of a broad ranking).
    """
    value = term.value.translate(UNSAFE).replace('"', '""')
    quoted = f'"{value}"' + (" *" if term.prefix else "")
    return quoted if columns == COLUMNS[None] else f"{{{columns}}} : {quoted}"


@dataclass
class Compiled:
    """SQL for one query: a condition on ``a``, its parameters and the ranking MATCH."""

    where: str
    params: list[object] = field(default_factory=list)
    rank_match: str | None = None
    rank_required: bool = False
    """Every hit matches ``rank_match``: the search can start from the ranked matches."""
    analysis: bool = False
    """Whether the query names an analysis field (the analyses must be indexed first)."""


def compile_query(node: Node) -> Compiled:
    """The SQL of ``node`` for ``reader.core.index`` (see the module docstring).

    The children of a top-level AND that FTS5 can express alone make one ``MATCH`` that
    both finds and ranks (``rank_required``); the others become SQL conditions.
    """
    compiled = Compiled("1", analysis=_names_analysis(node))
    pure, excluded, rest = [], [], []
    for child in node.children if isinstance(node, And) else (node,):
        try:
            if isinstance(child, Not):  # FTS5's NOT, beside a positive part (else SQL)
                excluded.append(_fts(child.child, [], _annotation_phrase) or _impure())
            else:
                pure.append(_fts(child, [], _annotation_phrase))
        except _Impure:
            rest.append(child)
        if isinstance(child, Term) and child.field == "tag" and _ranks(child):
            pure.append(phrase(child, "tags"))  # implied by the exact tag test, and ranks
    if any(pure):
        compiled.where = _condition(And(tuple(rest)), compiled)
        match = "(" + " AND ".join(p for p in pure if p) + ")"
        compiled.rank_match = match + "".join(f" NOT {n}" for n in excluded)
        compiled.rank_required = True
        return compiled
    compiled.where = _condition(node, compiled)
    ranking = [phrase(t, COLUMNS[t.field]) for t in scoring_terms(node) if _ranks(t)]
    compiled.rank_match = " OR ".join(ranking) or None
    return compiled


class _Impure(BadInputError):
    """A part of a query FTS5 cannot express alone (a filter, a lone exclusion)."""


def _impure() -> str:
    raise _Impure("")


def _annotation_phrase(term: Term) -> str:
    if term.field in COLUMNS and term.field != "tag" and _ranks(term):
        return phrase(term, COLUMNS[term.field])
    raise _Impure("")  # analysis fields are in another table: an SQL condition


def _names_analysis(node: Node) -> bool:
    if isinstance(node, Term):
        return node.field in ANALYSIS_FIELDS
    if isinstance(node, Not):
        return _names_analysis(node.child)
    return any(_names_analysis(child) for child in node.children)


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
        inner = "key GLOB ?" if term.prefix else "key = ?"
        out.params.append(glob_prefix(wanted) if term.prefix else wanted)
        return f"a.rowid IN (SELECT annotation FROM annotation_tags WHERE {inner})"
    if name in TEXT_FIELDS:
        if not WORD.search(value):  # no word ("&", "—"): a raw substring of the texts
            return _substring(name, value, out)
        out.params.append(phrase(term, COLUMNS.get(name, name or "")))
        facts = name in ANALYSIS_FIELDS
        return IN_FTS.format(table="annotation_facts" if facts else "annotation_fts")
    if name == "color":
        # "+": no index; four or five colours are common, and the newest come first
        return _keyed("+a.color", fold(value.strip()), term.prefix, out)
    if name in ("after", "before"):
        out.params.append(value)
        return "a.created >= ?" if name == "after" else "a.created < ?"
    if name == "is":
        out.params.append("orphaned" if value == "orphan" else value)
        return "a.status = ?"
    return _document(term, out)


def _substring(name: str | None, value: str, out: Compiled) -> str:
    columns = {None: ("note", "quote", "tags"), "note": ("note",), "quote": ("quote",)}
    chosen = columns.get(name, ())
    if not value.strip() or not chosen:
        return "0"
    out.params.extend([value] * len(chosen))
    tests = " OR ".join(f"instr({column}, ?) > 0" for column in chosen)
    return f"a.rowid IN (SELECT rowid FROM annotation_fts WHERE {tests})"


def _keyed(column: str, wanted: str, prefix: bool, out: Compiled) -> str:
    if prefix:
        out.params.append(glob_prefix(wanted))
        return f"{column} GLOB ?"
    out.params.append(wanted)
    return f"{column} = ?"


def _document(term: Term, out: Compiled) -> str:
    """``doc:``: the document's id starts with the value, or its title has the words."""
    out.params.append(like_prefix(term.value.strip()))
    condition = "a.document_id LIKE ? ESCAPE '\\'"
    if WORD.search(term.value):
        out.params.append(phrase(term, "doc"))
        condition += " OR " + IN_FTS.format(table="annotation_facts")
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


def fts_expression(node: Node) -> tuple[str, str, list[str]]:
    """A documents search: the FTS5 expression a text must match, the OR of its positive
    phrases (what a passage is chosen and marked by), and the ``doc:`` values.

    Words, phrases, ``OR``, groups and ``-`` beside a positive term are supported; other
    fields are a ``BadInputError`` (they describe annotations, not texts).
    """
    documents: list[str] = []
    expression = _fts(node, documents, _text_phrase)
    if expression is None:
        raise BadInputError("a documents search needs a word or phrase to look for")
    positive = [phrase(t, "text") for t in scoring_terms(node) if WORD.search(t.value)]
    return expression, " OR ".join(positive), documents


def _text_phrase(term: Term) -> str | None:
    if term.field is not None:
        raise BadInputError(f"'{term.field}:' does not apply to --in documents (only doc:)")
    return phrase(term, "text") if WORD.search(term.value) else None


def _fts(node: Node, documents: list[str], term: Callable[[Term], str | None]) -> str | None:
    """``node`` as one FTS5 expression (``term`` gives each term's phrase)."""
    if isinstance(node, Term):
        if node.field == "doc" and term is _text_phrase:
            documents.append(node.value)
            return None
        return term(node)
    error = _Impure if term is _annotation_phrase else BadInputError
    if isinstance(node, Not):
        raise error("'-' in a documents search needs a word beside it, as in 'a -b'")
    if isinstance(node, Or):
        parts = [_fts(child, documents, term) for child in node.children]
        if any(part is None for part in parts):
            raise error("every side of OR needs a word in a documents search")
        return "(" + " OR ".join(p for p in parts if p) + ")"
    positive = [_fts(c, documents, term) for c in node.children if not isinstance(c, Not)]
    negative = [_fts(c.child, documents, term) for c in node.children if isinstance(c, Not)]
    kept = [p for p in positive if p]
    if not kept:
        return None
    return "(" + " AND ".join(kept) + ")" + "".join(f" NOT {n}" for n in negative if n)
