"""Commentary on commissioning: pages about buying care in a voice that is not a buyer's.

An opinion piece by a provider or a consultant, a bid-writing blog, a trade body's guide
to its members and a research review tell how commissioners score, pay and let
contracts; what they tell is an account (``report``), and rules pass it over. What such
a page asks in its own voice ("Systems should move to ...") stays operative, and so do a
party's duty and a lone sentence. A body's own minutes adopting terms count wherever
they stand.
"""

from __future__ import annotations

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline
from speclint.structure.build import Outline
from speclint.structure.kinds import (
    adopts,
    advice_section,
    document_kind,
    kind_flags,
    record_section,
)
from speclint.structure.voice import commentary, commentary_cues, recommends, states_term

SOAPBOX = """\
# Soapbox: why telecare buyers keep getting what they pay for

In her latest column, Dana Whitlow, independent technology adviser and former alarm
centre manager, asks commissioners to look again at how they buy.

Anyone reading the tender portals would think many commissioners buy alarms the way they
buy paper clips.

The choice for a supplier is whether to bid the barest kit to secure the lowest price, or
to offer sound equipment and probably lose.

Buyers rarely say what response time they expect, and the contract usually goes to the
lowest price.

Can every commissioner say which alarms in their area will stop working next year?

Who will be responsible when one fails?
"""

BID_BLOG = """\
# Pricing your bid: five tips for small care providers

Evaluators usually give the lowest price full marks and score every other price as a
share of it, so a bid 8% dearer loses about three marks.

Many councils weight price at 60% and quality at 40%.

A contract of only twelve months changes how you should spread your start-up costs.

Want a second opinion? Book a free call with our bid writing team.

Need help with your pricing? Get in touch.
"""

REVIEW = """\
# Paying for outcomes in community care: a review

This review examines 22 studies of outcome payments in community services.

Commissioners typically hold back between 10% and 30% of the fee until targets are met
(Ardern 2018; Mokoena and Hill, 2021).

Studies found that providers focused on the measured outcomes (Lister et al., 2020).

Respondents said contracts of a year or less were common.
"""

GUIDANCE_RECOMMENDS = """\
# Paying for community nursing: a guide for systems

This guide sets out how systems should pay for community nursing from next year.

Research shows that block contracts give little grip on waiting times (Corran 2022).

Many areas still pay a fixed annual sum whatever the activity.

Systems should move to a variable payment of 25% tied to the four-week waiting standard.

We recommend that 5% of each monthly payment is withheld where the two-hour response
target is missed.
"""

CONSULTATION = """\
# Home support: our plans for 2027

Like many councils, we face rising demand. Research shows most people want care at home
(Home Care Study 2023).

We will pay a single hourly rate, and we will let the new contracts for 12 months.

We will withhold 5% of each monthly payment where visits are missed.

We will review the rate each year with providers.
"""

SPEC_WITH_CITATIONS = """\
# Community Support Service Specification

Research shows that loneliness harms health (Holt-Lunstad et al., 2010). Many councils
now commission community connectors.

1.1 The Provider shall offer each person a first visit within five days.

1.2 The Provider shall be paid 20% of the annual price only when the outcome targets are met.

How will the Provider recruit volunteers? Many areas find this hard.
"""

SPEC_MINUTES = """\
# Community Equipment Service Specification

## Service

1.1 The Provider shall deliver equipment within two working days of an order.

1.2 The Provider shall collect equipment no longer needed.

## Minutes of the commissioning board

The Board endorsed the proposal that bids be evaluated 70% on price and 30% on quality.

Members ratified the recommendation to let the contract for 12 months.

Members noted that other councils had let two-year contracts.

In Eastmoor, contracts are let for one year at a time.

## Case study from a neighbouring county

Their board agreed to withhold a tenth of the fee until targets were met.
"""

