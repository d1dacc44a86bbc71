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
    """Stop every URL fetch and stream read (FIFO, pipe) in progress, in any thread (they
    raise ``SourceError``)."""
    from reader.core.sources.fetch import cancel_fetches as cancel
    from reader.core.sources.streams import cancel_stream_reads

    cancel()
    cancel_stream_reads()


def reads_slowly(source: str) -> bool:
    """Whether reading ``source`` may wait on someone else: a URL, a FIFO, a pipe (a UI
    reads those in a worker); a stored document or a regular file never does."""
    from pathlib import Path

    from reader.core.service.references import is_url
    from reader.core.sources.streams import is_stream_path

    return is_url(source) or is_stream_path(Path(source).expanduser())


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
