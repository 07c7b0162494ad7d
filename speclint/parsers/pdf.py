"""Read PDF files: printed lines with page and line numbers, clean text, clear errors.

Two ways of reading a page's characters, chosen per page:

* the fast path, pdfium's text layer (pypdfium2), reads every page: each character's
  origin, advance box, font size (with the text matrix) and font name
  (:mod:`speclint.parsers.pdf_chars`; a page without tables as runs of characters,
  one record a run). It costs about 6 ms a page;
* ruled tables are found only on pages whose paths could make a ruled table of two
  columns (counted cheaply from pdfium's page objects: enough thin lines and boxes,
  then enough level and upright edges as pdfplumber would read them), from the same
  path objects, by pdfplumber's table-finding method (:mod:`.pdf_ruling`: the same
  cells, without pdfplumber). A page that reader leaves (rotated, paths inside form
  XObjects, a box open on one side) goes to pdfplumber's table finder itself, on a
  copy of the page without its text, as every table page used to.

``read_pdf(..., engine="pdfplumber")`` reads every page's characters with pdfplumber
instead (used by the tests to prove that both paths give the same blocks), and
``engine="pdfium"`` skips the table finder. Both paths feed the same
:mod:`speclint.parsers.pdf_layout` code with the same measures (origin, advance,
baseline, size), in the coordinates of the page as displayed (a page with ``/Rotate``
is read the way it is shown). Text set at an angle to the reading direction (a
"DRAFT" watermark, a sideways label) is left out.

A character drawn in a symbol font (Wingdings, Webdings, ZapfDingbats, Symbol) is
read by its code, so a Wingdings tick is "✓" rather than "ü" and its bullets are "•"
(:mod:`speclint.parsers.pdf_symbols`); the rows of a contents list keep their line
numbers but are not emitted (:mod:`speclint.parsers.pdf_contents`).

Line numbers (``Location.line`` and ``Anchor.line``) count every printed text line on
the page from the top, as a reader counts them: the running header line is line 1,
the first body line after it line 2, and so on; on a two-column page the left column
is counted before the right one; each text row of a table is one line. Running headers
and footers are counted but are not emitted as blocks. ``Anchor.column`` is the
1-based character column in that printed line (or column line) where the anchored text
starts, which is always 1.

Bad input raises :class:`~speclint.errors.InputError` with one plain line: not a PDF,
empty, corrupt or truncated, encrypted, no text layer (scanned), or too large when
decompressed (:mod:`speclint.parsers.pdf_guard`, checked before pdfium or pdfminer
inflates anything). Time is bounded from outside, by the worker that reads the file
(:mod:`speclint.workers`), not by clocks in these loops.
"""

from __future__ import annotations

import ctypes
import gc
import io
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from speclint.errors import InputError
from speclint.models import Document, unvalidated
from speclint.parsers.pdf_chars import is_bold, read_chars
from speclint.parsers.pdf_contents import mark_contents
from speclint.parsers.pdf_guard import check_streams
from speclint.parsers.pdf_layout import (
    Char,
    Page,
    TableGeom,
    build_blocks,
    build_page,
    mark_headers_footers,
    normalise_char,
    order_page,
)
from speclint.parsers.pdf_raw import COUNT_OBJECTS as _COUNT_OBJECTS
from speclint.parsers.pdf_raw import FORM_COUNT_OBJECTS as _FORM_COUNT_OBJECTS
from speclint.parsers.pdf_raw import FORM_GET_OBJECT as _FORM_GET_OBJECT
from speclint.parsers.pdf_raw import GET_OBJECT as _GET_OBJECT
from speclint.parsers.pdf_raw import GET_SEGMENT as _GET_SEGMENT
from speclint.parsers.pdf_raw import OBJECT_MATRIX as _OBJECT_MATRIX
from speclint.parsers.pdf_raw import OBJECT_TYPE as _OBJECT_TYPE
from speclint.parsers.pdf_raw import SEGMENT_CLOSE as _SEGMENT_CLOSE
from speclint.parsers.pdf_raw import SEGMENT_COUNT as _SEGMENT_COUNT
from speclint.parsers.pdf_raw import SEGMENT_POINT as _SEGMENT_POINT
from speclint.parsers.pdf_raw import SEGMENT_TYPE as _SEGMENT_TYPE
from speclint.parsers.pdf_ruling import ruled_tables
from speclint.parsers.pdf_symbols import symbol_char, symbol_font
from speclint.parsers.sniff import describe

