"""speclint's judgement on whole documents: labelled fixtures and document-wide behaviour.

Each ``fixtures/quality/*.md`` specification has a sidecar ``*.labels.json`` mapping
every clause number to the families it should be flagged with (``[]`` = clean). The
clean clauses share vocabulary with the anti-patterns on purpose. Document-level
findings (no clause) are checked separately.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import speclint
from speclint.config import Settings
from speclint.models import Finding
from speclint.rules import get_rule
from speclint.rules.checks import contract_term_months

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "quality"
SPECS = sorted(FIXTURES.glob("*.md"))


def _document_level(finding: Finding) -> bool:
    rule = get_rule(finding.code)
    return bool(rule and rule.absent_from_document)


def _findings(text: str, *codes: str) -> list[Finding]:
    config = Settings(select=codes) if codes else None
    report = speclint.check_text(text, "md", config=config)
    assert not report.errors
    return [f for file in report.files for f in file.findings]


def _families(text: str, *codes: str) -> set[str]:
    return {f.family for f in _findings(text, *codes) if not _document_level(f)}


def _by_clause(findings: list[Finding], keys: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for finding in findings:
        if _document_level(finding):
            continue
        clause = finding.location.clause or "(unnumbered)"
        key = next((k for k in keys if clause == k or clause.endswith(" " + k)), clause)
        out.setdefault(key, set()).add(finding.family)
    return out


def test_there_are_labelled_fixtures() -> None:
    assert len(SPECS) >= 2
    for spec in SPECS:
        assert spec.with_suffix(".labels.json").exists(), spec.name


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_every_clause_gets_exactly_its_families(spec: Path) -> None:
    labels: dict[str, list[str]] = json.loads(spec.with_suffix(".labels.json").read_text("utf-8"))
    report = speclint.check_file(spec)
    got = _by_clause(list(report.findings), list(labels))
    unexpected = sorted(set(got) - set(labels))
    assert not unexpected, f"findings on unlabelled clauses {unexpected}"
    for clause, families in labels.items():
        assert got.get(clause, set()) == set(families), f"clause {clause}"


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_voice_finding_is_once_per_document_at_most(spec: Path) -> None:
    report = speclint.check_file(spec)
    voice = [f for f in report.findings if _document_level(f)]
    assert len(voice) <= 1
    co_produced = "co-produced" in spec.read_text("utf-8")
    assert (len(voice) == 0) == co_produced


# -- negation, definitions, quotations, history --


@pytest.mark.parametrize(
    "text",
    [
        "5.3 Payment will not be linked to activity volumes.",
        "3.2 We will not use payment by results in this Contract.",
        "'Payment by Results' means a payment mechanism in which money follows activity.",
        "Box 3 cautions against payment by results and against 'more for less'.",
        "Under the previous contract 5% of the monthly payment was withheld against KPIs; "
        "that mechanism has not been carried forward.",
        "No financial consequence shall attach to the KPIs in Schedule 4.",
        "Instead of a tally of contacts, the team is judged on what people say has changed.",
    ],
)
def test_negated_defined_quoted_and_historical_text_is_silent(text: str) -> None:
    assert _families(text) == set()


def test_glossary_section_is_silent() -> None:
    text = (
        "## Glossary\n\n"
        "Payment by results: a tariff of £150 per completed check withheld against targets.\n\n"
        "Reverse e-auction: an auction in which providers lower their prices to win placements.\n"
    )
    assert _families(text) == set()


# -- RFL: resolved across the document --

_REQUIRED = (
    "## 4. Workforce\n\n4.2 Every practitioner shall receive monthly reflective supervision.\n\n"
)


def test_reflective_time_funded_in_a_schedule_is_silent() -> None:
    text = _REQUIRED + (
        "## Schedule 3 – Pricing\n\n"
        "1. Supervision time is costed at 0.1 WTE per practitioner and included in the "
        "Contract Price.\n"
    )
    assert "RFL" not in _families(text)


def test_reflective_time_never_funded_is_a_finding_at_its_clause() -> None:
    text = _REQUIRED + "## Schedule 3 – Pricing\n\n1. The Contract Price is £400,000 a year.\n"
    rfl = [f for f in _findings(text) if f.family == "RFL"]
    assert len(rfl) == 1
    assert rfl[0].location.clause is not None and rfl[0].location.clause.endswith("4.2")


def test_reflective_time_explicitly_unfunded_is_an_error() -> None:
    text = "4.2 Supervision is delivered within existing resources."
    assert [f.code for f in _findings(text)] == ["RFL001"]


# -- VOI: one document-level finding when nobody has a voice --

#: A specification of some substance (over thirty sentences, over ten of them requirements)
#: in which nobody but the commissioner has a voice: long enough for VOI005 to judge.
_NO_VOICE = """# Specification

