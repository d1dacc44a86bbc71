"""The click group of ``reader``: global options, subcommands on demand, ``reader SOURCE``.

``reader SOURCE`` and ``reader`` alone usually never get here: ``reader.cli.main`` starts
the TUI itself when the arguments are that simple (see ``reader.cli.tui.tui_request``), so
the TUI's start imports no click. Everything else (subcommands, ``--help``, unusual
arguments) is parsed here.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from reader import __version__
from reader.cli import commands
from reader.cli.context import CliContext
from reader.core.sanitize import safe_line

EXIT_USAGE = 2
EXIT_FAILURE = 3


class DefaultToOpenGroup(click.Group):
    """A group where an unknown first word is a SOURCE for the hidden ``open`` command.

    Subcommands are registered on demand (``reader.cli.commands``): the TUI's start imports
    none of their modules, ``--help`` imports all of them.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing its module the first time it is asked for."""
        return commands.load(self, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, without importing a module (help imports them to describe)."""
        return commands.names(self)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Route ``reader SOURCE`` to ``reader open SOURCE``."""
        if args and self.get_command(ctx, args[0]) is None:
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)


@click.group(cls=DefaultToOpenGroup, invoke_without_command=True)
@click.option("--db", "db", metavar="PATH", help="The store's main file (env: READER_DB).")
@click.option("--theme", metavar="NAME", help="Theme for this run (env: READER_THEME).")
@click.version_option(__version__, prog_name="reader")
@click.pass_context
def cli(ctx: click.Context, db: str | None, theme: str | None) -> None:
    """A terminal reader that highlights entities and who said what, with notes and tags.

    Run `reader SOURCE` to read a file, URL or `-` (stdin); `reader` alone opens the library.
    """
    ctx.obj = CliContext(db=db, theme=theme)
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_command, source=None)


@cli.command("open", hidden=True)
@click.argument("source", required=False)
@click.pass_obj
def open_command(obj: CliContext, source: str | None) -> None:
    """Open SOURCE (or the library) in the reading screen."""
    from reader.cli.tui import run_tui

    run_tui(obj, source)


def run(args: list[str]) -> Any:
    """Run the group on ``args``; a usage error is one line on stderr and exit code 2."""
    try:
        return cli.main(args=args, prog_name="reader", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAILURE)
    except click.ClickException as error:
        if os.environ.get("READER_DEBUG") == "1":
            raise
        click.echo(f"reader: {safe_line(error.format_message())}", err=True)
        sys.exit(EXIT_USAGE)
