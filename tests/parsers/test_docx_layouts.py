"""Word tables used for layout: the NHS Standard Contract Schedule 2 Part A and friends.

A one-column table (title row, then a cell of clauses with typed numbers) and a
single-cell box are read paragraph by paragraph, as the body is, and keep their table
location; a row of a data table whose cell holds a section body is read the same way.
Expected texts and cell contents come from python-docx reading the fixture, not from
the parser under test.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from helpers import load_generator

import speclint
from speclint.annotate import AUTHOR, annotate_docx
from speclint.config import Settings
from speclint.models import Block, Document, Finding, TableRef
from speclint.parsers.docx import block_text_nodes, parse, table_cell
from speclint.structure.build import build_outline

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "docx"
NHS = FIXTURES / "spec_nhs_schedule2.docx"
PART_A = "Schedule 2 Part A"
SCOPE = ("Schedule 2 – The Services", "Part A – Service Specifications", "3. Scope")

mk = load_generator("docx")


@pytest.fixture(scope="module")
def nhs() -> Document:
    return parse(NHS.read_bytes(), str(NHS))


def in_cell(doc: Document, table: int, row: int, column: int) -> list[Block]:
    ref = TableRef(index=table, row=row, column=column)
    return [b for b in doc.blocks if b.location.table == ref]


def word_cell(table: int, row: int, column: int) -> docx.table._Cell:
    """The cell as python-docx reads it from the committed fixture."""
    return docx.Document(str(NHS)).tables[table - 1].rows[row - 1].cells[column - 1]


def doc_of(body: str) -> Document:
    """Parse a document made of ``body`` with the specification's numbering definitions."""
    return parse(mk.docx_bytes(body, numbering=mk.SPEC_NUMBERING), "layout.docx")


def numbers(doc: Document) -> list[tuple[str | None, str]]:
    """Each unit's clause number and the start of its text."""
    return [(u.number, u.text[:24]) for u in build_outline(doc).units]


# --- one-column tables ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "title"), [(2, "1. Population Needs"), (3, "2. Outcomes"), (4, "3. Scope")]
)
def test_title_row_is_a_heading_below_the_body_heading(
    nhs: Document, table: int, title: str
) -> None:
    part = next(b for b in nhs.blocks if b.text.startswith("Part A"))
    assert (part.kind, part.heading_level) == ("heading", 2)  # Heading 2 in the body
    (block,) = in_cell(nhs, table, 1, 1)
    assert (block.kind, block.text, block.heading_level) == ("heading", title, 3)
    assert block.location.paragraph is None and block.anchors == ()


def test_each_paragraph_of_a_cell_is_a_block_with_the_cell_location(nhs: Document) -> None:
    blocks = in_cell(nhs, 4, 2, 1)
    expected = [p.text for p in word_cell(4, 2, 1).paragraphs if p.text.strip()]
    assert [b.text for b in blocks] == expected
    assert len(blocks) == 16
    assert all(b.location.paragraph is None for b in blocks)
    assert [b.kind for b in blocks[5:10]] == ["paragraph"] + ["list_item"] * 4


def test_a_cell_paragraph_points_at_its_place_in_the_cell_text(nhs: Document) -> None:
    # A finding's column in a cell paragraph is counted in the cell's text, as for a
    # table_cell block, so the reviewed copy can anchor its comment there.
    cell_text = word_cell(4, 2, 1).text
    for block in in_cell(nhs, 4, 2, 1):
        start = block.anchors[0].column - 1 if block.anchors else 0  # type: ignore[operator]
        assert cell_text[start : start + len(block.text)] == block.text


def test_bullets_are_list_items_after_their_lead_in(nhs: Document) -> None:
    blocks = in_cell(nhs, 4, 2, 1)
    at = next(i for i, b in enumerate(blocks) if b.kind == "list_item")
    lead_in = blocks[at - 1]
    assert (lead_in.kind, lead_in.text) == (
        "paragraph",
        "3.2.2 The multifactorial falls risk assessment will cover:",
    )
    items = blocks[at : at + 4]
    assert [(b.kind, b.list_level, b.label) for b in items] == [("list_item", 0, None)] * 4
    assert items[0].text == "gait, balance and mobility;"


