"""A word sense told by its sentence: ``context`` patterns anywhere, ``unless`` patterns."""

from __future__ import annotations

import pytest

from speclint.query.concepts import Sense, SensePattern, Senses


def _sense() -> Senses:
    def patterns(*texts: str) -> tuple[SensePattern, ...]:
        return tuple(SensePattern.parse(t) for t in texts)

    sense = Sense(
        "test-order",
        ("supervision", "supervised"),
        patterns("supervision order*"),
        context=patterns("on licence", "offender*"),
        unless=patterns("clinical supervision", "receive* ? supervision", "staff", "manager*"),
    )
    return Senses((sense,))


def _masked(text: str) -> list[str]:
    words = text.lower().rstrip(".").split()
    return [words[i] for i in sorted(_sense().masked(words))]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # The context anywhere in the sentence tells the sense, for every target word.
        ("People on licence attend supervision weekly.", ["supervision"]),
        ("Offenders are supervised and attend supervision.", ["supervised", "supervision"]),
        # An unless pattern keeps the word's own sense in that sentence.
        ("Staff working with people on licence have clinical supervision.", []),
        ("Officers of offenders receive monthly supervision.", []),
        # Whose the supervision is, named before it: staff, not the people on licence.
        ("Offender managers have monthly supervision.", []),
        ("Staff working with people on licence attend supervision unpaid.", []),
        # Named after it, the staff are not whose it is.
        ("People on licence attend supervision with staff.", ["supervision"]),
        # Context too far away tells nothing.
        ("Offenders came, then a b c d e f g h i j supervision.", []),
        # No context: only the wrong patterns mask.
        ("Staff attend supervision weekly.", []),
        ("A supervision order was made.", ["supervision"]),
    ],
)
def test_context_masks_the_sense_words_of_its_sentence(text: str, masked: list[str]) -> None:
    assert _masked(text) == masked


def test_may_be_told_looks_for_the_target_words_only() -> None:
    senses = _sense()
    assert senses.may_be_told({"people", "supervision"})
    assert not senses.may_be_told({"people", "licence"})
    assert not Senses(()).may_be_told({"supervision"})
