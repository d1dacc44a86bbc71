"""The side panel: Entities, Quotes and Annotations tabs. It renders lists and posts messages.

The panel holds no document state beyond what it was given; the reading screen decides what a
selection means (which mention to jump to, what to annotate).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.core.analysis.labels import label_group
from reader.core.models import AnnotationStatus
from reader.core.sanitize import safe_line
from reader.core.text import quoted
from reader.ui.data_text import data_text
from reader.ui.failures import GuardedHandlers
from reader.ui.keymap import bindings

if TYPE_CHECKING:
    # Types only: the result dataclasses and the tabs are imported after the first paint
    # (``populate`` mounts the tabs).
    from textual.widgets import TabbedContent

    from reader.core.analysis.results import Entity, Quote
    from reader.core.models import Annotation, Document

GROUP_TITLES = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "norp": "Groups (NORP)",
    "time": "Dates and times",
    "number": "Numbers",
    "other": "Other",
}
LEGEND_WORDS = {
    "person": "person",
    "org": "org",
    "place": "place",
    "norp": "group",
    "time": "date",
    "number": "number",
    "other": "other",
}
"""The legend's word for each entity group, drawn in that group's theme style."""
EXCERPT_WORDS = 8
BAR_WIDTH = 16
MIN_BAR = 4


def legend_markup(entities: bool = True, quotes: bool = True, annotations: bool = True) -> str:
    """What the highlights mean, as Textual markup styled by theme variables.

    A layer switched off (keys 1, 2, 3) shows its entries struck through and dim.
    """

    def entry(word: str, style: str, shown: bool) -> str:
        return f"[{style}]{word}[/]" if shown else f"[dim strike]{word}[/]"

    groups = " ".join(
        entry(word, f"$entity-{group} $entity-{group}-style", entities)
        for group, word in LEGEND_WORDS.items()
    )
    quote = entry("“quote”", "$quote $quote-style", quotes)
    note = entry("note", "on $annotation-yellow", annotations)
    return f"{groups}\n{quote} {note}  [dim]1 2 3: show/hide[/]"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``text`` on one line, with an ellipsis if cut."""
    parts = text.split()
    head = " ".join(parts[:words])
    return head + ("…" if len(parts) > words else "")


def speaker_name(quote: Quote) -> str:
    """The speaker to show for a quote (``unattributed`` when there is none)."""
    return quote.speaker.name if quote.speaker else "unattributed"


