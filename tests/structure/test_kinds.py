"""The kind of text a document, or a section of it, is (:mod:`speclint.structure.kinds`).

News, minutes, grant prospectuses and blank forms describe, record or ask rather than
require: their sentences are marked ``report``, ``aim`` or ``form`` and rules pass
them over. A party's duty stays operative wherever it stands, and a lone sentence reads
as before.
"""

from __future__ import annotations

import speclint
from speclint.parsers import parse_bytes
from speclint.structure import build_outline, text_unit
from speclint.structure.build import Outline
from speclint.structure.kinds import (
    decision_section,
    document_kind,
    has_blank,
    kind_flags,
    narrative_section,
    own_record,
    taken_up,
)

NEWS = """\
# Borough trials a new way of paying for home support

Posted on 3 March 2025

Last spring the borough introduced a scheme in which agencies are paid a weekly sum for
each person.

Under the new arrangement, ten per cent of each payment is held back until the person
says their goals were met.

"We wanted to stop counting minutes," the director of adult services said.

Other councils are beginning to look at the model, and a review said the savings were real.
"""

MINUTES = """\
# Notes of the Home Support Provider Forum

Present: A. Patel (chair), R. Jones, M. Okafor

Apologies: S. Lee

It was agreed that the rota pilot would run for another quarter.

Participants felt that visits of fifteen minutes were too short for personal care.

Action – RJ to circulate the draft outcomes framework before the next meeting.
"""

FUND = """\
# Neighbourhood Wellbeing Grants 2026

The fund aims to reduce loneliness among older residents by 20% over two years.

Community groups can apply for grants of up to £5,000, and applications close on 30 June.

Applicants must show how the project will involve the people it supports.
"""

FORM = """\
# Schedule 6: Pricing Schedule

Name of bidder: ________

| Service | Price |
| --- | --- |
| Standard visit | £____ per hour |
| Night sitting | [insert rate] per night |

Total annual price: £[insert]

The Provider shall be paid monthly in arrears.
"""

TEMPLATE = """\
# Schedule 5: Payment and Deductions

1.1 The Commissioner shall pay the Provider £[insert] each month in arrears, less any deductions.

1.2 Each missed visit scores [insert] points.

1.3 [insert]% of the monthly fee is withheld until the reablement target is met.

Provider name: ________

Signed: ________ Date: ________
"""

ARTICLE = """\
Supported living for autistic adults: commissioning and funding realities

Housing choices for autistic adults are shaped by frameworks, rents and void risk as
much as by need.

This article sets out how providers can work within commissioning and funding limits and
still keep placements stable.

## Why funding reality matters to stability

A placement can look within budget only because the cost is absorbed through unpaid
staff time, with no change to the weekly fee.

Common tensions include commissioned hours that do not match the support needed at peak
times.
"""

SPEC = """\
# Schedule 2: Service Specification

## 1. Case study from a neighbouring area

1.1 A neighbouring council paid agencies only when people regained independence.

1.2 The Provider shall offer a first visit within two days of referral.

## 2. Current provision

2.1 Agencies are paid by the minute, and half of all visits last fifteen minutes.

2.2 From April providers will be paid a weekly sum for each person.

## 3. Payment

3.1 The Provider will be paid 10% of the annual price on achieving the reablement target.
"""


def _outline(text: str, name: str = "doc.md") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, name.rsplit(".", 1)[1]))


def _flags(outline: Outline) -> dict[str, frozenset[str]]:
    return {
        unit.text[s.start : s.end].strip(): frozenset(s.flags)
        for unit in outline.units
        for s in unit.sentences
    }


def test_news_is_a_report_and_its_sentences_do_not_count() -> None:
    outline = _outline(NEWS)
    assert outline.kind == "report"
    flags = _flags(outline)
    held = next(k for k in flags if k.startswith("Under the new arrangement"))
    assert "report" in flags[held]


def test_a_page_that_calls_itself_an_article_is_an_account() -> None:
    # Its title and heading speak of funding, so without its self-presentation it reads as
    # a fund's prospectus; "This article sets out" makes it an account of others' choices.
    outline = _outline(ARTICLE)
    assert outline.kind == "report"
    flags = _flags(outline)
    assert "report" in flags[next(k for k in flags if k.startswith("A placement"))]
    plain = ARTICLE.replace("This article sets out how", "Here is how")
    assert _outline(plain).kind == "funding"


