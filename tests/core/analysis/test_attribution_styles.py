"""Attribution on short texts of several styles, each cue and the negative cases (real model).

Every expectation below was worked out by reading the text, before running the program.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.results import QuoteKind
from tests.core.analysis.attribution_support import analyse

pytestmark = pytest.mark.slow

SPOKEN, WRITTEN, TERM = QuoteKind.SPOKEN, QuoteKind.WRITTEN, QuoteKind.TERM
Row = tuple[str, QuoteKind, str | None, str | None]
"""(quotation, kind, resolved speaker name, speaker as written)."""

CASES: dict[str, tuple[str, list[Row]]] = {
    "wire copy: verb after, continuation, inverted verb, term in a that-clause": (
        "Prime Minister Jane Doe arrived in Brussels on Monday.\n\n"
        "“We will not give up,” she told reporters. “The talks go on.”\n\n"
        "“This is a bad deal,” said opposition leader Tom Hardy. "
        "Hardy added that the vote was “a farce.”",
        [
            ("“We will not give up,”", SPOKEN, "Jane Doe", "she"),
            ("“The talks go on.”", SPOKEN, "Jane Doe", "she"),
            ("“This is a bad deal,”", SPOKEN, "Tom Hardy", "Tom Hardy"),
            ("“a farce.”", TERM, "Tom Hardy", "Hardy"),
        ],
    ),
    "magazine feature: what she called a term, lead-in ending the previous paragraph": (
        "The chef Maria Lopez has run the kitchen at Casa Blanca for a decade. She is known"
        " for what she called a “casual” approach. In an interview last week, Lopez"
        " explained:\n\n“I don’t read reviews. Not one of them, ever.”",
        [
            ("“casual”", TERM, "Maria Lopez", "she"),
            ("“I don’t read reviews. Not one of them, ever.”", SPOKEN, "Maria Lopez", "Lopez"),
        ],
    ),
    "press release: said in a statement, according to a statement from X": (
        "WASHINGTON — The agency today announced new rules. “These rules protect families,”"
        " Director Ann Smith said in a statement. According to a statement from spokesperson"
        " Raj Patel, the rules “take effect immediately and apply to every state.”",
        [
            ("“These rules protect families,”", WRITTEN, "Ann Smith", "Ann Smith"),
            (
                "“take effect immediately and apply to every state.”",
                WRITTEN,
                "Raj Patel",
                "Raj Patel",
            ),
        ],
    ),
    "british single quotes: term, inverted verb with a title, continuation": (
        "The minister said the plan was ‘unworkable’. ‘We cannot support it,’ said Sir Keir"
        " Adams. ‘It will cost far too much.’",
        [
            ("‘unworkable’", TERM, "The minister", "The minister"),
            ("‘We cannot support it,’", SPOKEN, "Keir Adams", "Keir Adams"),
            ("‘It will cost far too much.’", SPOKEN, "Keir Adams", "Keir Adams"),
        ],
    ),
    "court report: a signed ruling as source, told the court with a colon": (
        "Judge Helen Park rejected the motion on Friday. The conduct was “reckless and"
        " deliberate,” according to Park’s written ruling. Defence lawyer Sam Reed told the"
        " court: “My client is innocent.”",
        [
            ("“reckless and deliberate,”", TERM, "Helen Park", "Park"),
            ("“My client is innocent.”", SPOKEN, "Sam Reed", "Sam Reed"),
        ],
    ),
    "signature line with an em dash": (
        "“Reading is to the mind what exercise is to the body.”\n—Joseph Addison, essayist",
        [
            (
                "“Reading is to the mind what exercise is to the body.”",
                SPOKEN,
                "Joseph Addison",
                "Joseph Addison",
            )
        ],
    ),
    "signature line with a hyphen": (
        "“Stay hungry, stay foolish, and never stop learning.” - Steve Jobs",
        [
            (
                "“Stay hungry, stay foolish, and never stop learning.”",
                SPOKEN,
                "Steve Jobs",
                "Steve Jobs",
            )
        ],
    ),
    "a quotation over two paragraphs with its verb at the end": (
        "Mayor Ruth Ng spoke for an hour.\n\n“We will rebuild the bridge.\n\n"
        "“And we will do it this year,” Ng said.",
        [
            (
                "“We will rebuild the bridge.\n\n“And we will do it this year,”",
                SPOKEN,
                "Ruth Ng",
                "Ng",
            )
        ],
    ),
    "lead-in naming a statement makes the words written": (
        "The ministry of health issued new guidance on Monday. In a statement, the minister"
        " said:\n\n“Hospitals must report every case within a day.”",
        [
            (
                "“Hospitals must report every case within a day.”",
                WRITTEN,
                "the minister",
                "the minister",
            )
        ],
    ),
    "a tweet: wrote on Twitter": (
        "Senator Lisa Grant wrote on Twitter: “The bill is dead and everyone knows it.”",
        [("“The bill is dead and everyone knows it.”", WRITTEN, "Lisa Grant", "Lisa Grant")],
    ),
    "told reporters that": (
        "Mark Chen told reporters that “nobody expected the result to be this close.”",
        [("“nobody expected the result to be this close.”", SPOKEN, "Mark Chen", "Mark Chen")],
    ),
    "two speakers, then a short name goes to the right one": (
        "“Rates will rise,” said banker Olga Petrova. “Rates will fall,” said economist Ivan"
        " Sokolov.\n\n“Nobody knows,” Petrova added.",
        [
            ("“Rates will rise,”", SPOKEN, "Olga Petrova", "Olga Petrova"),
            ("“Rates will fall,”", SPOKEN, "Ivan Sokolov", "Ivan Sokolov"),
            ("“Nobody knows,”", SPOKEN, "Olga Petrova", "Petrova"),
        ],
    ),
    "a name in apposition is the speaker": (
        "“I’m not going anywhere,” the coach, Pep Alvarez, told ESPN on Sunday. Dr. Sarah Kim,"
        " a virologist at Oxford, warned that “the next wave could be worse than the last one.”",
        [
            ("“I’m not going anywhere,”", SPOKEN, "Pep Alvarez", "Pep Alvarez"),
            (
                "“the next wave could be worse than the last one.”",
                SPOKEN,
                "Sarah Kim",
                "Sarah Kim",
            ),
        ],
    ),
    "a company speaking in a statement, a report speaking": (
        "The company said in a statement that it “regrets the error and will correct it.” The"
        " report, released Monday, said that “conditions in the camps are dire and getting"
        " worse every week.”",
        [
            ("“regrets the error and will correct it.”", WRITTEN, "The company", "The company"),
            (
                "“conditions in the camps are dire and getting worse every week.”",
                WRITTEN,
                "The report",
                "The report",
            ),
        ],
    ),
    "in a statement from X, ahead of a verb with another subject": (
        "The government pledged to be “transparent at every step of the process,” in a"
        " statement from spokesperson Li Wei on Friday.",
        [("“transparent at every step of the process,”", WRITTEN, "Li Wei", "Li Wei")],
    ),
    "straight double quotes, an inverted verb with a title, a term": (
        'Coach Dana Reyes was asked about the loss. She said: "It is done." "We move on,"'
        ' added captain Mary Cole. The fans called it "a disgrace".',
        [
            ('"It is done."', SPOKEN, "Dana Reyes", "She"),
            ('"We move on,"', SPOKEN, "Mary Cole", "Mary Cole"),
            ('"a disgrace"', TERM, "The fans", "The fans"),
        ],
    ),
    "guillemets and a name set off by commas": (
        "The mayor, Luc Martin, said: «We will rebuild the old bridge this year.»",
        [("«We will rebuild the old bridge this year.»", SPOKEN, "Luc Martin", "Luc Martin")],
    ),
    "a reply after a colon is not a term however short": (
        "Asked whether he would resign, Johnson replied: “Absolutely not.”",
        [("“Absolutely not.”", SPOKEN, "Johnson", "Johnson")],
    ),
    "according to a named person": (
        "The ceasefire “will hold through the winter and beyond,” according to Foreign"
        " Minister Ana Silva.",
        [("“will hold through the winter and beyond,”", SPOKEN, "Ana Silva", "Ana Silva")],
    ),
    "he is the subject of the previous sentence, not the last name mentioned": (
        "President Joe Biden spoke with Xi Jinping on Monday. “We agreed to talk again"
        " soon,” he said.",
        [("“We agreed to talk again soon,”", SPOKEN, "Joe Biden", "he")],
    ),
    "they resolves to the group named as the previous subject": (
        "Local residents gathered outside the town hall on Tuesday. “We want answers now,”"
        " they said.",
        [("“We want answers now,”", SPOKEN, "Local residents", "they")],
    ),
    "a nominal speaker keeps its whole phrase": (
        "US officials familiar with the intelligence told CNN that Beijing was “testing the"
        " waters.”",
        [
            (
                "“testing the waters.”",
                TERM,
                "US officials familiar with the intelligence",
                "US officials familiar with the intelligence",
            )
        ],
    ),
}

NEGATIVE: dict[str, tuple[str, list[tuple[str, QuoteKind]]]] = {
    "titles and scare quotes are terms with no speaker": (
        "Critics loved the film “Oppenheimer” and its score. The so-called “experts” were"
        " wrong again. Cats are “cuties” and dogs are “goofballs”.",
        [("“Oppenheimer”", TERM), ("“experts”", TERM), ("“cuties”", TERM), ("“goofballs”", TERM)],
    ),
    "a quote-heavy paragraph with no attribution at all": (
        "“Bread.” “Circuses.” “More of both, always, for everyone.” The posters were"
        " everywhere in the city.",
        [
            ("“Bread.”", SPOKEN),
            ("“Circuses.”", SPOKEN),
            ("“More of both, always, for everyone.”", SPOKEN),
        ],
    ),
    "based on data is no source": (
        "Prices rose “sharply and suddenly” based on the data from last year.",
        [("“sharply and suddenly”", TERM)],
    ),
    "an unsigned readout names nobody": (
        "The talks were “constructive and candid,” according to a readout of the meeting.",
        [("“constructive and candid,”", TERM)],
    ),
    "apostrophes only": (
        "It’s the players’ union’s call in the ’90s style, O’Neill said. Don't.",
        [],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_styles(name: str) -> None:
    text, expected = CASES[name]
    found = analyse(text)
    rows = [
        (
            q.text,
            q.kind,
            q.speaker.name if q.speaker else None,
            q.speaker.text if q.speaker else None,
        )
        for q in found
    ]
    assert rows == expected
    for quote in found:
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


@pytest.mark.parametrize("name", list(NEGATIVE))
def test_negative_cases_get_no_speaker(name: str) -> None:
    text, expected = NEGATIVE[name]
    found = analyse(text)
    assert [(q.text, q.kind) for q in found] == expected
    assert all(q.speaker is None for q in found)


def test_unbalanced_mark_ends_with_its_paragraph_and_keeps_its_speaker() -> None:
    text = "The mayor said “this never ends and goes on.\n\nA new paragraph without marks."
    (quote,) = analyse(text)
    assert quote.text == "“this never ends and goes on."
    assert quote.speaker is not None and quote.speaker.text == "The mayor"


def test_a_short_name_shared_by_two_people_goes_to_the_one_mentioned_last() -> None:
    text = (
        "Wang Yi met Wang Wenbin in Beijing. Wang Yi left early. Later, Wang Wenbin spoke to"
        " the press. “The meeting was useful,” Wang said."
    )
    (quote,) = analyse(text)
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.name) == ("Wang", "Wang Wenbin")


def test_without_entities_a_name_is_its_own_name_and_a_pronoun_stays_as_written() -> None:
    text = "“We tried,” she said. “It failed,” said Anna Berg."
    found = analyse(text, entities=False)
    assert [(q.speaker.text, q.speaker.name) for q in found if q.speaker] == [
        ("she", "she"),
        ("Anna Berg", "Anna Berg"),
    ]


WORDS = [
    "said",
    "told",
    "he",
    "she",
    "Anna",
    "Berg",
    "according",
    "to",
    "a",
    "statement",
    "from",
    "—",
    ":",
    ",",
    ".",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "that",
    "wrote",
    "\n\n",
    "the",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_no_crash_and_offsets_hold_with_the_full_model(words: list[str]) -> None:
    text = " ".join(words)
    for quote in analyse(text):
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
