"""Word's "repeat as header row" flag is read for its value, not only for being there.

``<w:tblHeader w:val="false"/>`` (as some tools write for every row) says the row is
*not* repeated: such rows are data, and their clauses must be read.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from speclint.parsers import parse_bytes

ROWS = [
    ("Requirement", "Frequency"),
    ("The Provider shall hold a review with each person", "Every 6 weeks"),
    ("The Provider shall report missed visits to the Council", "Monthly"),
]


def _table_docx(flag: str | None) -> bytes:
    """A two-column table whose rows all carry ``<w:tblHeader w:val=flag/>`` (``None``: no val)."""
    document = docx.Document()
    table = document.add_table(rows=len(ROWS), cols=2)
    for row, texts in zip(table.rows, ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
        header = OxmlElement("w:tblHeader")
        if flag is not None:
            header.set(qn("w:val"), flag)
        row._tr.get_or_add_trPr().append(header)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("flag", ["false", "0", "off"])
def test_rows_marked_not_repeated_are_data(flag: str) -> None:
    texts = [b.text for b in parse_bytes(_table_docx(flag), "schedule.docx", "docx").blocks]
    for requirement, _ in ROWS[1:]:
        assert any(requirement in text for text in texts), (requirement, texts)


def test_rows_marked_repeated_are_still_header_rows() -> None:
    # Only the last row is left for the data, as Word's repeated header rows are.
    blocks = parse_bytes(_table_docx(None), "schedule.docx", "docx").blocks
    texts = [b.text for b in blocks]
    assert not any(ROWS[1][0] in text for text in texts), texts
    assert any(ROWS[2][0] in text for text in texts), texts
