"""Units as their authors wrote them: lead-ins, boundaries, long clauses, divisions."""

from __future__ import annotations

import io

import docx
import pytest

import speclint
from speclint.config import Settings
from speclint.models import Clause, Document
from speclint.parsers import parse_bytes
from speclint.parsers.markdown import parse_markdown
from speclint.parsers.text import parse_text
from speclint.structure import build_outline
from speclint.structure.build import MAX_WORDS

UNFOLDED = Settings(group_repeats=False)  # every item at its own line

PAYMENT_LIST = """\
# Payment

4.1 The Provider will be paid:

- £40 for each person who completes the twelve-week programme;
- £12 for each person who starts it but leaves before week six.

4.2 Payments are made monthly in arrears.
"""


def _units(document: Document) -> list[Clause]:
    return build_outline(document).units


def test_list_items_are_read_with_their_lead_in() -> None:
    units = _units(parse_markdown(PAYMENT_LIST, "spec.md"))
    items = [u for u in units if u.kind == "list_item"]
    assert [u.number for u in items] == ["4.1", "4.1"]
    for item in items:
        assert item.text.startswith("The Provider will be paid: £")
        assert item.text[: item.lead_in] == "The Provider will be paid:"
    # The clause after the list has no lead-in of its own.
    last = units[-1]
    assert last.number == "4.2" and last.lead_in == 0
    assert last.text == "Payments are made monthly in arrears."


def test_a_finding_needs_the_lead_in_and_points_at_the_item() -> None:
    report = speclint.check_text(PAYMENT_LIST, "md", path="spec.md")
    paid = [f for f in report.findings if f.family == "PBR"]
    assert paid, "per-outcome payments in a list under 'will be paid:' must be found"
    assert {f.location.line for f in paid} <= {5, 6}
    assert all(f.excerpt.startswith("The Provider will be paid: £") for f in paid)
    # The same bullets with no lead-in say nothing about payment.
    bare = "- £40 for each person who completes the programme;\n- £12 otherwise.\n"
    assert not [f for f in speclint.check_text(bare, "md").findings if f.family == "PBR"]


def test_a_finding_in_the_lead_in_alone_is_reported_once() -> None:
    text = (
        "5.1 All practitioners shall attend reflective practice within existing resources, "
        "as follows:\n\n- team leaders monthly;\n- practitioners every fortnight.\n"
    )
    findings = [f for f in speclint.check_text(text, "md").findings if f.family == "RFL"]
    assert len(findings) == 1
    assert findings[0].location.line == 1


MEASURED_BY = """\
## 5. Performance

5.1 Performance will be judged on the total number of contacts delivered each quarter,
broken down by:

- face-to-face appointments;
- telephone and video consultations.

5.2 Each practitioner will be paid {pay} for each session delivered:

- in a clinic;
- in the person's home.
"""


def test_bullets_that_add_a_word_to_a_flagged_lead_in_are_the_same_finding() -> None:
    # The lead-in alone is OUT001; "appointments" in a bullet adds to it but is not a
    # second problem, so it is reported once, at the lead-in.
    findings = speclint.check_text(MEASURED_BY.format(pay="£25"), "md").findings
    out = [f for f in findings if f.code == "OUT001"]
    assert [f.location.line for f in out] == [3]


def test_a_bullet_keeps_its_finding_when_the_rule_fires_elsewhere_in_the_paragraph() -> None:
    text = (
        "6.1 Ten per cent of the monthly payment will be withheld where the KPI targets are "
        "missed. The Provider will also report each month on:\n\n"
        "- the visits completed, with payment withheld where fewer than 95% start on time;\n"
        "- complaints received.\n"
    )
    findings = speclint.check_text(text, "md").findings
    assert [f.location.line for f in findings if f.code == "PBR001"] == [1, 3]


def test_a_bullet_is_still_flagged_when_its_lead_in_is_not() -> None:
    # "will be paid ... for each session delivered:" fires PBR on the lead-in alone too,
    # so this list reports once; a lead-in that fires nothing leaves its bullets' own.
    findings = speclint.check_text(PAYMENT_LIST, "md", config=UNFOLDED).findings
    assert [f.location.line for f in findings if f.family == "PBR"] == [5, 6]
    (folded,) = [f for f in speclint.check_text(PAYMENT_LIST, "md").findings if f.family == "PBR"]
    assert (folded.location.line, [p.line for p in folded.also_at]) == (5, [6])
    paid = speclint.check_text(MEASURED_BY.format(pay="£25"), "md").findings
    assert [f.location.line for f in paid if f.family == "PBR"] == [9]


