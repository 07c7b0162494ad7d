"""PDF layouts as their authors drew them: frames, contents lists, bold numbered headings,
symbol-font ticks and bullets, tables continued across pages, repeated clause numbers
and lists with a lead-in.

The fixture is ``fixtures/pdf/boxed_spec.pdf`` (every page inside a border), written by
``make_fixtures.boxed_spec``. Expected pages and printed line numbers come from the
generator's own record of where it drew each line, never from the parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import REAL, load_generator

import speclint
from speclint.config import Settings
from speclint.models import Block, Document
from speclint.parsers import parse_path
from speclint.parsers.pdf import read_pdf
from speclint.parsers.pdf_contents import LEADER, mark_contents
from speclint.parsers.pdf_grid import GridRun, band_of, column_bands, spans_all
from speclint.parsers.pdf_layout import Char, Line
from speclint.parsers.pdf_symbols import symbol_char, symbol_font
from speclint.parsers.pdf_tables import column_edges, is_frame, same_columns
from speclint.structure.build import build_outline

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
BOXED = FIXTURES / "boxed_spec.pdf"

gen = load_generator("pdf")

#: What symbol-font glyphs look like when they are read as letters.
GARBAGE = re.compile(r"[üØ§\uf000-\uf0ff]|\(cid:\d+\)|^n\s|\nn\s")


@pytest.fixture(scope="module")
def layout() -> Any:
    return gen.boxed_spec()[1]


@pytest.fixture(scope="module", params=["auto", "pdfplumber"])
def doc(request: pytest.FixtureRequest) -> Document:
    return read_pdf(BOXED.read_bytes(), str(BOXED), engine=request.param)


def _line(layout: Any, fragment: str) -> tuple[int, int]:
    """Return page and number of the one printed line with ``fragment`` (not in the contents)."""
    lines = layout.lines
    hits = [ln for ln in lines if fragment in ln.text and ln.role != "contents"]
    assert len(hits) == 1, f"{fragment!r} is on {len(hits)} printed lines"
    return hits[0].page, hits[0].number


def _block(doc: Document, start: str) -> Block:
    hits = [b for b in doc.blocks if b.text.startswith(start)]
    assert len(hits) == 1, f"{start!r} starts {len(hits)} blocks"
    return hits[0]


def _where(block: Block) -> tuple[int | None, int | None]:
    return block.location.page, block.location.line


# --------------------------------------------------------------------------- frames


def test_page_border_is_a_frame_not_a_table(doc: Document, layout: Any) -> None:
    title = doc.blocks[0]
    assert (title.kind, title.text) == ("heading", "Community Equipment Service")
    drawn = next(ln for ln in layout.lines if ln.role == "heading" and ln.page == 1)
    assert drawn.text == title.text
    assert _where(title) == (drawn.page, drawn.number) == (1, 2)
    # Only the KPI table is a table; the border's header band and body are not cells.
    tables = {b.location.table.index for b in doc.blocks if b.location.table}
    assert tables == {1}
    assert all(b.location.page in (3, 4) for b in doc.blocks if b.kind == "table_cell")
    # Running text inside the border is paragraphs, not glued onto a first line.
    para = _block(doc, "1.1 This specification")
    assert para.kind == "paragraph"
    assert _where(para) == _line(layout, "1.1 This specification")
    assert "Schedule 2" not in para.text


def test_header_and_footer_bands_are_not_linted(doc: Document) -> None:
    for block in doc.blocks:
        assert "Schedule 2 – Service Specification" not in block.text
        assert "draft for consultation v0.3" not in block.text
        assert not re.search(r"Page \d of 4", block.text)


def test_frame_test_needs_a_big_cell_full_of_lines() -> None:
    frame_rows = [
        [(36.0, 36.0, 330.0, 62.0), (330.0, 36.0, 559.0, 62.0)],
        [(36.0, 62.0, 559.0, 782.0), None],
    ]
    bbox = (36.0, 36.0, 559.0, 782.0)
    body = [Char("x", 80.0, 86.0, 100.0 + 13 * k, 10.0, False) for k in range(3)]
    assert is_frame(bbox, frame_rows, body)
    assert not is_frame(bbox, frame_rows, body[:2])  # two lines: a boxed note, say
    grid = [[(0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 20.0)]] * 3
    assert not is_frame((0.0, 0.0, 100.0, 60.0), grid, body)
    assert column_edges(grid) == (0.0, 50.0, 100.0)


# --------------------------------------------------------------------------- contents


def test_contents_list_is_neither_headings_nor_clauses(doc: Document, layout: Any) -> None:
    contents = [ln for ln in layout.lines if ln.role == "contents"]
    assert len(contents) == 8  # the heading and seven printed entry lines
    for block in doc.blocks:
        assert "...." not in block.text
        assert block.text != "Contents"
    # "3.2 Equipment outside the scope ... 2" does not open clause 3.2; the real 3.2 does.
    starts = [b for b in doc.blocks if b.text.startswith("3.2 ")]
    assert [(b.kind, _where(b)) for b in starts] == [
        ("paragraph", _line(layout, "3.2 Wheelchairs"))
    ]
    # The lines of the contents list still count: the note after it keeps its number.
    note = _block(doc, "This draft is issued")
    assert _where(note) == _line(layout, "This draft is issued") == (1, 12)


def test_outline_has_no_clause_from_the_contents_list() -> None:
    outline = build_outline(parse_path(BOXED))
    numbers = [u.number for u in outline.units if u.kind == "paragraph"]
    assert numbers.count("3.2") == 1
    assert not any("...." in u.text for u in outline.units)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("3.2 Scope of the service ........ 7", True),
        ("Summary ....................2", True),
        ("Annex 1: Key benefits of implementation . . . . . . 22", True),
        ("Glossary………… iv", True),
        ("The Provider shall respond within 7 days.", False),
        ("See section 4...", False),
    ],
)
def test_dot_leader_entries(text: str, entry: bool) -> None:
    assert bool(LEADER.search(text)) is entry


def _row(text: str, y: float) -> Line:
    chars = [
        Char(ch, 72.0 + 6 * i, 78.0 + 6 * i, y, 10.0, False, ch == " ") for i, ch in enumerate(text)
    ]
    return Line(chars)


class _FakePage:
    def __init__(self, rows: list[Line]) -> None:
        self.rows = rows


def test_contents_without_leaders_ends_where_running_text_starts() -> None:
    rows = [
        _row("Contents", 100),
        _row("Introduction 3", 113),
        _row("Payment and pricing 5", 126),
        _row("Performance 9", 139),
        _row("Glossary iv", 152),
        _row("Access for people in civil", 165),
        _row("This specification is issued for consultation.", 196),
        _row("The Provider shall reply within 10 days.", 209),
    ]
    mark_contents([_FakePage(rows)])
    assert [r.role for r in rows] == ["contents"] * 5 + ["body"] * 3


# --------------------------------------------------------------------------- headings


def test_bold_numbered_lines_are_headings_and_numbered_sentences_are_clauses(
    doc: Document, layout: Any
) -> None:
    heads = ["1. Introduction", "2. Payment", "3. Scope of the service"]
    heads.append("4. Key performance indicators")
    levels = set()
    for text in heads:
        block = _block(doc, text)
        assert (block.kind, block.text) == ("heading", text)
        assert _where(block) == _line(layout, text)
        levels.add(block.heading_level)
    assert len(levels) == 1  # one style, one level...
    title = doc.blocks[0]
    assert title.heading_level is not None
    (level,) = levels
    assert level is not None and level > title.heading_level  # ...below the title's
    for start in ("1.1 This", "1.2 The", "2.1 The", "3.1 The", "4.1 The", "4.3 Where"):
        assert _block(doc, start).kind == "paragraph"
    bold_clause = _block(doc, "3.3 The Provider shall not subcontract")  # set in bold
    assert (bold_clause.kind, bold_clause.heading_level) == ("paragraph", None)
    assert _where(bold_clause) == _line(layout, "3.3 The Provider shall not")


# --------------------------------------------------------------------------- symbols


def test_symbol_font_glyphs_become_ticks_and_bullets(doc: Document, layout: Any) -> None:
    for block in doc.blocks:
        assert not GARBAGE.search(block.text), block.text
    ticks = [b for b in doc.blocks if b.text.startswith("✓ ")]
    assert [b.kind for b in ticks] == ["list_item"] * 3  # Wingdings "ü"
    assert _where(ticks[0]) == _line(layout, "registered with the Care Quality")
    achieved = [b.text for b in doc.blocks if b.location.table and b.location.table.column == 4]
    expected = [row[3].replace("✔", "✓") for row in gen.BOXED_KPIS]
    assert achieved == ["Achieved", *expected]  # ZapfDingbats ticks and crosses
    symbol = _block(doc, "• all stock owned")  # a Symbol-font bullet
    assert symbol.kind == "list_item"


def test_findings_never_quote_symbol_garbage(layout: Any) -> None:
    report = speclint.check_paths([BOXED])
    assert not report.errors
    got = [
        (f.code, f.location.clause, f.location.page, f.location.line, f.excerpt)
        for f in report.findings
    ]
    # Each list item is read with its lead-in; the bullet or tick glyph is not quoted.
    assert got == [
        (
            "PBR001",
            "2.1",
            *_line(layout, "less 2% of the Actual Monthly Value"),
            "The Provider will be paid: less 2% of the Actual Monthly Value withheld for each "
            "month in which KPI 1 is not achieved.",
        ),
        (
            "RFL001",
            "3.3",
            *_line(layout, "monthly clinical supervision"),
            "The Provider confirms that: all practitioners receive monthly clinical supervision "
            "within existing resources.",
        ),
    ]
    for finding in report.findings:
        assert not GARBAGE.search(finding.excerpt), finding.excerpt
        assert "...." not in finding.excerpt


@pytest.mark.parametrize(
    ("font", "raw", "meaning"),
    [
        ("AAAAAK+Wingdings-Regular", "ü", "✓"),
        ("Wingdings", "\uf0fc", "✓"),
        ("Wingdings", "n", "•"),
        ("Wingdings", "§", "•"),
        ("Wingdings", "Ø", "•"),
        ("Wingdings", "û", "✗"),
        ("Wingdings", "J", None),  # a smiley: dropped
        ("SymbolMT", "·", "•"),
        ("Symbol", "\uf0b7", "•"),
        ("Symbol", "a", "α"),
        ("Symbol", "•", "•"),
        ("ZapfDingbats", "4", "✓"),
        ("ZapfDingbats", "l", "•"),
        ("ZapfDingbats", "✔", "✓"),
        ("Wingdings2", "P", "✓"),
        ("Wingdings 2", "O", "✗"),
        ("Wingdings-3", "Ø", "•"),
    ],
)
def test_symbol_char(font: str, raw: str, meaning: str | None) -> None:
    kind = symbol_font(font)
    assert kind is not None
    assert symbol_char(raw, kind) == meaning


def test_ordinary_fonts_are_not_symbol_fonts() -> None:
    assert symbol_font("ABCDEF+ArialMT") is None
    assert symbol_font("Calibri-Bold") is None


# --------------------------------------------------------------------------- tables


def test_table_continued_on_the_next_page_is_one_table(doc: Document, layout: Any) -> None:
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    refs = [b.location.table for b in cells]
    assert all(r is not None and r.index == 1 for r in refs)
    rows = sorted({r.row for r in refs if r is not None})
    assert rows == list(range(1, len(gen.BOXED_KPIS) + 2))  # header row + 8 data rows
    # The header row repeated at the top of page 4 is not a data row...
    assert [b.text for b in cells if b.location.page == 4 and b.text == "KPI"] == []
    # ...and the rows on page 4 carry on the numbering, with page 3's header.
    kpi5 = _block(doc, "KPI 5")
    assert kpi5.location.table is not None and kpi5.location.table.row == 6
    assert _where(kpi5) == _line(layout, "KPI 5 Special orders")
    assert kpi5.header == gen.BOXED_KPI_HEADER
    assert _line(layout, "KPI 5 Special orders")[0] == 4


def test_tables_with_different_columns_do_not_join() -> None:
    assert same_columns((56.0, 102.0, 419.0, 539.0), (57.5, 101.0, 420.0, 538.0))
    assert not same_columns((56.0, 102.0, 419.0, 539.0), (56.0, 200.0, 419.0, 539.0))
    assert not same_columns((56.0, 102.0, 539.0), (56.0, 102.0, 419.0, 539.0))


# --------------------------------------------------------------------------- clauses, lists


def test_clause_number_used_twice_is_kept(doc: Document, layout: Any) -> None:
    twice = [b for b in doc.blocks if b.text.startswith("1.1 The Provider shall")]
    assert [_where(b) for b in twice] == [
        _line(layout, "1.1 The Provider shall have its store"),
        _line(layout, "1.1 The Provider shall hand over"),
    ]
    outline = build_outline(parse_path(BOXED))
    numbers = [u.number for u in outline.units if u.kind == "paragraph"]
    assert "Annex A 1.1" in numbers and "Annex B 1.1" in numbers


def test_each_bullet_is_an_item_after_its_lead_in(doc: Document, layout: Any) -> None:
    texts = [b.text for b in doc.blocks]
    lead = texts.index("The Provider will be paid:")
    assert doc.blocks[lead].kind == "paragraph"
    assert _where(doc.blocks[lead]) == _line(layout, "The Provider will be paid:")
    items = doc.blocks[lead + 1 : lead + 5]
    assert [b.kind for b in items] == ["list_item"] * 4
    assert items[1].text.endswith("at the prices in Schedule 3 (Pricing);")  # wrapped line
    assert [_where(b) for b in items] == [
        _line(layout, "a fixed monthly sum"),
        _line(layout, "a price per item"),
        _line(layout, "the cost of repairs"),
        _line(layout, "less 2% of the Actual"),
    ]
    after = doc.blocks[lead + 5]
    assert (after.kind, after.text) == (
        "paragraph",
        "Prices are reviewed each April with the Provider's open-book accounts.",
    )
    # The sentence before the lead-in is its own clause paragraph.
    assert (
        doc.blocks[lead - 1].text
        == "2.1 The Commissioner shall pay the Provider monthly in arrears."
    )


# --------------------------------------------------------------------------- real PDFs


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real PDFs is not here")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in REAL.glob("*.pdf")) if REAL.is_dir() else []
)
def test_real_pdfs_have_no_symbol_garbage_or_contents_clauses(name: str) -> None:
    doc = parse_path(REAL / name)
    for block in doc.blocks:
        assert not GARBAGE.search(block.text), (block.location, block.text[:80])
        assert not LEADER.search(block.text), (block.location, block.text[:80])
        if block.kind == "heading":
            assert not block.text.startswith("•")


def _ruled_table_pdf(pages: list[tuple[float, list[tuple[str, str, str]]]]) -> bytes:
    """Draw one ruled three-column table part per page: (top y, rows of cell texts)."""
    import io

    from reportlab.pdfgen import canvas

    xs = (72.0, 200.0, 360.0, 523.0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for top, rows in pages:
        c.setFont("Vera", 10)
        c.drawString(72, 800, "4.1 The Provider shall meet the Quality Requirements below.")
        ys = [top - 20.0 * k for k in range(len(rows) + 1)]
        for k, row in enumerate(rows):
            for x, text in zip(xs, row, strict=False):
                c.drawString(x + 4, ys[k] - 14, text)
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        c.showPage()
    c.save()
    return buf.getvalue()


def test_row_broken_across_the_page_break_stays_one_row() -> None:
    header = ("Indicator", "Threshold", "Consequence of breach")
    data = _ruled_table_pdf(
        [
            (140.0, [header, ("Waiting times", "95% within 18 weeks", "Remedial action plan")]),
            (
                760.0,
                [
                    header,
                    ("", "", "agreed within 10 days"),
                    ("Complaints", "All acknowledged in 3 days", "Quarterly review"),
                ],
            ),
        ]
    )
    doc = read_pdf(data, "split.pdf")
    cells = [
        (b.location.page, b.location.table.index, b.location.table.row, b.text)
        for b in doc.blocks
        if b.location.table
    ]
    assert cells == [
        (1, 1, 1, "Indicator"),
        (1, 1, 1, "Threshold"),
        (1, 1, 1, "Consequence of breach"),
        (1, 1, 2, "Waiting times"),
        (1, 1, 2, "95% within 18 weeks"),
        (1, 1, 2, "Remedial action plan"),
        (2, 1, 2, "agreed within 10 days"),  # the rest of row 2
        (2, 1, 3, "Complaints"),
        (2, 1, 3, "All acknowledged in 3 days"),
        (2, 1, 3, "Quarterly review"),
    ]
    assert all(
        b.header == header for b in doc.blocks if b.location.table and b.location.table.row > 1
    )
    outline = build_outline(doc)
    rows = [u.text for u in outline.units if u.kind == "table_cell"]
    assert len(rows) == 2  # the header row is not a unit; the broken row is one
    assert rows[0].endswith(
        "Consequence of breach: Remedial action plan | Consequence of breach: agreed within 10 days"
    )


def test_both_reading_paths_give_the_same_blocks() -> None:
    data = BOXED.read_bytes()
    auto = read_pdf(data, "boxed.pdf")
    assert auto == read_pdf(data, "boxed.pdf", engine="pdfplumber")
    assert len(auto.blocks) > 40


# --------------------------------------------------------------------------- shifting grid

SHIFTING = FIXTURES / "shifting_table.pdf"


@pytest.fixture(scope="module")
def shift_layout() -> Any:
    return gen.shifting_table()[1]


@pytest.fixture(scope="module")
def shift_units() -> list[Any]:
    report = speclint.outline_paths([SHIFTING])
    assert not report.errors
    (file,) = report.files
    return list(file.units)


def _unit(units: list[Any], fragment: str) -> Any:
    hits = [u for u in units if fragment in u.text[u.lead_in :]]
    assert len(hits) == 1, f"{fragment!r} is in {len(hits)} units"
    return hits[0]


def _shift_line(layout: Any, fragment: str) -> tuple[int, int]:
    hits = [ln for ln in layout.lines if fragment in ln.text]
    assert len(hits) == 1, f"{fragment!r} is on {len(hits)} printed lines"
    return hits[0].page, hits[0].number


def test_fixture_grid_really_shifts_on_the_second_page() -> None:
    first, second = ([sum(w[:k]) for k in range(4)] for w in gen.SHIFT_WIDTHS)
    assert not same_columns(first, second)
    assert all(abs(a - b) > 20 for a, b in zip(first[1:3], second[1:3], strict=True))
    doc = read_pdf(SHIFTING.read_bytes(), str(SHIFTING))
    assert {b.location.page for b in doc.blocks if b.location.table} == {1, 2}


def test_table_whose_grid_shifts_keeps_its_rows_and_header_labels(
    shift_units: list[Any], shift_layout: Any
) -> None:
    rows = [u for u in shift_units if u.kind == "table_cell"]
    # One table, one unit per data row (the header row repeated on page 2 is not one),
    # numbered on across the page break.
    refs = [(u.location.page, u.location.table.index, u.location.table.row) for u in rows]
    assert refs == [(1, 1, 2), (1, 1, 3), (2, 1, 4), (2, 1, 5), (2, 1, 6)]
    assert [u.clause for u in rows] == ["3.2"] * 5
    # Every row on page 2 reads with page 1's header labels, column by column, although
    # every column boundary moved and the last row's "Evidence" cell is ruled in two.
    medicines = _unit(shift_units, "Stop smoking medicines")
    assert medicines.text == "Requirement: Stop smoking medicines | Evidence: Prescribing data"
    assert (medicines.location.page, medicines.location.line) == _shift_line(
        shift_layout, "Stop smoking medicines"
    )
    payment = _unit(shift_units, "Requirement: Payment")
    assert payment.text == (
        "Requirement: Payment | Service standard: The Provider will be paid:"
        " | Evidence: Monthly invoice"
    )
    workforce = _unit(shift_units, "Requirement: Workforce")
    assert workforce.text == "Requirement: Workforce | Evidence: CPD log\nAudit"
    assert {u.location.table.column for u in shift_units if u.location.table} <= {1, 2, 3}
    assert not any("Requirement: Requirement" in u.text for u in shift_units)


def test_bullets_in_cells_are_items_read_with_their_lead_in(
    shift_units: list[Any], shift_layout: Any
) -> None:
    def read(fragment: str) -> tuple[str, str, int | None, tuple[int, int]]:
        unit = _unit(shift_units, fragment)
        where = (unit.location.page, unit.location.line)
        return unit.text[: unit.lead_in], unit.kind, unit.location.table.column, where

    offer = "Service standard: The Provider shall offer:"
    # The cell's own first line is the lead-in of its bullets...
    assert read("weekly one-to-one sessions") == (
        offer,
        "list_item",
        2,
        _shift_line(shift_layout, "weekly one-to-one sessions"),
    )
    assert read("a text message reminder")[0] == offer
    assert read("£40 for each Service User")[0] == "Service standard: The Provider will be paid:"
    # ...a nested bullet is read after the bullet above it...
    assert read("evening groups in each locality")[0] == "group sessions, including:"
    assert read("groups held at large workplaces")[0] == "group sessions, including:"
    # ...and bullets with no lead-in of their own read after the row label and header
    # (these bullets touch their text: the glyph is still no part of the item).
    assert read("varenicline or cytisine")[:3] == (
        "Requirement: Stop smoking medicines | Service standard:",
        "list_item",
        2,
    )
    tight = _unit(shift_units, "varenicline or cytisine")
    assert tight.text[tight.lead_in :].startswith(" varenicline")
    workforce = "Requirement: Workforce | Service standard:"
    assert read("Advisors receive monthly clinical")[0] == workforce


def test_indented_bullets_are_a_deeper_list_level(shift_units: list[Any]) -> None:
    doc = read_pdf(SHIFTING.read_bytes(), str(SHIFTING))
    body = [(b.list_level, b.text.split()[:2]) for b in doc.blocks if b.kind == "list_item"]
    # The second level's bullet is Word's Courier "o", read as a hollow bullet because it
    # stands right of the bullet above it.
    assert body[:5] == [
        (0, ["•", "an"]),
        (1, ["◦", "the"]),
        (1, ["◦", "previous"]),
        (0, ["•", "a"]),
        (0, ["•", "follow-up"]),
    ]
    lead = "The Provider shall offer every adult who smokes and lives in the borough:"
    assert _unit(shift_units, "a personal quit plan").text.startswith(lead + " a personal")
    covering = "an assessment of their smoking and their readiness to quit, covering:"
    cigarettes = _unit(shift_units, "the number of cigarettes")
    assert cigarettes.text == f"{covering} the number of cigarettes smoked each day;"
    assert cigarettes.clause == "3.1"
    # A paragraph after the list is the next clause, not part of an item.
    after = _unit(shift_units, "The Provider shall meet the service standards")
    assert (after.clause, after.lead_in, after.kind) == ("3.2", 0, "paragraph")


def test_findings_in_cell_bullets_quote_the_lead_in(shift_layout: Any) -> None:
    report = speclint.check_paths([SHIFTING], config=Settings(group_repeats=False))
    assert not report.errors
    got = sorted(
        (f.code, f.location.clause, f.location.page, f.location.line, f.location.table.column)
        for f in report.findings
        if f.location.table is not None
    )
    assert got == [
        ("PBR002", "3.2", *_shift_line(shift_layout, "£40 for each"), 2),
        ("PBR002", "3.2", *_shift_line(shift_layout, "£60 for each"), 2),
        ("RFL001", "3.2", *_shift_line(shift_layout, "supervision within existing"), 2),
    ]
    rfl = next(f for f in report.findings if f.code == "RFL001")
    assert "Requirement: Workforce | Service standard: Advisors receive" in rfl.excerpt


def test_shifting_table_reads_the_same_on_both_paths() -> None:
    data = SHIFTING.read_bytes()
    assert read_pdf(data, "s.pdf") == read_pdf(data, "s.pdf", engine="pdfplumber")


def test_bands_come_from_the_header_row_and_cells_go_by_overlap() -> None:
    title = [(0.0, 0.0, 300.0, 20.0), None, None]
    head = [(0.0, 20.0, 100.0, 40.0), (100.0, 20.0, 220.0, 40.0), (220.0, 20.0, 300.0, 40.0)]
    bands = column_bands([title, head])
    assert bands == ((0.0, 100.0), (100.0, 220.0), (220.0, 300.0))
    assert band_of(130.0, 240.0, bands) == 1  # mostly under the second header
    assert band_of(310.0, 320.0, bands) == 2  # past the edge: the nearest
    assert spans_all((2.0, 0.0, 298.0, 20.0), bands)
    assert not spans_all((2.0, 0.0, 200.0, 20.0), bands)


def test_a_bold_new_header_row_starts_a_new_table() -> None:
    run = GridRun(1, ("KPI", "Target"), ((50.0, 200.0), (200.0, 500.0)), (50.0, 500.0), 9, 3)
    run.header_bold = True
    assert run.continues_on(4, (52.0, 498.0), "KPI | Target", True)  # header repeated
    assert run.continues_on(4, (60.0, 520.0), "KPI 9 | 95%", False)  # grid moved, data row
    assert not run.continues_on(4, (50.0, 500.0), "Risk | Owner", True)  # a table of its own
    assert not run.continues_on(5, (50.0, 500.0), "KPI 9 | 95%", False)  # not the next page
    assert not run.continues_on(4, (50.0, 250.0), "KPI 9 | 95%", False)  # half the width


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real PDFs is not here")
def test_real_key_metrics_table_keeps_its_header_on_the_next_page() -> None:
    path = REAL / "nhse-eye-care-restoration-roadmap-2020-21.pdf"
    if not path.exists():
        pytest.skip("the eye care roadmap is not in the shared corpus")
    (file,) = speclint.outline_paths([path]).files
    annex = [
        u
        for u in file.units
        if u.location.table is not None and u.location.page in (25, 26) and u.section
    ]
    assert len({u.location.table.index for u in annex}) == 1  # one table over both pages
    rows = [u.location.table.row for u in annex if u.kind == "table_cell"]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    page26 = [u for u in annex if u.location.page == 26 and u.kind == "table_cell"]
    labelled = [u for u in page26 if u.text.startswith("Metric: ")]
    assert len(labelled) >= 15
    assert all("| Risk: ✓" in u.text or "Risk" not in u.text for u in labelled)
    # Bullets inside a metric's cell read after the metric's own lead-in.
    items = [u for u in annex if u.kind == "list_item"]
    assert items and all(u.text[: u.lead_in].startswith("Metric: ") for u in items)


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real PDFs is not here")
def test_real_annexes_start_top_sections() -> None:
    path = REAL / "nhse-eye-care-restoration-roadmap-2020-21.pdf"
    if not path.exists():
        pytest.skip("the eye care roadmap is not in the shared corpus")
    (file,) = speclint.outline_paths([path]).files
    annexed = [u for u in file.units if (u.clause or "").startswith("Annex")]
    assert annexed
    # Under the document's title only, never under the last section before the annexes.
    assert {len(u.section or ()) >= 2 and u.section[1].startswith("Annex") for u in annexed} == {
        True
    }


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real PDFs is not here")
def test_real_bold_bullet_title_is_set_off_from_its_text() -> None:
    path = REAL / "nhse-eye-care-high-flow-services-guidance.pdf"
    if not path.exists():
        pytest.skip("the high-flow guidance is not in the shared corpus")
    texts = [" ".join(b.text.split()) for b in parse_path(path).blocks]
    assert any(t.startswith("•Outcome: ") for t in texts)
    assert not any(t.startswith("•Outcome ") for t in texts)
