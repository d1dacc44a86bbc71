"""Hand-written truth: every quotation in seeds/000_a1bfd4ae36a8a1d3.txt, its kind and speaker.

Written by reading the article, not by copying program output. The article is a machine
paraphrase of a CNN story: "stated" is "said", "based on" is "according to", "Worth" is the
State Department spokesperson Ned Price, "Wang" alone is Wang Yi, and "spokesman Wang Wenbin"
is a different Wang. Judgement calls, made once here:

* A quotation whose words come from a signed text named in its sentence ("according to a
  statement from X", "according to X's readout") is X's, even when the sentence says what
  someone else did: the quoted words are X's text about it (quotations 1 and 9).
* ", Worth added," set off by commas governs its whole sentence (quotations 2 and 3), and
  "added" goes on with Worth's written statement, so both are written.
* Terms (at most four words, not a clause, inside a sentence) take the speaker of the clause
  that uses them: Wang Yi "called" the meeting "casual" (the paraphrase has "known as").
* Quotation 15 has no source in its sentence; it is presented as what Blinken "underscored".
* Quotation 16 is inside "statements from Biden that ...": Biden's, written ("statements").
* Quotations 17-18 are from Price's statement ("in the statement" became "within the
  assertion"): truly written. "assertion" names no written text, so a general rule sees a
  spoken quotation: ``KNOWN_DEVIATIONS`` records that the program says spoken.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.analysis.results import QuoteKind

SPOKEN, WRITTEN, TERM = QuoteKind.SPOKEN, QuoteKind.WRITTEN, QuoteKind.TERM


@dataclass(frozen=True)
class ExpectedQuote:
    """One quotation: its exact text (marks included), kind, speaker name and mention(s)."""

    text: str
    kind: QuoteKind
    speaker: str | None
    mentions: tuple[str, ...] = ()
    """Acceptable ways the speaker is written at the cue (empty: no speaker)."""


OFFICERS = "US officers aware of the intelligence"
MINISTRY_SPOKESMAN = "China’s International Ministry spokesman"

EXPECTED: tuple[ExpectedQuote, ...] = (
    ExpectedQuote(
        "“straight spoke to the unacceptable violation of US sovereignty and worldwide"
        " regulation,”",
        WRITTEN,
        "Ned Worth",
        ("Ned Worth",),
    ),
    ExpectedQuote(
        "“made clear the US won’t stand for any violation of our sovereignty”",
        WRITTEN,
        "Ned Worth",
        ("Worth",),
    ),
    ExpectedQuote("“mustn’t ever happen once more.”", WRITTEN, "Ned Worth", ("Worth",)),
    ExpectedQuote("“casual”", TERM, "Wang Yi", ("Wang", "he")),
    ExpectedQuote("“harm”", TERM, "Wang Yi", ("Wang",)),
    ExpectedQuote("“absurd and hysterical”", TERM, "Wang Yi", ("Wang",)),
    ExpectedQuote("“100% an abuse of the usage of drive.”", SPOKEN, "Wang Yi", ("Wang",)),
    ExpectedQuote(
        "“I hope we’re going to resolve this, however I make no apologies for taking down that"
        " balloon,”",
        SPOKEN,
        "Joe Biden",
        ("he",),
    ),
    ExpectedQuote(
        "“in regards to the implications and penalties”", WRITTEN, "Ned Worth", ("Worth",)
    ),
    ExpectedQuote("“disturbing”", TERM, OFFICERS, (OFFICERS,)),
    ExpectedQuote("“creep as much as the road”", SPOKEN, OFFICERS, (OFFICERS,)),
    ExpectedQuote("“alternate views”", TERM, MINISTRY_SPOKESMAN, (MINISTRY_SPOKESMAN,)),
    ExpectedQuote(
        "“worldwide and regional hotspot problems with shared curiosity”",
        SPOKEN,
        MINISTRY_SPOKESMAN,
        (MINISTRY_SPOKESMAN,),
    ),
    ExpectedQuote(
        "“China is able to take this go to as a chance and work with Russia to advertise"
        " regular development of bilateral relations within the path recognized by the 2 heads"
        " of state, defend the official rights and pursuits of either side, and play an"
        " energetic function for world peace,”",
        SPOKEN,
        "Wang Wenbin",
        ("Wang Wenbin",),
    ),
    ExpectedQuote(
        "“underscored the significance of sustaining peace and stability”",
        SPOKEN,
        "Antony Blinken",
        ("Blinken",),
    ),
    ExpectedQuote("“arise for our values.”", TERM, "Joe Biden", ("Biden",)),
    ExpectedQuote(
        "“The Secretary reiterated President Biden’s statements that the US will compete and"
        " can unapologetically arise for our values and pursuits, however that we don’t need"
        " battle with the PRC and aren’t on the lookout for a brand new Chilly Warfare,”",
        WRITTEN,
        "Ned Worth",
        ("Worth",),
    ),
    ExpectedQuote(
        "“The Secretary underscored the significance of sustaining diplomatic dialogue and open"
        " traces of communication always.”",
        WRITTEN,
        "Ned Worth",
        ("Worth",),
    ),
)

KNOWN_DEVIATIONS: dict[int, QuoteKind] = {16: SPOKEN, 17: SPOKEN}
"""Index in EXPECTED -> the kind the program gives instead (see the module docstring)."""


HELD_OUT_TEXT = (
    "LONDON (Reuters) — Britain’s finance minister Rachel Hart on Thursday defended her budget"
    " against critics who called it “a raid on savers.”\n"
    "“This budget protects working families and keeps our promises,” Hart told parliament."
    " “We will not borrow to fund tax cuts.”\n"
    "Opposition leader David Mole said the plan would “hit pensioners hardest” and urged her to"
    " think again.\n"
    "In a letter to the Treasury, the Institute for Fiscal Studies warned:\n"
    "“Without further detail, the costings cannot be verified and the deficit may widen.”\n"
    "Hart’s spokesman, asked about the letter, said the figures were “robust and fully"
    " costed.”\n"
    "Markets were calm. The pound rose 0.3% against the dollar, according to LSEG data.\n"
    "“It’s a credible plan, but the growth forecasts look optimistic,” said Priya Nair, chief"
    " economist at Northgate Bank. Nair added that investors were “cautiously relieved.”\n"
    "The budget will be put to a vote next week, the government said in a statement.\n"
    "‘We shall see,’ one backbencher told the BBC, declining to be named.\n"
    "Hart, 52, has said she will stay in the job “for as long as the prime minister wants me.”\n"
)
"""A second text, written by hand after the rules (not tuned on): a wire story in the same
one-paragraph-per-line layout. Its truth, below, was written before running the program."""

HELD_OUT_EXPECTED: tuple[ExpectedQuote, ...] = (
    ExpectedQuote("“a raid on savers.”", TERM, "critics", ("critics",)),
    ExpectedQuote(
        "“This budget protects working families and keeps our promises,”",
        SPOKEN,
        "Rachel Hart",
        ("Hart",),
    ),
    ExpectedQuote("“We will not borrow to fund tax cuts.”", SPOKEN, "Rachel Hart", ("Hart",)),
    ExpectedQuote("“hit pensioners hardest”", TERM, "David Mole", ("David Mole",)),
    ExpectedQuote(
        "“Without further detail, the costings cannot be verified and the deficit may widen.”",
        WRITTEN,
        "Institute for Fiscal Studies",
        ("Institute for Fiscal Studies", "the Institute for Fiscal Studies"),
    ),
    ExpectedQuote("“robust and fully costed.”", TERM, "Hart’s spokesman", ("Hart’s spokesman",)),
    ExpectedQuote(
        "“It’s a credible plan, but the growth forecasts look optimistic,”",
        SPOKEN,
        "Priya Nair",
        ("Priya Nair",),
    ),
    ExpectedQuote("“cautiously relieved.”", TERM, "Priya Nair", ("Nair",)),
    ExpectedQuote("‘We shall see,’", SPOKEN, "one backbencher", ("one backbencher",)),
    ExpectedQuote(
        "“for as long as the prime minister wants me.”", SPOKEN, "Rachel Hart", ("Hart",)
    ),
)
