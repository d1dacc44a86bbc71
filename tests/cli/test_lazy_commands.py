"""Subcommands are registered on demand; the table that says where each lives is complete."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
from click.testing import CliRunner

from reader.cli import commands
from reader.cli.root import cli


def test_table_matches_what_each_module_registers() -> None:
    for module_name in set(commands.COMMAND_MODULES.values()):
        group = click.Group()
        importlib.import_module(f"reader.cli.{module_name}").register(group)
        listed = {name for name, where in commands.COMMAND_MODULES.items() if where == module_name}
        assert set(group.commands) == listed, module_name


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in commands.COMMAND_MODULES:
        assert f"\n  {name} " in result.output


def test_starting_imports_no_subcommand_module() -> None:
    """What `reader SOURCE` runs before the TUI: the root group alone, and resolving a SOURCE."""
    code = (
        "import sys, click\n"
        "from reader.cli.root import cli\n"
        "ctx = click.Context(cli)\n"
        "name, command, args = cli.resolve_command(ctx, ['article.txt'])\n"
        "assert name == 'open', name\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmds')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_subcommand_resolves_to_its_module() -> None:
    ctx = click.Context(cli)
    name, command, _ = cli.resolve_command(ctx, ["tags", "rename"])
    assert name == "tags"
    assert command is not None and command.callback is not None
