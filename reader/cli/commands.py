"""Registers every subcommand module on the root group (one module per area)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach the area command modules to ``group``. Each module exposes ``register(group)``."""
    from reader.cli import (
        analyze_cmds,
        corpus_cmds,
        correct_cmds,
        doc_cmds,
        doctor_cmds,
        library_cmds,
        search_cmds,
        transfer_cmds,
    )

    modules = (
        doc_cmds,
        analyze_cmds,
        search_cmds,
        transfer_cmds,
        library_cmds,
        correct_cmds,
        doctor_cmds,
        corpus_cmds,
    )
    for module in modules:
        module.register(group)
