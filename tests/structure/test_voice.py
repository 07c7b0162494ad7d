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
        "The award was called in by members on the grounds that families were never asked.",
        "Two providers challenged the outcome on the basis that price had been weighted at 70%.",
        "The framework said councils would have to report each quarter on how the grant is spent.",
        "The guidance had said the extra money should free up hospital beds.",
        "The Autumn Budget did not provide any new grant for home care.",
        "Northby stands to receive £3m from the fund, and Southmere around £1m.",
        # A body's warning or misgivings with an auxiliary, a source's explanation, a
        # stance of someone just named.
        "Westshire LMC has warned the area team that such a contract could favour one practice.",
        "However, the College has concerns about its implementation at a time of savings.",
        "The report explained that budget proposals had been revised after the consultation.",
        "He is concerned that handing out grants alone will not produce the savings required.",
        "The Government has signalled its commitment to a new national indicator.",
    ):
        assert others_voice(body), body
        assert "report" in text_unit(body).sentences[0].flags, body


def test_a_duty_a_condition_or_a_description_is_not_a_report() -> None:
    for body in (
        # The document's own parties with "has", and "explained" used of a reference.
        "The Council has stated that the contract will run for three years.",
        "The Authority has concerns about the market's sustainability and will review the rates.",
        "It has stated that payments are made monthly.",
        "The review explained in Schedule 3 takes place each year.",
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
        "The Council may end the contract on the grounds that the Provider has failed to act.",
        "A decision may be challenged on the grounds that it breaks the law.",
        "Where a bid is challenged on the basis that it is abnormally low, the panel reviews it.",
        "The framework sets out what each lot covers and how call-offs are made.",
        "The budget set out in Schedule 3 includes an allowance for growth.",
        "The Provider stands to receive the final instalment once the report is accepted.",
        "Networks stand to lose a tenth of the quarterly sum in any quarter the target is missed.",
        "Homes stand to lose their enhanced rate if their inspection rating falls.",
        "Since the Government gave no uplift this year, the weekly fee stays frozen.",
        "As the plan said, each visit will last exactly 20 minutes.",
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


# News of a national scheme that pays councils by results: the scheme is central
# government's, told by a news page, not one the page commissions.
NATIONAL_SCHEME_NEWS = """\
News story

Recovery grant: first areas sign up

This was published under the 2019 to 2022 government

The Health Secretary today unveiled a scheme that will pay councils up to £2,500 for each
person who stays in recovery for a year.

Councils will be paid a smaller sum up front, with the balance paid only on results.

The government has announced that the first 20 areas have joined, and more are expected
to follow over the coming months.
"""

# A sector body's report of what its members believe and have done.
SECTOR_REPORT = """\
Trusts have delivered £3bn of savings in the past two years while demand for care grew.

Trust leaders believe that further savings can only be made if the centre funds the change.

Providers are clear that cutting prices while adding new duties is not sustainable.

Our survey results show that few trusts expect to make the same savings again.

New analysis reveals that a dozen trusts now plan to cut costs by over 7% this year.
"""

# A blog by an author who gives their role, about an event they went to.
ROLE_BLOG = """\
What we heard about outcome payments

By Dr Sam Okafor, Director of Public Health at Northvale and chair of the regional network.

Last month I attended a summit on paying providers for outcomes.

Several speakers argued that a share of each contract should be paid only on results.

It struck me that few areas have tried it for long enough to know.
"""


def test_news_of_a_national_scheme_paying_councils_is_an_account() -> None:
    assert _outline(NATIONAL_SCHEME_NEWS).kind == "report"
    assert "PBR" not in _families(NATIONAL_SCHEME_NEWS)


def test_a_sector_bodys_report_of_its_members_views_is_an_account() -> None:
    assert _outline(SECTOR_REPORT).kind == "report"
    assert not {"MFL", "RFL"} & _families(SECTOR_REPORT)


def test_a_blog_with_its_authors_role_is_an_account() -> None:
    assert _outline(ROLE_BLOG).kind == "report"
    assert "PBR" not in _families(ROLE_BLOG)


def test_a_duty_told_of_another_body_is_not_the_documents_own() -> None:
    # The guidance's "must" is reported: the page stays an account.
    text = (
        "NHS Trusts face deeper cuts\n\nBy Northvale News Team\n\n"
        "New analysis reveals that most trusts will cut costs by 6% this year. "
        "National guidance requires that trusts must live within their allocations. "
        "In 2023/24, the savings asked of trusts reached £9bn. "
        "Trust leaders say they have already made the easy savings."
    )
    assert _outline(text).kind == "report"
    # The document's own duty still counts as its own.
    own = "The Provider must deliver 5% savings each year while seeing 10% more people.\n\n" * 3
    assert _outline(own).kind == "requirements"


def test_the_new_marks_of_an_account() -> None:
    assert attributed("The research notes that monitoring grew heavier under the scheme.")
    assert attributed("The National Audit Office commented that the schemes cost more to run.")
    assert attributed("Trust leaders are also clear that the savings cannot be repeated.")
    assert attributed("Communities Secretary Jo Hale today announced the new scheme.")
    assert not attributed("The Provider shall state the reason for any missed visit.")
    assert account_voice(["News story", "Headlines: March 3rd, 2021", "Comments are closed."])


# An essay on a payment model in general: a question under its headline, central
# government's interest told of, a trend over recent years.
ESSAY = """\
Paying for outcomes

Paying for outcomes: does it work, and for whom?

The thinking behind the government's interest in outcome payments is that providers \
paid for results will find better ways of helping people.

Outcome contracts have spread over the past few years, but measuring results has often \
been harder than expected, and payment has seldom been linked to them in full.

Some outcomes are easy to count, such as people in work, while others, such as feeling \
safe at home, are not.
"""


def test_an_essay_on_a_payment_model_with_a_question_under_its_headline_is_an_account() -> None:
    assert _outline(ESSAY).kind == "report"
    assert "PBR" not in _families(ESSAY)


# A tender aggregator's page: furniture, a summary of the buyer's notice and a
# machine-written pitch to businesses.
AGGREGATOR = """\
Award

Community Equipment Framework

NORTHVALE COUNCIL

This public procurement record has 3 releases in its history.

Award

14 Feb 2026 at 09:12

Summary of the contracting process

Northvale Council intends to award an 18-month contract for community equipment, with \\
call-offs capped at £2m a year.

This tender presents valuable opportunities for businesses in the equipment sector to \\
expand their service offerings across the county.

SMEs with strong logistics are well-positioned to benefit, and new entrants can integrate \\
into the framework when it reopens.

Find more tenders on our Open Data Platform.
"""


def test_a_tender_aggregators_page_keeps_the_notice_but_not_the_pitch() -> None:
    # The summary restates the buyer's notice (an 18-month term is the buyer's choice);
    # the pitch to businesses is the aggregator's own voice.
    assert _outline(AGGREGATOR).kind != "report"
    families = _families(AGGREGATOR)
    assert "CMP" in families
    assert "MFL" not in families


def test_a_pitch_to_businesses_is_others_voice_but_a_buyers_notice_is_not() -> None:
    assert others_voice("This tender presents significant opportunities for SMEs in the region.")
    assert others_voice("Firms with a local base are well-positioned to compete for these lots.")
    assert not others_voice(
        "The Council invites tenders from organisations able to start in April."
    )
    assert not others_voice("Suppliers must hold CQC registration before the contract starts.")
    assert others_voice("Organisations with strong governance are positioned well for growth.")
    assert others_voice(
        "Businesses able to meet the required care grades should consider this opportunity "
        "to expand their services."
    )
    # ... but not when the buyer's term follows the advice in the same sentence.
    assert not others_voice(
        "Suppliers should consider this tender carefully: the contract will be awarded on "
        "price alone."
    )


def test_a_list_of_authors_and_their_disclaimer_mark_a_study() -> None:
    study = (
        "Council commissioning and fee rates\n\n"
        "Jo Bloggs, Sam Patel, Ann Lee 03 / 05 / 2019\n\n"
        "Views expressed are those of the authors and not the funder.\n\n"
        "Fees paid by councils say little on their own about what commissioners intend.\n\n"
        "Councils have been asked to do more with less in recent years as funding has fallen."
    )
    assert _outline(study).kind == "report"
    assert "MFL" not in _families(study)


def test_a_council_told_of_in_the_third_person_is_an_account() -> None:
    story = (
        "Northvale plans to cut care costs\n\n"
        "The council wants to move more people onto short-term support to save £4m.\n\n"
        "The council is working with a consultancy firm to review its home care spending.\n\n"
        "In March 2024, the cabinet agreed to look at new ways to reduce costs.\n\n"
        "The council estimates the changes could mean 50,000 fewer hours of home care a year."
    )
    assert _outline(story).kind == "report"
    assert "MFL" not in _families(story)


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


def test_comments_as_a_noun_are_not_someone_speaking() -> None:
    text = (
        "Doctors in the local trusts may post comments about the draft model, but "
        "the Board will not answer individual comments or meet to discuss them."
    )
    assert "VOI" in _families(text)


def test_a_fit_for_businesses_is_a_pitch_only_where_no_duty_is_stated() -> None:
    assert others_voice("This contract is ideal for service providers aiming to grow their work.")
    assert others_voice("The lot is well suited to firms looking to enter the care market.")
    # An invitation to tender says so too, beside what it asks for.
    itt = (
        "Lot 3 is suitable for providers wishing to work in coastal towns, and calls in this "
        "lot will be paid in 15-minute units."
    )
    assert not others_voice(itt)


# A news page whose lines run into one paragraph: still news, by its sentences.
ONE_BLOCK_STORY = (
    "Twelve councils have joined the government's new outcomes fund.\n"
    "Northby stands to receive £3m for helping 900 households, and Eastwold around £2m.\n"
    "Southmere, Westford and Cray stand to gain £1,500 for each family moved into work.\n"
    "The remaining costs will be met by the councils themselves.\n"
    "The fund was announced in the spring budget.\n"
    "A further round is expected next year.\n"
)


def test_a_story_run_into_one_paragraph_is_still_an_account() -> None:
    outline = build_outline(parse_bytes(ONE_BLOCK_STORY.encode(), "page.md", "md"))
    assert outline.kind == "report"


# A tender portal's description: background and terms run into one paragraph. A page of
# one block that states how the service is paid is read as asking, not as a story.
ONE_BLOCK_NOTICE = (
    "The authority invites expressions of interest in the young carers' service.\n"
    "The service was first let in 2020.\n"
    "Last year 600 young carers were referred to it.\n"
    "The fee is set at £95 for each young carer supported.\n"
    "An eighth of the fee is held back if fewer than 75% of young carers say they cope better.\n"
    "Each group session runs for exactly two hours.\n"
)


def test_one_paragraph_is_not_read_for_its_kind() -> None:
    outline = build_outline(parse_bytes(ONE_BLOCK_NOTICE.encode(), "page.md", "md"))
    assert outline.kind == "requirements"
    titled = parse_bytes(("# Young carers' service\n\n" + ONE_BLOCK_NOTICE).encode(), "p.md", "md")
    assert build_outline(titled).kind == "requirements"
    lone = parse_bytes(b"Northby stands to receive \xc2\xa33m.\n", "p.md", "md")
    assert build_outline(lone).kind == "requirements"


# A schedule of dates in figures (a KPI return, payment milestones) is not a story's
# dateline; a lone date in the first lines still is.
KPI_TABLE = (
    "# Service quality measures\n\n"
    "| Measure | Target | Due | If missed |\n|---|---|---|---|\n"
    "| Reviews held on time | 90% | 31/07/2026 | 3% of the monthly fee held back |\n"
    "| People seen within a week | 85% | 31/10/2026 | 3% of the monthly fee held back |\n"
    "| Plans agreed | 95% | 31/01/2027 | 3% of the monthly fee held back |\n"
)
MILESTONES = (
    "Grant milestones\n\n02/05/2026\n01/11/2026\n30/04/2027\n\n"
    "The grant is paid in three parts. The second is released only if 60% of members finish "
    "the course. The last is held back if fewer than half stay active at six months.\n"
)


def test_dates_in_figures_of_a_schedule_are_not_furniture() -> None:
    for page in (KPI_TABLE, MILESTONES):
        outline = build_outline(parse_bytes(page.encode(), "page.md", "md"))
        assert outline.kind != "report", page
    furniture, _ = account_cues(["A new fund for walking groups", "14/03/2026", "By Sam Hale"])
    assert furniture >= 2


# Guidance giving its own advice ("This guidance recommends that commissioners ...") speaks
# in its own voice: an anti-pattern it recommends is a finding.
OWN_GUIDANCE = (
    "# Paying for weight management services\n\n"
    "This guidance recommends that commissioners should pay services for each client who "
    "loses 5% of their weight. This guidance also says that councils should hold back a "
    "quarter of the fee until 40% of clients reach that loss. In 2021 several areas moved "
    "to paying by result. A later review found that completion rates rose.\n"
)


def test_guidance_recommending_in_its_own_name_is_not_an_account() -> None:
    outline = build_outline(parse_bytes(OWN_GUIDANCE.encode(), "page.md", "md"))
    assert outline.kind == "requirements"