def test_typed_clause_numbers_in_cells_start_clauses(nhs: Document) -> None:
    units = [u for u in build_outline(nhs).units if u.number and u.number != PART_A]
    assert [u.number for u in units] == [
        f"{PART_A} {n}"
        for n in (
            "1.1",
            "1.2",
            "2.1",
            "2.2",
            "3.1.1",
            "3.1.2",
            "3.2.1",
            *["3.2.2"] * 5,  # the lead-in and its four bullets
            "3.2.3",
            "3.2.4",
            "3.2.5",
            "3.3.1",
        )
    ]
    by_number = {u.number: u for u in units}
    assert by_number[f"{PART_A} 1.1"].heading_path == (*SCOPE[:2], "1. Population Needs")
    assert by_number[f"{PART_A} 3.2.1"].heading_path == (
        *SCOPE,
        "3.2 Service description and care pathway",
    )
    assert by_number[f"{PART_A} 3.2.1"].text.startswith("The Service will accept referrals")


def test_an_unnumbered_paragraph_continues_the_clause_above_it(nhs: Document) -> None:
    outline = build_outline(nhs)
    (clause,) = [u for u in outline.units if u.number == f"{PART_A} 3.2.5"]
    first, second = clause.text.split("\n\n")
    assert first.startswith("The Provider will offer every person referred a home assessment")
    assert second.startswith("Where the person is in hospital when referred")
    assert len(clause.segments) == 2
    where = outline.locate(clause, len(first) + 2, len(clause.text))
    assert where.table == TableRef(index=4, row=2, column=1)
    assert word_cell(4, 2, 1).text[where.column - 1 :].startswith(second)  # type: ignore[operator]


# --- a single-cell table ----------------------------------------------------------------------


def test_single_cell_table_is_read_paragraph_by_paragraph(nhs: Document) -> None:
    blocks = in_cell(nhs, 5, 1, 1)
    assert [(b.kind, b.text[:26]) for b in blocks] == [
        ("heading", "Other Payment Arrangements"),
        ("paragraph", "The Provider will be paid:"),
        ("list_item", "£25 for each person who co"),
        ("list_item", "£5 for each person who doe"),
        ("paragraph", "Ten per cent of the monthl"),
    ]
    assert blocks[0].heading_level == 3
    units = [u for u in build_outline(nhs).units if "Other Payment Arrangements" in u.heading_path]
    # Each bullet is read with its lead-in; compare what each unit says of its own.
    assert [u.text[u.lead_in :].strip()[:26] for u in units] == [b.text[:26] for b in blocks[1:]]
    assert [u.lead_in for u in units] == [0, len("The Provider will be paid:")] * 1 + [
        len("The Provider will be paid:"),
        0,
    ]
    assert {u.number for u in units} == {PART_A}


def test_single_cell_box_of_one_paragraph_belongs_to_the_clause_above() -> None:
    body = (
        mk.para("4.1 The Provider will hold a waiting list for the programme.")
        + mk.table([mk.row([mk.cell("Note: venues are listed in Appendix 2.", 9000)])], (9000,))
        + mk.para("4.2 The Provider will publish the waiting time each month.")
    )
    doc = doc_of(body)
    assert [(b.kind, b.location.table) for b in doc.blocks] == [
        ("paragraph", None),
        ("paragraph", TableRef(index=1, row=1, column=1)),
        ("paragraph", None),
    ]
    assert numbers(doc) == [
        ("4.1", "The Provider will hold a"),
        ("4.2", "The Provider will publis"),
    ]
    assert build_outline(doc).units[0].text.endswith("Note: venues are listed in Appendix 2.")


# --- what is not a title, and data tables ---------------------------------------------------


def test_first_row_that_is_a_clause_is_not_a_heading() -> None:
    body = mk.table(
        [
            mk.row([mk.cell("3.1 The Provider shall open on Saturdays.", 9000)]),
            mk.row([mk.cell("3.2 The Provider shall publish its opening hours.", 9000)]),
        ],
        (9000,),
    )
    doc = doc_of(body)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert numbers(doc) == [
        ("3.1", "The Provider shall open "),
        ("3.2", "The Provider shall publi"),
    ]


