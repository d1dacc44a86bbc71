"""The query language: an AST, its parser and its canonical printer.

Grammar (implicit AND binds tighter than ``OR``)::

    query    := or_expr?
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := unary (["AND"] unary)*
    unary    := "-" unary | "(" or_expr ")" | term

``str(node)`` prints a canonical query that parses back to an equal AST.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.search.lexer import (
    BARE_STOP,
    DATE_FIELDS,
    KEYWORDS,
    Kind,
    Token,
    column,
    tokenize,
)
from reader.errors import QueryError

PREFIX_FIELDS = frozenset(
    {None, "tag", "note", "quote", "doc", "entity", "label", "speaker", "color"}
)
"""Fields whose values may be prefix-matched (a trailing ``*``)."""
MAX_QUERY_CHARS = 4000
"""A query is typed by a person: longer ones are refused before they are read."""
MAX_QUERY_DEPTH = 32
"""Parentheses and ``-`` nest at most this deep (the parser and the matcher recurse)."""
MAX_QUERY_TERMS = 200
"""At most this many terms: each one is a pass over the index."""


@dataclass(frozen=True)
class Term:
    """One condition: words (or a phrase) in ``field`` (``None``: note, quote or tags)."""

    value: str
    field: str | None = None
    prefix: bool = False

    def __str__(self) -> str:
        text = self.value if _bare_safe(self.value) else _quoted(self.value)
        head = f"{self.field}:" if self.field else ""
        return head + text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Not:
    """Everything its child does not match."""

    child: Node

    def __str__(self) -> str:
        inner = str(self.child)
        return "-" + (inner if isinstance(self.child, Term | Not) else f"({inner})")


@dataclass(frozen=True)
class And:
    """All children match. ``And(())`` matches everything (the empty query)."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " ".join(f"({c})" if isinstance(c, Or | And) else str(c) for c in self.children)


@dataclass(frozen=True)
class Or:
    """At least one child matches."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(f"({c})" if isinstance(c, Or) else str(c) for c in self.children)


Node = Term | Not | And | Or
MATCH_ALL = And(())


def _bare_safe(value: str) -> bool:
    """Whether ``value`` reads back as itself without quotes."""
    return not (
        not value
        or value in KEYWORDS
        or value.startswith("-")
        or any(c.isspace() or c in BARE_STOP or c in "\\*:" for c in value)
    )


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def and_of(children: list[Node]) -> Node:
    """An ``And`` of ``children`` with nested ``And``s spliced in; a lone child as itself."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, And) else (child,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def or_of(children: list[Node]) -> Node:
    """An ``Or`` of ``children`` with nested ``Or``s spliced in; a lone child as itself."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, Or) else (child,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def parse(query: str, prefix_last: bool = False) -> Node:
    """Parse ``query`` into an AST; ``QueryError`` (with the column) if it is malformed.

    With ``prefix_last`` the last term, when it is an unquoted word or field value that the
    user is still typing (the query does not end in whitespace), matches as a prefix.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is too long ({len(query):,} characters; at most {MAX_QUERY_CHARS:,})"
        )
    tokens = tokenize(query)
    terms = sum(token.kind is Kind.TERM for token in tokens)
    if terms > MAX_QUERY_TERMS:
        raise QueryError(f"the query has too many terms ({terms}; at most {MAX_QUERY_TERMS})")
    if prefix_last and query and not query[-1].isspace():
        tokens = _prefix_last(tokens)
    if not tokens:
        return MATCH_ALL
    return _Parser(tokens, len(query)).parse()


def _prefix_last(tokens: list[Token]) -> list[Token]:
    last = tokens[-1]
    if last.kind is Kind.TERM and not last.quoted and last.field in PREFIX_FIELDS:
        tokens = [*tokens[:-1], Token(Kind.TERM, last.position, last.field, last.value, True)]
    return tokens


class _Parser:
    """Recursive descent over the token list."""

    def __init__(self, tokens: list[Token], length: int) -> None:
        self.tokens = tokens
        self.index = 0
        self.length = length
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            # Only an unmatched ')' can stop or_expr before the end.
            raise _unmatched_close(token)
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind is Kind.OR:
            self.take()
            self.expect_operand(token)
            children.append(self.and_expr())
        return or_of(children)

    def and_expr(self) -> Node:
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in (Kind.OR, Kind.CLOSE):
            if token.kind is Kind.AND:
                self.take()
                self.expect_operand(token)
            children.append(self.unary())
        return and_of(children)

    def expect_operand(self, operator: Token) -> None:
        """Fail unless a term, ``-`` or ``(`` follows ``operator``."""
        token = self.peek()
        if token is None or token.kind in (Kind.OR, Kind.AND, Kind.CLOSE):
            raise _dangling(operator)

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError("the query ends too early", self.length)
        if token.kind in (Kind.NOT, Kind.OPEN):
            return self.nested(token)
        if token.kind in (Kind.OR, Kind.AND):
            raise _dangling(token)
        if token.kind is Kind.CLOSE:
            raise _unmatched_close(token)
        self.take()
        return Term(token.value, token.field, token.prefix)

    def nested(self, token: Token) -> Node:
        """``-x`` or ``( … )``, at most ``MAX_QUERY_DEPTH`` deep (a message, not a crash)."""
        self.depth += 1
        if self.depth > MAX_QUERY_DEPTH:
            raise QueryError(
                f"the query nests too deeply at column {column(token.position)} "
                f"(at most {MAX_QUERY_DEPTH} levels of parentheses and -)",
                token.position,
            )
        try:
            if token.kind is Kind.OPEN:
                return self.group()
            self.take()
            self.expect_operand(token)
            return Not(self.unary())
        finally:
            self.depth -= 1

    def group(self) -> Node:
        opening = self.take()
        following = self.peek()
        if following is not None and following.kind is Kind.CLOSE:
            raise QueryError(
                f"empty parentheses at column {column(opening.position)}", opening.position
            )
        if following is None:
            raise self.unclosed(opening)
        node = self.or_expr()
        closing = self.peek()
        if closing is None:
            raise self.unclosed(opening)
        self.take()
        return node

    def unclosed(self, opening: Token) -> QueryError:
        return QueryError(
            f"unbalanced parenthesis: '(' at column {column(opening.position)} is never closed",
            opening.position,
        )


def _dangling(operator: Token) -> QueryError:
    where = f"at column {column(operator.position)}"
    if operator.kind is Kind.NOT:
        return QueryError(f"nothing to exclude after '-' {where}", operator.position)
    name = operator.kind.value
    return QueryError(
        f"dangling {name} {where}: {name} needs a search term on both sides", operator.position
    )


def _unmatched_close(token: Token) -> QueryError:
    return QueryError(
        f"unbalanced parenthesis: ')' at column {column(token.position)} has no matching '('",
        token.position,
    )


__all__ = [
    "DATE_FIELDS",
    "MATCH_ALL",
    "PREFIX_FIELDS",
    "And",
    "Node",
    "Not",
    "Or",
    "Term",
    "and_of",
    "or_of",
    "parse",
]
