"""Tests for the Word (.docx) parser on the generated fixtures in fixtures/docx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import load_generator

from speclint.errors import InputError
from speclint.models import Block, Document, TableRef
from speclint.parsers import parse_path
from speclint.parsers.docx import parse
from speclint.parsers.docx_numbering import format_number

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "docx"


mk = load_generator("docx")


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx_fixtures")
    mk.write_all(out)
    return out


@pytest.fixture(scope="session")
def spec_path(generated: Path) -> Path:
    return generated / "spec_numbered.docx"


@pytest.fixture(scope="session")
def spec(spec_path: Path) -> Document:
    return parse(spec_path.read_bytes(), str(spec_path))


def by_paragraph(doc: Document, index: int) -> Block:
    matches = [b for b in doc.blocks if b.location.paragraph == index]
    assert len(matches) == 1, f"paragraph {index}: {matches}"
    return matches[0]


def body_text(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


def cell(doc: Document, row: int, column: int, table: int = 1) -> Block:
    ref = TableRef(index=table, row=row, column=column)
    matches = [b for b in doc.blocks if b.location.table == ref]
    assert len(matches) == 1, f"cell {ref}: {matches}"
    return matches[0]


# --- the committed fixtures ---------------------------------------------------------------


def test_committed_fixtures_match_the_generator(generated: Path) -> None:
    # Every committed .docx comes from the generator: none is made by hand.
    committed_names = sorted(p.name for p in FIXTURES.glob("*.docx"))
    assert committed_names == sorted(p.name for p in generated.iterdir())
    for path in sorted(generated.iterdir()):
        committed = FIXTURES / path.name
        assert committed.exists(), f"{committed} is missing: run make_fixtures.py"
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale"


def test_generator_is_deterministic() -> None:
    assert mk.spec_numbered() == mk.spec_numbered()


def test_committed_spec_parses_through_the_registry() -> None:
    doc = parse_path(FIXTURES / "spec_numbered.docx")
    assert doc.format == "docx"
    assert doc.pages is None
    assert doc.path == str(FIXTURES / "spec_numbered.docx")


# --- numbering ------------------------------------------------------------------------------

EXPECTED_LABELS = {
    5: ("1.", "heading", 0),
    6: ("1.1", "list_item", 1),
    7: ("1.2", "list_item", 1),  # numbering from the ClauseL2 style
    8: ("2.", "heading", 0),
    10: ("2.1", "list_item", 1),
    11: ("2.1.1", "list_item", 2),
    12: ("(a)", "list_item", 3),
    13: ("(b)", "list_item", 3),
    14: ("(i)", "list_item", 4),
    15: ("(ii)", "list_item", 4),
    16: ("(c)", "list_item", 3),
    17: ("2.1.2", "list_item", 2),  # (a)-(c) reset when 2.1.x advances
    18: ("2.2", "list_item", 1),  # style basedOn chain: ClauseL2Indent -> ClauseL2
    19: ("2.3", "list_item", 1),
    20: ("2.4", "list_item", 1),
    21: ("2.5", "list_item", 1),
    22: ("3.", "heading", 0),
    23: ("3.1", "list_item", 1),
    25: ("3.2", "list_item", 1),  # continues across the KPI table
    26: ("4.", "heading", 0),
    28: ("1)", "list_item", 0),
    29: ("2)", "list_item", 0),
    31: ("1)", "list_item", 0),  # restarted by a w:num with startOverride
    32: ("2)", "list_item", 0),
    34: ("5.", "heading", 0),
    35: ("Part I", "list_item", 0),
    36: ("1.1", "list_item", 1),  # isLgl: "1.1", not "I.1"
    37: ("Part II", "list_item", 0),
    38: ("2.1", "list_item", 1),
    39: ("6.", "heading", 0),
    40: ("A.", "list_item", 0),
    41: ("B.", "list_item", 0),
}


@pytest.mark.parametrize("index", sorted(EXPECTED_LABELS))
def test_word_numbering_is_rendered_as_word_shows_it(spec: Document, index: int) -> None:
    label, kind, level = EXPECTED_LABELS[index]
    block = by_paragraph(spec, index)
    assert (block.label, block.kind, block.list_level) == (label, kind, level)


def test_unnumbered_paragraphs_have_no_label(spec: Document) -> None:
    for index in (1, 2, 3, 9, 24, 27, 30, 42, 43, 44):
        assert by_paragraph(spec, index).label is None


def test_bullet_is_a_list_item_without_label(spec: Document) -> None:
    bullet = by_paragraph(spec, 33)
    assert bullet.kind == "list_item"
    assert bullet.label is None
    assert bullet.list_level == 0


def test_typed_numbers_stay_in_the_text(spec: Document) -> None:
    block = by_paragraph(spec, 3)
    assert block.text == "Version 0.3 – draft for market engagement, March 2025"
    assert by_paragraph(spec, 6).text.startswith("The purpose of the Service")


# --- headings -------------------------------------------------------------------------------


def test_headings_and_levels(spec: Document) -> None:
    headings = [
        (b.location.paragraph, b.heading_level, b.text) for b in spec.blocks if b.kind == "heading"
    ]
    assert headings == [
        (1, 1, mk.TITLE),
        (5, 1, "Purpose"),
        (8, 1, "Service scope"),
        (9, 2, "Eligibility and referral"),
        (22, 1, "Key performance indicators"),
        (26, 1, "Referral and exclusion criteria"),
        (34, 1, "Schedules"),
        (39, 1, "Appendices"),
        (42, 2, "Contact details"),  # w:outlineLvl on the paragraph
    ]
    assert all(b.heading_level is None for b in spec.blocks if b.kind != "heading")


# --- locations ------------------------------------------------------------------------------


def test_paragraph_indices_match_python_docx(spec: Document, spec_path: Path) -> None:
    paragraphs = docx.Document(str(spec_path)).paragraphs
    assert len(paragraphs) == 44
    seen = set()
    for block in spec.blocks:
        index = block.location.paragraph
        if index is None:
            continue
        seen.add(index)
        assert block.location.path == str(spec_path)
        assert block.location.line is None and block.location.page is None
        assert block.anchors == ()
        theirs = paragraphs[index - 1].text.strip()
        if theirs:  # python-docx misses inserted, moved and content-control text
            assert theirs[:20] in block.text, (index, theirs, block.text)
    non_empty = {i for i, p in enumerate(paragraphs, start=1) if p.text.strip()}
    assert non_empty <= seen
    assert 4 not in seen  # the empty paragraph has no block but is counted


def test_blocks_are_in_reading_order(spec: Document) -> None:
    kinds = [b.kind for b in spec.blocks]
    first_cell = kinds.index("table_cell")
    assert spec.blocks[first_cell - 1].location.paragraph == 24
    last_cell = len(kinds) - 1 - kinds[::-1].index("table_cell")
    assert spec.blocks[last_cell + 1].location.paragraph == 25
    assert kinds[-3:] == ["comment", "footnote", "endnote"]


def test_block_level_content_control_is_read_without_a_paragraph_index(spec: Document) -> None:
    (block,) = [b for b in spec.blocks if b.text.startswith("Service hours")]
    assert block.location.paragraph is None
    assert block.kind == "paragraph"
    before = spec.blocks[spec.blocks.index(block) - 1]
    after = spec.blocks[spec.blocks.index(block) + 1]
    assert (before.location.paragraph, after.location.paragraph) == (43, 44)


# --- tables ---------------------------------------------------------------------------------

HEADER = ("KPI", "Indicator", "Threshold", "Consequence of breach")


def test_table_cells_have_table_row_column_and_header(spec: Document) -> None:
    for column, text in enumerate(HEADER, start=1):
        block = cell(spec, 1, column)
        assert block.text == text
        assert block.kind == "table_cell"
        assert block.header is None
        assert block.location.paragraph is None
    breach = cell(spec, 2, 4)
    assert breach.text == "2% of the Actual Monthly Value withheld"
    assert breach.header == HEADER
    assert breach.header[breach.location.table.column - 1] == "Consequence of breach"  # type: ignore[union-attr]
    assert cell(spec, 3, 4).text == "None – monitoring only"
    assert (
        cell(spec, 2, 2).text == "Percentage of routine referrals contacted within 10 working days"
    )
    assert cell(spec, 3, 2).text.startswith("Percentage of people with a co-produced care plan")


def test_merged_cells_are_read_once(spec: Document) -> None:
    cells = [b for b in spec.blocks if b.kind == "table_cell"]
    refs = [(b.location.table.row, b.location.table.column) for b in cells]  # type: ignore[union-attr]
    assert len(refs) == len(set(refs))
    # vMerge: the consequence of KPI 3 covers KPI 4's row too, read once at row 4.
    assert cell(spec, 4, 4).text == "Remedial Action Plan under the NHS Standard Contract"
    assert (5, 4) not in refs
    # gridSpan: KPI 5's indicator spans columns 2-3; the next cell is grid column 4.
    assert cell(spec, 6, 2).text.startswith("Service user experience survey")
    assert (6, 3) not in refs
    assert cell(spec, 6, 4).text == "None – monitoring only"
    assert sum("Remedial Action Plan under" in b.text for b in spec.blocks) == 1


def test_tracked_deleted_row_is_not_read(spec: Document) -> None:
    text = body_text(spec)
    assert "Number of complaints upheld" not in text
    assert "Payment withheld in full" not in text
    assert max(b.location.table.row for b in spec.blocks if b.location.table) == 6  # type: ignore[union-attr]


# --- tracked changes, headers and footers ------------------------------------------------


def test_tracked_deletion_is_not_read_and_insertion_is(spec: Document) -> None:
    assert "within existing resources" not in body_text(spec)
    assert by_paragraph(spec, 18).text == (
        "The Provider shall deliver the Service within the Annual Contract Value set out in "
        "Schedule 3."
    )


def test_moved_text_is_read_once_where_it_now_is(spec: Document) -> None:
    moved = "The Provider shall publish an annual report on outcomes"
    assert sum(moved in b.text for b in spec.blocks) == 1
    assert by_paragraph(spec, 21).text.startswith(moved)
    assert moved not in by_paragraph(spec, 36).text


def test_running_header_and_footer_are_not_read(spec: Document) -> None:
    text = body_text(spec)
    assert "cost pressures" not in text
    assert "best endeavours" not in text
    assert "OFFICIAL" not in text


# --- comments and notes ---------------------------------------------------------------------


def test_comment_is_attached_to_its_paragraph_and_emitted(spec: Document) -> None:
    commented = [b for b in spec.blocks if b.comments]
    assert [b.location.paragraph for b in commented] == [10]
    assert commented[0].label == "2.1"
    assert commented[0].comments == (mk.COMMENT_TEXT,)
    comments = [b for b in spec.blocks if b.kind == "comment"]
    assert [b.text for b in comments] == [mk.COMMENT_TEXT]
    assert comments[0].location.paragraph is None
    assert comments[0].location.path == commented[0].location.path


def test_footnote_and_endnote_blocks(spec: Document) -> None:
    footnotes = [b.text for b in spec.blocks if b.kind == "footnote"]
    endnotes = [b.text for b in spec.blocks if b.kind == "endnote"]
    assert footnotes == [mk.FOOTNOTE_TEXT]
    assert endnotes == [mk.ENDNOTE_TEXT]
    for block in spec.blocks:
        if block.kind in ("footnote", "endnote", "comment"):
            assert block.location.paragraph is None


# --- fields, controls, links, text boxes ----------------------------------------------------


def test_field_result_is_read_not_its_instruction(spec: Document) -> None:
    assert by_paragraph(spec, 7).text == (
        "This specification forms part of the NHS Standard Contract (version 2024/25) "
        "between the Commissioner and the Provider."
    )
    assert "Table 1 to the Commissioner" in by_paragraph(spec, 23).text  # w:fldSimple
    text = body_text(spec)
    assert "MERGEFORMAT" not in text
    assert "DOCPROPERTY" not in text
    assert "KPITable" not in text


def test_content_control_hyperlink_and_smart_tag_text(spec: Document) -> None:
    assert by_paragraph(spec, 19).text == (
        "The Provider shall offer appointments at Northshire Wellbeing Hub and Castlegate "
        "Community Centre, and in people's homes where needed."
    )
    assert by_paragraph(spec, 20).text == (
        "The Provider shall comply with the Mental Health Act 1983 Code of Practice."
    )
    assert by_paragraph(spec, 2).text == (
        "Northshire Integrated Care Board and Northshire County Council"
    )


def test_text_box_is_read_once(spec: Document) -> None:
    block = by_paragraph(spec, 43)
    assert block.text == (
        "Key contact: Northshire ICB Mental Health Commissioning Team, "
        "mh.commissioning@northshire.example.nhs.uk"
    )
    assert sum("Key contact" in b.text for b in spec.blocks) == 1


def test_non_breaking_space_becomes_a_space(spec: Document) -> None:
    assert "within 10 working days of receiving a routine referral." in by_paragraph(spec, 17).text
    assert "\xa0" not in body_text(spec)


# --- bad files --------------------------------------------------------------------------------

BAD_FILES = [
    ("empty.docx", "the file is empty"),
    ("plain_text.docx", "is not a Word .docx file (it looks like plain text)"),
    ("no_document_xml.docx", "has no word/document.xml"),
    ("encrypted.docx", "password-protected"),
    ("legacy_word97.docx", "pre-2007 Word .doc"),
    ("zip_bomb.docx", "200 MB decompression limit"),
]


@pytest.mark.parametrize(("name", "cause"), BAD_FILES)
def test_bad_files_raise_one_line_input_error(generated: Path, name: str, cause: str) -> None:
    path = generated / name
    with pytest.raises(InputError) as info:
        parse(path.read_bytes(), str(path))
    assert cause in info.value.cause
    assert info.value.path == str(path)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{path}: ")


def test_zip_bomb_message_names_the_zip_bomb(generated: Path) -> None:
    with pytest.raises(InputError, match="zip bomb"):
        parse((generated / "zip_bomb.docx").read_bytes(), "zip_bomb.docx")


def test_compression_ratio_limit() -> None:
    data = mk.zip_bomb(size=20 * 1024 * 1024)
    assert len(data) < 100_000
    with pytest.raises(InputError, match=r"over the 100:1 decompression-ratio limit"):
        parse(data, "ratio.docx")


def test_encrypted_message_says_encrypted(generated: Path) -> None:
    with pytest.raises(InputError, match="encrypted"):
        parse((generated / "encrypted.docx").read_bytes(), "encrypted.docx")


def test_bad_files_through_the_registry_are_input_errors() -> None:
    for name, _ in BAD_FILES:
        with pytest.raises(InputError):
            parse_path(FIXTURES / name)


def test_truncated_zip_is_corrupt(spec_path: Path) -> None:
    data = spec_path.read_bytes()[:3000]
    with pytest.raises(InputError, match=r"is corrupt or not a valid \.docx \("):
        parse(data, "truncated.docx")


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()


def test_malformed_xml_is_corrupt(spec_path: Path) -> None:
    data = _replace_member(spec_path.read_bytes(), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(InputError) as info:
        parse(data, "broken.docx")
    assert info.value.cause.startswith("is corrupt or not a valid .docx (")
    assert "\n" not in info.value.cause


def test_garbage_after_zip_signature_is_corrupt() -> None:
    with pytest.raises(InputError, match=r"is corrupt or not a valid \.docx"):
        parse(b"PK\x03\x04" + bytes(range(256)) * 4, "garbage.docx")


def test_binary_non_zip_is_not_a_docx() -> None:
    with pytest.raises(InputError, match="it is not a zip package"):
        parse(bytes(range(256)) * 8, "random.docx")


def test_pdf_named_docx() -> None:
    with pytest.raises(InputError, match="looks like a PDF"):
        parse(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "report.docx")


def test_spreadsheet_named_docx() -> None:
    data = mk.zip_parts([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])
    with pytest.raises(InputError, match="Excel workbook"):
        parse(data, "kpis.docx")


def test_importing_parsers_does_not_import_python_docx() -> None:
    code = "import sys, speclint.parsers; assert 'docx' not in sys.modules, 'docx imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- numbering details on small generated documents ---------------------------------------


def _labels(body: str, numbering: str) -> list[str | None]:
    data = mk.docx_bytes(body, numbering=numbering)
    doc = parse(data, "small.docx")
    return [b.label for b in doc.blocks]


def _p(text: str, num_id: int, ilvl: int = 0) -> str:
    return mk.para(text, num=(num_id, ilvl))


def test_start_values_and_formats() -> None:
    numbering = mk.numbering_xml(
        [
            mk.abstract_num(
                0,
                [
                    mk.lvl(0, "upperLetter", "Schedule %1", start=25),
                    mk.lvl(1, "upperRoman", "%2."),
                    mk.lvl(2, "decimalZero", "%3"),
                ],
            )
        ],
        [mk.num(1, 0)],
    )
    body = "".join(
        [
            _p("Y", 1, 0),
            _p("I", 1, 1),
            _p("II", 1, 1),
            _p("01", 1, 2),
            _p("Z", 1, 0),
            _p("AA", 1, 0),
            _p("I again", 1, 1),
        ]
    )
    assert _labels(body, numbering) == [
        "Schedule Y",
        "I.",
        "II.",
        "01",
        "Schedule Z",
        "Schedule AA",
        "I.",
    ]


def test_lvl_restart_zero_keeps_counting() -> None:
    numbering = mk.numbering_xml(
        [
            mk.abstract_num(
                0,
                [
                    mk.lvl(0, "decimal", "Part %1"),
                    mk.lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
                ],
            )
        ],
        [mk.num(1, 0)],
    )
    body = "".join([_p("a", 1, 0), _p("b", 1, 1), _p("c", 1, 1), _p("d", 1, 0), _p("e", 1, 1)])
    assert _labels(body, numbering) == ["Part 1", "1.", "2.", "Part 2", "3."]


def test_lists_sharing_an_abstract_continue_unless_restarted() -> None:
    numbering = mk.numbering_xml(
        [mk.abstract_num(0, [mk.lvl(0, "lowerLetter", "(%1)")])],
        [
            mk.num(1, 0),
            mk.num(2, 0),
            mk.num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>'),
        ],
    )
    body = "".join([_p("a", 1), _p("b", 1), _p("c", 2), _p("d", 3), _p("e", 3), _p("f", 1)])
    assert _labels(body, numbering) == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    body = "".join([_p("a", 1), _p("b", 1), _p("x", 3), _p("y", 3)])
    assert _labels(body, numbering) == ["(a)", "(b)", "(d)", "(e)"]


def test_num_id_zero_removes_style_numbering_and_empty_paragraphs_count() -> None:
    body = "".join(
        [
            mk.para("Scope", "Heading1"),
            mk.para("", "Heading1"),  # empty but numbered: Word still shows "2."
            mk.para("Finance", "Heading1"),
            mk.para("Not numbered", "Heading1", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>'),
            mk.para("Governance", "Heading1"),
        ]
    )
    doc = parse(mk.docx_bytes(body, numbering=mk.SPEC_NUMBERING), "h.docx")
    assert [(b.label, b.location.paragraph) for b in doc.blocks] == [
        ("1.", 1),
        ("3.", 3),
        (None, 4),
        ("4.", 5),
    ]
    assert all(b.kind == "heading" for b in doc.blocks)


def test_numbering_continues_inside_and_after_a_table() -> None:
    body = (
        mk.clause("First", 1)
        + mk.table(
            [mk.row([mk.cell("KPI", 2000), mk.cell(mk.clause("Inside", 1), 2000)])],
            (2000, 2000),
        )
        + mk.clause("After", 1)
    )
    doc = parse(mk.docx_bytes(body, numbering=mk.SPEC_NUMBERING), "t.docx")
    assert [(b.text, b.label) for b in doc.blocks] == [
        ("First", "1.1"),
        ("KPI", None),
        ("Inside", "1.2"),
        ("After", "1.3"),
    ]


def test_format_number() -> None:
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(3, "ordinal") == "3rd"
    assert format_number(7, "decimal") == "7"


def test_complex_field_spanning_paragraphs_does_not_hide_text() -> None:
    body = (
        mk.para(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + mk.run("1. Purpose\t1")
        )
        + mk.para(mk.run("2. Scope\t2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        + mk.para("The Provider shall keep records.")
    )
    doc = parse(mk.docx_bytes(body), "toc.docx")
    assert [b.text for b in doc.blocks] == [
        "1. Purpose\t1",
        "2. Scope\t2",
        "The Provider shall keep records.",
    ]


def test_header_is_per_grid_column_and_deleted_rows_keep_their_number() -> None:
    w = 2000
    body = mk.table(
        [
            mk.row([mk.cell("Measure", w), mk.cell("Threshold", 2 * w, '<w:gridSpan w:val="2"/>')]),
            mk.row(
                [mk.cell(mk.para(mk.delete("Old KPI", 1)), w), mk.cell("", w), mk.cell("", w)],
                f'<w:del w:id="2" {mk.CHANGE}/>',
            ),
            mk.row([mk.cell("Waiting time", w), mk.cell("18 weeks", w), mk.cell("92%", w)]),
        ],
        (w, w, w),
    )
    doc = parse(mk.docx_bytes(body), "grid.docx")
    cells = [(b.location.table.row, b.location.table.column, b.text) for b in doc.blocks]  # type: ignore[union-attr]
    assert cells == [
        (1, 1, "Measure"),
        (1, 2, "Threshold"),
        (3, 1, "Waiting time"),
        (3, 2, "18 weeks"),
        (3, 3, "92%"),
    ]
    assert doc.blocks[-1].header == ("Measure", "Threshold", "Threshold")
    assert doc.blocks[-1].header[doc.blocks[-1].location.table.column - 1] == "Threshold"  # type: ignore[index,union-attr]


def test_comment_spanning_paragraphs_is_attached_to_each() -> None:
    body = (
        mk.para('<w:commentRangeStart w:id="7"/>' + mk.run("The Provider shall recruit staff."))
        + mk.para("The Provider shall train them.")
        + mk.para(
            mk.run("The Provider shall retain them.")
            + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
        )
        + mk.para("Unrelated clause.")
    )
    comments = mk.comments_xml([(7, "A. Reviewer", "AR", "speclint: ignore X101 -- agreed")])
    doc = parse(mk.docx_bytes(body, comments=comments), "c.docx")
    assert [b.comments for b in doc.blocks[:4]] == [
        ("speclint: ignore X101 -- agreed",),
        ("speclint: ignore X101 -- agreed",),
        ("speclint: ignore X101 -- agreed",),
        (),
    ]
    assert doc.blocks[-1].kind == "comment"


def test_nested_table_text_is_kept_in_its_cell() -> None:
    inner = mk.table([mk.row([mk.cell("Inner A", 1000), mk.cell("Inner B", 1000)])], (1000, 1000))
    outer = mk.table(
        [mk.row([mk.cell("Outer", 2000), f"<w:tc>{mk.para('Host')}{inner}{mk.para('')}</w:tc>"])],
        (2000, 2000),
    )
    doc = parse(
        mk.docx_bytes(outer + mk.table([mk.row([mk.cell("Next", 1000)])], (1000,))), "n.docx"
    )
    assert [(b.location.table.index, b.text) for b in doc.blocks] == [  # type: ignore[union-attr]
        (1, "Outer"),
        (1, "Host\n\nInner A\nInner B"),
        (2, "Next"),
    ]


def test_alternate_content_is_read_in_a_cell_as_in_the_body() -> None:
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        + mk.para("Chosen text")
        + "</mc:Choice><mc:Fallback>"
        + mk.para("Fallback text")
        + "</mc:Fallback></mc:AlternateContent>"
    )
    host = f"<w:tc>{mk.para('Host')}{alternate}</w:tc>"
    body = alternate + mk.table([mk.row([mk.cell("KPI", 2000), host])], (2000, 2000))
    doc = parse(mk.docx_bytes(body), "alternate.docx")
    assert [b.text for b in doc.blocks] == ["Chosen text", "KPI", "Host\nChosen text"]


def test_zip_level_encryption_is_reported() -> None:
    data = bytearray(mk.docx_bytes(mk.para("Secret.")))
    # Set the "encrypted" flag bit on every central directory entry.
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 8] |= 0x1
        pos = data.find(b"PK\x01\x02", pos + 4)
    with pytest.raises(InputError, match="password-protected"):
        parse(bytes(data), "locked.docx")