1.1 The service supports adults with long-term conditions.

1.2 The Provider shall accept referrals from GPs and hospital discharge teams.

1.3 Each referral shall be assessed within ten working days.

2.1 The service shall operate from 09:00 to 17:00 on weekdays.

2.2 Out of hours, people are directed to NHS 111.

2.3 The service is delivered from the Wellbeing Hub and in people's own homes.

2.4 The Provider shall agree a written support plan with each person within four weeks.

2.5 Support plans are reviewed every three months.

2.6 The Provider shall give each person a named worker.

2.7 Workers visit at least once a fortnight while a plan is open.

2.8 The Provider shall close a case when the plan's goals are met or the person moves away.

2.9 A closing letter is sent to the person and their GP.

3.1 The Provider must employ enough staff to cover the opening hours.

3.2 All staff must hold an enhanced DBS check before they start.

3.3 New staff shall finish the Care Certificate in their first three months.

3.4 The team includes two nurses and four support workers.

4.1 The Provider shall keep a record of every contact.

4.2 Records are kept for eight years after the case closes.

4.3 The Provider shall report any safeguarding concern to the Council on the day it is raised.

4.4 Complaints are handled under the Provider's complaints procedure.

5.1 The Provider shall submit monthly activity returns.

5.2 The return lists referrals, assessments, open plans and closed cases.

5.3 The Council will hold a contract meeting with the Provider each quarter.

6.1 The Contract Price is £500,000 per annum, paid monthly in arrears.

6.2 Invoices are paid within 30 days.

6.3 The Contract runs for three years from 1 April.

6.4 The Council may extend it by up to two years.

6.5 Either party may end it on six months' notice.

7.1 The Provider shall hold public liability insurance of £5 million.

7.2 The Provider shall comply with data protection law.

7.3 These terms are governed by the law of England.
"""


def test_document_with_no_voice_gets_exactly_one_document_level_finding() -> None:
    findings = [f for f in _findings(_NO_VOICE) if f.family == "VOI"]
    assert [f.code for f in findings] == ["VOI005"]
    where = findings[0].location
    # About the document, so no clause; placed at its title, the first heading.
    assert where.clause is None
    assert (where.line, where.section) == (1, ("Specification",))


@pytest.mark.parametrize(
    "sentence",
    [
        "1.4 This Specification was co-produced with people who use the service.",
        "1.4 A lived experience panel shaped the model and will review it each year.",
        "1.4 People who use the service were involved in writing every section.",
        "1.4 Front-line practitioners and carers helped design the pathway at three workshops.",
        "1.4 The Provider will run a service user forum that meets monthly.",
        # an advisory or steering group, stakeholders, a survey, children and young people
        "1.4 The pathway standard was drawn up with an external expert advisory group.",
        "1.4 A steering group of carers and nurses will look at the pathway every year.",
        "1.4 Stakeholder engagement events shaped the outcomes in section 4.",
        "1.4 Contents: 1 Introduction; 2 Model; 3 Annual service user survey; 4 Monitoring.",
        "1.4 Describe how C&YP took part in identifying the need.",
        # the provider asked to shape the design, or measures settled with it
        "1.4 Bidders are encouraged to show innovation in their service design.",
        "1.4 The Provider is invited to propose changes to the delivery model at mobilisation.",
        "1.4 The measures will be agreed jointly with the provider in the first quarter.",
    ],
)
def test_any_voice_anywhere_silences_the_document_level_finding(sentence: str) -> None:
    text = _NO_VOICE.replace("2.1 ", sentence + "\n\n2.1 ")
    assert "VOI005" not in [f.code for f in _findings(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "1.4 Bidders are invited to submit price and quality responses by 5 March.",
        "1.4 The Provider shall design a rota that covers every weekday.",
        "1.4 Staff shall attend the induction programme before their first visit.",
    ],
)
def test_a_provider_told_what_to_do_is_no_voice(sentence: str) -> None:
    text = _NO_VOICE.replace("2.1 ", sentence + "\n\n2.1 ")
    assert "VOI005" in [f.code for f in _findings(text)]


@pytest.mark.parametrize(
    "heading",
    ["# How does the framework contract work?", "# Contracts, sanctions and procurement decisions"],
)
def test_a_question_or_a_plural_heading_does_not_name_the_document(heading: str) -> None:
    assert _findings(_NO_VOICE.replace("# Specification", heading), "VOI005") == []


def test_short_extracts_are_not_judged_for_missing_voices() -> None:
    assert _findings("The Provider shall accept referrals from GPs.", "VOI005") == []


def test_the_opening_of_a_specification_is_not_judged() -> None:
    """A page's first 2,000 characters or so: too little to say who shaped the service."""
    opening = _NO_VOICE.split("\n\n3.1 ", 1)[0] + "\n"
    assert len(opening) < 2_000
    assert _findings(opening, "VOI005") == []