def test_nested_lists_take_the_nearest_lead_in() -> None:
    text = (
        "3.1 The Provider shall:\n\n"
        "(a) keep a record of:\n\n"
        "(i) each referral;\n\n"
        "(ii) each discharge;\n\n"
        "(b) report quarterly.\n"
    )
    units = {u.number: u for u in _units(parse_text(text, "spec.txt"))}
    assert units["3.1(a)(i)"].text == "keep a record of: each referral;"
    assert units["3.1(a)(ii)"].text == "keep a record of: each discharge;"
    assert units["3.1(b)"].text == "The Provider shall: report quarterly."


def test_a_paragraph_that_does_not_end_in_a_colon_is_no_lead_in() -> None:
    text = "2.1 Visits are arranged with the person.\n\n- mornings\n- evenings\n"
    items = [u for u in _units(parse_markdown(text, "s.md")) if u.kind == "list_item"]
    assert [u.text for u in items] == ["mornings", "evenings"]
    assert all(u.lead_in == 0 for u in items)


def test_a_heading_ends_the_lead_in() -> None:
    text = "1.1 The Provider will be paid:\n\n## Staffing\n\n- one manager per site\n"
    items = [u for u in _units(parse_markdown(text, "s.md")) if u.kind == "list_item"]
    assert items[0].text == "one manager per site"


def test_text_after_a_table_is_a_new_unit_of_the_same_clause() -> None:
    text = (
        "6.1 The Provider shall report the following each quarter.\n\n"
        "| Indicator | Target |\n|---|---|\n| Waiting time | 4 weeks |\n\n"
        "These figures are discussed at the quarterly review meeting.\n"
    )
    units = _units(parse_markdown(text, "s.md"))
    before, row, after = units
    assert before.number == after.number == "6.1"
    assert row.kind == "table_cell"
    assert "quarterly review" in after.text and "Waiting" not in before.text
    assert after.continues and not before.continues


def _long_clause(paragraphs: int, sentences: int) -> str:
    sentence = "The support worker agrees each visit with the person and writes it down."
    body = "\n\n".join(" ".join([sentence] * sentences) for _ in range(paragraphs))
    return f"7.1 {body}\n"


def test_a_long_clause_is_split_at_paragraph_boundaries() -> None:
    units = _units(parse_text(_long_clause(paragraphs=8, sentences=5), "spec.txt"))
    assert len(units) > 1
    assert all(u.number == "7.1" for u in units)
    assert all(len(u.text.split()) <= MAX_WORDS for u in units)
    assert [u.continues for u in units] == [False] + [True] * (len(units) - 1)
    # Every piece starts at the start of a paragraph: whole paragraphs only.
    assert all(u.text.startswith("The support worker") for u in units)


def test_one_overlong_paragraph_is_split_at_sentences() -> None:
    units = _units(parse_text(_long_clause(paragraphs=1, sentences=60), "spec.txt"))
    assert len(units) >= 3
    assert all(len(u.text.split()) <= MAX_WORDS for u in units)
    assert all(u.text.endswith("down.") for u in units)
    # Locations still point into the source: the second piece starts on line 1.
    outline = build_outline(parse_text(_long_clause(paragraphs=1, sentences=60), "spec.txt"))
    where = outline.locate(outline.units[1], 0, 3)
    assert where.line == 1 and where.column is not None and where.column > 1


def test_a_directive_covers_every_piece_of_a_split_clause() -> None:
    body = _long_clause(paragraphs=6, sentences=6).replace(
        "7.1 ", "7.1 Practitioners attend supervision within existing resources. ", 1
    )
    body += "\n\nAll staff attend reflective practice within existing resources.\n"
    directive = "<!-- speclint: ignore RFL -- agreed with finance -->\n"
    report = speclint.check_text(directive + body, "md")
    assert not [f for f in report.findings if f.family == "RFL"]
    assert not [f for f in report.findings if f.code == "SPL001"]


