"""A lead-in that leaves its condition to the list ("... withheld if:") is judged by its items."""

from __future__ import annotations

from speclint import check_text

_GRANT = """# Grant conditions

3.1 The funder may withhold the grant, or ask for it to be paid back, if:

- the application gave untrue details about the charity;
- the money was spent on something the offer letter did not cover.
"""

_TARGETS = """# Payment

6.1 The Council may hold back 5% of the monthly payment where:

- fewer than 90% of reviews are completed on time; or
- the waiting list stays above 40 people for a whole quarter.
"""

_CLOSED = """# Payment

6.1 The Council will hold back 5% of each monthly payment until the KPIs in Schedule 4
are met. The reasons are:

- to keep the focus on reviews;
- to share the risk.
"""


def _codes(text: str) -> list[tuple[str, str]]:
    """(code, excerpt) of every PBR finding in ``text`` read as Markdown."""
    report = check_text(text)
    return [(f.code, f.excerpt) for f in report.files[0].findings if f.code.startswith("PBR")]


def test_money_held_back_for_misuse_listed_below_is_not_flagged_from_the_lead_in() -> None:
    assert _codes(_GRANT) == []


def test_money_held_back_against_targets_listed_below_is_flagged_on_the_items() -> None:
    found = _codes(_TARGETS)
    assert found, "the targets in the items make the lead-in's hold-back a finding"
    assert all("may hold back 5%" in excerpt for _, excerpt in found)
    assert any("fewer than 90%" in excerpt or "waiting list" in excerpt for _, excerpt in found)


def test_a_lead_in_with_its_own_condition_is_still_judged_where_it_is_written() -> None:
    found = _codes(_CLOSED)
    assert any("until the KPIs" in excerpt for _, excerpt in found)
