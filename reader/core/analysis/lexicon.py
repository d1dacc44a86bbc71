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
from collections.abc import Iterable
from functools import cache
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REPORTING_LEMMAS = _words(
    "say tell state add ask warn note argue explain insist claim write tweet post declare"
    " announce reply respond acknowledge admit urge describe reiterate stress emphasise"
    " emphasize underscore recall concede remark suggest confirm deny predict promise pledge"
    " vow boast testify repeat conclude observe assert caution counter retort report reveal"
    " allege assure comment contend disclose indicate maintain mention complain implore"
    " plead beg advise inform accuse agree insist threaten speculate estimate find"
    " recognize recognise project forecast"
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
TITLE_ABBREVIATIONS = _words("Coun. Supt. Const. Cst. Insp. Det. Sgt. Cpl. Atty. Capt. Cmdr. Lt.")
"""Title abbreviations of North American news that the tokenizer splits at the period (so the
parser ends a sentence inside '"…," Coun. Josh Matlow said'); kept whole as special cases."""
INFINITIVE_LEMMAS = _words("urge ask tell warn advise implore beg call")
"""Verbs of saying whose object + "to" clause is reported speech ("urged boards to examine
…"); not "order" or "encourage", which need not be said ("ordered supplies to be moved")."""

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
    "read": "read",
}


_IRREGULAR_PASTS = frozenset(form for forms in _IRREGULAR.values() for form in forms.split())


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


_DOUBLING = frozenset({"admit", "quip", "commit", "regret", "refer", "prefer", "submit"})
"""Lemmas that double their last consonant: admitted, quipped."""


def _all_forms(lemma: str) -> list[str]:
    """Base, third person, past and -ing forms of a verb lemma, by the spelling rules."""
    irregular = _IRREGULAR.get(lemma, "").split()
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing", *irregular]
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    stem = lemma + lemma[-1] if lemma in _DOUBLING else lemma
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    regular_past = [] if irregular else [past]
    return [lemma, third, *regular_past, ing, *irregular]


def forms_of(lemmas: Iterable[str]) -> frozenset[str]:
    """Every inflected form of ``lemmas`` (regular rules plus ``_IRREGULAR``): how a word is
    matched where the pipeline gives no lemmas (reader's ``blank`` model) or mistags it
    ('"…," added Mary Cole' parsed as an adjective)."""
    return frozenset(form.casefold() for lemma in lemmas for form in _all_forms(lemma))


def finite_forms_of(lemmas: Iterable[str]) -> frozenset[str]:
    """The finite forms of ``lemmas`` that can stand before their subject ("said Biden",
    "adds Cole"): third person present and past, no base form or participle in -ing."""
    return frozenset(
        form
        for form in forms_of(lemmas)
        if not form.endswith("ing") and (form not in lemmas or form in _IRREGULAR_PASTS)
    )


def has_lemma(token: Any, lemmas: frozenset[str], forms: frozenset[str]) -> bool:
    """Whether ``token`` is a form of one of ``lemmas``: by its lemma when the pipeline gives
    one, and by ``forms`` (made with ``forms_of`` from the same lemmas) always."""
    return bool(token.lower_ in forms or (token.lemma_ and token.lemma_.casefold() in lemmas))


INVERTING_LEMMAS = _words(
    "say add continue write explain note declare ask reply recall insist argue remark"
    " observe state respond warn"
)
"""Speech verbs that may come before their speaker ("said Biden"); "told CNN" names a hearer."""
INVERTING_FORMS = finite_forms_of(INVERTING_LEMMAS)
WRITING_LEMMAS = _words("write tweet post email text publish read")
WRITING_FORMS = forms_of(WRITING_LEMMAS)
CONTINUING_LEMMAS = _words("add continue")
CONTINUING_FORMS = forms_of(CONTINUING_LEMMAS)


def is_inverting(token: Any) -> bool:
    """A speech verb that may come before its speaker: a finite form ("said Biden", "adds
    Cole"), by lemma and tag when tagged, by form always."""
    if token.lower_ in INVERTING_FORMS:
        return True
    return bool(token.lemma_ in INVERTING_LEMMAS and token.tag_ in {"VBD", "VBZ"})


def is_writing_verb(token: Any) -> bool:
    """A verb of writing (wrote, tweeted, posted, read...), by lemma and by form."""
    return has_lemma(token, WRITING_LEMMAS, WRITING_FORMS)


def is_continuing(token: Any) -> bool:
    """A verb that goes on with what was said ("added", "continues"), by lemma and by form."""
    return has_lemma(token, CONTINUING_LEMMAS, CONTINUING_FORMS)


_NEEDS_THAT = _words(
    "state report post comment find promise estimate counter maintain note add agree project"
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
