"""The words of reporting, by lemma: verbs and nouns that introduce what someone said or thought.

The spaCy components match these lemmas on parsed text (``reader.core.analysis.reported``), so
"states", "stated" and "stating" are one entry. Before a paragraph is parsed, a cheap regular
expression built from the same lemmas (their regular inflections plus a short table of
irregular ones) decides whether it may hold reported speech and so needs the parser.

To add a cue verb, add its lemma to ``REPORTING_LEMMAS`` (or ``MANNER_LEMMAS`` for a way of
speaking such as "sighed", ``COGNITION_LEMMAS`` for "believes that"); an irregular past goes
into ``_IRREGULAR``.
"""

from __future__ import annotations

import re
from functools import cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REPORTING_LEMMAS = _words(
    "say tell state add ask warn note argue explain insist claim write tweet post declare"
    " announce reply respond acknowledge admit urge describe reiterate stress emphasise"
    " emphasize underscore recall concede remark suggest confirm deny predict promise pledge"
    " vow boast testify repeat conclude observe assert caution counter retort report reveal"
    " allege assure comment contend disclose indicate maintain mention complain implore"
    " plead beg advise inform accuse agree insist threaten speculate estimate find"
)
"""Verbs whose clausal complement is what the subject said or wrote."""
MANNER_LEMMAS = _words(
    "sigh grumble groan murmur mutter whisper shout yell scream cry snap blurt gasp quip"
    " joke exclaim stammer snarl bark laugh chuckle"
)
"""Ways of speaking: cues next to a quotation ('"…," sighed Meg'), not reported speech."""
TEXT_CUE_LEMMAS = _words("read")
"""Non-verbal cues next to a quotation: '"Closed until May," the sign read' (written words)."""
COGNITION_LEMMAS = _words("think believe feel suspect fear hope doubt expect")
"""Reported thought: an indirect quote of what the subject thinks; never a mixed quote."""
CUE_NOUN_LEMMAS = _words(
    "announcement statement claim warning assertion allegation promise pledge admission"
    " assurance insistence comment remark report declaration"
)
"""Nouns whose "that" clause is reported speech ("made an announcement that …")."""
INFINITIVE_LEMMAS = _words("urge ask tell warn advise implore beg call order encourage")
"""Verbs whose object + "to" clause is reported speech ("urged boards to examine …")."""

_IRREGULAR = {
    "say": "said",
    "tell": "told",
    "write": "wrote written",
    "find": "found",
    "think": "thought",
    "feel": "felt",
    "speak": "spoke spoken",
    "cry": "cried cries",
    "reply": "replied replies",
    "deny": "denied denies",
}


def _inflections(lemma: str) -> list[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = [lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"]
    if (
        len(lemma) > 2
        and lemma[-1] not in "aeiouwy"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
    ):
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]  # admit -> admitted
    return forms + _IRREGULAR.get(lemma, "").split()


_NEEDS_THAT = _words(
    "state report post comment find promise estimate counter maintain note add agree"
    " indicate mention insist call"
)
"""Lemmas whose forms are common nouns or other verbs too ("United States", "the report",
"added value"): before the parse they count only with a "that" close after them."""


def _alternatives(lemmas: frozenset[str]) -> str:
    forms = sorted({form for lemma in lemmas for form in _inflections(lemma)}, key=len)
    return "|".join(re.escape(form) for form in reversed(forms))


@cache
def cue_pattern() -> re.Pattern[str]:
    """A regular expression that finds a reporting word that may govern reported speech:
    "according to", a reporting verb in lower case, or an ambiguous one, a cognition verb or
    a reporting noun followed by "that" within three words."""
    plain = _alternatives(REPORTING_LEMMAS - _NEEDS_THAT)
    with_that = _alternatives(_NEEDS_THAT | COGNITION_LEMMAS | CUE_NOUN_LEMMAS)
    return re.compile(
        rf"\b(?:[Aa]ccording to|(?:{plain})|(?:{with_that})(?:\s+\S+){{0,12}}?\s+that)\b"
    )


def may_report(text: str) -> bool:
    """Whether a paragraph holds a reporting word, so reported speech may be in it."""
    return cue_pattern().search(text) is not None