Engine = Literal["auto", "pdfium", "pdfplumber"]

# pdfium is not thread-safe: one document at a time in this process.
_PDFIUM_LOCK = threading.Lock()

_CID = re.compile(r"^\(cid:\d+\)$")


def parse(data: bytes, path: str) -> Document:
    """Parse a PDF's bytes into a :class:`Document` (see the module docstring)."""
    return read_pdf(data, path)


@dataclass
class PdfStats:
    """What one read cost: pages, pages read for tables, and seconds per stage.

    ``table_pages`` counts the pages whose paths could hold a ruled table (their
    tables read from pdfium's paths), ``pdfplumber_pages`` those of them, or every page
    with ``engine="pdfplumber"``, that went to pdfplumber.
    """

    pages: int = 0
    table_pages: int = 0
    pdfplumber_pages: int = 0
    read_seconds: float = 0.0
    table_seconds: float = 0.0
    layout_seconds: float = 0.0


def read_pdf(
    data: bytes,
    path: str,
    *,
    engine: Engine = "auto",
    stats: PdfStats | None = None,
) -> Document:
    """Read a PDF; ``engine`` forces the pdfium or pdfplumber path for every page.

    ``stats``, when given, is filled in with what the read cost. Raises
    :class:`InputError` with a one-line cause for anything that cannot be read.
    """
    _sniff(data, path)
    check_streams(data, path)
    stats = stats if stats is not None else PdfStats()
    # A long PDF makes hundreds of thousands of small objects and no reference cycles;
    # the cyclic garbage collector would rescan them all again and again (a quarter of
    # the run), so it is paused while the file is read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        with _PDFIUM_LOCK:
            pages, count = _read_pages(data, path, engine, stats)
        stats.read_seconds = time.perf_counter() - start - stats.table_seconds
        start = time.perf_counter()
        mark_headers_footers(pages)
        if not any(page.tables for page in pages) and all(
            row.role in ("header", "footer") for page in pages for row in page.rows
        ):
            # Only "running" lines, one or two a page: they are the text, not a header.
            for page in pages:
                for row in page.rows:
                    if row.role in ("header", "footer"):
                        row.role = "body"
        mark_contents(pages)
        for page in pages:
            order_page(page)
        blocks = build_blocks(path, pages)
        stats.layout_seconds = time.perf_counter() - start
    except (InputError, MemoryError):
        raise
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"is corrupt or truncated ({_pdfium_reason(exc)})") from None
    except Exception as exc:  # a malformed file must never show a traceback
        raise InputError(path, f"could not be read ({type(exc).__name__}: {exc})") from None
    finally:
        if collecting:
            gc.enable()
    if not blocks:
        if any(page.rows for page in pages):
            raise InputError(path, "has no text to lint (only page furniture and contents)")
        raise InputError(
            path, "has no text layer: it looks scanned and needs OCR, which speclint does not do"
        )
    # Blocks, locations and anchors the layout made of values of their types (a test
    # holds them equal to validated copies): the document is not validated again.
    return unvalidated(
        Document, {"path": path, "format": "pdf", "blocks": tuple(blocks), "pages": count}
    )


# --------------------------------------------------------------------------- checks


def _sniff(data: bytes, path: str) -> None:
    if not data:
        raise InputError(path, "is empty (0 bytes)")
    head = data[:1024]
    if b"%PDF-" not in head:
        raise InputError(path, f"is not a PDF (it looks like {describe(data)})")
    if b"%%EOF" not in data[-8192:]:
        raise InputError(
            path, "is corrupt or truncated (no end-of-file marker: the file looks cut short)"
        )


def _pdfium_reason(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"PDFium: ([^)]*)", text)
    return (m.group(1) if m else text).strip().rstrip(".").lower() or "unreadable"


# --------------------------------------------------------------------------- reading


