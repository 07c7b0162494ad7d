"""Plain-text and Markdown layouts: notices, field lines, steps, bullets and PDF artefacts.

Each test reads a fixture (or a few lines) the way speclint does and asserts the blocks
the parser makes and the clause units the structure layer builds from them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

import pytest

from speclint.models import Document
from speclint.parsers import parse_path
from speclint.parsers.markdown import parse_markdown
from speclint.parsers.text import is_field_line, parse_text
from speclint.structure.build import Outline, build_outline
from speclint.structure.labels import is_date_or_reference, looks_like_title, parse_heading

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NOTICES = FIXTURES / "text" / "portal-notices.txt"
TEXT_SPEC = FIXTURES / "text" / "outcome-payment-spec.txt"
MD_SPEC = FIXTURES / "markdown" / "outcome-payment-spec.md"
MD_STEPS = FIXTURES / "markdown" / "auto-numbered-steps.md"
MD_CONVERTED = FIXTURES / "markdown" / "converted-from-pdf.md"
ALL_FIXTURES = (NOTICES, TEXT_SPEC, MD_SPEC, MD_STEPS, MD_CONVERTED)

#: What build.py must change for a plain paragraph to close a numbered step (see the
#: report for the branch ``text``): today only lettered and bracketed items close.


def _outline(path: Path) -> Outline:
    return build_outline(parse_path(path))


def _kinds(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text.split("\n")[0]) for b in document.blocks]


# -- headings in plain text --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Thursday 20th March 2025 - 1.00pm to 3.00pm",
        "20 October 2025",
        "14 February 2025 at 2pm",
        "10.30 am - 12.30 pm",
        "2024-03-01",
        "Page 3 of 9",
        "Award Notice 2025/S 000-013579",
        "Ref: HCC08/24",
        "Buyer: Dudley MBC",
        "OCID: ocds-b5fd17-9e4a7c10-2b6d-4c8e-b1f3-0a5d7e2c9b64",
        "Date: 2024-03-01",
        "Is a Recurrent Procurement Type? : Yes",
    ],
)
def test_dates_references_and_fields_are_not_headings(line: str) -> None:
    document = parse_text(f"Introduction\n\n{line}\n\nThe service starts in April.\n", "n.txt")
    assert document.blocks[0].kind == "heading"  # the control: a real title
    assert all(b.kind != "heading" for b in document.blocks[1:]), _kinds(document)
    outline = build_outline(document)
    assert all(line not in u.heading_path for u in outline.units)


def test_titles_still_read_as_titles() -> None:
    for title in ("Payment and Performance", "Winter Pressures 2025", "Lot 2"):
        assert looks_like_title(title), title
    for furniture in ("Page 3 of 9", "Tuesday 14th October 2025", "2024/S 000-123456"):
        assert is_date_or_reference(furniture), furniture
        assert not looks_like_title(furniture), furniture


@pytest.mark.parametrize(
    "line",
    [
        "Price 60 / Quality 40",
        "Quality 70%",
        "Fee £450 per week",
        "Split 60:40 Quality",
        "Price 60 Quality 40",
        "Quality: 35, Cost: 65",
    ],
)
def test_a_line_stating_a_figure_is_never_a_title(line: str) -> None:
    assert not looks_like_title(line), line
    for text in (f"{line}\n", f"Award criteria\n\n{line}\n\nThe Council will evaluate bids.\n"):
        blocks = parse_text(text, "criteria.txt").blocks
        assert [b.kind for b in blocks if b.text == line] == ["paragraph"], text


def test_titles_with_numbers_that_are_not_values_stay_titles() -> None:
    for title in (
        "Annex 2 Tariff 2025/26",
        "Schedule 4 Part B",
        "Phase 1 at 10:30 am",
        "Lot 1 Part 2",
        "Section 60 Annex 3",
    ):
        assert looks_like_title(title), title


@pytest.mark.parametrize("text", ["20 March 2025", "3 June", "10.30 am start", "9.00 – 12.00"])
def test_dates_and_times_are_not_clause_numbers(text: str) -> None:
    assert parse_heading(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [("4.2 Staffing", "4.2"), ("3 Finance", "3"), ("10.30 The Provider shall", "10.30")],
)
def test_clause_numbers_still_parse(text: str, label: str) -> None:
    heading = parse_heading(text)
    assert heading is not None and heading.labels[-1].text == label


def test_field_lines() -> None:
    assert is_field_line("Buyer: Dudley Metropolitan Borough Council")
    assert is_field_line("Lot 1 renewal: Option to extend for 12 months")
    assert is_field_line("Description:")
    assert not is_field_line("The Provider will be paid:")
    assert not is_field_line("https://etenderwales.bravosolution.co.uk")


def test_page_numbers_are_left_out_and_text_flows_across_them() -> None:
    document = parse_text(
        "The Provider shall keep\nPage 3 of 9\nrecords of every visit.\n", "p.txt"
    )
    (block,) = document.blocks
    assert block.text == "The Provider shall keep\nrecords of every visit."
    assert [(a.line, a.column) for a in block.anchors] == [(1, 1), (3, 1)]


# -- notices and record boundaries ---------------------------------------------------


def test_notice_titles_are_level_one_headings() -> None:
    document = parse_path(NOTICES)
    headings = [
        (b.text, b.heading_level, b.location.line) for b in document.blocks if b.kind == "heading"
    ]
    assert headings == [
        ("NOTICE: Extra Care Housing Support Service - Market Engagement Event", 1, 1),
        ("NOTICE: Carers Support Service (Adults) - Invitation to Tender", 1, 24),
        ("Community Equipment Service for Adults and Children", 1, 50),
        ("NOTICE: Children's Independent Visitor Service - AWARD", 1, 62),
    ]


def test_field_lines_under_a_notice_title_are_one_paragraph_and_labels_lead_text() -> None:
    document = parse_path(NOTICES)
    fields = document.blocks[1]
    assert fields.kind == "paragraph"
    assert fields.text.split("\n") == [
        "Buyer: Shropshire Council",
        "Notice date: 2025-04-02T09:15:00+01:00",
        "OCID: ocds-b5fd17-3c1e9a42-7d0b-4f5e-9a21-6b8c0e4d2f17",
    ]
    # A label with nothing after its colon heads the text under it.
    assert document.blocks[2].text.startswith("Description:\nShropshire Council intends")


PARTICULARS = """\
Contract Reference: Home Care 26/27 v1
DATE OF CONTRACT: 1st April 2026
SERVICE COMMENCEMENT DATE: 1st April 2026
CONTRACT TERM: 1 year commencing 1st April 2026
CO-ORDINATING COMMISSIONER: Northshire ICB
CONTRACT TITLE: Home Care for Adults
PROVIDER: As per the individual placement agreement
"""


def test_fields_of_a_contract_s_particulars_are_not_record_titles() -> None:
    # "CONTRACT TERM: 1 year" and "DATE OF CONTRACT: ..." are fields of the particulars,
    # not the names of records ("CONTRACT TITLE: Home Care" with fields under it is one).
    document = parse_text(PARTICULARS, "particulars.txt")
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["CONTRACT TITLE: Home Care for Adults"]
    assert any("CONTRACT TERM: 1 year" in b.text for b in document.blocks if b.kind == "paragraph")


RUN_IN_HEADINGS = """\
PAYMENT. 8.1. The contractor shall be paid a fee of £12 for each review completed.
8.2. Claims shall be made monthly in arrears through the local claims system
RECORDS AND AUDIT: 9.1. The contractor shall keep a record of each review for audit.
9.2. Records shall be kept for eight years.
"""


def test_a_heading_in_capitals_run_in_before_a_clause_number_heads_its_own_clause() -> None:
    # A web page or converted document puts "PAYMENT. 8.1. ..." on one line; the heading
    # is a heading and the clause starts at its number, not inside the clause above.
    document = parse_text(RUN_IN_HEADINGS, "local-service.txt")
    assert [(b.kind, b.text.split("\n")[0][:22]) for b in document.blocks] == [
        ("heading", "PAYMENT"),
        ("paragraph", "8.1. The contractor sh"),
        ("paragraph", "8.2. Claims shall be m"),
        ("heading", "RECORDS AND AUDIT"),
        ("paragraph", "9.1. The contractor sh"),
        ("paragraph", "9.2. Records shall be "),
    ]
    assert document.blocks[1].location.column == len("PAYMENT. ") + 1
    outline = build_outline(document)
    assert [(u.label, u.heading_path) for u in outline.units] == [
        ("8.1.", ("PAYMENT",)),
        ("8.2.", ("PAYMENT",)),
        ("9.1.", ("RECORDS AND AUDIT",)),
        ("9.2.", ("RECORDS AND AUDIT",)),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "NHS England. 1.2. The Provider shall ...",  # lower case: a sentence, not a heading
        "SECTION 3. The Provider shall report monthly.",  # no clause number after it
        "NOTE: 2024 figures are provisional.",  # a year, not a clause number
    ],
)
def test_other_lines_with_capitals_and_a_stop_are_not_run_in_headings(line: str) -> None:
    document = parse_text(line + "\n", "other.txt")
    assert [b.kind for b in document.blocks] == ["paragraph"]


def test_every_unit_stays_inside_its_notice() -> None:
    outline = _outline(NOTICES)
    lines = NOTICES.read_text("utf-8").splitlines()
    titles = {i + 1: line for i, line in enumerate(lines) if line.startswith("NOTICE:")}
    titles[50] = "Community Equipment Service for Adults and Children"
    for unit in outline.units:
        assert len(unit.text.split()) <= 150, unit.text[:60]
        first = outline.locate(unit, 0, 1).line
        assert first is not None
        owner = titles[max(n for n in titles if n < first)]
        assert unit.heading_path == (owner,), (unit.text[:40], unit.heading_path)


def test_dates_and_references_in_notices_stay_text() -> None:
    outline = _outline(NOTICES)
    texts = [u.text for u in outline.units]
    for line in (
        "Tuesday 14th October 2025 - 10.00am to 12.00pm",
        "20 October 2025",
        "Award Notice 2025/S 000-013579",
    ):
        assert line in texts
    assert not any("Page " in t for t in texts)


def test_portal_steps_are_list_items_with_their_bullets_a_level_down() -> None:
    document = parse_path(NOTICES)
    steps = [
        (b.text.split("\n")[0], b.list_level) for b in document.blocks if b.kind == "list_item"
    ]
    assert steps == [
        ("1. Register your organisation:", 0),
        ("2. Express an interest in the tender:", 0),
        ("Select 'ITTs Open to All Suppliers'", 1),
        ("Select itt_98765 and click 'Express Interest'", 1),
        ("The tender will then appear under 'My ITTs'", 1),
        ("3. Submit your response:", 0),
        ("Open the tender and choose 'My Response'", 1),
        ("Upload the completed quality and price documents before the closing date", 1),
    ]
    after = next(b for b in document.blocks if b.text.startswith("The Council wants"))
    assert after.kind == "paragraph" and after.list_level is None
    outline = build_outline(document)
    assert [u.number for u in outline.units if u.kind == "list_item"][:2] == ["1", "2"]


def test_the_paragraph_after_the_steps_is_not_part_of_step_three() -> None:
    outline = _outline(NOTICES)
    # The step itself, then its two sub-items (read with the step as their lead-in).
    steps = [u for u in outline.units if u.text.startswith("Submit your response")]
    assert [u.lead_in for u in steps] == [0, 21, 21]
    assert not any("The Council wants" in u.text for u in steps)


def test_a_rule_line_closes_the_clause_above_it() -> None:
    source = (
        "4.2 The Provider shall report monthly.\n\n----------\n\nThe Council will publish it.\n"
    )
    outline = build_outline(parse_text(source, "r.txt"))
    assert [(u.number, u.text) for u in outline.units] == [
        ("4.2", "The Provider shall report monthly."),
        (None, "The Council will publish it."),
    ]


def test_an_underline_makes_a_title_and_keeps_the_schedule() -> None:
    outline = _outline(TEXT_SPEC)
    first = outline.units[0]
    assert first.number == "SCHEDULE 2 1.1"
    assert first.heading_path == (
        "SCHEDULE 2 - SERVICE SPECIFICATION",
        "Home-Based Reablement Service for Adults",
        "1. Purpose",
    )


def test_numbered_steps_under_a_clause_are_its_sub_items() -> None:
    source = (
        "4.2 The Provider shall:\n1. keep a record of every visit;\n"
        "2. report monthly to the Council.\n\n4.3 The Council will pay monthly.\n"
    )
    outline = build_outline(parse_text(source, "s.txt"))
    assert [u.number for u in outline.units] == ["4.2", "4.2.1", "4.2.2", "4.3"]


def test_numbered_sections_with_paragraphs_are_not_steps() -> None:
    source = "1. Introduction\n\nThis sets out the service.\n\n2. Scope\n\nAdults of any age.\n"
    document = parse_text(source, "s.txt")
    assert all(b.kind == "paragraph" for b in document.blocks)
    assert [(u.number, u.text) for u in build_outline(document).units] == [
        ("1", "This sets out the service."),
        ("2", "Adults of any age."),
    ]


# -- bullets under lead-ins -----------------------------------------------------------


def test_plain_text_bullets_are_items_after_their_own_lead_in() -> None:
    document = parse_path(TEXT_SPEC)
    blocks = list(document.blocks)
    lead = next(i for i, b in enumerate(blocks) if b.text == "2.1 The Provider will be paid:")
    items = blocks[lead + 1 : lead + 5]
    assert [(b.kind, b.list_level, b.location.line, b.location.column) for b in items] == [
        ("list_item", 0, 14, 3),
        ("list_item", 0, 15, 3),
        ("list_item", 0, 16, 3),
        ("list_item", 0, 18, 3),
    ]
    assert items[2].text == (
        "£150 for each person whose package of care is at least a third smaller than the one\n"
        "assessed at discharge; and"
    )
    assert blocks[lead + 5].text.startswith("2.2 Outcome payments")


# -- files that keep one paragraph a line (Word's "Save as Plain Text", web copies) --

ONE_PER_LINE = """Harbourside Council Adult Social Care Fee Review 2026
Home Care Fee Rates April 2026 - March 2027
This page sets out the hourly rates the Council will pay registered home care providers \
from April 2026, after the budget set by Cabinet in February.
Providers told us in the autumn engagement sessions that rural travel time was not covered, \
so the rural rate now includes an allowance for it.
The uplift will be applied to the following services:
Domiciliary care for older people
Extra care housing support
Reablement at home
Rates for packages costing more than £1,500 a week will be agreed case by case with the \
provider and the person's social worker.
"""  # each backslash joins a source line: the file holds one paragraph a line


def test_a_title_line_in_a_one_paragraph_a_line_file_is_its_own_heading() -> None:
    blocks = parse_text(ONE_PER_LINE, "fees.txt").blocks
    assert [(b.kind, b.location.line) for b in blocks[:3]] == [
        ("heading", 1),
        ("paragraph", 2),  # a date range: not a title, but not part of the text below
        ("paragraph", 3),
    ]
    assert blocks[1].text == "Home Care Fee Rates April 2026 - March 2027"
    assert blocks[2].text.startswith("This page sets out")


def test_short_lines_under_a_lead_in_are_its_items_in_a_one_paragraph_a_line_file() -> None:
    blocks = list(parse_text(ONE_PER_LINE, "fees.txt").blocks)
    lead = next(i for i, b in enumerate(blocks) if b.text.endswith("following services:"))
    assert [(b.kind, b.list_level, b.text) for b in blocks[lead + 1 : lead + 4]] == [
        ("list_item", 0, "Domiciliary care for older people"),
        ("list_item", 0, "Extra care housing support"),
        ("list_item", 0, "Reablement at home"),
    ]
    assert blocks[lead + 4].kind == "paragraph"
    assert blocks[lead + 4].text.startswith("Rates for packages")


def test_a_double_spaced_hand_wrapped_decision_joins_its_lines() -> None:
    spaced = (
        "Decision:\n\nRESOLVED:\n\n"
        "1.  To award the contract for the delivery of the Advocacy Service to\n\n"
        "Provider C for a period of up to 5 years commencing in June 2023 at\n\n"
        "a maximum cost of £2.6m. The contract is for 3 years with an option\n\n"
        "to extend for up to 2 years (1+1);\n\n"
        "2.  To award an extension to the current providers of the Advocacy\n\n"
        "Service, for a period of 2 months (April - May 2023) at a maximum value\n\n"
        "of £104,707, so that the newly appointed provider can mobilise safely.\n\n"
        "Reasons for the decision\n\n"
        "The current contracts end in March and cannot be extended further.\n"
    )
    texts = [block.text for block in parse_text(spaced, "decision.txt").blocks]
    assert texts[:2] == ["Decision:", "RESOLVED:"]
    assert texts[2].startswith("1.  To award") and texts[2].endswith("(1+1);")
    assert texts[3].startswith("2.  To award an extension")
    assert "Advocacy\nService, for a period of 2 months" in texts[3]
    assert texts[3].endswith("mobilise safely.")
    assert texts[4:] == [
        "Reasons for the decision",
        "The current contracts end in March and cannot be extended further.",
    ]
    outline = build_outline(parse_text(spaced, "decision.txt"))
    assert [unit.label for unit in outline.units if unit.label] == ["1.", "2."]


def test_double_spaced_steps_and_fields_keep_their_own_blocks() -> None:
    spaced = (
        "How to take part in the procurement exercise for the new service\n\n"
        "1. Register on the portal with the name of your organisation and a contact\n\n"
        "2. Express an interest in the opportunity and accept the confidentiality terms\n\n"
        "3. Download the documents and read the specification and the pricing schedule\n\n"
        "Bidders must submit their tender by noon on 1 May 2026 through the portal.\n\n"
        "The contract is to be awarded to the provider named below under the regime of\n\n"
        "Provider: Elm Care Limited, 4 Station Road, Northby, registered charity 123456\n\n"
        "Value: £250,000 a year for three years, with an option to extend for two more\n"
    )
    texts = [block.text for block in parse_text(spaced, "steps.txt").blocks]
    assert "Bidders must submit their tender by noon on 1 May 2026 through the portal." in texts
    assert any(text.startswith("Provider: Elm Care Limited") for text in texts)
    assert any(text.startswith("Value: £250,000") for text in texts)


def test_single_lines_between_blank_lines_stay_paragraphs_when_they_are_not_wrapped() -> None:
    spaced = (
        "Schedule 2 Part A Service Specification for Community Nursing Services\n\n"
        "The service supports adults who are housebound to stay well at home.\n\n"
        "Visits are planned with the person and their family, not to a timetable\n\n"
        "Each nurse holds a caseload agreed with the team leader every month.\n"
    )
    assert len(parse_text(spaced, "spec.txt").blocks) == 4


def test_a_hand_wrapped_file_still_joins_a_line_ending_before_a_capital() -> None:
    wrapped = (
        "The Provider shall agree the review dates with the person and the NHS\n"
        "Continuing Healthcare team, and record them in the support plan.\n"
        "Reviews take place at least once a year and whenever the person asks for one.\n"
        "Each review is led by the person and the people they choose to involve, with\n"
        "Healthwatch Harbourside invited where the person wishes.\n"
    )
    blocks = parse_text(wrapped, "wrapped.txt").blocks
    assert len(blocks) == 1
    assert "the NHS\nContinuing Healthcare team" in blocks[0].text


@pytest.mark.parametrize("marker", ["-", "•", "*", "–", "o", "·"])
def test_every_bullet_marker_makes_a_list_item(marker: str) -> None:
    source = f"The Provider will be paid:\n{marker} a fixed sum;\n{marker} an outcome payment.\n"
    document = parse_text(source, "b.txt")
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("paragraph", "The Provider will be paid:"),
        ("list_item", "a fixed sum;"),
        ("list_item", "an outcome payment."),
    ]


def test_indented_bullets_nest_and_the_paragraph_after_belongs_to_the_clause() -> None:
    outline = _outline(TEXT_SPEC)
    document = outline.document
    levels = [
        (b.text.split(";")[0], b.list_level)
        for b in document.blocks
        if b.location.line in range(36, 41)
    ]
    assert levels == [
        ("visit at the times agreed in the plan", 0),
        ("record progress against each goal after every visit", 0),
        ("noting any new risk", 1),
        ("telling the therapist the same day when a goal changes", 1),
        ("hand over to the long-term care provider in person.", 0),
    ]
    # The paragraph after the list is the clause's too, as a unit of its own: it is
    # not glued to the lead-in across the list.
    lead, after = [
        u for u in outline.units if u.number == "SCHEDULE 2 3.2" and u.kind == "paragraph"
    ]
    assert lead.text.startswith("Reablement workers will:")
    assert after.text.endswith("within the hours agreed in the plan.") and after.continues
    bullets = [u for u in outline.units if u.number == "SCHEDULE 2 3.2" and u.kind == "list_item"]
    assert len(bullets) == 5


def test_markdown_bullets_after_a_lead_in() -> None:
    outline = _outline(MD_SPEC)
    # List items are read with their lead-in; compare each item's own first word.
    units = [(u.number, u.kind, u.text[u.lead_in :].split()[0]) for u in outline.units]
    assert units[2:6] == [
        ("Schedule 2 2.1", "paragraph", "The"),
        ("Schedule 2 2.1", "list_item", "a"),
        ("Schedule 2 2.1", "list_item", "£200"),
        ("Schedule 2 2.1", "list_item", "£120"),
    ]
    nested = [b.list_level for b in outline.document.blocks if b.kind == "list_item"]
    assert nested == [0, 0, 0, 0, 0, 1, 0]


# -- Markdown numbering ---------------------------------------------------------------


def test_markdown_auto_numbered_lists_report_the_rendered_numbers() -> None:
    outline = _outline(MD_STEPS)
    assert [u.number for u in outline.units if not u.text.startswith("The Council welcomes")] == [
        None,
        "1",
        "2",
        "3",
        "4",
        "4.1",
        "4.1.1",
        "4.1.2",
        "4.1.3",
        "4.2",
    ]
    items = [b for b in outline.document.blocks if b.kind == "list_item"]
    assert [b.label for b in items] == ["1.", "2.", "3.", "4.", "1.", "2.", "3."]
    assert items[1].text.startswith("Log in") and items[1].location.column == 4


def test_markdown_paragraph_after_a_numbered_list_is_not_in_the_last_step() -> None:
    outline = _outline(MD_STEPS)
    (last,) = [u for u in outline.units if u.number == "4"]
    assert "consortia" not in last.text


@pytest.mark.parametrize(
    ("source", "numbers"),
    [
        ("3. Third\n3. Fourth\n", ["3", "4"]),
        ("1) one\n1) two\n", ["(1)", "(2)"]),
        ("- 4.1 The Provider shall report.\n- 4.2 The Council shall pay.\n", ["4.1", "4.2"]),
        ("### 2. Payment\n\n1. Ten\n1. Eleven\n", ["2.1", "2.2"]),
    ],
)
def test_markdown_list_numbers(source: str, numbers: list[str]) -> None:
    assert [u.number for u in build_outline(parse_markdown(source, "l.md")).units] == numbers


def test_a_one_item_numbered_title_is_a_heading_not_a_list() -> None:
    source = (
        "1. Scope\n\nThe service covers adults.\n\nIt is open all year.\n\n2. Payment\n\nMonthly.\n"
    )
    outline = build_outline(parse_markdown(source, "h.md"))
    assert [(u.number, u.text) for u in outline.units] == [
        ("1", "The service covers adults.\n\nIt is open all year."),
        ("2", "Monthly."),
    ]


# -- Markdown converted from PDF --------------------------------------------------------


def test_conversion_artefacts_do_not_reach_the_text() -> None:
    document = parse_path(MD_CONVERTED)
    for block in document.blocks:
        for artefact in ("\\", "<br", "**", "__"):
            assert artefact not in block.text, (artefact, block.text)
    texts = [b.text.strip() for b in document.blocks]
    assert (
        "1.2 Most people with dementia live in their own homes, and many are supported by an "
        "unpaid carer who is themselves over 70." in texts
    )


def test_bold_numbered_paragraphs_start_clauses() -> None:
    outline = _outline(MD_CONVERTED)
    numbered = [
        (u.number, u.text[:24]) for u in outline.units if re.search(r"\d\.\d", u.number or "")
    ]
    assert numbered == [
        ("SCHEDULE 2 Part A 1.1", "Around 3,400 people in t"),
        ("SCHEDULE 2 Part A 1.2", "Most people with dementi"),
        ("SCHEDULE 2 Part A 2.1", "Eligibility   The servic"),
        ("SCHEDULE 2 Part A 2.2", "People awaiting a diagno"),
        ("SCHEDULE 2 Part A 2.3", "The service does not pro"),
        ("SCHEDULE 2 Part A 3.1", "The Provider will be pai"),
        ("SCHEDULE 2 Part A 3.2", "The Commissioner may red"),
        ("SCHEDULE 2 Part A 4.1", "The Provider shall repor"),
    ]
    by_number = {u.number: u for u in outline.units}
    assert by_number["SCHEDULE 2 Part A 2.1"].heading_path[-1] == "2. Scope"
    assert by_number["SCHEDULE 2 Part A 3.1"].heading_path[-1] == "3. Payment"
    assert "People awaiting" not in by_number["SCHEDULE 2 Part A 2.1"].text


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_word_points_at_itself_in_the_source(path: Path) -> None:
    """Findings point at line:column: each word of each unit must be found there."""
    outline = _outline(path)
    lines = path.read_text("utf-8").splitlines()
    checked = 0
    for unit in outline.units:
        for word in re.finditer(r"[\w£%]+", unit.text):
            location = outline.locate(unit, word.start(), word.end())
            assert location.line is not None and location.column is not None
            assert location.end_column is not None
            source = lines[location.line - 1][location.column - 1 : location.end_column - 1]
            assert source == word.group(), (path.name, location.line, word.group())
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_character_of_every_block_is_anchored_exactly(path: Path) -> None:
    """Each non-space character of a block sits at its anchor's line and column."""
    document = parse_path(path)
    lines = path.read_text("utf-8").splitlines()
    for block in document.blocks:
        assert block.anchors or not block.text, block
        offsets = [a.offset for a in block.anchors]
        for at, char in enumerate(block.text):
            if char.isspace():
                continue
            anchor = block.anchors[bisect_right(offsets, at) - 1]
            assert anchor.line is not None and anchor.column is not None
            column = anchor.column + at - anchor.offset
            assert lines[anchor.line - 1][column - 1] == char, (path.name, anchor.line, column)


