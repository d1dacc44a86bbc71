"""Where an edited passage may have gone: votes of its surviving seeds.

A seed is a word of the recorded passage (quote and context) with the characters after it
(see ``reader.core.anchor_index``). Each place where a seed still occurs votes for where
the passage starts; votes that agree form a guess, and the guesses supported by the most
distinct seeds are where the fuzzy matcher (``reader.core.fuzzy_match``) looks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.anchor_index import SEED_CHARS, SeedIndex

MAX_BITS = 32
"""Longest pattern the bitap matcher handles; also the slack allowed around a guess."""
_MAX_SEEDS = 24
_NEAR = 2048
"""How far around the expected place seeds are looked for first."""
_INNER_WORD = re.compile(r"(?<=\s)\S")
_MAX_CANDIDATES = 3


@dataclass(frozen=True)
class Passage:
    """The passage as recorded: context and quote joined, with the quote's offsets in it."""

    local: str
    """``prefix + exact + suffix`` of the old selector."""
    start: int
    end: int
    hint: int
    """Where the passage is expected to start in the new text."""

    @classmethod
    def of(cls, prefix: str, exact: str, suffix: str, hint: int) -> Passage:
        """Build from a selector's parts and the expected start."""
        return cls(prefix + exact + suffix, len(prefix), len(prefix) + len(exact), hint)

    @property
    def exact(self) -> str:
        """The quote."""
        return self.local[self.start : self.end]

    @property
    def prefix(self) -> str:
        """The context before the quote."""
        return self.local[: self.start]

    @property
    def suffix(self) -> str:
        """The context after the quote."""
        return self.local[self.end :]


@dataclass(frozen=True)
class Guess:
    """Where one cluster of seeds puts the passage's start and end in the new text."""

    start: int
    end: int
    support: int


def _seed_offsets(passage: Passage) -> list[int]:
    """Offsets in ``passage.local`` of its seeds: the words that start after white space.

    The first characters of ``local`` may be the tail of a cut word, so they never count.
    """
    local = passage.local
    offsets = [m.start() for m in _INNER_WORD.finditer(local, 1, len(local) - SEED_CHARS + 1)]
    if len(offsets) <= _MAX_SEEDS:
        return offsets
    # Very long passages: an even spread of seeds, with those next to both ends of the quote
    # (which place its boundaries best), says as much as all of them.
    step = len(offsets) // _MAX_SEEDS + 1
    ends = [
        min(offsets, key=lambda o: abs(o - passage.start)),
        min(offsets, key=lambda o: abs(o + SEED_CHARS - passage.end)),
    ]
    return sorted({*offsets[::step], *ends})


def guesses(seeds: SeedIndex, passage: Passage, tolerance: int) -> list[Guess]:
    """Likely places of the passage: clusters of seed hits, best supported first, and the hint.

    Seeds are looked for near the hint first; the whole text is searched only when too few
    of them are found there (the passage moved, or changed a lot).
    """
    offsets = _seed_offsets(passage)
    low = max(0, passage.hint - _NEAR)
    high = passage.hint + _NEAR + len(passage.local)
    nearby = _votes(offsets, passage, lambda seed: seeds.hits(seed, low, high))
    found = _clustered(nearby, passage, tolerance)
    if not found or 2 * found[0].support < len(offsets):
        found = _clustered(_votes(offsets, passage, seeds.hits), passage, tolerance)
    if all(abs(guess.start - passage.hint) > tolerance for guess in found):
        length = passage.end - passage.start
        found.append(Guess(passage.hint, passage.hint + length, 0))
    return found


def _votes(
    offsets: list[int], passage: Passage, hits: Callable[[str], list[int] | None]
) -> list[tuple[int, int]]:
    """(implied start of the quote, offset of the seed) for every hit of every seed."""
    votes: list[tuple[int, int]] = []
    for offset in offsets:
        found = hits(passage.local[offset : offset + SEED_CHARS])
        votes.extend((hit - offset + passage.start, offset) for hit in found or ())
    votes.sort()
    return votes


def _clustered(votes: list[tuple[int, int]], passage: Passage, tolerance: int) -> list[Guess]:
    """Votes grouped by implied start; the best supported groups (by distinct seeds) first."""
    clusters: list[list[tuple[int, int]]] = []
    for vote in votes:
        if clusters and vote[0] - clusters[-1][-1][0] <= tolerance:
            clusters[-1].append(vote)
        else:
            clusters.append([vote])
    supported = sorted(
        ((len({offset for _, offset in cluster}), cluster) for cluster in clusters),
        key=lambda item: (-item[0], abs(item[1][0][0] - passage.hint)),
    )
    # A seed or two found elsewhere by chance is noise next to a well supported place.
    strongest = supported[0][0] if supported else 0
    return [
        _guess_from(cluster, support, passage)
        for support, cluster in supported[:_MAX_CANDIDATES]
        if 2 * support >= strongest
    ]


def _guess_from(cluster: list[tuple[int, int]], support: int, passage: Passage) -> Guess:
    """Start and end as implied by the seeds nearest to each boundary.

    Of a seed's several hits in the cluster, the one agreeing with the cluster's median wins.
    """
    median = cluster[len(cluster) // 2][0]
    near_start = min(cluster, key=lambda v: (abs(v[1] - passage.start), abs(v[0] - median)))
    near_end = min(
        cluster, key=lambda v: (abs(v[1] + SEED_CHARS - passage.end), abs(v[0] - median))
    )
    shift_at_end = near_end[0] - passage.start
    return Guess(near_start[0], shift_at_end + passage.end, support)