def _open_pdfium(data: bytes, path: str) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(
                path, "is encrypted (password-protected); remove the password and try again"
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(
                path, "is encrypted with an unsupported security handler; remove it and try again"
            ) from None
        raise InputError(path, f"is corrupt or truncated ({_pdfium_reason(exc)})") from None


def _read_pages(data: bytes, path: str, engine: Engine, stats: PdfStats) -> tuple[list[Page], int]:
    doc = _open_pdfium(data, path)
    plumber: _Plumber | None = None
    try:
        count = len(doc)
        if count == 0:
            raise InputError(path, "is corrupt or truncated (it has no pages)")
        stats.pages = count
        if engine == "pdfplumber":
            plumber = _Plumber(data)
        pages: list[Page] = []
        for index in range(count):
            number = index + 1
            page = doc[index]
            try:
                box = page.get_mediabox()
                rotation = page.get_rotation() % 360
                width, height = box[2] - box[0], box[3] - box[1]
                if rotation in (90, 270):
                    width, height = height, width
                if engine == "pdfplumber":
                    assert plumber is not None
                    chars = plumber.chars(index)
                    tables = plumber.tables(index)
                    stats.pdfplumber_pages += 1
                else:
                    tables = []
                    if engine == "auto" and _has_rules(page):
                        started = time.perf_counter()
                        stats.table_pages += 1
                        found = _path_tables(page, box, rotation)
                        if found is None:  # a page this cannot read as pdfplumber does
                            found = _ruled_tables(doc, index)
                            stats.pdfplumber_pages += 1
                        tables = found
                        stats.table_seconds += time.perf_counter() - started
                    # Runs of characters as one record, except where cells need each one.
                    chars = read_chars(page, box, rotation, words=not tables)
                pages.append(build_page(number, width, height, chars, tables))
            finally:
                page.close()
        return pages, count
    finally:
        if plumber is not None:
            plumber.close()
        doc.close()


def _has_rules(page: Any) -> bool:
    """Tell whether the page has enough ruled lines or boxes to hold a table.

    A first count of thin lines and boxes by their bounds, then, when that passes, a
    count of the horizontal and vertical edges pdfplumber's table finder would take
    from the same paths (:func:`_grid_edges`): a page whose "boxes" are a curved logo
    or a drawing behind the text has none, and cannot hold a table of two columns.
    """
    counts = [0, 0]
    _count_rules(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, counts)
    return counts[0] >= 3 and counts[1] >= 3 and _grid_edges(page)


#: Path points :func:`_grid_edges` reads on one page before it gives up and says yes.
_MAX_EDGE_POINTS = 20_000
#: How far from level (or upright) an edge may be and still count, in points. pdfplumber
#: asks for exact equality; the slack only ever sends a page to it, except that a level
#: edge shorter than this is read as upright (it cannot make a table's cell).
_LEVEL = 0.01

#: The shortest edge pdfplumber's table finder keeps is one point; float32 path points
#: may put one a hair under it.
_SHORTEST = 0.99

_Matrix = tuple[float, float, float, float, float, float]


def _grid_edges(page: Any) -> bool:
    """Tell whether the page's paths give two level edges and three upright ones.

    pdfplumber's table finder (its "lines" strategy) builds cells from the edges of
    the lines, rectangles and curves pdfminer reads from the page: a line is level
    when its ends share y and upright otherwise; a rectangle gives two of each; a
    curve gives one edge per pair of consecutive end points (Bézier control points
    are not points of it), upright when they share x, level when they share y. Two
    cells side by side need at least three upright edges and two level ones, so a
    page with fewer cannot give a table of two columns.

    The points are read from pdfium's path objects, which hold the same end points
    (and, where a path is closed or a line returns to its start, a few more): the
    count never falls short of pdfplumber's, so a page it rules out is one on which
    the table finder would find nothing. Edges shorter than a point are not counted,
    as pdfplumber drops them before it looks for cells. A page with more path points than
    :data:`_MAX_EDGE_POINTS` is sent without counting.
    """
    state = [0, 0, 0]  # level edges, upright edges, points read
    try:
        _edges_in(page.raw, _COUNT_OBJECTS, _GET_OBJECT, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), state)
    except _Enough:
        return True
    return False


