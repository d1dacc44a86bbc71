"""``reader doctor``: check the store's files and repair what a crash or a bad edit broke."""

from __future__ import annotations

import click

from reader.cli import output
from reader.cli.context import CliContext


def register(group: click.Group) -> None:
    """Attach this module's command to ``group``."""
    group.add_command(doctor)


@click.command()
@click.option("--dry-run", is_flag=True, help="Only say what would be repaired.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def doctor(obj: CliContext, dry_run: bool, as_json: bool) -> None:
    """Check the store and repair it: restore bad files from their .bak, rebuild the
    documents list from the annotation files and texts, remove leftover temporary files.

    Nothing that could hold a record is deleted: unusable files are renamed *.corrupt.
    """
    from reader.core.service import ReaderService

    report = ReaderService.doctor(obj.db, dry_run=dry_run)
    if as_json:
        output.print_json({"actions": report.actions, "problems": report.problems})
        return
    if report.healthy:
        output.print_line("The store is healthy: nothing to repair.")
        return
    for action in report.actions:
        output.print_line(f"{action}")
    for problem in report.problems:
        output.warn(problem)
