"""Where each subcommand lives, so a run imports only the module of the command it runs.

``reader SOURCE`` (the TUI) is the common start, and importing every subcommand module to
register it cost about 13 ms before the first frame. The root group asks this table
instead: ``reader --help`` imports them all (it lists every command), ``reader search``
imports ``search_cmds`` only. A test checks the table against what the modules register.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click  # the table itself is read without click (``reader.cli.tui.tui_request``)

COMMAND_MODULES: dict[str, str] = {
    "annotate": "doc_cmds",
    "show": "doc_cmds",
    "edit": "doc_cmds",
    "list": "doc_cmds",
    "delete": "doc_cmds",
    "paths": "doc_cmds",
    "analyze": "analyze_cmds",
    "search": "search_cmds",
    "tags": "search_cmds",
    "export": "transfer_cmds",
    "import": "transfer_cmds",
    "doc": "library_cmds",
    "cite": "library_cmds",
    "correct": "correct_cmds",
    "corrections": "correct_cmds",
    "doctor": "doctor_cmds",
    "people": "corpus_cmds",
    "quotes": "corpus_cmds",
    "index": "corpus_cmds",
}
"""Subcommand name -> the module of ``reader.cli`` whose ``register(group)`` adds it."""


def load(group: click.Group, name: str) -> click.Command | None:
    """The command ``name`` of ``group``, registering its module first if need be."""
    command = group.commands.get(name)
    module_name = COMMAND_MODULES.get(name)
    if command is None and module_name is not None:
        module = importlib.import_module(f"reader.cli.{module_name}")
        module.register(group)
        command = group.commands.get(name)
    return command


def register(group: click.Group) -> None:
    """Attach every area command module to ``group`` (each exposes ``register(group)``)."""
    for module_name in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"reader.cli.{module_name}").register(group)


def names(group: click.Group) -> list[str]:
    """Every command name of ``group``, registered yet or not, sorted as click lists them."""
    return sorted(set(group.commands) | set(COMMAND_MODULES))