class _Enough(Exception):
    """Enough edges for a table (or too many points to count): send the page."""


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _edges_in(
    owner: Any,
    count_fn: Callable[[Any], int],
    get_fn: Callable[[Any, int], Any],
    outer: _Matrix,
    state: list[int],
) -> None:
    matrix = pdfium_c.FS_MATRIX()
    for j in range(count_fn(owner)):
        obj = get_fn(owner, j)
        kind = _OBJECT_TYPE(obj)
        if kind != pdfium_c.FPDF_PAGEOBJ_FORM and kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not _OBJECT_MATRIX(obj, ctypes.byref(matrix)):
            raise _Enough  # a path that cannot be placed: let the table finder look
        m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _edges_in(obj, _FORM_COUNT_OBJECTS, _FORM_GET_OBJECT, m, state)
            continue
        state[2] += _SEGMENT_COUNT(obj)
        if state[2] > _MAX_EDGE_POINTS:
            raise _Enough
        level, upright = _path_edges(obj, m)
        state[0] += level
        state[1] += upright
        if state[0] >= 2 and state[1] >= 3:
            raise _Enough


def _path_edges(obj: Any, m: _Matrix) -> tuple[int, int]:
    """Count the level and upright edges pdfplumber's table finder keeps from a path.

    It keeps an edge of a line, rectangle or curve (see :func:`_grid_edges`) only when
    it is at least one point long; the count here is never lower.
    """
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    a, b, c, d, e, f = m
    level = upright = 0
    start_x = start_y = last_x = last_y = 0.0
    bezier = 0
    for k in range(_SEGMENT_COUNT(obj)):
        segment = _GET_SEGMENT(obj, k)
        kind = _SEGMENT_TYPE(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only the end point
        else:
            bezier = 0
        _SEGMENT_POINT(segment, x_ref, y_ref)
        px = a * x.value + c * y.value + e
        py = b * x.value + d * y.value + f
        if k == 0 or kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start_x, start_y = px, py
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            # A line on its own is upright unless it is level, at any slant.
            dx, dy = abs(px - last_x), abs(py - last_y)
            if dy <= _LEVEL and dx >= _SHORTEST:
                level += 1
            if dy >= _SHORTEST:
                upright += 1
        else:
            level, upright = _curve_edge(last_x, last_y, px, py, level, upright)
        if _SEGMENT_CLOSE(segment):
            level, upright = _curve_edge(px, py, start_x, start_y, level, upright)
        last_x, last_y = px, py
    return level, upright


def _curve_edge(
    x0: float, y0: float, x1: float, y1: float, level: int, upright: int
) -> tuple[int, int]:
    # As pdfplumber reads a curve's edge: upright when its ends share x, else level
    # when they share y; either is kept only when it is a point long or more.
    dx, dy = abs(x1 - x0), abs(y1 - y0)
    if dx <= _LEVEL:
        return level, upright + (dy >= _SHORTEST)
    if dy <= _LEVEL and dx >= _SHORTEST:
        return level + 1, upright
    return level, upright


def _count_rules(
    owner: Any,
    count_fn: Callable[[Any], int],
    get_fn: Callable[[Any, int], Any],
    counts: list[int],
    depth: int = 0,
) -> None:
    lft, btm, rgt, tp = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for j in range(count_fn(owner)):
        obj = get_fn(owner, j)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 8:
                _count_rules(
                    obj,
                    pdfium_c.FPDFFormObj_CountObjects,
                    pdfium_c.FPDFFormObj_GetObject,
                    counts,
                    depth + 1,
                )
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(lft), ctypes.byref(btm), ctypes.byref(rgt), ctypes.byref(tp)
        ):
            continue
        w = rgt.value - lft.value
        h = tp.value - btm.value
        if h <= 3 and w >= 10:
            counts[0] += 1
        elif w <= 3 and h >= 10:
            counts[1] += 1
        elif w >= 10 and h >= 10:
            extra = 3 if pdfium_c.FPDFPath_CountSegments(obj) >= 10 else 2
            counts[0] += extra
            counts[1] += extra
        if counts[0] >= 3 and counts[1] >= 3:
            return  # enough: the page goes to the table finder


def _path_tables(page: Any, box: Any, rotation: int) -> list[TableGeom] | None:
    """The page's ruled tables from its path objects (:mod:`.pdf_ruling`), or ``None``.

    ``None`` sends the page to pdfplumber (:func:`_ruled_tables`): a page the path
    reader leaves to it, or one it failed on.
    """
    try:
        return ruled_tables(page, box, rotation, _MAX_EDGE_POINTS)
    except (InputError, MemoryError):
        raise
    except Exception:  # pdfplumber reads it, or reads it as plain text
        return None


