"""The side panel: Entities, Quotes and Annotations tabs. It renders lists and posts messages.

The panel holds no document state beyond what it was given; the reading screen decides what a
selection means (which mention to jump to, what to annotate).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from reader.core.analysis.results import Entity, Quote, label_group
from reader.core.models import Annotation, AnnotationStatus

GROUP_TITLES = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "norp": "Groups (NORP)",
    "time": "Dates and times",
    "number": "Numbers",
    "other": "Other",
}
EXCERPT_WORDS = 8
BAR_WIDTH = 16


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``text`` on one line, with an ellipsis if cut."""
    parts = text.split()
    head = " ".join(parts[:words])
    return head + ("…" if len(parts) > words else "")


def speaker_name(quote: Quote) -> str:
    """The speaker to show for a quote (``unattributed`` when there is none)."""
    return quote.speaker.name if quote.speaker else "unattributed"


@dataclass
class PanelTarget(Message):
    """A list item was chosen: ``kind`` is entity, quote or annotation; ``key`` identifies it."""

    kind: str
    key: str


@dataclass
class PanelAnnotate(Message):
    """Annotate the chosen list item (a quote or an entity mention) like a selection."""

    kind: str
    key: str


class PanelList(OptionList):
    """An option list whose items can be opened (enter) or annotated (``a``)."""

    BINDINGS = [Binding("a", "annotate_item", "Annotate", show=False)]

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind

    def action_annotate_item(self) -> None:
        """Ask the screen to annotate the highlighted item."""
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(PanelAnnotate(self.kind, option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a selection into a ``PanelTarget`` for the screen."""
        event.stop()
        if event.option.id is not None:
            self.post_message(PanelTarget(self.kind, event.option.id))


class SidePanel(Vertical):
    """Entities, Quotes and Annotations of the open document, in tabs."""

    def compose(self) -> ComposeResult:
        """Three tabs, each a list; the Quotes tab has a chart of who speaks how much."""
        with TabbedContent(id="side-tabs"):
            with TabPane("Entities", id="tab-entities"):
                yield PanelList("entity", id="entity-list")
            with TabPane("Quotes", id="tab-quotes"):
                yield Static("", id="speaker-chart")
                yield PanelList("quote", id="quote-list")
            with TabPane("Notes", id="tab-annotations"):
                yield PanelList("annotation", id="annotation-list")

    def show_entities(self, entities: Sequence[Entity]) -> None:
        """Entities grouped by label, each group sorted by mention count."""
        options: list[Option | None] = []
        by_group: dict[str, list[Entity]] = {}
        for entity in entities:
            by_group.setdefault(label_group(entity.label), []).append(entity)
        for group, title in GROUP_TITLES.items():
            members = sorted(by_group.get(group, []), key=lambda e: (-e.count, e.name))
            if not members:
                continue
            options.append(Option(Text(title, style="bold"), disabled=True))
            for entity in members:
                options.append(Option(f"  {entity.name}  ({entity.count})", id=entity.id))
        if not options:
            options.append(Option("No entities (yet).", disabled=True))
        self.query_one("#entity-list", PanelList).set_options(options)

    def show_quotes(self, quotes: Sequence[Quote]) -> None:
        """Quotes in document order as ``speaker — first words``, with a speaker chart above."""
        options = [
            Option(f"{speaker_name(q)} — {excerpt(q.text)}", id=str(index))
            for index, q in enumerate(quotes)
        ]
        if not options:
            options.append(Option("No quotations (yet).", disabled=True))
        self.query_one("#quote-list", PanelList).set_options(options)
        self.query_one("#speaker-chart", Static).update(speaker_chart(quotes))

    def show_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Annotations in text order, then the orphans that lost their passage."""
        anchored = [a for a in annotations if a.status != AnnotationStatus.ORPHANED]
        orphans = [a for a in annotations if a.status == AnnotationStatus.ORPHANED]
        options: list[Option | None] = [_annotation_option(a) for a in anchored]
        if not anchored:
            options.append(Option("No notes yet: select text and press a.", disabled=True))
        if orphans:
            options.append(Option(Text("Orphans (passage not found)", style="bold"), disabled=True))
            options.extend(_annotation_option(a) for a in orphans)
        self.query_one("#annotation-list", PanelList).set_options(options)


def _annotation_option(annotation: Annotation) -> Option:
    line = Text()
    line.append(f"“{excerpt(annotation.selector.exact, 6)}”", style="italic")
    if annotation.note:
        line.append(f"  {excerpt(annotation.note, 8)}")
    if annotation.tags:
        line.append("  " + " ".join(f"#{tag}" for tag in annotation.tags), style="bold")
    return Option(line, id=annotation.id)


def speaker_chart(quotes: Sequence[Quote], top: int = 6) -> Text:
    """A small bar chart of quotations per speaker (spoken or written words only)."""
    counts = Counter(speaker_name(q) for q in quotes if q.kind.value != "term")
    if not counts:
        return Text("")
    chart = Text()
    widest = max(counts.values())
    name_width = min(18, max(len(name) for name, _ in counts.most_common(top)))
    for name, count in counts.most_common(top):
        bar = "█" * max(1, round(BAR_WIDTH * count / widest))
        chart.append(f"{name[:name_width]:<{name_width}} ")
        chart.append(bar, style="bold")
        chart.append(f" {count}\n")
    return chart
