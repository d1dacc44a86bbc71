"""Reported speech in the article: its own quieter class, in the quotation layer (key 2)."""

from __future__ import annotations

from reader.core.analysis.results import Quote, QuoteForm, QuoteKind, Span
from reader.ui.widgets.article_styles import INDIRECT_QUOTE_CLASS, QUOTE_CLASS, highlight_css
from tests.ui.test_article_view import QUOTE, TEXT, running

REPORTED = (TEXT.index("Then"), TEXT.index("Then") + 8)


def _quotes() -> list[Quote]:
    start, end = REPORTED
    content = Span(TEXT[start:end], start, end)
    return [
        Quote(*QUOTE, TEXT[QUOTE[0] : QUOTE[1]], QuoteKind.SPOKEN),
        Quote(start, end, content.text, QuoteKind.SPOKEN, form=QuoteForm.INDIRECT, content=content),
    ]


def test_the_css_styles_reported_speech_from_its_own_theme_variables() -> None:
    css = highlight_css("ArticleCanvas")
    assert "color: $quote-indirect;" in css and "text-style: $quote-indirect-style;" in css


async def test_reported_speech_has_its_class_and_hides_with_the_quotation_layer() -> None:
    async with running() as (_, _pilot, view):
        view.set_quotes(_quotes())
        names = {span.name for _, span in view._layers(0, len(TEXT))}
        assert {QUOTE_CLASS, INDIRECT_QUOTE_CLASS} <= names
        view.show_quotes = False  # what the reading screen's "2" toggles
        names = {span.name for _, span in view._layers(0, len(TEXT))}
        assert not names & {QUOTE_CLASS, INDIRECT_QUOTE_CLASS}