def _ruled_tables(doc: Any, index: int) -> list[TableGeom]:
    """Run pdfplumber's table finder on a copy of one page with its text removed.

    Used for the pages :mod:`.pdf_ruling` leaves (see :func:`_path_tables`), and the
    reference that module is tested against.

    pdfplumber's cost is interpreting every character of a page; the table finder
    needs only the ruling lines and boxes, so it is given a one-page PDF holding just
    those (same page box, same coordinates): no text, and no path that gives it no
    edge (:func:`_path_edges`). This makes a table page cost a few
    milliseconds instead of a few hundred.
    """
    try:
        return _ruled_tables_unguarded(doc, index)
    except (InputError, MemoryError):  # out of memory is the file's failure, not "no table"
        raise
    except Exception:  # a page pdfplumber cannot analyse is read as plain text
        return []


def _ruled_tables_unguarded(doc: Any, index: int) -> list[TableGeom]:
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(doc, [index])
        page = single[0]
        try:
            # Text, and paths that give no edge the table finder keeps (a curved
            # logo, a diagonal stroke), cost pdfminer time and change no table.
            # (Paths are read up to the same number of points as _grid_edges reads.)
            matrix = pdfium_c.FS_MATRIX()
            unused = []
            budget = _MAX_EDGE_POINTS
            for obj in page.get_objects(max_depth=1):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    unused.append(obj)
                elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and budget > 0:
                    budget -= _SEGMENT_COUNT(obj.raw)
                    if budget >= 0 and _OBJECT_MATRIX(obj.raw, ctypes.byref(matrix)):
                        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                        if _path_edges(obj.raw, m) == (0, 0):
                            unused.append(obj)
            for obj in unused:
                page.remove_obj(obj)
            page.gen_content()
        finally:
            page.close()
        buf = io.BytesIO()
        single.save(buf)
    finally:
        single.close()
    plumber = _Plumber(buf.getvalue())
    try:
        return plumber.tables(0)
    finally:
        plumber.close()


class _Plumber:
    """pdfplumber, opened lazily and only for the pages that need it."""

    def __init__(self, data: bytes) -> None:
        import pdfplumber

        self._pdf = pdfplumber.open(io.BytesIO(data))

    def close(self) -> None:
        self._pdf.close()

    def tables(self, index: int) -> list[TableGeom]:
        """Return the ruled tables on a page (two or more columns), as cell boxes."""
        page = self._pdf.pages[index]
        try:
            found = page.find_tables()
        except MemoryError:
            raise
        except Exception:  # a page pdfplumber cannot analyse is read as plain text
            return []
        finally:
            page.flush_cache()
        out: list[TableGeom] = []
        for table in found:
            rows = [list(row.cells) for row in table.rows]
            if max((sum(1 for cell in row if cell is not None) for row in rows), default=0) < 2:
                continue  # a box or a frame of boxes (one column) is not a table
            x0, top, x1, bottom = (float(v) for v in table.bbox)
            out.append(TableGeom(bbox=(x0, top, x1, bottom), rows=rows))
        return out

    def chars(self, index: int) -> list[Char]:
        """Return a page's characters as pdfplumber reads them."""
        page = self._pdf.pages[index]
        left = float(page.mediabox[0])
        top = float(page.mediabox[3])
        out: list[Char] = []
        for c in page.chars:
            a, b, _c, _d, _e, f = (float(v) for v in c["matrix"])
            if abs(b) > 0.05 * abs(a) or a <= 0:
                continue  # rotated text, as on the pdfium path
            text = c["text"] or ""
            if _CID.match(text):
                continue  # a glyph with no Unicode mapping (pdfium drops these too)
            fontname = str(c.get("fontname", ""))
            symbol = symbol_font(fontname)
            if symbol is not None:
                text = "".join(filter(None, (symbol_char(ch, symbol) for ch in text)))
            parts = [normalise_char(ch) for ch in text]
            if len(parts) > 1:  # a ligature glyph mapped to several letters: one character
                parts = ["".join(part for part in parts if part and part != " ")]
            for norm in parts:
                if not norm:
                    continue
                out.append(
                    Char(
                        norm,
                        float(c["x0"]) + float(page.bbox[0]) - left,
                        float(c["x1"]) + float(page.bbox[0]) - left,
                        top - f,
                        float(c["size"]),
                        is_bold(fontname),
                        norm == " ",
                    )
                )
        page.flush_cache()
        return out
