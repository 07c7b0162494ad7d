"""Word ``.docx`` files: the package's safety, the reader and the OOXML names.

* :mod:`~speclint.parsers.docx.package` refuses unsafe or mislabelled bytes before
  anything is decompressed (:func:`check_package`);
* :mod:`~speclint.parsers.docx.reader` reads the body, tables, comments and notes into
  blocks (:func:`parse`), and maps a block's text back to its ``w:t`` nodes
  (:func:`block_text_nodes`) for :mod:`speclint.annotate`;
* :mod:`~speclint.parsers.docx.ooxml` holds the element names and the walks both use.

Word's automatic numbering is :mod:`speclint.parsers.docx_numbering`, and reading a
table used for layout :mod:`speclint.parsers.docx_layout`.
"""

from __future__ import annotations

from speclint.parsers.docx.ooxml import MAX_GRID, table_cell
from speclint.parsers.docx.package import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_MIN_BYTES,
    check_package,
)
from speclint.parsers.docx.reader import (
    REVIEW_AUTHOR,
    block_text_nodes,
    parse,
    raw_index,
    text_nodes,
    visible_text,
)

__all__ = [
    "MAX_GRID",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "RATIO_MIN_BYTES",
    "REVIEW_AUTHOR",
    "block_text_nodes",
    "check_package",
    "parse",
    "raw_index",
    "table_cell",
    "text_nodes",
    "visible_text",
]