MINUTES_AS_ACCOUNT = """\
# Adult Care Scrutiny Committee, 4 November

Present: Councillors Hewitt, Mensah, Ortiz

Apologies: Councillor Quinn

Councillor Hewitt said, "Providers tell us the rate does not cover travel."

Councillor Mensah said, "We heard the same from carers last year."

"Our providers are struggling," Councillor Ortiz added.

Councillor Hewitt said, "Other councils have moved to block hours."

The Committee endorsed the proposal that the new contracts run for 18 months.
"""


def _outline(text: str, name: str = "page.md") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, name.rsplit(".", 1)[1]))


def _flags(outline: Outline) -> dict[str, frozenset[str]]:
    return {
        " ".join(unit.text[s.start : s.end].split()): frozenset(s.flags)
        for unit in outline.units
        for s in unit.sentences
    }


def _codes(text: str, name: str = "page.md") -> set[str]:
    report = speclint.check_text(text, name.rsplit(".", 1)[1])
    return {f.code for file in report.files for f in file.findings}


def _find(flags: dict[str, frozenset[str]], start: str) -> frozenset[str]:
    return flags[next(k for k in flags if k.startswith(start))]


def test_an_opinion_piece_is_commentary_and_its_account_of_lowest_price_is_passed_over() -> None:
    outline = _outline(SOAPBOX)
    assert outline.kind == "commentary"
    assert "report" in _find(_flags(outline), "The choice for a supplier")
    assert not {c for c in _codes(SOAPBOX) if c.startswith("CMP")}


def test_a_bid_writing_blog_explaining_price_scoring_finds_nothing() -> None:
    outline = _outline(BID_BLOG)
    assert outline.kind == "commentary"
    flags = _flags(outline)
    # "how you should spread" asks nothing of a party: a modal inside a question of how.
    assert "report" in _find(flags, "A contract of only twelve months")
    assert not _codes(BID_BLOG) & {"CMP001", "CMP003", "CMP004"}


def test_a_research_review_is_not_read_as_terms() -> None:
    assert document_kind(_outline(REVIEW).document.blocks, "") in ("commentary", "report")
    assert not {c for c in _codes(REVIEW) if c.startswith(("PBR", "CMP"))}


def test_guidance_recommending_an_anti_pattern_keeps_its_findings() -> None:
    outline = _outline(GUIDANCE_RECOMMENDS)
    assert outline.kind == "commentary"
    flags = _flags(outline)
    assert not _find(flags, "Systems should move to a variable payment")
    assert not _find(flags, "We recommend that 5%")
    assert "report" in _find(flags, "Many areas still pay")
    assert "PBR001" in _codes(GUIDANCE_RECOMMENDS)


def test_a_buyer_speaking_as_we_is_not_commentary_whatever_it_cites() -> None:
    outline = _outline(CONSULTATION)
    assert outline.kind == "requirements"
    assert {"CMP004", "PBR001"} <= _codes(CONSULTATION)


def test_a_specification_citing_research_and_asking_questions_stays_requirements() -> None:
    outline = _outline(SPEC_WITH_CITATIONS)
    assert outline.kind == "requirements"
    assert "PBR001" in _codes(SPEC_WITH_CITATIONS)


def test_a_lone_sentence_is_never_commentary() -> None:
    text = "Many councils weight price at 60%, research shows (Smith 2019); tips for bidders?\n"
    assert _outline(text).kind == "requirements"


def test_commentary_needs_two_families_of_marks() -> None:
    one_family = ["Smith et al. found this (Jones 2019).", "Evidence suggests that too."]
    assert commentary_cues(one_family)[0] == 1
    assert not commentary(one_family)
    two = [*one_family, "In my experience many councils pay by the minute."]
    families, hits = commentary_cues(two)
    assert families >= 2 and hits >= 2
    assert commentary(two)
    # Twenty citations are one kind of evidence, and give at most three marks.
    cited = [f"A finding ({name} 20{n:02d})." for n, name in enumerate(["Abel", "Bose"] * 10)]
    assert commentary_cues(cited) == (1, 3)
    # A title naming a specification, or a party as a defined term, is a buyer's.
    assert not commentary(two, "Service Specification: Day Opportunities")
    assert not commentary([*two, "The Provider will report monthly."])


