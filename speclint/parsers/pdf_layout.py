r"""Page layout for the PDF parser: characters to printed lines to blocks.

This module knows nothing about PDF libraries. :mod:`speclint.parsers.pdf` reads each
page's characters (with pdfium, or with pdfplumber when forced) into :class:`Char`
objects in a top-down coordinate system (points from the top-left corner of the
page), plus the cell boxes of any ruled tables, and this module does the rest:

1. rows: characters are grouped into printed rows by their vertical centre and
   ordered left to right; spaces come from real space characters or from gaps;
2. running headers and footers: rows near the top or bottom of a page that repeat at
   about the same height on many pages, or that look like a page number ("Page 3 of
   40", "3", "- 3 -"), are marked and not emitted as blocks;
3. columns: a page whose body rows leave a vertical gutter in the middle 40% of the
   text width is read as two columns, the left column fully before the right one (a
   full-width row such as a heading ends a two-column region, and a heading under a
   short right column starts single-column text again);
4. line numbers: every printed text line on the page is numbered from the top in
   reading order, the running header included (so a header line is line 1 and the
   first body line is line 2) and the footer last. On a two-column page the lines of a
   region are numbered left column first, then right column; each text row of a table
   counts as one line. This is the number a reader gets by counting lines down the
   page, and the same on every path that read the page;
5. blocks: lines are grouped into paragraph blocks, split at a clear vertical gap, at
   a heading and at a line that starts with a clause number, and joined with "\n"
   after de-hyphenation. A block may cross a page or column break. Every printed line
   of a block has an :class:`~speclint.models.Anchor` (offset into the block's text,
   page, line, and column 1, since a block's text always starts a printed line or a
   column line). A list item is one block per bullet; a short line that ends a
   sentence ends its paragraph; a bold line that carries on a bold paragraph or list
   item is not a heading, and bold body-size text of three lines or more is a
   paragraph;
6. tables: a ruled frame round running text is not a table
   (:mod:`speclint.parsers.pdf_tables`). Cells are numbered by the printed columns of
   the header row and placed in them by horizontal overlap
   (:mod:`speclint.parsers.pdf_grid`), so a table that runs on from the foot of one
   page to the top of the next is one table even where the next page rules its columns
   at other positions or in more or fewer pieces: its repeated header row is left out,
   its rows are numbered on and every cell keeps the header of its column. A cell's
   bullets are ``list_item`` blocks of their own (with the cell's table reference and
   header), after the cell's own text as a ``table_cell`` block;
7. list levels: a bullet set clearly right of the bullet above it is one level deeper
   (``list_level``), in body text and in cells alike; Word's second-level "o" (the
   letter, in Courier) under a bullet is read as a hollow bullet "◦".

Contents lists are found by :mod:`speclint.parsers.pdf_contents` and symbol-font
glyphs are mapped by :mod:`speclint.parsers.pdf_symbols`.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Literal

from speclint.models import (
    Anchor,
    Block,
    TableRef,
    unvalidated,
    unvalidated_block,
    unvalidated_location,
)
from speclint.parsers.pdf_grid import (
    Band,
    Box,
    GridRun,
    band_of,
    header_bands,
    spans_all,
)
from speclint.parsers.pdf_symbols import UNICODE_SYMBOLS
from speclint.parsers.pdf_tables import column_edges, is_frame
from speclint.parsers.textio import HYPHEN_END, KEEP_HYPHEN_PREFIXES, WORD_CHARS

# --------------------------------------------------------------------------- text


#: Characters replaced by another string (ligatures, odd spaces and hyphens).
CHAR_MAP: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u2010": "-",
    "\u2011": "-",
    "\ufffe": "-",  # pdfium's marker for a hyphen at the end of a line
    "\uf0b7": "•",  # symbol-font glyphs that carry a private-use code, whatever
    "\uf0a7": "•",  # font they turn out to be in (see speclint.parsers.pdf_symbols)
    "\uf06e": "•",
    "\uf06c": "•",
    "\uf076": "•",
    "\uf0d8": "•",
    "\uf0fc": "✓",
    "\x02": "-",  # older pdfium versions use STX for the same
    **UNICODE_SYMBOLS,  # ✔ is a tick, ● ■ ▪ ➢ are bullets
}

#: Characters that are word spaces.
SPACES = frozenset(
    " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

#: Characters that are dropped entirely.
DROPPED = frozenset("\r\n\u200b\u200c\u200d\u2060\ufeff\ufffd\x00")

SOFT_HYPHEN = "\u00ad"


def normalise_char(ch: str) -> str | None:
    """Return the text a character contributes, ``" "`` for a space, ``None`` to drop it."""
    if ch in SPACES:
        return " "
    if ch in DROPPED:
        return None
    mapped = CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch < " " or "\ud800" <= ch <= "\uf8ff":  # controls, lone surrogates, private use
        return None
    return ch


# --------------------------------------------------------------------------- geometry


@dataclass(slots=True)
class Char:
    """One character on a page, in points from the page's top-left corner.

    ``base`` is the baseline. Vertical extents are derived from the baseline and the
    font size rather than from the glyph box, because pdfium and pdfplumber measure
    glyph boxes differently (font ascent against font size), and the two paths must
    group characters into exactly the same lines.

    One record may hold a run of ``n`` characters of one font on one baseline, with no
    gap between them (see :func:`speclint.parsers.pdf_chars.read_chars`): every
    measure below reads it as it would read the characters one by one.
    """

    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    space: bool = False
    n: int = 1

    @property
    def top(self) -> float:
        """The top of the character's em box."""
        return self.base - 0.8 * self.size

    @property
    def cy(self) -> float:
        """The vertical centre of the character's em box."""
        return self.base - 0.3 * self.size


#: A clause number of two parts or more run into a word of three small letters or more.
_GLUED_NUMBER = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{1,3})+)(?=[a-z]{3})")


