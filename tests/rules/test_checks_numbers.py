"""The arithmetic checks: weightings (CMP003), contract terms (CMP004), unit price (MFL003).

Also the check modules' contract: each is ``speclint.rules.checks.<name>`` with an
``Options`` model filled from the pack's ``[rules.options]`` and validated on load.
"""

from __future__ import annotations

import re

import pytest
from helpers import RULE_DOCS_AND_TESTS

import speclint
from speclint.config import Settings
from speclint.errors import RulePackError
from speclint.models import Finding
from speclint.rules import check_function, get_rule, load_pack
from speclint.rules.checks import CHECKS, module
from speclint.rules.checks._numbers import months_between, without_echoes
from speclint.rules.checks.price_weight import criteria_weights, row_weight, weights
from speclint.rules.checks.short_term import contract_term_months


def _findings(text: str, code: str, fmt: str = "md") -> list[Finding]:
    report = speclint.check_text(text, fmt, config=Settings(select=(code,)))
    assert not report.errors
    return [f for f in report.findings if f.code == code]


# -- the check modules and their options ------------------------------------------------------


@pytest.mark.parametrize("name", CHECKS)
def test_every_check_module_has_options_and_a_check(name: str) -> None:
    found = module(name)
    assert callable(found.check)
    found.Options()  # every option has a default


def test_packs_name_checks_by_module_with_their_options() -> None:
    for code, name in (
        ("CMP003", "price_weight"),
        ("CMP004", "short_term"),
        ("MFL003", "unit_price"),
    ):
        rule = get_rule(code)
        assert rule is not None and rule.check == name
        assert rule.options, f"{code} declares its options in the pack"


_PACK = (
    """
family = "CMP"
title = "t"
principle = "p"

[[rules]]
code = "CMP104"
name = "short-contract-term-test"
check = "short_term"
message = "m"
suggestion = "s"
{options}"""
    + RULE_DOCS_AND_TESTS
)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("[rules.options]\nmax_months = 36\n", r"CMP104\.options\.max_months: Extra inputs"),
        ("[rules.options]\nmin_months = 0\n", r"CMP104\.options\.min_months"),
        ('[rules.options]\nmin_months = "36"\n', r"CMP104\.options\.min_months"),
    ],
)
def test_bad_options_fail_the_pack_naming_the_rule(options: str, message: str) -> None:
    with pytest.raises(RulePackError, match=message):
        load_pack(_PACK.format(options=options), "test.toml")


def test_an_unknown_check_fails_the_pack() -> None:
    text = _PACK.format(options="").replace('check = "short_term"', 'check = "short_terms"')
    with pytest.raises(RulePackError, match=r"CMP104\.check: no check 'short_terms'"):
        load_pack(text, "test.toml")


def test_options_change_what_a_check_flags() -> None:
    pack = load_pack(_PACK.format(options="[rules.options]\nmin_months = 12\n"), "test.toml")
    rule = pack.rules[0]
    from speclint.parsers import parse_bytes
    from speclint.rules.context import RuleContext
    from speclint.structure.build import build_outline

    def hits(text: str) -> int:
        outline = build_outline(parse_bytes(text.encode(), "x.md", "md"))
        return len(list(check_function(rule)(RuleContext.build(outline))))

    assert hits("This contract runs for 12 months.") == 0  # not under 12
    assert hits("This contract runs for 9 months.") == 1


def test_the_functions_packs_named_before_the_split_still_run() -> None:
    from speclint.rules import checks

    rule = get_rule("CMP004")
    assert rule is not None
    legacy = rule.model_copy(update={"check": "speclint.rules.checks:short_contract_term"})
    assert check_function(legacy) is checks.short_contract_term


