"""A suppression written between two rows of a table, in plain text and in Markdown.

A policy team that accepts one row of a KPI schedule writes its directive on the line
above that row. The directive belongs to that row alone, and the table stays one table:
its header still names every column, and its rows keep their numbers. (For Markdown an
HTML comment ends a table, so the rows under it would otherwise be a paragraph whose first
row was taken for a header.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_blocks_equal_validated

from speclint.api import check_file
from speclint.engine.grouping import unfolded
from speclint.models import FileReport
from speclint.parsers import parse_path

HEADER = ("KPI", "Threshold", "Consequence of breach")
REASON = "national contract term, under review in 2027"
ROWS = (
    "| Home visits started within the agreed window | 95% | 2% of the monthly value withheld |\n"
    "{directive}"
    "| Reviews completed within six weeks | 90% | 1% of the monthly value withheld |\n"
    "| Carers' assessments offered within 28 days | 85% | 1% of the monthly value withheld |\n"
)
DIRECTIVE = {
    ".txt": "# speclint: ignore PBR001 -- " + REASON + "\n",
    ".md": "<!-- speclint: ignore PBR001 -- " + REASON + " -->\n",
}


def _schedule(tmp_path: Path, suffix: str, directive: str) -> Path:
    source = tmp_path / f"schedule{suffix}"
    source.write_text(
        "# Schedule 4: Key performance indicators\n\n"
        "| KPI | Threshold | Consequence of breach |\n|---|---|---|\n"
        + ROWS.format(directive=directive),
        encoding="utf-8",
    )
    return source


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_directive_between_rows_keeps_one_table(tmp_path: Path, suffix: str) -> None:
    document = parse_path(_schedule(tmp_path, suffix, DIRECTIVE[suffix]))
    cells = [block for block in document.blocks if block.kind == "table_cell"]
    places = [(c.location.table.index, c.location.table.row) for c in cells if c.location.table]
    assert places == [(1, row) for row in (1, 2, 3, 4) for _ in range(3)]
    assert all(cell.header == HEADER for cell in cells[3:])
    assert [cell.comments for cell in cells[3::3]] == [
        (),
        (f"speclint: ignore PBR001 -- {REASON}",),
        (),
    ]
    assert_blocks_equal_validated(document)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_directive_between_rows_suppresses_only_the_row_below(tmp_path: Path, suffix: str) -> None:
    with_directive = check_file(_schedule(tmp_path, suffix, DIRECTIVE[suffix]))
    without = check_file(_plain(tmp_path, suffix))

    # Row by row: each place of the table's folded finding (group-repeats) counts.
    def rows(report: FileReport) -> list[int | None]:
        places = [place for f in report.findings for place in unfolded(f)]
        return [f.location.line for f in places if f.code == "PBR001"]

    assert rows(with_directive) == [5, 8]
    assert rows(without) == [5, 6, 7]


def _plain(tmp_path: Path, suffix: str) -> Path:
    folder = tmp_path / "plain"
    folder.mkdir()
    return _schedule(folder, suffix, "")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_directive_after_the_last_row_is_not_a_row(tmp_path: Path, suffix: str) -> None:
    source = _schedule(tmp_path, suffix, "")
    with source.open("a", encoding="utf-8") as out:
        out.write(DIRECTIVE[suffix] + "\nThe Provider shall report monthly.\n")
    document = parse_path(source)
    assert sum(block.kind == "table_cell" for block in document.blocks) == 12
    assert document.blocks[-1].text == "The Provider shall report monthly."
    assert document.blocks[-1].comments == (f"speclint: ignore PBR001 -- {REASON}",)


def test_markdown_rows_of_another_width_after_a_directive_are_not_the_table(tmp_path: Path) -> None:
    source = tmp_path / "schedule.md"
    source.write_text(
        "| KPI | Threshold | Consequence of breach |\n|---|---|---|\n"
        "| Home visits started on time | 95% | None |\n"
        + DIRECTIVE[".md"]
        + "| Criterion | Weighting |\n| Quality | 70% |\n| Price | 30% |\n",
        encoding="utf-8",
    )
    cells = [b for b in parse_path(source).blocks if b.kind == "table_cell" and b.location.table]
    assert {c.location.table.index for c in cells} == {1, 2}
    assert [c.header for c in cells if c.location.table.index == 2][-2:] == [
        ("Criterion", "Weighting"),
        ("Criterion", "Weighting"),
    ]


TABLE = "| KPI | Threshold | Consequence of breach |\n|---|---|---|\n| Home visits | 95% | None |\n"


def _tables(tmp_path: Path, suffix: str, after: str) -> list[tuple[int, int, str]]:
    """Each table cell's table, row and text, for ``TABLE``, a directive and ``after``."""
    source = tmp_path / f"schedule{suffix}"
    source.write_text(TABLE + DIRECTIVE[suffix] + after, encoding="utf-8")
    return [
        (b.location.table.index, b.location.table.row, b.text)
        for b in parse_path(source).blocks
        if b.kind == "table_cell" and b.location.table
    ]


