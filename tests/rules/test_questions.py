"""A question asks: it adopts nothing, unless the answer after it says yes."""

from __future__ import annotations

import pytest

import speclint


def families(text: str) -> set[str]:
    report = speclint.check_text(text, "txt")
    assert not report.errors
    return {f.family for f in report.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Will a tenth of each monthly payment be withheld if the waiting-time target is missed?",
        "Q4: Can the contract be awarded on the lowest price alone?",
        "Must each home visit last exactly 15 minutes?",
        "Is clinical supervision to be delivered within existing resources?",
        "Clarification 3 | If referrals rise, will the Provider absorb them within the same fee?",
        # Answered "No": the price-led award asked about is denied.
        "Q: Can the contract be awarded on the lowest price alone? A: No. Quality carries 65%.",
        "Query 11 | Q: Is the cheapest bid the winning bid? | A: No. Price carries a third.",
    ],
)
def test_an_unanswered_yes_or_no_question_raises_nothing(text: str) -> None:
    assert families(text) == set()


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # The answer adopts what was asked.
        (
            "Q: Will a tenth of each monthly payment be withheld if the waiting-time target "
            "is missed? A: Yes.",
            "PBR",
        ),
        # A "No" to another question: the statement after it is read.
        (
            "Query 12 | Q: Is there a quality threshold? | A: No. The contract goes to the "
            "cheapest bid.",
            "CMP",
        ),
        # A "No" that admits a gap: what is not funded, allowed or done is read.
        (
            "Q: Is clinical supervision time funded in the price? A: No, it must be met from "
            "existing resources.",
            "RFL",
        ),
        (
            "Clarification 7 | Can a reablement worker extend a visit for a client who is "
            "unwell? | No; all visits are thirty minutes and the rota cannot hold a longer call.",
            "OVR",
        ),
        (
            "Query 12 | Q: Were tenants asked before the move to shared housing officers? "
            "| A: No, officers had already approved it.",
            "VOI",
        ),
        # An open question takes its content as given.
        (
            "How will the Provider deliver the extra clinics within the existing budget?",
            "MFL",
        ),
        # A statement is a statement, whatever question follows it.
        (
            "A tenth of each monthly payment will be withheld if the waiting-time target is "
            "missed. Is that clear?",
            "PBR",
        ),
    ],
)
def test_an_answered_or_open_question_is_still_read(text: str, family: str) -> None:
    assert family in families(text)


def test_a_denied_question_is_skipped_only_where_a_no_clears_the_family() -> None:
    from speclint.rules.context import RuleContext, opted_in
    from speclint.structure.build import build_outline

    text = "Q: Is any of the fee held back against the targets? A: No. The fee is fixed."
    outline = build_outline(speclint.parsers.parse_bytes(text.encode(), "q.txt", "txt"))
    ctx = RuleContext.build(outline)
    asked = ctx.sentence_ids(0)[0]
    # Price and counting rules, and Python checks of those families, pass the question over.
    assert asked in ctx.reading(opted_in("CMP", ())).skipped_sentences(0)
    assert asked in ctx.skipped_sentences(0)
    # Any other family, its checks included, reads it with its answer.
    assert asked not in ctx.reading(opted_in("RFL", ())).skipped_sentences(0)
    assert ctx.reading(opted_in("RFL", ())).outline is outline


@pytest.mark.parametrize(
    "text",
    [
        # A question put at a meeting, told as put and left open there.
        "A member asked whether the day service contract would be awarded on price alone.",
        "Cllr Okafor queried if the new carers' contract would run for a single year.",
        "Action 3: officers to confirm whether the framework will be let for twelve months only.",
        # A direct question with an FAQ label, answered no.
        "FAQ: Will the home care contract go to the cheapest bidder? No. Quality carries 60%.",
    ],
)
def test_a_question_put_and_left_open_raises_nothing(text: str) -> None:
    assert families(text) == set()


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # Answered in the same sentence: read whole with its answer.
        (
            "A governor asked whether the supervision groups would be funded and was told "
            "that they must be run within existing resources.",
            "RFL",
        ),
        # Nobody put the question: a voice left out.
        ("At no stage were tenants asked whether the new rota suited them.", "VOI"),
        # The question sits in a condition; the clause after it binds.
        (
            "If a relative has asked whether a visit can run longer, the worker must still "
            "leave after exactly 15 minutes.",
            "OVR",
        ),
    ],
)
def test_a_question_answered_nobody_put_or_in_a_condition_is_read(text: str, family: str) -> None:
    assert family in families(text)
