"""``reader export`` and ``reader import``: move annotations in and out of the store.

Formats are described in docs/FORMATS.md. Export writes to stdout unless ``-o FILE`` is given;
import checks the whole file before writing anything.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.atomic_file import write_atomically
from reader.core.exporting.records import EXPORT_FORMATS
from reader.core.sanitize import safe, safe_line
from reader.errors import BadInputError

if TYPE_CHECKING:
    from reader.core.exporting.importing import ImportSummary


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(export_command)
    group.add_command(import_command)


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice((*EXPORT_FORMATS, "obsidian")),
    default="json",
    show_default=True,
    help="json (native, re-importable), w3c (Web Annotation JSON-LD), markdown, csv, or "
    "obsidian (one note per document in --vault DIR).",
)
@click.option("--vault", metavar="DIR", help="The Obsidian vault folder (--format obsidian).")
@click.option("--query", metavar="QUERY", help="Only annotations this search finds.")
@click.option("--doc", "document_ref", metavar="DOC", help="Only this document (id or source).")
@click.option("--with-text", is_flag=True, help="Include each document's text (json and w3c).")
@click.option("--quotes", "ledger", is_flag=True, help="Export the quotation ledger (json, csv).")
@click.option("--people", "people", is_flag=True, help="Export the people list (json, csv).")
@click.option(
    "-o", "--output", "output_path", metavar="FILE", help="Write to FILE instead of stdout."
)
@click.pass_obj
def export_command(
    obj: CliContext,
    export_format: str,
    query: str | None,
    document_ref: str | None,
    with_text: bool,
    ledger: bool,
    people: bool,
    output_path: str | None,
    vault: str | None,
) -> None:
    """Export annotations (all, a search's, or one document's) as json, w3c, markdown or csv,
    or as notes in an Obsidian vault (re-run it: only reader's part of each note changes).

    `--quotes` exports the quotation ledger and `--people` the people list instead (json or
    csv; the shapes of `reader quotes --json` and `reader people --json`).
    """
    if ledger or people:
        text = _library_export(obj, export_format, ledger, people, document_ref)
        if output_path is None:
            click.echo(safe(text), nl=False)
        else:
            write_output_file(Path(output_path), text)
        return
    if export_format == "obsidian" or vault is not None:
        if output_path is not None or with_text:
            raise click.UsageError(
                "--format obsidian writes into --vault DIR: no -o or --with-text"
            )
        _export_vault(obj, export_format, vault, query, document_ref)
        return
    bundles = obj.service.export_bundles(query, document_ref, with_text)
    from reader.core.models import now_iso
    from reader.core.service.transfer import render_export

    text = render_export(export_format, bundles, now_iso())
    if output_path is None:
        click.echo(safe(text), nl=False)  # already safe (renderers sanitise); belt and braces
        return
    write_output_file(Path(output_path), text)
    count = sum(len(bundle.annotations) for bundle in bundles)
    output.print_line(
        f"Exported {count} annotation{'s' * (count != 1)} from {len(bundles)} "
        f"document{'s' * (len(bundles) != 1)} to {output_path} ({export_format})."
    )


def _library_export(
    obj: CliContext, export_format: str, ledger: bool, people: bool, document_ref: str | None
) -> str:
    """The ledger or the people list as JSON or CSV."""
    if ledger and people:
        raise BadInputError("choose --quotes or --people, not both")
    if export_format not in ("json", "csv"):
        raise BadInputError(f"--quotes and --people export json or csv, not {export_format}")
    if ledger:
        rows = [row.to_dict() for row in obj.service.quotes(document_ref=document_ref)]
    else:
        rows = [row.to_dict() for row in obj.service.people()]
    if export_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return _csv(rows)


def _csv(rows: list[dict[str, object]]) -> str:
    """Rows as CSV, nested ``document`` objects flattened to ``document_id``/``_title``;
    text cells sanitised and neutralised against CSV injection (``csv_format.cell``)."""
    from reader.core.exporting.csv_format import cell

    flat = []
    for row in rows:
        document = row.pop("document", None)
        if isinstance(document, dict):
            row = {**row, "document_id": document["id"], "document_title": document["title"]}
        flat.append({k: cell(v) if isinstance(v, str) else v for k, v in row.items()})
    buffer = io.StringIO()
    if flat:
        writer = csv.DictWriter(buffer, fieldnames=list(flat[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
    return buffer.getvalue()


def _export_vault(
    obj: CliContext,
    export_format: str,
    vault: str | None,
    query: str | None,
    document_ref: str | None,
) -> None:
    if export_format != "obsidian" or vault is None:
        raise click.UsageError("--vault DIR and --format obsidian go together")
    report = obj.service.export_vault(Path(vault), document_ref=document_ref, query=query)
    output.print_line(
        f"Vault {safe_line(vault)}: {len(report.created)} created, {len(report.updated)} "
        f"updated, {len(report.unchanged)} unchanged."
    )


def write_output_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, so a failed export never leaves half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise BadInputError(f"cannot write {path}: directory {directory} does not exist")
    if path.is_dir():
        raise BadInputError(f"cannot write {path}: it is a directory")
    try:
        write_atomically(path, text.encode("utf-8"), durable=False)
    except OSError as error:
        raise BadInputError(f"cannot write {path}: {error.strerror}") from None


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def import_command(obj: CliContext, file: str, dry_run: bool, as_json: bool) -> None:
    """Import a json or w3c export (merging by annotation id; the newer edit wins)."""
    summary = obj.service.import_file(Path(file), dry_run=dry_run)
    if as_json:
        output.print_json({**summary.to_dict(), "dry_run": dry_run})
        return
    print_summary(file, summary, dry_run)


def print_summary(file: str, summary: ImportSummary, dry_run: bool) -> None:
    """A small table of what the import changed (or would change)."""
    verb = "Would import" if dry_run else "Imported"
    output.print_line(f"{verb} {file} ({summary.format} format):")
    table = output.new_table("change", "count")
    table.add_row("new documents", str(summary.new_documents))
    table.add_row("new annotations", str(summary.new_annotations))
    table.add_row("updated annotations", str(summary.updated))
    table.add_row("unchanged annotations", str(summary.unchanged))
    output.print_table(table)
    if dry_run:
        output.print_line("Dry run: nothing was written.")