# -- CMP003: weightings in every written form --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("Tenders are evaluated 60:40 price:quality.", 60),
        ("The evaluation split is quality 40%, price 60%.", 60),
        ("Price 60 / Quality 40 is the evaluation split.", 60),
        ("Bids are weighted Price - Weighting: 60", 60),
        ("Award criteria: price – Price – 65; quality – Technical merit – 35", 65),
        ("Award criteria: quality – Delivery – 30; quality – Social value – 20; price – 50", 50),
        ("The scoring gives cost 55 marks, quality 30 and social value 15.", 55),
        ("Commercial 70% | Technical 30%", 70),
        ("Seventy per cent of the marks will go to price.", 70),
        # the larger share of a ratio goes to the label it favours
        ("Scores are split 65:35 in favour of cost.", 65),
        # a label given "the remainder" takes what the stated weights leave
        ("Technical merit is worth 45% of the marks, with cost making up the balance.", 55),
        # a share of a stated total of marks
        ("Cost will earn up to 65 of the 100 available marks.", 65),
        # a share in words of the whole evaluation
        ("Guidance says cost should carry at least half of the total marks.", 50),
        # the weight before its label: "70 for price, 30 for quality"
        ("Each bid earns 70 for price and 30 for quality.", 70),
        # ... with a verb between: "60 are for price"
        ("Of the 100 marks available, 60 are for price and 40 for the quality answers.", 60),
        ("Of 100 marks, 25 go to price and 75 to quality.", 25),
        ("Bids earn 45 marks for cost and 55 marks for technical merit.", 45),
        # a threshold in brackets beside a weight is not a weight, nor does it hide one
        ("Marking: technical 65 marks (pass mark 39), social value 10 marks, cost 25 marks.", 25),
        ("Marking: technical 25 marks (at least 15), cost 75 marks.", 75),
        ("Marking: cost (35%), technical (65%).", 35),
        # labels joined by a hyphen or dash, before or after the split
        ("Lots are scored on a 65/35 cost-quality split.", 65),
        ("The price\u2013quality ratio is 40:60 for every lot.", 40),
        ("A quality-price weighting of 70/30 is used.", 30),
    ],
)
def test_weightings_are_read(text: str, price: float) -> None:
    found = weights(text)
    assert found is not None and round(found["price"]) == price


def test_an_incomplete_split_judges_price_alone() -> None:
    # only one quality criterion is given: 30 against 17.5 says nothing about quality's total
    assert weights("Award criteria: quality – Staffing – 17.5; price – 30") == {"price": 30}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Award criteria: price – Price – 60; quality – Quality – 40", True),
        ("Award criteria: quality – Quality – 75; price – 25", False),
        ("The evaluation split is 50% price and 50% quality.", True),
        ("The evaluation split is Quality 60% and Price 40%.", False),
        ("Tenders are scored on Price 42%, Quality 38% and Social Value 20%.", True),
        ("Any price more than 15% below the median tender will be investigated.", False),
        ("Marks are split 70:30 in favour of quality.", False),
        ("Cost is worth 35% of the score and quality the remainder.", False),
        # criteria with names of their own count on the non-price side
        ("Scoring | Total cost: 55 | Service model: 30 | Local benefit: 15", True),
        ("Evaluation | Annual fee 60 points | Mobilisation plan 40 points", True),
        ("Price per review 65% | Ease of access 35%", True),
        ("Evaluation | Running cost: 30 | Service model: 50 | Local benefit: 20", False),
        # a budget split is no evaluation: without one, only a named price is read
        ("Staff costs 70% | Overheads 30%", False),
    ],
)
def test_price_weight_findings(text: str, flagged: bool) -> None:
    assert bool(_findings(text, "CMP003")) == flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Scoring | Total cost: 55 | Service model: 30 | Local benefit: 15",
            ({"price": 55, "quality": 45}, False),
        ),
        ("Price per review 65% | Ease of access 35%", ({"price": 65, "quality": 35}, True)),
        # parts that do not add up to the whole, or a change rather than a weight
        ("Price per review 65% | Ease of access 20%", None),
        ("Price rises 3% | Quality 97%", None),
        # no price criterion at all
        ("Service model: 60 | Local benefit: 40", None),
    ],
)
def test_criteria_weights(text: str, expected: tuple[dict[str, float], bool] | None) -> None:
    assert criteria_weights(text) == expected