def test_a_long_text_with_few_requirements_is_not_judged() -> None:
    """Thirty sentences describing a service, with hardly a requirement placed on anyone."""
    described = re.sub(r"\b(shall|must)\b", "can", _NO_VOICE).replace(" will ", " may ")
    assert _findings(described, "VOI005") == []


def test_duties_placed_on_commissioners_are_guidance_not_a_specification() -> None:
    """A long text telling commissioners what they must do: no requirement on a provider."""
    guidance = re.sub(
        r"The Provider (shall|must)|(\d\.\d )Each referral shall|(\d\.\d )The service shall",
        lambda m: (m.group(2) or m.group(3) or "") + "Commissioners must ensure that the provider",
        _NO_VOICE.replace("All staff must", "Local authorities must ensure all staff").replace(
            "Staff shall", "Integrated care boards should ensure staff"
        ),
    )
    assert guidance.count("Commissioners must") >= 10
    assert _findings(guidance, "VOI005") == []


def test_the_document_level_message_says_how_much_was_read() -> None:
    (finding,) = _findings(_NO_VOICE, "VOI005")
    assert "(31 sentences, 15 of them requirements)" in finding.message


@pytest.mark.parametrize(
    "ending",
    [
        "3.2 Invoices shall be sent to the finance team at the",
        "3.2 Staff shall hold a certificate from the National Centre for Smoking Cessation (",
        "3.2 The Provider shall keep records of every visit and of",
    ],
)
def test_an_extract_that_breaks_off_mid_sentence_is_not_judged(ending: str) -> None:
    assert _findings(_NO_VOICE + "\n" + ending + "\n", "VOI005") == []


@pytest.mark.parametrize(
    "ending",
    [
        "Signed for and on behalf of the Council by its authorised officer",
        "3.2 Records are kept for eight years",
        "Appendix A | Referral form | Page 12",
    ],
)
def test_a_finished_document_without_a_last_full_stop_is_still_judged(ending: str) -> None:
    assert [f.code for f in _findings(_NO_VOICE + "\n" + ending + "\n", "VOI005")] == ["VOI005"]


_GOODS_TERMS = " ".join(
    f"{n}. {clause}"
    for n, clause in enumerate(
        [
            "These terms apply to every order the Council places for goods.",
            "The Supplier shall deliver the goods to the address on the order.",
            "The Supplier shall deliver within ten working days of the order.",
            "The Supplier shall replace faulty items within 14 days.",
            "The Supplier must pack the goods so that they arrive undamaged.",
            "The Supplier shall give a delivery note with each consignment.",
            "The Supplier shall tell the Council at once of any delay.",
            "The Supplier must hold product liability insurance.",
            "The Supplier shall keep records of each order for six years.",
            "The Supplier shall comply with the Council's environmental policy.",
            "The Supplier shall not subcontract without the Council's consent.",
            "Title passes on delivery.",
            "Risk passes on delivery.",
            "The Council may reject goods that arrive damaged.",
            "Rejected goods are collected at the Supplier's cost.",
            "Prices are fixed for the life of the order.",
            "Prices include delivery.",
            "Invoices quote the order number.",
            "Invoices are paid within 30 days.",
            "Late payment carries interest at the statutory rate.",
            "The Council may cancel an order before dispatch.",
            "Goods carry a twelve-month warranty.",
            "Spare parts are available for five years.",
            "Either party may end these terms on one month's notice.",
            "Notices are given in writing.",
            "Neither party is liable for events beyond its control.",
            "No variation is valid unless agreed in writing.",
            "These terms are the whole agreement.",
            "Disputes go first to the two contract managers.",
            "These terms are governed by the law of England.",
        ],
        1,
    )
)

