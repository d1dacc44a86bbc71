"""The query parser: structure, precedence, errors with columns, and the printer round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search import MATCH_ALL, And, Node, Not, Or, Term, parse
from reader.core.search.lexer import FIELDS, IS_VALUES
from reader.core.search.query import PREFIX_FIELDS, and_of, or_of
from reader.errors import BadInputError, QueryError


def test_words_are_anded_and_and_binds_tighter_than_or() -> None:
    assert parse("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse("a (b OR c)") == And((Term("a"), Or((Term("b"), Term("c")))))
    assert parse("a AND b") == parse("a b")


def test_phrases_fields_and_exclusions() -> None:
    assert parse('"surveillance balloon"') == Term("surveillance balloon")
    assert parse('tag:"follow up" -tag:x') == And((Term("follow up", "tag"), Not(Term("x", "tag"))))
    assert parse("-(a OR b)") == Not(Or((Term("a"), Term("b"))))
    assert parse('entity:"Joe Biden"') == Term("Joe Biden", "entity")
    assert parse("TAG:x") == Term("x", "tag")


def test_lowercase_or_is_a_word_and_hyphens_inside_words_stay() -> None:
    assert parse("this or that") == And((Term("this"), Term("or"), Term("that")))
    assert parse("face-to-face") == Term("face-to-face")


def test_empty_query_matches_everything() -> None:
    assert parse("") == MATCH_ALL
    assert parse("   ") == MATCH_ALL


def test_prefix_last_marks_only_an_unquoted_last_word_still_being_typed() -> None:
    assert parse("surv bal", prefix_last=True) == And((Term("surv"), Term("bal", prefix=True)))
    assert parse("bal ", prefix_last=True) == Term("bal")
    assert parse('"bal"', prefix_last=True) == Term("bal")
    assert parse("tag:pol", prefix_last=True) == Term("pol", "tag", prefix=True)
    assert parse("after:2024-01-01", prefix_last=True) == Term("2024-01-01", "after")
    assert parse("bal*") == Term("bal", prefix=True)


def test_is_values_are_checked_and_lowercased() -> None:
    assert parse("is:Orphan") == Term("orphan", "is")


@pytest.mark.parametrize(
    ("query", "position", "fragment"),
    [
        ("balloon colour:red", 8, "unknown field 'colour:' at column 9; fields are: tag:"),
        ('"abc', 0, "unbalanced quote"),
        ("(a OR b", 0, "'(' at column 1 is never closed"),
        ("a) b", 1, "')' at column 2 has no matching '('"),
        ("a OR", 2, "dangling OR at column 3"),
        ("OR a", 0, "dangling OR at column 1"),
        ("a OR OR b", 2, "dangling OR at column 3"),
        ("a OR )", 2, "dangling OR"),
        ("after:2024-02-30", 0, "bad date '2024-02-30' for 'after:' at column 1"),
        ("before:yesterday", 0, "bad date"),
        ("is:lost", 0, "unknown value 'lost' for 'is:'"),
        ("a - b", 2, "nothing to exclude after '-' at column 3"),
        ("a -", 2, "nothing to exclude"),
        ("()", 0, "empty parentheses"),
        ("tag:", 0, "'tag:' at column 1 needs a value"),
        ('""', 0, "empty quotes"),
        ("*", 0, "'*' at column 1 needs a word"),
        ("after:2024-01-01*", 0, "'*' does not apply"),
    ],
)
def test_malformed_queries_raise_query_error_with_position(
    query: str, position: int, fragment: str
) -> None:
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert fragment in str(raised.value)
    assert raised.value.position == position
    assert isinstance(raised.value, BadInputError)
    assert "\n" not in str(raised.value)


def test_printer_quotes_what_would_not_read_back() -> None:
    assert str(Term("OR")) == '"OR"'
    assert str(Term("-x")) == '"-x"'
    assert str(Term('say "hi"')) == '"say \\"hi\\""'
    assert str(Term("a:b", "tag")) == 'tag:"a:b"'
    assert str(Not(And((Term("a"), Term("b"))))) == "-(a b)"
    assert str(And((Or((Term("a"), Term("b"))), Term("c")))) == "(a OR b) c"
    assert parse('"say \\"hi\\" \\\\ back"') == Term('say "hi" \\ back')


# --- property tests ---------------------------------------------------------------------

_dates = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
_text_values = st.text(min_size=1, max_size=12).filter(lambda v: v != "")


@st.composite
def _terms(draw: st.DrawFn) -> Term:
    field = draw(st.sampled_from([None, *FIELDS]))
    if field in ("after", "before"):
        return Term(draw(_dates), field)
    if field == "is":
        return Term(draw(st.sampled_from(IS_VALUES)), field)
    prefix = draw(st.booleans()) if field in PREFIX_FIELDS else False
    return Term(draw(_text_values), field, prefix)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    many = st.lists(children, min_size=2, max_size=4)
    return st.one_of(
        children.map(Not),
        many.map(lambda nodes: and_of(list(nodes))),
        many.map(lambda nodes: or_of(list(nodes))),
    )


_nodes = st.recursive(_terms(), _extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_nodes)
def test_printed_query_parses_back_to_the_same_ast(node: Node) -> None:
    assert parse(str(node)) == node


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab :-()"*\\OR tagis2024-01é\t')), max_size=30))
def test_any_string_parses_or_raises_query_error(query: str) -> None:
    for prefix_last in (False, True):
        try:
            node = parse(query, prefix_last=prefix_last)
        except QueryError as error:
            assert error.position is not None
            assert 0 <= error.position <= len(query)
        else:
            assert isinstance(node, Term | Not | And | Or)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_unicode_string_parses_or_raises_query_error(query: str) -> None:
    try:
        node = parse(query)
    except QueryError:
        return
    assert parse(str(node)) == node
