"""CMP004's screens: a pattern ``read_term`` skips on a cheap test can never match there.

``read_term`` searches for date and month ranges only in text holding two years in
figures, for one financial year only in text holding a year and "only", and for annual
contracts only in text holding "annual" or "year". Each screen must be implied by its
pattern: checked on every corpus sentence and on texts written to match each pattern,
in capitals too.
"""

from __future__ import annotations

import pytest
from helpers import corpus_sentences

from speclint.rules.checks import short_term
from speclint.rules.checks._numbers import without_echoes

WRITTEN = [
    "The contract runs from 1 April 2026 to 31 March 2027.",
    "THE CONTRACT RUNS FROM 1ST OCT 2017 UNTIL 30TH SEPT 2018.",
    "Services are commissioned 01/04/2026 - 31/03/2027 under this agreement.",
    "The agreement runs from April 2026 to March 2028.",
    "The grant covers 2026/27 only.",
    "THE GRANT COVERS THE 2026-27 FINANCIAL YEAR ONLY.",
    "Providers hold annual contracts, renewed each year.",
    "Providers hold ANNUAL AGREEMENTS with the Council.",
    "A year-to-year contract is offered.",
    "The contract is for an initial two (2) years with one optional 12-month extension.",
    "The service is let on a 1+1 year basis.",
    "Records are kept for six years.",
    "The agreement ends on 31 March 2028, having started on 1 April 2026.",
    "The contract covers the 2026/27 and 2027/28 financial years.",
]


CORPUS = corpus_sentences()  # empty where ../shared is absent: the written texts alone


def _texts() -> list[str]:
    return [without_echoes(text) for text in [*WRITTEN, *CORPUS]]


TEXTS = _texts()


def _figures(text: str) -> int:
    return len(short_term._FOUR_DIGITS.findall(text))


def _screens_hold(text: str) -> bool:
    lowered = text.lower()
    ranges = (
        short_term._DATE_RANGE,
        short_term._NUMERIC_RANGE,
        short_term._MONTH_RANGE,
        short_term._REVERSED_RANGE,
        short_term._FINANCIAL_YEARS,
    )
    if any(pattern.search(text) for pattern in ranges) and _figures(text) < 2:
        return False
    if short_term._ONE_YEAR_ONLY.search(text) and not (_figures(text) and "only" in lowered):
        return False
    return not short_term._ANNUAL.search(text) or "annual" in lowered or "year" in lowered


def test_every_screen_is_implied_by_its_pattern() -> None:
    assert not CORPUS or len(TEXTS) > 500  # the corpus, where present, is read in full
    assert [text for text in TEXTS if not _screens_hold(text)] == []


def test_the_written_texts_match_every_screened_pattern() -> None:
    patterns = (
        short_term._DATE_RANGE,
        short_term._NUMERIC_RANGE,
        short_term._MONTH_RANGE,
        short_term._REVERSED_RANGE,
        short_term._FINANCIAL_YEARS,
        short_term._ONE_YEAR_ONLY,
        short_term._ANNUAL,
    )
    for pattern in patterns:
        assert sum(bool(pattern.search(text)) for text in WRITTEN) >= 1, pattern.pattern


@pytest.mark.parametrize(
    ("text", "months"),
    [
        (WRITTEN[0], 12.0),
        (WRITTEN[3], 24.0),
        (WRITTEN[4], 12.0),
        (WRITTEN[6], 12.0),
        (WRITTEN[9], 36.0),
        (WRITTEN[10], 24.0),
        (WRITTEN[12], 24.0),
        (WRITTEN[13], 24.0),
    ],
)
def test_terms_behind_the_screens_are_still_read(text: str, months: float) -> None:
    assert short_term.contract_term_months(text) == months
