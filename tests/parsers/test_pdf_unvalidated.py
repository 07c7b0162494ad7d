"""The PDF layout builds blocks without validation; they must equal validated ones.

Each block, its location (with its table reference) and its anchors are rebuilt
through the models' validation from their dumped values and compared field by field,
as is the document, on every committed PDF fixture, a long generated specification,
the real documents when present, and a page whose table has more columns than a
cell's header may carry.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import assert_blocks_equal_validated, load_generator, pdf_fixtures

from speclint.errors import InputError
from speclint.models import MAX_HEADER_COLUMNS
from speclint.parsers.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", pdf_fixtures(), ids=lambda p: p.name)
def test_blocks_equal_validated_blocks(path: Path) -> None:
    try:
        document = read_pdf(path.read_bytes(), str(path))
    except InputError:
        pytest.skip("a fixture the parser refuses (empty, encrypted, scanned...)")
    assert_blocks_equal_validated(document)


def test_a_long_specification_equals_its_validated_copy() -> None:
    data, _layout = load_generator("pdf").long_spec(12)
    document = read_pdf(data, "long.pdf")
    assert any(block.location.table is not None for block in document.blocks)
    assert_blocks_equal_validated(document)


def test_the_fixtures_reach_every_kind_of_block() -> None:
    kinds: set[str] = set()
    for path in sorted((ROOT / "fixtures").rglob("*.pdf")):
        try:
            kinds |= {block.kind for block in read_pdf(path.read_bytes(), str(path)).blocks}
        except InputError:
            continue
    assert {"heading", "paragraph", "list_item", "table_cell", "footnote"} <= kinds


def _wide_table_pdf(columns: int) -> bytes:
    """One page: a heading, a paragraph and a ruled table of ``columns`` narrow columns."""
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=landscape(A3), invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(20, 800, "4. Lots and prices")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(20, 780, "4.1 Each lot is priced for the first contract year as below.")
    left, width, top, height = 20.0, 1150.0 / columns, 760.0, 16.0
    for row in range(3):
        y = top - row * height
        pdf.line(left, y, left + columns * width, y)
    pdf.line(left, top - 3 * height, left + columns * width, top - 3 * height)
    for col in range(columns + 1):
        x = left + col * width
        pdf.line(x, top, x, top - 3 * height)
    pdf.setFont("Helvetica", 4)
    for col in range(columns):
        x = left + col * width + 1
        pdf.drawString(x, top - 11, f"L{col}")
        pdf.drawString(x, top - height - 11, f"£{col}k")
        pdf.drawString(x, top - 2 * height - 11, f"{col}%")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_header_wider_than_a_cell_may_carry_is_cut_as_validation_cuts_it() -> None:
    document = read_pdf(_wide_table_pdf(MAX_HEADER_COLUMNS + 6), "wide.pdf")
    headers = [block.header for block in document.blocks if block.header]
    assert headers, "the table's data cells carry its header"
    assert max(len(header) for header in headers) == MAX_HEADER_COLUMNS
    assert_blocks_equal_validated(document)