FEE_BLOG = """\
Podiatry practices are given a fixed number of treatment units each year, based on one
sample month (which nobody was told was a sample at the time!).

Two practices with the same running costs can be paid very different sums for each unit.

The irony is that a practice delivering less than 95% of its units faces clawback of 5%
of its funding.

Such unfair and indiscriminate clawback falls hardest on the smallest practices.

Of course, the unit rates have been uplifted since, but the gap between practices
remains.
"""


def test_a_blog_that_exclaims_and_passes_verdicts_is_commentary() -> None:
    outline = _outline(FEE_BLOG)
    assert outline.kind == "commentary"
    assert "report" in _find(_flags(outline), "The irony is that a practice")
    assert not {c for c in _codes(FEE_BLOG) if c.startswith(("PBR", "OUT"))}
    # The writer's verdict is one family: without the exclamation it is not enough alone.
    calm = FEE_BLOG.replace("at the time!", "at the time")
    assert _outline(calm).kind != "commentary"
    # A buyer's terms that name the repayment are never commentary, whatever their tone.
    terms = FEE_BLOG + "\nThe Provider shall repay 5% of its funding for any shortfall.\n"
    assert _outline(terms).kind == "requirements"


def test_what_a_commentary_asks_in_its_own_voice() -> None:
    assert recommends("Systems should move to a variable payment of 20% tied to waits.")
    assert recommends("We recommend that tenders award 60% of the marks to price.")
    assert recommends("Pay providers only for the minutes recorded.")
    assert not recommends("The council will let contracts for a year.")
    assert not recommends("A two-year contract changes how you should price your costs.")
    assert not recommends("The cheapest bid usually wins.")
    assert not recommends("Should commissioners pay by the minute?")
    assert not recommends('"Providers must cut costs," the minister said.')


def test_commentary_flags_an_account_and_keeps_a_recommendation_or_a_duty() -> None:
    assert kind_flags("Councils often pay by the minute.", "commentary", False, False) == {"report"}
    assert kind_flags("Councils should pay by the minute.", "commentary", False, False) == set()
    assert kind_flags("The Provider shall be paid monthly.", "commentary", False, False) == set()


def test_a_specification_s_own_minutes_adopting_terms_count() -> None:
    outline = _outline(SPEC_MINUTES)
    assert outline.kind == "requirements"
    flags = _flags(outline)
    assert not _find(flags, "The Board endorsed the proposal")
    assert not _find(flags, "Members ratified the recommendation")
    assert "report" in _find(flags, "Members noted that other councils")
    assert "report" in _find(flags, "Their board agreed")
    # What minutes tell of a procurement may be another council's: only what the body
    # endorsed, ratified or approved is adopted.
    assert "report" in _find(flags, "In Eastmoor, contracts are let")
    assert {"CMP003", "CMP004"} <= _codes(SPEC_MINUTES)
    assert not {c for c in _codes(SPEC_MINUTES) if c.startswith("PBR")}


def test_which_narrative_sections_record_the_body_s_own_story() -> None:
    assert record_section(("Specification", "Minutes of the commissioning board"))
    assert record_section(("Strategy", "Local context"))
    assert not record_section(("Specification", "Case study from a neighbouring county"))
    assert not record_section(("Local context", "Case study: Westshire"))
    assert not record_section(("Specification", "Service requirements"))
    assert adopts("The Board endorsed the proposal that bids be scored 70% on price.")
    assert adopts("Members approved the recommendation to let the contract for a year.")
    assert adopts("Cabinet endorsed the proposal that a tenth of the fee be held back.")
    assert not adopts("Members noted that other councils had let two-year contracts.")
    assert not adopts("The Board approved the withdrawal of minute-by-minute billing.")
    assert not adopts("Providers said the rate was too low.")