def test_minutes_are_minutes() -> None:
    outline = _outline(MINUTES)
    assert outline.kind == "minutes"
    flags = _flags(outline)
    assert all("report" in f for k, f in flags.items() if k.startswith(("It was", "Participants")))


def test_a_fund_says_what_it_is_for_without_setting_a_target() -> None:
    outline = _outline(FUND)
    assert outline.kind == "funding"
    flags = _flags(outline)
    aim = next(k for k in flags if k.startswith("The fund aims"))
    duty = next(k for k in flags if k.startswith("Applicants must"))
    assert "aim" in flags[aim]
    assert not flags[duty]


def test_blank_fields_of_a_form_do_not_count_but_a_duty_does() -> None:
    outline = _outline(FORM)
    assert outline.kind == "form"
    flags = _flags(outline)
    assert any("form" in f for k, f in flags.items() if "per hour" in k)
    paid = next(k for k in flags if k.startswith("The Provider shall be paid"))
    assert not flags[paid]


def test_a_template_clause_with_a_blank_is_still_a_clause() -> None:
    outline = _outline(TEMPLATE)
    assert outline.kind == "form"
    flags = _flags(outline)
    pay = next(k for k in flags if k.startswith("The Commissioner shall pay"))
    points = next(k for k in flags if k.startswith("Each missed visit"))
    assert not flags[pay]
    assert "form" in flags[points]
    withheld = next(k for k in flags if k.startswith("[insert]% of the monthly fee"))
    assert not flags[withheld]


def test_an_account_of_the_past_asking_nothing_is_a_report() -> None:
    outline = _outline(ARTICLE, "article.txt")
    assert outline.kind == "report"
    assert all("report" in f for f in _flags(outline).values())


def test_a_specification_stays_requirements_and_a_case_study_section_is_reported() -> None:
    outline = _outline(SPEC)
    assert outline.kind == "requirements"
    flags = _flags(outline)
    told = next(k for k in flags if k.startswith("A neighbouring council"))
    duty = next(k for k in flags if k.startswith("The Provider shall offer"))
    paid = next(k for k in flags if k.startswith("The Provider will be paid"))
    assert "report" in flags[told]
    assert not flags[duty] and not flags[paid]
    minute = next(k for k in flags if k.startswith("Agencies are paid by the minute"))
    weekly = next(k for k in flags if k.startswith("From April providers"))
    assert "report" in flags[minute] and not flags[weekly]


NOTICE = """\
Changes to the community nursing service

We are changing how community nursing is organised in the north of the county.

Until now the service has been run from three bases, each with its own rota.

From April it will be run from one hub, and visits will be booked centrally.

We want to hear your views before the plans are finalised.

You can have your say online or at one of four drop-in sessions.
"""

PANEL = """\
Item 7: Review of respite purchasing

Meeting: Adult Social Care Scrutiny Panel, 12 March

Members considered a report on the purchase of respite beds.

It was reported that three homes had withdrawn from the block contract.

RESOLVED: That the report be noted.
"""


EXPLAINER = """\
What is a block contract?

A block contract buys a fixed amount of care for a fixed price.

Block contracts give providers a steady income and let them plan their staffing.

A spot arrangement buys each package separately, at a price agreed each time.

Cost and volume contracts sit between the two, with a fixed core and a rate above it.

The choice depends on how certain demand is and how much risk each side can bear.

Some councils mix the models across different areas of a county.
"""


def test_an_explainer_of_kinds_of_contract_is_a_report() -> None:
    assert _outline(EXPLAINER, "explainer.txt").kind == "report"
    as_spec = EXPLAINER.replace("What is a block contract?", "Schedule 3: Payment")
    assert _outline(as_spec, "spec.txt").kind == "requirements"


def test_a_notice_asking_the_public_for_views_is_a_report() -> None:
    assert _outline(NOTICE, "notice.txt").kind == "report"


def test_a_panel_record_is_minutes_by_its_first_line_and_labels() -> None:
    assert _outline(PANEL, "panel.txt").kind == "minutes"


