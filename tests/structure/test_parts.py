"""Lettered parts of a schedule ("A. Service Specifications") are part of every clause number."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from helpers import REAL

import speclint
from speclint.models import Document
from speclint.parsers import parse_bytes
from speclint.parsers.markdown import parse_markdown
from speclint.parsers.text import parse_text
from speclint.structure import build_outline

PARTS = [
    ("Title", "Schedule 2 – The Services"),
    ("Heading 1", "A. Service Specifications"),
    ("Heading 2", "1. Population Needs"),
    (None, "1.1 The service covers adults living in the borough."),
    ("Heading 2", "2. Scope"),
    (None, "2.2 The Provider shall deliver the service within existing resources."),
    ("Heading 1", "B. Indicative Activity Plan"),
    (None, "1.1 The plan is reviewed each quarter with the Provider."),
]


def _docx(rows: list[tuple[str | None, str]]) -> Document:
    document = docx.Document()
    for style, text in rows:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return parse_bytes(out.getvalue(), "spec.docx", "docx")


def _markdown(rows: list[tuple[str | None, str]]) -> Document:
    marks = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### ", None: ""}
    return parse_markdown("\n\n".join(marks[s] + t for s, t in rows) + "\n", "spec.md")


def _text(rows: list[tuple[str | None, str]]) -> Document:
    return parse_text("\n\n".join(text for _, text in rows) + "\n", "spec.txt")


def _numbers(document: Document) -> list[str | None]:
    return [u.number for u in build_outline(document).units]


@pytest.mark.parametrize("read", [_docx, _markdown, _text], ids=["docx", "md", "txt"])
def test_a_lettered_heading_under_a_schedule_is_a_part(
    read: Callable[[list[tuple[str | None, str]]], Document],
) -> None:
    assert _numbers(read(PARTS)) == [
        "Schedule 2 Part A 1.1",
        "Schedule 2 Part A 2.2",
        "Schedule 2 Part B 1.1",
    ]


def test_the_part_heading_is_a_clause_of_the_tree() -> None:
    outline = build_outline(_markdown(PARTS))
    schedule = outline.clauses[0]
    assert [c.number for c in schedule.children] == ["Schedule 2 Part A", "Schedule 2 Part B"]
    part_a = schedule.children[0]
    assert part_a.heading == "Service Specifications"
    assert [c.number for c in part_a.children] == ["Schedule 2 Part A 1", "Schedule 2 Part A 2"]


def test_a_part_written_out_reads_the_same() -> None:
    rows = [(s, t.replace("A. ", "Part A – ").replace("B. ", "Part B – ")) for s, t in PARTS]
    assert _numbers(_markdown(rows)) == [
        "Schedule 2 Part A 1.1",
        "Schedule 2 Part A 2.2",
        "Schedule 2 Part B 1.1",
    ]


def test_lettered_items_inside_a_clause_are_not_parts() -> None:
    text = (
        "# Schedule 2 – The Services\n\n"
        "## 3. Payment\n\n"
        "3.1 The Provider will be paid in two ways:\n\n"
        "a. a monthly block sum for the core team;\n\n"
        "b. a sum for each person supported at home.\n\n"
        "3.2 Invoices are settled within thirty days:\n\n"
        "(a) after the quarterly review meeting;\n\n"
        "(b) once the data return has been checked.\n"
    )
    numbers = _numbers(parse_markdown(text, "spec.md"))
    assert not [n for n in numbers if n and "Part" in n], numbers
    assert "Schedule 2 3.1(a)" in numbers and "Schedule 2 3.2(b)" in numbers


def test_a_lettered_heading_under_a_clause_is_not_a_part() -> None:
    text = (
        "# Schedule 2 – The Services\n\n"
        "## 4. Workforce\n\n"
        "### A. Supervision\n\n"
        "The team meets for supervision every month.\n"
    )
    numbers = _numbers(parse_markdown(text, "spec.md"))
    assert len(numbers) == 1 and str(numbers[0]).startswith("Schedule 2 4"), numbers


def test_a_lettered_heading_with_no_schedule_is_not_a_part() -> None:
    text = "## A. Background\n\n1.1 The service began as a pilot.\n"
    assert _numbers(parse_markdown(text, "spec.md")) == ["1.1"]


def test_a_letter_out_of_turn_after_a_part_is_not_the_next_part() -> None:
    text = (
        "# Schedule 2 – The Services\n\n"
        "## A. Service Specifications\n\n"
        "## 1. Scope\n\n"
        "1.1 The service covers the borough.\n\n"
        "## D. Exclusions\n\n"
        "Hospital care is not part of this service.\n"
    )
    clauses = build_outline(parse_markdown(text, "spec.md")).clauses
    numbers = [c.number for root in clauses for c in root.walk()]
    assert "Schedule 2 Part A 1.1" in numbers
    assert not [n for n in numbers if n and "Part D" in n], numbers


SPEC_2020 = REAL / "nhse-eye-care-restoration-service-spec-2020.pdf"


@pytest.mark.skipif(not SPEC_2020.is_file(), reason="the real service specification is not here")
def test_the_real_specification_cites_its_part() -> None:
    report = speclint.check_paths([SPEC_2020])
    clauses = {f.location.clause for f in report.findings if f.code == "OUT006"}
    assert clauses == {"SCHEDULE 2 Part A 2.2"}
