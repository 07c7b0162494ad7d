"""An unanswered question is looked for only in a sentence holding one of its verbs.

``meaning._open_question`` turns away, in one compiled pass, a sentence whose lower case
holds none of ``_ASKED_KEYS`` and which has none of the case traps, before the pattern
with its seven look-behinds is searched. Here the keys are held to the pattern (each
alternative's required strings hold one) and the answers to searching every sentence,
on the corpus sentences and variants in capitals and with the traps.
"""

from __future__ import annotations

import re

from helpers import corpus_sentences

from speclint.lazy_re import CASE_TRAPS, required_substrings, split_alternatives
from speclint.structure import meaning

_HEAD = r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )\b(?:"


def test_every_alternative_requires_a_key() -> None:
    source = meaning._ASKED_WHETHER.pattern
    assert source.startswith(_HEAD)
    # The verbs' group: "asked|queried|...|to (?:confirm|...|explore)", before what follows.
    verbs, rest = source[len(_HEAD) :].split(")(?:\\s+", 1)
    assert rest.endswith("(?:whether|if)\\b")
    for alternative in split_alternatives(verbs):
        promised = required_substrings(alternative, re.IGNORECASE)
        assert promised, alternative
        for key in promised:
            assert any(k in key for k in meaning._ASKED_KEYS.keys), (alternative, key)


def _slow(body: str) -> bool:
    match = meaning._ASKED_WHETHER.search(body)
    return (
        match is not None
        and meaning._NOT_PUT.search(body, 0, match.start()) is None
        and meaning._ANSWER_AFTER.search(body, match.end()) is None
    )


def test_the_screen_answers_as_the_search() -> None:
    texts = [
        *corpus_sentences(),
        "A member asked whether the framework would be awarded on price.",
        "Officers TO CONFIRM WHETHER the contract will run for a year.",
        "Members w\u0131ndered... no: Members queried if the fee would rise.",
        "Officers to e\u017ftablish whether the service is needed.",
        "She wanted to know if the visits would be longer.",
        "",
    ]
    for text in texts:
        for variant in (text, text.upper(), *(trap + text for trap in CASE_TRAPS)):
            assert meaning._open_question(variant) == _slow(variant), variant[:80]
