"""Read a page's characters from pdfium's text layer, as :class:`Char` records.

For each character pdfium reports its origin (with the text matrix, in user space),
its loose box (the advance along the baseline), its font size and its font name.
:func:`read_chars` turns those into :class:`~speclint.parsers.pdf_layout.Char`
records in the coordinates of the page as displayed (from its top-left corner, a page
with ``/Rotate`` read the way it is shown), the measures the layout code expects
from every reading path:

* a ligature glyph that pdfium splits into several characters at one origin ("ﬀ") is
  one record, as pdfplumber reads the glyph;
* a glyph's advance ends at the next character's origin when that follows on the
  same baseline (pdfium's loose box includes an italic glyph's overhang);
* spaces that pdfium generates from gaps are left out: the layout code finds word
  gaps itself, in the same way on every path;
* text set at an angle to the reading direction (a "DRAFT" watermark, a sideways
  label) is left out; a symbol font's glyph is read by its code
  (:mod:`speclint.parsers.pdf_symbols`).

With ``words=True`` the characters of one run (one font, one baseline, each glyph
starting where the one before it ends, no gap the layout would read as a space) are
merged into one record whose ``n`` counts them. The layout code reads such a record
exactly as it reads the characters one by one (the same rows, line text, sizes and
extents), for a fifth of the objects. A page with ruled tables is read one character
a record, because its characters are sorted into cells.

The pdfium functions are called through plain function pointers without argument
conversion (about twice as fast as pypdfium2's declared bindings): this loop makes two
calls per character and is most of the time a PDF takes to read.
"""

from __future__ import annotations

import ctypes
import math
import os
import re
from typing import Any

import pypdfium2.raw as pdfium_c

from speclint.parsers.pdf_layout import Char, normalise_char
from speclint.parsers.pdf_raw import address as _address
from speclint.parsers.pdf_raw import c_function as _pointer
from speclint.parsers.pdf_symbols import SymbolFont, symbol_char, symbol_font

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|-bd\b|bd$|,b$", re.IGNORECASE)

Box = tuple[float, float, float, float]


