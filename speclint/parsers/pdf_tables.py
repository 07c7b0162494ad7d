"""Ruled tables in a PDF: frames that are not tables, and tables that run across pages.

* A border drawn round a page (or round a whole text region), perhaps with a header
  band split into cells, looks to a table finder like a table whose one big cell holds
  the page. :func:`is_frame` tells such a frame apart: it has a cell that spans the
  table's whole width and most of its height and holds several lines of text. Its
  text is then read as ordinary paragraphs.
* :func:`column_edges` gives a table's column boundaries, and :func:`same_columns`
  tells whether two tables share them. A table carried on over the page is joined by
  :class:`speclint.parsers.pdf_grid.GridRun`, which places cells by overlap because the
  next page may draw the columns at other widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

#: How far apart (points) two column boundaries may be and still be the same.
EDGE_TOLERANCE = 3.0


class _Char(Protocol):
    text: str
    x0: float
    x1: float
    base: float
    space: bool

    @property
    def cy(self) -> float: ...


def is_frame(bbox: Box, rows: Sequence[Sequence[Box | None]], chars: Sequence[_Char]) -> bool:
    """Tell whether a ruled "table" is a frame round running text rather than a table.

    It is a frame when one of its cells spans at least 90% of its width and half its
    height and holds three or more printed lines.
    """
    width = bbox[2] - bbox[0]
    height = bbox[3] - bbox[1]
    if width <= 0 or height <= 0:
        return False
    for row in rows:
        for cell in row:
            if cell is None:
                continue
            if cell[2] - cell[0] < 0.9 * width or cell[3] - cell[1] < 0.5 * height:
                continue
            bases = {
                round(ch.base)
                for ch in chars
                if not ch.space
                and cell[0] <= (ch.x0 + ch.x1) / 2 <= cell[2]
                and cell[1] <= ch.cy <= cell[3]
            }
            if len(bases) >= 3:
                return True
    return False


def column_edges(rows: Sequence[Sequence[Box | None]]) -> tuple[float, ...]:
    """Return the x boundaries of a table's columns, from its row with the most cells."""
    best: list[Box] = []
    for row in rows:
        cells = [cell for cell in row if cell is not None]
        if len(cells) > len(best):
            best = cells
    if not best:
        return ()
    return (*sorted(cell[0] for cell in best), max(cell[2] for cell in best))


def same_columns(a: Sequence[float], b: Sequence[float]) -> bool:
    """Tell whether two tables have the same column boundaries (within a tolerance)."""
    return (
        len(a) == len(b)
        and len(a) > 2
        and all(abs(x - y) <= EDGE_TOLERANCE for x, y in zip(a, b, strict=True))
    )