@dataclass(slots=True)
class Line:
    """A printed line (or the part of a row in one column), with cached measures."""

    chars: list[Char]
    page: int = 0
    number: int = 0
    role: str = "body"  # body | header | footer | footnote | table
    column: int = 0  # 0 full width, 1 left, 2 right
    right_edge: float = 0.0  # right edge of the column the line sits in
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    cy: float = 0.0
    size: float = 0.0
    bold: bool = False
    segs: list[tuple[float, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        measured = _line(self.chars) if _line is not None else None
        if measured is None:
            measured = _measure(self.chars)
        text, x0, x1, top, cy, bold, segs, sizes = measured
        if text[:1].isdigit() and (glued := _GLUED_NUMBER.match(text)) is not None:
            # A clause number printed over its tab, touching its text ("2.2.1crisis").
            text = f"{glued.group(1)} {text[glued.end(1) :]}"
        # A soft hyphen shows only at a line end, where it is a hyphen.
        if SOFT_HYPHEN in text:
            body = text.replace(SOFT_HYPHEN, "")
            text = body + "-" if text.endswith(SOFT_HYPHEN) else body
        if len(sizes) == 1:
            (only,) = sizes
            self.size = round(only * 2) / 2
        else:
            rounded: Counter[float] = Counter()
            for value, count in sizes.items():
                rounded[round(value * 2) / 2] += count
            self.size = max(rounded.items(), key=lambda kv: (kv[1], kv[0]))[0]
        self.text = text
        self.x0, self.x1, self.top = x0, x1, top
        self.cy = cy
        self.bold = bold
        self.segs = segs

    def crosses(self, x: float) -> bool:
        """Tell whether a run of the line's text covers ``x``."""
        return any(a < x < b for a, b in self.segs)


#: A line's text, x0, x1, top, centre, weight, runs and character count by size.
_Measured = tuple[
    str, float, float, float, float, bool, list[tuple[float, float]], dict[float, int]
]


def _raised(ch: Char, prev: Char) -> bool:
    """Whether ``ch``, set smaller and higher than ``prev``, is a raised note reference.

    (The sizes and baselines are tested before this is asked.)
    """
    return ch.text.isdigit() and (prev.text[-1:].isalpha() or prev.text[-1:] in ".,;:)")


def _measure(chars: list[Char]) -> _Measured:
    """A line's text, extents, centre, weight, runs and character count by size.

    One pass over the characters; the compiled pass (:data:`_line`) does the same, step
    for step.
    """
    out: list[str] = []
    segs: list[tuple[float, float]] = []
    sizes: dict[float, int] = {}
    bases: list[float] = []
    prev: Char | None = None
    space = False
    bold = True
    x0 = x1 = top = 0.0
    seg0 = seg1 = 0.0
    for ch in chars:
        if ch.space:
            space = prev is not None
            continue
        size = ch.size
        cx0 = ch.x0
        cx1 = ch.x1
        base = ch.base
        ctop = base - 0.8 * size  # Char.top, spelt out: this loop is hot
        if prev is None:
            x0, x1, top = cx0, cx1, ctop
            seg0, seg1 = cx0, cx1
        else:
            if (
                size < 0.75 * prev.size
                and base < prev.base - 0.15 * prev.size
                and _raised(ch, prev)
            ):
                continue  # a raised note reference ("days¹"): no part of the words
            if (
                ch.text == prev.text
                and abs(cx0 - prev.x0) < 0.1 * size
                and abs(base - prev.base) < 0.1 * size
            ):
                continue  # the same glyph printed twice (fake bold)
            psize = prev.size
            if space or cx0 - prev.x1 > 0.15 * (size if size > psize else psize):
                out.append(" ")
            if cx0 - seg1 > (1.2 * size if size > 6.67 else 8.0):
                segs.append((seg0, seg1))
                seg0 = cx0
            if cx1 > seg1:
                seg1 = cx1
            if cx0 < x0:
                x0 = cx0
            if cx1 > x1:
                x1 = cx1
            if ctop < top:
                top = ctop
        out.append(ch.text)
        n = ch.n
        sizes[size] = sizes.get(size, 0) + n
        if n == 1:
            bases.append(base - 0.3 * size)
        else:
            bases.extend([base - 0.3 * size] * n)
        if bold:
            bold = ch.bold
        prev = ch
        space = False
    if prev is None:
        raise ValueError("a line needs at least one visible character")
    segs.append((seg0, seg1))
    bases.sort()
    return "".join(out), x0, x1, top, bases[len(bases) // 2], bold, segs, sizes


def group_rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into printed rows, top to bottom, each row left to right."""
    grouped = _rows(chars) if _rows is not None else None
    return grouped if grouped is not None else _group_rows(chars)


def _group_rows(chars: Iterable[Char]) -> list[list[Char]]:
    """:func:`group_rows` in Python; the compiled pass (:data:`_rows`) does the same."""
    items = sorted(chars, key=_BASE)
    rows: list[list[Char]] = []
    row: list[Char] = []
    row_cy = 0.0
    row_size = 0.0
    for ch in items:
        ch_size = ch.size
        base = ch.base
        size = ch_size if ch_size > row_size else row_size
        if row and abs(base - row_cy) <= 0.4 * size:
            row.append(ch)
            if ch_size > row_size and not ch.space:
                row_size = ch_size
            continue
        if ch.space and not row:
            continue
        row = [ch]
        rows.append(row)
        row_cy = base
        row_size = ch_size
    out = []
    for row in rows:
        row.sort(key=_X0)
        if not all(c.space for c in row):
            out.append(row)
    return out


_BASE = attrgetter("base")
_X0 = attrgetter("x0")

# The compiled loops (``speclint/parsers/_pdfium_chars.c``): the PDF reader makes its
# records as Char instances, and a line's measures and a page's rows are worked out
# from them in C, with the same arithmetic as the loops above (a test compares them on
# every page the parser tests read). ``SPECLINT_PURE_PDF=1`` when this module is
# imported leaves the loops to Python; without a C compiler they always are.
try:
    from speclint.parsers import _pdfium_chars as _compiled
except ImportError:  # built without a C compiler
    _compiled = None  # type: ignore[assignment]
_line: Callable[[list[Char]], _Measured | None] | None = None
_rows: Callable[[Iterable[Char]], list[list[Char]] | None] | None = None
_cells: Callable[[list[Char], list[Any]], tuple[Any, Any, Any] | None] | None = None
_new_line: Callable[[list[Char], int, str, int, float], Line | None] | None = None
if _compiled is not None:
    _compiled.bind(Char, _raised)
    _compiled.bind_line(Line)
    if not os.environ.get("SPECLINT_PURE_PDF"):
        _line, _rows, _cells = _compiled.line, _compiled.rows, _compiled.cells
        _new_line = _compiled.new_line


def new_line(
    chars: list[Char], page: int = 0, role: str = "body", column: int = 0, right_edge: float = 0.0
) -> Line:
    """``Line(chars, page=page, ...)``, built by the compiled pass where it can."""
    made = _new_line(chars, page, role, column, right_edge) if _new_line is not None else None
    if made is None:
        made = Line(chars, page=page, role=role, column=column, right_edge=right_edge)
    return made


# --------------------------------------------------------------------------- tables


@dataclass(slots=True)
class TableGeom:
    """A ruled table found on a page: its box and its rows of cell boxes."""

    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    rows: list[list[tuple[float, float, float, float] | None]]


@dataclass(slots=True)
class PageTable:
    """A table's cells with their lines, ready to number and emit.

    ``cells`` are in the table finder's grid (row, grid column, both 1-based); ``boxes``
    holds each cell's box by the same key, ``bands`` the printed columns (see
    :func:`~speclint.parsers.pdf_grid.column_bands`) and ``header`` the first row's
    text per band.
    """

    top: float
    cells: list[tuple[int, int, list[Line]]]  # row, grid column (1-based), lines
    header: tuple[str, ...]
    rows: list[list[Char]] = field(default_factory=list)  # text rows, for numbering
    columns: tuple[float, ...] = ()  # x boundaries of the grid's columns
    bands: tuple[Band, ...] = ()
    boxes: dict[tuple[int, int], tuple[float, float, float, float]] = field(default_factory=dict)
    extent: Band = (0.0, 0.0)
    first_bold: bool = False  # the first row's text is all bold
    heads: int = 1  # header rows: 2 when a header cell is split by the row under it

    def first_row(self, bands: Sequence[Band], row: int = 1) -> tuple[str, ...]:
        """The first row's (or ``row``'s) text placed in ``bands`` (a band's cells joined)."""
        texts: list[list[str]] = [[] for _ in bands or ((0.0, 0.0),)]
        for at, _col, lines in self.cells:
            if at == row:
                band = band_of(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines), bands)
                texts[band].append(" ".join(ln.text for ln in lines))
        return tuple(" ".join(parts) for parts in texts)

    def header_names(self) -> tuple[str, ...]:
        """Each band's header: its header rows' texts joined ("Threshold – Green")."""
        rows = [self.first_row(self.bands, row) for row in range(1, self.heads + 1)]
        names = []
        for band in range(len(rows[0])):
            parts = [rows[0][band]]
            if self.heads == 2 and rows[1][band].strip():
                # The upper cell spans several bands: its text sits in the first of them.
                upper = next((rows[0][b] for b in range(band, -1, -1) if rows[0][b].strip()), "")
                parts = [upper, rows[1][band]]
            names.append(" – ".join(" ".join(p.split()) for p in parts if p.strip()))
        return tuple(names)


def split_tables(
    chars: list[Char], tables: Sequence[TableGeom]
) -> tuple[list[Char], list[PageTable]]:
    """Take the characters inside each table's cells out of the page's body text.

    A frame round running text (see :func:`~speclint.parsers.pdf_tables.is_frame`) is
    not a table: its text stays in the body.
    """
    tables = [t for t in tables if not is_frame(t.bbox, t.rows, chars)]
    if not tables:
        return chars, []
    body: list[Char] = []
    buckets: list[dict[tuple[int, int], list[Char]]] = [{} for _ in tables]
    in_table: list[list[Char]] = [[] for _ in tables]
    # Each row's cells with the row's vertical extent, so that a character is tested
    # only against the cells of rows at its height (the first cell that holds its
    # centre, in row order, takes it).
    grids: list[_Grid] = []
    for table in tables:
        grid = []
        for r, row in enumerate(table.rows):
            row_cells = [(c, cell) for c, cell in enumerate(row) if cell is not None]
            if row_cells:
                low = min(cell[1] for _c, cell in row_cells)
                high = max(cell[3] for _c, cell in row_cells)
                grid.append((r, low, high, row_cells))
        grids.append(grid)
    sorted_out = (
        _cells(chars, [(t.bbox, grid) for t, grid in zip(tables, grids, strict=True)])
        if _cells is not None and type(chars) is list
        else None
    )
    if sorted_out is not None:
        body, buckets, in_table = sorted_out
    else:
        _sort_into_cells(chars, tables, grids, body, buckets, in_table)
    out: list[PageTable] = []
    for t, table in enumerate(tables):
        if not any(not c.space for c in in_table[t]):
            continue
        cells: list[tuple[int, int, list[Line]]] = []
        boxes: dict[tuple[int, int], tuple[float, float, float, float]] = {}
        for (r, c), cell_chars in sorted(buckets[t].items()):
            lines = [new_line(row, role="table") for row in group_rows(cell_chars)]
            box = table.rows[r][c]
            if lines and box is not None:
                cells.append((r + 1, c + 1, lines))
                boxes[(r + 1, c + 1)] = box
        bands, heads = header_bands(table.rows)
        page_table = PageTable(
            table.bbox[1],
            cells,
            (),
            group_rows(in_table[t]),
            column_edges(table.rows),
            bands,
            boxes,
            (table.bbox[0], table.bbox[2]),
            any(r == 1 for r, _c, _lines in cells)
            and all(ln.bold for r, _c, lines in cells if r == 1 for ln in lines),
        )
        page_table.heads = heads
        page_table.header = page_table.header_names()
        out.append(page_table)
    return body, out


_Grid = list[tuple[int, float, float, list[tuple[int, Box]]]]


def _sort_into_cells(
    chars: list[Char],
    tables: Sequence[TableGeom],
    grids: list[_Grid],
    body: list[Char],
    buckets: list[dict[tuple[int, int], list[Char]]],
    in_table: list[list[Char]],
) -> None:
    """Put each character in the first cell that holds its centre, or in ``body``.

    The loop of :func:`split_tables` in Python; the compiled pass (:data:`_cells`) does
    the same, step for step.
    """
    for ch in chars:
        cx = (ch.x0 + ch.x1) / 2
        cy = ch.cy
        for t, table in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if not (x0 <= cx <= x1 and top <= cy <= bottom):
                continue
            for r, low, high, row_cells in grids[t]:
                if not low <= cy <= high:
                    continue
                for c, cell in row_cells:
                    if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                        buckets[t].setdefault((r, c), []).append(ch)
                        in_table[t].append(ch)
                        break
                else:
                    continue
                break
            else:
                body.append(ch)  # in the table's box but in no cell: keep as text
            break
        else:
            body.append(ch)


# --------------------------------------------------------------------------- pages


@dataclass(slots=True)
class Page:
    """One page's rows (before columns) and tables."""

    number: int
    width: float
    height: float
    rows: list[Line]
    tables: list[PageTable]
    flow: list[Line | PageTable] = field(default_factory=list)


def build_page(
    number: int, width: float, height: float, chars: list[Char], tables: Sequence[TableGeom]
) -> Page:
    """Group one page's characters into rows and tables."""
    body, page_tables = split_tables(chars, tables)
    rows = [new_line(row, page=number) for row in group_rows(body)]
    return Page(number, width, height, rows, page_tables)


_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,7}$",
    re.IGNORECASE,
)
_BAND = 0.12  # top and bottom share of the page where headers and footers live


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def mark_headers_footers(pages: Sequence[Page]) -> None:
    """Mark running headers, footers and page numbers (``role`` header/footer).

    A row near the top or bottom of a page is a running header or footer when rows with
    the same text (digits ignored) sit at about the same height on at least 40% of the
    pages (and at least two), or when it looks like a page number. Rows set larger than
    the body text are never running headers: they are headings that happen to start
    many pages.
    """
    sizes: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            sizes[row.size] += sum(ch.n for ch in row.chars)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    candidates: list[tuple[Page, Line, str]] = []
    for page in pages:
        rows = page.rows
        for i, row in enumerate(rows):
            if row.size >= 1.15 * body_size:
                continue
            if i < 3 and row.cy <= page.height * _BAND:
                candidates.append((page, row, "header"))
            elif i >= len(rows) - 3 and row.cy >= page.height * (1 - _BAND):
                candidates.append((page, row, "footer"))
    by_sig: dict[tuple[str, str], list[tuple[Page, Line]]] = {}
    for page, row, role in candidates:
        by_sig.setdefault((role, _signature(row.text)), []).append((page, row))
    need = max(2, math.ceil(0.4 * len(pages)))
    for (role, _sig), hits in by_sig.items():
        near = _pages_near(hits, 4.0, role == "footer")
        for (_page, row), pages_near in zip(hits, near, strict=True):
            if pages_near >= need or _PAGE_NUMBER.match(row.text.strip()):
                row.role = role
    # Running headers whose text changes ("Part A", then "Part B") but which sit in
    # the same place in the same smaller type on at least half the pages.
    by_style: dict[tuple[str, float], list[tuple[Page, Line]]] = {}
    for page, row, role in candidates:
        rows = page.rows
        outer = row in rows[:2] or row in rows[-2:]
        if outer and row.size <= 0.92 * body_size:
            by_style.setdefault((role, row.size), []).append((page, row))
    need = max(2, math.ceil(0.5 * len(pages)))
    for (role, _size), hits in by_style.items():
        near = _pages_near(hits, 3.0, role == "footer")
        for (_page, row), pages_near in zip(hits, near, strict=True):
            if pages_near >= need:
                row.role = role
    for page in pages:
        _mark_footnotes(page, body_size)