def test_table_row_reads_criterion_and_weight() -> None:
    assert row_weight("Criterion: Price | Weighting: 60%") == ("price", 60.0, "%")
    assert row_weight("Criterion: Quality | Weighting: 40%") == ("quality", 40.0, "%")
    assert row_weight("Element: Cost | Marks: 30") == ("price", 30.0, "marks")
    assert row_weight("Activity: Initial assessment | Payment: £13") is None


_TABLE = "## Evaluation\n\n| Criterion | Weighting |\n|---|---|\n{rows}\n"


@pytest.mark.parametrize(
    ("rows", "evidence"),
    [
        ("| Price | 60% |\n| Quality | 40% |", "price 60%, quality 40%"),
        ("| Quality | 40% |\n| Price | 45% |\n| Social value | 15% |", "price 45%, quality 40%"),
        ("| Quality | 45 |\n| Price | 55 |", "price 55%, quality 45%"),
    ],
)
def test_a_table_is_judged_across_its_rows(rows: str, evidence: str) -> None:
    found = _findings(_TABLE.format(rows=rows), "CMP003")
    assert len(found) == 1
    assert evidence in found[0].message
    assert "Price" in found[0].excerpt  # placed on the price row


@pytest.mark.parametrize(
    "rows",
    [
        "| Price | 40% |\n| Quality | 60% |",
        "| Quality | 50% |\n| Social value | 20% |\n| Price | 30% |",
    ],
)
def test_a_quality_led_table_is_clean(rows: str) -> None:
    assert _findings(_TABLE.format(rows=rows), "CMP003") == []


def test_sub_criteria_rows_add_up_and_thresholds_are_not_weights() -> None:
    table = (
        "| Criterion | Sub-criterion | Weighting |\n|---|---|---|\n"
        "| Quality | Service model | 30% |\n| Quality | Workforce | {q2}% |\n"
        "| Price | Annual price | {p}% |\n"
    )
    assert _findings(table.format(q2=25, p=45), "CMP003") == []
    found = _findings(table.format(q2=20, p=50), "CMP003")
    assert len(found) == 1 and "price 50%, quality 50%" in found[0].message
    gate = "| Criterion | Weighting |\n|---|---|\n| Quality | 60% |\n| Quality threshold | 40% |\n"
    assert _findings(gate + "| Price | 40% |\n", "CMP003") == []


# -- CMP004: terms from durations, date ranges and extensions ----------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (("1", "October", "2017"), ("31", "March", "2018"), 6),
        (("1", "April", "2025"), ("31", "March", "2026"), 12),
        (("1", "July", "2025"), ("30", "June", "2026"), 12),
        (("15", "January", "2025"), ("14", "January", "2026"), 12),
        (("1", "Sept", "2024"), ("31", "Aug", "2027"), 36),
    ],
)
def test_months_between_dates(
    start: tuple[str, str, str], end: tuple[str, str, str], months: int
) -> None:
    assert months_between(start, end) == months