_BUDGET_REPORT = " ".join(
    [
        "The Adult Social Care budget for next year is under pressure.",
        "Demand from older people has grown by 6% a year.",
        "Referrals for home care rose by 9% last year.",
        "Residential placements rose by 4%.",
        "The number of people with dementia is forecast to grow.",
        "The directorate stayed within budget last year.",
        "It did so by drawing on one-off reserves.",
        "Those reserves are now spent.",
        "The National Living Wage rises again in April.",
        "Providers have asked for higher fees.",
        "The fee review will report in February.",
        "Inflation on fuel and food adds further cost.",
        "Income from charges has been steady.",
        "The Better Care Fund is expected to stay at this year's level.",
        "The public health grant has risen by 2%.",
        "Savings of £3 million were made last year.",
        "Most came from reviewing care packages.",
        "Some came from new technology in people's homes.",
        "The savings plan for next year is still being prepared.",
        "A savings plan will be brought to the next meeting.",
        "Members are asked to note the pressures.",
        "Members are asked to note the risks in the appendix.",
        "The report was drafted by the finance team.",
        "The director of adult services has reviewed it.",
        "Figures are at the end of December.",
        "They will be updated at the year end.",
        "The next report is due in June.",
        "There are no legal implications for this report.",
        "There are no equality implications for this report.",
        "Background papers are held by the finance team.",
    ]
)


@pytest.mark.parametrize(
    "document",
    [
        # terms for buying goods: requirements, but no people the service is for
        _GOODS_TERMS,
        # a budget report: people named, but nothing required of a provider
        _BUDGET_REPORT,
    ],
)
def test_documents_that_specify_no_service_to_people_are_not_judged(document: str) -> None:
    assert _findings(document, "VOI005") == []


@pytest.mark.parametrize(
    ("title", "judged"),
    [
        ("Templates for use with the community services contract", False),
        ("Contract monitoring policy and procedure", False),
        ("Guidance: commissioning community services under the standard contract", False),
        ("Report to Cabinet - community services contract", False),
        ("Community services terms and conditions of purchase", False),
        ("Services directory: community long-term conditions support", False),
        ("Escalation process for late community service returns", False),
        ("Community Services Specification", True),
        ("Invitation to tender: community long-term conditions service", True),
        ("Schedule 2 - The Services", True),
    ],
)
def test_a_document_titled_as_another_kind_is_not_judged(title: str, judged: bool) -> None:
    body = _NO_VOICE.split("\n", 1)[1]
    text = f"# {title}\n\n{body}"
    assert bool(_findings(text, "VOI005")) is judged


def test_voice_in_a_history_sentence_still_counts() -> None:
    text = _NO_VOICE.replace(
        "2.1 ",
        "1.4 The previous specification was written without people who use the service; "
        "this one was shaped with them over six workshops.\n\n2.1 ",
    )
    assert "VOI005" not in [f.code for f in _findings(text)]


def test_without_a_heading_the_document_level_finding_is_placed_where_the_text_begins() -> None:
    body = _NO_VOICE.split("\n", 1)[1].lstrip("\n")
    text = "\n\n" + body.replace("1.1 ", "1.1 Under this Specification, ", 1)
    (finding,) = _findings(text, "VOI005")
    assert (finding.location.line, finding.location.section) == (3, None)


def test_quoting_box_3_is_not_a_voice() -> None:
    text = _NO_VOICE.replace(
        "2.1 ", "1.4 Box 3 asks for dialogue with service users and practitioners.\n\n2.1 "
    )
    assert [f.code for f in _findings(text, "VOI005")] == ["VOI005"]


# -- CMP: weighting and term arithmetic --


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Tenders will be evaluated on Price 70% / Quality 30%.", True),
        ("Evaluation will use a 60:40 price:quality split.", True),
        ("Quality carries 45 marks and price carries 55 marks.", True),
        ("Bids are weighted fifty per cent price and fifty per cent quality.", True),
        ("Tenders are scored on Price 45%, Quality 40% and Social Value 15%.", True),
        ("Tenders will be evaluated on Quality 60/Price 40.", False),
        ("Bids will be scored 60/40 quality/price.", False),
        ("Evaluation: Quality 60%, Social Value 20%, Price 20%.", False),
        ("Any bid more than 20% below the average price will be investigated.", False),
    ],
)
def test_price_weighting(text: str, flagged: bool) -> None:
    assert (_findings(text, "CMP003") != []) == flagged


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The Contract lasts 12 months and there is no option to extend.", 12),
        ("The first term is one year, which may be extended by one more year.", 24),
        ("Lots will be let for 18 months.", 18),
        ("The Contract lasts five years, with options to extend.", None),
        ("The Contract is let for five years, with two further periods of two years.", 108),
        ("The initial contract term is two years, extendable by a further two years.", 48),
        ("The Provider shall give six months' notice of termination.", None),
        ("The service is paid through a block contract of £820,000 a year.", None),
        ("Referrals are forecast to rise by 15% a year over the term of the Contract.", None),
        ("The Contract runs from 1 April 2026 to 31 March 2027 and will not be extended.", 12),
        ("The Council may extend the Contract for up to two further years.", None),
    ],
)
def test_term_arithmetic(text: str, months: int | None) -> None:
    got = contract_term_months(text)
    if months is None:
        assert got is None or got >= 36
    else:
        assert got == months


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The Contract lasts 12 months and there is no option to extend.", True),
        ("The first term is one year, which may be extended by one more year.", True),
        ("The Contract lasts five years, with options to extend.", False),
        ("Six months' notice is needed before the Provider withdraws.", False),
        ("This pilot will run for 12 months, funded by a non-recurrent grant.", False),
        ("The time-limited service will run for 18 months.", False),
    ],
)
def test_short_terms(text: str, flagged: bool) -> None:
    assert (_findings(text, "CMP004") != []) == flagged


