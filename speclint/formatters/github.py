"""GitHub Actions workflow commands: one annotation per finding on the pull request.

    ::error file=spec.md,line=51,col=5,endLine=51,endColumn=17,title=PBR001::clause 5.2: ...

The title is the rule code. The message says, in the document's own terms, where the
finding is (:func:`~speclint.formatters._shared.describe_location`): for Markdown and
plain text what the annotation's line and column cannot say (the table cell, the
clause); for Word and PDF files, which have no file lines to point at, the whole place
(``clause 1.1, paragraph 3``, ``page 1, line 39, clause 4.3.2``, ``whole document``).
Then come the finding, the *Better* advice and the rule's name (left out with ``quiet``).
A finding that folds other places of the same issue (``group-repeats``: the rows of a
table, the items of a list, paragraphs of one section) is one annotation at each place,
as ruff and Vale give one per place, so that a pull request that edits any of them shows
it: the first names the others ("also at lines 34, 36"), and each other place, with its
own words, names the first ("the same issue as line 32").
A file that could not be read is one ``::error file=PATH::`` line, and a document found
in a folder that speclint does not read is one ``::warning`` line with the fix.
"""

from __future__ import annotations

from collections.abc import Sequence

from speclint.formatters._shared import describe_location, in_file_lines, posix_path
from speclint.models import FileError, FileReport, Finding, Location, Report, Severity, SkippedFile
from speclint.registry import RuleRegistry

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}"


def place_annotations(finding: Finding, file: FileReport, *, quiet: bool = False) -> list[str]:
    """The workflow commands for one finding of ``file``: one at each of its places."""
    out = [annotation(finding, file, quiet=quiet)]
    if finding.folded:
        first = first_place(finding.location)
        note = f" (the same issue as {first})" if first else ""
        out += [annotation(place, file, quiet=quiet, note=note) for place in finding.folded]
    return out


def first_place(location: Location) -> str | None:
    """Where a folded finding's first place is, briefly.

    ``line 63``, ``page 2, line 11``, else (Word) ``clause 3.1, paragraph 17`` or
    ``table 1, row 6, column 2``.
    """
    if location.line is not None:
        page = f"page {location.page}, " if location.page is not None else ""
        return f"{page}line {location.line}"
    return describe_location(location, clause=False, whole_document=None)


def annotation(finding: Finding, file: FileReport, *, quiet: bool = False, note: str = "") -> str:
    """The workflow command for one finding of ``file``.

    ``note`` is said after its message; without it, what was folded into the finding.
    """
    location = finding.location
    properties: list[tuple[str, object]] = [("file", posix_path(location.path or file.path))]
    if in_file_lines(file.format, location):
        spans = (
            ("line", location.line),
            ("col", location.column),
            ("endLine", location.end_line),
            ("endColumn", location.end_column),
        )
        properties += [(key, value) for key, value in spans if value is not None]
        prefix = describe_location(location, file_position=False)
    else:
        prefix = describe_location(location)
    properties.append(("title", finding.code))
    message = finding.message + (note or finding.fold_note)
    message = f"{prefix}: {message}" if prefix else message
    if not quiet:
        message += f"\nBetter: {finding.suggestion}\nRule: {finding.code} {finding.name}"
    return _command(COMMANDS[finding.severity], properties, message)


def error_annotation(error: FileError) -> str:
    """The workflow command for a file that could not be read."""
    return _command("error", [("file", posix_path(error.path))], f"{error.path}: {error.message}")


def skipped_annotation(skipped: SkippedFile) -> str:
    """The workflow command (a warning) for a document speclint did not read."""
    return _command(
        "warning",
        [("file", posix_path(skipped.path)), ("title", "not checked")],
        f"{skipped.path}: not checked: {skipped.reason}",
    )


def tail(errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> str:
    """What follows the findings' annotations: one for each file not read or not linted."""
    lines = [error_annotation(e) for e in errors]
    lines += [skipped_annotation(s) for s in skipped]
    return "".join(line + "\n" for line in lines)


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """One workflow command a line; ``quiet`` keeps each message to one line.

    ``registry`` is not needed.
    """
    lines = [
        line
        for fr in report.files
        for f in fr.findings
        for line in place_annotations(f, fr, quiet=quiet)
    ]
    return "".join(line + "\n" for line in lines) + tail(report.errors, report.skipped)