def test_echoed_figures_are_dropped_keeping_offsets() -> None:
    text = "up to three (3) periods of six (6) months"
    cleaned = without_echoes(text)
    assert len(cleaned) == len(text)
    assert cleaned.split() == "up to three periods of six months".split()


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The contract runs 1 October 2017 – 31 March 2018.", 6),
        ("The service is commissioned from 1 April 2025 to 31 March 2026.", 12),
        ("Term of the agreement: 1 May 2026 to 30 April 2027; it cannot be extended.", 12),
        (
            "This contract runs for 12 months, with the option of extending by another 12 months.",
            24,
        ),
        (
            "The contract has an initial term of 12 months with two optional 12-month extensions.",
            36,
        ),
        ("The contract has an initial term of 2 years with two optional 12-month extensions.", 48),
        (
            "The agreement starts on 1 June 2026 for an initial 9 months, extendable by 6 months.",
            15,
        ),
        ("The framework will run for one year, extendable by up to two years in total.", 36),
        (
            "The Contract runs for twelve (12) months and may be extended for two (2) periods "
            "of six (6) months.",
            24,
        ),
        ("The Council will let this contract for 12 months at a time.", 12),
        (
            "Renewal: an initial period of 12 months, with the option of a 6-month extension.",
            18,
        ),
        ("Records relating to the contract must be stored for a period of two years.", None),
        (
            "Accounts of the service with no activity for a period of 12 months will be closed.",
            None,
        ),
        ("The contract will be reviewed every 12 months.", None),
        # worded counts joined to the unit by a hyphen
        ("Each lot is let as a three-year contract.", 36),
        # a range of months without days, both ends counted in full
        ("The grant covers October 2026 to March 2027.", 6),
        ("The agreement begins on 1 May 2026 and will expire on 30 April 2027.", 12),
        ("Term | 18 months | no extension", 18),
        ("Case notes from May 2019 to June 2020 are archived.", None),
        # day, month and year in figures
        ("Contract dates: 01/10/2026 to 30/09/2027", 12),
        ("Agreement | Initial term: 18 months | Extension options: none", 18),
        ("Either party may end the contract on six months' notice.", None),
        # "a" inside a word is not a count: the extension's length is unknown, not a year
        (
            "The contract runs for 12 months and may be extended to the close of the data year.",
            None,
        ),
        ("The contract runs for 12 months and may be extended by a year.", 24),
        # no month, year or dated year at all: nothing to read
        ("The contract may be extended by mutual agreement.", None),
        # an adjective between the duration and the contract
        ("We will let a nine-month interim contract during the redesign.", 9),
        # routine re-letting after a stated period is the term
        ("The service will be re-let after eighteen months.", 18),
        # one financial year only
        ("The contract covers 2027/28 only.", 12),
        ("The contract value for 2027/28 only is shown in Schedule 3.", None),
        # a range to "the end of" a month, stretched by half a year
        (
            "Contract period: May 2026 until the end of April 2027, which may be stretched"
            " by half a year.",
            18,
        ),
        # a framework that opens on one date and closes on another
        ("The framework opens on 1 September 2026 and closes on 31 August 2028.", 24),
        ("The lot runs for 18 months from 1 May 2026 and there are no plans to lengthen it.", 18),
        # a length that already includes its extensions, and a term renewed year by year
        ("The contract is let for 30 months in total, including any extension.", 30),
        (
            "The grant agreement is for one year, renewable each year at the Council's discretion.",
            12,
        ),
        # "N+N" said of the extensions alone: added to the initial term, or unread without one
        ("Options: 1+1 year extensions.", None),
        ("Renewal options | 2+2 years", None),
        ("A three year contract with 1+1 year extensions.", 60),
        ("The agreement runs for 12 months, extendable by 1+1 years.", 36),
        ("The contract is for six months with 1+1 year extension options.", 30),
        ("The contract is let on a 2+1+1 year basis.", 48),
        # a bracketed sum after the term and its extension is the whole term
        ("Contract term 1 year, with the option to extend by a further year (1+1).", 24),
        ("Term is four years with an option to extend a further four years (4+2+2).", 96),
        # the sum in months, of the whole term or of the extensions
        ("The framework runs for 12+12+12 months.", 36),
        ("The lot is let for 12+6 months.", 18),
        ("A two year contract with 6+6 month extensions.", 36),
        # a renewal offered under its own label, with no term stated
        ("Renewal: This contract may be awarded for a further year and then a further year.", None),
        # a stated term and dates that disagree: the longer is read
        (
            "This direct award is for an initial term of 24 months, from 01/04/2026 to "
            "31/03/2027, with the option to extend for an additional period of 12 months.",
            36,
        ),
        ("The contract runs from 1 April 2026 to 31 March 2027 for a term of 12 months.", 12),
        # annual call-offs under a framework are the framework's orders, not its term
        (
            "This is a four-year framework with a single supplier for each lot, whereby annual "
            "call-offs will be issued in line with the budget.",
            48,
        ),
        ("The Council will let annual contracts for the service.", 12),
        # the end date after a comma; a service level agreement named by its length
        ("The contract will start on 1 April 2026, expire on 31 December 2026.", 9),
        ("The contract commenced on 1 April 2026, running until 31 March 2027.", 12),
        ("The co-design will lead to a two year service level agreement.", 24),
        # the months a service was rolled out over, not a contract's life
        ("The service was rolled out across the county between August 2010 and July 2011.", None),
        # extensions counted with a word of chance between; one offered before the span
        # that is named the initial period
        ("The contract runs for one year with two potential 12-month extensions.", 36),
        (
            "The procurement offers contract renewal, extending up to another 12 months following "
            "the initial contract period between October 2026 and September 2028.",
            36,
        ),
        ("The initial contract period runs from April 2026 to March 2027.", 12),
        # near misses: another contract's length, a tender window, a deadline's or a
        # check's renewal, a contract for a roll-out
        (
            "The interim contract will run from 1 April 2026 to 30 September 2026 while the "
            "Council procures a new contract for 5 years.",
            6,
        ),
        (
            "Tenders for the contract may be submitted from 1 April 2026, closing on "
            "30 April 2026.",
            None,
        ),
        (
            "Deadlines may be extended by 2 months; the initial term is 1 April 2026 to "
            "31 March 2027.",
            12,
        ),
        (
            "Renewal of DBS checks every 3 years is required during the initial term from "
            "1 April 2026 to 31 March 2027.",
            12,
        ),
        (
            "The contract for the roll-out of the new service runs from 1 April 2026 to "
            "31 March 2027.",
            12,
        ),
    ],
)
def test_contract_term_months(text: str, months: int | None) -> None:
    assert contract_term_months(text) == months


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "The contract has an initial term of 12 months with two optional 12-month extensions.",
            False,
        ),
        (
            "This contract runs for 12 months and may be extended once, by up to 12 months.",
            True,
        ),
        ("The Council will let this contract for 12 months at a time.", True),
        (
            "The contract starts on 1 July 2026 and runs for twelve (12) months. It may be "
            "extended for two (2) additional periods of eighteen (18) months.",
            False,
        ),
        (
            "The contract starts on 1 July 2026 and runs for twelve months. It may be extended "
            "by a further six months.",
            True,
        ),
        ("Case files must be kept for a period of two years after the service closes.", False),
        # a saving brought in by stages over a period, not the contract's life
        (
            "A reduction of £300,000 to the overall contract value is approved, to be made over "
            "a phased period between April 2018 and November 2020.",
            False,
        ),
        # a bare "pilot" is no reason for a short term; a funded or evaluated one is
        ("The contract continues the pilot and will run for 12 months.", True),
        ("The pilot lasts for 12 months and has an independent evaluation.", False),
        ("The time-limited service will run for 18 months.", False),
        # a pilot whose purpose the page gives in another paragraph; not a pilot of the past,
        # and not a term whose own sentence names no pilot
        (
            "The Council will pilot a small block contract to test a new way of booking visits."
            "\n\nThe contract is for a pilot block contract operating for 1 year.",
            False,
        ),
        (
            "A pilot was run in 2022.\n\nThe contract is for a pilot block contract operating "
            "for 1 year.",
            True,
        ),
        (
            "The pilot will test a new way of booking visits.\n\nThe contract runs for 1 year.",
            True,
        ),
        (
            "The pilot tested a new way of booking visits.\n\nFollowing the pilot, the "
            "contract will run for 1 year.",
            True,
        ),
        # a year's price list or tariff, a policy's year and one-off grants are not terms
        (
            "Tariffs for services given from 1 April 2025 to 31 March 2026 are in the price "
            "schedule for that year.",
            False,
        ),
        ("The rates in Schedule 3 hold for the term: 5 January 2026 until 4 January 2027.", True),
        ("Contract Quality Procedure, April 2025 - March 2026", False),
        ("The services contract runs from April 2025 to March 2026.", True),
        ("A few one-off, one-year grants will be made from the community fund.", False),
        ("One-year grants will be made from the community fund to each lunch club.", True),
    ],
)
def test_short_term_findings(text: str, flagged: bool) -> None:
    assert bool(_findings(text, "CMP004")) == flagged