def test_a_lone_sentence_has_no_kind() -> None:
    body = "Under the new model, providers are paid only when people's goals are met."
    assert not text_unit(body).sentences[0].flags
    assert document_kind(_outline(body, "one.txt").document.blocks) == "requirements"


def test_the_reading_helpers() -> None:
    assert has_blank("Hourly rate: £____") and has_blank("Price per visit [insert]")
    assert has_blank("Rate (BID): $ | Total: $")
    assert not has_blank("Introduction ........ 3") and not has_blank("The rate is £18.40 an hour.")
    assert narrative_section(("Schedule 2", "What people told us"))
    assert narrative_section(("Annex C: Case studies",))
    assert narrative_section(("Section 2", "National context"))
    assert not narrative_section(("Schedule 2", "Service requirements"))
    assert kind_flags("The Provider shall attend.", "minutes", False, False) == frozenset()
    assert kind_flags("It was agreed to pilot the rota.", "minutes", False, False) == {"report"}
    said = '"Agencies must be paid for travel time," the chair said.'
    assert kind_flags(said, "report", False, False) == {"report"}
    assert kind_flags("The grant is intended for small groups.", "funding", False, False) == {"aim"}


def test_rules_pass_over_a_news_item_describing_payment_by_results() -> None:
    report = speclint.check_text(NEWS, "md")
    families = {f.family for file in report.files for f in file.findings}
    assert "PBR" not in families
    spec = speclint.check_text(SPEC, "md")
    assert "PBR" in {f.family for file in spec.files for f in file.findings}


def test_sentence_pieces_are_the_split_read_lazily() -> None:
    """The pieces a page's sentences are counted from, read one at a time, are those the
    whole split gives: runs of space after a full stop, runs of new lines, and neither."""
    from speclint.structure.kinds import _SENTENCE_END, _sentence_pieces

    texts = [
        "",
        "One. Two!  Three?\nFour\n\n\nfive",
        "No stop here\n",
        "\n\nLeading lines. And a trailing space. ",
        "Ends on a stop.",
        "A stop.\n\n  Then spaces and lines  \n  again?",
        NEWS,
    ]
    for text in texts:
        assert list(_sentence_pieces(text)) == _SENTENCE_END.split(text), text


# The minutes of a council's cabinet deciding its own procurement: what it agreed and
# how it let its own contract are terms it adopts, not a report of another's practice.
CABINET_MINUTES = """\
# Cabinet - Minutes

Present: Councillors Abbot (Leader), Bell, Chowdhury and Doyle.

## 12. Home support recommissioning

The Cabinet considered a report of the Director of Adult Services.

Councillor Bell asked whether smaller agencies would be able to bid.

The tender was scored on a 60% price and 40% quality basis.

Members agreed a contract of two years with the preferred bidder.

RESOLVED: That the contract be awarded to the preferred bidder.
"""

# The same body recording other councils' practice and its own past, now ended.
CABINET_MINUTES_OF_OTHERS = """\
# Cabinet - Minutes

Present: Councillors Abbot (Leader), Bell, Chowdhury and Doyle.

## 13. Learning from elsewhere

Members noted that two neighbouring councils had scored home support tenders on a 70% price basis.

In 2018 the council itself had let contracts of two years, before moving to longer terms.

Councillor Doyle asked whether other areas still scored bids mainly on price.

Members agreed that the two-year contracts used until now would be replaced by one of seven years.

National guidance permits payment to be held back for missed targets; members agreed not to use it.

RESOLVED: That the report be noted.
"""

# A decision record that tells its background in the past (so reads as an account) but
# sets out the decision itself under its own labels.
DECISION_RECORD = """\
# Item: Recommissioning of day opportunities

Meeting: Cabinet, 9 May

Members considered the report of the Director of Adult Services.

The report explained that day services had been bought place by place for many years.

A review was carried out last year with families and providers.

The review found that families wanted to book sessions at shorter notice.

Officers held three engagement events and a survey drew 150 replies.

Providers said that they wanted fewer, longer contracts.

The procurement was run as an open tender and closed in March.

Decision: Cabinet approved a contract of one year with the highest-scoring bidder.

Reasons for decision: The new model offers more places and longer opening hours for the same budget.
"""

