"""What a file is by its first bytes, whatever its name says.

Every parser that refuses bytes not of its format says what they look like instead
("is not a PDF (it looks like an HTML page)"); :func:`identify` is the one place that
tells, and :data:`NOUNS` the one way of naming each kind. A parser may phrase its own
advice for a kind (a Word parser tells an RTF file's owner to save it as ``.docx``).
"""

from __future__ import annotations

from typing import Literal

Kind = Literal[
    "empty",
    "zip",
    "ole2",
    "pdf",
    "png",
    "jpeg",
    "gif",
    "tiff",
    "rtf",
    "postscript",
    "gzip",
    "html",
    "xml",
    "json",
    "text",
    "binary",
]

#: Each kind as a message names it ("it looks like a PNG image").
NOUNS: dict[Kind, str] = {
    "empty": "an empty file",
    "zip": "a ZIP archive or a Word document",
    "ole2": "an old Microsoft Office document",
    "pdf": "a PDF",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "rtf": "an RTF document",
    "postscript": "a PostScript file",
    "gzip": "a gzip archive",
    "html": "an HTML page",
    "xml": "an XML or HTML file",
    "json": "a JSON file",
    "text": "a plain text file",
    "binary": "a binary file of another kind",
}

#: Signatures at the start of the file (after a byte-order mark and white space).
_SIGNATURES: tuple[tuple[bytes, Kind], ...] = (
    (b"pk\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "ole2"),
    (b"%pdf", "pdf"),
    (b"\x89png", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"gif8", "gif"),
    (b"ii*\x00", "tiff"),
    (b"mm\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"%!ps", "postscript"),
    (b"\x1f\x8b", "gzip"),
)
#: How much of the file is looked at.
_HEAD = 4096


def identify(data: bytes) -> Kind:
    """The kind of file ``data`` is, judged by its first few kilobytes."""
    if not data:
        return "empty"
    head = data[:_HEAD]
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # before stripping: a zip's first bytes are never white space
    low = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    for magic, kind in _SIGNATURES:
        if low.startswith(magic):
            return kind
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:256]:
        return "html"
    if low.startswith(b"<"):
        return "xml"
    if low.startswith((b"{", b"[")):
        return "json"
    return "text" if looks_like_text(head) else "binary"


def describe(data: bytes) -> str:
    """What ``data`` looks like, as a message names it (``"an HTML page"``)."""
    return NOUNS[identify(data)]


def looks_like_text(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) reads as text: nearly all printable."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the end of the sample.
        try:
            text = head[:-4].decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("latin-1")
    if not text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
    return printable / len(text) > 0.95
