"""A page bylined by the buyer's own officer speaks for the buyer (:mod:`speclint.structure.voice`).

A council director's or an ICB officer's page may say "we believe" and "in my view", but its
terms are the body's own: they are read as requirements, not as an account or a piece about
the body. A charity chief executive's opinion piece and a news report quoting an officer stay
accounts.
"""

from __future__ import annotations

import pytest

from speclint import check_text

TERMS = """
I think carers deserve better, and in my view the old contracts let them down. We believe the new
model will help.

From April the carers support service will be paid £120 for each carer assessment completed.

The contract will run from 1 April 2027 to 31 March 2028.

New referrals will go to the cheapest provider first.
"""


@pytest.mark.parametrize(
    ("byline", "own"),
    [
        # The buyer's own officer: the body speaking, so its terms are its own.
        ("By Jo Reid, Assistant Director of Commissioning, Eastshire County Council", True),
        ("Jo Reid, Assistant Director of Commissioning, Eastshire County Council", True),
        (
            "Written by Sam Okoro, Chief Commissioning Officer, Fenbridge Integrated Care Board",
            True,
        ),
        # Anyone else, a former officer, a charity whose name holds "Council": an account.
        ("By Helen Marsh, Chief Executive of Carers Together", False),
        ("By Jo Reid, former Director of Adult Social Care, Eastshire County Council", False),
        ("By Tom Harris, Chief Executive, Riverside Council for Voluntary Service", False),
        ("Tom Harris, Chief Executive, Northshire Race Equality Council", False),
        ("By Tom Harris, Policy Lead, Northshire Carers Council (a registered charity)", False),
        ("By Tom Harris, Chief Executive, Northshire Council of Faiths", False),
        ("By Tom Harris, Chair, Northshire Older People's Council", False),
    ],
)
def test_only_the_buyer_s_own_officer_keeps_the_page_s_terms(byline: str, own: bool) -> None:
    page = "# A fairer deal for carers\n\n" + byline + "\n" + TERMS
    codes = {f.code for f in check_text(page, "md").findings}
    if own:
        assert {"CMP004", "PBR002"} <= codes
    else:
        assert not codes & {"CMP004", "PBR002"}


def test_a_news_report_quoting_an_officer_stays_a_report() -> None:
    page = (
        "# Council changes home care fees\n\nPublished 3 May 2026\n\n"
        "Jo Reid, director of adult services at Westshire County Council, said the council had"
        " no choice.\n\nThe council decided last month that providers will be paid £120 for each"
        " assessment completed.\n\nProviders told us they were angry. Critics say the change will"
        " hit small agencies.\n\nShare this article\n"
    )
    assert not check_text(page, "md").findings
