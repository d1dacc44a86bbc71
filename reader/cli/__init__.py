"""The ``reader`` command line: ``reader [SOURCE]`` opens the TUI; subcommands script the store.

Exit codes: 0 success; 1 only for a search with no match; 2 bad input or usage; 3 any other
failure. Errors are one line on stderr; ``READER_DEBUG=1`` shows the traceback instead.
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
from reader.errors import BadInputError, ReaderError

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


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI and map errors to exit codes."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _require_utf8_arguments(args)
        result: Any = cli.main(args=args, prog_name="reader", standalone_mode=False)
    except ReaderError as error:
        _report(error, error.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FAILURE)
    except click.ClickException as error:
        if os.environ.get("READER_DEBUG") == "1":
            raise
        click.echo(f"reader: {safe_line(error.format_message())}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        _report(error, EXIT_FAILURE)
    sys.exit(result if isinstance(result, int) else 0)


def _require_utf8_arguments(args: list[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (Python keeps them as surrogates).

    The store is UTF-8 JSON, so such a note, tag or path could never be written: failing here
    names the argument, where a write deep in the store would fail with a codec message.
    """
    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            option = args[index - 1] if index and args[index - 1].startswith("-") else ""
            where = f" (after {option})" if option else ""
            raise BadInputError(
                f"argument '{shown}'{where} holds bytes that are not UTF-8 text"
            ) from None


def _report(error: BaseException, code: int) -> None:
    if os.environ.get("READER_DEBUG") == "1":
        raise error
    message = str(error) or type(error).__name__
    click.echo(f"reader: {safe_line(' '.join(message.split()))}", err=True)
    sys.exit(code)