def test_title_level_follows_the_depth_of_its_number() -> None:
    body = (
        mk.para("Service Specification", "Heading2")
        + mk.table(
            [mk.row([mk.cell("5. Quality", 9000)]), mk.row([mk.cell("5.1 Text here.", 9000)])],
            (9000,),
        )
        + mk.table(
            [
                mk.row([mk.cell("5.2 Quality Requirements", 9000)]),
                mk.row([mk.cell("5.2.1 The Provider will report quarterly.", 9000)]),
            ],
            (9000,),
        )
    )
    doc = doc_of(body)
    assert [(b.text, b.heading_level) for b in doc.blocks if b.kind == "heading"] == [
        ("Service Specification", 2),
        ("5. Quality", 3),
        ("5.2 Quality Requirements", 4),
    ]
    (unit,) = [u for u in build_outline(doc).units if u.number == "5.2.1"]
    assert unit.heading_path == ("Service Specification", "5. Quality", "5.2 Quality Requirements")


def test_one_table_of_title_rows_and_body_rows() -> None:
    # A whole Part A typed into one table: title row, body row, title row, body row.
    body = mk.para("Part A – Service Specifications", "Heading2") + mk.table(
        [
            mk.row([mk.cell(mk.para(mk.bold("1. Population Needs")), 9000)]),
            mk.row(
                [
                    mk.cell(
                        mk.para("1.1 Falls are common.") + mk.para("1.2 Most are preventable."),
                        9000,
                    )
                ]
            ),
            mk.row([mk.cell(mk.para(mk.bold("2. Outcomes")), 9000)]),
            mk.row([mk.cell(mk.para("2.1 Fewer falls.") + mk.para("Measured each year."), 9000)]),
            mk.row([mk.cell(mk.para("Version 3, agreed March 2025"), 9000)]),
        ],
        (9000,),
    )
    doc = doc_of(body)
    assert [(b.kind, b.heading_level, b.text) for b in doc.blocks if b.location.table] == [
        ("heading", 3, "1. Population Needs"),
        ("paragraph", None, "1.1 Falls are common."),
        ("paragraph", None, "1.2 Most are preventable."),
        ("heading", 3, "2. Outcomes"),
        ("paragraph", None, "2.1 Fewer falls."),
        ("paragraph", None, "Measured each year."),
        ("paragraph", None, "Version 3, agreed March 2025"),  # not numbered: not a title row
    ]
    units = build_outline(doc).units
    assert [(u.number, u.heading_path[-1]) for u in units] == [
        ("Part A 1.1", "1. Population Needs"),
        ("Part A 1.2", "1. Population Needs"),
        ("Part A 2.1", "2. Outcomes"),
    ]
    assert units[-1].text.endswith("Measured each year.\n\nVersion 3, agreed March 2025")


def test_details_table_of_two_columns_is_still_data(nhs: Document) -> None:
    blocks = [b for b in nhs.blocks if b.location.table and b.location.table.index == 1]
    assert {b.kind for b in blocks} == {"table_cell"}
    assert len(blocks) == 12
    period = in_cell(nhs, 1, 5, 2)[0]
    assert period.text == "1 April 2025 to 31 March 2028"
    assert period.header == ("Service Specification No.", "2025/NCFP/01")


