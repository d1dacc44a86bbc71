"""Splits a query string into tokens: words, field terms, quotes, ``-``, parentheses, ``OR``.

Every token keeps its position so that errors can point at the column of the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from reader.errors import QueryError

FIELDS = (
    "tag",
    "note",
    "quote",
    "doc",
    "entity",
    "label",
    "speaker",
    "color",
    "after",
    "before",
    "is",
)
"""Every field a query term may name, as in ``tag:politics``."""

DATE_FIELDS = frozenset({"after", "before"})
IS_VALUES = ("orphan", "orphaned", "moved", "anchored")
KEYWORDS = frozenset({"OR", "AND"})
BARE_STOP = frozenset('()"')
"""Characters that end a bare word (besides whitespace)."""

_FIELD_PREFIX = re.compile(r"([A-Za-z]+):")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Kind(Enum):
    """What a token is."""

    TERM = "term"
    OR = "OR"
    AND = "AND"
    NOT = "-"
    OPEN = "("
    CLOSE = ")"


@dataclass(frozen=True)
class Token:
    """One token of a query. ``field``, ``value``, ``prefix`` and ``quoted`` are for terms."""

    kind: Kind
    position: int
    field: str | None = None
    value: str = ""
    prefix: bool = False
    quoted: bool = False


def column(position: int) -> int:
    """The 1-based column users see for a 0-based position."""
    return position + 1


def tokenize(query: str) -> list[Token]:
    """The tokens of ``query``; ``QueryError`` for unbalanced quotes, unknown fields and such."""
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
        elif char in "()":
            tokens.append(Token(Kind.OPEN if char == "(" else Kind.CLOSE, position))
            position += 1
        elif char == "-":
            _check_negation(query, position)
            tokens.append(Token(Kind.NOT, position))
            position += 1
        else:
            token, position = _read_term(query, position)
            tokens.append(token)
    return tokens


def _check_negation(query: str, position: int) -> None:
    following = query[position + 1 : position + 2]
    if not following or following.isspace() or following == ")":
        raise QueryError(
            f"nothing to exclude after '-' at column {column(position)}; "
            "write it right before a word, field or '(' as in -word",
            position,
        )


def _read_term(query: str, start: int) -> tuple[Token, int]:
    """A word, keyword, quoted phrase or ``field:value`` starting at ``start``."""
    if query[start] == '"':
        value, end = _read_quoted(query, start)
        prefix, end = _read_star(query, end)
        return Token(Kind.TERM, start, None, value, prefix, quoted=True), end
    end = _bare_end(query, start)
    chunk = query[start:end]
    field_match = _FIELD_PREFIX.match(chunk)
    if field_match:
        return _read_field_value(query, start, field_match.group(1))
    if chunk in KEYWORDS:
        return Token(Kind.OR if chunk == "OR" else Kind.AND, start), end
    return _bare_token(chunk, start, None), end


def _bare_end(query: str, start: int) -> int:
    end = start
    while end < len(query) and not query[end].isspace() and query[end] not in BARE_STOP:
        end += 1
    return end


def _bare_token(chunk: str, start: int, field: str | None) -> Token:
    prefix = chunk.endswith("*")
    value = chunk[:-1] if prefix else chunk
    if not value:
        raise QueryError(f"'*' at column {column(start)} needs a word before it", start)
    return Token(Kind.TERM, start, field, value, prefix)


def _read_field_value(query: str, start: int, name: str) -> tuple[Token, int]:
    field = name.lower()
    if field not in FIELDS:
        raise QueryError(
            f"unknown field '{name}:' at column {column(start)}; fields are: "
            + ", ".join(f"{f}:" for f in FIELDS),
            start,
        )
    value_start = start + len(name) + 1
    if query[value_start : value_start + 1] == '"':
        value, end = _read_quoted(query, value_start)
        prefix, end = _read_star(query, end)
        token = Token(Kind.TERM, start, field, value, prefix, quoted=True)
    else:
        end = _bare_end(query, value_start)
        if end == value_start:
            example = f"{field}:{_example(field)}"
            raise QueryError(
                f"'{field}:' at column {column(start)} needs a value, as in {example}", start
            )
        token = _bare_token(query[value_start:end], start, field)
    return _checked(token), end


def _example(field: str) -> str:
    return {"after": "2024-01-31", "before": "2024-01-31", "is": "orphan"}.get(field, "word")


def _checked(token: Token) -> Token:
    """Validate the values of fields that only take certain values (dates, ``is:``)."""
    where = f"at column {column(token.position)}"
    if token.prefix and (token.field in DATE_FIELDS or token.field == "is"):
        raise QueryError(f"'*' does not apply to '{token.field}:' {where}", token.position)
    if token.field in DATE_FIELDS and not _is_date(token.value):
        raise QueryError(
            f"bad date '{token.value}' for '{token.field}:' {where}; use YYYY-MM-DD",
            token.position,
        )
    if token.field == "is":
        value = token.value.lower()
        if value not in IS_VALUES:
            raise QueryError(
                f"unknown value '{token.value}' for 'is:' {where}; use one of "
                + ", ".join(IS_VALUES),
                token.position,
            )
        return Token(Kind.TERM, token.position, "is", value, quoted=token.quoted)
    return token


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    """The text of the quoted string opening at ``start`` (``\\"`` and ``\\\\`` escapes)."""
    chars: list[str] = []
    position = start + 1
    while position < len(query):
        char = query[position]
        if char == "\\" and query[position + 1 : position + 2] in ('"', "\\"):
            chars.append(query[position + 1])
            position += 2
        elif char == '"':
            if not chars:
                raise QueryError(f'empty quotes "" at column {column(start)}', start)
            return "".join(chars), position + 1
        else:
            chars.append(char)
            position += 1
    raise QueryError(f"unbalanced quote: the '\"' at column {column(start)} is never closed", start)


def _read_star(query: str, position: int) -> tuple[bool, int]:
    if query[position : position + 1] == "*":
        return True, position + 1
    return False, position