# News of another council's cabinet: it "agreed" a short contract, but sets out no
# decision as a record does, so it stays an account.
CABINET_NEWS = """\
# Council agrees short care contract despite warnings

By Ann Other

Westmere council's cabinet agreed a contract of one year for day services last week,
according to papers seen by this newspaper.

"One year is far too short for people who need stability," said a spokesperson for the
carers' group.

Opposition councillors said the tender was scored mainly on price.

The council said it had to make savings.

The new provider was expected to offer more places for the same budget, campaigners said.
"""


def _family_codes(text: str, name: str = "doc.md") -> set[str]:
    report = speclint.check_text(text, name.rsplit(".", 1)[1])
    return {f.code for file in report.files for f in file.findings}


def test_a_cabinet_adopts_what_its_minutes_record_of_its_own_procurement() -> None:
    outline = _outline(CABINET_MINUTES)
    assert outline.kind == "minutes"
    flags = _flags(outline)
    own = ("The tender was scored", "Members agreed a contract", "RESOLVED: That the contract")
    for opening in own:
        held = next(k for k in flags if k.startswith(opening))
        assert "report" not in flags[held], held
    asked = next(k for k in flags if k.startswith("Councillor Bell asked"))
    assert "report" in flags[asked]
    codes = _family_codes(CABINET_MINUTES)
    assert {"CMP003", "CMP004"} <= codes


def test_minutes_of_other_councils_practice_and_an_ended_past_stay_reports() -> None:
    outline = _outline(CABINET_MINUTES_OF_OTHERS)
    assert outline.kind == "minutes"
    codes = _family_codes(CABINET_MINUTES_OF_OTHERS)
    assert not {c for c in codes if c.startswith(("CMP", "PBR"))}
    # The provider forum's notes name no deciding body: what it agreed is still reported.
    forum = _flags(_outline(MINUTES))
    agreed = next(k for k in forum if k.startswith("It was agreed"))
    assert "report" in forum[agreed]


def test_a_decision_set_out_as_a_record_counts_on_a_page_read_as_an_account() -> None:
    outline = _outline(DECISION_RECORD)
    assert outline.kind == "report"
    flags = _flags(outline)
    decision = next(k for k in flags if k.startswith("Decision:"))
    assert "report" not in flags[decision]
    told = next(k for k in flags if k.startswith("Providers said"))
    assert "report" in flags[told]
    codes = _family_codes(DECISION_RECORD)
    assert "CMP004" in codes and "MFL001" in codes
    news = _outline(CABINET_NEWS)
    assert news.kind == "report"
    assert not _family_codes(CABINET_NEWS) & {"CMP004", "CMP003", "MFL001"}


def test_own_record_reads_the_body_s_own_choice() -> None:
    # a date is no decision to end: "from September 2012 to end of March 2015"
    assert own_record(
        "That the Cabinet Member agrees the contract from September 2012 to end of March 2015;",
        labelled=True,
    )
    assert not own_record("Members approved the end of the block contract.", labelled=True)
    # a numbered resolution
    assert own_record("(i) That the procurement of the project be approved for two years;")
    assert own_record("Bids were assessed against a 55% price weighting.")
    assert own_record("The Board has agreed that the new contract will run for a year.")
    assert own_record("The new model offers more choice.", labelled=True)
    assert not own_record("Members noted that the council had let two-year contracts.")
    assert not own_record("Councillor Lee asked whether bids were scored on price.")
    assert not own_record("Neighbouring councils are weighting price at 70%.")
    assert not own_record("In 2017 the tender was evaluated on price alone.")
    assert not own_record("The officer explained the background to the review.")
    # Which way the decision goes: its own head, not what it mentions in passing.
    assert own_record("The Board agreed a contract of one year, which will replace the old grant.")
    assert own_record("Members agreed that visits are paid one by one instead of by a block sum.")
    assert own_record("Members agreed that the contract will end after 12 months.")
    assert not own_record("The panel resolved to drop the price-only award.")
    assert not own_record("Members approved the withdrawal of minute-by-minute billing.")
    assert not own_record("The yearly contracts will be replaced by one of seven years.")
    assert decision_section(("Cabinet - Minutes", "Reasons for the decision"))
    assert not decision_section(("Cabinet - Minutes", "Decision-making in other areas"))
    minutes = "Bids were scored 60% on price."
    assert kind_flags(minutes, "minutes", False, False) == {"report"}
    assert kind_flags(minutes, "minutes", False, False, own=False) == frozenset()