def test_minutes_read_as_an_account_still_adopt_what_the_body_endorsed() -> None:
    outline = _outline(MINUTES_AS_ACCOUNT)
    assert outline.kind == "report"
    flags = _flags(outline)
    assert not _find(flags, "The Committee endorsed the proposal")
    assert "CMP004" in _codes(MINUTES_AS_ACCOUNT)


THINK_TANK = """\
# Paying community nursing by results: a discussion paper

By the Institute for Local Services

## What we found

This paper draws on interviews with 25 commissioners (Reyes 2022).

Research shows that block payments reward activity rather than results (Oduya et al. 2021).

Respondents told us that targets are often ignored.

## Our recommendations

Commissioners should hold back a fifth of each provider's yearly payment until the agreed
targets are met.

We recommend that contracts run for one year only, so that weak providers can be replaced.

## About the authors

The Institute is an independent research charity.
"""

NEWS_OF_A_REPORT = """\
# Think tank urges payment by results for community nursing

Posted on 2 June 2026

A new report says commissioners should hold back a fifth of each provider's payment until
targets are met, its authors said.

"Block payments reward activity," the report's author told us.

Providers say short contracts harm staff, and critics said the plan was unworkable.

Last year three councils tried the approach, and two dropped it.
"""


def test_an_account_s_own_recommendations_count_and_what_it_tells_does_not() -> None:
    outline = _outline(THINK_TANK)
    assert outline.kind in ("report", "commentary")
    flags = _flags(outline)
    assert not _find(flags, "Commissioners should hold back a fifth")
    assert not _find(flags, "We recommend that contracts run")
    assert "report" in _find(flags, "Respondents told us")
    assert {"PBR001", "CMP004"} <= _codes(THINK_TANK)


def test_news_of_a_report_s_recommendations_is_still_news() -> None:
    outline = _outline(NEWS_OF_A_REPORT)
    assert outline.kind == "report"
    assert not {c for c in _codes(NEWS_OF_A_REPORT) if c.startswith(("PBR", "CMP"))}


def test_which_headings_stand_over_a_page_s_own_recommendations() -> None:
    assert advice_section(("Report", "Our recommendations"))
    assert advice_section(("Report", "5. Recommendations"))
    assert not advice_section(("Report", "Recommendations from the inspection"))
    assert not advice_section(("Report", "Findings"))
    said = "Councils should pay by results."
    assert kind_flags(said, "report", False, False) == {"report"}
    assert kind_flags(said, "report", False, False, advice=True) == set()
    assert kind_flags("We recommend paying by results.", "report", False, False) == set()
    good = "Good practice is to hold back a tenth of the fee until targets are met."
    assert kind_flags(good, "report", False, False) == set()
    assert kind_flags("It is usual to pay by results.", "report", False, False) == {"report"}
    for opener in ("It is good practice to", "Best practice is to", "A sensible approach is to"):
        asked = f"{opener} tie a fifth of the fee to the targets."
        assert kind_flags(asked, "report", False, False) == set(), asked
    assert kind_flags("Councils often pay by results.", "report", False, False, advice=True) == {
        "report"
    }


def test_a_title_naming_a_buyer_s_own_paper_is_never_commentary() -> None:
    texts = [
        "Strength and balance classes cut falls by a quarter (Sherrington 2019).",
        "Studies found that people who finish the course keep the benefit.",
        "Providers will receive no payment for people who do not finish the course.",
        "Do you have views on this approach?",
    ]
    assert commentary(texts, "Falls prevention: what the evidence says")
    assert not commentary(texts, "Falls prevention: commissioning intentions 2027")
    assert not commentary(texts, "Market position statement for falls services")


PROSPECTUS = """\
# Joining the Northmoor Wellbeing Partnership: notes for member charities

As lead organisation we subcontract the befriending work to small local charities.

In my experience, partners do best when they know the terms before they sign.

Research shows that befriending eases loneliness (Okoro et al. 2020).

Partners will be paid £300 for each person who stays with the scheme for a year and nothing
for anyone who leaves sooner.

Partner agreements will last 12 months and will not roll over.

Questions about joining? Get in touch with the partnership team.
"""


