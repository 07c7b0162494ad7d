"""Format parsers: each turns one file into a :class:`speclint.models.Document`.

Format-specific code stops here. Parsers are looked up by file suffix and imported
only when a file of their format is linted, so linting Markdown never imports
python-docx or pdfplumber.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path
from typing import Protocol

from speclint.errors import InputError
from speclint.models import Document, Format

#: Largest input file speclint will open, in bytes.
MAX_FILE_BYTES = 100 * 1024 * 1024

SUFFIXES: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
}

_MODULES: dict[Format, str] = {
    "md": "speclint.parsers.markdown",
    "txt": "speclint.parsers.text",
    "docx": "speclint.parsers.docx",
    "pdf": "speclint.parsers.pdf",
}


class ParseFunction(Protocol):
    """The one function every parser module exposes."""

    def __call__(self, data: bytes, path: str) -> Document:
        """Parse ``data`` (the file's bytes) read from ``path``."""
        ...


def format_for(path: str | Path) -> Format | None:
    """Return the format a file's suffix names, or ``None`` if speclint does not read it."""
    return SUFFIXES.get(Path(path).suffix.lower())


def parser_for(fmt: Format) -> ParseFunction:
    """Import (lazily) and return the ``parse`` function for ``fmt``."""
    module = importlib.import_module(_MODULES[fmt])
    parse: ParseFunction = module.parse
    return parse


def parse_bytes(data: bytes, path: str, fmt: Format) -> Document:
    """Parse ``data`` as ``fmt``; raise :class:`InputError` with a one-line cause."""
    if not data:
        raise InputError(path, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            path, f"the file is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"
        )
    return parser_for(fmt)(data, path)


def read_file(path: str | Path) -> bytes:
    """Read a file's bytes; raise :class:`InputError` with a one-line cause if it cannot be.

    Only a regular file is read (a pipe, a device or a socket named ``*.md`` could block
    or never end), and never more than :data:`MAX_FILE_BYTES`, whatever its size claims.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise InputError(name, "is a directory")
            if not stat.S_ISREG(mode):
                raise InputError(name, "is not a regular file (a pipe, device or socket)")
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(name, f"the file is over the {MAX_FILE_BYTES:,}-byte limit")
    return data


def require_format(path: str | Path) -> Format:
    """The format of ``path`` by its suffix; raise :class:`InputError` if speclint reads none."""
    fmt = format_for(path)
    if fmt is None:
        if not Path(path).exists():
            raise InputError(str(path), "no such file")
        raise InputError(
            str(path),
            f"unsupported file type '{Path(path).suffix or '(none)'}' "
            "(speclint reads .md, .markdown, .txt, .docx and .pdf)",
        )
    return fmt


def parse_path(path: str | Path, fmt: Format | None = None) -> Document:
    """Read and parse one file. Raises :class:`InputError` for any unreadable input."""
    fmt = fmt or require_format(path)
    return parse_bytes(read_file(path), str(path), fmt)
