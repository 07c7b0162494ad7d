"""Sentence meaning's fast paths give what the plain ones give.

The flag pattern searched in lower case without IGNORECASE (``_ANY_FLAG_LOWER``) finds
what ``_ANY_FLAG`` finds ignoring case, wherever it stands in for it; the document
screen of :func:`~speclint.structure.meaning.flaggable` answers alike with the
compiled screen and with its Python loop.
"""

from __future__ import annotations

import random

import pytest
from helpers import corpus_sentences

from speclint.structure import meaning
from speclint.substrings import Screen


def _texts() -> list[str]:
    own = [
        "Previously the service was block-funded.",
        "Social Impact Bonds (SIBs) where the Council pays on results.",
        "For the purposes of this Schedule, a Visit means a face-to-face contact.",
        "THE PROVIDER SHALL AVOID DELAYS. Historically, ICBs tended to pay by activity.",
    ]
    return [*own, *corpus_sentences()]


def test_lowering_a_pattern_keeps_its_escapes() -> None:
    """Letters go to lower case; an escaped letter (``\\W``) and an escaped backslash stay."""
    assert meaning._lowered_pattern(r"\W\S[A-Z]PbR\\B\b") == r"\W\S[a-z]pbr\\b\b"


def test_the_flag_pattern_has_no_escape_that_names_a_letter() -> None:
    """A capital written as ``\\x41``, ``\\u0041`` or ``\\N{...}`` would not be lowered."""
    source = meaning._ANY_FLAG_SOURCE
    assert not any(f"\\{c}" in source for c in "xuUN")


def test_the_lowered_flag_pattern_matches_where_the_pattern_does() -> None:
    """Same match, same place, on every corpus sentence and on mixed-case variants."""
    rnd = random.Random(18)
    texts = _texts()
    texts += ["".join(c.upper() if rnd.random() < 0.3 else c for c in t) for t in texts[:3000]]
    compared = 0
    for text in texts:
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in meaning.CASE_TRAPS):
            continue
        slow = meaning._ANY_FLAG.search(text)
        fast = meaning._ANY_FLAG_LOWER.search(low)
        assert (slow and slow.span()) == (fast and fast.span()), text
        compared += 1
    assert compared > 0


@pytest.mark.parametrize("size", [1, 7, 300])
def test_the_document_screen_answers_alike_compiled_or_not(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """:func:`flaggable` with the compiled screen equals its loop of ``str.find``."""
    texts = [*_texts()[:size], "", "A Kelvin \u212a sign", "İntroduced here"]
    fast = meaning.flaggable(texts)
    python = Screen(meaning._SCREEN_KEYS)
    python._compiled = None
    monkeypatch.setattr(meaning, "_ANY_SCREEN", python)  # compiled is false: the loop runs
    assert meaning.flaggable(texts) == fast


@pytest.mark.parametrize("source", [r"(?-i:[A-Z])x", r"(?i)abc", r"\N{LATIN CAPITAL LETTER A}"])
def test_a_pattern_whose_case_lowering_would_change_cannot_be_lowered(source: str) -> None:
    """Inline case flags and named characters are refused rather than silently changed."""
    with pytest.raises(ValueError, match="cannot be lowered"):
        meaning._lowered_pattern(source)
