"""Clause labels (the lark grammar), sentence splitting and the clause tree."""

from __future__ import annotations

import pytest

import speclint
from speclint.models import Clause
from speclint.parsers.markdown import parse_markdown
from speclint.parsers.text import parse_text
from speclint.structure import build_outline, split_sentences
from speclint.structure.labels import parse_heading


@pytest.mark.parametrize(
    ("text", "labels", "rest"),
    [
        ("1. Introduction", ["1."], "Introduction"),
        ("1.1 The Provider shall deliver", ["1.1"], "The Provider shall deliver"),
        ("2.2.1 The Provider shall", ["2.2.1"], "The Provider shall"),
        ("(a) referrals;", ["(a)"], "referrals;"),
        ("(iii) discharges", ["(iii)"], "discharges"),
        ("a) one", ["a)"], "one"),
        ("iv) four", ["iv)"], "four"),
        ("Clause 4.3 The Provider", ["Clause 4.3"], "The Provider"),
        ("Schedule 2 – Service Specification", ["Schedule 2"], "Service Specification"),
        ("Part A", ["Part A"], ""),
        ("Annex 1: Pricing", ["Annex 1"], "Pricing"),
        ("Appendix B", ["Appendix B"], ""),
        ("### 3. Finance", ["3."], "Finance"),
        ("2.2 Staffing", ["2.2"], "Staffing"),
        ("3 Finance", ["3"], "Finance"),
        (
            "Schedule 2 Part A 3(b)(iii) The Provider shall",
            ["Schedule 2", "Part A", "3", "(b)", "(iii)"],
            "The Provider shall",
        ),
    ],
)
def test_labels(text: str, labels: list[str], rest: str) -> None:
    heading = parse_heading(text)
    assert heading is not None
    assert [label.text for label in heading.labels] == labels
    assert heading.text == rest


@pytest.mark.parametrize(
    "text",
    [
        "24 hours a day, every day of the year.",
        "Section 3 records what people told us matters most.",
        "12 months with no option to extend.",
        "1.5 hours of supervision each month.",
        "£2.4m a year.",
        "10:00 to 11:30 on Tuesdays.",
        "Part of the service is delivered online.",
        "The Provider shall deliver support.",
    ],
)
def test_sentences_that_open_with_numbers_are_not_clauses(text: str) -> None:
    assert parse_heading(text) is None


