"""Refuse a PDF whose compressed streams would inflate past a sane size, before parsing it.

A megabyte of FlateDecode data can inflate to a gigabyte (two chained FlateDecode
filters, to a terabyte), and pdfium and pdfminer inflate a stream whole when they read
it. So before either sees the file, :func:`check_streams` walks every ``stream`` in
the raw bytes, decodes it through its filters (FlateDecode, LZWDecode, RunLengthDecode,
ASCIIHexDecode, ASCII85Decode) a chunk at a time, counting and discarding the output,
and raises :class:`~speclint.errors.InputError` when one stream would inflate past
:data:`MAX_STREAM_BYTES` or all of them together past :data:`MAX_TOTAL_BYTES`.

It never holds more than a chunk of any stream's output. Images are not counted, nor
decoded past an image codec (DCT, JPX, JBIG2, CCITT): text is read without decoding
them. A content stream that calls itself an image is left to the worker's memory cap. Data whose
filters cannot be read from its dictionary (an indirect ``/Filter``, a dictionary
this scan cannot parse) is still counted when it starts like zlib data, which is how
pdfium recognises FlateDecode. A file whose streams are encrypted cannot be inflated
here and falls back on the worker's memory cap.
"""

from __future__ import annotations

import binascii
import re
import zlib
from collections.abc import Callable, Iterable, Iterator

from speclint.errors import InputError

#: Most bytes one stream may inflate to (a page's content, a font, an object stream).
MAX_STREAM_BYTES = 128 * 1024 * 1024
#: Most bytes all streams together may inflate to.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024

_CHUNK = 1 << 20
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"(?<!\d)(\d+)\s+(\d+)\s+obj(?![A-Za-z])")
_FILTER = re.compile(rb"/Filter\s*(/[^\s/\[\]<>()]+|\[[^\]]*\]|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image(?![A-Za-z])")
_REF = re.compile(rb"(\d+)\s+(\d+)\s+R")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\d)(\s+\d+\s+R)?")
# How far back from ``stream`` to look for the object's dictionary.
_DICT_WINDOW = 1 << 16
_INTEGER = re.compile(rb"\s*(\d+)")

_Stage = Callable[[Iterable[bytes]], Iterator[bytes]]


class _TooLarge(Exception):
    """A stream, or the file's streams together, inflate past a limit."""


def check_streams(
    data: bytes,
    path: str,
    *,
    max_stream: int = MAX_STREAM_BYTES,
    max_total: int = MAX_TOTAL_BYTES,
) -> None:
    """Raise :class:`InputError` when the PDF's streams would inflate past the limits."""
    objects = _Objects(data)
    total = 0
    end = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if start < end:
            continue  # the word "stream" inside the data of the stream before
        head = _dictionary(data, max(end, match.start() - _DICT_WINDOW), match.start())
        end = _stream_end(data, start, head, objects)
        if _IMAGE.search(head):
            continue  # pdfium and pdfminer read text without decoding images
        filters = _filters(head, objects)
        body = data[start:end]
        if not filters and len(body) > 1 and _looks_zlib(body):
            filters = ["FlateDecode"]
        if not filters or _stage(filters[0]) is None:
            continue
        limit = min(max_stream, max_total - total)
        try:
            total += _inflated_size(body, filters, limit)
        except _TooLarge:
            if limit < max_stream:
                raise InputError(
                    path,
                    "is too large when decompressed (its compressed streams expand to more "
                    f"than {_megabytes(max_total)}); not linted",
                ) from None
            raise InputError(
                path,
                "is too large when decompressed (a compressed stream expands to more than "
                f"{_megabytes(max_stream)}); not linted",
            ) from None


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