SCHEDULE = [
    ("Title", "Schedule 2 – The Services"),
    ("Heading 1", "A. Service Specifications"),
    ("Heading 2", "1. Population Needs"),
    (None, "1.1 The service covers adults living in the borough."),
    ("Heading 2", "2. Scope"),
    (None, "2.2 The Provider shall deliver the service within existing resources."),
]


def _schedule_docx() -> bytes:
    document = docx.Document()
    for style, text in SCHEDULE:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _schedule_md() -> str:
    marks = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### ", None: ""}
    return "\n\n".join(marks[style] + text for style, text in SCHEDULE) + "\n"


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_a_division_title_numbers_its_clauses_in_every_format(fmt: str) -> None:
    if fmt == "docx":
        document = parse_bytes(_schedule_docx(), "spec.docx", "docx")
    elif fmt == "md":
        document = parse_markdown(_schedule_md(), "spec.md")
    else:
        document = parse_text("\n\n".join(text for _, text in SCHEDULE) + "\n", "spec.txt")
    numbers = [u.number for u in _units(document)]
    assert numbers == ["Schedule 2 Part A 1.1", "Schedule 2 Part A 2.2"]


def test_a_new_division_closes_the_last() -> None:
    text = "# Schedule 2 – Services\n\n1.1 One.\n\n# Schedule 3 – Payment\n\n1.1 Two.\n"
    assert [u.number for u in _units(parse_markdown(text, "s.md"))] == [
        "Schedule 2 1.1",
        "Schedule 3 1.1",
    ]


def test_a_higher_heading_closes_a_division() -> None:
    text = "# Contract\n\n## Annex A – Prices\n\n1.1 One.\n\n# Glossary\n\n1.1 Two.\n"
    assert [u.number for u in _units(parse_markdown(text, "s.md"))] == ["Annex A 1.1", "1.1"]


@pytest.mark.parametrize(
    ("title", "closes"),
    [
        ("General Conditions", True),
        ("Service Conditions", True),
        ("Particulars", True),
        ("Signatures", True),
        ("Service Requirements", False),
        ("Particulars of the Service", False),
        ("Execution of the Pathway", False),
    ],
)
def test_a_title_naming_a_part_of_the_contract_closes_a_division(title: str, closes: bool) -> None:
    text = (
        "# Community Podiatry Contract\n\n## Schedule 4 Part B: Quality Requirements\n\n"
        f"1. Report falls monthly.\n\n## {title}\n\n1. Keep records for eight years.\n"
    )
    numbers = [u.number for u in _units(parse_markdown(text, "s.md"))]
    assert numbers[0] == "Schedule 4 Part B 1"
    assert numbers[1] == ("1" if closes else "Schedule 4 Part B 1")


def test_checks_read_a_lead_in_once_not_once_per_item() -> None:
    text = (
        "7.1 The service is commissioned for 12 months and covers:\n\n"
        "- home visits;\n- telephone support;\n- group sessions.\n"
    )
    found = [f.code for f in speclint.check_text(text, "md").findings]
    assert found.count("CMP004") == 1
    rigid = "8.1 Staff must at all times do the following:\n\n- sign in;\n- wear a badge;\n"
    assert "OVR006" not in [f.code for f in speclint.check_text(rigid, "md").findings]


def test_a_directive_covers_the_clause_across_a_table_and_a_list() -> None:
    text = (
        "## 4. Payment\n\n"
        "<!-- speclint: ignore PBR001 -- agreed with finance -->\n"
        "4.1 The Commissioner may withhold 5% of each payment until KPI targets are met.\n\n"
        "| Indicator | Target |\n|---|---|\n| Visits on time | 95% |\n\n"
        "Ten per cent of the monthly payment will be withheld until KPI targets are met.\n"
    )
    report = speclint.check_text(text, "md")
    assert not [f for f in report.findings if f.code == "PBR001"]
    assert not [f for f in report.findings if f.code == "SPL001"]


def test_a_directive_on_a_later_paragraph_covers_the_whole_split_clause() -> None:
    paragraph = " ".join(["The support worker agrees each visit with the person."] * 18)
    penalty = "Ten per cent of the monthly payment will be withheld until KPI targets are met."
    text = (
        f"4.1 {penalty} {paragraph}\n\n{paragraph}\n\n"
        "<!-- speclint: ignore PBR001 -- agreed with finance -->\n"
        f"{paragraph}\n"
    )
    units = _units(parse_markdown(text, "s.md"))
    assert len(units) > 1
    assert not [f for f in speclint.check_text(text, "md").findings if f.code == "PBR001"]


