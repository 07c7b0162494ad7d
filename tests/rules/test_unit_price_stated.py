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
        "4.2 Where a response standard is missed, the monthly payment can be cut by 2%.",
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


FROZEN = "2.1 The yearly fee remains at £80,000 for all four years of the agreement.\n\n"


@pytest.mark.parametrize(
    "forecast",
    [
        "1.1 The number of families we support is not expected to increase.",
        "1.1 The number of families we support is unlikely to rise.",
    ],
)
def test_growth_denied_is_no_growth(forecast: str) -> None:
    assert _mfl003(FROZEN + forecast) == []


def test_growth_affirmed_still_counts() -> None:
    assert _mfl003(FROZEN + "1.1 The number of families we support is expected to increase.")


def test_one_off_outlay_and_running_price_are_no_price_path() -> None:
    text = (
        "5.1 Start-up costs of £60,000 fall in Year 1, and the yearly fee is £45,000 in Year 2"
        " onwards.\n\n1.1 Referrals are forecast to grow by 4% a year."
    )
    assert _mfl003(text) == []


def test_two_years_of_one_price_are_a_price_path() -> None:
    text = (
        "5.1 The yearly fee is £50,000 in Year 1 and £45,000 in Year 2.\n\n"
        "1.1 Referrals are forecast to grow by 4% a year."
    )
    (message,) = _mfl003(text)
    assert "fee −10.0%" in message


def test_failure_named_without_a_condition_is_no_sanction() -> None:
    text = (
        "4.2 The fee drops by 3% in the second year although home visits grow by 8%, and missed"
        " visits are reviewed by the contract manager each quarter."
    )
    assert _mfl003(text)


def test_cut_conditional_on_a_failure_is_a_sanction() -> None:
    text = GROWTH + "4.2 If a visit is missed, the fee for that month drops by 3%."
    assert _mfl003(text) == []


def test_saving_spent_outside_the_service_is_still_a_cut() -> None:
    text = GROWTH + (
        "4.2 The fee drops by 3% a year and the saving is reinvested in road repairs elsewhere"
        " in the borough."
    )
    assert _mfl003(text)


def test_saving_kept_in_another_sentence_does_not_clear_the_cut() -> None:
    text = GROWTH + "4.2 The fee drops by 3% a year. Other savings are reinvested in the service."
    assert _mfl003(text)


def test_a_price_for_people_is_the_price_not_the_people() -> None:
    """'The allowances for children aged 0-15 increase by 6%': the rise is the allowance's,
    not a rise in children; a price rise for every allowance is no hidden cut."""
    rises = (
        "(a) that the standard allowance for 16-17-year-olds increases by 7.49% and all other "
        "standard fostering allowances for children aged 0-15 years be increased by 6.33% "
        "from April;\n\n"
        "(b) that a 3% increase to the foster carer fee from April be agreed."
    )
    assert _mfl003(rises) == []
    (message,) = _mfl003(
        "The allowances for children aged 0-15 will increase by 6% from April, "
        "and the number of placements will rise by 10%."
    )
    assert "allowances +6.0%" in message and "placements +10.0%" in message