class _Objects:
    """Where each ``N G obj`` starts, indexed on first use (the last definition wins)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._index: dict[tuple[bytes, bytes], int] | None = None

    def body(self, number: bytes, generation: bytes) -> bytes:
        """The start of object ``number generation`` (up to ``endobj``), or nothing."""
        if self._index is None:
            self._index = {(m.group(1), m.group(2)): m.end() for m in _OBJ.finditer(self.data)}
        at = self._index.get((number, generation))
        if at is None:
            return b""
        end = self.data.find(b"endobj", at, at + 4096)
        return self.data[at : end if end >= 0 else at + 4096]


def _dictionary(data: bytes, low: int, stream_at: int) -> bytes:
    """The bytes of the object header and dictionary before a ``stream`` keyword."""
    at = low
    for found in _OBJ.finditer(data, low, stream_at):  # the last object header before it,
        at = found.start()  # not the letters "obj" in a value such as /Title (myobj)
    return data[at:stream_at]


def _stream_end(data: bytes, start: int, head: bytes, objects: _Objects) -> int:
    """Where a stream's data ends: by its ``/Length`` when that is right, else ``endstream``."""
    found = _LENGTH.search(head)
    if found is not None:
        length: int | None = int(found.group(1))
        if found.group(2):
            number = _INTEGER.match(objects.body(found.group(1), found.group(2).split()[0]))
            length = int(number.group(1)) if number else None
        if length is not None:
            end = start + length
            if data.startswith(b"endstream", _skip_space(data, end)):
                return end
    at = data.find(b"endstream", start)
    return len(data) if at < 0 else at


def _skip_space(data: bytes, at: int) -> int:
    while at < len(data) and data[at] in b" \t\r\n\f\x00":
        at += 1
    return at


def _filters(head: bytes, objects: _Objects) -> list[str]:
    """The stream's filter names, in order, following an indirect ``/Filter`` once."""
    found = _FILTER.search(head)
    if found is None:
        return []
    value = found.group(1)
    ref = _REF.fullmatch(value)
    if ref is not None:
        value = objects.body(ref.group(1), ref.group(2))
    names = [name.decode("latin-1") for name in _NAME.findall(value)]
    return [_ABBREVIATIONS.get(name, name) for name in names]


def _looks_zlib(body: bytes) -> bool:
    cmf, flg = body[0], body[1]
    return cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0


def _inflated_size(body: bytes, filters: list[str], limit: int) -> int:
    """Decode ``body`` through ``filters`` a chunk at a time; the size of the output."""
    chunks: Iterable[bytes] = (body[i : i + _CHUNK] for i in range(0, len(body), _CHUNK))
    for name in filters:
        stage = _stage(name)
        if stage is None:
            break  # an image codec: the rest is not decoded to read text
        chunks = stage(chunks)
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _TooLarge
    return size


# --------------------------------------------------------------------------- filters


