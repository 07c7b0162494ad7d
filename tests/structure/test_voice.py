"""Whose voice a text speaks in (:mod:`speclint.structure.voice`).

A news story, an opinion piece or an analyst's report tells what another council,
trust or commissioner did or does; the anti-patterns it names are not the text's own
choices, so rules pass them over. The same choice stated in the document's own voice
("The Council will award ...", "The Provider will be paid ...") still counts, and so
does a plain service description in the present tense.
"""

from __future__ import annotations

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline, text_unit
from speclint.structure.build import Outline
from speclint.structure.voice import account_cues, account_voice, attributed, others_voice

# A news story with no byline, date or headline cue: its voice is in who says what.
STORY = """\
Westshire County Council has awarded its home support contract to the three cheapest
bidders, it is understood.

The council ran a reverse auction in which agencies bid the hourly rate down in real
time, with the lowest bids winning the work.

Critics of the process say the winning rate of £14 an hour will not cover the wage of a
care worker and travel between visits.

Jane Hollis, who chairs the county's care association, said providers had been told to
take the price or leave the market.

A council spokesperson said the tender had weighed quality as well as price.

The contract runs from last autumn for three years.
"""

# The same choices, in the document's own voice.
OWN = """\
The Council will award the home support contract to the three lowest-priced compliant
bids.

Bids will be ranked in a reverse auction in which bidders may lower their hourly rate in
real time.

The Provider shall accept the hourly rate set at award for the whole contract term.

The Provider will be paid for each visit delivered, at the rate bid.
"""

# An opinion piece in the first person about paying by results.
OPINION = """\
Paying for results: a cure or a cause?

I have spent the past year talking to commissioners about payment by results.

In my experience, the schemes that paid providers only for completed courses ended up
serving the people easiest to help.

One trust paid a fixed sum for each person discharged from its service within six weeks,
and its waiting list grew.

Researchers at a northern university found that the payments shaped which referrals were
accepted.

Commissioners often pay by results because the model looks like value for money.
"""

# A service description in the present tense, asking nothing in words of duty.
DESCRIPTION = """\
Home support service description

The service supports adults in their own homes across the county.

Each visit is booked in a 15-minute slot, whatever the person's needs on the day.

The provider is paid for each completed visit recorded on the monitoring system.

Care workers follow the task list on the care plan.
"""


def _outline(text: str, name: str = "doc.txt") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, name.rsplit(".", 1)[1]))


def _families(text: str) -> set[str]:
    report = speclint.check_text(text, "txt")
    return {f.family for file in report.files for f in file.findings}


def test_a_story_about_another_council_is_an_account_and_raises_nothing() -> None:
    assert _outline(STORY).kind == "report"
    assert "CMP" not in _families(STORY)


def test_the_same_choices_in_the_documents_own_voice_still_flag() -> None:
    assert _outline(OWN).kind == "requirements"
    assert "CMP" in _families(OWN)


def test_an_opinion_piece_is_an_account_and_its_payment_talk_raises_nothing() -> None:
    assert _outline(OPINION).kind == "report"
    assert "PBR" not in _families(OPINION)


def test_a_present_tense_service_description_stays_requirements() -> None:
    outline = _outline(DESCRIPTION)
    assert outline.kind == "requirements"
    account, _own = account_cues([b.text for b in outline.document.blocks])
    assert account == 0
    assert {"OVR", "PBR"} <= _families(DESCRIPTION)


def test_a_sentence_reporting_another_party_is_a_report_on_its_own() -> None:
    for body in (
        "The council awarded the contract on price alone, critics say.",
        "Campaigners claimed the new rate would drive agencies out of the county.",
        "It is understood the winning bid was below £12 an hour.",
        "According to the inquiry, the trust paid agencies by the minute.",
        "Northvale City Council outsourced its reablement service to a national firm.",
        "Commissioners in many areas pay providers by the visit.",
        "Local authorities often set the fee before asking what care costs.",
        "The trust was criticised for paying only for completed assessments.",
        "Sam Patel, director of a home care agency, said visits had been cut to 15 minutes.",
        "Two in three councils now buy night sitting in 30-minute slots.",
        "But 14 trusts are still paying agencies for each contact recorded.",
    ):
        assert others_voice(body), body
        assert "report" in text_unit(body).sentences[0].flags, body