def test_escapes_in_cells_and_headings_keep_their_columns() -> None:
    source = (
        "| KPI | Consequence of breach |\n|---|---|\n| **KPI 1** | 2\\% withheld \\(monthly\\) |\n"
        "\n## Heading \\(draft\\) ##\n\nThe Provider shall\\\nreport **monthly**.\n"
    )
    document = parse_markdown(source, "e.md")
    lines = source.splitlines()
    texts = [b.text for b in document.blocks]
    assert texts[2:] == [
        "KPI 1",
        "2% withheld (monthly)",
        "Heading (draft)",
        "The Provider shall \nreport   monthly  .",
    ]
    for block in document.blocks:
        offsets = [a.offset for a in block.anchors]
        for at, char in enumerate(block.text):
            if not char.isspace():
                anchor = block.anchors[bisect_right(offsets, at) - 1]
                assert anchor.line is not None and anchor.column is not None
                column = anchor.column + at - anchor.offset
                assert lines[anchor.line - 1][column - 1] == char


def test_a_title_set_apart_by_blank_lines_heads_the_next_entry() -> None:
    source = (
        "Support continues after release.\n\n\n"
        "Recovery Services in Kent, Surrey & Sussex, including the Medway towns\n\n"
        "Services are available to adults on probation.\n\n\n"
        "Any session delivered on an activity day is enforceable.\n\n"
        "Sessions are weekly.\n"
    )
    document = parse_text(source, "t.txt")
    assert [b.kind for b in document.blocks] == ["paragraph", "heading", "paragraph"] + [
        "paragraph"
    ] * 2
    outline = build_outline(document)
    title = "Recovery Services in Kent, Surrey & Sussex, including the Medway towns"
    assert [u.heading_path for u in outline.units] == [(), (title,), (title,), (title,)]