# -- numbers written as words --


def test_percentages_in_words_put_payment_at_risk() -> None:
    text = "6.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
    assert "PBR" in _families(text)


def test_percentages_in_words_drive_the_price_volume_arithmetic() -> None:
    text = (
        "2.1 Referrals are forecast to rise by fifteen per cent a year.\n\n"
        "8.2 The contract value will fall by ten per cent a year.\n"
    )
    mfl = [f for f in _findings(text, "MFL003")]
    assert len(mfl) == 1 and mfl[0].location.clause == "8.2"
    assert "−10.0%" in mfl[0].message and "+15.0%" in mfl[0].message


def test_price_rising_with_volume_is_not_more_for_less() -> None:
    text = (
        "2.1 Referrals are forecast to rise by five per cent a year.\n\n"
        "8.2 The contract value will rise by five per cent a year.\n"
    )
    assert _findings(text, "MFL003") == []


def test_weightings_in_words() -> None:
    text = "Price will be worth sixty per cent and quality forty per cent of the marks."
    assert [f.code for f in _findings(text, "CMP003")] == ["CMP003"]


# -- clauses that say what to avoid --


@pytest.mark.parametrize(
    "text",
    [
        "This specification avoids payment by results.",
        "The Council will avoid awarding contracts to the lowest-priced tender.",
        "We want to move away from a model applied without local variation.",
        "The Council will avoid contracts of 12 months with no option to extend.",
        "We will avoid price weightings such as Price 70% / Quality 30%.",
    ],
)
def test_clauses_saying_what_to_avoid_are_silent(text: str) -> None:
    assert _families(text) == set()


def test_avoiding_harm_does_not_hide_a_finding() -> None:
    text = (
        "To avoid hospital admission, 5% of the monthly payment is withheld unless 95% of "
        "referrals are seen within the target."
    )
    assert "PBR" in _families(text)


# -- token involvement is not a voice --


@pytest.mark.parametrize(
    "sentence",
    [
        "1.4 Providers will be consulted on mobilisation following contract award.",
        "1.4 One person with lived experience may sit in on the launch day as an observer.",
    ],
)
def test_token_involvement_does_not_silence_the_document_level_finding(sentence: str) -> None:
    text = _NO_VOICE.replace("2.1 ", sentence + "\n\n2.1 ")
    codes = [f.code for f in _findings(text) if f.family == "VOI"]
    assert codes.count("VOI005") == 1
    assert len(codes) == 2  # the clause-level finding plus the one document-level finding


# -- stacks of absolute rules --


def test_stacked_absolute_rules_are_one_finding_per_section() -> None:
    text = (
        "## 3. Delivery\n\n"
        "3.1 Staff shall follow the behaviour plan at all times.\n\n"
        "3.2 Staff shall use the approved phrases at all times.\n\n"
        "3.3 Staff must always keep to the activity timetable.\n\n"
        "3.4 Staff must wear identification at all times.\n"
    )
    found = _findings(text, "OVR006")
    assert len(found) == 1 and found[0].location.clause == "3.1"


def test_protective_at_all_times_rules_are_not_a_stack() -> None:
    text = (
        "3.1 Staff must wear identification at all times.\n\n"
        "3.2 Information must be kept confidential at all times.\n\n"
        "3.3 People must be treated with dignity and respect at all times.\n"
    )
    assert _findings(text, "OVR006") == []


# -- the catalogue as a whole --


def test_catalogue_covers_every_family_with_three_rules_and_examples() -> None:
    from speclint.rules import all_rules

    rules = all_rules()
    assert len(rules) >= 30
    for family in ("PBR", "OVR", "RFL", "MFL", "OUT", "VOI", "CMP", "LOC"):
        assert sum(r.family == family for r in rules) >= 3, family
    for rule in rules:
        assert len(rule.tests.fail) >= 3 and len(rule.tests.pass_) >= 3, rule.code
