"""The realistic flawed Markdown specification: every finding at the right clause and line."""

from __future__ import annotations

from pathlib import Path

import speclint
from speclint.config import Settings

SPEC = Path(__file__).resolve().parents[2] / "fixtures" / "markdown" / "community-support-spec.md"
# Every rule reported on its own (no grouping), so that each one's place is checked.
FOUR = Settings(select=("PBR", "OVR", "RFL", "MFL"), group_related=False)

EXPECTED = {
    ("MFL001", "Schedule 2 2.3", 17),
    ("OVR001", "Schedule 2 3.2", 25),
    ("OVR003", "Schedule 2 3.2", 25),
    ("OVR003", "Schedule 2 3.4", 29),
    ("OVR007", "Schedule 2 3.4", 29),
    ("RFL001", "Schedule 2 4.2", 39),
    ("RFL001", "Schedule 2 4.3", 41),
    ("PBR001", "Schedule 2 5.2", 51),
    ("MFL003", "Schedule 2 5.4", 55),
    ("MFL002", "Schedule 2 5.5", 57),
    ("PBR001", "Schedule 2 6", 67),
}


def test_every_finding_at_the_right_clause_and_line() -> None:
    report = speclint.check_paths([SPEC], FOUR)
    assert not report.errors
    found = {(f.code, f.location.clause, f.location.line) for f in report.findings}
    assert found == EXPECTED


def test_columns_point_at_the_trigger() -> None:
    lines = SPEC.read_text("utf-8").splitlines()
    report = speclint.check_paths([SPEC], FOUR)
    for finding in report.findings:
        loc = finding.location
        assert loc.line is not None and loc.column is not None and loc.end_column is not None
        quoted = lines[loc.line - 1][loc.column - 1 : loc.end_column - 1]
        assert quoted, finding.code
        assert quoted.lower() in (finding.message + finding.excerpt).lower(), (finding.code, quoted)


def test_clean_clauses_that_share_the_vocabulary_stay_silent() -> None:
    report = speclint.check_paths([SPEC], FOUR)
    flagged = {f.location.clause for f in report.findings}
    for clean in (
        "2.1",
        "2.4",
        "3.3",
        "3.5",
        "3.6",
        "4.4",
        "4.5",
        "5.1",
        "5.3",
        "5.6",
        "5.7",
        "7.1",
    ):
        assert f"Schedule 2 {clean}" not in flagged
    kpi_rows = [f.location.table.row for f in report.findings if f.location.table]
    assert kpi_rows == [2]


def test_cross_clause_arithmetic_cites_the_evidence() -> None:
    report = speclint.check_paths([SPEC], Settings(select=("MFL003",)))
    (finding,) = report.findings
    assert "2.1" in finding.message and "−17.4%" in finding.message
