"""A rule's ``unless_in_context`` reads a unit's heading, lead-in and columns with its text.

OUT001 stays silent on plain counts a document files under a *process measures* heading,
next to its outcome measures, and still flags a throughput ratio or a count with a target
there, and the same plain count under an outcome heading.
"""

from __future__ import annotations

import pytest

from speclint.api import check_text
from speclint.engine.grouping import unfolded
from speclint.rules import get_rule
from speclint.rules.schema import Rule

DOC = """# Annex C: how the clinic will be monitored

## Outcome measures

| Measure | Clinic | Outreach |
|---|---|---|
| Fewer hospital outpatient visits for eye problems | yes | yes |

## Process measures

| Measure | Clinic | Outreach |
|---|---|---|
| Number of referrals received | yes | yes |
| Count of clinic sessions held, by site | yes | no |
| Patients assessed per clinic session | yes | no |
| Number of referrals received against a target of 900 a year | yes | yes |
"""


def _flagged(code: str) -> set[str]:
    report = check_text(DOC, "md")
    found: set[str] = set()
    for file in report.files:
        # Each row of a folded table counts (group-repeats): the rows are judged one by one.
        for finding in (place for f in file.findings for place in unfolded(f)):
            if finding.code == code:
                found.add(finding.excerpt.split("|")[0].split(":")[-1].strip())
    return found


def test_plain_counts_under_a_process_heading_stay_silent() -> None:
    flagged = _flagged("OUT001")
    assert "Number of referrals received" not in flagged
    assert "Count of clinic sessions held, by site" not in flagged


@pytest.mark.parametrize(
    "row",
    [
        "Patients assessed per clinic session",
        "Number of referrals received against a target of 900 a year",
        "Fewer hospital outpatient visits for eye problems",
    ],
)
def test_rates_targets_and_outcome_headings_still_flag(row: str) -> None:
    assert row in _flagged("OUT001")


def test_the_field_parses_and_is_kept() -> None:
    rule = get_rule("OUT001")
    assert isinstance(rule, Rule)
    assert rule.unless_in_context is not None
    assert "@PROCESS_FRAME" in rule.unless_in_context


@pytest.mark.parametrize(
    "extra",
    [
        {"check": "short_term", "unless_in_context": "@PROCESS_FRAME"},
        {"check": "short_term", "unless_anywhere": "framework"},
        {"query": "measure", "absent_from_document": True, "unless_in_context": "process"},
    ],
)
def test_a_cancelling_query_the_engine_would_ignore_is_refused(extra: dict[str, object]) -> None:
    rule = get_rule("OUT001")
    assert isinstance(rule, Rule)
    fields = rule.model_dump(exclude={"query", "unless_in_context", "unless_anywhere"})
    with pytest.raises(ValueError, match="unless_"):
        Rule.model_validate({**fields, **extra})
