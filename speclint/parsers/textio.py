"""Decoding text files and splitting them into lines with their positions."""

from __future__ import annotations

import re

from speclint.errors import InputError
from speclint.parsers.directives import directive_text
from speclint.parsers.sniff import Kind, identify

__all__ = [
    "HYPHEN_END",
    "KEEP_HYPHEN_PREFIXES",
    "SENTENCE_VERB",
    "WORD_CHARS",
    "decode",
    "directive_text",
    "split_lines",
]

#: Words before a hyphen at a line end that keep it ("co-" + "ordinate", "well-" +
#: "being"): the hyphen is the word's own, not one put in to break the line.
KEEP_HYPHEN_PREFIXES = frozenset(
    {"non", "self", "co", "cross", "well", "ex", "anti", "semi", "multi", "part", "full"}
    | {"long", "short", "high", "low", "face", "day", "step", "sign", "follow"}
    | {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
)
#: A word (perhaps itself hyphenated) broken by a hyphen at the end of a line.
HYPHEN_END = re.compile(r"([A-Za-z]*(?:-[A-Za-z]+)*)-$")
#: The characters such a word is made of.
WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-"

#: A verb that makes a line a sentence rather than a title ("Applicants may submit a bid").
SENTENCE_VERB = re.compile(r"(?i)\b(?:shall|must|will|should|may|can|is|are|has|have)\b")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Binary files a text reader names, so their owner knows what was given instead.
_BINARY_KINDS: dict[Kind, str] = {
    "zip": "a zip archive, perhaps a Word document",
    "pdf": "a PDF",
    "ole2": "an old Office document",
}


def decode(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252.

    Non-breaking spaces become spaces (same length, so columns are unchanged). Raises
    :class:`InputError` for binary or undecodable data.
    """
    return _decode(data, path).replace("\xa0", " ")


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    if b"\x00" in data[:8192]:
        kind = _BINARY_KINDS.get(identify(data))
        raise InputError(path, f"is a binary file{f' ({kind})' if kind else ''}, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(path, "cannot be decoded as text (tried UTF-8 and Windows-1252)") from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not valid {encoding.upper()} (byte {exc.start + 1})") from None


def split_lines(text: str) -> list[str]:
    """Split on ``\\r\\n``, ``\\r`` or ``\\n`` only, so line numbers match an editor's."""
    return _LINE_BREAK.split(text)