#: A footnote's mark: a number or a printer's symbol, alone or before the note's text.
_NOTE_MARK = re.compile(r"^\s*(?:[0-9]{1,3}|[*†‡§])(?:\s+\S|$)")


def _mark_footnotes(page: Page, body_size: float) -> None:
    """Mark the footnotes at the foot of a page's text (``role`` footnote).

    They are the rows at the foot of the body, above the footer, set smaller than the
    body text, the first of them a note's mark (a raised "1" on a row of its own, or a
    row opening with its number), under rows of body text. A sentence of the body then
    runs on across them to the next page, as it does across the footer.
    """
    rows = page.rows
    end = len(rows)
    while end and rows[end - 1].role in ("footer", "header") and not _is_mark(rows[end - 1]):
        end -= 1
    start = end
    while (
        start
        and rows[start - 1].size <= 0.92 * body_size
        and rows[start - 1].role
        in (
            "body",
            "footer",
        )
    ):
        start -= 1
    while start < end and not _NOTE_MARK.match(rows[start].text):
        start += 1  # small type that opens with no mark: not a note (a caption, a source)
    if start == end or start == 0 or rows[start - 1].role != "body":
        return
    if rows[start - 1].size <= 0.92 * body_size:
        return
    for row in rows[start:end]:
        row.role = "footnote"


