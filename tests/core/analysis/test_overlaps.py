"""OverlapIndex: the same quotes as a scan of the whole list, while the list grows."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.overlaps import OverlapIndex


@dataclass(frozen=True)
class _Quote:
    start: int
    end: int


def _scan(quotes: list[_Quote], start: int, end: int) -> list[int]:
    return [i for i, q in enumerate(quotes) if q.start < end and start < q.end]


_spans = st.tuples(st.integers(0, 200), st.integers(1, 60)).map(lambda p: (p[0], p[0] + p[1]))


@settings(derandomize=True, max_examples=200)
@given(st.lists(st.tuples(_spans, st.booleans()), max_size=40), st.lists(_spans, max_size=10))
def test_same_as_a_scan_while_the_list_grows(
    steps: list[tuple[tuple[int, int], bool]], initial: list[tuple[int, int]]
) -> None:
    quotes = [_Quote(start, end) for start, end in initial]
    index = OverlapIndex(quotes)
    for (start, end), append in steps:
        assert index.overlapping(start, end) == _scan(quotes, start, end)
        if append:
            quotes.append(_Quote(start, end))


def test_touching_spans_do_not_overlap_and_a_long_quote_is_found() -> None:
    quotes = [_Quote(0, 1000), _Quote(10, 20), _Quote(20, 30)]
    index = OverlapIndex(quotes)
    assert index.overlapping(20, 25) == [0, 2]
    assert index.overlapping(30, 40) == [0]
    assert index.overlapping(1000, 1001) == []
    assert OverlapIndex([]).overlapping(0, 5) == []