def test_markdown_heading_without_number() -> None:
    heading = parse_heading("## Background")
    assert heading is not None
    assert heading.labels == () and heading.markdown_level == 2 and heading.text == "Background"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fees, e.g. travel, are paid. The rate is £2.4m a year. See para. 4.3 i.e. the table.",
            [
                "Fees, e.g. travel, are paid.",
                "The rate is £2.4m a year.",
                "See para. 4.3 i.e. the table.",
            ],
        ),
        (
            "Bring ID, a letter etc. to the visit. Then wait.",
            ["Bring ID, a letter etc. to the visit.", "Then wait."],
        ),
        ("Meet at No. 5 Hill Street. It is open.", ["Meet at No. 5 Hill Street.", "It is open."]),
        (  # "No." abbreviates "number" only before a figure; an answer "No." ends
            "Q: Will the fee change? A: No. The fee is fixed. See Nos. 4-6.",
            ["Q: Will the fee change?", "A: No.", "The fee is fixed.", "See Nos. 4-6."],
        ),
        (
            "Clause 4.3 applies. Clause 4.4 does not.",
            ["Clause 4.3 applies.", "Clause 4.4 does not."],
        ),
        (  # a form's field lines are sentences of their own, even after a bare link
            "Note: register at https://tenders.example/notice?ID=42\n"
            "Lot 2 contractPeriod: startDate: 2026-01-01\n"
            "Lot 2 renewal: two further years, subject to funding.",
            [
                "Note: register at https://tenders.example/notice?ID=42",
                "Lot 2 contractPeriod: startDate: 2026-01-01",
                "Lot 2 renewal: two further years, subject to funding.",
            ],
        ),
        (  # a wrapped line of prose that opens with a label-like phrase carries on
            "Payment is withheld where the provider misses the\n"
            "Schedule 2 targets: at least 95% of visits on time.",
            [
                "Payment is withheld where the provider misses the\n"
                "Schedule 2 targets: at least 95% of visits on time."
            ],
        ),
        (  # but a lead-in keeps its first line, and a wrapped line is no field
            "The Provider will be paid:\nMonthly: a fixed sum\nfor the whole service.",
            ["The Provider will be paid:\nMonthly: a fixed sum\nfor the whole service."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


SPEC = """Schedule 2 – Service Specification

1. Introduction
1.1 This Specification sets out the service.

2. Staffing
2.1 The Provider shall deliver:
(a) assessment;
(b) support, including:
(i) peer support;
(ii) carers' groups; and
(c) review.
2.2 Quality
The Provider shall report quarterly.

Part B
3(b)(iii) The Provider shall publish the plan.
"""


def _units(text: str) -> dict[str, Clause]:
    outline = build_outline(parse_text(text, "spec.txt"))
    return {u.number or "": u for u in outline.units}


def test_clause_tree_numbers_and_headings() -> None:
    units = _units(SPEC)
    assert list(units) == [
        "Schedule 2 1.1",
        "Schedule 2 2.1",
        "Schedule 2 2.1(a)",
        "Schedule 2 2.1(b)",
        "Schedule 2 2.1(b)(i)",
        "Schedule 2 2.1(b)(ii)",
        "Schedule 2 2.1(c)",
        "Schedule 2 2.2",
        "Schedule 2 Part B 3(b)(iii)",
    ]
    assert units["Schedule 2 2.1(b)(ii)"].heading_path == (
        "Schedule 2 – Service Specification",
        "2. Staffing",
    )
    assert units["Schedule 2 2.2"].text == "The Provider shall report quarterly."
    assert units["Schedule 2 Part B 3(b)(iii)"].heading_path[-1] == "Part B"


def test_nested_children() -> None:
    outline = build_outline(parse_text(SPEC, "spec.txt"))
    clause = next(u for u in outline.units if u.number == "Schedule 2 2.1")
    assert [c.label for c in clause.children] == ["(a)", "(b)", "(c)"]
    assert [c.label for c in clause.children[1].children] == ["(i)", "(ii)"]


def test_alphabetic_i_after_h_is_not_roman() -> None:
    text = "\n".join(f"({c}) item {c}." for c in "abcdefghij")
    units = _units("1.1 The Provider shall:\n" + text)
    assert "1.1(i)" in units and "1.1(j)" in units
    assert units["1.1(i)"].text == "The Provider shall: item i."
    assert units["1.1(i)"].lead_in == len("The Provider shall:")


def test_markdown_location_of_a_phrase() -> None:
    source = "# Spec\n\n## 5. Payment\n\n5.1 The fee is   **fixed** and paid monthly.\n"
    outline = build_outline(parse_markdown(source, "spec.md"))
    unit = outline.units[0]
    start = unit.text.index("paid")
    location = outline.locate(unit, start, start + 4)
    assert (location.line, location.column, location.end_column) == (5, 32, 36)
    assert location.clause == "5.1"
    assert location.section == ("Spec", "5. Payment")
    assert source.splitlines()[4][31:35] == "paid"


def test_markdown_table_rows_carry_headers() -> None:
    source = "| KPI | Consequence of breach |\n|---|---|\n| KPI 1 | 2% withheld |\n"
    outline = build_outline(parse_markdown(source, "t.md"))
    assert [u.text for u in outline.units] == ["KPI: KPI 1 | Consequence of breach: 2% withheld"]
    unit = outline.units[0]
    location = outline.locate(unit, unit.text.index("2%"), unit.text.index("2%") + 2)
    assert location.table is not None
    assert (location.table.row, location.table.column, location.line, location.column) == (
        2,
        2,
        3,
        11,
    )


@pytest.mark.parametrize(
    "text",
    [
        f"{label}{sep}{rest}"
        for label in (
            "1",
            "1.",
            "4.3",
            "4.3.2",
            "12.10.3.",
            "(a)",
            "(iv)",
            "(B)",
            "(12)",
            "a)",
            "iii)",
        )
        for sep in (" ", "\t", " – ", ": ", "")
        for rest in ("", "The Provider shall", "referrals;", "(b) more")
    ],
)
def test_fast_path_agrees_with_grammar(text: str) -> None:
    from speclint.structure.labels import _fast, _grammar_parse

    fast = _fast(text)
    if fast is None:
        return
    grammar = _grammar_parse(text)
    assert grammar is not None, text
    labels, rest, rest_at, _ = grammar
    assert (fast[0], fast[1], fast[2]) == (labels, rest, rest_at), text


def test_word_style_dotted_letters() -> None:
    heading = parse_heading("A. Scope of the service")
    assert heading is not None and [label.text for label in heading.labels] == ["A."]


@pytest.mark.parametrize(
    ("source", "numbers"),
    [
        ("1. One\n2. Two\n3. Three\n", ["1", "2", "3"]),
        ("### 2. Payment\n\n1. Ten\n2. Eleven\n", ["2.1", "2.2"]),
        ("- (a) first\n\n1. Top\n   1. Sub\n", ["(a)", "1", "1.1"]),
    ],
)
def test_markdown_ordered_lists(source: str, numbers: list[str]) -> None:
    assert [u.number for u in build_outline(parse_markdown(source, "x.md")).units] == numbers


PAYMENT_WITHHELD = (
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
)


def code_clauses(text: str, fmt: str = "md") -> list[tuple[str, str | None]]:
    """Each finding's code and clause number, in document order."""
    report = speclint.check_text(text, fmt)  # type: ignore[arg-type]
    return [(f.code, f.location.clause) for f in report.findings]


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_clause_number_alone_on_its_line(fmt: str) -> None:
    text = "4.2\nAll practitioners shall receive supervision within existing resources.\n"
    assert code_clauses(text, fmt) == [("RFL001", "4.2")]


def test_non_breaking_space_after_a_clause_number() -> None:
    assert code_clauses(PAYMENT_WITHHELD.replace("5.2 ", "5.2\u00a0")) == [("PBR001", "5.2")]


def test_setext_heading_has_no_underline() -> None:
    report = speclint.check_text(f"Finance\n=======\n\n{PAYMENT_WITHHELD}\n")
    assert report.findings[0].location.section == ("Finance",)
