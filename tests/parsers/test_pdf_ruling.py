"""Ruled tables read from pdfium's path objects are the ones pdfplumber's finder gives.

Each test draws ruling the way real drafts do (boxes, lines, one path of many strokes,
a transformed grid, a rounded frame, arrows, a box left open on one side, rules 3
points apart)
and checks that :func:`speclint.parsers.pdf_ruling.ruled_tables` returns exactly the
cells, to the last bit, that pdfplumber's table finder returns on the page stripped of
its text (``speclint.parsers.pdf._ruled_tables``, still used for pages the path reader
leaves to it, which are tested too).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import load_generator

from speclint.parsers import pdf as pdf_parser
from speclint.parsers.pdf import read_pdf
from speclint.parsers.pdf_layout import TableGeom
from speclint.parsers.pdf_ruling import ruled_tables

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
MAKE = load_generator("pdf")  # registers the fixtures' fonts with reportlab

Geometry = list[tuple[object, object]]


def _geometry(tables: list[TableGeom]) -> Geometry:
    return [(t.bbox, t.rows) for t in tables]


def _both_ways(data: bytes) -> list[tuple[Geometry | None, Geometry]]:
    """For each page with ruling: (tables from pdfium's paths, tables from pdfplumber)."""
    doc = pdfium.PdfDocument(data)
    out: list[tuple[Geometry | None, Geometry]] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                if not pdf_parser._has_rules(page):
                    continue
                ours = ruled_tables(page, page.get_mediabox(), page.get_rotation(), 20_000)
                theirs = pdf_parser._ruled_tables(doc, index)
                out.append((None if ours is None else _geometry(ours), _geometry(theirs)))
            finally:
                page.close()
    finally:
        doc.close()
    return out


def _drawn(*pages: Callable[[Any], None]) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for draw in pages:
        c.setFont("Vera", 10)
        c.drawString(72, 780, "4.2 The Provider shall report the measures below each quarter.")
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def _boxes(c: Any) -> None:
    # A table of boxed cells at fractional positions, a cell a box.
    xs = [72.35, 160.7, 301.05, 455.4]
    ys = [700.2, 681.15, 662.1, 643.05]
    for x0, x1 in itertools.pairwise(xs):
        for y1, y0 in itertools.pairwise(ys):
            c.rect(x0, y0, x1 - x0, y1 - y0)


def _lines(c: Any) -> None:
    for y in (600.5, 580.25, 560.75, 540.125):
        c.line(72.4, y, 523.27, y)
    for x in (72.4, 190.66, 350.1, 523.27):
        c.line(x, 540.125, x, 600.5)


def _one_path(c: Any) -> None:
    path = c.beginPath()
    for y in (500, 480, 460):
        path.moveTo(80, y)
        path.lineTo(400.3, y)
    for x in (80, 200.9, 400.3):
        path.moveTo(x, 460)
        path.lineTo(x, 500)
    c.drawPath(path, stroke=1, fill=0)


def _transformed(c: Any) -> None:
    c.saveState()
    c.translate(10.5, -20.25)
    c.scale(1.1, 0.9)
    for y in (400, 380, 360):
        c.line(70, y, 420, y)
    for x in (70, 230, 420):
        c.line(x, 360, x, 400)
    c.restoreState()


def _rounded(c: Any) -> None:
    c.roundRect(60, 200, 470, 120, 12)  # a rounded frame: curves and lines
    closed = c.beginPath()  # a box drawn as four lines and closed
    closed.moveTo(90, 230)
    closed.lineTo(90, 290)
    closed.lineTo(300.5, 290)
    closed.lineTo(300.5, 230)
    closed.close()
    c.drawPath(closed, stroke=1, fill=1)
    c.rect(300.5, 230, 179.7, 60)


def _open_box(c: Any) -> None:
    # Two boxes each left open on one side: pdfium versions differ on whether such
    # a path is written as a rectangle, so the path reader leaves the page.
    for x0, x1 in ((90, 300.5), (300.5, 480.2)):
        path = c.beginPath()
        path.moveTo(x0, 230)
        path.lineTo(x0, 290)
        path.lineTo(x1, 290)
        path.lineTo(x1, 230)
        c.drawPath(path, stroke=1, fill=0)


def _arrows(c: Any) -> None:
    # Chevron arrows (closed paths of seven points with slanting sides) by a table.
    for y in (700.0, 660.5):
        arrow = c.beginPath()
        for x, dy in ((73.7, 0), (161.6, 0), (183.6, -22), (161.6, -44), (73.7, -44)):
            (arrow.lineTo if x != 73.7 or dy else arrow.moveTo)(x, y + dy)
        arrow.lineTo(95.7, y - 22)
        arrow.lineTo(73.7, y)
        arrow.close()
        c.drawPath(arrow, stroke=0, fill=1)
    _lines(c)


def _close_rules(c: Any) -> None:
    # Rules exactly 3 points apart (the snapping tolerance) and a split rule.
    for y in (150.0, 147.0, 130.0, 110.0):
        c.line(72, y, 300, y)
    c.line(300, 110, 450.5, 110)
    c.line(303, 130, 450.5, 130)
    for x in (72, 180.5, 300, 450.5):
        c.line(x, 110, x, 150)


@pytest.mark.parametrize("name", ["spec_multipage.pdf", "shifting_table.pdf", "boxed_spec.pdf"])
def test_fixture_tables_match_pdfplumber(name: str) -> None:
    pairs = _both_ways((FIXTURES / name).read_bytes())
    assert any(theirs for _ours, theirs in pairs)  # the fixture has tables to compare
    for ours, theirs in pairs:
        assert ours == theirs


def test_ruling_drawn_many_ways_matches_pdfplumber() -> None:
    data = _drawn(_boxes, _lines, _one_path, _transformed, _rounded, _close_rules, _arrows)
    pairs = _both_ways(data)
    assert len(pairs) == 7
    assert all(theirs for _ours, theirs in pairs)  # every page holds a table
    for ours, theirs in pairs:
        assert ours == theirs


def test_box_open_on_one_side_is_left_to_pdfplumber() -> None:
    pairs = _both_ways(_drawn(_open_box))
    assert [ours for ours, _theirs in pairs] == [None]


def test_long_spec_tables_match_pdfplumber() -> None:
    data, _layout = MAKE.long_spec(12)
    pairs = _both_ways(data)
    assert any(theirs for _ours, theirs in pairs)
    assert all(ours == theirs for ours, theirs in pairs)


def _grid(c: Any) -> None:
    for y in (600, 580, 560):
        c.line(72, y, 400, y)
    for x in (72, 200, 400):
        c.line(x, 560, x, 600)
    c.setFont("Vera", 10)
    c.drawString(76, 586, "Measure")
    c.drawString(204, 586, "Target")
    c.drawString(76, 566, "Waiting time")
    c.drawString(204, 566, "18 weeks")


def test_page_the_path_reader_leaves_goes_to_pdfplumber() -> None:
    # A table drawn inside a form XObject: pdfminer reads the form's own numbers, so
    # the path reader declines the page and pdfplumber finds the table as before.
    def in_form(c: Any) -> None:
        c.beginForm("grid")
        _grid(c)
        c.endForm()
        c.doForm("grid")

    stats = pdf_parser.PdfStats()
    doc = read_pdf(_drawn(in_form), "form.pdf", stats=stats)
    assert (stats.table_pages, stats.pdfplumber_pages) == (1, 1)
    cells = [b for b in doc.blocks if b.location.table is not None]
    assert [b.text for b in cells] == ["Measure", "Target", "Waiting time", "18 weeks"]
    assert cells[2].header == ("Measure", "Target")

    stats = pdf_parser.PdfStats()
    doc = read_pdf(_drawn(_grid), "plain.pdf", stats=stats)
    assert (stats.table_pages, stats.pdfplumber_pages) == (1, 0)
    assert [(b.text, b.header) for b in doc.blocks if b.location.table is not None] == [
        (b.text, b.header) for b in cells
    ]


def test_rotated_page_goes_to_pdfplumber() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setPageRotation(90)
    _grid(c)
    c.showPage()
    c.save()
    page = pdfium.PdfDocument(buf.getvalue())[0]
    assert ruled_tables(page, page.get_mediabox(), page.get_rotation(), 20_000) is None
    pairs = _both_ways(buf.getvalue())
    assert pairs == [(None, pairs[0][1])] and pairs[0][1]
