"""Findings in the PDF fixture: page, printed line and clause of each one.

Expected positions come from the generator's record of where it drew each line
(``make_fixtures.Layout``), never from the parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_generator

import speclint
from speclint.config import Settings
from speclint.models import Finding

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
SPEC = FIXTURES / "spec_multipage.pdf"


@pytest.fixture(scope="module")
def layout() -> object:
    return load_generator("pdf").spec_multipage()[1]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    """Every finding at its own place: the table's rows not folded into one."""
    report = speclint.check_paths([SPEC], config=Settings(group_repeats=False))
    assert not report.errors
    return report.findings


@pytest.fixture(scope="module")
def folded() -> list[Finding]:
    report = speclint.check_paths([SPEC])
    assert not report.errors
    return report.findings


# (code, clause, a fragment of the printed line the trigger starts on)
EXPECTED = [
    ("MFL001", "3.2", "7 days a week with no"),  # the trigger starts at the end of the line
    ("RFL001", "4.3.2", "monthly clinical supervision within existing resources"),
    ("PBR001", "5.1", "KPI 1"),
    ("PBR001", "5.1", "KPI 3"),
]


def test_every_finding_has_the_page_line_and_clause_a_reader_sees(
    findings: list[Finding], layout: object
) -> None:
    got = [(f.code, f.location.clause, f.location.page, f.location.line) for f in findings]
    expected = []
    for code, clause, fragment in EXPECTED:
        line = layout.find(fragment)  # type: ignore[attr-defined]
        expected.append((code, clause, line.page, line.number))
    assert got == expected


def test_clause_crossing_the_page_break_keeps_its_number(findings: list[Finding]) -> None:
    (rfl,) = [f for f in findings if f.code == "RFL001"]
    assert rfl.location.section and rfl.location.section[-1].startswith("4.3")
    assert "supervision within existing resources" in rfl.excerpt


def test_running_header_and_footer_text_is_never_a_finding(findings: list[Finding]) -> None:
    for finding in findings:
        assert "OFFICIAL" not in finding.excerpt and "Page " not in finding.excerpt


def test_table_findings_carry_the_cell_location(findings: list[Finding]) -> None:
    tables = [f.location.table for f in findings if f.code == "PBR001"]
    assert [(t.index, t.row) if t else None for t in tables] == [(1, 2), (1, 4)]


def test_the_rows_of_one_pdf_table_fold_into_one_finding(
    findings: list[Finding], folded: list[Finding], layout: object
) -> None:
    """The ruled table of the layout pass: KPI 1's finding names KPI 3's row, at its line."""
    (kept,) = [f for f in folded if f.code == "PBR001"]
    first, second = [f for f in findings if f.code == "PBR001"]
    assert kept.location == first.location and kept.fingerprint == first.fingerprint
    assert kept.also_at == (second.location,)
    line = layout.find("KPI 3")  # type: ignore[attr-defined]
    assert (kept.also_at[0].page, kept.also_at[0].line) == (line.page, line.number)
    assert kept.also_note == f" (also rows at page {line.page} line {line.number})"
    assert [f for f in folded if f.code != "PBR001"] == [f for f in findings if f.code != "PBR001"]
