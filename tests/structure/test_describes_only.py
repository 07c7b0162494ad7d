"""A page that commissions nothing is read as an account (:mod:`speclint.structure.kinds`).

A trade paper's comment on a national payment scheme, a think tank's analysis or a
summary of an inspection report names payment, targets and budgets without letting,
buying, specifying or deciding anything itself. The marks of a text that commissions
(:func:`speclint.structure.voice.commissions`) are positive and any one keeps a page
read as requirements: a party named as a contract names it, someone asked to do
something, a numbered clause, a field of particulars or of a notice, a title naming a
specification, agreement, tender or decision.
"""

from __future__ import annotations

import pytest

from speclint.parsers import parse_bytes
from speclint.structure import build_outline
from speclint.structure.voice import commissions


def _kind(text: str) -> str:
    return build_outline(parse_bytes(text.encode(), "page.txt", "txt")).kind


ANALYSIS = """\
Paying hospitals for planned care after the pandemic

Regional systems were given stretching goals for planned operations this spring.

The money for those goals flows through a mix of a fixed sum and a variable top-up.

Trusts that do more than their plan earn extra income at the national price.

Finance directors describe the arrangement as complicated.

Some areas settled quickly while others took months over the detail.
"""


def test_an_analysis_that_commissions_nothing_is_an_account() -> None:
    assert _kind(ANALYSIS) == "report"


@pytest.mark.parametrize(
    "added",
    [
        "The Provider will report activity against the plan each month.",
        "Pharmacies will be paid £12 for each consultation they complete.",
        "Commissioners should agree the baseline before the year starts.",
        "4.2 Activity above the plan is paid at the agreed local price.",
        "Contract term: three years from 1 April, with one optional extension.",
        "Summary of the contracting process",
        "We commission the service from a single lead organisation.",
        "A rebate of 2% of the annual fee is offered to each practice that joins early.",
    ],
)
def test_any_mark_of_commissioning_keeps_a_page_as_requirements(added: str) -> None:
    assert _kind(ANALYSIS + "\n" + added + "\n") == "requirements"


def test_a_title_naming_a_specification_or_an_agreement_commissions() -> None:
    assert _kind("Service specification: planned care\n\n" + ANALYSIS.split("\n", 1)[1]) == (
        "requirements"
    )
    assert commissions(["A line of text."], "Service Level Agreement for minor ailments")
    assert not commissions(["A line of text."], "Paying hospitals for planned care")


def test_a_few_lines_are_too_few_to_say_what_a_page_is() -> None:
    short = "A note on prices\n\nTrusts earn extra income at the national price.\n\nIt is hard.\n"
    assert _kind(short) == "requirements"


def test_a_lower_case_party_is_a_description_and_a_defined_one_a_contract() -> None:
    assert not commissions(["Councils pay providers for the hours they deliver."])
    assert commissions(["Payment to the Provider is made monthly in arrears."])
    assert commissions(["Referrals from Service Users are accepted by phone."])


# A pasted run of present-tense clauses with no party named: a piece of a specification.
PASTED = """\
Payment

Home support workers are paid per visit.

Visits last 20, 40 or 60 minutes.

Time spent travelling between homes is not paid.

A visit that ends early is paid only for the minutes logged on the phone app.
"""


def test_a_pasted_run_of_present_tense_clauses_stays_requirements() -> None:
    assert _kind(PASTED) == "requirements"


def test_a_defined_party_opening_a_sentence_and_a_unit_price_are_marks() -> None:
    assert commissions(["The Provider is paid monthly in arrears."])
    assert commissions(["Visits are booked in half-hour slots and paid per visit at £21."])
    assert commissions(["Each group session costs £35 per person."])
    assert not commissions(["Councils pay more per visit than they did."])
    assert commissions(["The rate is £14.50 for each session delivered."])


def test_what_another_paper_asks_is_told_not_asked() -> None:
    assert not commissions(
        ["The review recommends a national floor that providers of every kind should meet."]
    )
    assert not commissions(
        ["The green paper sets out two ideas, one being targets that councils should publish."]
    )
    assert commissions(["Providers should publish their waiting times each month."])
    assert commissions(
        ["The review found gaps. Commissioners should agree the baseline before April."]
    )


EXPLAINER = """\
Paying for NHS care: a primer for members

Most planned hospital care is paid at a national price for each episode of care.

Under payment by results, trusts earn more as they treat more patients.

The CQUIN scheme sets part of each trust's income against national quality goals.

Community health services are usually bought on block contracts instead.

Mental health services are funded in much the same way.

Local prices can be agreed where the national tariff does not fit a service.
"""

PASTED_NATIONAL = """\
Activity is paid at the national tariff.

Visits are booked in half-hour slots.

A visit that ends early is paid for the minutes logged.

Reports are sent each month to the ICB.

The Trust holds the records for eight years.

Referrals come from GPs and community nurses.
"""


def test_an_explainer_of_national_payment_schemes_is_an_account() -> None:
    # Present tense throughout, no byline: two sentences naming a national scheme are
    # the mark of an explainer, as two told in the past are of an account.
    assert _kind(EXPLAINER) == "report"
    # One naming the national tariff is not enough; a run of clauses stays requirements.
    assert _kind(PASTED_NATIONAL) == "requirements"
    # Any mark of commissioning keeps it requirements, whatever schemes it names.
    assert _kind(EXPLAINER + "\nThe Provider shall report each quarter.\n") == "requirements"
