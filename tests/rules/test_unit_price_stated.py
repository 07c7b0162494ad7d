"""MFL003 across clauses when the growth is said in words and the cut in figures.

A saving of 2% a year against demand "expected to grow" cuts the price per person as
surely as against a forecast of 8%; a saving kept in the service, a cut matched
openly by less service, a sanction for a missed standard and growth told as history
are not a hidden cut.
"""

from __future__ import annotations

import pytest

import speclint


def _mfl003(text: str) -> list[str]:
    return [f.message for f in speclint.check_text(text, "md").findings if f.code == "MFL003"]


GROWTH = "1.1 The number of households asking for help is expected to grow each year.\n\n"


def test_saving_against_growth_said_in_words() -> None:
    (message,) = _mfl003(GROWTH + "4.2 The Provider will find savings of 2% of the fee each year.")
    assert "number of households rises" in message
    assert "price per unit falls" in message


@pytest.mark.parametrize(
    "price",
    [
        "4.2 Savings of 2% a year will be reinvested in longer visits, as the partners agreed.",
        "4.2 The fee falls by 2% and the Sunday drop-in closes.",
        "4.2 The Council may reduce the monthly payment by 2% where a response standard is missed.",
        "4.2 The fee rises by 3% a year.",
    ],
)
def test_no_hidden_cut(price: str) -> None:
    assert _mfl003(GROWTH + price) == []


def test_growth_told_as_history_is_not_read() -> None:
    text = (
        "1.1 Referrals have grown every year since the service began.\n\n4.2 The fee falls by 2%."
    )
    assert _mfl003(text) == []
