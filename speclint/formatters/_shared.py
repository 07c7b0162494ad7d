"""What several formatters say the same way: where a finding is, counts, family titles.

:func:`describe_location` is the one place that puts a finding's location into words,
in the order a reader of the document looks for it. Every format uses it (the text
output, the HTML report, GitHub annotations, SARIF and the Markdown summary), leaving
out only what that format already shows another way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import overload

from speclint.models import FileError, Finding, Location, Severity
from speclint.parsers import FILE_LINE_FORMATS
from speclint.skipping import BAD_CONFIGURATION, NOTHING_TO_LINT

#: Formats whose line and column are positions in the file itself (a SARIF region, an
#: annotation's ``line=``). PDF lines are printed lines on a page, not file lines.
TEXT_FORMATS: frozenset[str] = FILE_LINE_FORMATS
#: What :func:`describe_location` says of a location with nothing known about it.
WHOLE_DOCUMENT = "whole document"
#: Severities, most serious first: the order counts are given in.
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def posix_path(path: str) -> str:
    """``path`` with forward slashes (this platform's separators converted)."""
    return PurePath(path).as_posix() if path else path


def in_file_lines(fmt: str, location: Location) -> bool:
    """True when ``location`` has a line of the file itself (a text format with a line)."""
    return fmt in TEXT_FORMATS and location.line is not None


@overload
def describe_location(location: Location) -> str: ...


@overload
def describe_location(
    location: Location,
    *,
    file_position: bool = True,
    table_cell: bool = True,
    clause: bool = True,
    whole_document: str | None = WHOLE_DOCUMENT,
) -> str | None: ...


def describe_location(
    location: Location,
    *,
    file_position: bool = True,
    table_cell: bool = True,
    clause: bool = True,
    whole_document: str | None = WHOLE_DOCUMENT,
) -> str | None:
    """Where a finding is, in the words and order a reader of the document finds it by.

    Without the path. The spot to turn to comes first, then the clause to check it
    by; Word has no printed lines, so a Word reader finds the clause first and counts
    paragraphs or table cells within it:

    - Markdown and plain text: ``line 51, column 5, clause 5.2``
    - PDF: ``page 2, line 11, clause 4.2``
    - Word: ``clause 3.1, paragraph 17`` or ``clause 3.1, table 1, row 6, column 2``
    - a table cell found by its line: ``page 2, line 11 (table 1, row 2, column 4),
      clause 4.2``
    - only the clause known: ``clause 4.2``; nothing known: ``whole document``

    Unknown parts are left out, never guessed. A format that already shows part of
    the place another way may leave it out:

    ``file_position``
        False leaves out the line and column of a file line (not a PDF's printed
        line), for formats that point at the file line themselves (a GitHub
        annotation's ``line=``, the text output's ``path:line:col``).
    ``table_cell``
        False leaves out the table cell of a finding placed by its line; a Word table
        cell, having no line, is always given.
    ``clause``
        False leaves out the clause (the text output gives it at the end).
    ``whole_document``
        What to say when nothing is known of the place; ``None`` to say nothing.

    Returns ``None`` when everything known was left out (or nothing is known and
    ``whole_document`` is ``None``).
    """
    table = location.table
    cell = f"table {table.index}, row {table.row}, column {table.column}" if table else None
    named = f"clause {location.clause}" if clause and location.clause else None
    if location.page is not None or location.line is not None:
        # Printed lines (PDF) or file lines (Markdown, text): the spot, then the clause.
        if location.page is not None:
            line = f", line {location.line}" if location.line is not None else ""
            spot: str | None = f"page {location.page}{line}"
        elif file_position:
            column = f", column {location.column}" if location.column is not None else ""
            spot = f"line {location.line}{column}"
        else:
            spot = None
        if cell is not None and table_cell:
            spot = f"{spot} ({cell})" if spot else cell
        parts = [spot, named]
    else:
        # Word: the clause, then the paragraph or the table cell within it.
        paragraph = f"paragraph {location.paragraph}" if location.paragraph is not None else None
        parts = [named, paragraph, cell]
        if location.clause is None and paragraph is None and cell is None:
            return whole_document
    found = [part for part in parts if part]
    return ", ".join(found) if found else None


def plural(count: int, noun: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    """How many of ``findings`` there are of each severity."""
    return Counter(f.severity for f in findings)


def counts_text(counts: Mapping[Severity, int]) -> str:
    """``2 errors, 1 warning, 3 info``: the severities that occur, most serious first."""
    parts = []
    for severity in SEVERITIES:
        n = counts.get(severity, 0)
        if n:
            noun = severity.value
            parts.append(f"{n} {noun}" if severity is Severity.INFO else plural(n, noun))
    return ", ".join(parts)


def error_phrases(errors: Iterable[FileError]) -> list[str]:
    """Why the files in ``errors`` were not linted, one phrase a cause, for a summary.

    A file that could not be read, one left out because its configuration is invalid,
    and a folder that holds no document are different troubles with different fixes,
    so each report names them apart ("2 files could not be read", "1 file not checked
    because of an invalid configuration", "1 folder with no document to lint").
    """
    unread = configured = empty = 0
    for error in errors:
        if error.message.startswith(NOTHING_TO_LINT):
            empty += 1
        elif error.message.startswith(BAD_CONFIGURATION):
            configured += 1
        else:
            unread += 1
    phrases = []
    if unread:
        phrases.append(f"{plural(unread, 'file')} could not be read")
    if configured:
        phrases.append(
            f"{plural(configured, 'file')} not checked because of an invalid configuration"
        )
    if empty:
        phrases.append(f"{plural(empty, 'folder')} with no document to lint")
    return phrases
