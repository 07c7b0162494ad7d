"""Pipe tables typed in plain text or in Markdown without a ``---|---`` line.

"Criterion | Weighting" over "Price | 60%" is a table: each cell is read with its
row and column headers, as a Markdown table is, so that the rules see "Price" with
"60%" under "Weighting".
"""

from __future__ import annotations

import pytest

import speclint
from speclint.parsers import parse_bytes
from speclint.parsers.text import pipe_table
from speclint.structure import build_outline

SCORING = """\
6. Award

6.1 Bids will be scored against the criteria below.

Criterion | Weighting
Price | 70%
Quality | 30%
"""

WITH_RULE = """\
| Criterion | Weighting |
|---|---|
| Price | 70% |
| Quality | 30% |
"""


def _rows(text: str, fmt: str) -> list[str]:
    outline = build_outline(parse_bytes(text.encode(), f"spec.{fmt}", fmt))
    return [u.text for u in outline.units if u.kind == "table_cell"]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_pipe_table_is_read_with_its_header(fmt: str) -> None:
    assert _rows(SCORING, fmt) == [
        "Criterion: Price | Weighting: 70%",
        "Criterion: Quality | Weighting: 30%",
    ]


def test_a_rule_line_under_the_header_is_allowed_in_plain_text() -> None:
    assert _rows(WITH_RULE, "txt") == _rows(WITH_RULE, "md")
    assert _rows(WITH_RULE, "txt") == [
        "Criterion: Price | Weighting: 70%",
        "Criterion: Quality | Weighting: 30%",
    ]


def test_cells_are_placed_where_they_are_typed() -> None:
    document = parse_bytes(SCORING.encode(), "spec.txt", "txt")
    cells = [b for b in document.blocks if b.kind == "table_cell"]
    weight = next(b for b in cells if b.text == "70%")
    assert weight.location.line == 6
    assert weight.location.column == SCORING.splitlines()[5].index("70%") + 1
    assert weight.location.table is not None
    assert (weight.location.table.row, weight.location.table.column) == (2, 2)
    assert weight.header == ("Criterion", "Weighting")


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_price_weighting_in_a_pipe_table_is_found(fmt: str) -> None:
    report = speclint.check_text(SCORING, fmt)
    assert "CMP003" in {f.code for f in report.findings}
    balanced = SCORING.replace("Price | 70%", "Price | 30%").replace(
        "Quality | 30%", "Quality | 70%"
    )
    assert "CMP003" not in {f.code for f in speclint.check_text(balanced, fmt).findings}


@pytest.mark.parametrize(
    "lines",
    [
        # one line is no table
        ["Price | 60%"],
        # rows of different widths
        ["Criterion | Weighting", "Price | 60% | scored by panel"],
        # a sentence, not a header of labels
        ["The Provider will report each quarter | monthly if asked.", "Price | 60%"],
        # a line without a cell parting
        ["Criterion | Weighting", "Price is sixty per cent"],
    ],
)
def test_near_misses_are_not_tables(lines: list[str]) -> None:
    assert pipe_table(lines) is None


def test_prose_with_a_pipe_stays_a_paragraph() -> None:
    text = "4.2 Referrals come from GPs | community teams and are triaged daily.\n"
    document = parse_bytes(text.encode(), "spec.txt", "txt")
    assert [b.kind for b in document.blocks] == ["paragraph"]


def test_pipes_inside_markdown_code_spans_are_no_table() -> None:
    text = (
        "The nightly extract runs `grep referral | sort` on the case list\n"
        "and the weekly one runs `cut -f1 | uniq` on the waiting list.\n"
    )
    document = parse_bytes(text.encode(), "spec.md", "md")
    assert [b.kind for b in document.blocks] == ["paragraph"]


def test_a_table_of_code_spans_is_still_a_table() -> None:
    text = "Field | Format\n`referral_date` | `YYYY-MM-DD`\n`nhs_number` | `text`\n"
    assert _rows(text, "md") == [
        "Field: referral_date | Format: YYYY-MM-DD",
        "Field: nhs_number | Format: text",
    ]
