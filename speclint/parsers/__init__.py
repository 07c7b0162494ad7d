"""Format parsers: each turns one file into a :class:`speclint.models.Document`.

Format-specific code stops here. :data:`PARSERS` is the one table of the formats
speclint reads (name, suffixes, label, whether lines are file lines, parser module);
the suffix map, the labels, the help texts and the schema enums follow it. Parsers are
looked up by file suffix and imported only when a file of their format is linted, so
linting Markdown never imports python-docx or pdfplumber. This module imports nothing
heavy itself, so the command line can list the suffixes without loading the model.
"""

from __future__ import annotations

import importlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from speclint.errors import InputError

if TYPE_CHECKING:
    from speclint.models import Document, InputFormat

#: Largest input file speclint will open, in bytes.
MAX_FILE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class ParserSpec:
    """One input format speclint reads: its name, suffixes, label and parser.

    ``file_lines`` is true when a finding's line and column are positions in the file
    itself (a SARIF region, a GitHub annotation's ``line=``), false when they are not
    (PDF lines are printed lines on a page; Word has none). ``module`` names the module
    whose ``parse(data, path)`` reads the format; it is imported only when a file of
    the format is read.
    """

    format: InputFormat
    suffixes: tuple[str, ...]
    label: str
    file_lines: bool
    module: str


#: Every format speclint reads, in the order help texts list them. Adding a format is a
#: parser module and a row here (then its name in ``models.InputFormat`` and the schema
#: enums, which a test keeps equal to this table).
PARSERS: tuple[ParserSpec, ...] = (
    ParserSpec("md", (".md", ".markdown"), "Markdown", True, "speclint.parsers.markdown"),
    ParserSpec("txt", (".txt",), "Plain text", True, "speclint.parsers.text"),
    # A macro-enabled document or a template is the same package; its macros are never run.
    ParserSpec(
        "docx", (".docx", ".docm", ".dotx", ".dotm"), "Word", False, "speclint.parsers.docx"
    ),
    ParserSpec("pdf", (".pdf",), "PDF", False, "speclint.parsers.pdf"),
)

#: The format each suffix names (lower case, with its dot).
SUFFIXES: dict[str, InputFormat] = {
    suffix: spec.format for spec in PARSERS for suffix in spec.suffixes
}
#: What a reader calls each format ("Word", "Plain text").
LABELS: dict[InputFormat, str] = {spec.format: spec.label for spec in PARSERS}
#: Formats whose lines and columns are positions in the file itself.
FILE_LINE_FORMATS: frozenset[InputFormat] = frozenset(
    spec.format for spec in PARSERS if spec.file_lines
)
_MODULES: dict[InputFormat, str] = {spec.format: spec.module for spec in PARSERS}


def suffix_list(last: str = "and", *, sep: str = ", ") -> str:
    """The suffixes speclint reads, for a message: ``.md, .markdown, .txt, .docx, ... and .pdf``.

    ``last`` joins the last two (``"or"``, ``"and"``; ``""`` joins them with ``sep``
    like the others).
    """
    names = list(SUFFIXES)
    if not last or len(names) < 2:
        return sep.join(names)
    return f"{sep.join(names[:-1])} {last} {names[-1]}"


class ParseFunction(Protocol):
    """The one function every parser module exposes."""

    def __call__(self, data: bytes, path: str) -> Document:
        """Parse ``data`` (the file's bytes) read from ``path``."""
        ...


def format_for(path: str | Path) -> InputFormat | None:
    """Return the format a file's suffix names, or ``None`` if speclint does not read it."""
    return SUFFIXES.get(Path(path).suffix.lower())


def parser_for(fmt: InputFormat) -> ParseFunction:
    """Import (lazily) and return the ``parse`` function for ``fmt``."""
    module = importlib.import_module(_MODULES[fmt])
    parse: ParseFunction = module.parse
    return parse


def parse_bytes(data: bytes, path: str, fmt: InputFormat) -> Document:
    """Parse ``data`` as ``fmt``; raise :class:`InputError` with a one-line cause.

    Whatever the format, a contents list is left out of the blocks
    (:mod:`speclint.parsers.contents`).
    """
    if not data:
        raise InputError(path, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            path, f"the file is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"
        )
    from speclint.parsers.contents import without_contents

    return without_contents(parser_for(fmt)(data, path))


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


def require_format(path: str | Path) -> InputFormat:
    """The format of ``path`` by its suffix; raise :class:`InputError` if speclint reads none."""
    fmt = format_for(path)
    if fmt is None:
        if not Path(path).exists():
            raise InputError(str(path), "no such file")
        raise InputError(
            str(path),
            f"unsupported file type '{Path(path).suffix or '(none)'}' "
            f"(speclint reads {suffix_list()})",
        )
    return fmt


def parse_path(path: str | Path, fmt: InputFormat | None = None) -> Document:
    """Read and parse one file. Raises :class:`InputError` for any unreadable input."""
    fmt = fmt or require_format(path)
    return parse_bytes(read_file(path), str(path), fmt)
