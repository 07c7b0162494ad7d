"""Decoding text files and splitting them into lines with their positions."""

from __future__ import annotations

import re

from speclint.errors import InputError
from speclint.models import Block, Location

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A line that holds only a speclint directive, in any common comment wrapper.
_OPENERS = ("<!--", "#", "//", "[")


def directive_text(line: str) -> str | None:
    """The ``speclint: …`` text of a directive line, or ``None`` when it is not one.

    The line may open with ``<!--``, ``#``, ``//`` or ``[`` and close with ``-->`` or
    ``]``; what is returned runs from ``speclint`` to before the closer, well formed or
    not (a malformed one is still a directive, so that it is reported). Written as
    string operations, not a pattern, so a long line costs linear time.
    """
    body = line.strip()
    for opener in _OPENERS:
        if body.startswith(opener):
            body = body[len(opener) :].lstrip()
            break
    if body[:8].lower() != "speclint" or not body[8:].lstrip().startswith(":"):
        return None
    for closer in ("-->", "]"):
        if body.endswith(closer):
            return body[: -len(closer)].rstrip()
    return body


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
        kind = _sniff(data)
        raise InputError(path, f"is a binary file{kind}, not text")
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


def _sniff(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return " (a zip archive, perhaps a Word document)"
    if data.startswith(b"%PDF"):
        return " (a PDF)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return " (an old Office document)"
    return ""


def attach_trailing_directives(
    blocks: list[Block], pending: list[str], where: list[Location]
) -> None:
    """Attach directives left after the last block (``ignore-file`` at the end) to it.

    ``pending`` holds the directives and ``where`` their locations; both are emptied
    when they are attached.
    """
    if pending and blocks:
        last = blocks[-1]
        blocks[-1] = last.model_copy(
            update={
                "comments": last.comments + tuple(pending),
                "comment_locations": last.comment_locations + tuple(where),
            }
        )
        pending.clear()
        where.clear()


def split_lines(text: str) -> list[str]:
    """Split on ``\\r\\n``, ``\\r`` or ``\\n`` only, so line numbers match an editor's."""
    return _LINE_BREAK.split(text)
