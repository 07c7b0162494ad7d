"""Pages that tell of commissioning without setting its terms.

Guidance, explainers, news, parliamentary answers and Freedom of Information replies
describe kinds of contract, a field's habits or the pressures on a system; what they
describe is not a term the page sets. Each mark here has a near miss: the same words
in a specification's own voice still count.
"""

from __future__ import annotations

import pytest

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline, text_unit
from speclint.structure.meaning import sentence_flags
from speclint.structure.voice import account_cues, others_voice


def _kind(text: str) -> str:
    return build_outline(parse_bytes(text.encode(), "page.txt", "txt")).kind


@pytest.mark.parametrize(
    ("text", "definition"),
    [
        ("Results-based commissioning is a way to buy services where part of the fee "
         "rests on what changes for people.", True),
        ("Outcome payment schemes take two main forms: a bonus on top of a fee, or a fee "
         "held back until results are seen.", True),
        ("In Scotland, social impact bonds take several forms.", True),
        ("Such arrangements are commonly known as pay-for-success contracts.", True),
        ("There are also block contracts where a small share of the sum is tied to "
         "outcomes.", True),
        # However many words come before the noun, or a line break before "where".
        ("Outcome based commissioning is an innovative way to buy services.", True),
        ("Payment by results is one method of paying providers.", True),
        ("There are also block contracts\nwhere the price is fixed.", True),
        # This contract, not contracts in general.
        ("This contract is a form of payment by results: 15% of the fee is paid only on "
         "sustained outcomes.", False),
        ("The contract is a way to pay for each completed course.", False),
        ("This payment is known as the outcome payment and is 10% of the price.", False),
    ],
)  # fmt: skip
def test_a_kind_of_contract_defined_in_general(text: str, definition: bool) -> None:
    assert ("definition" in sentence_flags(text, False)) is definition


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("Grant agreements tend to leave the activities open and name only the aims.", True),
        ("Falling budgets and an ageing population are putting pressure on community "
         "services.", True),
        # What is to be done with the pressure is the document's own.
        ("Rising demand is putting pressure on the budget, so the Provider must deliver "
         "the same hours for less.", False),
        ("Referrals tend to peak in winter and the Provider shall plan its staffing for "
         "this.", False),
    ],
)  # fmt: skip
def test_what_things_tend_to_be_and_pressures_told(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("The market has lost many small agencies in recent years as fees stood still.", True),
        ("Over recent years the fee has been cut, and from April it will rise by 4%.", False),
    ],
)  # fmt: skip
def test_recent_years_told(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("Lately commissioning teams have started to tie part of each payment to "
         "results.", True),
        ("Several local authorities are looking into paying providers a weekly sum per "
         "person.", True),
        ("Councils are moving away from buying care in fifteen-minute slots.", True),
        # A plan of the document's own, or a field told what it will do.
        ("Commissioners will start to pay a weekly sum per person from April.", False),
        ("The Council has started to pay providers for planned hours.", False),
    ],
)  # fmt: skip
def test_a_field_taking_up_a_practice_is_others_voice(text: str, report: bool) -> None:
    assert others_voice(text) is report


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("Westshire County Council awarded the contract in 2019 on price alone.", True),
        # A notice of the award it announces: its dates are the new contract's.
        ("Medway Council has recently awarded a contract for emotional wellbeing, with "
         "services commencing on 1 April 2025.", False),
        ("Eastshire Council has awarded a contract for carers' support from 1 April 2026.", False),
    ],
)  # fmt: skip
def test_a_named_body_s_award_is_history_unless_just_announced(text: str, report: bool) -> None:
    assert others_voice(text) is report


def test_a_clause_going_on_with_an_account_stays_the_account() -> None:
    told = (
        "More recently commissioning teams have started to pay for results - so agencies "
        "only get the full fee if people meet their goals."
    )
    assert all("report" in s.flags for s in text_unit(told).sentences)
    own = (
        "More recently commissioning teams have started to pay for results - from April "
        "the Provider will be paid 10% of the fee on results."
    )
    assert not text_unit(own).sentences[-1].flags


def test_a_hope_for_the_report_is_not_the_own_voice() -> None:
    assert account_cues(["We hope that this review will start a wider debate."])[1] == 0
    assert account_cues(["We will pay each provider monthly in arrears."])[1] == 2


FOI_REPLY = """\
Freedom of Information request: prices paid for home care

You asked for the following information under the Freedom of Information Act 2000.

What is the hourly rate paid to providers?

The hourly rate is £21.40, paid pro rata for visits under an hour.

How long do the contracts run?

The contracts run for four years with an option to extend for two more.
"""

WRITTEN_ANSWER = """\
Adult Social Care: Capital Funding

Asked by: A Member (Constituency)

To ask the Secretary of State for Health and Social Care, what capital funding is
available for extra care housing.

Answered by: A Minister

Capital funding for supported housing is paid to councils that meet the homes target
agreed for each year.

Councils have discretion over how they use this funding.
"""

# A tender's own terms that name the Act: its duties keep it a specification.
TENDER = """\
Invitation to Tender: Home Care

1.1 The Provider shall deliver care within the hours agreed in each person's plan.

1.2 The Provider must keep records of each visit.

1.3 The Council is subject to the Freedom of Information Act 2000 and may disclose
information in response to a Freedom of Information request.

1.4 The Provider shall be paid for each visit at the hourly rate.
"""


