"""``reader correct`` (fix a speaker, a quotation or an entity) and ``reader corrections``.

A correction is stored like an annotation and printed as its id; ``reader delete ID``
removes it. Every analysis shown afterwards (``analyze``, search, exports, the TUI) uses it.
"""

from __future__ import annotations

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.models import Correction
from reader.core.sanitize import safe_line

_quote_option = click.option("--quote", "passage", required=True, metavar="TEXT", help="Passage.")
_occurrence_option = click.option(
    "--occurrence", default=1, show_default=True, type=int, help="Which occurrence of TEXT."
)


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(correct)
    group.add_command(corrections)


@click.group(no_args_is_help=False)
@click.argument("source", metavar="SOURCE-OR-DOC")
@click.pass_context
def correct(ctx: click.Context, source: str) -> None:
    """Correct the analysis of SOURCE-OR-DOC: a speaker, a quotation or an entity.

    Prints the new correction's id; `reader corrections` lists them, `reader delete ID`
    removes one.
    """
    ctx.meta["reader.correct.source"] = source


def _store(ctx: click.Context, passage: str, correction: Correction, occurrence: int) -> None:
    obj: CliContext = ctx.obj
    source = ctx.meta["reader.correct.source"]
    annotation = obj.service.correct(source, passage, correction, occurrence)
    output.print_line(annotation.id)


@correct.command()
@_quote_option
@_occurrence_option
@click.option("--to", "name", required=True, metavar="NAME", help='Speaker ("" for unknown).')
@click.pass_context
def speaker(ctx: click.Context, passage: str, occurrence: int, name: str) -> None:
    """The quotation at TEXT was said by NAME (`--to ""`: by nobody known)."""
    _store(ctx, passage, Correction("speaker", "speaker", name), occurrence)


@correct.command()
@_quote_option
@_occurrence_option
@click.option("--not-a-quote", is_flag=True, help="TEXT is not a quotation.")
@click.option("--add", is_flag=True, help="TEXT is a quotation the analysis missed.")
@click.option("--speaker", "name", default="", metavar="NAME", help="Who said it (with --add).")
@click.option("--form", type=click.Choice(["direct", "indirect"]), default=None, help="Form.")
@click.pass_context
def quote(
    ctx: click.Context,
    passage: str,
    occurrence: int,
    not_a_quote: bool,
    add: bool,
    name: str,
    form: str | None,
) -> None:
    """TEXT is not a quotation (--not-a-quote), or is one by NAME (--add)."""
    if not_a_quote == add:
        raise click.UsageError("give exactly one of --not-a-quote and --add")
    if not_a_quote and (name or form):
        raise click.UsageError("--speaker and --form go with --add")
    if not_a_quote:
        correction = Correction("quote", "not-a-quote")
    else:
        correction = Correction("quote", "add", name, form or "direct")
    _store(ctx, passage, correction, occurrence)


@correct.command()
@click.option("--mention", "passage", required=True, metavar="TEXT", help="The mention.")
@_occurrence_option
@click.option("--label", default=None, metavar="LABEL", help="Its label (PERSON, NORP, ...).")
@click.option("--not-entity", is_flag=True, help="It is not an entity.")
@click.option("--same-as", default=None, metavar="NAME", help="It is the entity NAME (merge).")
@click.option("--split", is_flag=True, help="It is not the entity it was grouped with.")
@click.option("--only-this", is_flag=True, help="Only this mention, not every identical one.")
@click.pass_context
def entity(
    ctx: click.Context,
    passage: str,
    occurrence: int,
    label: str | None,
    not_entity: bool,
    same_as: str | None,
    split: bool,
    only_this: bool,
) -> None:
    """Correct the entity mention TEXT (and every identical mention unless --only-this)."""
    chosen = [
        (action, value)
        for action, value, given in (
            ("label", label or "", label is not None),
            ("not-entity", "", not_entity),
            ("same-as", same_as or "", same_as is not None),
            ("split", "", split),
        )
        if given
    ]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --label, --not-entity, --same-as, --split")
    action, value = chosen[0]
    scope = "only-this" if only_this else "all"
    _store(ctx, passage, Correction("entity", action, value, "", scope), occurrence)


@click.command()
@click.argument("document_ref", metavar="[DOC]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/CLI.md).")
@click.pass_obj
def corrections(obj: CliContext, document_ref: str | None, as_json: bool) -> None:
    """List the corrections (of DOC, or of every document), orphans included.

    A correction a newer one of the same item overrides is listed as superseded.
    """
    from reader.core.corrections import describe

    rows = obj.service.list_corrections(document_ref)
    if as_json:
        output.print_json({"corrections": [row.to_dict() for row in rows]})
        return
    if not rows:
        output.print_line("No corrections.")
        return
    from rich.text import Text

    table = output.new_table("ID", "Document", "Passage", "Correction", "Status")
    for row in rows:
        status = row.annotation.status.value + (", superseded" if row.superseded else "")
        title = row.document.title if row.document else row.annotation.document_id
        # Data, never markup: each cell is a Text of sanitised characters.
        table.add_row(
            output.short_id(row.annotation.id),
            Text(safe_line(output.shorten(title, 30))),
            Text(safe_line(output.shorten(row.annotation.selector.exact, 40))),
            Text(safe_line(describe(row.correction))),
            status,
        )
    output.print_table(table)