def _flate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            pending = chunk
            while not inflater.eof:
                # Output is drawn a chunk at a time, even after the input runs out.
                before = len(pending)
                out = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if not out and (not pending or len(pending) == before):
                    break
                yield out
            if inflater.eof:
                return
    except zlib.error:
        return  # readers keep what inflated before the damage; so does this count


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    out = bytearray()
    data = bytearray()
    for chunk in chunks:
        data += chunk
        at = 0
        while at < len(data):
            code = data[at]
            if code == 128:
                yield bytes(out)
                return
            if code < 128:
                if at + code + 2 > len(data):
                    break
                out += data[at + 1 : at + code + 2]
                at += code + 2
            else:
                if at + 1 >= len(data):
                    break
                out += bytes(data[at + 1 : at + 2]) * (257 - code)
                at += 2
            if len(out) >= _CHUNK:
                yield bytes(out)
                out.clear()
        del data[:at]
    if out:
        yield bytes(out)


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode with early change (the PDF default), a chunk of output at a time."""
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    width = 9
    bits = 0
    value = 0
    previous: bytes | None = None
    out = bytearray()
    for chunk in chunks:
        for byte in chunk:
            value = (value << 8) | byte
            bits += 8
            while bits >= width:
                bits -= width
                code = (value >> bits) & ((1 << width) - 1)
                value &= (1 << bits) - 1
                if code == 256:
                    del table[258:]
                    width = 9
                    previous = None
                    continue
                if code == 257:
                    if out:
                        yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                elif previous is not None and code == len(table):
                    entry = previous + previous[:1]
                else:
                    if out:
                        yield bytes(out)
                    return  # damaged data: readers stop here too
                out += entry
                if previous is not None and len(table) < 4096:
                    table.append(previous + entry[:1])
                    if len(table) + 1 >= 1 << width and width < 12:
                        width += 1
                previous = entry
                if len(out) >= _CHUNK:
                    yield bytes(out)
                    out.clear()
    if out:
        yield bytes(out)


def _whole(decode: Callable[[bytes], bytes]) -> _Stage:
    """A stage for a filter whose output is smaller than its input (hex, base 85)."""

    def stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
        try:
            out = decode(b"".join(chunks))
        except (ValueError, binascii.Error):
            return
        for i in range(0, len(out), _CHUNK):
            yield out[i : i + _CHUNK]

    return stage


_WHITESPACE = b" \t\r\n\f\x00"


def _hex(data: bytes) -> bytes:
    digits = data.split(b">", 1)[0].translate(None, _WHITESPACE)
    if len(digits) % 2:
        digits += b"0"
    return binascii.unhexlify(digits)


def _base85(data: bytes) -> bytes:
    text = data.split(b"~>", 1)[0].translate(None, _WHITESPACE)
    if text.startswith(b"<~"):
        text = text[2:]
    return a85decode(text)


#: What :func:`base64.a85decode` skips by default.
_A85_IGNORED = b" \t\n\r\v"
#: Each Ascii85 digit ("!" to "u") to its value; other bytes are checked for first.
_A85_VALUES = bytes((c - 33) % 256 for c in range(256))
_A85_DIGITS = bytes(range(33, 118))


def a85decode(text: bytes) -> bytes:
    """:func:`base64.a85decode` of ``text``, byte for byte, in C-speed steps.

    The standard library decodes a character at a time in Python (a third of the time
    a PDF written with ``/ASCII85Decode`` took to read). Here each run between two
    ``z`` is decoded whole: its groups' five digits are laid in five-byte slots of
    five big integers, which are summed by powers of 85 in one pass (a group's value
    is under 85**5 < 2**40, so no slot carries into the next); the slots' low four
    bytes are the output. Input the standard library would refuse or treat
    specially (another character, a ``z`` inside a group, a group over 2**32) is
    handed to it, so the answer and the error are its own.
    """
    import base64

    digits = text.translate(None, _A85_IGNORED)
    if digits.translate(None, _A85_DIGITS + b"z"):
        return base64.a85decode(text)  # a character it refuses: its error
    digits += b"u" * 4  # as the standard library pads the last group
    runs = digits.split(b"z")
    if any(len(run) % 5 for run in runs[:-1]):
        return base64.a85decode(text)  # a "z" inside a group: its error
    tail = len(runs[-1]) % 5
    decoded = []
    for run in runs:
        groups = len(run) // 5
        if not groups:
            decoded.append(b"")
            continue
        values = run[: groups * 5].translate(_A85_VALUES)
        total = 0
        for place in range(5):
            slots = bytearray(groups * 5)
            slots[4::5] = values[place::5]
            total = total * 85 + int.from_bytes(slots, "big")
        out = bytearray(total.to_bytes(groups * 5, "big"))
        if out[0::5].strip(b"\0"):
            return base64.a85decode(text)  # a group over 2**32: its "overflow"
        del out[0::5]
        decoded.append(bytes(out))
    result = b"\0\0\0\0".join(decoded)
    padding = 4 - tail
    return result[:-padding] if padding else result


_STAGES: dict[str, _Stage] = {
    "FlateDecode": _flate,
    "LZWDecode": _lzw,
    "RunLengthDecode": _run_length,
    "ASCIIHexDecode": _whole(_hex),
    "ASCII85Decode": _whole(_base85),
}
_ABBREVIATIONS = {
    "Fl": "FlateDecode",
    "LZW": "LZWDecode",
    "RL": "RunLengthDecode",
    "AHx": "ASCIIHexDecode",
    "A85": "ASCII85Decode",
}


def _stage(name: str) -> _Stage | None:
    return _STAGES.get(name)
