"""``reader search`` (the query language of docs/SEARCH.md) and ``reader tags`` (list, rename,
merge). Human output is a rich table; ``--json`` prints a stable shape on stdout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.cli.table import Cell
from reader.core.sanitize import safe_line

if TYPE_CHECKING:
    from reader.core.index import PassageHit, SearchHit

NO_MATCH = 1
"""Exit code of a search that found nothing."""

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (docs/SEARCH.md).")


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(search)
    group.add_command(tags)


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@_json_option
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Show at most N results.")
@click.option(
    "--in",
    "scope",
    type=click.Choice(["annotations", "documents"]),
    default="annotations",
    show_default=True,
    help="Search annotations, or the full text of every document.",
)
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], as_json: bool, limit: int | None, scope: str
) -> None:
    """Search every annotation: words, "phrases", OR, -exclusions, (groups) and fields such as
    tag:NAME, entity:NAME, speaker:NAME, after:YYYY-MM-DD (see docs/SEARCH.md).

    Words match notes, quoted passages and tags, ignoring case and accents; the last bare
    word also matches as a prefix. Without QUERY, list every annotation, newest first.
    `--in documents` searches the text of every document instead (words, phrases, OR, -,
    doc:). Exit 1 when nothing matches.
    """
    for word in query:
        # Unknown options are let through so that `-word` excludes; `--typo` is a mistake.
        if word.startswith("--"):
            raise click.NoSuchOption(word.split("=")[0])
    obj: CliContext = ctx.obj
    if scope == "documents":
        _search_documents(ctx, " ".join(query), as_json, limit)
        return
    hits = obj.service.search(" ".join(query), limit=limit, prefix_last=True)
    if as_json:
        output.print_json([hit.to_dict() for hit in hits])
    elif hits:
        _print_hits(hits)
    if not hits:
        click.echo("no matches", err=True)  # a constant: no data
        ctx.exit(NO_MATCH)


def _search_documents(ctx: click.Context, query: str, as_json: bool, limit: int | None) -> None:
    obj: CliContext = ctx.obj
    found = obj.service.search_documents(query, limit=limit)
    if as_json:
        output.print_json([hit.to_dict() for hit in found])
    elif found:
        table = output.new_table("Document", "Passage", "At")
        for hit in found:
            title = safe_line(output.shorten(hit.document_title, 40))
            table.add_row(
                title or output.short_id(hit.document_id), _marked(hit), f"{hit.start}-{hit.end}"
            )
        output.print_table(table)
    if not found:
        click.echo("no matches", err=True)
        ctx.exit(NO_MATCH)


def _print_hits(hits: list[SearchHit]) -> None:
    table = output.new_table("Document", "Snippet", "Tags", "Id")
    for hit in hits:
        table.add_row(
            output.shorten(hit.document_title, 40) or output.short_id(hit.document_id),
            _marked(hit),
            ", ".join(hit.annotation.tags),
            output.short_id(hit.annotation.id),
        )
    output.print_table(table)


def _marked(hit: SearchHit | PassageHit) -> Cell:
    """The snippet with its matched words in bold (made safe: lengths are kept)."""
    return Cell(safe_line(hit.snippet), hit.matches)  # same length: the offsets still hold


@click.group(invoke_without_command=True)
@_json_option
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List tags with their annotation counts; `rename` and `merge` tidy them."""
    if ctx.invoked_subcommand is not None:
        return
    obj: CliContext = ctx.obj
    counts = obj.service.tag_counts()
    if as_json:
        output.print_json([{"tag": tag, "count": count} for tag, count in counts])
        return
    table = output.new_table("Tag", "Annotations")
    for tag, count in counts:
        table.add_row(tag, str(count))
    output.print_table(table)


@tags.command()
@click.argument("old")
@click.argument("new")
@_json_option
@click.pass_obj
def rename(obj: CliContext, old: str, new: str, as_json: bool) -> None:
    """Rename tag OLD to NEW on every annotation (case-insensitive; NEW may change case)."""
    changed = obj.service.rename_tag(old, new)
    _report_retag(f"renamed tag '{old}' to '{new}'", changed, as_json)


@tags.command()
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@_json_option
@click.pass_obj
def merge(obj: CliContext, source: str, target: str, as_json: bool) -> None:
    """Merge tag A into tag B: every A becomes B (B keeps its spelling); no duplicates."""
    changed = obj.service.merge_tags(source, target)
    _report_retag(f"merged tag '{source}' into '{target}'", changed, as_json)


def _report_retag(what: str, changed: int, as_json: bool) -> None:
    if as_json:
        output.print_json({"changed": changed})
    else:
        plural = "" if changed == 1 else "s"
        output.print_line(f"{what} on {changed} annotation{plural}")