# -- MFL003: money against activity ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "The contract value falls by 4% each year while the Provider is to raise the "
            "number of people treated by 10% each year.",
            "contract value −4.0%/yr vs number of people +10.0%/yr: price per unit −12.7%/yr",
        ),
        (
            "Planned visits go up from 4,000 to 4,600 a month, and the block payment will fall "
            "by 3%.",
            "block payment −3.0% vs visits +15.0%: price per unit −15.7%",
        ),
        (
            "Each pharmacy is to offer 12% more consultations a year within the existing budget.",
            "budget frozen vs consultations +12.0%",
        ),
        (
            "The hourly rate is frozen at £19.10 while the number of care hours doubles.",
            "hourly rate frozen vs care hours +100.0%: price per unit −50.0%",
        ),
        (
            "The budget will be cut by £40,000 next year, and the number of families supported "
            "will rise by 5%.",
            "budget falls vs families +5.0%: price per unit falls",
        ),
        (
            "The block payment falls by 5% and the Provider will raise the number of home "
            "visits by 10%.",
            "block payment −5.0% vs number of home visits +10.0%: price per unit −13.6%",
        ),
    ],
)
def test_unit_price_evidence_has_the_right_figures(text: str, evidence: str) -> None:
    found = _findings(text, "MFL003")
    assert len(found) == 1
    assert evidence in found[0].message


