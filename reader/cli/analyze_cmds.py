"""``reader analyze SOURCE``: entities by label and attributed quotations, or one JSON object.

The JSON shape is documented in docs/ANALYSIS.md. A long analysis on a terminal shows a
progress bar on stderr; piped or redirected output stays clean.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from reader.cli import output
from reader.cli.context import CliContext
from reader.core.sanitize import safe_line
from reader.errors import BadInputError, NotFoundError

if TYPE_CHECKING:
    from reader.core.analysis.results import Analysis, Entity
    from reader.core.analysis.runner import ProgressCallback
    from reader.core.models import Document

PROGRESS_MIN_WORDS = 3_000
"""Shorter documents finish in about a second: no progress bar for them."""
REFRESH_SECONDS = 0.1


def register(group: click.Group) -> None:
    """Attach this module's commands to ``group``."""
    group.add_command(analyze)


@click.command()
@click.argument("source", metavar="SOURCE", required=False)
@click.option("--all", "every", is_flag=True, help="Analyse every document that has no analysis.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (docs/ANALYSIS.md).")
@click.option(
    "--model",
    metavar="NAME",
    default=None,
    help="spaCy model (env: READER_SPACY_MODEL; `blank` for rules only).",
)
@click.pass_obj
def analyze(
    obj: CliContext, source: str | None, every: bool, as_json: bool, model: str | None
) -> None:
    """Show the entities and attributed quotations of SOURCE.

    SOURCE is a path, an http(s) URL, `-` (stdin) or a stored document's id. Results are
    cached per text and model, so a second run is instant. `--all` analyses every document
    of the library that has no analysis yet (for `reader people` and `reader quotes`).
    """
    from reader.core.analysis.pipeline import model_info_without_loading

    if every == (source is not None):
        raise BadInputError("give a SOURCE or --all (not both)")
    if source is None:
        _analyze_all(obj, as_json)
        return

    model_info_without_loading(model)  # an unknown model is bad input: say so before reading
    service = obj.service
    document = service.refresh_document(source)
    analysis = service.cached_analysis(document, model)
    if analysis is None:
        text = service.document_text(document)
        if text is None:
            raise NotFoundError(f"the text of {source!r} is missing from the store")
        with _progress_bar(document.words) as progress:
            analysis = service.analysis_for(document, progress=progress, model=model, text=text)
    for warning in analysis.warnings:
        output.warn(warning)
    if as_json:
        output.print_json(analysis_json(document, analysis))
    else:
        _print_human(document, analysis)


def _analyze_all(obj: CliContext, as_json: bool) -> None:
    """Analyse the library's missing analyses, with one progress line each on stderr."""

    def progress(done: int, total: int, title: str) -> None:
        if sys.stderr.isatty():
            click.echo(safe_line(f"analysing {done + 1}/{total}: {title}"), err=True)

    analysed, cached = obj.service.analyze_all(progress)
    if as_json:
        output.print_json({"analysed": analysed, "cached": cached})
    else:
        output.print_line(f"Analysed {analysed} documents ({cached} were already analysed).")


def analysis_json(document: Document, analysis: Analysis) -> dict[str, Any]:
    """The stable ``--json`` shape: document, model, entities, entity_index, quotes."""
    return {
        "document": {"id": document.id, "title": document.title, "words": document.words},
        "model": analysis.model.to_dict(),
        "entities": [mention.to_dict() for mention in analysis.entities],
        "entity_index": [_entity_row(e) for e in analysis.entity_index],
        "quotes": [quote.to_dict() for quote in analysis.quotes],
    }


def _entity_row(entity: Entity) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "count": entity.count,
    }
    if entity.corrected:
        row["corrected"] = True
    return row


def _print_human(document: Document, analysis: Analysis) -> None:
    model = f"{analysis.model.name} {analysis.model.version}"
    output.print_line(f"{document.title} ({document.words} words, model {model})")
    if analysis.entity_index:
        output.print_table(_entities_table(analysis.entity_index))
    else:
        output.print_line("No entities found.")
    if not analysis.quotes:
        output.print_line("No quotations found.")
        return
    output.print_line(f"Quotations ({len(analysis.quotes)}):")
    for quote in analysis.quotes:
        speaker = quote.speaker.name if quote.speaker else "(unattributed)"
        label = quote.kind.value
        if quote.form.value != "direct":
            label += f", {quote.form.value}"  # reported speech: "[spoken, indirect]"
        mark = " (corrected)" if quote.corrected else ""
        line = f"  {speaker} — {' '.join(quote.text.split())} [{label}]{mark}"
        output.print_line(safe_line(line))


def _entities_table(entities: tuple[Entity, ...]) -> Any:
    from rich.text import Text

    by_label: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_label[entity.label].append(entity)
    table = output.new_table("Label", "Entity", "Mentions", title="Entities")
    for label in sorted(by_label, key=lambda name: (-sum(e.count for e in by_label[name]), name)):
        for position, entity in enumerate(sorted(by_label[label], key=lambda e: -e.count)):
            name = f"{entity.name} (corrected)" if entity.corrected else entity.name
            cell = Text(safe_line(name))  # data, never markup
            table.add_row(label if position == 0 else "", cell, str(entity.count))
    return table


@contextmanager
def _progress_bar(words: int) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr for long analyses on a terminal; else no callback."""
    if words < PROGRESS_MIN_WORDS or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("words"),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    # No refresh thread: a single-threaded process may fork its analysis helper safely.
    bar = Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False)
    with bar:
        task = bar.add_task("analysis", total=words, rate="")
        last_refresh = 0.0

        def advance(done: int, total: int) -> None:
            nonlocal last_refresh
            speed = bar.tasks[0].speed
            rate = f"{speed:,.0f} words/s" if speed else ""
            bar.update(task, completed=done, total=total, rate=rate)
            if time.monotonic() - last_refresh >= REFRESH_SECONDS or done >= total:
                last_refresh = time.monotonic()
                bar.refresh()

        yield advance
