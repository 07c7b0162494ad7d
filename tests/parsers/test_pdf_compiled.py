"""The compiled per-character PDF pass: built where CI says it must be, and exact.

``conftest.py`` in this folder checks the compiled pass against the Python loop on
every page the parser tests read; here the same comparison runs over every committed
PDF fixture, a long generated specification and, when present, the real documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pytest
from helpers import load_generator, pdf_fixtures

from speclint.parsers import pdf_chars

ROOT = Path(__file__).resolve().parents[2]


def _records_both_ways(data: bytes | Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Read every page both ways and assert the records agree; return the page count."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0  # corrupt, encrypted or not a PDF: the parser refuses it before this pass
    pages = 0
    try:
        for page in document:
            box = tuple(page.get_mediabox())
            rotation = page.get_rotation()
            for words in (True, False):
                monkeypatch.delenv("SPECLINT_PURE_PDF", raising=False)
                compiled = pdf_chars.read_chars(page, box, rotation, words=words)
                monkeypatch.setenv("SPECLINT_PURE_PDF", "1")
                python = pdf_chars.read_chars(page, box, rotation, words=words)
                assert compiled == python, f"page {pages + 1}, words={words}"
            pages += 1
    finally:
        document.close()
    return pages


def test_compiled_pass_is_built_where_required() -> None:
    """CI sets SPECLINT_REQUIRE_COMPILED: there the extension must have been built."""
    if not os.environ.get("SPECLINT_REQUIRE_COMPILED"):
        pytest.skip("only checked where SPECLINT_REQUIRE_COMPILED is set (CI)")
    assert pdf_chars._compiled is not None
    assert pdf_chars.compiled_pass()


def test_pure_switch_turns_the_compiled_pass_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECLINT_PURE_PDF", "1")
    assert not pdf_chars.compiled_pass()


@pytest.mark.parametrize("path", pdf_fixtures(), ids=lambda p: p.name)
def test_same_records_on_every_page(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not pdf_chars.compiled_pass():
        pytest.skip("the compiled pass is not built here")
    _records_both_ways(path, monkeypatch)


def test_same_records_on_a_long_generated_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    if not pdf_chars.compiled_pass():
        pytest.skip("the compiled pass is not built here")
    data, _layout = load_generator("pdf").long_spec(12)
    assert _records_both_ways(data, monkeypatch) >= 10


def test_same_records_for_slanted_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text matrix with a shear (synthetic italics) sizes glyphs by hypot(c, d).

    ``math.hypot`` and the C library's ``hypot`` differ in the last bit for some pairs
    (0.57, 1 among them): the compiled pass must size glyphs as Python does.
    """
    if not pdf_chars.compiled_pass():
        pytest.skip("the compiled pass is not built here")
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    for slant in (0.57, 0.2, 0.33):
        text = pdf.beginText()
        text.setTextTransform(1, 0, slant, 1, 72, 700 - 200 * slant)
        text.setFont("Helvetica", 10)
        text.textLine("The Provider shall keep a record of every visit to the home.")
        pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    assert _records_both_ways(out.getvalue(), monkeypatch) == 1
