"""Where a finding is, in the terms a reader of the document uses.

Markdown and plain-text findings are placed by line and column, Word findings by
paragraph or table cell and PDF findings by page and printed line. Shared by the
text formatter and the CI formatters (SARIF, GitHub annotations, Markdown summary).
"""

from __future__ import annotations

from pathlib import PurePath

from speclint.models import Location

#: Formats whose line and column are positions in the file itself (a SARIF region, an
#: annotation's ``line=``). PDF lines are printed lines on a page, not file lines.
TEXT_FORMATS = frozenset({"md", "txt"})


def posix_path(path: str) -> str:
    """``path`` with forward slashes (this platform's separators converted)."""
    return PurePath(path).as_posix() if path else path


def in_file_lines(fmt: str, location: Location) -> bool:
    """True when ``location`` has a line of the file itself (a text format with a line)."""
    return fmt in TEXT_FORMATS and location.line is not None


def place(location: Location) -> str:
    """Where a finding is, as ``path:line:col`` or ``path: page 3, line 12`` and so on."""
    path = location.path or "<unknown>"
    if _by_line(location):
        return f"{path}:{location.line}:{location.column or 1}"
    found = position(location)
    return f"{path}: {found}" if found else path


def position(location: Location) -> str | None:
    """``page 3, line 12``, ``table 1, row 2, column 4``, ``paragraph 7`` or ``line 12, column 5``.

    ``None`` when the location has no position (a document-level finding, or a Word
    finding known only by its clause).
    """
    if location.page is not None:
        line = f", line {location.line}" if location.line is not None else ""
        return f"page {location.page}{line}"
    if _by_line(location):
        column = f", column {location.column}" if location.column is not None else ""
        return f"line {location.line}{column}"
    if location.table is not None:
        t = location.table
        return f"table {t.index}, row {t.row}, column {t.column}"
    if location.paragraph is not None:
        return f"paragraph {location.paragraph}"
    return None


def _by_line(location: Location) -> bool:
    """True when the location is a line of the file (not a PDF page's printed line)."""
    return location.page is None and location.line is not None


def where(location: Location) -> str | None:
    """The position and clause without the path; ``None`` for a document-level finding."""
    parts = [p for p in (position(location), clause(location)) if p]
    return ", ".join(parts) if parts else None


def clause(location: Location) -> str | None:
    """``clause 4.3.2`` when the clause number is known."""
    return f"clause {location.clause}" if location.clause else None