def test_unit_price_across_clauses_names_the_volume_clause() -> None:
    text = (
        "2.3 Referrals are forecast to rise by 12% a year.\n\n8.2 The grant will fall by 4% a year."
    )
    found = _findings(text, "MFL003")
    assert len(found) == 1
    assert "(clause 2.3)" in found[0].message
    assert found[0].location.clause == "8.2"


def test_changes_over_several_years_are_compared_as_yearly_rates() -> None:
    text = (
        "2.3 Referrals are forecast to rise by 15% over the four-year term.\n\n"
        "8.2 The grant is cut by 2% a year."
    )
    found = _findings(text, "MFL003")
    assert len(found) == 1
    assert "referrals +15.0% over 4 years (+3.6%/yr)" in found[0].message
    assert "price per unit −5.4%/yr" in found[0].message
    # 12% over four years is under 3% a year: a 3% yearly rise keeps pace
    text = (
        "2.1 Referrals are forecast to rise by 12% over four years.\n\n"
        "8.2 The contract value will rise by 3% a year."
    )
    assert _findings(text, "MFL003") == []


@pytest.mark.parametrize(
    "text",
    [
        # staff are an input, not the price and not the volume bought
        "Over the year the team handled 14% more contacts and recruited 19% more staff.",
        "The team saw 20% more referrals; staff numbers fell by 5%.",
        # price and volume rise together
        "The contract value rises from £500,000 to £530,000 as places rise from 100 to 106.",
        # a response rate is not a price
        "Response rates will remain above 90% and referrals will rise by 10%.",
        # both fall
        "The grant is cut by 10% and the Saturday clinic closes, with planned activity lowered "
        "to match.",
        # funded within the price, not frozen
        "Supervision is funded at £6,000 a year within the Contract Price, and referrals will "
        "rise by 5%.",
        # savings with the volume held: no volume rise to compare (MFL004's business)
        "The re-let should deliver savings of 6%, keeping every place open.",
        # a list of fee uplifts: "rate by 17% to £918.49" is a rate's rise, not the persons'
        # of the service's name before it
        "Provision type: Home care framework. Uplift the urban hourly rate by 3.85% to £23.34 "
        "and the rural hourly rate by 3% to £29.72, resulting in an average uplift percentage "
        "of 3.49%. Older Persons Residential Care Increase the expected to pay rates by 5% to "
        "£747.60 per week. Older Persons Nursing Care Increase the expected to pay rate by 17% "
        "to £918.49 per week.",
    ],
)
def test_unit_price_stays_silent(text: str) -> None:
    assert _findings(text, "MFL003") == []


