"""WordprocessingML as speclint reads it: element names and walks over the lxml tree.

The names are Clark-notation tags (``P`` is ``{…/wordprocessingml/2006/main}p``) so
that comparing an element's ``tag`` costs one string comparison. The walks look inside
content controls, custom XML, tracked insertions and ``mc:AlternateContent`` the way
Word shows them. The reader (:mod:`speclint.parsers.docx.reader`) and
:mod:`speclint.annotate` both use them, so the text a finding quotes and the text a
comment is anchored on are found by the same walk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

P = W + "p"
R = W + "r"
T = W + "t"
TBL = W + "tbl"
TR = W + "tr"
TC = W + "tc"
TC_PR = W + "tcPr"
TR_PR = W + "trPr"
TBL_GRID = W + "tblGrid"
TBL_HEADER = W + "tblHeader"
GRID_SPAN = W + "gridSpan"
GRID_BEFORE = W + "gridBefore"
V_MERGE = W + "vMerge"
SDT = W + "sdt"
SDT_CONTENT = W + "sdtContent"
CUSTOM_XML = W + "customXml"
PPR = W + "pPr"
RPR = W + "rPr"
INS = W + "ins"
DEL = W + "del"
MOVE_TO = W + "moveTo"
MOVE_FROM = W + "moveFrom"
TAB = W + "tab"
PTAB = W + "ptab"
BR = W + "br"
CR = W + "cr"
NB_HYPHEN = W + "noBreakHyphen"
FLD_CHAR = W + "fldChar"
FLD_CHAR_TYPE = W + "fldCharType"
TXBX = W + "txbxContent"
ALTERNATE = MC + "AlternateContent"
CHOICE = MC + "Choice"
FALLBACK = MC + "Fallback"
COMMENT_START = W + "commentRangeStart"
COMMENT_END = W + "commentRangeEnd"
COMMENT_REF = W + "commentReference"
COMMENT = W + "comment"
FOOTNOTE = W + "footnote"
ENDNOTE = W + "endnote"
ID = W + "id"
AUTHOR = W + "author"
VAL = W + "val"
TYPE = W + "type"
MATH_T = M + "t"

#: Parses package parts: no entity expansion, no network, no huge trees.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


#: The widest grid a Word table can have; larger spans in a file are hostile.
MAX_GRID = 63


def int_val(element: Any | None, default: int) -> int:
    """A ``w:val`` as a whole number in 0..:data:`MAX_GRID` (``default`` when malformed)."""
    if element is None:
        return default
    try:
        number = int(str(element.get(VAL, default))[:12])
    except ValueError:
        return default
    return min(max(number, 0), MAX_GRID)


def first_column(trpr: Any | None) -> int:
    """Return the grid column (1-based) of a row's first cell, after its ``w:gridBefore``."""
    return 1 + int_val(trpr.find(GRID_BEFORE) if trpr is not None else None, 0)


def grid_span(tcpr: Any | None) -> int:
    """Return how many grid columns a cell spans (its ``w:gridSpan``, at least 1)."""
    return max(int_val(tcpr.find(GRID_SPAN), 1), 1) if tcpr is not None else 1


def mark_deleted(ppr: Any | None) -> bool:
    """Return whether the paragraph mark itself is a tracked deletion."""
    if ppr is None:
        return False
    rpr = ppr.find(RPR)
    return rpr is not None and rpr.find(DEL) is not None


#: Elements whose content is read as if it stood in their place.
WRAPPERS = frozenset({SDT, CUSTOM_XML, INS, MOVE_TO, SDT_CONTENT})
CONTAINERS = WRAPPERS | {ALTERNATE}


def inside(container: Any) -> Any:
    """Return the element holding a container's content (an empty tuple if none).

    That is a content control's ``w:sdtContent``, the one branch of
    ``mc:AlternateContent`` to read (its first ``mc:Choice``, else its ``mc:Fallback``),
    or the wrapper itself (custom XML, an insertion...).
    """
    if container.tag == SDT:
        inner = container.find(SDT_CONTENT)
    elif container.tag == ALTERNATE:
        inner = container.find(CHOICE)
        if inner is None:
            inner = container.find(FALLBACK)
    else:
        return container
    return inner if inner is not None else ()


def unwrap(parent: Any, tag: str) -> Iterable[Any]:
    """Yield ``tag`` children of ``parent``, looking inside content controls and the like."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from unwrap(inside(child), tag)


def table_rows(tbl: Any) -> Iterable[Any]:
    """Yield the rows (``w:tr``) of a table, looking inside content controls and the like."""
    return unwrap(tbl, TR)


def row_cells(tr: Any) -> Iterable[Any]:
    """Yield the cells (``w:tc``) of a row, looking inside content controls and the like."""
    return unwrap(tr, TC)


TABLE_PARTS = frozenset({TBL, TR, TC})


def paragraphs(container: Any, on_table: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """Yield the paragraphs of a story, table or table cell in reading order.

    Content controls, insertions and ``mc:AlternateContent`` are looked inside, and
    tables walked row by row. With ``on_table``, a table met in ``container`` is handed
    to it, at its place in the reading order, instead of being walked.
    """
    for child in container:
        tag = child.tag
        if tag == P:
            yield child
        elif tag == TBL and on_table is not None:
            on_table(child)
        elif tag in TABLE_PARTS or tag in CONTAINERS:
            yield from paragraphs(inside(child), on_table)


def table_cell(tbl: Any, row: int, column: int) -> Any | None:
    """Return the ``w:tc`` of a ``w:tbl`` at ``row`` and grid ``column`` as the parser counts.

    Rows and grid columns are 1-based and counted as in :class:`TableRef` (a cell
    spanning several grid columns is found by its first one); ``None`` if there is none.
    """
    for row_no, tr in enumerate(table_rows(tbl), start=1):
        if row_no != row:
            continue
        at = first_column(tr.find(TR_PR))
        for tc in row_cells(tr):
            if at == column:
                return tc
            at += grid_span(tc.find(TC_PR))
        return None
    return None
