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


NEG_TEXTS = [
    "Supervision time is funded at the standard hourly rate.",
    "Supervision time is not funded separately.",
    "Supervision time won’t be funded by the Council.",
    "Supervision time isn't funded.",
    "Supervision time will be met from existing budgets rather than funded anew.",
    "The requirement to fund supervision time is waived.",
    "Nothing here concerns supervision.",
]


def test_a_negation_needs_a_cue_in_the_unit_and_misses_none() -> None:
    """``NEG`` can hold only where a negation cue is: the pre-filter keeps just those units.

    Every unit where the evaluator finds the negated words must still be a candidate
    (the pre-filter stays exact), and the affirmed sentence is left out.
    """
    from speclint.query.analysis import analyse
    from speclint.query.ast import Concept
    from speclint.query.evaluate import Evaluator
    from speclint.query.parser import parse_query
    from speclint.structure import text_unit

    query = parse_query("NEG(funded)")
    if isinstance(query, Concept) and not query.name:
        query = query.query  # read from a warm query cache: the tree it stands for
    candidates = Candidates(NEG_TEXTS)
    kept = candidates.of(query)
    holds = {
        i
        for i, text in enumerate(NEG_TEXTS)
        if Evaluator(analyse(text_unit(text))).run(query) is not None
    }
    assert holds <= kept
    assert {1, 2, 3} <= holds
    assert 0 not in kept  # "funded" without a cue
    assert 6 not in kept  # a cue without the word
    # The cached form of a concept's need says the same as walking the tree.
    from speclint.query.prefilter import Need, need_data

    def no_concept(name: str) -> Concept:
        raise KeyError(name)

    assert candidates.meet(Need(need_data(query), no_concept)) == kept


def test_a_character_lower_case_makes_longer_does_not_shift_later_units() -> None:
    # "İ".lower() is two characters: the units after it must still be found where they are.
    texts = ["İZMİR İNCİ İLKER office", "fee £30", "a fee of £30 a week", "none here"]
    candidates = Candidates(texts)
    for needle in ("£30", "fee £30", "ee £", "week"):
        expected = frozenset(i for i, text in enumerate(texts) if needle in normalise(text))
        assert candidates.containing(needle) == expected, needle
