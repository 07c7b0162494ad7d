"""CMP003's screens: a pattern ``weights`` skips on a cheap test can never match there.

The wordings of a share of the whole evaluation ("half the marks", "two-thirds of the
score") are searched only in text holding a word of the evaluation, and the label cells
of a table row ("Price | 40%") only in text holding a bar. Each screen must be implied
by its pattern: checked on every corpus sentence and on texts written to match each
pattern, in their own case, lower case and capitals.
"""

from __future__ import annotations

import re

from helpers import corpus_sentences

from speclint.rules.checks import price_weight
from speclint.structure.meaning import CASE_TRAPS

WRITTEN = [
    "Price carries at least half of the available marks.",
    "Quality attracts the majority of the overall weighting.",
    "Social value takes the lion's share of the total score.",
    "Cost is given two-thirds of the evaluation.",
    "Price counts for three quarters of the points.",
    "Commercial | 55% | Quality | 45%",
    "Price|60 and Quality | 40",
    "Price and quality each carry half the marks.",
    "The ſcore is shared: price takes most of the \u212aPI score.",
    "The weighting is 40:60 price:quality.",
    "A Price/Quality split of 30/70 applies.",
    "Weighting: price 30%, quality 60% and social value 10%, with PLUS ratings; WHILE ıt lasts",
]


def _texts() -> list[str]:
    return [t for s in (*WRITTEN, *corpus_sentences()) for t in (s, s.lower(), s.upper())]


def test_shares_of_the_whole_are_found_only_where_the_screen_lets_them() -> None:
    matched = 0
    for text in _texts():
        if price_weight._HALF.search(text) or price_weight._FRACTION.search(text):
            matched += 1
            screened = price_weight._WHOLE_SCREEN.found_in(text.lower())
            assert screened or any(c in text for c in CASE_TRAPS), text
    assert matched >= 15  # the written texts, in three cases each


def test_label_cells_are_found_only_in_text_with_a_bar() -> None:
    matched = 0
    for text in _texts():
        if price_weight._LABEL_CELL.search(text):
            matched += 1
            assert "|" in text, text
    assert matched >= 6


def test_weights_read_the_written_shares() -> None:
    assert price_weight.weights("Price carries at least half of the available marks.") == {
        "price": 50.0
    }
    assert price_weight.weights("Commercial | 55% | Quality | 45%") == {  # commercial: price
        "price": 55.0,
        "quality": 45.0,
    }


def test_ratios_are_found_only_in_text_with_a_colon_or_slash() -> None:
    matched = 0
    for text in _texts():
        if price_weight._RATIO_AFTER.search(text) or price_weight._RATIO_BEFORE.search(text):
            matched += 1
            assert ":" in text or "/" in text, text
    assert matched >= 6


#: The segment pattern as it was written first, one alternative a separator (and the
#: bracketed weight that ends a notice's field, added since).
_SEGMENT_AS_WRITTEN = re.compile(
    r",|;|/|\||\band\b|\bwith\b|\bwhile\b|\bplus\b|(?<=%\))\s+", re.IGNORECASE
)


def test_segments_split_as_the_pattern_first_written() -> None:
    for text in _texts():
        assert price_weight._SEGMENT.split(text) == _SEGMENT_AS_WRITTEN.split(text), text


def test_worded_weights_are_written_as_the_whole_pattern_writes_them() -> None:
    from speclint.query.analysis import word_value

    whole = re.compile(price_weight._WORDED.pattern, re.IGNORECASE)
    changed = 0
    for text in [*_texts(), "Price sixty per cent, quality forty PERCENT and twenty-five marks"]:
        expected = whole.sub(lambda m: f"{word_value(m.group(1)) or 0:g}", text)
        assert price_weight._digits(text) == expected, text
        changed += expected != text
    assert changed >= 1