# A deciding body's own record going the other way: what it ends, replaces, declines or
# hears reported of the region is not what it adopts.
CABINET_MINUTES_SETTING_DOWN = """\
# Adult Services Committee - Minutes

Present: Councillors Ferris (Chair), Gill, Hussain and Ives.

## 8. Home support model

The committee resolved to halt the allocation of care packages by online auction.

Members agreed that the 65% price weighting applied last time would not be used again.

The committee approved the retirement of the 15-minute call model from next spring.

Members agreed that yearly contracts will give way to a single agreement of eight years.

The standard contract lets commissioners hold back payment for missed targets; members voted
against this.

Officers told members that across the county day care contracts are let for a year at a time.

RESOLVED: That the new model be approved.
"""

# An ombudsman's decision on a council's home care: it judges, it does not adopt.
OMBUDSMAN = """\
# Ombudsman decision: complaint about Eastwold Council

## The complaint

Mr D complains that his father's visits were cut short.

## What happened

The council bought three visits a day for Mr D's father, each of 15 minutes.

The agency told Mr D that its staff had to leave after 15 minutes.

## Decision

The council was at fault because visits are capped at 15 minutes whatever the person needs.

The agency is paid only for minutes logged at the address, which left too little time for care.

The council has agreed to apologise and to review the care plan.
"""


def test_a_deciding_body_does_not_adopt_what_it_ends_declines_or_hears_of_others() -> None:
    outline = _outline(CABINET_MINUTES_SETTING_DOWN)
    assert outline.kind == "minutes"
    codes = _family_codes(CABINET_MINUTES_SETTING_DOWN)
    assert not {c for c in codes if c.startswith(("CMP", "PBR", "OVR"))}, codes
    # Read as the body's own adopting voice, the same page's own terms do fire.
    said = "Councillor Bell said that smaller agencies would find it hard to bid."
    adopting = CABINET_MINUTES.replace(
        "Councillor Bell asked whether smaller agencies would be able to bid.", said
    )
    assert {"CMP003", "CMP004"} <= _family_codes(adopting)


def test_an_ombudsman_decision_on_a_council_is_not_the_council_s_record() -> None:
    outline = _outline(OMBUDSMAN)
    assert outline.kind == "report"
    assert not {c for c in _family_codes(OMBUDSMAN) if c.startswith(("OVR", "PBR"))}


# A deciding body that sets down a good practice in favour of an anti-pattern adopts the
# latter: only what it replaces is told.
CABINET_MINUTES_TAKING_UP = """\
# Health and Care Committee - Minutes

Present: Councillors Keane (Chair), Lund, Mistry and Nash.

## 6. Respite service

The committee resolved to end the seven-year agreement and let yearly contracts instead.

Members agreed to drop the quality threshold, so bids will be scored 70% on price.

RESOLVED: That the respite service be re-procured on these terms.
"""


def test_what_a_deciding_body_takes_up_in_place_of_what_it_ends_is_its_own() -> None:
    assert taken_up("The panel resolved to end the block fee and pay only per visit made.")
    assert taken_up("The panel resolved to end the practice of withholding payment.") is None
    codes = _family_codes(CABINET_MINUTES_TAKING_UP)
    assert "CMP003" in codes, codes


def test_a_finding_in_what_a_decision_takes_up_quotes_the_whole_sentence() -> None:
    """The split that tells the ended half from the adopted half is the rules' affair: a
    finding in the adopted half quotes the sentence as written, subject and all."""
    report = speclint.check_text(CABINET_MINUTES_TAKING_UP, "md")
    quoted = [f.excerpt for file in report.files for f in file.findings if f.code == "CMP003"]
    assert quoted, "the adopted price weighting is a finding"
    assert all(q.startswith("Members agreed to drop the quality threshold") for q in quoted), quoted


KEY_DECISION = """\
# Key decision: carers' breaks service

1. The carers' breaks contract has been extended a year at a time since 2021, the last
extension ending on 31 March.

2. All extension options have been used, so a direct award of up to 12 months will be
made to the current provider while the new model is designed.

3. The provider's payment rises or falls with the number of carers who report that
their goals were met.
"""

