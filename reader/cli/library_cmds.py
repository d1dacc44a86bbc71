"""``reader doc`` (a document's own record: metadata corrections, note, tags, reading state)
and ``reader cite`` (BibTeX, CSL-JSON or RIS). JSON shapes are in docs/CLI.md.
"""

from __future__ import annotations

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.library.citations import CITE_FORMATS
from reader.core.models import Document, ReadingState
from reader.core.sanitize import safe, safe_line

STATES = tuple(state.value for state in ReadingState)


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(doc)
    group.add_command(cite)


@click.command()
@click.argument("ref", metavar="DOC")
@click.option("--title", metavar="T", help="Correct the title.")
@click.option("--author", metavar="A", help="Correct the author(s): 'Jane Doe and Li Wei'.")
@click.option("--published", metavar="DATE", help="Publication date YYYY-MM-DD ('' clears).")
@click.option("--site", metavar="NAME", help="Correct the site or publisher.")
@click.option("--url", metavar="URL", help="Correct the canonical URL.")
@click.option("--note", metavar="TEXT", help="The document's own note (Markdown; '' clears).")
@click.option("--tag", "add_tags", multiple=True, metavar="T", help="Add a tag (repeatable).")
@click.option("--untag", "remove_tags", multiple=True, metavar="T", help="Remove a tag.")
@click.option("--state", metavar="STATE", help="unread, reading, done or archived.")
@click.option("--json", "as_json", is_flag=True, help="Print the document record as JSON.")
@click.pass_obj
def doc(
    obj: CliContext,
    ref: str,
    title: str | None,
    author: str | None,
    published: str | None,
    site: str | None,
    url: str | None,
    note: str | None,
    add_tags: tuple[str, ...],
    remove_tags: tuple[str, ...],
    state: str | None,
    as_json: bool,
) -> None:
    """Show or edit DOC's own record: metadata, note, tags and reading state.

    DOC is a document id, id prefix or source. Without options, show the record.
    Corrected fields are kept when the source is opened again.
    """
    from reader.core.service.library import DocumentEdit

    service = obj.service
    edit = DocumentEdit(
        title=title,
        author=author,
        published=published,
        site=site,
        url=url,
        note=note,
        add_tags=add_tags,
        remove_tags=remove_tags,
        state=state,
    )
    document = service.get_document(ref) if edit.is_empty() else service.edit_document(ref, edit)
    if as_json:
        output.print_json(document.to_dict())
    else:
        _print_record(document)


def _print_record(document: Document) -> None:
    """The record as ``name: value`` lines (empty fields left out), then the note."""
    rows = [
        ("id", document.id),
        ("title", document.title),
        ("author", document.author),
        ("published", document.published),
        ("site", document.site),
        ("url", document.url),
        ("state", document.state.value),
        ("tags", ", ".join(document.tags)),
    ]
    for name, value in rows:
        if value:
            output.print_line(f"{name + ':':<11}{safe_line(output.shorten(value, 200))}")
    if document.note:
        output.print_line("note:")
        output.print_line(safe(document.note))


@click.command()
@click.argument("ref", metavar="DOC")
@click.option(
    "--format",
    "citation_format",
    type=click.Choice(CITE_FORMATS),
    default="bibtex",
    show_default=True,
    help="bibtex (biblatex), csl-json (Zotero, Pandoc) or ris.",
)
@click.pass_obj
def cite(obj: CliContext, ref: str, citation_format: str) -> None:
    """Print a citation of DOC: author, date, title, site and URL."""
    click.echo(safe(obj.service.cite(ref, citation_format)), nl=False)