def test_a_duty_a_condition_or_a_description_is_not_a_report() -> None:
    for body in (
        "The Council will award the contract to the lowest-priced compliant bid.",
        "Payment will be made whatever the person says about their goals.",
        "The Provider must record what people said about each visit.",
        "Claims for payment are made monthly in arrears.",
        "The service provides twelve sessions of talking therapy.",
        "Where a family says the visit was missed, the Provider shall investigate.",
        "Staff were told to complete every task on the list within the visit.",
        "The Council, like most councils, pays for home care by the hour.",
        "Most referrals come from GPs and hospital discharge teams.",
        "The programme calls for twelve weekly sessions, each of an hour.",
    ):
        assert not others_voice(body), body
        assert "report" not in text_unit(body).sentences[0].flags, body


# A charity's survey of other bodies: its findings are about them, not its own terms.
SURVEY = """\
Short visits: what councils told us

Our latest survey asked every council in England how it buys home care.

We sent Freedom of Information requests to 150 councils and 121 replied.

Key findings

  * 58% of councils still buy visits of 15 minutes for personal care.
  * A third of councils pay providers only for the minutes logged at the door.
  * Most councils set the hourly rate before tendering.
"""


def test_a_survey_of_what_other_bodies_do_is_an_account() -> None:
    assert _outline(SURVEY).kind == "report"
    assert not {"OVR", "PBR"} & _families(SURVEY)


# A council's own news about its own award: the choice is its own, so it still counts.
OWN_NEWS = """\
Posted on 3 May 2025

Share

We have awarded the new home support contract to the three lowest-priced bidders.

We will pay each of them £19.10 an hour from June, and we bought 4,000 hours a week.

Councillor Ana Ruiz said: "This keeps care affordable for the county."
"""


def test_a_councils_own_news_of_its_own_award_still_counts() -> None:
    assert _outline(OWN_NEWS).kind == "requirements"
    assert "CMP" in _families(OWN_NEWS)


def test_a_story_told_over_several_sentences_is_carried_but_a_plan_ends_it() -> None:
    text = (
        "Campaigners say Northvale Council cut its home care budget in 2023. "
        "Visits were booked in 15-minute slots and agencies were paid by the minute. "
        "Each visit will last as long as the person needs."
    )
    flags = [s.flags for s in text_unit(text).sentences]
    assert "report" in flags[0] and "report" in flags[1]
    assert "report" not in flags[2]


# A specification's web page: dates of publication and a line of its history do not
# make it news, beside what the service and its provider do.
SPEC_PAGE = """\
Community equipment service specification

Published 4 April 2024

Updated 12 June 2024

The service was recommissioned in 2023, following a review of delivery times.

The service provides equipment to adults and children across the county.

The provider is paid £12 for each item delivered; no payment is made for failed
deliveries.

Referrals come from occupational therapists and district nurses.
"""


def test_a_specification_page_with_dates_and_history_stays_requirements() -> None:
    assert _outline(SPEC_PAGE).kind == "requirements"
    assert "PBR" in _families(SPEC_PAGE)


def test_the_voice_helpers() -> None:
    assert attributed('"We had no say in the price," the chair of the forum said.')
    assert attributed("As the National Audit Office reported, few schemes were evaluated.")
    assert not attributed("The said Provider shall keep records.")
    assert account_voice(["Posted on 4 May 2024", "Share", "Comments are closed."])
    assert not account_voice(["We will pay monthly.", "The Provider shall attend."])


# A local watchdog's call for views about short visits: it passes on what it has heard
# and asks questions; nothing in it is its own requirement.
CALL_FOR_VIEWS = """\
Half-hour calls in Eastvale

We have received comments that 30-minute calls leave no time for a proper meal.

Care workers are also raising concerns that the rota gives them no travel time.

A disability charity conducted a survey and published a report on call lengths in the county.

It found that most calls in rural wards last 30 minutes or less.

We would like to hear from you:

  * How many 30-minute calls does your family receive each week
  * Whether 30-minute calls meet your needs
"""


def test_comments_passed_on_and_others_research_make_an_account() -> None:
    assert attributed("We have received comments that 30-minute calls are too short.")
    assert attributed("Care workers are raising concerns that rotas leave no travel time.")
    # feedback that raised concerns about a plan the document then keeps is its own story
    assert not attributed(
        "Feedback from the trial, which raised concerns about phone triage, was noted."
    )
    assert not attributed("Staff must be able to raise concerns about poor practice.")
    assert _outline(CALL_FOR_VIEWS).kind == "report"
    assert "OVR" not in _families(CALL_FOR_VIEWS)