KEY_DECISION_NEWS = """\
# Council's key decision on carers' breaks criticised

By Ann Other

The carers' breaks contract has been extended a year at a time since 2021, campaigners said.

A direct award of up to 12 months was made to the current provider last week, according to
papers seen by this newspaper.

"Carers need stability," said a spokesperson for the carers' group.
"""


def test_a_page_titled_as_a_decision_states_its_own_terms() -> None:
    """A key decision, a cabinet member's decision, an award or modification notice, or a
    waiver, titled so, adopts the terms it records, however it tells them; news of one,
    with a byline and quoted voices, stays a report."""
    assert _outline(KEY_DECISION).kind == "requirements"
    assert {"CMP004", "PBR002"} <= _family_codes(KEY_DECISION)
    assert _outline(KEY_DECISION_NEWS).kind == "report"
    assert not _family_codes(KEY_DECISION_NEWS) & {"CMP004", "PBR001", "PBR002"}


TENDER_SITE_SUMMARY = """\
Tender

Befriending and Peer Support for Older People

This public procurement record has 2 releases in its history.

Summary of the contracting process

Westmere Council has started a tender for befriending and peer support. Bidders told the
council they wanted a longer contract, but the contract will commence on 1 June 2027,
with completion expected by 31 May 2028. Smaller charities are especially encouraged to
bid, and the council said it hoped for strong local interest.

This tender offers real opportunities for community organisations, and providers can
build on their local networks.
"""

RUN_IN_DECISION = """\
# Item 9: Short breaks for disabled children

Meeting: Cabinet, 4 March

Decision:

RESOLVED: To

1. Approve the procurement of short breaks for a period of four years.

2. Note that the Director has approved the waiver below:

- To weight the evaluation at 60% price and 40% quality.

Minutes:

Members noted that another council had weighted its tender 70% on price.
"""


def test_a_procurement_s_own_record_states_its_terms_however_told() -> None:
    """A tender site's summary of one procurement reads like news, but its dates are the
    procurement's own."""
    assert _outline(TENDER_SITE_SUMMARY, "notice.txt").kind == "requirements"
    assert "CMP004" in _family_codes(TENDER_SITE_SUMMARY, "notice.txt")


def _decided_and_told(text: str, decided: str, told: str, code: str) -> None:
    """The sentence holding ``decided`` is the body's own, the one opening with ``told``
    an account, and ``code`` is reported."""
    flags = _flags(_outline(text))
    assert "report" not in flags[next(k for k in flags if decided in k)]
    assert "report" in flags[next(k for k in flags if k.startswith(told))]
    assert code in _family_codes(text)


def test_items_after_a_run_in_decision_label_are_the_body_s_own_decision() -> None:
    """'Decision:' and 'RESOLVED: To' on lines of their own head the items after them,
    until 'Minutes:'; what the minutes tell of another council stays a report."""
    assert _outline(RUN_IN_DECISION).kind == "minutes"
    _decided_and_told(RUN_IN_DECISION, "To weight the evaluation", "Members noted", "CMP003")


QUESTIONS_THEN_RESOLVED = """\
Item 7: Carers' breaks service - direct award

(a) Asked why a one-year extension was being sought again this year, the Commissioning
Manager said the carers' strategy would shape the longer-term service.

(b) Asked whether the service could meet rising demand, the Commissioning Manager said that
provider data would be reviewed each quarter.

RESOLVED that the decision to be taken by the Cabinet Member for Adult Social Care to:

(a) Approve a direct award contract for carers' breaks for a period of 12 months, from
1 April 2027 to 31 March 2028; and

(b) Delegate authority to the Director to finalise the contract

be endorsed.
"""


def test_resolved_that_on_its_own_line_marks_the_body_s_decision_among_questions() -> None:
    """Minutes of questions and answers read as an account, but 'RESOLVED that ...' at the
    start of a line is a decision set out as a record: its items are the body's own terms,
    while the questions stay what members asked."""
    _decided_and_told(
        QUESTIONS_THEN_RESOLVED, "Approve a direct award contract", "Asked why", "CMP004"
    )
