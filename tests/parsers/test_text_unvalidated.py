"""Plain-text blocks: built without validation, and directives inside pipe tables.

The plain-text reader builds every block, location and anchor from values it worked out
(paragraphs, headings after rule lines, pipe-table cells with their header, list items,
directive comments) without validating them; each must equal what validation makes of the
same values, field by field and in field order. A directive line between two rows of a
pipe table belongs to the row below it and does not break the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REAL, ROOT, assert_blocks_equal_validated

from speclint.api import check_file
from speclint.parsers import parse_path

TEXT_FILES = sorted((ROOT / "fixtures").rglob("*.txt")) + (
    sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
)


@pytest.mark.parametrize("path", TEXT_FILES, ids=[p.name for p in TEXT_FILES])
def test_text_blocks_equal_validated_blocks(path: Path) -> None:
    assert_blocks_equal_validated(parse_path(path))


KPI_TABLE = (
    "SCHEDULE 4: KEY PERFORMANCE INDICATORS\n"
    "\n"
    "| KPI | Threshold | Consequence of breach |\n"
    "|---|---|---|\n"
    "# speclint: ignore PBR001 -- national contract term, under review in 2027\n"
    "| Home visits started within the agreed window | 95% | 2% of the monthly value withheld |\n"
    "| Reviews completed within six weeks | 90% | 1% of the monthly value withheld |\n"
)


def test_directive_between_rows_keeps_the_table(tmp_path: Path) -> None:
    source = tmp_path / "schedule.txt"
    source.write_text(KPI_TABLE, encoding="utf-8")
    document = parse_path(source)
    cells = [block for block in document.blocks if block.kind == "table_cell"]
    assert [cell.location.table.row for cell in cells if cell.location.table] == [1] * 3 + [
        2
    ] * 3 + [3] * 3
    assert all(cell.header == ("KPI", "Threshold", "Consequence of breach") for cell in cells[3:])
    assert [cell.comments for cell in cells[3::3]] == [
        ("speclint: ignore PBR001 -- national contract term, under review in 2027",),
        (),
    ]
    assert_blocks_equal_validated(document)


def test_directive_between_rows_suppresses_only_its_row(tmp_path: Path) -> None:
    source = tmp_path / "schedule.txt"
    source.write_text(KPI_TABLE, encoding="utf-8")
    lines = [
        finding.location.line for finding in check_file(source).findings if finding.code == "PBR001"
    ]
    assert lines == [7]


def test_directive_after_the_last_row_is_not_part_of_the_table(tmp_path: Path) -> None:
    source = tmp_path / "schedule.txt"
    source.write_text(
        KPI_TABLE + "# speclint: ignore OUT001 -- agreed with the ICB\n", encoding="utf-8"
    )
    document = parse_path(source)
    assert sum(block.kind == "table_cell" for block in document.blocks) == 9
    assert document.blocks[-1].comments == ("speclint: ignore OUT001 -- agreed with the ICB",)