class PanelItemMessage(Message):
    """A message about a list item: ``kind`` is entity, quote or annotation; ``key``
    identifies it (a plain class: three dataclasses cost 0.7 ms on the start path)."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__()
        self.kind = kind
        self.key = key


class PanelTarget(PanelItemMessage):
    """A list item was chosen."""


class PanelAnnotate(PanelItemMessage):
    """Annotate the chosen list item (a quote or an entity mention) like a selection."""


class PanelCorrect(PanelItemMessage):
    """Correct the chosen list item (a quote's speaker, an entity) in the correction dialog."""


CORRECTED_MARK = "✎"
"""Shown before a corrected quote or entity in the lists (a cue that needs no colour)."""


class PanelList(GuardedHandlers, OptionList):
    """An option list whose items can be opened (enter) or annotated (``a``).

    Left and right switch to the neighbouring tab, so the panel is usable from the keyboard
    without going back to the tab bar.
    """

    BINDINGS = bindings("list")

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind

    def action_switch_tab(self, step: int) -> None:
        """Show the previous (-1) or next (1) tab and focus its list."""
        for ancestor in self.ancestors:
            if isinstance(ancestor, SidePanel):
                ancestor.switch_tab(step)
                return

    def on_focus(self) -> None:
        """Arriving in a list highlights its first item, so Enter does something."""
        if self.highlighted is None:
            self.action_first()

    def action_annotate_item(self) -> None:
        """Ask the screen to annotate the highlighted item."""
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(PanelAnnotate(self.kind, option.id))

    def action_correct_item(self) -> None:
        """Ask the screen to open the correction dialog on the highlighted item."""
        option = self.highlighted_option
        if option is not None and option.id is not None and self.kind != "annotation":
            self.post_message(PanelCorrect(self.kind, option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a selection into a ``PanelTarget`` for the screen."""
        event.stop()
        if event.option.id is not None:
            self.post_message(PanelTarget(self.kind, event.option.id))


TAB_IDS = ("tab-entities", "tab-quotes", "tab-annotations")
LIST_IDS = {
    "tab-entities": "entity-list",
    "tab-quotes": "quote-list",
    "tab-annotations": "annotation-list",
}


class SidePanel(GuardedHandlers, Vertical):
    """Entities, Quotes and Annotations of the open document, in tabs, under a legend."""

    BINDINGS = bindings("panel")

    _quotes: Sequence[Quote] = ()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._waiting: dict[str, Sequence[Option | None]] = {}

    def compose(self) -> ComposeResult:
        """The legend; the tabs come with ``populate`` (after the screen's first paint)."""
        yield Static(legend_markup(), id="legend")

    def _set_list(self, list_id: str, options: Sequence[Option | None]) -> None:
        """Show ``options`` in a list, or keep them until the tabs are mounted."""
        found = self.query(f"#{list_id}").results(PanelList)
        target = next(found, None)
        if target is None:
            self._waiting[list_id] = options
        else:
            target.set_options(options)

    async def populate(self) -> None:
        """Mount the three tabs, each a list; Quotes has a chart of who speaks how much.

        Lists filled before (``show_entities`` and so on) get their options now.
        """
        from textual.widgets import TabbedContent, TabPane

        tabs = TabbedContent(id="side-tabs")
        tabs.compose_add_child(
            TabPane("Entities", PanelList("entity", id="entity-list"), id=TAB_IDS[0])
        )
        chart = Static("", id="speaker-chart")
        quotes = PanelList("quote", id="quote-list")
        tabs.compose_add_child(TabPane("Quotes", chart, quotes, id=TAB_IDS[1]))
        card = Static("", id="document-card")
        notes = PanelList("annotation", id="annotation-list")
        tabs.compose_add_child(TabPane("Notes", card, notes, id=TAB_IDS[2]))
        await self.mount(tabs)
        for list_id, options in self._waiting.items():
            self.query_one(f"#{list_id}", PanelList).set_options(options)
        self._waiting.clear()
        self._draw_chart()

    def show_legend(self, entities: bool, quotes: bool, annotations: bool) -> None:
        """Redraw the legend for the layers shown."""
        self.query_one("#legend", Static).update(legend_markup(entities, quotes, annotations))

    def show_pending(self, message: str = "Analysing…") -> None:
        """Say that entities and quotes are on their way."""
        self._set_list("entity-list", [Option(message, disabled=True)])
        self._set_list("quote-list", [Option(message, disabled=True)])

    @property
    def active_list(self) -> PanelList:
        """The list of the tab shown."""
        active = self._tabs().active or TAB_IDS[0]
        return self.query_one(f"#{LIST_IDS[active]}", PanelList)

    def switch_tab(self, step: int) -> None:
        """Show the tab ``step`` places away (wrapping) and focus its list."""
        tabs = self._tabs()
        index = TAB_IDS.index(tabs.active) if tabs.active in TAB_IDS else 0
        tabs.active = TAB_IDS[(index + step) % len(TAB_IDS)]
        self.active_list.focus()

    def follow(self, list_id: str, option_id: str) -> None:
        """Highlight ``option_id`` in a list (the cursor reached it in the text)."""
        found = next(self.query(f"#{list_id}").results(PanelList), None)
        if found is None or found.has_focus:
            return
        try:
            index = found.get_option_index(option_id)
        except OptionDoesNotExist:
            return
        if found.highlighted != index:
            found.highlighted = index

    def _tabs(self) -> TabbedContent:
        from textual.widgets import TabbedContent

        return self.query_one(TabbedContent)

    def action_focus_list(self) -> None:
        """Down from the tab bar goes into the list."""
        self.active_list.focus()

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
                line = Text("  ")
                if entity.corrected:
                    line.append(f"{CORRECTED_MARK} ", style="bold")
                line.append_text(data_text(f"{entity.name}  ({entity.count})"))
                options.append(Option(line, id=entity.id))
        if not options:
            options.append(Option("No entities (yet).", disabled=True))
        self._set_list("entity-list", options)

    def show_quotes(self, quotes: Sequence[Quote]) -> None:
        """Quotes in document order as ``speaker — first words``, with a speaker chart above."""
        options = [_quote_option(index, quote) for index, quote in enumerate(quotes)]
        if not options:
            options.append(Option("No quotations (yet).", disabled=True))
        self._set_list("quote-list", options)
        self._quotes = quotes
        self._draw_chart()

    def _draw_chart(self) -> None:
        # The chart's padding takes 2 cells; names get what the counts and short bars leave.
        width = self.content_size.width - 2 if self.content_size.width else 40
        chart = speaker_chart(self._quotes, width=max(16, width))
        for widget in self.query("#speaker-chart").results(Static):
            widget.update(chart)

    def on_resize(self) -> None:
        """The chart's bars fit the panel's width."""
        self._draw_chart()

    def show_document(self, document: Document) -> None:
        """The document's own record at the top of the Notes tab (built from data, no markup)."""
        from reader.ui.screens.document_actions import document_card

        self.query_one("#document-card", Static).update(document_card(document))

    def show_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Notes in text order, then corrections, then the orphans that lost their passage."""
        anchored = [a for a in annotations if a.status != AnnotationStatus.ORPHANED]
        orphans = [a for a in annotations if a.status == AnnotationStatus.ORPHANED]
        notes = [a for a in anchored if not a.is_correction]
        fixes = [a for a in anchored if a.is_correction]
        options: list[Option | None] = [_annotation_option(a) for a in notes]
        if not notes:
            options.append(Option("No notes yet: select text and press a.", disabled=True))
        if fixes:
            options.append(Option(Text("Corrections (c)", style="bold"), disabled=True))
            options.extend(_annotation_option(a) for a in fixes)
        if orphans:
            options.append(Option(Text("Orphans (passage not found)", style="bold"), disabled=True))
            options.extend(_annotation_option(a) for a in orphans)
        self._set_list("annotation-list", options)


def _quote_option(index: int, quote: Quote) -> Option:
    line = Text(f"{CORRECTED_MARK} ", style="bold") if quote.corrected else Text()
    words = data_text(f"{speaker_name(quote)} — {excerpt(quote.text)}")
    if quote.form.value == "indirect":
        words.stylize("dim")  # reported speech: no quotation marks, so quieter and labelled
    line.append_text(words)
    if quote.form.value == "indirect":
        line.append(" (reported)", style="dim italic")
    elif quote.form.value == "mixed":
        line.append(" (partly reported)", style="dim")
    if quote.kind.value == "term":
        # Scare quotes are listed but not counted in the chart: say so.
        line.append(" (term)", style="dim")
    return Option(line, id=str(index))


def _annotation_option(annotation: Annotation) -> Option:
    line = Text()
    if annotation.correction is not None:
        from reader.core.corrections import describe

        line.append(f"{CORRECTED_MARK} ", style="bold")
        line.append_text(data_text(describe(annotation.correction) + ": "))
    line.append_text(data_text(quoted(excerpt(annotation.selector.exact, 6)), style="italic"))
    if annotation.note:
        line.append(safe_line(f"  {excerpt(annotation.note, 8)}"))
    if annotation.tags:
        tags = " ".join(f"#{tag}" for tag in annotation.tags)
        line.append(safe_line(f"  {tags}"), style="bold")
    return Option(line, id=annotation.id)


def middle_ellipsis(text: str, width: int) -> str:
    """``text`` on one line, shortened in the middle (``Antony…linken``) only if too wide."""
    flat = " ".join(text.split())
    if cell_len(flat) <= width:
        return flat
    keep = max(1, width - 1)
    head = flat[: (keep + 1) // 2]
    tail = flat[len(flat) - keep // 2 :] if keep // 2 else ""
    return f"{head.rstrip()}…{tail.lstrip()}"


def speaker_chart(quotes: Sequence[Quote], top: int = 6, width: int = 40) -> Text:
    """A small bar chart of quotations per speaker (spoken or written words only).

    Each speaker takes one line: the full name, then a bar and the count; the bars shrink
    (down to 4 cells) before a name is shortened, and then only in its middle.
    """
    counts = Counter(speaker_name(q) for q in quotes if q.kind.value != "term")
    if not counts:
        return Text("")
    leaders = counts.most_common(top)
    widest = max(counts.values())
    count_width = len(str(widest))
    longest = max(cell_len(" ".join(name.split())) for name, _ in leaders)
    name_width = max(6, min(longest, width - count_width - 2 - MIN_BAR))
    bar_width = max(MIN_BAR, min(BAR_WIDTH, width - name_width - count_width - 2))
    chart = Text(no_wrap=True, overflow="crop")
    for name, count in leaders:
        label = middle_ellipsis(safe_line(name), name_width)
        chart.append(label + " " * (name_width - cell_len(label) + 1))
        chart.append("█" * max(1, round(bar_width * count / widest)), style="bold")
        chart.append(f" {count}\n")
    return chart
