"""How far a negation cue reaches: across a list it opens, to the predicate that
"neither ... nor" shares, and never into a relative clause of its own."""

from __future__ import annotations

import pytest

from speclint.query.analysis import analyse
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.structure import text_unit


def _negated(text: str) -> set[str]:
    analysis = analyse(text_unit(text))
    return {t.norm for t in analysis.tokens if t.negated_by}


def _matches(query: str, text: str, *, affirmed: bool = False) -> bool:
    analysis = analyse(text_unit(text))
    return Evaluator(analysis, affirmed).run(parse_query(query)) is not None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "No extra money, cover or study leave will be provided.",
            {"money", "cover", "study", "provided"},
        ),
        (
            "Peer review will not be paid for, costed or backfilled.",
            {"paid", "costed", "backfilled"},
        ),
        (
            "There will be no travel time, mileage, and parking allowance.",
            {"time", "mileage", "parking"},
        ),
    ],
)
def test_a_cue_reaches_across_the_list_it_opens(text: str, words: set[str]) -> None:
    assert words <= _negated(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a comma that opens a new clause still ends the scope
        (
            "There will be no waiting list, and families or carers can refer themselves.",
            {"families", "carers", "refer"},
        ),
        (
            "No charge is made, so people and families are seen quickly.",
            {"people", "families", "seen"},
        ),
        # a word that opens a clause of reasons or results after the comma ends it too
        (
            "No charge is made to families, as supervision and reflection are funded.",
            {"supervision", "reflection", "funded"},
        ),
        (
            "Mileage is not paid, since visits and reviews take place on site.",
            {"visits", "reviews", "take"},
        ),
        (
            "No fee is charged, therefore carers and families are seen quickly.",
            {"carers", "families", "seen"},
        ),
        (
            "Referrals are not triaged by phone, then nurses or GPs assess them in person.",
            {"nurses", "gps", "assess"},
        ),
        # "and" with a subject and verb of its own opens a new clause, however long
        # the reach of "nor"
        (
            "Staff should neither travel to the hub nor carry case files between sites "
            "and the Council will fund clinical supervision for each of them.",
            {"council", "fund", "supervision"},
        ),
        (
            "Staff need not keep notes nor record visits twice and they will be paid for it.",
            {"paid"},
        ),
        # "not" and a preposition after a noun says which ones; the sentence's verb is
        # outside it
        ("Day centres not on the approved list are closed from April.", {"closed", "april"}),
        ("Any visit not in the care plan will be charged at the hourly rate.", {"charged", "rate"}),
        # after "each" or "every" and a noun, "the" opens the clause the cue negates
        ("The fee falls by 5% for every week the bed is not available.", {"fee", "falls", "5%"}),
        # a relative clause is a clause of its own
        ("There is no agreed model, whose costs the Provider will be paid for.", {"costs", "paid"}),
        ("There is no waiting list that is funded by the grant.", {"funded", "grant"}),
    ],
)
def test_a_cue_stops_where_its_clause_ends(text: str, words: set[str]) -> None:
    assert not words & _negated(text)


def test_not_and_a_preposition_still_negates_what_it_says() -> None:
    assert {"approved", "list"} <= _negated("Day centres not on the approved list are closed.")


def test_an_inner_pair_does_not_lend_its_negated_side_to_the_outer_connector() -> None:
    # "re-tender" is set aside by "rather than"; its partner "met" is no evidence alone
    text = "The provider met every target, yet the board chose to extend rather than re-tender."
    assert not _matches("re-tender /s met", text, affirmed=True)
    assert not _matches("(re-tender /s met) /s yet", text, affirmed=True)
    assert _matches("(board /s met) /s yet", text, affirmed=True)
    # a cue the inner pair cannot place is left for the outer partner to hold
    unfunded = "There will not be any additional funding for supervision."
    assert _matches("(additional w/3 funding) /s not", unfunded, affirmed=True)
    assert not _matches("(additional w/3 funding) /s supervision", unfunded, affirmed=True)
    assert _matches("(additional w/3 funding) /s NEG(supervision)", unfunded, affirmed=True)


