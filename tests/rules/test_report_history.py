"""Sentences that report the old arrangement or what people said about it are not operative."""

from __future__ import annotations

import pytest

from speclint.structure.meaning import sentence_flags

REPORTED = [
    "In the past, lunch calls were cut to ten minutes across the county.",
    "Under the existing contract, therapy is bought as a block of sessions.",
    "The old rota gave each worker a quarter of an hour per tenant.",
    "Families told us that the scripted calls felt cold.",
    "The engagement exercise showed that carers wanted longer visits.",
    "A review in 2023 found that most calls ran short.",
    "Today, each carer has a fixed list of tasks per call.",
    "Parents described sessions ending on the hour mid-conversation.",
    "The current contract caps therapy at eight sessions a person.",
    "Prior to 2015 practices were paid a fee for each smoker who quit.",
    "Under the old tariff system hospitals received a set price for each spell of care.",
    "The briefing notes that councils paid providers by the minute in 2019.",
]
OPERATIVE = [
    "Visits will last as long as the person needs.",
    "Each carer must complete the tasks on the list.",
    "Ninety per cent of people supported say they felt listened to.",
    "Where the quarterly audit finds gaps, the Provider will agree an action plan.",
    "The existing contract will continue until March.",
    "Before 2028 the Provider will be paid £30 for each completed course.",
    "The Council notes that from April the Provider must offer weekend visits.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_reported_or_past_arrangement_is_history(text: str) -> None:
    assert "history" in sentence_flags(text, False)


@pytest.mark.parametrize("text", OPERATIVE)
def test_operative_sentences_carry_no_flag(text: str) -> None:
    assert sentence_flags(text, False) == frozenset()
