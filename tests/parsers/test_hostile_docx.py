"""Crafted Word files cost one line or a normal parse, never memory or a traceback."""

from __future__ import annotations

import io
import re
import time
import zipfile

import docx
import pytest

import speclint
from speclint.errors import InputError
from speclint.parsers import parse_bytes


def _docx(edit: dict[str, list[tuple[str, str]]] | None = None) -> bytes:
    """A small specification with a table and a numbered list, with XML parts edited."""
    document = docx.Document()
    document.add_paragraph("4.2 The Provider shall keep records of every visit.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Indicator", "Target"
    table.cell(1, 0).text, table.cell(1, 1).text = "Waiting time", "Four weeks"
    document.add_paragraph("First step", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    if not edit:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for pattern, replacement in edit.get(info.filename, []):
                data = re.sub(pattern.encode(), replacement.encode(), data)
            target.writestr(info, data)
    return out.getvalue()


def _part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _parse_quickly(data: bytes) -> None:
    start = time.monotonic()
    parse_bytes(data, "crafted.docx", "docx")
    assert time.monotonic() - start < 10


def test_a_huge_grid_span_is_clamped() -> None:
    data = _docx({"word/document.xml": [("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="400000000"/>')]})
    assert b'w:val="400000000"' in _part(data, "word/document.xml")
    _parse_quickly(data)


def test_a_huge_grid_before_is_clamped() -> None:
    data = _docx(
        {
            "word/document.xml": [
                ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="900000000"/></w:trPr>')
            ]
        }
    )
    assert b'w:val="900000000"' in _part(data, "word/document.xml")
    _parse_quickly(data)


def test_a_huge_numbering_start_is_clamped() -> None:
    data = _docx(
        {
            "word/numbering.xml": [
                (r'<w:start w:val="\d+"/>', '<w:start w:val="99999999999"/>'),
                (r'<w:numFmt w:val="\w+"/>', '<w:numFmt w:val="upperRoman"/>'),
            ]
        }
    )
    assert b'w:val="99999999999"' in _part(data, "word/numbering.xml")
    _parse_quickly(data)
    report = speclint.check_bytes(data, "docx", path="crafted.docx")
    assert not report.errors


def test_an_unsupported_zip_version_is_one_line() -> None:
    data = bytearray(_docx())
    at = data.find(b"PK\x01\x02")  # the first central directory entry
    data[at + 6 : at + 8] = (235).to_bytes(2, "little")  # "version needed": 23.5
    with pytest.raises(InputError) as caught:
        parse_bytes(bytes(data), "crafted.docx", "docx")
    assert "not a valid .docx" in str(caught.value.cause)
    report = speclint.check_bytes(bytes(data), "docx", path="crafted.docx")
    (error,) = report.errors
    assert "internal error" not in error.message


def test_many_members_just_under_the_ratio_floor_are_a_bomb() -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for n in range(19):  # headers speclint never reads, each 9.9 MB of one byte
            target.writestr(f"word/header{n + 10}.xml", b"<" + b" " * 9_900_000 + b"/>")
    with pytest.raises(InputError, match="zip bomb"):
        parse_bytes(out.getvalue(), "bomb.docx", "docx")
