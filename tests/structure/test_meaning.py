"""What the structure layer says of each sentence and unit, frozen when it builds them.

Sentences carry their classification (definition, history, commentary, quotation),
units under a Definitions or Background heading are quiet, and a list item knows
where its lead-in is written. Query and rules only read these.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from speclint.models import Clause, Sentence, Unit
from speclint.parsers import parse_bytes
from speclint.query.analysis import analyse
from speclint.structure import build_outline, text_unit
from speclint.structure.build import Outline
from speclint.structure.meaning import (
    classify,
    flaggable,
    sentence_classes,
    sentence_flags,
)
from speclint.structure.sentences import split_sentences

DRAFT = """\
# Schedule 2 – Community Falls Service

## 1. Definitions

1.1 "Falls Lead" means the clinician named in the Provider's mobilisation plan.

## 2. Background

2.1 Until 2023 the service was run from two hospital sites.

## 3. Service requirements

3.1 "Home visit" means a visit to the person's usual place of residence. The Provider shall
offer a first home visit within ten working days of referral.

3.2 The previous provider ran a waiting list. The Provider shall not hold one.

> Commissioners have found that short contracts break up teams that work well.

3.3 The Provider will report each quarter on:

- the number of people seen within ten working days;
- the number of falls avoided after a visit.
"""


def _outline(text: str = DRAFT, name: str = "falls.md") -> Outline:
    return build_outline(parse_bytes(text.encode(), name, name.rsplit(".", 1)[1]))


def _flags_by_sentence(outline: Outline) -> dict[str, frozenset[str]]:
    return {
        unit.text[s.start : s.end]: frozenset(s.flags)
        for unit in outline.units
        for s in unit.sentences
    }


def test_each_sentence_carries_what_it_is() -> None:
    flags = _flags_by_sentence(_outline())
    assert flags['"Home visit" means a visit to the person\'s usual place of residence.'] == {
        "definition"
    }
    operative = next(text for text in flags if text.startswith("The Provider shall\noffer"))
    assert flags[operative] == frozenset()
    assert flags["The previous provider ran a waiting list."] == {"history"}
    assert flags["The Provider shall not hold one."] == frozenset()
    quoted = next(text for text in flags if text.startswith("Commissioners have found"))
    assert flags[quoted] == {"quotation", "meta", "history"}  # and an account of a finding


def test_units_under_definitions_and_background_are_quiet() -> None:
    quiet = {unit.number: unit.quiet for unit in _outline().units}
    assert quiet["Schedule 2 1.1"] and quiet["Schedule 2 2.1"]
    assert not quiet["Schedule 2 3.1"] and not quiet["Schedule 2 3.3"]


def test_the_analysis_reads_the_flags_the_structure_set() -> None:
    outline = _outline()
    for unit in outline.units:
        analysis = analyse(unit)
        assert list(analysis.flags.values()) == [s.flags for s in unit.sentences]


def test_units_are_frozen() -> None:
    unit = _outline().units[0]
    with pytest.raises(ValidationError):
        unit.text = "The Provider may charge for visits."  # type: ignore[misc]
    with pytest.raises(ValidationError):
        unit.sentences[0].flags = frozenset()  # type: ignore[misc]
    assert isinstance(unit.sentences, tuple) and isinstance(unit.children, tuple)
    assert Clause is Unit


def test_units_built_without_validation_equal_validated_ones() -> None:
    outline = _outline()
    for root in outline.clauses:
        for unit in root.walk():
            assert Unit.model_validate(unit.model_dump()) == unit
    for unit in outline.units:
        assert Unit.model_validate(unit.model_dump()) == unit


def test_a_list_item_knows_where_its_lead_in_is_written() -> None:
    outline = _outline()
    units = outline.units
    items = [(i, u) for i, u in enumerate(units) if u.lead_in]
    assert len(items) == 2
    for _, item in items:
        source = item.lead_source
        assert source is not None
        holder = units[source.unit]
        assert holder.number == "Schedule 2 3.3" and not holder.lead_in
        written = holder.text[source.start : source.end]
        assert written == item.text[: item.lead_in] == "The Provider will report each quarter on:"


def test_a_nested_item_points_at_the_item_above_it() -> None:
    source = """\
4.1 The Provider shall:

(a) train every visiting clinician in:

(i) falls risk assessment; and

(ii) safe moving and handling;