def test_that_as_a_word_of_the_clause_stays_in_scope() -> None:
    assert {"that", "time"} <= _negated("The Council will not fund that time separately.")


def test_be_provided_is_a_verb_and_provided_that_a_condition() -> None:
    assert "provided" in _negated("No cover will be provided.")
    assert "paid" not in _negated("No cover is needed provided that staff are paid.")


def test_neither_nor_negates_the_predicate_both_share() -> None:
    text = (
        "Neither the peer review meetings nor the cover needed to free staff will be "
        "separately paid for."
    )
    assert _matches("meetings /s NEG(paid)", text)
    assert _matches("cover /s NEG(paid)", text)
    # the same words, the predicate affirmed in a clause of its own
    near_miss = (
        "Neither the peer review meetings nor the cover were discussed, and staff will be paid."
    )
    assert not _matches("meetings /s NEG(paid)", near_miss)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a mechanism set aside, said actively of the past, reaches forward
        ("Last winter the board disapplied the sanctions for late summaries.", {"sanctions"}),
        ("The council waived the penalties for missed visits during the flood.", {"penalties"}),
        # and said passively of the past, backward
        ("The quality incentive scheme was also suspended for that year.", {"incentive", "scheme"}),
        # "no part of" reaches past "part of" to the predicate and its object
        ("No part of the yearly block fee depends on the number of clients seen.", {"clients"}),
        ("No element of the grant is tied to how many sessions are run.", {"sessions"}),
        # rarity is negation
        ("It is very rare for a contract to be awarded on price alone.", {"price", "alone"}),
        ("Tenders are seldom judged on price alone.", {"judged", "price"}),
    ],
)
def test_cues_that_set_a_mechanism_aside(text: str, words: set[str]) -> None:
    assert words <= _negated(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a suspension still to come is the sanction itself, not its absence
        ("Payment will be suspended if the data return is late.", {"payment", "data"}),
        ("Payments may be suspended where a target is missed.", {"payments", "target"}),
        # a plain "not" keeps its usual reach
        ("Staff will not be paid for travel, and the block sum covers visits.", {"block", "sum"}),
    ],
)
def test_a_suspension_to_come_is_not_negation(text: str, words: set[str]) -> None:
    assert not words & _negated(text)


def test_a_word_inside_its_partner_cannot_borrow_the_partners_cue() -> None:
    # "not increase" is a price held; the "increase" inside it is no rise beside it
    held = "The price will not increase next year."
    assert not _matches("NEG(increase) /s increase", held, affirmed=True)
    assert not _matches("NEG(increase) w/3 increase", held, affirmed=True)
    both = "The price will not increase, but the number of visits will increase."
    assert _matches("NEG(increase) /s increase", both, affirmed=True)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        (
            "The Council will recover any sum paid for visits that did not take place.",
            {"recover", "sum", "paid", "visits"},
        ),
        ("Staff who are not trained will shadow a colleague.", {"staff"}),
        ("The Trust confirms that payments will not be withheld.", {"trust", "confirms"}),
    ],
)
def test_a_cue_after_an_auxiliary_reaches_back_only_to_the_clause_it_negates(
    text: str, outside: set[str]
) -> None:
    assert not outside & _negated(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # "no longer than" compares a length with a limit; it denies nothing
        ("People wait no longer than the locally agreed standard.", {"locally", "standard"}),
        ("Visits last no longer than the agreed hour.", {"agreed", "hour"}),
    ],
)
def test_no_longer_than_is_a_comparison_not_a_denial(text: str, words: set[str]) -> None:
    assert not words & _negated(text)
    assert "funded" in _negated("The lunch club is no longer funded by the council.")