# -- framed: wording that is a finding only under a heading, lead-in or column --------------

_FRAMED = "OUT006"


@pytest.mark.parametrize(
    "text",
    [
        # the nearest heading names outcomes
        "## 3. Outcomes\n\n3.1 A fall in repeat GP appointments about the same problem.",
        # the lead-in names the benefits the list is meant to bring
        "The intended benefits of the new model are:\n\n- fewer hospital outpatient visits\n"
        "- quicker answers for patients",
        # a table column names the benefits
        "| Expected benefits | Lead |\n|---|---|\n| Fewer repeat clinic visits | Trust |",
    ],
)
def test_framed_count_is_flagged_under_a_results_frame(text: str) -> None:
    assert [f.code for f in _findings(text, _FRAMED)] == [_FRAMED]


@pytest.mark.parametrize(
    "text",
    [
        # the same words under a heading that does not present results
        "## 3. How people are referred\n\n3.1 A fall in repeat GP appointments about the same "
        "problem.",
        # under a results heading, but a count of people better off
        "## 3. Outcomes\n\n3.1 A rise in the number of people who stop smoking.",
        # under a results heading, but reported for planning
        "## 3. Key metrics\n\n3.1 The number of clinic sessions run, reported for planning only.",
        # the row names its own metric: OUT001 reads it, OUT006 does not report it twice
        "| Metric | Source |\n|---|---|\n| Visits completed per nurse per day | e-rostering |",
        # the frame is in the lead-in and nothing in the item counts activity
        "The intended benefits of the new model are:\n\n- people understand their condition",
    ],
)
def test_framed_count_stays_silent_without_frame_or_count(text: str) -> None:
    assert _findings(text, _FRAMED) == []


def test_framed_options_are_queries_checked_on_load() -> None:
    text = _PACK.replace('check = "short_term"', 'check = "framed"').format(
        options='[rules.options]\nframe = "@NOT_A_CONCEPT"\n'
    )
    with pytest.raises(RulePackError, match=r"CMP104\.options\.frame: .*unknown concept"):
        load_pack(text, "test.toml")


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("Commercial | 62% | Technical | 38%", 62.0),
        ("Cost takes the larger share of the marks at evaluation.", 51.0),
        ("The price evaluation is worth three-fifths of the overall score.", 60.0),
        ("Financial: 65 marks available out of 100.", 65.0),
    ],
)
def test_weights_said_as_cells_shares_and_fractions(text: str, price: float) -> None:
    found = weights(text)
    assert found is not None and found["price"] == pytest.approx(price)