def _is_mark(row: Line) -> bool:
    """True for a row that is a note's mark alone, set small (a raised "1")."""
    return bool(re.fullmatch(r"\s*(?:[0-9]{1,3}|[*†‡§])\s*", row.text)) and row.size < 8.0


def _pages_near(
    hits: list[tuple[Page, Line]], tolerance: float, from_foot: bool = False
) -> list[int]:
    """For each hit, on how many pages a hit sits within ``tolerance`` of its height.

    Heights are measured from the top of the page, or with ``from_foot`` from its foot,
    so that a footer sits at the same height on a landscape page as on a portrait one.
    One sweep over the hits sorted by height, with a window that only moves forward:
    linear after the sort, where comparing every pair was quadratic in the pages.
    """
    ys = [page.height - row.cy if from_foot else row.cy for page, row in hits]
    order = sorted(range(len(hits)), key=ys.__getitem__)
    counts = [0] * len(hits)
    in_window: Counter[int] = Counter()
    lo = hi = 0
    for i in order:
        cy = ys[i]
        while hi < len(order) and ys[order[hi]] <= cy + tolerance:
            in_window[hits[order[hi]][0].number] += 1
            hi += 1
        while ys[order[lo]] < cy - tolerance:
            page = hits[order[lo]][0].number
            in_window[page] -= 1
            if not in_window[page]:
                del in_window[page]
            lo += 1
        counts[i] = len(in_window)
    return counts


def _column_split(rows: list[Line], left: float, right: float) -> float | None:
    """Return the x of a column gutter among ``rows``, or ``None`` for one column.

    Each x in the middle 40% of the text width scores the rows that have a good run
    of text on both sides of it (at least 40% of the room on that side) without text
    running across it. The gutter is the middle of the best-scoring stretch nearest the
    middle of the text: the gap between clause numbers and their text inside a column
    can score as well, but lies off-centre.
    """
    width = right - left
    if width < 200 or len(rows) < 6:
        return None
    band = (left + 0.3 * width, left + 0.7 * width)
    spanning = sum(1 for r in rows if any(a <= band[0] and b >= band[1] for a, b in r.segs))
    if spanning > 0.5 * len(rows):
        return None  # most rows run right across the middle: one column
    xs = [left + width * (0.3 + 0.4 * i / 100) for i in range(101)]
    # Row by row rather than x by x: the xs a run of text crosses form one stretch of
    # the (sorted) xs, found by bisection, and a row can score only at an x with text
    # ending left of it and text starting right of it, between its first run's end and
    # its last run's start.
    crossing_from = [0] * (len(xs) + 1)  # differences: crossings at x = prefix sum
    row_scores = [0] * len(xs)
    for r in rows:
        segs = r.segs
        for a, b in segs:
            lo = bisect.bisect_right(xs, a)
            hi = bisect.bisect_left(xs, b)
            if lo < hi:
                crossing_from[lo] += 1
                crossing_from[hi] -= 1
        first_end = min(b for _a, b in segs)
        last_start = max(a for a, _b in segs)
        for i in range(bisect.bisect_left(xs, first_end), bisect.bisect_right(xs, last_start)):
            x = xs[i]
            if r.crosses(x):
                continue
            lefts = [seg for seg in segs if seg[1] <= x]
            rights = [seg for seg in segs if seg[0] >= x]
            if (
                lefts
                and rights
                and lefts[-1][1] - lefts[0][0] >= 0.4 * (x - left)
                and rights[-1][1] - rights[0][0] >= 0.4 * (right - x)
            ):
                row_scores[i] += 1
    scores: list[int] = []
    crossing = 0
    for i, score in enumerate(row_scores):
        crossing += crossing_from[i]
        scores.append(score if crossing <= 0.5 * len(rows) else 0)
    top = max(scores)
    if top < 3:
        return _staggered_split(rows, xs, crossing_from, left, right)
    centre = (left + right) / 2
    best: float | None = None
    i = 0
    while i < len(xs):
        if scores[i] == top:
            j = i
            while j + 1 < len(xs) and scores[j + 1] == top:
                j += 1
            mid = (xs[i] + xs[j]) / 2
            if best is None or abs(mid - centre) < abs(best - centre):
                best = mid
            i = j + 1
        else:
            i += 1
    return best


