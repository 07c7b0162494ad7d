"""Glyphs from symbol fonts (Wingdings 1-3, Webdings, ZapfDingbats, Symbol) as readable text.

A symbol font draws a tick or a bullet under an ordinary character code: Word's
Wingdings tick is code 0xFC, which a PDF's text layer reports as "ü" (or as the
private-use code point U+F0FC), its square bullet is 0x6E ("n"), and so on. Read as
text, those codes put "ü", "n", "§" and "Ø" into clauses. This module maps a character
drawn in a symbol font by its code: ticks become "✓", crosses "✗", every kind of bullet
"•", Symbol's Greek letters and operators their Unicode characters, and anything else
is dropped.
"""

from __future__ import annotations

from typing import Literal

SymbolFont = Literal["wingdings", "wingdings2", "wingdings3", "dingbats", "symbol"]

TICK = "\u2713"
CROSS = "\u2717"
BULLET = "\u2022"

_BULLET_CODES_WINGDINGS = (
    "\x6c\x6d\x6e\x6f\x70\x71\x72\x73\x74\x75\x76\x77\x9e\x9f\xa1\xa2\xa4\xa6\xa7\xa8"
    "\xd8\xdf\xe0\xe8\xef\xf0"
)
_WINGDINGS: dict[str, str] = {
    **{code: BULLET for code in _BULLET_CODES_WINGDINGS},
    "\xfc": TICK,
    "\xfe": TICK,  # a ticked box
    "\xfb": CROSS,
    "\xfd": CROSS,  # a crossed box
}

_WINGDINGS2: dict[str, str] = {
    **{chr(code): BULLET for code in range(0x97, 0xA3)},  # round and square bullets
    "P": TICK,
    "R": TICK,  # a ticked box
    "O": CROSS,
    "Q": CROSS,
    "S": CROSS,  # a crossed box
    "T": CROSS,
}

#: Wingdings 3 is arrows and triangles, which documents use as bullets.
_WINGDINGS3: dict[str, str] = {chr(code): BULLET for code in range(0x21, 0x100)}

_DINGBATS: dict[str, str] = {
    **{code: BULLET for code in "lmnopqruvwHIJKLMNOPQRSTUVWXYZ"},
    **{chr(code): BULLET for code in range(0xD5, 0xF0)},  # arrows used as bullets
    "3": TICK,
    "4": TICK,
    "5": CROSS,
    "6": CROSS,
    "7": CROSS,
    "8": CROSS,
}

_GREEK_UPPER = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"
_GREEK_LOWER = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"
_SYMBOL: dict[str, str] = {
    **{chr(0x41 + i): g for i, g in enumerate(_GREEK_UPPER)},
    **{chr(0x61 + i): g for i, g in enumerate(_GREEK_LOWER)},
    **{ch: ch for ch in " !#%&()+,./0123456789:;<=>?[]_|{}"},
    "\x22": "∀",
    "\x24": "∃",
    "\x27": "∋",
    "\x2a": "∗",
    "\x2d": "−",
    "\x40": "≅",
    "\xa3": "≤",
    "\xa5": "∞",
    "\xac": "←",
    "\xae": "→",
    "\xb0": "°",
    "\xb1": "±",
    "\xb3": "≥",
    "\xb4": "×",
    "\xb7": BULLET,
    "\xb8": "÷",
    "\xb9": "≠",
    "\xbb": "≈",
    "\xd6": "√",
    "\xd7": BULLET,  # the dot operator, used as a bullet
    "\xe0": BULLET,  # a lozenge
}

_TABLES: dict[SymbolFont, dict[str, str]] = {
    "wingdings": _WINGDINGS,
    "wingdings2": _WINGDINGS2,
    "wingdings3": _WINGDINGS3,
    "dingbats": _DINGBATS,
    "symbol": _SYMBOL,
}

#: Unicode characters (as a text layer with a good ToUnicode map reports them) that
#: mean a tick, a cross or a bullet, whatever font they are drawn in.
UNICODE_SYMBOLS: dict[str, str] = {
    **{ch: TICK for ch in "\u2713\u2714\u2705\u2611\U0001f5f8"},
    **{ch: CROSS for ch in "\u2717\u2718\u2612"},
    **{
        ch: BULLET
        for ch in "\u25cf\u25a0\u25aa\u25ab\u25c6\u25c7\u25cb\u25a1\u25ba\u25b6\u2756\u27a2"
        "\u27a4\u2794\u279c\u27a8\u2751\u2752\u274f\u2750\u2022"
    },
}


def symbol_font(fontname: str) -> SymbolFont | None:
    """Return which symbol font ``fontname`` is (subset prefix ignored), or ``None``."""
    base = fontname.rsplit("+", 1)[-1].lower()
    if "wingding" in base:
        squeezed = base.replace(" ", "").replace("-", "")
        if "wingdings2" in squeezed:
            return "wingdings2"
        if "wingdings3" in squeezed:
            return "wingdings3"
        return "wingdings"
    if "webding" in base:
        return "wingdings"
    if "dingbat" in base:
        return "dingbats"
    if base.startswith("symbol"):
        return "symbol"
    return None


def symbol_char(ch: str, font: SymbolFont) -> str | None:
    """Return what a character drawn in a symbol font means, or ``None`` to drop it.

    ``ch`` is what the text layer reports: the raw code ("ü" for a Wingdings tick),
    the private-use code point (U+F0FC), or a proper Unicode character when the PDF
    maps the glyph itself ("✔", "•").
    """
    code = ord(ch)
    if 0xF000 <= code <= 0xF0FF:
        ch = chr(code - 0xF000)
    elif code > 0xFF:
        mapped = UNICODE_SYMBOLS.get(ch)
        if mapped is not None:
            return mapped
        return ch if ch.isalpha() or ch in "←→↑↓≤≥≠≈±×÷∞√°−" else None
    if ch == " ":
        return " "
    return _TABLES[font].get(ch)
