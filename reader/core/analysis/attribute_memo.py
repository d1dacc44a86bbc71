"""A faster matcher for the model's ``attribute_ruler``, with exactly the same matches.

The attribute ruler of the English models maps tags and a few hundred words to parts of
speech, morphology and lemmas with about 180 ``Matcher`` patterns. spaCy's ``Matcher`` tries
every pattern at every token, which made the ruler cost as much as the parser (measured:
docs/PERFORMANCE.md). Almost all of its patterns are one token long and read only that
token's own attributes (``LOWER``, ``TAG``, ``DEP``, ``IS_SPACE``), so whether they match a
token is a function of those values. ``MemoMatcher`` asks spaCy's own ``Matcher`` (holding
just those patterns) once per distinct combination of values and remembers the answer; the
few longer or context-dependent patterns stay in a small ``Matcher`` run over the whole Doc.

Word values that no pattern names are all alike to the patterns, so they share one key: the
memory stays small (a few thousand entries), and no word is ever matched differently. A key
only goes to the memo when every one of its patterns qualifies, so spaCy's per-key handling
(duplicates, callbacks, greedy filters) is never split. Installed by
``reader.core.analysis.pipeline`` on reader's own pipeline only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

_LOCAL_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA"})
"""String attributes of the token itself: their value alone decides a one-token predicate."""
_FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})
"""Boolean lexical attributes, likewise local (and with two values only)."""
_MAX_ENTRIES = 200_000
"""The memo is cleared when it grows past this (it never does on the English models)."""


def _attr_id(name: str) -> int:
    return int(IDS["ORTH" if name == "TEXT" else name])


def _one_token_local(patterns: Sequence[Sequence[dict[str, Any]]]) -> bool:
    """Whether every pattern is one token whose predicates read only that token's own
    attributes, by equality, ``IN`` or ``NOT_IN`` (no operators, extensions or regexes)."""
    for pattern in patterns:
        if len(pattern) != 1 or not pattern[0]:
            return False
        for name, value in pattern[0].items():
            if name in _FLAG_ATTRS and isinstance(value, bool):
                continue
            if name not in _LOCAL_ATTRS:
                return False
            if isinstance(value, dict) and not set(value) <= {"IN", "NOT_IN"}:
                return False
            if not isinstance(value, dict | str):
                return False
    return True


class MemoMatcher:
    """Stands in for an attribute ruler's ``Matcher``: same calls, same matches, faster.

    Anything but the ruler's own call (``matcher(doc, allow_missing=True)``) and the
    read-only lookups goes to the original ``Matcher``.
    """

    def __init__(self, original: Any) -> None:
        self.original = original  # a Matcher (typed Any: the stubs lack its fields)
        self.local = Matcher(original.vocab)
        self.rest = Matcher(original.vocab)
        patterns_by_attr: dict[str, list[dict[str, Any]]] = {}
        for key in list(self.original._patterns):  # no public listing of keys
            callback, patterns = self.original.get(key)
            greedy = self.original._filter.get(key)
            if callback is None and greedy is None and _one_token_local(patterns):
                self.local.add(key, patterns)
                for pattern in patterns:
                    for name, value in pattern[0].items():
                        patterns_by_attr.setdefault(name, []).append(value)
            else:
                self.rest.add(key, patterns, on_match=callback, greedy=greedy)
        self.names = sorted(patterns_by_attr)
        self.ids: list[int | str] = [_attr_id(name) for name in self.names]
        self.named = [_named_values(patterns_by_attr[name]) for name in self.names]
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def __call__(
        self, doclike: Any, *, as_spans: bool = False, allow_missing: bool = False, **more: Any
    ) -> Any:
        """The matches of every pattern on ``doclike``, as ``Matcher.__call__`` gives them
        (for a Doc without spans or alignments; anything else goes to the original)."""
        if as_spans or more or not isinstance(doclike, Doc) or not allow_missing:
            return self.original(doclike, as_spans=as_spans, allow_missing=allow_missing, **more)
        matches: list[tuple[int, int, int]] = []
        if len(self.local) and len(doclike):
            matches.extend(self._local_matches(doclike))
        if len(self.rest):
            matches.extend(self.rest(doclike, allow_missing=True))
        return matches

    def _local_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        memo = self.memo
        if len(memo) > _MAX_ENTRIES:
            memo.clear()
        columns = doc.to_array(self.ids).reshape(len(doc), len(self.ids)).T.tolist()
        for column, named in zip(columns, self.named, strict=True):
            if named is not None:
                values, other = named
                column[:] = [value if value in values else other for value in column]
        for i, key in enumerate(zip(*columns, strict=True)):
            ids = memo.get(key)
            if ids is None:
                ids = tuple(match for match, _, _ in self.local(doc[i : i + 1], allow_missing=True))
                memo[key] = ids
            for match_id in ids:
                found.append((match_id, i, i + 1))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)

    def __len__(self) -> int:
        return len(self.original)

    def __contains__(self, key: object) -> bool:
        return bool(self.original.__contains__(key))


def _named_values(values: list[Any]) -> tuple[frozenset[int], int] | None:
    """The ids of the words a string attribute's predicates name, and an id named by none,
    when only equality and ``IN`` are used (any other value then matches nothing); None
    when the raw value must be kept (flags, ``NOT_IN``)."""
    named: set[int] = set()
    for value in values:
        if isinstance(value, str):
            named.add(int(get_string_id(value)))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            named.update(int(get_string_id(item)) for item in value["IN"])
        else:
            return None
    other = next(candidate for candidate in range(len(named) + 1) if candidate not in named)
    return frozenset(named), other


def install(nlp: Any) -> bool:
    """Give ``nlp``'s ``attribute_ruler`` (when it has one) a ``MemoMatcher``; True if done."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if not isinstance(matcher, Matcher) or not len(matcher):
        return False
    ruler.matcher = MemoMatcher(matcher)
    return True
