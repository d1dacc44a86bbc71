"""Correcting the analysis from the keyboard: ``c`` opens the dialog on the quotation or the
entity under the cursor (or a list item), every kind is stored through the service, the
article, lists and chart believe it at once, and ``u`` undoes it like any change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList

from reader.core.models import Annotation
from reader.core.service import ReaderService
from reader.ui.app import ReaderApp
from reader.ui.dialogs.correction import CorrectionDialog
from reader.ui.widgets.side_panel import PanelList, speaker_chart
from tests.ui.conftest import SIZE
from tests.ui.test_annotating_helpers import put_cursor, type_text
from tests.ui.test_reading_screen_helpers import reading, settle, settled


@pytest.fixture
def app(make_app: Callable[..., ReaderApp], story: tuple[str, str]) -> ReaderApp:
    """The reader on the six-paragraph harbour story (hand-made analysis in the cache)."""
    return make_app(story[0])


def _stored(db_path: Path) -> list[Annotation]:
    """The corrections in the store, read as a second process would."""
    return [row.annotation for row in ReaderService.open(db_path).list_corrections()]


def _dialog(app: ReaderApp) -> CorrectionDialog:
    assert isinstance(app.screen, CorrectionDialog), f"expected the dialog, got {app.screen!r}"
    return app.screen


async def _choose(pilot: Pilot[None], label: str) -> None:
    """Highlight the dialog's option whose text starts with ``label`` and press enter."""
    choices = _dialog(pilot.app).query_one(OptionList)  # type: ignore[arg-type]
    prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
    index = next(i for i, prompt in enumerate(prompts) if prompt.startswith(label))
    choices.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


async def test_label_of_every_identical_mention_then_undo(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "Ann Lee", 2)
        await pilot.press("c")
        await settle(pilot)
        dialog = _dialog(app)
        assert "Ann Lee" in str(dialog.query_one("#correction-subject").render())
        await _choose(pilot, "The label is wrong")
        await _choose(pilot, "ORG")
        [saved] = _stored(db_path)
        assert saved.correction is not None and saved.correction.value == "ORG"
        assert screen.analysis is not None
        ann = [m for m in screen.analysis.entities if m.text == "Ann Lee"]
        assert len(ann) == 3 and all(m.label == "ORG" and m.corrected for m in ann)
        assert screen.view._corrected.spans, "corrected mentions carry the mark"
        entity_list = screen.query_one("#entity-list", PanelList)
        prompts = [str(entity_list.get_option_at_index(i).prompt) for i in range(6)]
        assert any("✎ Ann Lee" in prompt for prompt in prompts)
        await pilot.press("u")
        await settle(pilot)
        assert _stored(db_path) == []
        assert all(m.label == "PERSON" for m in screen.analysis.entities if m.text == "Ann Lee")
        assert not screen.view._corrected.spans


async def test_speaker_chosen_from_the_people_or_typed(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "It costs", 2)
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "The speaker is someone else")
        await _choose(pilot, "Ann Lee")
        assert screen.analysis is not None
        quote = next(q for q in screen.analysis.quotes if "costs" in q.text)
        assert quote.corrected and quote.speaker is not None and quote.speaker.name == "Ann Lee"
        chart = speaker_chart(screen.analysis.quotes).plain
        assert "Bob Ray" not in chart
        await put_cursor(pilot, "It costs", 2)
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "The speaker is someone else")
        field = _dialog(app).query_one("#correction-name", Input)
        field.focus()
        await type_text(pilot, "Cy Young")
        await pilot.press("enter")
        await settle(pilot)
        quote = next(q for q in screen.analysis.quotes if "costs" in q.text)
        assert quote.speaker is not None and quote.speaker.name == "Cy Young"
        assert len(_stored(db_path)) == 2


async def test_nobody_known_and_not_a_quote(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "We are pleased", 1)
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "The speaker is someone else")
        await _choose(pilot, "(nobody known)")
        assert screen.analysis is not None
        quote = next(q for q in screen.analysis.quotes if "pleased" in q.text)
        assert quote.speaker is None and quote.corrected
        await put_cursor(pilot, "closed")
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "This is not a quotation")
        assert all("closed" not in q.text for q in screen.analysis.quotes)
        assert {a.correction.action for a in _stored(db_path) if a.correction} == {
            "speaker",
            "not-a-quote",
        }


async def test_not_an_entity_merge_and_split_only_this(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "Portsmouth")
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "This is not an entity")
        assert screen.analysis is not None
        assert all(m.text != "Portsmouth" for m in screen.analysis.entities)
        await put_cursor(pilot, "Bob Ray")
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "This is the same entity as")
        await _choose(pilot, "Ann Lee")
        ann = next(e for e in screen.analysis.entity_index if e.name == "Ann Lee")
        assert ann.count == 4 and ann.corrected
        await put_cursor(pilot, "Ann Lee", 1)
        await pilot.press("c")
        await settle(pilot)
        _dialog(app).query_one("#correction-only-this", Checkbox).value = True
        await _choose(pilot, "This is a different entity")
        ann = next(e for e in screen.analysis.entity_index if e.id == "ann")
        assert ann.count == 3
        split = [a for a in _stored(db_path) if a.correction and a.correction.action == "split"]
        assert split[0].correction is not None and split[0].correction.scope == "only-this"