def _staggered_split(
    rows: list[Line], xs: list[float], crossing_from: list[int], left: float, right: float
) -> float | None:
    """The gutter of two columns whose lines do not share baselines, or ``None``.

    When a heading or a paragraph gap shifts one column's lines off the other's, each
    printed row holds one column's text only, and no row has text on both sides of the
    gutter. The gutter is then the clear stretch of the middle nearest the centre that
    no row crosses, with at least three rows wholly left of it reaching close to it and
    at least three wholly right of it.
    """
    ends = sorted(max(b for _a, b in r.segs) for r in rows)
    starts = sorted(min(a for a, _b in r.segs) for r in rows)
    clear: list[float] = []
    crossing = 0
    for i, x in enumerate(xs):
        crossing += crossing_from[i]
        if crossing:
            continue
        room = x - left
        lefts = bisect.bisect_right(ends, x) - bisect.bisect_left(ends, x - 0.35 * room)
        rights = len(starts) - bisect.bisect_left(starts, x)
        if lefts >= max(3, 0.2 * len(rows)) and rights >= 3:
            clear.append(x)
    if not clear:
        return None
    centre = (left + right) / 2
    # The middle of each clear stretch; the one nearest the centre of the text.
    stretches: list[list[float]] = []
    step = xs[1] - xs[0]
    for x in clear:
        if stretches and x - stretches[-1][-1] <= step * 1.5:
            stretches[-1].append(x)
        else:
            stretches.append([x])
    mids = [(run[0] + run[-1]) / 2 for run in stretches]
    return min(mids, key=lambda m: abs(m - centre))


def _two_columns(run: list[Line], gx: float, left: float, right: float) -> bool:
    lefts = [[c for c in r.chars if not c.space and c.x1 <= gx] for r in run]
    rights = [[c for c in r.chars if not c.space and c.x0 >= gx] for r in run]
    lefts = [cs for cs in lefts if cs]
    rights = [cs for cs in rights if cs]
    if len(lefts) < 3 or len(rights) < 3:
        return False
    col_w = gx - left
    near = sum(1 for cs in lefts if max(c.x1 for c in cs) >= gx - 0.35 * col_w)
    if near < 0.5 * len(lefts):
        return False
    widths = [max(c.x1 for c in cs) - min(c.x0 for c in cs) for cs in rights]
    return sum(widths) / len(widths) >= 0.2 * (right - left)


