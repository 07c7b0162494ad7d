"""Findings in the Word fixtures: clause, paragraph and table location of each one.

Expected paragraphs are found in the document itself (its ``w:t`` text), not taken
from the parser, and the tables by python-docx's own table/row/cell numbering.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import speclint
from speclint.models import Finding

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_of(path: Path, fragment: str) -> int:
    """1-based index in ``Document.paragraphs`` of the paragraph whose text holds ``fragment``."""
    paragraphs = docx.Document(str(path)).paragraphs
    found = [
        i
        for i, p in enumerate(paragraphs, start=1)
        if fragment in "".join(t.text or "" for t in p._p.iter(f"{W}t"))
    ]
    assert len(found) == 1, (fragment, found)
    return found[0]


def _cell_text(path: Path, table: int, row: int, column: int) -> str:
    return docx.Document(str(path)).tables[table - 1].rows[row - 1].cells[column - 1].text


def _findings(name: str) -> list[Finding]:
    report = speclint.check_paths([FIXTURES / name])
    assert not report.errors
    return report.findings


# (code, clause, fragment of the paragraph, or None for a paragraph python-docx does not
# list (inside a block-level content control))
REVIEW_PARAGRAPHS = [
    ("PBR001", "1.1", "Ten per cent of the monthly payment"),
    ("OVR001", "1.2", "shall last no more than 15"),
    ("OVR002", "2.1", "scripted assessment template"),  # OVR003 folded in (related)
    ("RFL001", "2.2", "within existing resources"),
    ("PBR003", "4", None),
]
REVIEW_TABLE = [
    ("OUT001", "3", (1, 2, 2), "Percentage of visits"),
    ("PBR001", "3", (1, 2, 4), "withheld"),
]


def test_review_draft_paragraph_findings() -> None:
    path = FIXTURES / "spec_review.docx"
    got = [
        (f.code, f.location.clause, f.location.paragraph)
        for f in _findings("spec_review.docx")
        if f.location.table is None
    ]
    expected = [
        (code, clause, _paragraph_of(path, fragment) if fragment else None)
        for code, clause, fragment in REVIEW_PARAGRAPHS
    ]
    assert sorted(got, key=str) == sorted(expected, key=str)
    related = {f.code: f.related for f in _findings("spec_review.docx") if f.related}
    assert related == {"OVR002": ("OVR003",)}


@pytest.mark.parametrize(("name", "expected"), [("spec_review.docx", REVIEW_TABLE)])
def test_table_findings_name_the_cell_with_the_evidence(
    name: str, expected: list[tuple[str, str, tuple[int, int, int], str]]
) -> None:
    path = FIXTURES / name
    got = [f for f in _findings(name) if f.location.table is not None]
    assert [(f.code, f.location.clause) for f in got] == [(c, cl) for c, cl, _, _ in expected]
    for finding, (_, _, cell, fragment) in zip(got, expected, strict=True):
        table = finding.location.table
        assert table is not None and (table.index, table.row, table.column) == cell
        assert fragment in _cell_text(path, *cell)
        assert finding.location.paragraph is None and finding.location.line is None


def test_word_comment_suppression_on_one_clause_only() -> None:
    codes = {(f.code, f.location.clause) for f in _findings("spec_review.docx")}
    assert ("PBR001", "1.2") not in codes  # silenced by "speclint: ignore PBR001 -- ..."
    assert ("PBR001", "1.1") in codes and ("OVR001", "1.2") in codes


def test_findings_are_in_document_order() -> None:
    findings = _findings("spec_review.docx")
    clauses = [f.location.clause for f in findings]
    assert clauses == ["1.1", "1.2", "2.1", "2.2", "3", "3", "4"]


def test_numbered_spec_kpi_table() -> None:
    path = FIXTURES / "spec_numbered.docx"
    (pbr,) = [f for f in _findings("spec_numbered.docx") if f.code == "PBR001"]
    table = pbr.location.table
    assert pbr.location.clause == "3.1" and table is not None
    assert "withheld" in _cell_text(path, table.index, table.row, table.column)
