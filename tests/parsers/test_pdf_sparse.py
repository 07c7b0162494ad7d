"""A PDF is 'scanned' only when its pages really have no text layer."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import speclint
from speclint.errors import InputError
from speclint.parsers import parse_bytes


def _pdf(lines_per_page: list[list[str]]) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    for lines in lines_per_page:
        y = 760
        for line in lines:
            pdf.setFont("Helvetica", 11)
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_one_line_a_page_is_text_not_a_scan() -> None:
    pages = [
        [f"{n}.1 The Provider shall withhold 5% of payment until the KPI target is met."]
        for n in range(1, 7)
    ]
    document = parse_bytes(_pdf(pages), "sparse.pdf", "pdf")
    assert len(document.blocks) == 6
    report = speclint.check_bytes(_pdf(pages), "pdf", path="sparse.pdf")
    assert not report.errors
    assert {f.code for f in report.findings} >= {"PBR001"}


def test_pages_with_no_text_at_all_need_ocr() -> None:
    with pytest.raises(InputError, match="needs OCR"):
        parse_bytes(_pdf([[], [], []]), "blank.pdf", "pdf")


def test_repeated_identical_lines_are_still_read() -> None:
    pages = [["The service runs seven days a week."] for _ in range(5)]
    document = parse_bytes(_pdf(pages), "same.pdf", "pdf")
    assert document.blocks