def test_a_new_sentence_after_the_last_step_is_not_part_of_it() -> None:
    source = (
        "To apply:\n1. Register on the portal.\n2. Log in.\nUse the password sent to you.\n"
        "3. Submit your bid.\nThe Council is committed to social value in every contract.\n"
    )
    document = parse_text(source, "s.txt")
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("paragraph", "To apply:"),
        ("list_item", "1. Register on the portal."),
        ("list_item", "2. Log in.\nUse the password sent to you."),
        ("list_item", "3. Submit your bid."),
        ("paragraph", "The Council is committed to social value in every contract."),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Electronic auctions: award criteria",
        "Guidance for commissioners on incentive schemes and local quality payments 2024 to 2025",
        "Fifteen-minute calls in home care: a briefing for elected members",
    ],
)
def test_a_title_on_the_first_line_heads_the_text_under_it(title: str) -> None:
    document = parse_text(f"{title}\nThe council sets out here how it buys care.\n", "t.txt")
    assert _kinds(document)[0] == ("heading", title)


@pytest.mark.parametrize(
    "source",
    [
        # a requirement without its full stop is still a sentence
        "The Provider will deliver 15-minute calls\nVisits are logged electronically.\n",
        # the first field of a record, with more fields under it
        "Title: Home care framework\nBuyer: Example Council\nValue: £2m\n",
        # a figure is a value, not a title
        "Price 60% / Quality 40%\nThe evaluation model is set out below.\n",
        # a numbered clause stays a clause
        "1. Payment\nThe Provider is paid monthly in arrears.\n",
    ],
)
def test_a_first_line_that_is_no_title_keeps_its_reading(source: str) -> None:
    first = source.split("\n", 1)[0]
    assert ("heading", first) not in _kinds(parse_text(source, "t.txt"))
