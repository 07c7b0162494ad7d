"""Tables of label | value pairs are read with no header row, in every format."""

from __future__ import annotations

import io

import docx
import pytest

from speclint.api import parse_bytes
from speclint.parsers.markdown import parse_markdown
from speclint.structure import build_outline

HEADER_BOX = [
    ("Service Specification No.", "2027/CHS/07"),
    ("Service", "Children's Community Nursing"),
    ("Commissioner Lead", "Head of Children's Commissioning"),
    ("Period", "1 April 2027 to 31 March 2032"),
]


def _markdown(rows: list[tuple[str, str]]) -> str:
    first, *rest = rows
    lines = [f"| {first[0]} | {first[1]} |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rest]
    return "## Schedule 2 Part A\n\n" + "\n".join(lines) + "\n"


def _docx(rows: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=2)
    for r, (a, b) in enumerate(rows):
        table.cell(r, 0).text = a
        table.cell(r, 1).text = b
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(fmt: str, rows: list[tuple[str, str]]) -> list[str]:
    if fmt == "md":
        document = parse_markdown(_markdown(rows), "spec.md")
    else:
        document = parse_bytes(_docx(rows), "spec.docx", "docx")
    return [u.text for u in build_outline(document).units if u.kind == "table_cell"]


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_header_box_reads_each_row_as_label_and_value(fmt: str) -> None:
    assert _rows(fmt, HEADER_BOX) == [f"{a} | {b}" for a, b in HEADER_BOX]


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("column", ["Target", "Target 2026/27", "Target (%)"])
def test_a_table_whose_first_row_names_its_columns_keeps_its_header(fmt: str, column: str) -> None:
    rows = [
        ("Indicator", column),
        ("Visits started on time", "95%"),
        ("People with a written plan", "90%"),
    ]
    assert _rows(fmt, rows) == [
        f"Indicator: Visits started on time | {column}: 95%",
        f"Indicator: People with a written plan | {column}: 90%",
    ]


def test_a_first_column_of_sentences_is_no_label_column() -> None:
    rows = [
        ("Requirement", "Reference 4.2"),
        ("The Provider will see people at home.", "Yes"),
        ("Visits are agreed with the person.", "Yes"),
    ]
    assert _rows("md", rows)[0].startswith("Requirement: The Provider")
