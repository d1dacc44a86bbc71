"""``reader people``, ``reader quotes`` and ``reader index``: the whole library (the corpus).

People and quotations come from the analyses of every document (``reader analyze --all``
computes the missing ones); everything is read from the derived index (docs/SEARCH.md).
Human output is a table of sanitised text; ``--json`` prints the documented shapes.
"""

from __future__ import annotations

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.sanitize import safe_line

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (docs/SEARCH.md).")


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(people)
    group.add_command(quotes)
    group.add_command(index)


@click.command()
@click.option(
    "--label", metavar="LABEL", help="Only this label (PERSON, ORG, GPE, or person, org)."
)
@_json_option
@click.pass_obj
def people(obj: CliContext, label: str | None, as_json: bool) -> None:
    """The people, organisations and places of every analysed document, with counts.

    One row per canonical entity: in how many documents it appears, its mentions, the
    quotations attributed to it, and when those documents were first added.
    """
    rows = obj.service.people(label)
    if as_json:
        output.print_json([row.to_dict() for row in rows])
        return
    table = output.new_table("Name", "Label", "Documents", "Mentions", "Quotes", "First", "Last")
    for row in rows:
        table.add_row(
            safe_line(row.name),
            safe_line(row.label),
            str(row.documents),
            str(row.mentions),
            str(row.quotes),
            output.when(row.first_seen)[:10],
            output.when(row.last_seen)[:10],
        )
    output.print_table(table)


@click.command()
@click.option("--speaker", metavar="NAME", help="Only quotations by NAME (words of the name).")
@click.option("--doc", "document_ref", metavar="DOC", help="Only this document (id or source).")
@click.option("--form", type=click.Choice(["direct", "indirect", "mixed"]), help="Only this form.")
@_json_option
@click.pass_obj
def quotes(
    obj: CliContext,
    speaker: str | None,
    document_ref: str | None,
    form: str | None,
    as_json: bool,
) -> None:
    """The quotation ledger: every attributed quotation of the library, document by document.

    `--speaker Worth` finds "Ned Worth": the speaker matches by words of the canonical name.
    """
    rows = obj.service.quotes(speaker, document_ref, form)
    if as_json:
        output.print_json([row.to_dict() for row in rows])
        return
    table = output.new_table("Speaker", "Quotation", "Form", "Document")
    for row in rows:
        table.add_row(
            safe_line(row.speaker or "(unattributed)"),
            safe_line(output.shorten(row.text, 90)),
            safe_line(row.form),
            safe_line(output.shorten(row.document_title, 30)),
        )
    output.print_table(table)


@click.command()
@click.option("--rebuild", is_flag=True, help="Delete the index and build it again.")
@_json_option
@click.pass_obj
def index(obj: CliContext, rebuild: bool, as_json: bool) -> None:
    """The derived search index (SQLite, in the cache directory): where it is, or rebuild it.

    The store is the record; the index is checked against it before every search and can
    be deleted at any time.
    """
    service = obj.service
    if rebuild:
        service.rebuild_index()
    else:
        service.search_index()
    path = str(service.index_path)
    if as_json:
        output.print_json({"index": path, "rebuilt": rebuild})
        return
    output.print_line(safe_line(f"{'Rebuilt' if rebuild else 'Up to date'}: {path}"))
