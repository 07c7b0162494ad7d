"""Glossaries: a term and what it means sets no term of the contract (domain brief 2.4).

A specification lists its abbreviations under a heading of their own, or sets out its
defined terms as a table of two columns ("Term | Meaning"). What a row says a word means
("CQUIN: a national scheme linking a share of income to quality goals") is not the
contract paying by results; the same words as the contract's own table of payments are.
"""

from __future__ import annotations

import speclint
from speclint.structure.meaning import definition_row, quiet_section

SPEC = """\
# Carers' Support Service Specification

## 1. Abbreviations used

CQUIN: Commissioning for Quality and Innovation, a national scheme linking a share of
provider income to quality goals.

## 2. Terms

| Term | Meaning |
|---|---|
| Service credit | A deduction of 2% of the monthly price for each KPI missed |
| PbR | Payment by results: providers paid according to the results they achieve |

## 3. Payment

| Element | Payment |
|---|---|
| Quarterly review | 5% of the price is withheld where under 90% of reviews are on time |
"""


def _codes_by_line(text: str) -> dict[int, set[str]]:
    report = speclint.check_text(text, "md")
    out: dict[int, set[str]] = {}
    for finding in report.findings:
        out.setdefault(finding.location.line or 0, set()).add(finding.code)
    return out


def test_glossary_rows_and_abbreviations_are_quiet_and_the_payment_table_is_not() -> None:
    lines = SPEC.splitlines()
    found = _codes_by_line(SPEC)
    quiet_lines = [
        n
        for n, line in enumerate(lines, 1)
        if "CQUIN" in line or "| Service credit" in line or "| PbR" in line
    ]
    assert not any(found.get(n) for n in quiet_lines), found
    payment_line = next(n for n, line in enumerate(lines, 1) if "| Quarterly review" in line)
    assert "PBR001" in found.get(payment_line, set()), found


def test_which_rows_are_definitions() -> None:
    assert definition_row("Term: CQUIN | Meaning: Commissioning for Quality and Innovation")
    assert definition_row("Abbreviation: KPI | Stands for: Key Performance Indicator")
    assert definition_row("Terms: Block | Definition: a fixed annual price")
    assert not definition_row("Element: Quarterly review | Payment: 5% withheld")
    assert not definition_row("Term: 12 months | Extension: 12 months")
    assert not definition_row("The term means the contract period.")


def test_which_headings_hold_abbreviations() -> None:
    for heading in (
        "1. Abbreviations used",
        "Acronyms",
        "Terms used in this document",
        "Jargon buster",
    ):
        assert quiet_section((heading,)), heading
    # a tender's key terms are the contract's own, not a glossary
    for heading in ("Contract terms", "Payment terms", "Terms of reference", "Key terms"):
        assert not quiet_section((heading,)), heading
