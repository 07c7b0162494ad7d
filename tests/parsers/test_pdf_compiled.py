"""The compiled per-character PDF pass: built where CI says it must be, and exact.

``conftest.py`` in this folder checks the compiled pass against the Python loop on
every page the parser tests read; here the same comparison runs over every committed
PDF fixture, a long generated specification and, when present, the real documents.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from helpers import load_generator, pdf_fixtures

from speclint.parsers import pdf_chars, pdf_layout

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


def _run(text: str, size: float = 10.0, base: float = 100.0, x: float = 72.0) -> list[Any]:
    """One record per character, each starting where the one before ends."""
    chars = []
    for ch in text:
        chars.append(pdf_layout.Char(ch, x, x + 5.0, base, size, False, ch == " "))
        x += 5.0
    return chars


@pytest.mark.parametrize(
    "chars",
    [
        _run("2.2.1crisis plan"),  # a clause number run into its text
        _run("12.3abc"),
        _run("1234.5abc"),  # four digits: no clause number
        _run("1.2345abc"),
        _run("1.2.abc"),
        _run("1.2.3Abc"),  # a capital: no clause number
        _run("٣.٢abc"),  # digits, but not ASCII ones
        _run("ser\u00advice"),  # a soft hyphen inside a word
        _run("ser\u00ad"),  # and at the end of a line
        _run("a") + _run("b", size=12.0, x=80.0) + _run("c", size=10.2, x=90.0),  # sizes tie
        _run("days") + _run("1", size=6.0, base=96.0, x=92.0),  # a raised note reference
        _run("  x "),
    ],
)
def test_compiled_lines_are_the_python_ones(chars: list[Any]) -> None:
    """Whole lines built in C equal those built in Python, field by field and type."""
    if pdf_layout._new_line is None:
        pytest.skip("the compiled pass is not built here")
    made = pdf_layout._new_line(chars, 3, "body", 0, 0.0)
    assert made is not None
    expected = pdf_layout.Line(chars, page=3)
    expected_measures = pdf_layout._measure(chars)
    assert pdf_layout._line(chars) == expected_measures
    fields = list(pdf_layout.Line.__dataclass_fields__)
    assert [getattr(made, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert [type(getattr(made, f)) for f in fields] == [type(getattr(expected, f)) for f in fields]


def test_compiled_line_of_spaces_only_raises_as_python() -> None:
    if pdf_layout._new_line is None:
        pytest.skip("the compiled pass is not built here")
    with pytest.raises(ValueError, match="at least one visible character"):
        pdf_layout._new_line(_run("   "), 1, "body", 0, 0.0)
    with pytest.raises(ValueError, match="at least one visible character"):
        pdf_layout._measure(_run("   "))