_COUNT = _pointer(pdfium_c.FPDFText_CountChars, ctypes.c_int)
_ORIGIN = _pointer(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_LOOSE_BOX = _pointer(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_MATRIX = _pointer(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_FONT_SIZE = _pointer(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_FONT_INFO = _pointer(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
_GENERATED = _pointer(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_UNICODE = _pointer(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
# The text object a character belongs to (an address, or None), where pdfium has it.
_TEXT_OBJECT = (
    _pointer(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
    if hasattr(pdfium_c, "FPDFText_GetTextObject")
    else None
)


try:
    from speclint.parsers import _pdfium_chars as _compiled
except ImportError:  # built without a C compiler: the loop below, in Python
    _compiled = None  # type: ignore[assignment]
# The compiled pass keeps a plain space as it is, without asking normalise_char.
assert normalise_char(" ") == " "

#: The pdfium functions the compiled pass calls, in the order it expects them.
_FUNCTIONS = (
    _address(pdfium_c.FPDFText_GetCharOrigin),
    _address(pdfium_c.FPDFText_GetLooseCharBox),
    _address(pdfium_c.FPDFText_GetMatrix),
    _address(pdfium_c.FPDFText_GetFontSize),
    _address(pdfium_c.FPDFText_GetFontInfo),
    _address(pdfium_c.FPDFText_IsGenerated),
    _address(pdfium_c.FPDFText_GetTextObject) if _TEXT_OBJECT is not None else 0,
)


def compiled_pass() -> bool:
    """Tell whether pages are read by the compiled pass (``SPECLINT_PURE_PDF=1`` turns it off)."""
    return _compiled is not None and not os.environ.get("SPECLINT_PURE_PDF")


def is_bold(fontname: str) -> bool:
    """Tell whether a font's name says it is bold (a subset prefix is ignored)."""
    base = fontname.split("+", 1)[-1]
    return bool(_BOLD.search(base))


def display_transform(box: Box, rotation: int) -> tuple[float, float, float, float, float, float]:
    """Map user space to the page as displayed, for a media box (l, b, r, t) and rotation.

    Returns (X from x, X from y, X offset, Y from x, Y from y, Y offset): coordinates
    from the top-left corner of the page as shown, the way pdfplumber reports a
    rotated page.
    """
    left, bottom, right, top = box
    if rotation == 90:
        return (0.0, 1.0, -bottom, 1.0, 0.0, -left)
    if rotation == 180:
        return (-1.0, 0.0, right, 0.0, 1.0, -bottom)
    if rotation == 270:
        return (0.0, -1.0, top, -1.0, 0.0, right)
    return (1.0, 0.0, -left, 0.0, -1.0, top)


def _font_name(raw: Any, i: int, buf: Any, buf_ref: Any, flags_ref: Any) -> bytes:
    """The name of character ``i``'s font (``b""`` when pdfium has none).

    pdfium writes the name only when the buffer holds all of it: a longer name is read
    again into a buffer of the length it asks for.
    """
    needed = _FONT_INFO(raw, i, buf_ref, len(buf), flags_ref)
    if needed == 0:
        return b""
    if needed > len(buf):
        buf = ctypes.create_string_buffer(needed)
        if _FONT_INFO(raw, i, ctypes.byref(buf), needed, flags_ref) != needed:
            return b""
    return bytes(buf.value)


class _Overlap(Exception):
    """A glyph printed over the one before it inside a run: read the page char by char."""


def read_chars(page: Any, box: Box, rotation: int, *, words: bool = False) -> list[Char]:
    """Read a page's characters (or, with ``words``, runs of them) in display coordinates."""
    textpage = page.get_textpage()
    try:
        if words:
            try:
                return _read(textpage, box, rotation, True)
            except _Overlap:
                pass
        return _read(textpage, box, rotation, False)
    finally:
        textpage.close()


def _font_kind(name: bytes) -> tuple[bool, SymbolFont | None]:
    """Whether a font (by its name in the PDF) is bold, and which symbol font it is."""
    decoded = name.decode("latin-1")
    return is_bold(decoded), symbol_font(decoded)


def _read(textpage: Any, box: Box, rotation: int, words: bool) -> list[Char]:
    transform = display_transform(box, rotation)
    # The direction upright text runs in, in user space, on a page shown rotated.
    cos_r = round(math.cos(math.radians(rotation)))
    sin_r = round(math.sin(math.radians(rotation)))
    raw = textpage.raw
    n = _COUNT(raw)
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: fall back to one at a time
        text = "".join(chr(_UNICODE(raw, i) or 0xFFFD) for i in range(n))
    if compiled_pass():
        rows = _compiled.read(
            _address(raw),
            _FUNCTIONS,
            text,
            transform,
            cos_r,
            sin_r,
            words,
            normalise_char,
            _font_kind,
            symbol_char,
        )
        if rows is None:
            raise _Overlap
        return rows  # Char records: pdf_layout binds the class to the compiled pass
    return _read_python(raw, text, transform, cos_r, sin_r, words, rotation == 0)


def _read_python(
    raw: Any,
    text: str,
    transform: tuple[float, float, float, float, float, float],
    cos_r: int,
    sin_r: int,
    words: bool,
    upright: bool,
) -> list[Char]:
    """The per-character pass in Python (the compiled pass does the same, step for step)."""
    ux, uy, uc, vx, vy, vc = transform
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    rect_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(matrix)
    ox_ref, oy_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    buf_ref, flags_ref = ctypes.byref(buf), ctypes.byref(flags)
    get_origin, get_box = _ORIGIN, _LOOSE_BOX
    font_cache: dict[bytes, tuple[bool, SymbolFont | None]] = {}
    chars: list[Char] = []
    append = chars.append
    record = Char("", 0.0, 0.0, 0.0, 0.0, False)  # the record the last character went into
    # The last character kept: its origin, advance end, baseline, size, text, space,
    # and the rise and gap its size allows (0.4 and 0.15 of it, computed once a run).
    # Before the first one, an origin no character can follow on the same run.
    px0 = pbase = math.inf
    px1 = psize = prise = pgap = 0.0
    ptext = ""
    pspace = False
    last_index = -2
    # Font size, rotation and weight are read at the start of each run of text (first
    # character, after a space, on a new baseline or after a jump) and reused inside
    # it: a font change inside a word does not matter here, and reading them per
    # character would double the cost of the page.
    size = 0.0
    bold = False
    symbol: SymbolFont | None = None
    rotated = False
    # On a page shown unrotated (``upright``) the transform is a shift and a flip;
    # spelt out, it gives the same numbers for less arithmetic in the loop.
    text_object = _TEXT_OBJECT
    last_owner: int | None = None
    for i, ch in enumerate(text):
        get_origin(raw, i, ox_ref, oy_ref)
        if upright:
            x = origin_x.value + uc
            base = vc - origin_y.value
        else:
            ox = origin_x.value
            oy = origin_y.value
            x = ox * ux + oy * uy + uc
            base = ox * vx + oy * vy + vc
        if x > px0:
            rise = base - pbase
            if -prise < rise < prise:
                # pdfium's loose box includes a glyph's overhang (italic f); the next
                # character's origin ends the advance, as pdfplumber measures it.
                if x < px1:
                    px1 = record.x1 = x
                if (
                    " " < ch < "\x7f"
                    and not pspace
                    and -0.01 <= rise <= 0.01
                    and x - px1 <= pgap
                    and symbol is None
                ):
                    # The common case: a plain character carrying on a run.
                    if rotated:
                        continue
                    get_box(raw, i, rect_ref)
                    if upright:
                        left = rect.left
                        right = rect.right
                        right = (right if right > left else left) + uc
                    else:
                        right = rect.left * ux + rect.bottom * uy + uc
                        other = rect.right * ux + rect.top * uy + uc
                        if other > right:
                            right = other
                    x1 = x if right < x else right
                    char_size = size if size > 0 else max(rect.top - rect.bottom, 1.0)
                    if words and base == pbase and char_size == psize:
                        # No gap the layout reads as a space: the same record.
                        if ch == ptext and abs(x - px0) < 0.1 * char_size:
                            raise _Overlap  # the layout drops a glyph printed twice
                        record.text += ch
                        record.x1 = x1
                        record.n += 1
                        px0 = x
                        px1 = x1
                        ptext = ch
                    else:
                        record = Char(ch, x, x1, base, char_size, bold)
                        append(record)
                        px0, px1, pbase, ptext = x, x1, base, ch
                        if char_size != psize:
                            psize = char_size
                            prise = 0.4 * char_size
                            pgap = 0.15 * char_size
                    last_index = i
                    continue
        elif x == px0 and base == pbase and last_index == i - 1:
            # pdfium splits a ligature glyph ("ﬀ") into characters at one origin;
            # keep them as one character, as pdfplumber reads the glyph.
            extra = normalise_char(ch)
            if extra and extra != " ":
                record.text += extra
                ptext += extra
                last_index = i
                continue
        plain = " " < ch < "\x7f"
        norm: str | None = ch if plain else normalise_char(ch)
        if norm is None and not "\uf000" <= ch <= "\uf0ff":
            continue  # a private-use code is kept until its font is known
        space = norm == " "
        if space:
            if _GENERATED(raw, i):
                continue
        else:
            # Matrix, size and font belong to the text object: read them again only
            # when the run starts in another object than the last run did.
            owner = text_object(raw, i) if text_object is not None else None
            if owner is None or owner != last_owner:
                last_owner = owner
                _MATRIX(raw, i, matrix_ref)
                along = matrix.a * cos_r + matrix.b * sin_r
                across = matrix.b * cos_r - matrix.a * sin_r
                rotated = along <= 0 or abs(across) > 0.05 * along
                size = _FONT_SIZE(raw, i) * math.hypot(matrix.c, matrix.d)
                name = _font_name(raw, i, buf, buf_ref, flags_ref)
                cached = font_cache.get(name)
                if cached is None:
                    cached = font_cache[name] = _font_kind(name)
                bold, symbol = cached
        if rotated:
            continue  # rotated text (a "DRAFT" watermark, a vertical label)
        if symbol is not None and not space:
            norm = symbol_char(ch, symbol)
        if norm is None:
            continue
        get_box(raw, i, rect_ref)
        right = max(rect.left * ux + rect.bottom * uy + uc, rect.right * ux + rect.top * uy + uc)
        x1 = x if right < x else right
        char_size = size if size > 0 else max(rect.top - rect.bottom, 1.0)
        record = Char(norm, x, x1, base, char_size, bold and not space, space)
        append(record)
        px0, px1, pbase, ptext, pspace = x, x1, base, norm, space
        if char_size != psize:
            psize = char_size
            prise = 0.4 * char_size
            pgap = 0.15 * char_size
        last_index = i
    return chars