FIRST_TABLE = [
    (1, 1, "KPI"),
    (1, 1, "Threshold"),
    (1, 1, "Consequence of breach"),
    (1, 2, "Home visits"),
    (1, 2, "95%"),
    (1, 2, "None"),
]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_table_of_another_width_after_a_directive_is_a_table_of_its_own(
    tmp_path: Path, suffix: str
) -> None:
    after = "| Criterion | Weighting |\n| Quality | 70% |\n| Price | 30% |\n"
    assert _tables(tmp_path, suffix, after) == [
        *FIRST_TABLE,
        (2, 1, "Criterion"),
        (2, 1, "Weighting"),
        (2, 2, "Quality"),
        (2, 2, "70%"),
        (2, 3, "Price"),
        (2, 3, "30%"),
    ]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_table_of_the_same_width_with_its_own_rule_line_is_a_table_of_its_own(
    tmp_path: Path, suffix: str
) -> None:
    after = "| Criterion | Weighting | Notes |\n|---|---|---|\n| Quality | 70% | Scored |\n"
    assert _tables(tmp_path, suffix, after) == [
        *FIRST_TABLE,
        (2, 1, "Criterion"),
        (2, 1, "Weighting"),
        (2, 1, "Notes"),
        (2, 2, "Quality"),
        (2, 2, "70%"),
        (2, 2, "Scored"),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "Triage the referral as routine | urgent.\n",  # a line with a pipe, of another width
        "| Reviews | 90% | None |\nand the rest of the sentence runs on here.\n",
    ],
)
def test_prose_with_a_pipe_after_a_directive_leaves_the_table_above_alone(
    tmp_path: Path, after: str
) -> None:
    assert _tables(tmp_path, ".txt", after) == FIRST_TABLE


def test_rows_under_a_directive_below_a_line_that_is_no_header_are_a_table(
    tmp_path: Path,
) -> None:
    source = tmp_path / "schedule.txt"
    source.write_text(
        "Referrals | are triaged by the duty nurse on the day they arrive.\n"
        + DIRECTIVE[".txt"]
        + "| Criterion | Weighting |\n| Quality | 70% |\n",
        encoding="utf-8",
    )
    cells = [b for b in parse_path(source).blocks if b.kind == "table_cell"]
    assert [(c.location.table.row, c.text) for c in cells if c.location.table] == [
        (1, "Criterion"),
        (1, "Weighting"),
        (2, "Quality"),
        (2, "70%"),
    ]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_directive_between_the_header_and_its_rule_line_keeps_the_header(
    tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"schedule{suffix}"
    source.write_text(
        "| KPI | Threshold |\n"
        + DIRECTIVE[suffix]
        + "|---|---|\n| Home visits | 95% |\n| Reviews | 90% |\n",
        encoding="utf-8",
    )
    document = parse_path(source)
    cells = [b for b in document.blocks if b.kind == "table_cell" and b.location.table]
    assert [(c.location.table.row, c.text, c.header) for c in cells] == [
        (1, "KPI", None),
        (1, "Threshold", None),
        (2, "Home visits", ("KPI", "Threshold")),
        (2, "95%", ("KPI", "Threshold")),
        (3, "Reviews", ("KPI", "Threshold")),
        (3, "90%", ("KPI", "Threshold")),
    ]
    assert len(cells) == len(document.blocks)
    assert [c.comments for c in cells[2::2]] == [(f"speclint: ignore PBR001 -- {REASON}",), ()]
    assert_blocks_equal_validated(document)