def _split_tail(run: list[Line], gx: float) -> tuple[list[Line], list[Line]]:
    """Split off rows below the right column that start something new (a heading)."""
    last_right = max(i for i, r in enumerate(run) if r.x1 > gx)
    sizes = sorted(r.size for r in run)
    median = sizes[len(sizes) // 2]
    bold_share = sum(1 for r in run if r.bold) / len(run)
    pitches = sorted(b.cy - a.cy for a, b in itertools.pairwise(run) if b.cy > a.cy)
    pitch = pitches[len(pitches) // 2] if pitches else median * 1.2
    for i in range(last_right + 1, len(run)):
        row = run[i]
        gap = row.cy - run[i - 1].cy
        if row.size > 1.1 * median or (row.bold and bold_share < 0.5) or gap > 2.5 * pitch:
            return run[:i], run[i:]
    return run, []


def order_page(page: Page) -> None:
    """Put the page's lines and tables in reading order and number the lines."""
    body = [r for r in page.rows if r.role == "body"]
    units: list[tuple[float, list[Line | PageTable]]] = []
    if body:
        left = min(r.x0 for r in body)
        right = max(r.x1 for r in body)
        gx = _column_split(body, left, right)
        runs: list[tuple[bool, list[Line]]] = []  # (crosses the gutter, rows)
        for row in body:
            crosses = gx is None or row.crosses(gx)
            if not crosses and runs and not runs[-1][0]:
                runs[-1][1].append(row)
            else:
                runs.append((crosses, [row]))
        for crosses, whole in runs:
            run: list[Line] = whole
            tail: list[Line] = []
            if gx is not None and not crosses and _two_columns(whole, gx, left, right):
                run, tail = _split_tail(whole, gx)
                left_lines: list[Line | PageTable] = []
                right_lines: list[Line | PageTable] = []
                for row in run:
                    lc = [c for c in row.chars if (c.x0 + c.x1) / 2 < gx]
                    rc = [c for c in row.chars if (c.x0 + c.x1) / 2 >= gx]
                    if any(not c.space for c in lc):
                        left_lines.append(new_line(lc, page.number, column=1, right_edge=gx))
                    if any(not c.space for c in rc):
                        right_lines.append(new_line(rc, page.number, column=2, right_edge=right))
                units.append((run[0].top, [*left_lines, *right_lines]))
            else:
                tail = run
            for row in tail:
                row.right_edge = right
                units.append((row.top, [row]))
    for row in page.rows:
        if row.role != "body":
            units.append((row.top, [row]))
    for table in page.tables:
        units.append((table.top, [table]))
    units.sort(key=lambda u: u[0])
    number = 0
    flow: list[Line | PageTable] = []
    for _top, items in units:
        for item in items:
            if isinstance(item, Line):
                number += 1
                item.number = number
                item.page = page.number
            else:
                number = _number_table(item, page.number, number)
            flow.append(item)
    page.flow = flow


def _number_table(table: PageTable, page: int, number: int) -> int:
    centres = [sorted(c.cy for c in row if not c.space) for row in table.rows]
    mids = [cs[len(cs) // 2] for cs in centres if cs]
    for _r, _c, lines in table.cells:
        for line in lines:
            k = min(range(len(mids)), key=lambda i: abs(mids[i] - line.cy)) if mids else 0
            line.number = number + k + 1
            line.page = page
    return number + len(mids)


# --------------------------------------------------------------------------- blocks


_CLAUSE_START = re.compile(
    r"""^(?:
        \d{1,3}(?:\.\d{1,3})+\.?\s          # 4.3.2  or 4.3.
      | \d{1,3}\.?\s+(?=[A-Z(])              # 4 Workforce / 4. The
      | [A-Z]{1,2}\d{1,3}(?:\.\d{1,3})+\.?\s # A1.2
      | \((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\)\s  # (a) (iv) (3) (A)
      | (?:[a-z]|[ivxlc]{1,6})\)\s           # a)  iv)
      | (?:Schedule|Part|Annex|Annexe|Appendix|Section|Clause)\s+[0-9A-Z][0-9A-Za-z.]*\b
    )""",
    re.VERBOSE,
)
_BULLET = re.compile(r"^(?:[•●▪■◦‣✓✗]\s?(?=\S)|[∙·\-–*]\s)")


def starts_clause(text: str) -> bool:
    """Tell whether a printed line begins with a clause number or a list bullet."""
    return bool(_CLAUSE_START.match(text) or _BULLET.match(text))


def join_lines(parts: Sequence[tuple[str, int, int]]) -> tuple[str, tuple[Anchor, ...]]:
    """Join printed lines (text, page, line) into block text with one anchor per line.

    A word hyphenated at a line end is joined ("commis-" + "sioner" gives
    "commissioner"); when the part before the hyphen is itself hyphenated or a common
    prefix ("face-to-" + "face", "co-" + "ordinate") the hyphen is kept.
    """
    text = ""
    anchors: list[Anchor] = []
    for line, page, number in parts:
        if text:
            # The hyphenated word can only lie in the text's last run of letters and
            # hyphens: searching from there finds the same match without rescanning
            # the whole block at every line.
            tail = text[:-1] if text.endswith("\n") else text  # "$" matches before it
            m = HYPHEN_END.search(text, len(tail.rstrip(WORD_CHARS)))
            if m and text[-2:-1].islower() and line[:1].islower():
                word = m.group(1)
                if "-" in word or word.lower() in KEEP_HYPHEN_PREFIXES:
                    pass  # keep the hyphen, join without a line break
                else:
                    text = text[:-1]
            else:
                text += "\n"
        # Built without validation: ints the layout counted (tests hold each equal to
        # its validated copy).
        anchors.append(
            unvalidated(Anchor, {"offset": len(text), "line": number, "column": 1, "page": page})
        )
        text += line
    return text, tuple(anchors)


@dataclass(slots=True)
class _Style:
    body_size: float
    body_bold: bool
    pitch: float
    levels: dict[tuple[float, bool], int]


def _style(pages: Sequence[Page]) -> _Style:
    sizes: Counter[tuple[float, bool]] = Counter()
    for page in pages:
        for item in page.flow:
            if isinstance(item, Line) and item.role == "body":
                sizes[(item.size, item.bold)] += len(item.text)
    if not sizes:
        return _Style(10.0, False, 12.0, {})
    (body_size, body_bold), _n = sizes.most_common(1)[0]
    pitches: Counter[float] = Counter()
    for page in pages:
        prev: Line | None = None
        for item in page.flow:
            if not isinstance(item, Line) or item.role != "body":
                prev = None
                continue
            if prev is not None and prev.column == item.column and item.size == body_size:
                d = item.cy - prev.cy
                if 0 < d < 3 * body_size:
                    pitches[round(d * 2) / 2] += 1
            prev = item
    pitch = pitches.most_common(1)[0][0] if pitches else 1.2 * body_size
    styles: set[tuple[float, bool]] = set()
    for page in pages:
        for item in page.flow:
            if isinstance(item, Line) and item.role == "body":
                key = _heading_key(item, body_size, body_bold)
                if key is not None:
                    styles.add(key)
    ranked = sorted(styles, key=lambda k: (-k[0], not k[1]))
    return _Style(body_size, body_bold, pitch, {k: i + 1 for i, k in enumerate(ranked)})


def _heading_key(line: Line, body_size: float, body_bold: bool) -> tuple[float, bool] | None:
    size = line.size
    if size < body_size * 1.15 and not (line.bold and not body_bold and size >= body_size):
        return None  # body text: the common case, told by its size and weight alone
    text = line.text
    if len(text) > 160 or not any(ch.isalpha() for ch in text) or _BULLET.match(text):
        return None
    if size < body_size * 1.15 and text.rstrip().endswith((",", ";")):
        return None
    return (size, line.bold)


def build_blocks(path: str, pages: Sequence[Page], first_table: int = 1) -> list[Block]:
    """Turn the ordered, numbered pages into blocks (header and footer lines left out)."""
    style = _style(pages)
    blocks: list[Block] = []
    current: list[Line] = []
    kind = "paragraph"
    level: int | None = None
    table_no = first_table - 1
    list_x: list[float] = []  # where the bullets of the open list levels stand

    def flush() -> None:
        nonlocal current, kind, level
        if current:
            parts = [(ln.text, ln.page, ln.number) for ln in current]
            if kind != "heading" and _bold_title(current, style):
                parts[0] = (f"{parts[0][0]}:", *parts[0][1:])
            text, anchors = join_lines(parts)
            first = current[0]
            if kind == "heading" and _bold_body_text(current, text, style):
                kind = "paragraph"
            block_kind = "heading" if kind == "heading" else _kind(text)
            depth = None
            if block_kind == "list_item":
                depth = _list_level(list_x, first)
            else:
                list_x.clear()
            blocks.append(
                unvalidated_block(
                    text=text,
                    kind=block_kind,
                    location=unvalidated_location(path=path, page=first.page, line=first.number),
                    anchors=anchors,
                    heading_level=level if kind == "heading" else None,
                    list_level=depth,
                )
            )
        current = []
        kind = "paragraph"
        level = None

    run: GridRun | None = None  # the last table, while nothing but page furniture follows
    notes: list[Line] = []  # the footnotes' rows, emitted after the body
    for page in pages:
        for item in page.flow:
            if isinstance(item, PageTable):
                flush()
                list_x.clear()
                first_row = 1
                skip: range = range(0)  # rows that are header rows again, not data
                opening = _norm(item.first_row(run.bands)) if run is not None else ()
                if run is not None and run.continues_on(
                    page.number, item.extent, " | ".join(opening), item.first_bold
                ):
                    # The same table carried on from the foot of the previous page.
                    offset = run.rows
                    # Its header rows repeated at the top of the page are no data rows.
                    while first_row <= len(run.openings) and (
                        _norm(item.first_row(run.bands, first_row)) == run.openings[first_row - 1]
                    ):
                        first_row += 1
                        offset -= 1
                    skip = range(1, first_row)
                    cells = _place(item, run.bands)
                    if _split_row(cells, first_row):
                        offset -= 1  # the rest of the row the previous page ended in
                else:
                    table_no += 1
                    offset = 0
                    data = _first_row_is_data(item)
                    heads = () if data else item.header
                    run = GridRun(table_no, heads, item.bands, item.extent, 0, page.number)
                    run.header_bold = item.first_bold
                    if not data:
                        run.openings = tuple(
                            _norm(item.first_row(item.bands, row))
                            for row in range(1, item.heads + 1)
                        )
                        skip = range(2, item.heads + 1)  # a second header row
                    cells = _place(item, run.bands)
                last = run.rows
                # Rows are counted as printed: a ruled row with no text is no row.
                printed = {r: n for n, r in enumerate(sorted({c[0] for c in cells}), start=1)}
                for grid_row, col, lines, across in cells:
                    if grid_row in skip:
                        continue
                    row = printed[grid_row]
                    last = max(last, row + offset)
                    header = (run.header or None) if row + offset >= 2 and not across else None
                    ref = unvalidated(
                        TableRef, {"index": run.index, "row": row + offset, "column": col}
                    )
                    for kind, depth, part in _cell_parts(lines):
                        text, anchors = join_lines([(ln.text, ln.page, ln.number) for ln in part])
                        blocks.append(
                            unvalidated_block(
                                text=text,
                                kind=kind,
                                location=unvalidated_location(
                                    path=path, page=part[0].page, line=part[0].number, table=ref
                                ),
                                anchors=anchors,
                                header=header,
                                list_level=depth,
                            )
                        )
                run.rows = last
                run.page = page.number
                continue
            if item.role == "footnote":
                notes.append(item)
                continue
            if item.role != "body":
                continue
            run = None
            outer = None  # where the open list's outermost bullet stands
            if current and kind != "heading" and _BULLET.match(current[0].text):
                outer = min([current[0].x0, *list_x[:1]])
            _hollow_bullet(item, outer)
            key = _heading_key(item, style.body_size, style.body_bold)
            if key is not None and _bold_continuation(current, kind, item, style):
                current.append(item)  # the wrapped part of a bold paragraph or list item
                continue
            if key is not None:
                prev = current[-1] if current else None
                if (
                    kind == "heading"
                    and prev is not None
                    and prev.page == item.page
                    and _heading_key(prev, style.body_size, style.body_bold) == key
                    and 0 < item.cy - prev.cy <= 1.5 * key[0]
                    and not starts_clause(item.text)
                ):
                    current.append(item)
                    continue
                flush()
                kind = "heading"
                level = style.levels.get(key)
                current = [item]
                continue
            if kind == "heading":
                flush()
            if current and _continues(current[-1], item, style) and _in_item(current[0], item):
                current.append(item)
                continue
            flush()
            current = [item]
    flush()
    blocks.extend(_footnotes(path, notes))
    return blocks


def _footnotes(path: str, rows: Sequence[Line]) -> list[Block]:
    """One ``footnote`` block per note, its text without its mark, after the body."""
    notes: list[list[Line]] = []
    for row in rows:
        opens = _NOTE_MARK.match(row.text) is not None
        if not notes or opens or row.page != notes[-1][-1].page:
            notes.append([])
        notes[-1].append(row)
    blocks = []
    for note in notes:
        parts = [(ln.text, ln.page, ln.number) for ln in note if not _is_mark(ln)]
        if not parts:
            continue
        first = parts[0][0]
        mark = _NOTE_MARK.match(first)
        if mark is not None and len(note) == len(parts):
            # "2 Working days are…": the note's own number is no part of its text.
            digits = re.match(r"\s*(?:[0-9]{1,3}|[*†‡§])\s+", first)
            if digits is not None:
                parts[0] = (first[digits.end() :], *parts[0][1:])
        text, anchors = join_lines(parts)
        blocks.append(
            unvalidated_block(
                text=text,
                kind="footnote",
                location=unvalidated_location(path=path, page=parts[0][1], line=parts[0][2]),
                anchors=anchors,
            )
        )
    return blocks


#: A name and a number ("Domain 1", "KPI 3", "Lot 2").
_NUMBERED_NAME = re.compile(r"^(\D*?\S)\s*([0-9]{1,3})$")


def _row_texts(table: PageTable, row: int) -> tuple[str, ...]:
    """The text of ``row`` of ``table`` in its printed columns (one entry per band)."""
    texts: list[list[str]] = [[] for _ in table.bands or ((0.0, 0.0),)]
    for r, _col, lines in table.cells:
        if r == row:
            band = band_of(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines), table.bands)
            texts[band].append(" ".join(ln.text for ln in lines))
    return tuple(" ".join(" ".join(parts).split()) for parts in texts)


def _first_row_is_data(table: PageTable) -> bool:
    """Tell whether a table's first row is a row of data rather than its header.

    Two layouts say so: rows numbered alike from the first ("Domain 1" over "Domain
    2"), and a form whose first label's value is left blank ("Service specification
    no." alone, over rows that fill two columns or more). A header names its columns.
    """
    if len(table.bands) < 2:
        return False
    first, second = _row_texts(table, 1), _row_texts(table, 2)
    a, b = _NUMBERED_NAME.match(first[0]), _NUMBERED_NAME.match(second[0])
    if a and b and a.group(1).lower() == b.group(1).lower():
        return int(b.group(2)) == int(a.group(2)) + 1
    filled = [t for t in first if t]
    box = next((table.boxes.get((r, c)) for r, c, _ in table.cells if r == 1), None)
    across = box is not None and spans_all(box, table.bands)
    return len(filled) == 1 and bool(first[0]) and not across and sum(1 for t in second if t) >= 2


def _norm(texts: Sequence[str]) -> tuple[str, ...]:
    return tuple(" ".join(t.split()) for t in texts)


Placed = tuple[int, int, list[Line], bool]  # row, band (1-based), lines, spans every band


def _place(table: PageTable, bands: Sequence[Band]) -> list[Placed]:
    """Put each cell of ``table`` in the band its text overlaps most.

    Cells of one row that fall in one band (a column ruled in two on this page) are
    read as one cell, left to right. A lone cell that runs across every band (a
    section row inside the table) is marked, as it belongs under no one header.
    """
    placed: dict[tuple[int, int], Placed] = {}
    per_row: Counter[int] = Counter(row for row, _col, _lines in table.cells)
    for row, col, lines in table.cells:
        band = band_of(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines), bands) + 1
        box = table.boxes.get((row, col))
        across = per_row[row] == 1 and box is not None and spans_all(box, bands)
        if across:
            band = 1  # it starts in the first column, whatever its text's length
        key = (row, band)
        if key in placed:
            placed[key] = (row, band, [*placed[key][2], *lines], placed[key][3] and across)
        else:
            placed[key] = (row, band, list(lines), across)
    return sorted(placed.values(), key=lambda p: (p[0], p[1]))


def _split_row(cells: Sequence[Placed], row: int) -> bool:
    """Tell whether ``row`` of a continued table carries on the previous page's last row.

    A row broken across a page break leaves its first column empty on the new page
    (the row's label was printed on the page before) while other columns go on.
    """
    columns = {col for r, col, _lines, _across in cells if r == row}
    return bool(columns) and 1 not in columns


CellPart = tuple[Literal["table_cell", "list_item"], int | None, list[Line]]


def _cell_parts(lines: Sequence[Line]) -> list[CellPart]:
    """Split a cell's lines into its own text and its bullet items (with their depth).

    A bullet indented further than the bullet above it is one level deeper; a line
    that starts under a bullet's text, or in lower case, carries the item on; any other
    line is the cell's own text again.
    """
    parts: list[CellPart] = []
    levels: list[float] = []
    for line in lines:
        _hollow_bullet(line, levels[0] if levels else None)
        if _BULLET.match(line.text):
            parts.append(("list_item", _list_level(levels, line), [line]))
            continue
        if parts and parts[-1][0] == "list_item":
            bullet = parts[-1][2][0]
            if line.x0 > bullet.x0 + 0.5 * bullet.size or line.text[:1].islower():
                parts[-1][2].append(line)
                continue
        if parts and parts[-1][0] == "table_cell":
            parts[-1][2].append(line)
        else:
            parts.append(("table_cell", None, [line]))
    return parts


_HOLLOW = re.compile(r"^o\s+(?=\S)")


def _hollow_bullet(line: Line, outer: float | None) -> None:
    """Read a line's leading "o" as a hollow bullet ("◦") under an open list's bullet.

    Word prints its second-level bullet as the letter "o" in Courier New; an "o" that
    starts a line set right of a bullet above it is that bullet, not a word.
    """
    if outer is not None and line.x0 > outer + 0.5 * line.size and _HOLLOW.match(line.text):
        line.text = "◦" + line.text[1:]


def _list_level(levels: list[float], line: Line) -> int:
    """The depth of a bullet at ``line.x0`` in a list whose open levels start at ``levels``.

    A bullet set clearly right of the one above opens a deeper level; one back at an
    outer bullet's indent closes the levels inside it.
    """
    slack = 0.5 * line.size
    while levels and line.x0 < levels[-1] - slack:
        levels.pop()
    if not levels or line.x0 > levels[-1] + slack:
        levels.append(line.x0)
    return len(levels) - 1


def _bold_continuation(current: list[Line], kind: str, line: Line, style: _Style) -> bool:
    """Tell whether a bold line carries on a bold paragraph or list item above it."""
    if kind == "heading" or not current:
        return False
    prev = current[-1]
    if abs(prev.size - line.size) > 0.5 or starts_clause(line.text):
        return False
    if not all(ch.bold for ch in prev.chars if any(c.isalnum() for c in ch.text)):  # not a bullet
        return False
    if prev.text.rstrip().endswith((".", "!", "?", ":", ";")):
        return False
    return _continues(prev, line, style) and _in_item(current[0], line)


#: Most words in a bullet's bold title ("Outcome", "Out of scope").
_TITLE_WORDS = 6


def _all_bold(line: Line) -> bool:
    """Tell whether every letter and digit of ``line`` is bold (a bullet glyph may not be)."""
    return all(ch.bold for ch in line.chars if any(c.isalnum() for c in ch.text))


def _bold_title(lines: list[Line], style: _Style) -> bool:
    """Tell whether a bullet opens with a bold title on a line of its own ("•Outcome").

    The title's text follows on the next line in the body weight; joined with only a
    line break the title would run into the sentence, so the block reads "Outcome: …".
    """
    if len(lines) < 2 or style.body_bold or not _BULLET.match(lines[0].text):
        return False
    title = _BULLET.sub("", lines[0].text, count=1).strip()
    return (
        any(c.isalpha() for c in title)
        and len(title.split()) <= _TITLE_WORDS
        and not title.endswith((".", ",", ":", ";", "!", "?", "-", "–"))
        and _all_bold(lines[0])
        and not _all_bold(lines[1])
    )


def _bold_body_text(lines: list[Line], text: str, style: _Style) -> bool:
    """Tell whether a "heading" in bold body-size type is really a bold paragraph.

    Headings are short and do not end a sentence: three or more lines, more than 30
    words, or a sentence of six words or more, at the body size, is emphasised running
    text (a numbered clause set in bold is still a clause).
    """
    if lines[0].size >= 1.15 * style.body_size:
        return False
    words = len(text.split())
    return len(lines) >= 3 or words > 30 or (words >= 6 and text.rstrip().endswith("."))


def _kind(text: str) -> Literal["list_item", "paragraph"]:
    return "list_item" if _BULLET.match(text) else "paragraph"


_BARE_NUMBER = re.compile(r"^\d{1,3}\s")


def _continues(prev: Line, line: Line, style: _Style) -> bool:
    # "20 Operational Days" at the start of a wrapped line is not clause 20: a bare
    # number continues the text after a full line that did not end a sentence.
    if starts_clause(line.text) and not (
        _BARE_NUMBER.match(line.text)
        and not prev.text.rstrip().endswith((".", "!", "?", ":", ";"))
        and prev.page == line.page
        and prev.column == line.column
        and not _short(prev)
    ):
        return False
    if prev.page == line.page and prev.column == line.column:
        gap = line.cy - prev.cy
        if _ends_paragraph(prev) and line.text[:1].isupper():
            return False  # a short last line, then a new paragraph set with no space
        return 0 < gap <= 1.3 * max(style.pitch, 1.1 * max(prev.size, line.size))
    # A page or column break: carry on unless the previous line ended a paragraph
    # (ends a sentence well short of its column's right edge).
    if line.text[:1].islower():
        return True
    ended = prev.text.rstrip().endswith((".", "!", "?", ":"))
    return not (ended and _short(prev))


def _ends_paragraph(line: Line) -> bool:
    """Tell whether a line ends a sentence well short of its column's right edge."""
    return line.text.rstrip().endswith((".", "!", "?", ":")) and _short(line)


def _in_item(first: Line, line: Line) -> bool:
    """Tell whether ``line`` may carry on the block that ``first`` starts.

    A list item's wrapped lines start at its bullet or under its text, so a line that
    starts left of the bullet is not part of the item (it is the paragraph that follows
    an indented list).
    """
    if not _BULLET.match(first.text):
        return True
    return line.x0 >= first.x0 - 0.3 * first.size


def _short(line: Line) -> bool:
    """Tell whether a line stops well short of its column's right edge."""
    return line.x1 < line.right_edge - 0.15 * max(line.right_edge - line.x0, 1.0)