def test_data_cell_holding_a_section_body_is_read_as_paragraphs() -> None:
    body = mk.table(
        [
            mk.row([mk.cell("Section", 2000), mk.cell("Requirements", 7000)]),
            mk.row(
                [
                    mk.cell("4. Applicable Service Standards", 2000),
                    mk.cell(
                        mk.para("4.1 The Provider will follow NICE guidance on falls.")
                        + mk.para("Local pathways apply where they go further.")
                        + mk.para("4.2 The Provider will be registered with the CQC."),
                        7000,
                    ),
                ]
            ),
            mk.row([mk.cell("Review", 2000), mk.cell("Annually, with people who use it.", 7000)]),
        ],
        (2000, 7000),
    )
    doc = doc_of(body)
    got = [(b.kind, b.location.table.row, b.location.table.column) for b in doc.blocks]  # type: ignore[union-attr]
    assert got == [
        ("table_cell", 1, 1),
        ("table_cell", 1, 2),
        ("heading", 2, 1),
        ("paragraph", 2, 2),
        ("paragraph", 2, 2),
        ("paragraph", 2, 2),
        ("table_cell", 3, 1),
        ("table_cell", 3, 2),
    ]
    assert (
        doc.blocks[4].anchors[0].column
        == len("4.1 The Provider will follow NICE guidance on falls.") + 2
    )
    units = build_outline(doc).units
    assert [(u.number, u.text[:30]) for u in units] == [
        ("4.1", "The Provider will follow NICE "),
        ("4.2", "The Provider will be registere"),
        ("4.2", "Section: Review | Requirements"),  # a data row, as before
    ]
    assert units[0].text.endswith("Local pathways apply where they go further.")
    assert units[0].heading_path == ("4. Applicable Service Standards",)


def test_data_cell_with_one_numbered_paragraph_stays_one_cell() -> None:
    body = mk.table(
        [
            mk.row([mk.cell("KPI", 2000), mk.cell("Target", 7000)]),
            mk.row(
                [
                    mk.cell("KPI 1", 2000),
                    mk.cell(mk.para("1.1 Assessments offered.") + mk.para("Target 95%."), 7000),
                ]
            ),
        ],
        (2000, 7000),
    )
    doc = doc_of(body)
    assert [b.kind for b in doc.blocks] == ["table_cell"] * 4
    assert doc.blocks[-1].text == "1.1 Assessments offered.\nTarget 95%."


# --- Word numbering, nested tables and comments inside layout cells ---------------------------


def test_word_numbering_in_a_layout_cell_keeps_counting() -> None:
    body = (
        mk.clause("Referrals are accepted from GPs.", 1)
        + mk.table(
            [
                mk.row([mk.cell("Referral Pathway", 9000)]),
                mk.row(
                    [
                        mk.cell(
                            mk.clause("Self-referral is open.", 1) + mk.clause("Triage.", 1), 9000
                        )
                    ]
                ),
            ],
            (9000,),
        )
        + mk.clause("Discharge is agreed with the person.", 1)
    )
    doc = doc_of(body)
    assert [(b.kind, b.label, b.text) for b in doc.blocks] == [
        ("list_item", "1.1", "Referrals are accepted from GPs."),
        ("heading", None, "Referral Pathway"),
        ("list_item", "1.2", "Self-referral is open."),
        ("list_item", "1.3", "Triage."),
        ("list_item", "1.4", "Discharge is agreed with the person."),
    ]
    assert [u.number for u in build_outline(doc).units] == ["1.1", "1.2", "1.3", "1.4"]


def test_nested_table_in_a_layout_cell_is_read_in_place() -> None:
    inner = mk.table([mk.row([mk.cell("Venue", 2000), mk.cell("Day", 2000)])], (2000, 2000))
    body = mk.table(
        [
            mk.row([mk.cell("Venues", 4000)]),
            mk.row(
                [f"<w:tc>{mk.para('Classes run at:')}{inner}{mk.para('More may follow.')}</w:tc>"]
            ),
        ],
        (4000,),
    )
    data = mk.docx_bytes(body)
    doc = parse(data, "nested.docx")
    blocks = in_cell(doc, 1, 2, 1)
    assert [b.text for b in blocks] == ["Classes run at:", "Venue", "Day", "More may follow."]
    # Offsets are into the cell text as the reviewed copy rebuilds it.
    tc = table_cell(docx.Document(io.BytesIO(data)).tables[0]._tbl, 2, 1)
    text, _ = block_text_nodes(tc)
    for block in blocks:
        start = block.anchors[0].column - 1 if block.anchors else 0  # type: ignore[operator]
        assert text[start : start + len(block.text)] == block.text


