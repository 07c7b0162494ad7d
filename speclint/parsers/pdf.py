"""Read PDF files: printed lines with page and line numbers, clean text, clear errors.

Two ways of reading a page's characters, chosen per page:

* the fast path, pdfium's text layer (pypdfium2), reads every page: each character's
  origin, advance box, font size (with the text matrix) and font name. It costs about
  20 ms a page;
* pdfplumber's table finder runs only on pages that have ruled lines or boxes (found
  cheaply from pdfium's page objects), to get the cells of ruled tables. Raw
  pdfplumber costs about 0.13 s a page, so paying it only where tables are keeps a
  whole parse well under half the time of ``extract_text`` over every page.

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
from speclint.models import Document
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
    """What one read cost: pages, pages sent to pdfplumber, and seconds per stage."""

    pages: int = 0
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
    return Document(path=path, format="pdf", blocks=tuple(blocks), pages=count)


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
                        tables = _ruled_tables(doc, index)
                        stats.table_seconds += time.perf_counter() - started
                        stats.pdfplumber_pages += 1
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
    """Tell whether the page has enough ruled lines or boxes to hold a table."""
    counts = [0, 0]
    _count_rules(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, counts)
    return counts[0] >= 3 and counts[1] >= 3


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


def _ruled_tables(doc: Any, index: int) -> list[TableGeom]:
    """Run pdfplumber's table finder on a copy of one page with its text removed.

    pdfplumber's cost is interpreting every character of a page; the table finder
    needs only the ruling lines and boxes, so it is given a one-page PDF holding just
    those (same page box, same coordinates). This makes a table page cost a few
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
            texts = [
                obj
                for obj in page.get_objects(max_depth=1)
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            ]
            for obj in texts:
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