def test_questions_put_to_a_public_body_and_its_answers_are_a_record() -> None:
    assert _kind(FOI_REPLY) == "report"
    assert _kind(WRITTEN_ANSWER) == "report"
    assert _kind(TENDER) == "requirements"


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("The Gazette can today reveal that the borough pays agencies by the minute.", True),
        ("Council bosses claim the new rota saves money without harming anyone.", True),
        ("Ms K complained that the carers left after ten minutes.", True),
        # The document's own duty about complaints is not a complaint told.
        ("The Provider shall record every complaint within two working days.", False),
    ],
)  # fmt: skip
def test_a_scoop_its_sources_and_a_complaint_are_others_voice(text: str, report: bool) -> None:
    assert others_voice(text) is report


REVIEW_OF_STUDIES = """\
This part of my reading list gathers studies of paying providers for results in
homelessness services.

For each study I provide the reference and my summary of what it found.

Smith and Jones (2018) looked at three schemes and found fewer people housed.

Brown (2020) reported that providers chose the people easiest to help.

My summary of the evaluation is linked below.

Studies which I regard as strongest are marked with a star.
"""

SCOOP = """\
AGENCY CARE is now timed to the second across the borough, the Gazette can reveal.

The county has brought in an app that logs when each carer arrives and leaves.

It will allow agencies to be paid only for the minutes logged.

Care bosses claim the change will save £2m a year.

Our investigation found carers rushing between calls.

The Gazette can also reveal that two agencies have handed back their contracts.
"""

# A request for information that never names the Act.
REQUEST = """\
Home care commissioning

This request relates to information held by the council as a commissioner of home care.

1. Please provide recorded information showing how the council checks that providers
pay care workers for travel time.

2. Please state the hourly rate paid for visits of less than 30 minutes.

3. Please give the number of visits bought in each of the last three years.
"""


def test_a_review_of_studies_a_scoop_and_a_request_are_accounts() -> None:
    assert account_cues([REVIEW_OF_STUDIES])[0] >= 3
    assert _kind(SCOOP) == "report"
    assert _kind(REQUEST) == "report"


def test_a_publication_offering_itself_is_commentary() -> None:
    assert "meta" in sentence_flags("Our short guide will help you plan each supervision.", False)
    own = "Supervisors will help you plan your visits and the Provider must pay for this time."
    assert "meta" not in sentence_flags(own, False)


PAPER = """\
Background

Paying hospitals for performance is common in many health systems [1, 2].

Such schemes tie part of each payment to quality targets [3].

Earlier reviews found small effects at best [4-6].

Jones et al. found no change in readmissions after five years.

The programme studied here ran from 2016 to 2019 [7].
"""


def test_a_paper_citing_others_is_an_account() -> None:
    assert _kind(PAPER) == "report"
    # A specification's clause reference in brackets is not a citation.
    assert account_cues(["The Provider shall report monthly [see Schedule 4]."])[0] == 0
    # Nor is a footnote marker.
    assert account_cues(["The Provider shall report monthly [1]."])[0] == 0


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("Between 3 June 2019 and 30 August 2019 the council consulted carers on three "
         "options.", True),
        ("Between 1 April 2026 and 31 March 2029 the Provider shall deliver the service "
         "at the agreed price.", False),
        ("Between 1 April 2026 and 31 March 2027 the hourly rate is fixed.", False),
    ],
)  # fmt: skip
def test_a_span_of_past_dates_opening_what_was_done(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


GUIDE = """\
Buying home support: a guide for councils

In recent years several councils have moved away from buying care by the minute.

Results-based commissioning is a way to buy services where part of the fee rests on results.

Councils should pay providers only when agreed outcomes are achieved, holding back 20% of
the fee until the reablement target is met.

Commissioners should buy morning calls of 15 minutes to keep costs down.

Councils should seek savings of 10% from home care while keeping current service levels.
"""


def test_guidance_recommending_an_anti_pattern_in_its_own_voice_still_counts() -> None:
    report = speclint.check_text(GUIDE, "txt")
    families = {f.family for file in report.files for f in file.findings}
    assert {"PBR", "OVR", "MFL"} <= families


def test_our_new_report_is_research_not_a_report_the_provider_returns() -> None:
    assert account_cues(["Our new report looks at what 900 carers told us."])[0] == 1
    assert account_cues(["The Provider shall send a quarterly report to the Council."])[0] == 0


BLOG = """\
Guest blog: Paying link workers in primary care

March 3 2021

Networks are taking on link workers at pace, and the money for the role is generous.

It is worth remembering that this is the first year of a five-year programme and that
the number of workers will grow over that time.

Paying the role in full may unsettle local charities that pay their own staff less.
"""


def test_a_headline_led_by_the_label_of_its_kind_makes_a_piece() -> None:
    assert _kind(BLOG) == "report"
    # Without the label, a page that also asks something of someone is read as asking it.
    asking = (
        BLOG.replace("Guest blog: ", "") + "\nNetworks must pay the role from their own budget.\n"
    )
    assert _kind(asking) == "requirements"