(b) keep a record of the training.
"""
    units = _outline(source, "nested.txt").units
    by_number = {u.number: (i, u) for i, u in enumerate(units)}
    _, deeper = by_number["4.1(a)(i)"]
    assert deeper.lead_source is not None
    assert units[deeper.lead_source.unit].number == "4.1(a)"
    _, sibling = by_number["4.1(b)"]
    assert sibling.lead_source is not None
    assert units[sibling.lead_source.unit].number == "4.1"


def test_a_lead_in_at_the_end_of_a_long_clause_is_found_in_its_last_piece() -> None:
    sentence = "The Provider shall keep the visit record up to date after every contact. "
    source = (
        "5.1 " + sentence * 60 + "The Provider shall also record:\n\n- the outcome of each visit.\n"
    )
    units = _outline(source, "long.md").units
    item = units[-1]
    assert item.lead_in and item.lead_source is not None
    holder = units[item.lead_source.unit]
    assert holder.continues  # a later piece of clause 5.1, not its first
    assert holder.text[item.lead_source.start : item.lead_source.end] == (
        "The Provider shall also record:"
    )


def test_a_paragraph_without_a_colon_is_no_source() -> None:
    source = "6.1 The Provider shall visit each person.\n\n- within ten working days.\n"
    assert all(u.lead_source is None for u in _outline(source, "plain.md").units)


@pytest.mark.parametrize(
    "texts",
    [
        ["The fee was previously £40.", "The Provider shall visit weekly.", ""],
        ["Safeguarding training is mandatory.", "Staff guard against falls at home."],
        ["Between 2019 and 2021 the service was paused.", "between teams"],
        ["\u0130ntroduced in 2020, the tariff applies.", "The Provider shall report."],
        ["Kelvin \u212a", "A \u017fteer clear of zone"],
    ],
)
def test_the_document_screen_agrees_with_each_sentence(texts: list[str]) -> None:
    screened = flaggable(texts)
    for text, may in zip(texts, screened, strict=True):
        sentences = split_sentences(text)
        expected = tuple(
            Sentence(start=s.start, end=s.end, flags=sentence_classes(text[s.start : s.end], False))
            for s in sentences
        )
        assert classify(text, sentences, False, may) == expected
        if not may:
            assert all(not sentence_flags(text[s.start : s.end], False) for s in sentences)


def test_a_lone_text_is_classified_as_a_documents_would_be() -> None:
    unit = text_unit("Previously the service ran weekly. The Provider shall run it daily.")
    assert [s.flags for s in unit.sentences] == [frozenset({"history"}), frozenset()]
    quoted = text_unit("This guidance asks for trust.", kind="quote")
    assert quoted.sentences[0].flags == {"quotation", "meta"}


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        # Answered no: what was asked is not so.
        ("Will the fee fall if waits rise? No, the fee is fixed.", [True, False]),
        ("Q: Is any of the fee at risk? A: No. The fee is fixed.", [True, False, False]),
        # A table row's question and answer, split as one sentence.
        ("Query 5 | Q: Is the lot won on price alone? | A: No.", [True]),
        # Answered yes, or by something else: read with its answer.
        ("Query 7 | Q: Is the lot won on price alone? | A: Yes.", [False]),
        ("Q: Is any of the fee at risk? A: Nothing is at risk in year one.", [False, False]),
        # "No. 4" is a number, not an answer.
        ("Q: Is a price schedule attached? A: No. 4 is attached.", [False, False]),
    ],
)
def test_a_question_answered_no_is_denied(text: str, denied: list[bool]) -> None:
    unit = text_unit(text)
    assert ["denied" in s.flags for s in unit.sentences] == denied
    assert not any("question" in s.flags for s in unit.sentences)


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("The Provider used to be paid for each visit made.", True),
        ("The Council used to fund the training separately.", True),
        ("Call logging will be used to calculate each payment.", False),
        ("Attendance figures are used to set next year's price.", False),
        ("Monitoring data is being used to rank the providers.", False),
        ("The indicators used to judge the contract are set out in Schedule 4.", False),
        ("Two measures used to evaluate the service: 95% of visits held at home.", False),
        ("The home used to charge a top-up for single rooms.", True),
        ("Our measures used to be counts of visits, and we have since dropped them.", True),
        ("The figures used to rank the bids in the last round were published in May.", True),
        ("The metrics used to monitor the service are listed in the appendix.", False),
    ],
)
def test_used_to_is_history_only_when_it_tells_what_once_was(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("The former provider ran the clinic from two hospital sites.", True),
        ("Formerly the Council paid a separate fee for each assessment.", True),
        ("A payment of £150 is made for each former rough sleeper still housed at a year.", False),
        ("Places are kept for former service users who need to come back.", False),
        ("One hub will serve the town centre and the former pit villages alike.", False),
        ("Outreach runs in the former coalfield communities of the east.", False),
        ("The service shall open a clinic on each of the former council estates.", False),
        ("The former district team held the waiting list until March.", True),
    ],
)
def test_former_people_and_places_are_not_a_past_arrangement(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("In past schemes the bonus was paid only when waiting times fell.", True),
        ("We accept that in previous years the penalties were set too high.", True),
        ("In earlier rounds each lot was let for a single year.", True),
        ("Past performance will be taken into account at each annual review.", False),
        ("Providers shall keep records of past referrals for six years.", False),
    ],
)
def test_past_schemes_and_years_are_history(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "history"),
    [
        ("Members noted that the savings followed a cut in the council's grant.", True),
        ("Councillors asked whether the new provider would be paid by results.", True),
        ("Officers explained that the tender was scored 60% on price.", True),
        ("The Committee were told that demand had risen by 8% a year.", True),
        ("Board members will be paid a fee for each meeting they attend.", False),
        ("The panel will score each bid on price alone.", False),
        ("Family members are invited to each review of the support plan.", False),
    ],
)
def test_minutes_record_what_was_said_not_what_is_to_be_done(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


def _parts(text: str) -> list[tuple[str, frozenset[str]]]:
    unit = text_unit(text)
    return [(unit.text[s.start : s.end], frozenset(s.flags)) for s in unit.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The clinic was previously run by the acute trust; from April the Provider will "
            "be paid only for each completed assessment.",
            [
                ("The clinic was previously run by the acute trust", {"history"}),
                ("from April the Provider will be paid only for each completed assessment.", set()),
            ],
        ),
        (
            "Until 2024 the advice line was grant funded, but from Year 2 the Provider will "
            "receive £25 for each caller who finds work.",
            [
                ("Until 2024 the advice line was grant funded", {"history"}),
                (
                    "but from Year 2 the Provider will receive £25 for each caller who finds work.",
                    set(),
                ),
            ],
        ),
        (
            "Historically the team worked from two bases, and from 1 May it must work from one.",
            [
                ("Historically the team worked from two bases", {"history"}),
                ("and from 1 May it must work from one.", set()),
            ],
        ),
        (
            "The Provider will be paid for each session held; this was formerly the practice "
            "in the north of the county.",
            [
                ("The Provider will be paid for each session held", set()),
                ("this was formerly the practice in the north of the county.", {"history"}),
            ],
        ),
        (
            # a spaced hyphen typed for a dash, as plain-text drafts do
            "Group supervision was introduced in 2019 - staff will attend it in their own time.",
            [
                ("Group supervision was introduced in 2019", {"history"}),
                ("staff will attend it in their own time.", set()),
            ],
        ),
        (
            # a pronoun after a definition opens a clause of its own: the requirement it
            # states is not part of the glossary entry
            "'Home visit' means a visit to the person's own home, and it must last no "
            "longer than 30 minutes.",
            [
                ("'Home visit' means a visit to the person's own home", {"definition"}),
                ("and it must last no longer than 30 minutes.", set()),
            ],
        ),
        (
            "'Session' means one hour of face-to-face contact, this will be paid only when "
            "the person attends.",
            [
                ("'Session' means one hour of face-to-face contact", {"definition"}),
                ("this will be paid only when the person attends.", set()),
            ],
        ),
        (
            "'Call' means a planned visit to a person at home: each one is paid at a flat "
            "£12 whatever its length.",
            [
                ("'Call' means a planned visit to a person at home", {"definition"}),
                ("each one is paid at a flat £12 whatever its length.", set()),
            ],
        ),
        (
            "'Contact' means a telephone call or a visit and these are capped at six for each "
            "referral.",
            [
                ("'Contact' means a telephone call or a visit", {"definition"}),
                ("and these are capped at six for each referral.", set()),
            ],
        ),
        (
            "For the purposes of this Part, 'Bonus' means a payment for early discharge; "
            "no Bonus is payable under this Contract.",
            [
                (
                    "For the purposes of this Part, 'Bonus' means a payment for early discharge",
                    {"definition"},
                ),
                ("no Bonus is payable under this Contract.", set()),
            ],
        ),
    ],
)
def test_history_and_definition_cover_only_their_own_clause(
    text: str, expected: list[tuple[str, set[str]]]
) -> None:
    assert _parts(text) == [(part, frozenset(flags)) for part, flags in expected]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # every clause tells the past: the sentence stays whole and silent
        (
            "The service was historically paid by results; providers were paid £200 a quit.",
            {"history"},
        ),
        (
            "The tariff was previously £40 a visit; this was changed after the 2019 review.",
            {"history"},
        ),
        # history and commentary together: nothing operative to read
        (
            "Some areas formerly bought care by the minute; this guidance asks them to move "
            "away from that.",
            {"history", "meta"},
        ),
        # a pronoun that goes on defining ("this includes", "it is counted") is the
        # definition still
        (
            "'Carer' means a person who looks after a relative or friend, and this includes "
            "young carers.",
            {"definition"},
        ),
        ("'Month' means a calendar month, and it is counted from the first day.", {"definition"}),
        # a hyphen between figures is a range, not a dash
        ("The service for people aged 18 - 25 was launched in 2019.", {"history"}),
        # a comma alone does not end the history
        ("Until 2023 the service ran from two hospital sites, seven days a week.", {"history"}),
        ("The former provider ran a waiting list, which the new Provider will close.", {"history"}),
    ],
)
def test_a_sentence_wholly_about_the_past_is_not_cut(text: str, flags: set[str]) -> None:
    assert _parts(text) == [(text, frozenset(flags))]


def test_a_past_arrangement_named_in_a_future_clause_is_not_history() -> None:
    text = (
        "From April the service will also take on the carers' offer previously delivered by "
        "the Council; no extra money comes with the transfer."
    )
    assert _parts(text) == [(text, frozenset())]
    past = "The carers' offer was previously delivered by the Council."
    assert _parts(past) == [(past, frozenset({"history"}))]


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("This guidance recommends that systems tie 20% of each payment to recovery rates.", False),
        ("Under this framework, providers should be paid £150 for each completed course.", False),
        (
            "Areas are encouraged to link 10% of contract value to the targets in this guidance.",
            False,
        ),
        ("This document sets out that providers must report every visit within a day.", False),
        # what the Provider will be paid or do is the contract speaking, not commentary
        (
            "This document sets out how the Provider will be paid: only for each visit made.",
            False,
        ),
        ("This framework covers home care, and the Provider will be paid by the minute.", False),
        # a sum or a share is the agreement's own terms ("framework" is also what is let)
        (
            "This framework includes yearly price reviews, with prices held while referrals "
            "rise by 15%.",
            False,
        ),
        ("This report includes a deduction of £500 for each late return.", False),
        # terms of the agreement or contents of a return, with no figure, are linted too
        ("This framework includes no uplift for inflation in any year of the agreement.", False),
        ("This framework includes a single price for each completed episode of care.", False),
        ("This framework provides for payment only once a course of treatment ends.", False),
        ("This report includes the number of visits made by each care worker.", False),
        ("This framework covers payment for each completed referral only.", False),
        # talk about the document itself stays commentary
        ("This guidance explains the risks of paying providers by results.", True),
        ("The purpose of this document is to describe the service model.", True),
        ("This framework is for commissioners of community mental health services.", True),
        ("This guidance explains what commissioners will find in each chapter.", True),
        ("This guidance explains how providers will be paid under the new tariff.", True),
        ("Box 3 warns against paying by the visit.", True),
        ("This guidance describes the 2019 review of the tariff.", True),
        ("This document includes the findings of the 2023 market review.", True),
        # what a framework or report holds as a document stays commentary
        ("This framework includes case studies from three local areas.", True),
        ("This report includes an overview of the evidence on paying by results.", True),
        ("This framework contains guidance on building trust with local providers.", True),
        ("This report covers the findings of the national audit in detail.", True),
        ("This framework provides examples of good practice in each chapter.", True),
    ],
)
def test_a_document_recommending_is_not_commentary(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "definition"),
    [
        ("Success for the service is defined as 1,500 appointments a year.", False),
        ("A successful outcome is defined as a completed course of six sessions.", False),
        ("A good outcome means at least 70% of clients in work at six months.", False),
        ("'Target' means £2,000 of income recovered for each household.", False),
        # glossary definitions stay silent, figures or not
        ("'Service User' means a person aged 18 or over.", True),
        ("In this Schedule, 'Month' means a calendar month.", True),
        ("'Quarter' means a period of three months.", True),
        ("'Contact' means a 30-minute session with a practitioner.", True),
        ("'Outcome Payment' means any payment linked to the achievement of outcomes.", True),
        ("'Target Population' means the 3,400 residents of the two wards.", True),
        ("'Service credit' means a deduction of 3% of the monthly fee against a KPI.", True),
        # a number that names a part of the contract is no figure
        ("'Outcome Payment' means the sum paid for each outcome set out in Annex 2.", True),
        ("'KPI' means a key performance indicator listed in paragraph 4.3 of Schedule 5.", True),
    ],
)
def test_a_definition_setting_a_figure_for_success_is_a_requirement(
    text: str, definition: bool
) -> None:
    assert ("definition" in sentence_flags(text, False)) is definition


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("Care workers must avoid staying beyond the booked half hour at each visit.", False),
        ("The Provider will avoid any visit running past its slot.", False),
        # what commissioners will avoid is the remedy, described
        ("Commissioners should avoid fixing visit lengths in the contract.", True),
        ("The Council will avoid short contracts that break up teams.", True),
        ("Paying by results was rejected as it could lead providers to avoid complex cases.", True),
    ],
)
def test_telling_those_who_give_care_to_avoid_something_is_operative(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Provider will be paid £25 per review, which was previously the rate for a visit.",
            [
                ("The Provider will be paid £25 per review", set()),
                ("which was previously the rate for a visit.", {"history"}),
            ],
        ),
        (
            "Sessions will be funded per attendance, as was formerly the case.",
            [
                ("Sessions will be funded per attendance", set()),
                ("as was formerly the case.", {"history"}),
            ],
        ),
        (
            "The Provider will still be paid for each session held as previously.",
            [("The Provider will still be paid for each session held as previously.", set())],
        ),
        # a relative clause about the past after a past clause: all history
        (
            "The former provider was paid per visit, which was usual at the time.",
            [("The former provider was paid per visit, which was usual at the time.", {"history"})],
        ),
    ],
)
def test_a_remark_about_the_past_does_not_silence_the_requirement(
    text: str, expected: list[tuple[str, set[str]]]
) -> None:
    assert _parts(text) == [(part, frozenset(flags)) for part, flags in expected]


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("Commissioners have often rewarded activity rather than recovery.", True),
        ("Commissioners have tended to buy services one lot at a time.", True),
        ("District commissioners have no discretion to alter the eligibility rules.", False),
        ("Area commissioners have to use the county pathway without amendment.", False),
        ("Commissioners have until March to confirm the local offer.", False),
    ],
)
def test_commissioners_have_is_commentary_only_when_it_tells_of_them(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("Good specifications avoid tying money to counts of contacts.", True),
        ("The service exists to avoid needless conveyance to the emergency department.", False),
        ("Paramedics will treat at scene to avoid conveyances where safe.", False),
        ("The team works to avoid readmissions within 28 days.", False),
        ("The model helps avoid A&E attendances for frail residents.", False),
    ],
)
def test_avoiding_a_harm_to_people_is_not_commentary(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # A yes-or-no question nothing in its clause answers asks; it adopts nothing.
        ("Will a fifth of the quarterly fee be held back if referrals fall?", [True]),
        ("Q7: Can the lot be awarded to the cheapest compliant bidder?", [True]),
        ("Clarification 12 | Must every welfare call be exactly ten minutes long?", [True]),
        ("If a tenant leaves early, does the Provider lose any of the weekly payment?", [True]),
        # Questions in a row: none answers the one before it.
        ("Is mileage paid? Are breaks paid?", [True, True]),
        # An answer follows: the question is answered (see the next test).
        ("Q: Is any of the fee at risk? A: Yes.", [False, False]),
        ("Will the fee fall if waits rise? No, the fee is fixed.", [False, False]),
        # A table row's labels before its question.
        ("Query 6 | Q: Is the lot won on price alone?", [True]),
        # An open question takes its content as given.
        ("How will the Provider absorb the extra referrals within the same budget?", [False]),
        ("What share of the price is withheld against the targets?", [False]),
        # Not a question at all, or a question mark inside a title.
        ("The Provider shall answer the question 'Is this working?' at each review.", [False]),
        ("The fee will be held back if referrals fall.", [False]),
    ],
)
def test_an_unanswered_yes_or_no_question_is_not_operative(text: str, asked: list[bool]) -> None:
    unit = text_unit(text)
    assert ["question" in s.flags for s in unit.sentences] == asked


@pytest.mark.parametrize(
    ("text", "history"),
    [
        # What a source found, showed or argued is an account, not this document's rule.
        ("An inquiry revealed that the trust had cut the fee for every missed visit.", True),
        ("Figures from the survey show that homes take on more residents for the same fee.", True),
        ("Campaigners argue that outcome payments push providers to pick easy cases.", True),
        ("Evidence suggests that supervision lapses when nobody pays for it.", True),
        ("The documentary evidenced that carers were paid only for time in the home.", True),
        ("An inspection uncovered that the agency paid carers by the minute.", True),
        # A condition on what monitoring shows is a rule of this contract.
        ("Where monitoring shows that waits exceed six weeks, 5% of the fee is withheld.", False),
        ("Where audits demonstrate that visits were cut short, those hours are not paid.", False),
        # "Evidence that" as a noun is what a payment waits for, not a finding reported.
        ("Half the fee is paid only on evidence that each plan was agreed with a family.", False),
        ("If the audit finds that visits were cut short, the hours will not be paid.", False),
        # What is to show it is a measure set now.
        ("More people in work will show that the service is succeeding.", False),
        # A duty inside what was found is still a duty.
        ("The review concluded that the Provider will be paid per completed course.", False),
        ("The Provider shows its staff how to record each visit.", False),
    ],
)
def test_what_a_source_reported_is_an_account_not_a_rule(text: str, history: bool) -> None:
    assert ("history" in sentence_flags(text, False)) is history


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        # Practice elsewhere, told as what is common, is commentary, not this tender's rule.
        ("It is common for councils to weight price at 60% and quality at 40%.", True),
        ("Many local authorities pay home care providers by the minute.", True),
        ("Typically, commissioners hold back a share of the fee until targets are met.", True),
        # Unless it speaks of this contract, or is a plain requirement.
        ("Some lots under this framework will go to the lowest priced bid.", False),
        ("Most referrals will come from GPs and community nurses.", False),
        ("It is expected that the Provider will hold back no fee.", False),
    ],
)
def test_what_is_common_practice_elsewhere_is_commentary(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "# Home Care Specification\n\n## 1. Scope\n\n1.1 The Provider shall visit.\n",
            "Home Care Specification",
        ),
        (
            "1.1 The Provider shall visit.\n\n## 2. Payment\n\n2.1 Fees are paid monthly.\n",
            "2. Payment",
        ),
        ("1.1 The Provider shall visit.\n\n1.2 Fees are paid monthly.\n", None),
    ],
)
def test_the_title_is_the_first_heading_with_words(text: str, title: str | None) -> None:
    found = _outline(text, "spec.md").title()
    assert (found.text.strip() if found else None) == title


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        # A meeting before a procurement, described: its agenda, not the contract's terms.
        ("The briefing will walk suppliers through the three lots and the tender timetable.", True),
        ("This webinar aims to help bidders understand how the procurement will run.", True),
        ("The purpose of the supplier day is to test the proposed lots with the market.", True),
        # A service's own sessions and meetings stay requirements.
        ("The group session will last an hour and must not run over.", False),
        ("The review meeting will agree a new support plan with the person.", False),
        ("Each workshop will be co-facilitated by a peer worker.", False),
        # "market", "lots" and "suppliers" in a service's own sessions name no procurement.
        ("The sessions will run for 20 minutes and prepare people for the jobs market.", False),
        ("Weekly sessions will be 45 minutes long and cover shopping at the local market.", False),
    ],
)
def test_a_pre_tender_event_described_is_commentary(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


def test_a_pre_tender_event_limited_to_little_stays_in_the_rules_sight() -> None:
    text = "The supplier briefing will be held once the tender is live and will only cover timings."
    assert "meta" not in sentence_flags(text, False)


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        # A field filing a council decision lists why it was a key one.
        ("Reason Key: spending over £500,000, new income or a call on reserves;", True),
        ("Decision type: Key - affects two or more wards and extra spending.", True),
        # The decision itself, and the reasons for it, stay in the rules' sight.
        ("Reasons for the decision: the budget is frozen while the service must grow.", False),
    ],
)
def test_a_decision_records_filing_field_is_not_a_requirement(text: str, meta: bool) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        # An option a decision weighed and set aside, told in one sentence of its reasons.
        ("A one-year contract was considered but rejected because it would unsettle staff.", True),
        ("Scoring bids 60% on price was also considered and rejected as unfair.", True),
        ("Re-tendering every year was explored and not taken forward.", True),
        ("A price-only award was ruled out as it would favour the cheapest bid.", True),
        # A rejection that is a term of the contract stays in the rules' sight.
        ("Tenders priced above the cap will be rejected.", False),
        ("The contract will run for one year, and any extension is not recommended.", False),
    ],
)
def test_an_option_considered_and_rejected_is_not_what_a_decision_adopts(
    text: str, meta: bool
) -> None:
    assert ("meta" in sentence_flags(text, False)) is meta


QUOTED_TO_CRITICISE = (
    "Under the new national contract, each worker will be expected to make 400 referrals a year. "
    "That figure bears no relation to the time it takes to build trust."
)


def test_a_national_requirement_quoted_to_be_criticised_is_a_report() -> None:
    flags = [s.flags for s in text_unit(QUOTED_TO_CRITICISE).sentences]
    assert "report" in flags[0] and "report" not in flags[1]
    # Another's requirement told, then accepted rather than attacked: read as asked.
    adopted = text_unit(
        "Under the national contract, each worker will be expected to make 400 referrals a "
        "year. This target will be reviewed each quarter."
    )
    assert not adopted.sentences[0].flags
    # A page's own requirement, however the next sentence judges it, stays its own.
    own = text_unit(
        "Each worker will be expected to make 400 referrals a year. This is a target that "
        "the network agreed."
    )
    assert not own.sentences[0].flags
    # "This is a target which the ICB will apply" takes the requirement up: still asked.
    taken_up = text_unit(
        "Under the new national contract, providers will lose 2% of income if fewer than 75% "
        "of people are seen in six weeks. This is a target which the ICB will apply locally."
    )
    assert not taken_up.sentences[0].flags
    # What the national programme requires, then called arbitrary: told, not asked.
    required = text_unit(
        "The national programme requires each worker to make 350 referrals a year. The figure "
        "is arbitrary and ignores how long trust takes."
    )
    assert "report" in required.sentences[0].flags
    # A criticism saying what providers will do as a result takes nothing up.
    struggling = text_unit(
        "Under the new national contract, each worker will be expected to make 350 referrals a "
        "year. That figure is arbitrary, and providers will struggle to meet it."
    )
    assert "report" in struggling.sentences[0].flags


def test_a_clause_titled_as_its_section_stands_in_that_section() -> None:
    # The title of a numbered clause, as a heading or on its own first line, is the
    # section its text stands in: an evidence base is quiet, a local context a story.
    headed = _outline(
        "# Falls Service Specification\n\n## 1. Population needs\n\n"
        "### 1.1 National and local context and evidence base\n\n"
        "About 30% of people over 65 fall each year.\n\n## 2. Scope\n\n"
        "2.1 The Provider shall see urgent referrals within two days.\n"
    )
    quiet = {unit.number: unit.quiet for unit in headed.units}
    assert quiet == {"1.1": True, "2.1": False}
    run_in = _outline(
        "1.1\nLocal context\nAbout 30% of people over 65 fall each year.\n\n"
        "1.2\nThe Provider shall see urgent referrals\nwithin two days.\n",
        "spec.txt",
    )
    flags = {unit.number: [s.flags for s in unit.sentences] for unit in run_in.units}
    assert flags["1.1"] == [frozenset({"report"})] * len(flags["1.1"])
    assert flags["1.2"] == [frozenset()] * len(flags["1.2"])


def test_advice_against_a_practice_is_commentary_unless_it_asks_for_another() -> None:
    assert "meta" in sentence_flags(
        "We advise against tying any of the fee to waiting-time targets.", False
    )
    assert "meta" in sentence_flags(
        "Commissioners are cautioned against payment on results.", False
    )
    assert "meta" not in sentence_flags(
        "We advise against block contracts and recommend that a tenth of the fee is held back.",
        False,
    )
    assert "meta" not in sentence_flags(
        "The Cabinet decided against the block contract and approved payment on results.", False
    )
