"""Starts the Textual app. Textual is imported here, only when the TUI is actually wanted.

``reader [--db PATH] [--theme NAME] [SOURCE]`` is the common start, and its first paint is
timed (``bench/tui_bench.py``): ``tui_request`` recognises exactly these arguments, so
``reader.cli.main`` starts the TUI without importing click. Anything else (a subcommand,
``--help``, an option twice, an option after SOURCE) goes through the click group, which
calls ``run_tui`` for ``open``.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NamedTuple

from reader.errors import SourceError

if TYPE_CHECKING:
    from reader.cli.context import CliContext
    from reader.core.service import ReaderService

EXIT_APP_DIED = 3
"""The CLI's "any other failure" code (see ``reader.cli``)."""
OPTIONS = ("--db", "--theme")
"""The root group's options that take a value (``reader.cli.root.cli``)."""


class TuiRequest(NamedTuple):
    """What plain ``reader [--db PATH] [--theme NAME] [SOURCE]`` asks for (a named tuple:
    a dataclass costs 0.4 ms to create, on the path this module exists to shorten)."""

    source: str | None = None
    db: str | None = None
    theme: str | None = None


def tui_request(args: list[str]) -> TuiRequest | None:
    """The TUI request ``args`` make, or None when click must parse them.

    Click would read these arguments the same way: each option once, before SOURCE, with a
    value that is not an option; SOURCE a non-empty word that names no subcommand.
    """
    from reader.cli.commands import COMMAND_MODULES

    values: dict[str, str] = {}
    rest = list(args)
    while rest and rest[0].startswith("--"):
        name, has_value, value = rest.pop(0).partition("=")
        if not has_value:
            value = rest.pop(0) if rest else ""
        if name not in OPTIONS or name in values or not value or value.startswith("-"):
            return None
        values[name] = value
    if len(rest) > 1 or (rest and _not_a_source(rest[0], COMMAND_MODULES)):
        return None
    return TuiRequest(rest[0] if rest else None, values.get("--db"), values.get("--theme"))


def _not_a_source(word: str, commands: dict[str, str]) -> bool:
    return not word or (word.startswith("-") and word != "-") or word in commands or word == "open"


def start_tui(request: TuiRequest) -> None:
    """Open the service and the TUI for ``request``; the service's notices go to stderr."""
    from reader.ui import collection

    collection.pause()  # before the service's imports too (see reader.ui.collection)
    from reader.core.service import ReaderService

    try:
        service = ReaderService.open(request.db)
    except BaseException:
        collection.restore()
        raise
    try:
        _run(service, request.source, request.theme)
    finally:
        collection.restore()
        if service.notices:
            from reader.cli import output

            for notice in service.notices:
                output.warn(notice)


def run_tui(obj: CliContext, source: str | None) -> None:
    """Open ``source`` (or the library) in the TUI (the click group's ``open``)."""
    _run(obj.service, source, obj.theme)


def _run(service: ReaderService, source: str | None, theme: str | None) -> None:
    from reader.ui import collection

    collection.pause()  # until just after the first frame (see reader.ui.collection)
    from reader.ui.app import build_app

    app = build_app(service, source, theme)
    if source == "-":
        _reattach_keyboard()
    app.run()
    if app.return_code:
        # The app died (Textual printed the traceback): the exit status says so.
        sys.exit(EXIT_APP_DIED)


def _reattach_keyboard() -> None:
    """After reading a document from a pipe, take keys from the terminal instead."""
    if sys.stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as error:
        raise SourceError(
            "read the document from stdin, but there is no terminal for keys"
        ) from error
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = os.fdopen(0, "r", closefd=False)