def test_comment_directive_in_a_layout_cell_silences_its_clause(tmp_path: Path) -> None:
    anchored = (
        '<w:commentRangeStart w:id="0"/>'
        + mk.run("6.2 Each visit shall last 30 minutes.")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
    )
    body = mk.table(
        [
            mk.row([mk.cell("6. Home Visits", 9000)]),
            mk.row(
                [
                    mk.cell(
                        mk.para("6.1 Each visit shall last 45 minutes.") + mk.para(anchored),
                        9000,
                    )
                ]
            ),
        ],
        (9000,),
    )
    comments = mk.comments_xml(
        [(0, "Jaya Patel", "JP", "speclint: ignore OVR001 -- agreed with the provider forum")]
    )
    path = tmp_path / "visits.docx"
    path.write_bytes(mk.docx_bytes(body, comments=comments))
    report = speclint.check_paths([path])
    got = [(f.code, f.location.clause) for f in report.findings if f.code.startswith("OVR")]
    assert got == [("OVR001", "6.1")]


# --- findings ---------------------------------------------------------------------------------


def _nhs_findings() -> list[Finding]:
    report = speclint.check_paths([NHS])
    assert not report.errors
    return report.findings


@pytest.mark.parametrize(
    ("code", "clause", "cell", "trigger"),
    [
        ("OVR001", f"{PART_A} 3.2.5", (4, 2, 1), "assessment"),
        ("RFL001", f"{PART_A} 3.3.1", (4, 2, 1), "supervision"),
        ("PBR001", PART_A, (5, 1, 1), "Ten per cent"),
    ],
)
def test_findings_in_layout_tables_name_clause_and_cell(
    code: str, clause: str, cell: tuple[int, int, int], trigger: str
) -> None:
    (finding,) = [f for f in _nhs_findings() if f.code == code]
    where = finding.location
    assert where.clause == clause
    assert where.table == TableRef(index=cell[0], row=cell[1], column=cell[2])
    assert where.paragraph is None
    text = word_cell(*cell).text
    assert where.column is not None and where.end_column is not None
    assert text[where.column - 1 : where.end_column - 1] == trigger
    assert finding.excerpt in text


def test_findings_in_layout_tables_are_in_document_order() -> None:
    codes = [f.code for f in _nhs_findings() if f.code in ("OVR001", "RFL001", "PBR001")]
    assert codes == ["OVR001", "RFL001", "PBR001"]


def test_title_style_paragraph_is_a_level_one_heading(nhs: Document) -> None:
    title = nhs.blocks[0]
    assert (title.kind, title.heading_level, title.label, title.location.paragraph) == (
        "heading",
        1,
        None,
        1,
    )
    assert title.text == "Schedule 2 – The Services"


def test_reviewed_copy_comments_the_sentence_inside_the_layout_cell(tmp_path: Path) -> None:
    out = tmp_path / "nhs.reviewed.docx"
    annotate_docx(NHS, out, settings=Settings(group_repeats=False))  # a comment per item
    body = docx.Document(str(out)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    covered: dict[str, str] = {}
    for start in body.iter(f"{w}commentRangeStart"):
        cid = start.get(f"{w}id")
        texts: list[str] = []
        inside = False
        for element in body.iter():
            if element is start:
                inside = True
            elif element.tag == f"{w}commentRangeEnd" and element.get(f"{w}id") == cid:
                break
            elif inside and element.tag == f"{w}t":
                texts.append(element.text or "")
        covered[str(cid)] = "".join(texts)
    authors = {c.author for c in docx.Document(str(out)).comments}
    assert authors == {AUTHOR}
    assert sorted(covered.values()) == [
        "Each assessment visit shall last 60 minutes, however many needs the person has.",
        "Every falls practitioner will have an hour of clinical supervision each month, met "
        "from the Provider's existing resources.",
        # Money held against activity targets: payment by results (PBR001) and activity
        # counted as the measure (OUT001), a comment each.
        "Ten per cent of the monthly payment will be withheld until the quarterly activity "
        "targets are met.",
        "Ten per cent of the monthly payment will be withheld until the quarterly activity "
        "targets are met.",
        # The payment bullets, each read with "The Provider will be paid:" (PBR002), are
        # commented on their own paragraph in the cell.
        "£25 for each person who completes the twelve-week strength and balance programme; and",
        "£5 for each person who does not complete the programme.",
    ]
