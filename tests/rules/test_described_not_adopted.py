"""Kinds of real commissioning text that describe a mechanism rather than adopt it.

Each case pairs an innocent passage of a general kind (a results list, the law on award
criteria, a council's budget pressures, a price list dated by financial year) with the
same words in a clause that does adopt the anti-pattern, which must still be flagged.
"""

from __future__ import annotations

import pytest

from speclint.api import check_text

RESULTS_LIST = """Cabinet Papers 3 March 2026

APPENDIX 2: The Payment Offer from the Department

Start-up money has been provided for a coordinator post. The Department also offers up to
£4,000 for every family supported, paid on results.

The {what} for which the Department will pay are:

{first} – £3,000 per {unit};

Referral to a regional employment programme - £80 per {unit}; OR

At least one adult moves into continuous work - £3,500.
"""


def _codes(text: str, fmt: str = "txt") -> set[str]:
    report = check_text(text, fmt)  # type: ignore[arg-type]
    return {finding.code for file in report.files for finding in file.findings}


def test_a_list_of_results_paid_for_is_not_payment_per_activity() -> None:
    text = RESULTS_LIST.format(
        what="results", first="Truancy falls AND offending stops", unit="family"
    )
    assert "OUT005" not in _codes(text)


def test_a_list_of_sessions_paid_for_is_still_payment_per_activity() -> None:
    text = RESULTS_LIST.format(what="sessions", first="Group session attended", unit="session")
    assert "OUT005" in _codes(text)


@pytest.mark.parametrize(
    ("text", "code", "flagged"),
    [
        # the law on award criteria explained, and price-only award said to be rare or barred
        (
            "Where a cost-only criterion is stated, the award then rests on cost alone.",
            "CMP001",
            False,
        ),
        ("Tenders for care are very seldom judged on price alone.", "CMP001", False),
        (
            "Bidders must not therefore be chosen on price only; quality is scored too.",
            "CMP001",
            False,
        ),
        ("The Council will award the contract on the lowest price.", "CMP001", True),
        ("Reverse auctions are rarely used to buy care.", "CMP002", False),
        ("Each package will be placed through a reverse auction.", "CMP002", True),
        # a council's budget pressures and savings surveys, against a cut demanded of a service
        (
            "The savings are needed because central grant has fallen while demand keeps rising.",
            "MFL002",
            False,
        ),
        (
            "The contract value will fall by 5% each year while the provider sees more people.",
            "MFL002",
            True,
        ),
        # an uplift applied with exceptions, and a term extension option, against a freeze
        (
            "A 4% increase applies to all fees, except for packages above £1,200 a week, "
            "where the uplift will not be applied automatically.",
            "MFL001",
            False,
        ),
        (
            "The maximum contract value is £90,000 over two years, with the option of two "
            "annual extensions.",
            "MFL001",
            False,
        ),
        (
            "The price is frozen for three years even though the provider must take on "
            "extra referrals.",
            "MFL001",
            True,
        ),
        # word senses: getting the job done, a separate contract as a vehicle
        ("Staff are given more freedom to get the job done.", "OUT003", False),
        (
            "The Director may open separate contract negotiations with the software supplier.",
            "OUT003",
            False,
        ),
        (
            "Assessment and aftercare are let as separate contracts to different providers.",
            "OUT003",
            True,
        ),
        # a weekly package price, against a price per contact
        ("Packages costing more than £1,400 per week get no automatic uplift.", "OUT005", False),
        ("The Provider is paid £30 per contact delivered.", "OUT005", True),
    ],
)
def test_described_or_adopted(text: str, code: str, flagged: bool) -> None:
    assert (code in _codes(text)) == flagged
