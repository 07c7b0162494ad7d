"""The short-term check's word screens skip only sentences their patterns cannot change.

``without_echoes`` returns a sentence without "(" untouched, and ``read_term`` rewrites
"run for a year" only in a sentence holding "for a ": each pattern's every match holds
that text, which these tests show on the corpus and on written cases.
"""

from __future__ import annotations

from helpers import corpus_sentences

from speclint.rules.checks import _numbers, short_term

_OWN = [
    "The contract will RUN FOR A YEAR, then for a further year.",
    "It is let for a month at a time.",
    "Two (2) extensions of twelve (12) months may be agreed.",
    "Two(2) periods; three (3 ) periods.",
]


def test_every_echo_is_bracketed() -> None:
    for text in [*_OWN, *corpus_sentences()]:
        if _numbers._ECHO.search(text):
            assert "(" in text, text
    assert _numbers.without_echoes("two (2) periods") == "two     periods"
    plain = "two periods of twelve months"
    assert _numbers.without_echoes(plain) is plain


def test_every_period_of_a_holds_for_a() -> None:
    for text in [*_OWN, *corpus_sentences()]:
        if short_term._A_PERIOD.search(text):
            assert "for a " in text.lower(), text
    term = short_term.read_term("The contract will run for a year.")
    assert term is not None and term.months == 12