def test_a_lead_organisation_s_prospectus_keeps_its_own_terms() -> None:
    outline = _outline(PROSPECTUS)
    assert outline.kind != "commentary"
    assert "PBR001" in _codes(PROSPECTUS)
    # Without the line saying what "we" buy, the same marks make commentary.
    texts = [line for line in PROSPECTUS.split("\n\n")[1:] if "subcontract" not in line]
    assert commentary(texts)
    assert not commentary(PROSPECTUS.split("\n\n")[1:])


def test_a_term_for_the_future_counts_in_commentary_unless_told_of_others() -> None:
    assert states_term("Partners will be paid £300 for each person who completes.")
    assert states_term("Call-offs will last 12 months and will not be extended.")
    assert not states_term("In a typical scheme, 10% of the fee will be withheld.")
    assert not states_term("Some councils will be weighting price at 70%.")
    assert not states_term("If the target is missed, payment will be reduced.")
    assert not states_term("Will bids be weighted on price?")
    assert kind_flags("Partner agreements will last a year.", "commentary", False, False) == set()
    # A modal under a frame telling others' terms is not the page's own ask.
    assert not recommends("In many tenders the supervision must be delivered within the rate.")
    assert not recommends("Members report that most specifications require monthly supervision.")


def test_a_log_of_questions_answered_is_the_buyer_s_not_commentary() -> None:
    asked = [
        "Q: Is it common for councils to weight price at 60%?",
        "Many councils do, and research shows (Hale 2020) it is usual.",
        "Q: Will the contract be extended?",
    ]
    assert commentary(asked)
    assert not commentary([*asked, "A: It is a one-year contract and cannot be extended."])


def test_a_firm_selling_its_help_and_a_review_s_methods_are_marks_of_commentary() -> None:
    assert commentary_cues(["Sign up to our newsletter for more bid tips."])[0] == 1
    assert commentary_cues(["We help care providers win council work."])[0] == 1
    assert commentary_cues(["A systematic review of 30 papers."])[0] == 1
    assert commentary_cues(["The Provider shall attend interviews."]) == (0, 0)


NOTICE = """\
# Befriending service for older adults

Description

Eastvale Council is looking for an organisation to run a befriending service for older adults.

Research shows that regular contact eases loneliness (Okafor et al. 2019), and it is common
for councils to buy such services from local charities.

Many councils have found that a named volunteer works best.

The council will award the contract to whichever compliant bid is cheapest.

Payment will be made at £60 for each person who completes ten visits.

Have you read the service description?
"""


def test_a_buyer_s_notice_citing_research_is_not_commentary() -> None:
    outline = _outline(NOTICE)
    assert outline.kind == "requirements"
    assert {"CMP001", "PBR002"} <= _codes(NOTICE)
    # Without the lines in the buyer's voice, the same marks make commentary.
    paragraphs = NOTICE.split("\n\n")[2:]
    assert not commentary(paragraphs)
    told = [p for p in paragraphs if "Council is looking" not in p and "will award" not in p]
    assert commentary(told)


def test_payment_made_and_good_practice_are_the_page_s_own() -> None:
    assert states_term("Payment will be made at £60 for each person who completes.")
    assert recommends("Good practice is to hold back a tenth of each payment.")
    assert recommends("The best approach is to weight price at 60%.")
    assert not recommends("It is usual to pay a fixed sum for each person.")


RELAYED = """\
# Eastmoor's new day services framework: a quick guide for bidders

Posted by the Tenderwise team | 5 min read

Eastmoor opens its day services framework to bids in May, and we have read the whole pack.

Under the new framework, providers will be paid only for the hours logged on the app.

The framework will run for two years, with no extension.

In our experience, packs like this reward sharp pricing, so think before you bid.

Want help with your pricing? Book a free call with our team.
"""


