"""Service operations that need no open store: the facade exposes them as static methods.

They live apart from the facade's delegating methods because they touch no part: stopping
fetches, checking a store before it is opened, and the pure correction of an analysis.
Each imports its module when called, so opening the service imports none of them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader.paths import resolve_paths

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.analysis.results import Analysis, ParagraphResult
    from reader.core.models import Annotation
    from reader.core.store.doctor import DoctorReport


def cancel_fetches() -> None:
    """Stop every URL fetch in progress, in any thread (they raise ``SourceError``)."""
    from reader.core.sources.fetch import cancel_fetches as cancel

    cancel()


def doctor(db: str | os.PathLike[str] | None = None, dry_run: bool = False) -> DoctorReport:
    """Check and repair the store at ``db`` without opening it (see ``store.doctor``)."""
    from reader.core.store.doctor import StoreDoctor

    return StoreDoctor(resolve_paths(db).db, dry_run=dry_run).run()


def apply_corrections(analysis: Analysis, annotations: Sequence[Annotation]) -> Analysis:
    """``analysis`` corrected by the corrections among ``annotations`` (pure: no I/O);
    see ``reader.core.corrections.apply_corrections``."""
    from reader.core.corrections import apply_corrections as apply

    return apply(analysis, annotations)


def correct_paragraph(
    result: ParagraphResult, annotations: Sequence[Annotation], sha256: str
) -> ParagraphResult:
    """A streamed paragraph's results corrected (see ``correct_paragraph``)."""
    from reader.core.corrections import correct_paragraph as correct

    return correct(result, annotations, sha256)
