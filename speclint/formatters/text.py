"""Human output, one line a finding in the grammar compilers use, then the excerpt.

    spec.md:12:5: PBR001 Payment depends on hitting a target ... [clause 3.4.1]
      | Ten per cent of the monthly payment will be withheld until ...
      = better: Pay a fixed or block price and review ...

Word findings are placed by paragraph or table cell and PDF findings by page and
line, since those are what a reader of those formats can find.
"""

from __future__ import annotations

from collections import Counter

from speclint.formatters._where import place
from speclint.models import Finding, Report, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def finding_line(finding: Finding, *, color: bool = False) -> str:
    """The one-line form of a finding."""
    where = _paint(place(finding.location), "1", color)
    code = _paint(finding.code, "1;" + _COLOURS[finding.severity], color)
    clause = f" [clause {finding.location.clause}]" if finding.location.clause else ""
    return f"{where}: {code} {finding.message}{clause}"


def summary_line(report: Report) -> str:
    """A closing line with the counts."""
    findings = report.findings
    counts = Counter(f.severity for f in findings)
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if findings:
        parts = [
            f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s != Severity.INFO else ''}"
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if counts[s]
        ]
        plural = "s" if len(findings) != 1 else ""
        head = f"Found {len(findings)} finding{plural} ({', '.join(parts)}) in {files} {noun}"
    else:
        head = f"No findings in {files} {noun}"
    if report.errors:
        n = len(report.errors)
        head += f"; {n} file{'s' if n != 1 else ''} could not be read"
    if report.baselined:
        n = report.baselined
        head += f"; {n} known finding{'s' if n != 1 else ''} left out by the baseline"
    return head + "."


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Render the report for a terminal or a log."""
    lines: list[str] = []
    for finding in report.findings:
        lines.append(finding_line(finding, color=color))
        if quiet:
            continue
        if finding.excerpt:
            lines.append(_paint(f"  | {finding.excerpt}", "2", color))
        lines.append(f"  = better: {finding.suggestion}")
    if not quiet:
        if lines:
            lines.append("")
        lines.append(summary_line(report))
    return "\n".join(lines) + ("\n" if lines else "")
