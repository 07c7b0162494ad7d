"""Shapes whose partner terms sit inside another word's negation, and the senses beside them.

A negation's scope covers every word of the statement it negates, so in "a fine for every
family whose review is not done" the sum and the family are negated too. The PBR, VOI and OUT
shapes write their partner terms as ``X OR NEG(X)``; these tests pin what that buys and what
it must not cost.
"""

from __future__ import annotations

import pytest

import speclint


def codes(text: str) -> set[str]:
    """The rule codes reported for one sentence linted on its own (folded ones too)."""
    report = speclint.check_text(text, "txt")
    return {code for file in report.files for f in file.findings for code in f.codes}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the sum and the person are in the scope of "not completed"
        (
            "The Board will levy £400 for each client whose review is not completed in time.",
            "PBR004",
        ),
        (
            "Where the provider does not reach the recovery rate, the next payment is reduced.",
            "PBR004",
        ),
        # the people are in the scope of "neither ... nor"
        (
            "The Council sets each rota, and neither the staff nor the residents may change it.",
            "VOI003",
        ),
        (
            "Once a client is passed to the debt advice team, the Provider closes the case.",
            "OUT003",
        ),
        ("Support workers must each complete 30 home visits per week.", "OUT004"),
        (
            "Stage payments: 50% at the start and 50% once 80 people have completed the course.",
            "PBR002",
        ),
        ("Two carers may sit in on the board meeting but will not be asked to speak.", "VOI003"),
    ],
)
def test_shape_found(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # the sanction itself is negated: the guard keeps the remedy silent
        (
            "The Board will not levy any charge where a review is not completed within a month.",
            "PBR",
        ),
        ("No deduction will be made from the payment if a target is missed.", "PBR"),
        # a double negative is the remedy
        ("No decision on the future model will be taken without involving tenants.", "VOI"),
        # 'involved' meaning entailed
        ("The Commissioner will not pay for the extra driving involved in rural visits.", "VOI"),
        # decided with people, then published
        ("The offer will be published once parents on the design group have agreed it.", "VOI"),
        # a price decided above is not a design decided above
        ("The Cabinet approved the new hourly rate and providers will be told in writing.", "VOI"),
        # activity above a cap is a cap, not a result the payment depends on
        (
            "Activity beyond the contracted ceiling is not paid for in a quarter above 100%.",
            "PBR",
        ),
    ],
)
def test_remedy_silent(text: str, family: str) -> None:
    report = speclint.check_text(text, "txt")
    assert family not in {f.family for file in report.files for f in file.findings}


def test_informed_sense_leaves_trauma_informed_to_rfl() -> None:
    # the 'informed-compound' sense must not hide the RFL phrase "trauma informed"
    assert "RFL001" in codes(
        "Care workers are to finish the trauma-informed modules in their own time."
    )