def test_a_blog_relaying_another_body_s_tender_does_not_state_its_terms() -> None:
    outline = _outline(RELAYED)
    assert outline.kind == "commentary"
    flags = _flags(outline)
    assert "report" in _find(flags, "The framework will run for two years")
    assert not {c for c in _codes(RELAYED) if c.startswith(("CMP", "PBR", "OVR"))}


REFUSED_TENDER = """\
# Why we walked away from the lunch club tender

By the chief executive of Hillside Neighbours

Last month our trustees decided not to bid for the council's lunch club contract. We have run
clubs in the villages for fifteen years.

The tender gave 70% of the marks to price. Each member would get exactly four meals a week,
no more and no fewer. Five per cent of each payment would be held back until attendance
targets were met.

We could not square that with the welcome our volunteers want to give.
"""


def test_a_provider_explaining_why_it_would_not_bid_is_commentary() -> None:
    # A byline by role and the provider's own board deciding not to bid are two families of
    # marks: the tender's terms it describes are the tender's, not the page's.
    document = parse_bytes(REFUSED_TENDER.encode(), "piece.md", "md")
    families, hits = commentary_cues([b.text for b in document.blocks])
    assert families >= 2 and hits >= 2
    assert build_outline(document).kind in ("commentary", "report")
    # Without the byline and the board's decision, one family is left.
    bare = REFUSED_TENDER.replace("By the chief executive of Hillside Neighbours", "").replace(
        "our trustees decided not to bid for", "the council advertised"
    )
    assert commentary_cues([bare])[0] < 2


OPINION_PIECE = """\
# Comment: what the new floating support contract means for us

Written by the chief executive of a tenants' advice charity

We believe the council has asked for more for less. It has taken a tenth off the grant
while expecting the service to see a fifth more people each year.

The contract was let on the lowest price, and part of the fee is held back until the
targets are met. Our view is that this will push staff to chase numbers.

I think the council should sit down with tenants and providers and be honest about what
the money can buy.
"""


def test_a_bylined_opinion_piece_is_commentary_and_its_advice_still_counts() -> None:
    # The byline and the author's first-person opinion are two families of marks: what the
    # piece tells of the council's contract is an account.
    document = parse_bytes(OPINION_PIECE.encode(), "piece.md", "md")
    families, hits = commentary_cues([b.text for b in document.blocks])
    assert families >= 2 and hits >= 3
    assert build_outline(document).kind == "commentary"
    assert not [
        f
        for f in speclint.check_text(OPINION_PIECE, path="piece.md").findings
        if f.code.startswith("MFL")
    ]
    # First-person opinion without a byline is no mark: a council's strategy says "we believe".
    unsigned = OPINION_PIECE.replace(
        "Written by the chief executive of a tenants' advice charity", ""
    )
    assert (
        commentary_cues([b.text for b in parse_bytes(unsigned.encode(), "p.md", "md").blocks])[0]
        < 2
    )
    # What the piece itself asks for still counts.
    honest = "I think the council should sit down with tenants and providers and be honest"
    advice = OPINION_PIECE.replace(
        honest + " about what\nthe money can buy.",
        "I think councils should withhold a tenth of the fee until providers hit their"
        " contact targets.",
    )
    assert [
        f for f in speclint.check_text(advice, path="piece.md").findings if f.code.startswith("PBR")
    ]


def test_a_byline_naming_the_buyer_s_own_officer_is_not_a_piece() -> None:
    # The same opinions under a council director's byline are the council's own voice.
    own = OPINION_PIECE.replace(
        "Written by the chief executive of a tenants' advice charity",
        "Written by Ria Shah, Director of Housing, Eastmoor Borough Council",
    )
    assert not commentary([b.text for b in parse_bytes(own.encode(), "p.md", "md").blocks])
    assert commentary([b.text for b in parse_bytes(OPINION_PIECE.encode(), "p.md", "md").blocks])
