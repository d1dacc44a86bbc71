"""``changes``: marks a facade method that changes the store, so the index follows it.

Kept apart from the facade (which only delegates) because it is the one piece of policy
its methods share: after any change, the derived search index is brought up to date in
the same call (``ReaderService._changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar


class Changing(Protocol):
    """What ``changes`` needs of the object whose method it wraps."""

    def _changed(self) -> None: ...


S = TypeVar("S", bound=Changing)
P = ParamSpec("P")
R = TypeVar("R")


def changes(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Mark a facade method that changes the store: the index follows in the same call."""

    def changing(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        result = method(self, *args, **kwargs)
        self._changed()
        return result

    changing.__doc__ = method.__doc__
    changing.__name__ = method.__name__
    return changing
