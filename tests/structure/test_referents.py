"""A sub-clause that points back at its parent clause is read with the parent's words.

"1.1.1 No extra payment will be made for this time." says nothing about supervision
on its own; read after "1.1 Every nurse will have monthly supervision." it says the
supervision is unfunded. The finding stays at the sub-clause's own words, and a
sub-clause that names its own subject, or points at the document ("This Schedule"), is
read alone.
"""

from __future__ import annotations

import pytest

import speclint
from speclint.structure.referents import points_back


def _findings(text: str) -> set[tuple[str, str | None]]:
    report = speclint.check_text(text, "md")
    return {(f.code, f.location.clause) for file in report.files for f in file.findings}


@pytest.mark.parametrize(
    "sentence",
    [
        "No extra payment will be made for this time.",
        "These sessions must not displace clinic appointments.",
        "It is not costed in the contract price.",
        "Such meetings will be held in the evening.",
        "It will not be funded separately.",
    ],
)
def test_pointing_back(sentence: str) -> None:
    assert points_back(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "This Schedule sets out how the Provider is paid.",
        "The Provider will report monthly.",
        "Payment is made this financial year.",
        "This means a planned conversation about practice.",
        "Short tasks, such as a medication prompt, may be done on the same call.",
        "It is essential that no additional payment is made for missed visits.",
        "It is expected that referrals will rise in the second year.",
        "This report will be sent to the Council each quarter at no extra charge.",
        "These figures must be returned by the tenth working day, at no additional cost.",
    ],
)
def test_not_pointing_back(sentence: str) -> None:
    assert not points_back(sentence)


_UNFUNDED = """# Specification

### 1. Staff

1.1 Every worker will join a fortnightly case discussion group with a psychologist.

1.1.1 The Council will not pay for this time, and visits must still go ahead as planned.
"""


def test_a_sub_clause_that_points_back_is_read_with_its_parent() -> None:
    found = _findings(_UNFUNDED)
    assert ("RFL001", "1.1.1") in found
    assert ("RFL001", "1.1") not in found


def test_the_parent_is_not_read_into_a_sub_clause_with_its_own_subject() -> None:
    text = _UNFUNDED.replace("this time", "the new uniforms")
    assert ("RFL001", "1.1.1") not in _findings(text)


def test_a_target_named_in_the_parent_carries_a_sanction_in_the_sub_clause() -> None:
    text = """# Schedule 4

### 2. Performance

2.1 The Provider will offer a first appointment to 95% of people within ten working days.

2.1.1 Missing this standard in any month will reduce that month's payment by 2%.
"""
    found = _findings(text)
    assert any(code.startswith("PBR") and clause == "Schedule 4 2.1.1" for code, clause in found)


def test_funding_in_the_parent_is_read_with_a_sub_clause_about_the_same_time() -> None:
    text = """# Specification

### 1. Staff

1.1 Every worker will have monthly supervision, costed within the staffing model (Schedule 3).

1.1.1 This time will be protected from visits and clinics.
"""
    assert not any(code.startswith("RFL") for code, _ in _findings(text))