def test_a_plain_text_division_is_closed_by_a_higher_heading() -> None:
    text = "# Contract\n\nSchedule 2 Payment\n\n1. First.\n\n# General Terms\n\n1. Second.\n"
    units = _units(parse_markdown(text, "s.md"))
    assert units[-1].heading_path == ("General Terms",)
    assert not (units[-1].number or "").startswith("Schedule 2")


def test_a_split_table_row_keeps_each_cells_header() -> None:
    cells = " | ".join(("word " * 50).strip() + "." for _ in range(8))
    headers = " | ".join(f"H{i}" for i in range(8))
    text = f"| {headers} |\n|{'---|' * 8}\n| {cells} |\n"
    pieces = _units(parse_markdown(text, "t.md"))
    assert len(pieces) > 1
    for piece in pieces:
        assert piece.text.startswith("H") and piece.text.split(":")[0] in {
            f"H{i}" for i in range(8)
        }
        assert not piece.text.rstrip().endswith(":")


def test_the_word_index_and_the_text_search_do_not_share_answers() -> None:
    from speclint.query.prefilter import Candidates

    found = Candidates(["prices will rise", "the price"])
    assert found.word("price", False) == {1}
    assert found.containing("price") == {0, 1}


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_paragraph_after_a_list_is_not_glued_to_its_lead_in(fmt: str) -> None:
    text = (
        "## 2.2 Local outcomes\n\n"
        "The expected benefits of the service include:\n\n"
        "- fewer falls at home\n"
        "- people feeling safer in their own home\n\n"
        "The service will also add to the evidence base for the programme.\n"
    )
    units = _units(parse_bytes(text.encode(), f"spec.{fmt}", fmt))
    assert [u.text for u in units if not u.lead_in] == [
        "The expected benefits of the service include:",
        "The service will also add to the evidence base for the programme.",
    ]
    assert {u.number for u in units} == {"2.2"}
    assert units[-1].continues


def test_sibling_items_each_with_their_own_trigger_are_each_reported() -> None:
    # Each bullet is its own claim with its own fix (and its own suppression and
    # baseline entry), so each is a finding at its own line, read with the lead-in.
    text = (
        "## 2.2 Local outcomes\n\n"
        "The expected benefits of the service include:\n\n"
        "- a fall in the number of outpatient attendances\n"
        "- people feeling safer in their own home\n"
        "- a fall in the number of follow-up appointments\n"
    )
    report = speclint.check_text(text, "md", path="spec.md", config=UNFOLDED)
    found = [f for f in report.findings if f.code == "OUT006"]
    assert [f.location.line for f in found] == [5, 7]
    # Folded (group-repeats, the default): one finding at the first, naming the second.
    (folded,) = [f for f in speclint.check_text(text, "md").findings if f.code == "OUT006"]
    assert (folded.location.line, [p.line for p in folded.also_at]) == (5, [7])
    lead = "The expected benefits of the service include: a fall in"
    assert all(f.excerpt.startswith(lead) for f in found)


def test_a_list_item_with_items_under_it_leads_them_in_without_a_colon() -> None:
    text = (
        "## Service delivery model\n\n"
        "- Hub services should have the following key features\n"
        "  - one short route through the building at each visit\n"
        "  - set testing protocols applied to every patient\n"
        "- Staff are trained to the same standard in every hub.\n"
        "  - refresher sessions are offered online\n"
    )
    units = _units(parse_bytes(text.encode(), "hub.md", "md"))
    lead = "Hub services should have the following key features:"
    nested = [u for u in units if u.text.startswith(lead)]
    assert [u.text[u.lead_in :].strip() for u in nested] == [
        "one short route through the building at each visit",
        "set testing protocols applied to every patient",
    ]
    assert all(u.text[: u.lead_in] == lead for u in nested)
    # an item that ends its own sentence is no lead-in for the items under it
    last = units[-1]
    assert last.text == "refresher sessions are offered online" and not last.lead_in
