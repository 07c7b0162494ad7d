"""The columns of a ruled PDF table as a reader sees them, and tables across pages.

A table finder reports the grid of every ruling on a page: a cell boxed inside a
column (a tick drawn in its own small box, a shaded band) adds boundaries that split
one printed column into three, and the same table continued on the next page is often
ruled a little differently. Cell positions in that grid are not what a reader counts.

* :func:`column_bands` takes the printed columns from the table's header row (its
  first row with two cells or more): one band, left and right edge, per header cell.
* :func:`band_of` gives the band a cell's text sits in, by horizontal overlap, so every
  cell is labelled with the header above it whatever the grid of its own row.
* :class:`GridRun` carries a table from page to page. A table at the top of the next
  page continues it when it spans about the same width and does not open with a header
  row of its own (a bold first row unlike the table's header); its cells are placed in
  the first page's bands, even where the page's column positions shift or it has more
  or fewer ruled columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Band = tuple[float, float]  # x0, x1

#: Share of the wider table's width that two table parts must share to be one table.
SAME_WIDTH = 0.8


def column_bands(rows: Sequence[Sequence[Box | None]]) -> tuple[Band, ...]:
    """Return the printed columns of a table: the x extents of its header row's cells.

    The header row is the first row with at least two cells (a title row spanning the
    table is skipped); a table without one is a single band.
    """
    for row in rows:
        cells = sorted((cell for cell in row if cell is not None), key=lambda c: c[0])
        if len(cells) >= 2:
            return tuple((cell[0], cell[2]) for cell in cells)
    boxes = [cell for row in rows for cell in row if cell is not None]
    if not boxes:
        return ()
    return ((min(c[0] for c in boxes), max(c[2] for c in boxes)),)


def header_bands(rows: Sequence[Sequence[Box | None]]) -> tuple[tuple[Band, ...], int]:
    """Return a table's printed columns and how many header rows name them (1 or 2).

    The columns are :func:`column_bands`'s, unless the header has a second level: a
    header cell spanning two columns or more ("Threshold") over a row whose cells split
    it ("Green", "Amber") while every other column's header runs down through that row
    (merged cells, so the row has no cell there). The split columns are then printed
    columns of their own, and both rows are the header.
    """
    bands = column_bands(rows)
    at = next((i for i, row in enumerate(rows) if sum(c is not None for c in row) >= 2), None)
    if at is None or at + 2 >= len(rows) or len(bands) < 2:
        return bands, 1
    under = sorted((c for c in rows[at + 1] if c is not None), key=lambda c: c[0])
    split: list[Band] = []
    for a, b in bands:
        inside = [c for c in under if min(c[2], b) - max(c[0], a) > 0.5 * (c[2] - c[0])]
        covered = sum(c[2] - c[0] for c in inside)
        if len(inside) >= 2 and covered >= 0.9 * (b - a):
            split.extend((c[0], c[2]) for c in inside)
        elif inside:
            return bands, 1  # a cell under an unsplit column: the row is data
        else:
            split.append((a, b))
    if len(split) == len(bands):
        return bands, 1
    return tuple(split), 2


def band_of(x0: float, x1: float, bands: Sequence[Band]) -> int:
    """Return the 0-based band that the span ``x0``-``x1`` overlaps most (nearest if none)."""
    if not bands:
        return 0
    best, most = 0, 0.0
    for i, (a, b) in enumerate(bands):
        overlap = min(x1, b) - max(x0, a)
        if overlap > most:
            best, most = i, overlap
    if most > 0:
        return best
    centre = (x0 + x1) / 2
    return min(range(len(bands)), key=lambda i: abs((bands[i][0] + bands[i][1]) / 2 - centre))


def spans_all(box: Box, bands: Sequence[Band]) -> bool:
    """Tell whether a cell box runs across every band of a table of two bands or more."""
    if len(bands) < 2:
        return False
    covered = sum(1 for a, b in bands if min(box[2], b) - max(box[0], a) >= 0.5 * (b - a))
    return covered == len(bands)


def shared_width(a: Band, b: Band) -> float:
    """Return the share of the wider of two spans that both cover."""
    wider = max(a[1] - a[0], b[1] - b[0])
    if wider <= 0:
        return 0.0
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) / wider


@dataclass(slots=True)
class GridRun:
    """A table as emitted so far: index, header per band, bands, extent, last row and page."""

    index: int
    header: tuple[str, ...]
    bands: tuple[Band, ...]
    extent: Band
    rows: int
    page: int
    header_bold: bool = False
    openings: tuple[tuple[str, ...], ...] = ()  # the header rows' texts, as first printed

    def continues_on(self, page: int, extent: Band, first_row: str, first_bold: bool) -> bool:
        """Tell whether a table at the top of ``page`` carries this one on.

        ``first_row`` is the text of the new part's first row placed in this table's
        bands (cells joined by " | ") and ``first_bold`` whether it is set in bold. A
        part that opens with a bold row other than this table's header starts a table
        of its own.
        """
        if page != self.page + 1 or shared_width(self.extent, extent) < SAME_WIDTH:
            return False
        return not (first_bold and self.header_bold and first_row != self.header_text())

    def header_text(self) -> str:
        """The header row's text as :meth:`continues_on` compares it."""
        first = self.openings[0] if self.openings else self.header
        return " | ".join(" ".join(h.split()) for h in first)
