"""Readings added for unseen wording in CMP, MFL and RFL: stated maximum terms, weights
given as a share of the score, periods that are not contract terms, and past
arrangements named inside a clause about what happens next."""

from __future__ import annotations

import pytest

import speclint
from speclint.rules.checks.price_weight import row_weight
from speclint.rules.checks.short_term import contract_term_months


def _codes(text: str) -> set[str]:
    report = speclint.check_text(text, "txt")
    return {f.code for file in report.files for f in file.findings}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # a stated total wins over adding up every duration in the row
        ("Initial period 24 months | Optional extension 9 months | Total maximum 33 months", 33),
        ("The maximum term, including any extensions, is 30 months.", 30),
        ("The maximum contract length is six years.", 72),
        # periods of something other than the contract
        ("Each authorisation may last for up to twelve months before it is reviewed.", None),
        ("A stay at the recovery house may run for up to 12 months.", None),
    ],
)
def test_stated_maximum_terms_and_other_periods(text: str, months: int | None) -> None:
    assert contract_term_months(text) == months


def test_a_row_gives_price_a_share_of_the_score() -> None:
    assert row_weight("Price per home visit | 65% of the total score") == ("price", 65.0, "%")
    assert row_weight("Social value | 10% of the evaluation") == ("social value", 10.0, "%")
    assert row_weight("Price per home visit | £65 a visit") is None


@pytest.mark.parametrize(
    ("text", "code", "flagged"),
    [
        ("Cost per session | 55% of the evaluation score", "CMP003", True),
        ("Quality of the service model | 55% of the evaluation score", "CMP003", False),
        (
            "Term of contract | 12 months | Extension | 6 months | Maximum duration | 18 months",
            "CMP004",
            True,
        ),
        (
            "Term of contract | 36 months | Extension | 24 months | Maximum duration | 60 months",
            "CMP004",
            False,
        ),
    ],
)
def test_table_rows_in_cmp(text: str, code: str, flagged: bool) -> None:
    assert (code in _codes(text)) == flagged


def test_a_past_arrangement_named_in_a_clause_about_next_april_is_still_read() -> None:
    moved = (
        "From April the cost of home oxygen assessments, previously met by the hospital trust, "
        "moves to the community budget with no matching increase."
    )
    assert "MFL001" in _codes(moved)
    past = "The cost of home oxygen assessments was previously met by the hospital trust."
    assert "MFL001" not in _codes(past)