async def test_a_selection_is_added_as_a_quotation(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "A sign read")
        await pilot.press("v", *"ww")
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "This is a quotation, by")
        await _choose(pilot, "Bob Ray")
        assert screen.analysis is not None
        added = next(q for q in screen.analysis.quotes if q.text.startswith("A sign"))
        assert added.corrected and added.speaker is not None and added.speaker.name == "Bob Ray"
        [saved] = _stored(db_path)
        assert saved.correction is not None and saved.correction.action == "add"


async def test_c_in_the_quote_list_and_escape_cancels(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the panel's tabs are mounted just after the first paint
        screen = reading(app)
        quotes = screen.query_one("#quote-list", PanelList)
        quotes.focus()
        quotes.highlighted = 1
        await pilot.press("c")
        await settle(pilot)
        assert "costs too much" in str(_dialog(app).query_one("#correction-subject").render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CorrectionDialog)
        assert _stored(db_path) == []


async def test_c_elsewhere_says_what_to_do(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await put_cursor(pilot, "Harbour news")
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, CorrectionDialog)
        assert any("quotation or an entity" in str(n.message) for n in app._notifications)


async def test_a_correction_made_elsewhere_is_applied_on_open(
    make_app: Callable[..., ReaderApp], story: tuple[str, str], service: ReaderService
) -> None:
    from reader.core.models import Correction

    service.correct(story[0], "Portsmouth", Correction("entity", "label", "LOC"))
    app = make_app(story[0])
    async with settled(app, SIZE) as pilot:
        screen = reading(app)
        assert screen.analysis is not None
        [place] = [m for m in screen.analysis.entities if m.text == "Portsmouth"]
        assert place.label == "LOC" and place.corrected
        notes = screen.query_one("#annotation-list", PanelList)
        prompts = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
        assert any("label: LOC" in prompt for prompt in prompts)
        # A correction is not a note: the article draws no note highlight for it.
        await put_cursor(pilot, "Portsmouth")
        assert screen.annotation_under_cursor() is None


async def test_remove_the_corrections_made_here_then_undo(app: ReaderApp, db_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await put_cursor(pilot, "Portsmouth")
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "The label is wrong")
        await _choose(pilot, "LOC")
        assert len(_stored(db_path)) == 1
        await pilot.press("c")
        await settle(pilot)
        await _choose(pilot, "Remove the corrections made here (1)")
        assert _stored(db_path) == []
        assert screen.analysis is not None
        assert [m.label for m in screen.analysis.entities if m.text == "Portsmouth"] == ["GPE"]
        await pilot.press("u")
        await settle(pilot)
        assert len(_stored(db_path)) == 1
        assert [m.label for m in screen.analysis.entities if m.text == "Portsmouth"] == ["LOC"]


async def test_streamed_paragraphs_are_corrected_before_they_are_painted(
    app: ReaderApp, service: ReaderService, story: tuple[str, str]
) -> None:
    from reader.core.analysis.results import EntityMention, ParagraphResult
    from reader.core.analysis.worker import JobProgress
    from reader.core.models import Correction
    from reader.ui.widgets.article_styles import entity_class

    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        service.correct(story[0], "Portsmouth", Correction("entity", "label", "ORG"))
        screen.refresh_annotations()
        text = story[1]
        start = text.index("“We are pleased")
        end = text.index("\n", start)
        where = text.index("Portsmouth")
        mention = EntityMention(where, where + 10, "Portsmouth", "GPE", "portsmouth")
        result = ParagraphResult(4, start, end, (mention,), ())
        screen.on_analysis_events([result], JobProgress(10, 20))
        await settle(pilot)
        [span] = screen.view._entities.overlapping(where, where + 1)
        assert span.name == entity_class("ORG") != entity_class("GPE")


async def test_the_corrected_mark_is_a_text_style_not_a_colour(app: ReaderApp) -> None:
    from reader.ui.widgets.article_styles import CORRECTED_CLASS

    async with app.run_test(size=SIZE):
        style = reading(app).view._layer_style(CORRECTED_CLASS)
        assert style.bold and style.overline
        assert style.color is None and style.bgcolor is None


async def test_the_palette_opens_the_dialog_too(app: ReaderApp) -> None:
    from tests.ui.test_commands import _run_command

    async with settled(app, SIZE) as pilot:
        await put_cursor(pilot, "Bob Ray")
        await _run_command(pilot, "correct the quotation")
        await settle(pilot)
        assert "Bob Ray" in str(_dialog(app).query_one("#correction-subject").render())


def test_a_correction_found_by_search_says_what_it_changes(
    service: ReaderService, story: tuple[str, str]
) -> None:
    from reader.core.models import Correction
    from reader.ui.screens.search import hit_prompt

    service.correct(story[0], "Portsmouth", Correction("entity", "label", "LOC"))
    [hit] = service.search("Portsmouth")
    assert "✎ label: LOC" in hit_prompt(hit).plain
