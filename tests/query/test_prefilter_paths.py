"""The pre-filter's short cuts answer as the plain text search does.

A needle made of letters alone is looked for in the document's distinct words rather
than in its whole text, and a set of many units becomes a bit mask through binary
digits rather than bit by bit. Both must give the units a plain search of each unit's
lower-cased text gives, on drafts written to reach the corners: needles inside longer
words, at the start and end of a unit, beside apostrophes, curly quotes, digits and
letters outside ASCII, and needles found in no unit or in every one.
"""

from __future__ import annotations

import pytest

from speclint.query.prefilter import Candidates
from speclint.query.words import normalise

TEXTS = [
    "The Provider shall review the Service annually with people who use it.",
    "Primary care networks agree shared-care protocols; the Provider's staff attend.",
    "Monthly reports are due by 5pm on the 3rd working day, per the Commissioner’s rota.",
    "Payment of £30 per client is made in arrears (March, June, September, December).",
    "Ünïcode naïve café ﬁnance résumé: the contract runs 12 months + 12 months.",
    "",
    "year",
    "Years of service: 2024/25 only; renewal at the Council's discretion.",
    "don't won't can't isn't aren't – none of which is extended",
]

NEEDLES = [
    "year", "month", "mar", "jun", "dec", "sep", "only", "renew", "extend", "annual",
    "the", "e", "provider", "s", "t", "ion", "xyz", "care", "naive", "fe", "nance",
    "arrears", "which", "don", "isn", "won", "commissioner", "discretion", "service",
    "provider's", "12 months", "£30", "care\n",
]  # fmt: skip


@pytest.mark.parametrize("needle", NEEDLES)
def test_letters_only_needles_match_a_text_search(needle: str) -> None:
    candidates = Candidates(TEXTS)
    expected = frozenset(i for i, text in enumerate(TEXTS) if needle in normalise(text))
    assert candidates.containing(needle) == expected
    assert candidates.containing_any([needle, "zzz"]) == sorted(expected)


@pytest.mark.parametrize("count", [1, 7, 8, 9, 31, 33, 64, 65, 200, 1000])
def test_masks_of_many_and_few_units_agree(count: int) -> None:
    candidates = Candidates([f"unit {n}" for n in range(count)])
    for units in ([], [0], [count - 1], list(range(0, count, 3)), list(range(count))):
        expected = sum(1 << unit for unit in set(units))
        assert candidates._mask(units) == expected
        assert candidates.units(candidates._mask(units)) == sorted(set(units))
