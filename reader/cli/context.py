"""Per-run CLI state shared by every command: global options and the lazily built service."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from reader.cli import output

if TYPE_CHECKING:
    from reader.core.service import ReaderService


@dataclass
class CliContext:
    """Global options of one ``reader`` invocation."""

    db: str | None = None
    theme: str | None = None
    _service: ReaderService | None = field(default=None, repr=False)

    @property
    def service(self) -> ReaderService:
        """The service facade, opened on first use (so `--help` never touches the store)."""
        if self._service is None:
            from reader.core.service import ReaderService

            self._service = ReaderService.open(self.db)
            click.get_current_context().call_on_close(self._print_notices)
        return self._service

    def _print_notices(self) -> None:
        """Warnings the service met (e.g. replaced bytes in a source), one line each."""
        if self._service is not None:
            for notice in self._service.notices:
                output.warn(notice)
