"""LOC006 to LOC013 in the settings where commissioners actually write them.

The rules' own examples are single sentences; these tests put the same shapes in a
Markdown specification, as list items under a lead-in and as table rows, and check the
near-misses a careful commissioner writes (national minimum standards with local
tailoring, evidence that was looked at, provision that carries on) stay silent.
"""

from __future__ import annotations

import speclint
from speclint.config import Settings

LOC = Settings(select=("LOC",))

SPEC = """# Community support specification

## 3. Design

3.1 The Council has decided the following for 2026/27:

- (a) the parish good neighbour schemes will stop when the county-wide wellbeing contract begins;
- (b) caseload is projected from UK-wide prevalence; own registers were not consulted;
- (c) the Traveller lot uses the same visit schedule and targets as the general lot.

| Area | Source of model | Local changes |
|---|---|---|
| Moorland parishes | Reused from the neighbouring borough clause for clause | None |

3.2 Rural and urban wards will be staffed alike, with one ratio of workers per 1,000 adults.
"""

CLEAN = """# Community support specification

## 3. Design

3.1 The Council has decided the following for 2026/27:

- (a) the parish good neighbour schemes will continue alongside the county-wide wellbeing contract;
- (b) caseload starts from UK-wide prevalence, checked against own registers and the JSNA;
- (c) the Traveller lot has its own visit schedule and targets, agreed with Traveller families.

| Area | Source of model | Local changes |
|---|---|---|
| Moors | Began from the next borough's model, rewritten with residents | Winter home visits |

3.2 National minimum standards apply in every ward, and each ward adds sessions residents choose.
"""


def _by_clause(text: str) -> dict[str, set[str]]:
    report = speclint.check_text(text, "md", config=LOC)
    assert not report.errors
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        key = finding.location.clause or f"line {finding.location.line}"
        found.setdefault(key, set()).update(finding.codes)
    return found


def test_list_items_under_a_lead_in_are_read_with_their_own_shape() -> None:
    found = _by_clause(SPEC)
    assert "LOC007" in found["3.1(a)"]
    assert "LOC006" in found["3.1(b)"]
    assert "LOC008" in found["3.1(c)"]


def test_a_table_row_saying_a_model_was_copied_unchanged_is_flagged() -> None:
    report = speclint.check_text(SPEC, "md", config=Settings(select=("LOC011",)))
    rows = [f for f in report.findings if f.location.table is not None]
    assert [f.code for f in rows] == ["LOC011"]
    assert "clause for clause" in rows[0].excerpt


def test_unlike_places_staffed_alike_is_flagged() -> None:
    assert "LOC009" in _by_clause(SPEC)["3.2"]


def test_the_rooted_version_of_the_same_specification_is_silent() -> None:
    report = speclint.check_text(CLEAN, "md", config=LOC)
    new = {f"LOC0{n:02d}" for n in range(6, 14)}
    assert [f.code for f in report.findings if f.code in new] == []


def test_an_optional_template_and_a_statutory_duty_stay_silent() -> None:
    text = (
        "The national template is offered as an optional starting point, and each council "
        "rewrites it with local partners. The same safeguarding duties apply in every "
        "village and town, as the Care Act requires."
    )
    report = speclint.check_text(text, "txt", config=LOC)
    assert [f.code for f in report.findings] == []
