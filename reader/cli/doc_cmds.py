"""Scripting commands over documents and annotations: annotate, show, edit, list, delete, paths.

Each prints a rich table for people or, with ``--json``, a stable JSON shape (docs/CLI.md).
Errors are ``ReaderError``s raised by the service; ``reader.cli.main`` maps them to exit codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.sanitize import safe_line

if TYPE_CHECKING:
    from reader.cli.table import Table
    from reader.core.models import Annotation, Document

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/CLI.md).")


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    for command in (annotate, show, edit, list_documents, delete, paths):
        group.add_command(command)


@click.command()
@click.argument("source")
@click.option("--quote", required=True, metavar="TEXT", help="Exact text to annotate.")
@click.option("--occurrence", default=1, show_default=True, type=int, help="Which occurrence.")
@click.option("--note", default="", metavar="TEXT", help="The note.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--color", default="yellow", show_default=True, metavar="NAME", help="Colour.")
@click.pass_obj
def annotate(
    obj: CliContext,
    source: str,
    quote: str,
    occurrence: int,
    note: str,
    tags: tuple[str, ...],
    color: str,
) -> None:
    """Annotate a quoted passage of SOURCE; print the new id.

    SOURCE is a path, an http(s) URL, `-` (stdin) or a stored document's id.
    """
    annotation = obj.service.annotate_quote(
        source, quote, occurrence=occurrence, note=note, tags=tags, color=color
    )
    output.print_line(annotation.id)


@click.command()
@click.argument("ref", metavar="SOURCE-OR-DOC-ID")
@_json_option
@click.pass_obj
def show(obj: CliContext, ref: str, as_json: bool) -> None:
    """Show one document and its annotations.

    A path or URL whose text changed is re-opened (and its annotations re-anchored) first.
    """
    service = obj.service
    document = service.refresh_document(ref)
    annotations = service.annotations_for(document.id)
    if as_json:
        output.print_json(
            {
                "document": document.to_dict(),
                "annotations": [annotation.to_dict() for annotation in annotations],
            }
        )
        return
    count = f"{len(annotations)} annotation{'' if len(annotations) == 1 else 's'}"
    output.print_line(f"{document.title} ({document.source}, {count})")
    byline = " · ".join(
        part
        for part in (document.author, document.published, document.site, document.state.value)
        if part
    )
    output.print_line(byline)
    if annotations:
        output.print_table(_annotations_table(annotations))


def _annotations_table(annotations: list[Annotation]) -> Table:
    table = output.new_table("ID", "Passage", "Note", "Tags", "Colour", "Status")
    for annotation in annotations:
        table.add_row(
            output.short_id(annotation.id),
            output.shorten(annotation.selector.exact),
            output.shorten(_note_or_change(annotation)),
            ", ".join(annotation.tags),
            annotation.color,
            annotation.status.value,
        )
    return table


def _note_or_change(annotation: Annotation) -> str:
    """A note's text; for a correction, the change it makes (``reader corrections`` lists
    them)."""
    if annotation.correction is None:
        return annotation.note
    from reader.core.corrections import describe

    return f"correction: {describe(annotation.correction)}"


@click.command()
@click.argument("annotation_id", metavar="ANNOTATION-ID")
@click.option("--note", default=None, metavar="TEXT", help="Replace the note.")
@click.option("--tag", "add_tags", multiple=True, metavar="TAG", help="Add a tag (repeatable).")
@click.option("--untag", "remove_tags", multiple=True, metavar="TAG", help="Remove a tag.")
@click.option("--color", default=None, metavar="NAME", help="Change the colour.")
@click.option(
    "--if-modified",
    "expected_modified",
    metavar="TIMESTAMP",
    help="Refuse (exit 2) unless the annotation's `modified` is still TIMESTAMP.",
)
@_json_option
@click.pass_obj
def edit(
    obj: CliContext,
    annotation_id: str,
    note: str | None,
    add_tags: tuple[str, ...],
    remove_tags: tuple[str, ...],
    color: str | None,
    expected_modified: str | None,
    as_json: bool,
) -> None:
    """Change an annotation's note, tags or colour; print its id."""
    if note is None and not add_tags and not remove_tags and color is None:
        raise click.UsageError("nothing to change: give --note, --tag, --untag or --color")
    annotation = obj.service.edit_annotation(
        annotation_id,
        note=note,
        add_tags=add_tags,
        remove_tags=remove_tags,
        color=color,
        expected_modified=expected_modified,
    )
    _print_annotation(annotation, as_json)


@click.command("list")
@click.option("--state", metavar="STATE", help="Only documents in this reading state.")
@click.option("--tag", metavar="TAG", help="Only documents with this tag.")
@_json_option
@click.pass_obj
def list_documents(obj: CliContext, state: str | None, tag: str | None, as_json: bool) -> None:
    """List the documents in the store, most recently opened first.

    --state is unread, reading, done or archived; --tag matches the document's own tags.
    """
    documents = obj.service.documents(state, tag)
    counts = obj.service.annotation_counts()
    if as_json:
        output.print_json({"documents": [_document_row(d, counts) for d in documents]})
        return
    if not documents:
        filtered = state is not None or tag is not None
        output.print_line(
            "No documents match."
            if filtered
            else "No documents yet: open one with `reader SOURCE`."
        )
        return
    table = output.new_table("ID", "Title", "Author", "Published", "State", "Notes", "Last opened")
    for document in documents:
        table.add_row(
            output.short_id(document.id),
            safe_line(output.shorten(document.title, 50)),
            safe_line(output.shorten(document.author, 30)),
            document.published,
            document.state.value,
            str(counts.get(document.id, 0)),
            output.when(document.last_opened),
        )
    output.print_table(table)


def _document_row(document: Document, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "sha256": document.sha256,
        "words": document.words,
        "annotations": counts.get(document.id, 0),
        "first_opened": document.first_opened,
        "last_opened": document.last_opened,
        "author": document.author,
        "published": document.published,
        "site": document.site,
        "url": document.url,
        "state": document.state.value,
        "tags": list(document.tags),
        "progress": document.position.progress,
    }


@click.command()
@click.argument("annotation_id", metavar="ANNOTATION-ID")
@_json_option
@click.pass_obj
def delete(obj: CliContext, annotation_id: str, as_json: bool) -> None:
    """Delete an annotation (or a correction); print its id.

    With --json, print the whole deleted record instead.
    """
    _print_annotation(obj.service.delete_annotation(annotation_id), as_json)


def _print_annotation(annotation: Annotation, as_json: bool) -> None:
    if as_json:
        output.print_json(annotation.to_dict())
    else:
        output.print_line(annotation.id)


@click.command()
@_json_option
@click.pass_obj
def paths(obj: CliContext, as_json: bool) -> None:
    """Show where the store, settings, themes, cache and search index live."""
    from reader.core.index.schema import index_path
    from reader.paths import resolve_paths

    resolved = resolve_paths(obj.db)
    locations = {
        "db": str(resolved.db),
        "store_dir": str(resolved.store_dir),
        "config_dir": str(resolved.config_dir),
        "themes_dir": str(resolved.user_themes_dir),
        "cache_dir": str(resolved.cache_dir),
        "index": str(index_path(resolved.cache_dir, resolved.store_dir)),
    }
    if as_json:
        output.print_json(locations)
        return
    table = output.new_table("What", "Path")
    for name, path in locations.items():
        table.add_row(name, path)
    output.print_table(table)
