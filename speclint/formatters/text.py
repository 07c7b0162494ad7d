"""Human output, one line a finding in the grammar compilers use, then the excerpt.

    spec.md:12:5: error: PBR001 Payment depends on hitting a target ... [clause 3.4.1]
      | Ten per cent of the monthly payment will be withheld until ...
      = better: Pay a fixed or block price and review ...

Word findings are placed by paragraph or table cell and PDF findings by page and
line, since those are what a reader of those formats can find. Text from documents
and file names is shown with its control characters escaped
(:func:`speclint.terminal.visible`): a document can neither drive the
terminal nor forge a finding line. The severity word
(``error``, ``warning``, ``info``) is on every line, so a CI log without colours keeps it.
Documents found in folders but not read are listed before the summary line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from speclint.formatters._shared import (
    counts_text,
    describe_location,
    error_phrases,
    plural,
    severity_counts,
)
from speclint.models import FileError, Finding, Location, Report, Severity, SkippedFile
from speclint.registry import RuleRegistry
from speclint.terminal import visible

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def place(location: Location) -> str:
    """Where a finding is, as ``path:line:col`` or ``path: page 3, line 12`` and so on.

    A file line is given the way compilers give it; any other place is described as
    :func:`~speclint.formatters._shared.describe_location` does, without the clause
    (the line ends with it) or, for a PDF table, the cell. A finding about the whole
    document is just the path.
    """
    path = visible(location.path or "<unknown>")
    if location.page is None and location.line is not None:
        return f"{path}:{location.line}:{location.column or 1}"
    found = describe_location(location, clause=False, table_cell=False, whole_document=None)
    return f"{path}: {found}" if found else path


def finding_line(finding: Finding, *, color: bool = False) -> str:
    """The one-line form of a finding: ``PLACE: SEVERITY: CODE MESSAGE [clause N]``."""
    where = _paint(place(finding.location), "1", color)
    severity = _paint(f"{finding.severity.value}:", _COLOURS[finding.severity], color)
    code = _paint(finding.code, "1;" + _COLOURS[finding.severity], color)
    clause = f" [clause {visible(finding.location.clause)}]" if finding.location.clause else ""
    message = visible(finding.message + finding.fold_note)
    return f"{where}: {severity} {code} {message}{clause}"


def finding_lines(
    findings: Sequence[Finding], *, color: bool = False, quiet: bool = False
) -> list[str]:
    """Each finding's line, then (unless ``quiet``) its excerpt and the *better* advice."""
    lines: list[str] = []
    for finding in findings:
        lines.append(finding_line(finding, color=color))
        if quiet:
            continue
        if finding.excerpt:
            lines.append(_paint(f"  | {visible(finding.excerpt)}", "2", color))
        lines.append(f"  = better: {visible(finding.suggestion)}")
    return lines


def _skipped_lines(skipped: Sequence[SkippedFile]) -> list[str]:
    """The documents found in folders but not read, each with why."""
    if not skipped:
        return []
    lines = [f"Not checked ({plural(len(skipped), 'document')} speclint does not read):"]
    lines += [f"  {visible(s.path)}: {visible(s.reason)}" for s in skipped]
    return lines


def tail(
    files: int,
    counts: Mapping[Severity, int],
    errors: Sequence[FileError],
    skipped: Sequence[SkippedFile],
    baselined: int,
    *,
    quiet: bool = False,
) -> str:
    """What follows the finding lines: the documents not read and the summary line.

    ``counts`` are the findings of each severity in the ``files`` linted. Both
    :func:`render` and a report written file by file end with this.
    """
    if quiet:
        return ""
    lines = [""] if sum(counts.values()) else []
    if skipped:
        lines += [*_skipped_lines(skipped), ""]
    lines.append(summary_text(files, counts, len(skipped), errors, baselined))
    return "".join(line + "\n" for line in lines)


def summary_line(report: Report, *, skipped_listed: str = "listed above") -> str:
    """A closing line with the counts; ``skipped_listed`` says where skipped files are listed."""
    return summary_text(
        len(report.files),
        severity_counts(report.findings),
        len(report.skipped),
        report.errors,
        report.baselined,
        skipped_listed=skipped_listed,
    )


def summary_text(
    files: int,
    counts: Mapping[Severity, int],
    skipped: int,
    errors: Sequence[FileError],
    baselined: int,
    *,
    skipped_listed: str = "listed above",
) -> str:
    """:func:`summary_line` from the counts alone: a report written file by file keeps no more.

    ``counts`` are the findings of each severity; ``skipped`` the documents not read.
    """
    found = sum(counts.values())
    listed = plural(files, "file")
    if found:
        head = f"Found {plural(found, 'finding')} ({counts_text(counts)}) in {listed}"
    elif not files:
        head = "No document was checked"
    else:
        head = f"No findings in {listed}"
    if skipped:
        head += f"; {plural(skipped, 'document')} not checked ({skipped_listed})"
    for phrase in error_phrases(errors):
        head += f"; {phrase}"
    if baselined:
        head += f"; {plural(baselined, 'known finding')} left out by the baseline"
    return head + "."


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report for a terminal or a log (``registry`` is not needed)."""
    lines = finding_lines(report.findings, color=color, quiet=quiet)
    counts = severity_counts(report.findings)
    end = tail(
        len(report.files), counts, report.errors, report.skipped, report.baselined, quiet=quiet
    )
    return "".join(line + "\n" for line in lines) + end
