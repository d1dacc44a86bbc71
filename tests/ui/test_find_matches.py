"""The article's find matches as data (``reader.ui.widgets.find_matches``): what a search
finds, which match is current, and which matches a drawn line overlaps."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.widgets.find_matches import FindMatches


def test_whitespace_in_the_query_matches_any_run_of_whitespace_case_insensitively() -> None:
    matches = FindMatches()
    assert matches.search("The Vice\n  President met the vice president.", "vice president") == 2
    assert matches.spans() == [(4, 20), (29, 43)]
    assert matches.current is None


def test_a_blank_query_finds_nothing_and_clear_says_whether_anything_went() -> None:
    matches = FindMatches()
    assert matches.search("some text", "   ") == 0
    assert not matches.clear()
    matches.search("a b a", "a")
    matches.reach(4)
    assert matches.current == 1
    assert matches.clear()
    assert (matches.starts, matches.ends, matches.current) == ([], [], None)


@given(
    text=st.text(alphabet="ab \n", max_size=60),
    query=st.sampled_from(["a", "ab", "a b", "b  a", "aa"]),
    window=st.tuples(st.integers(0, 60), st.integers(0, 60)),
    reached=st.integers(0, 60),
)
def test_the_matches_of_a_window_are_those_that_overlap_it(
    text: str, query: str, window: tuple[int, int], reached: int
) -> None:
    matches = FindMatches()
    matches.search(text, query)
    pattern = re.compile(r"\s+".join(map(re.escape, query.split())), re.IGNORECASE)
    assert matches.spans() == [m.span() for m in pattern.finditer(text)]
    if matches.count:
        matches.reach(max(reached, matches.starts[0]))
    start, end = sorted(window)
    expected = [
        (first, last, index == matches.current)
        for index, (first, last) in enumerate(matches.spans())
        if first < end and last > start
    ]
    assert list(matches.within(start, end)) == expected
