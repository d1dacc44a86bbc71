"""The correction dialog: fix the speaker of a quotation or an entity, in a few keys.

The first list says what is wrong (the speaker, not a quotation, the label, not an entity,
the same entity as another, a different entity); a choice that needs a value shows a second
list (the document's people, the labels, its entities) with a field to type a name. The
dialog only answers: the reading screen stores the correction through the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.corrections import ENTITY_LABELS
from reader.core.models import Correction
from reader.ui.data_text import data_text
from reader.ui.dialogs.backdrop import Dialog
from reader.ui.keymap import bindings

NOBODY = "(nobody known)"


@dataclass(frozen=True)
class CorrectionSubject:
    """What the cursor is on: a quotation, an entity mention, or a passage to add as a quote."""

    quote: str | None = None
    """The quotation's text, if the cursor is in one."""
    speaker: str = ""
    mention: str | None = None
    """The mention's text, if the cursor is on one."""
    label: str = ""
    entity: str = ""
    """The name of the entity the mention is grouped with."""
    passage: str | None = None
    """A selection that is no quotation yet (it can be added as one)."""
    people: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    corrections: int = 0
    """How many corrections already apply here (they can be removed)."""


@dataclass(frozen=True)
class CorrectionChoice:
    """The dialog's answer: the correction, and whether it is about the quote or the mention."""

    about: str
    """``quote`` (the quotation or the passage), ``entity`` (the mention), or ``remove``
    (remove the corrections that apply here)."""
    correction: Correction | None


_ACTION_TITLES = {
    "speaker": "The speaker is someone else…",
    "add": "This is a quotation, by…",
    "not-a-quote": "This is not a quotation",
    "label": "The label is wrong…",
    "not-entity": "This is not an entity",
    "same-as": "This is the same entity as…",
    "split": "This is a different entity from the one it is grouped with",
}


class CorrectionDialog(Dialog[CorrectionChoice | None]):
    """Choose what is wrong, then (when needed) the right value; escape cancels."""

    BINDINGS = bindings("correction")

    def __init__(self, subject: CorrectionSubject) -> None:
        super().__init__()
        self.subject = subject
        self.step = "action"
        self.values: list[str] = []

    def compose(self) -> ComposeResult:
        """Title, what the cursor is on, the list of choices, a name field, the scope."""
        with Vertical(classes="dialog correction"):
            yield Static("Correct the analysis", classes="dialog-title")
            yield Static(self._subject_text(), id="correction-subject")
            yield OptionList(*self._action_options(), id="correction-choices")
            yield Input(placeholder="or type a name and press enter", id="correction-name")
            yield Checkbox("only this mention", id="correction-only-this")
            yield Static("enter: choose · tab: next field · escape: cancel", id="correction-keys")

    def on_mount(self) -> None:
        """The name field waits for a step that needs it; the scope is for mentions."""
        self.query_one("#correction-name", Input).display = False
        self.query_one("#correction-only-this", Checkbox).display = self.subject.mention is not None
        self.query_one(OptionList).focus()

    def _subject_text(self) -> Text:
        subject = self.subject
        text = Text()
        if subject.quote is not None:
            text.append_text(data_text(_cut(subject.quote), style="italic"))
            text.append_text(data_text(f" — {subject.speaker or 'unattributed'}"))
        if subject.mention is not None:
            if text:
                text.append("\n")
            text.append_text(data_text(subject.mention, style="bold"))
            text.append_text(data_text(f" — {subject.label}, grouped as {subject.entity}"))
        if subject.passage is not None and subject.quote is None:
            text.append_text(data_text(f"“{_cut(subject.passage)}” (selected)", style="italic"))
        return text

    def _action_options(self) -> list[Option]:
        subject = self.subject
        actions: list[str] = []
        if subject.quote is not None:
            actions += ["speaker", "not-a-quote"]
        elif subject.passage is not None:
            actions.append("add")
        if subject.mention is not None:
            actions += ["label", "not-entity", "same-as", "split"]
        options = [Option(_ACTION_TITLES[action], id=action) for action in actions]
        if subject.corrections:
            title = f"Remove the corrections made here ({subject.corrections})"
            options.append(Option(title, id="remove"))
        return options

    @on(OptionList.OptionSelected, "#correction-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if self.step == "action":
            self._act(key)
        else:
            self._answer(self.values[int(key)])

    def _act(self, action: str) -> None:
        """Answer at once, or show the values this action needs."""
        if action == "remove":
            self.dismiss(CorrectionChoice("remove", None))
            return
        if action in ("not-a-quote", "not-entity", "split"):
            self.step = action
            self._answer("")
            return
        subject = self.subject
        if action in ("speaker", "add"):
            values = [*subject.people, NOBODY]
        elif action == "label":
            values = [label for label in ENTITY_LABELS if label != subject.label]
        else:
            values = [name for name in subject.entities if name != subject.entity]
        self.step = action
        self.values = values
        choices = self.query_one(OptionList)
        choices.set_options(
            [Option(data_text(value), id=str(index)) for index, value in enumerate(values)]
        )
        choices.highlighted = 0 if values else None
        self.query_one("#correction-name", Input).display = action != "label"
        only_this = self.query_one("#correction-only-this", Checkbox)
        only_this.display = only_this.display and action in ("label", "same-as")

    @on(Input.Submitted, "#correction-name")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self._answer(event.value.strip())

    def _answer(self, value: str) -> None:
        """Dismiss with the correction the current step and ``value`` make."""
        step = self.step
        value = "" if value == NOBODY else value
        if step in ("speaker",):
            choice = CorrectionChoice("quote", Correction("speaker", "speaker", value))
        elif step in ("add", "not-a-quote"):
            form = "direct" if step == "add" else ""
            choice = CorrectionChoice("quote", Correction("quote", step, value, form))
        else:
            only = self.query_one("#correction-only-this", Checkbox).value
            scope = "only-this" if only else "all"
            choice = CorrectionChoice("entity", Correction("entity", step, value, "", scope))
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Close without a correction."""
        self.dismiss(None)


def _cut(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