def test_a_share_of_quality_alone_is_read_without_error() -> None:
    assert weights("Technical: 70 marks available out of 100.") == {"quality": 70.0}
    report = speclint.check_text("Quality: 70 marks available out of 100 in the evaluation.", "txt")
    assert not report.errors
    assert not [f for f in report.findings if f.code == "CMP003"]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The advocacy service is commissioned on an annual basis.", 12),
        ("Funding has been agreed for 18 months.", 18),
        ("A nine-month transitional arrangement will apply.", 9),
        ("The agreement expires 24 months after the start date.", 24),
        ("Grants will run from April 2026 to September 2026.", 6),
        ("Care plans are reviewed on an annual basis.", None),
        ("Staff contracts are for 12 months in the first instance.", None),
    ],
)
def test_more_ways_of_stating_a_short_term(text: str, months: int | None) -> None:
    assert contract_term_months(text) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # an earlier contract's length is history, not the term being let
        ("The former agreement, which was let for 12 months, closes in June.", None),
        ("Under the existing arrangement the service was bought on a 12 month basis.", None),
        ("Unlike the existing arrangement, the new contract runs for 12 months.", 12),
        ("The contract runs for 12 months, replacing the previous contract.", 12),
        # a notice period, however qualified, is not a term
        ("The contract runs on a rolling basis, ended on 3 months' prior written notice.", None),
        # a temporary change to the contract is not its life
        ("The contract was varied for a period of six months to add winter beds.", None),
        # an extension's own span, named just before it, is not the contract's term
        ("A contract extension from 1 April 2027 to 30 June 2027 lets the new one start.", None),
        ("The agreement lasts from 1 May 2026 until 30 April 2027, with no extension.", 12),
        # further terms of unstated length: the maximum cannot be read
        ("The initial term is one year, with an option of three further terms.", None),
    ],
)
def test_terms_that_are_not_this_contracts_life(text: str, months: int | None) -> None:
    assert contract_term_months(text) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # dates written month first or year first are read as any other date
        ("The service will commence on April 1, 2026, running until March 31, 2027.", 12),
        ("Contract period: 2024-08-01 to 2026-03-31", 20),
        # the contract's own option to extend it, not an extension of one already running
        ("The initial contract duration is one year, from 1 March 2026 to 28 February 2027, "
         "with an option to extend the contract by 12 months.", 24),
        ("The Council will extend the existing contract for 12 months.", None),
        # a span, not an extension; a value including the extension, not a length
        ("The contract period extends over one year, with an option for another year, valued "
         "at £3,990,734 including the extension.", 24),
        ("The contract period is 24 months in total, including any extension.", 24),
        # "over a 30-month period" is a term where a contract or service is named
        ("Providers will deliver the service over a 30-month period valued at £3.7 million.", 30),
        ("The contract will deliver savings over a two-year period.", None),
        # a procurement named as what runs for the period
        ("The procurement of the project is approved at £27,000 a year for a period of two years.",
         24),
    ],
)  # fmt: skip
def test_terms_written_other_ways(text: str, months: int | None) -> None:
    assert contract_term_months(text) == months


@pytest.mark.parametrize(
    "sentence",
    [
        "Price carries sixty per cent of the marks and quality forty per cent.",
        "Quality: seventy PERCENT; price: thirty%.",
        "Price is worth twenty marks, quality eighty points.",
        "Price is worth twenty mar\u212as",  # Kelvin sign: 'k' when matched ignoring case
        "Quality carries eighty po\u0131nts",  # dotless i
        "The service will run for twelve months with sixty visits.",
        "Price per cent\nsixty per\ncent",
    ],
)
def test_worded_weights_screen_agrees_with_the_pattern(sentence: str) -> None:
    """``_digits`` passes over a sentence only where its pattern could not match."""
    from speclint.query.analysis import word_value
    from speclint.rules.checks.price_weight import _WORDED, _digits

    whole = re.compile(_WORDED.pattern, re.IGNORECASE)
    expected = whole.sub(lambda m: f"{word_value(m.group(1)) or 0:g}", sentence)
    assert _digits(sentence) == expected


def test_a_pilot_the_page_says_may_be_extended_has_no_short_maximum() -> None:
    notice = (
        "The contract will be for a period of 8 months, 1 March 2026 to 31 October 2026.\n\n"
        "The value of Lot 1 is £125,892 for the period 1 March 2026 to 31 October 2026.\n\n"
    )
    assert _findings(notice, "CMP004", "txt")
    extended = notice + "The pilot may be extended to the end of the financial year.\n"
    assert _findings(extended, "CMP004", "txt") == []
    widened = notice + "The service may be extended to include weekend clinics.\n"
    assert _findings(widened, "CMP004", "txt")
