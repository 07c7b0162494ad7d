"""A Markdown summary for a CI job summary (``$GITHUB_STEP_SUMMARY``) or a pull-request comment.

A heading and the totals, a table of every family (zero rows too), the findings
(capped so the whole summary stays well under GitHub's 65,536-character limit for a
comment, saying how many were left out), then the files that could not be read and the
documents speclint does not read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from speclint.formatters._shared import (
    SEVERITIES,
    counts_text,
    describe_location,
    error_phrases,
    plural,
    posix_path,
    severity_counts,
)
from speclint.models import FileError, FileReport, Report, Severity
from speclint.registry import RuleRegistry, builtin_registry

#: The most characters the summary may use; GitHub refuses comments over 65,536.
LIMIT = 60_000
#: The longest a message cell may be before it is cut short.
CELL_LIMIT = 500
#: The most input errors listed before the rest are counted instead.
ERROR_ROWS = 100

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def cell(text: str, limit: int = CELL_LIMIT) -> str:
    """``text`` made safe for a table cell: one line, Markdown and ``|`` escaped."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _SPECIAL.sub(r"\\\1", flat)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def totals(report: Report) -> str:
    """The totals: files, findings by severity, unreadable files and baselined findings."""
    return totals_text(
        len(report.files),
        severity_counts(report.findings),
        report.errors,
        len(report.skipped),
        report.baselined,
    )


def totals_text(
    files: int,
    counts: Mapping[Severity, int],
    errors: Sequence[FileError],
    skipped: int,
    baselined: int,
) -> str:
    """:func:`totals` from the counts alone (``counts``: the findings of each severity)."""
    found = sum(counts.values())
    listed = plural(files, "file")
    if found:
        text = f"Checked {listed}: **{plural(found, 'finding')}** ({counts_text(counts)})."
    else:
        text = f"No findings in {listed}."
    phrases = error_phrases(errors)
    if phrases:
        text += f" Not linted: **{'; '.join(phrases)}** (listed below)."
    if skipped:
        verb = "was" if skipped == 1 else "were"
        text += f" {plural(skipped, 'document')} speclint does not read {verb} not checked."
    if baselined:
        text += f" {plural(baselined, 'known finding')} left out by the baseline."
    return text


def family_table(report: Report, registry: RuleRegistry) -> list[str]:
    """Counts by family and severity, every family of ``registry`` listed, with a total row."""
    by_family: dict[str, Counter[Severity]] = {}
    for finding in report.findings:
        by_family.setdefault(finding.family, Counter())[finding.severity] += 1
    return family_table_of(by_family, registry)


def family_table_of(
    found: Mapping[str, Mapping[Severity, int]], registry: RuleRegistry
) -> list[str]:
    """:func:`family_table` from the counts of each family's findings by severity."""
    titles = registry.titles
    by_family: dict[str, Counter[Severity]] = {family: Counter() for family in titles}
    for family, counts in found.items():
        by_family.setdefault(family, Counter()).update(counts)
    lines = [
        _row(["Family", "Anti-pattern", "Errors", "Warnings", "Info", "Total"]),
        "|---|---|---:|---:|---:|---:|",
    ]
    overall: Counter[Severity] = Counter()
    for family in sorted(by_family):
        counts = by_family[family]
        overall.update(counts)
        numbers = [str(counts[s]) for s in SEVERITIES]
        total = str(sum(counts.values()))
        lines.append(_row([family, cell(titles.get(family, "")), *numbers, total]))
    numbers = [f"**{overall[s]}**" for s in SEVERITIES]
    lines.append(_row(["**Total**", "", *numbers, f"**{sum(overall.values())}**"]))
    return lines


def finding_rows(report: Report) -> list[str]:
    """One table row per finding, in report order."""
    return [row for fr in report.files for row in file_rows(fr)]


def file_rows(file: FileReport) -> list[str]:
    """One table row per finding of ``file``, in order."""
    return [
        _row(
            [
                cell(posix_path(f.location.path or file.path)),
                cell(describe_location(f.location)),
                f.code,
                f.severity.value,
                cell(f.message + f.fold_note),
            ]
        )
        for f in file.findings
    ]


def _fit(rows: list[str], budget: int) -> list[str]:
    """As many of ``rows`` (from the start) as fit in ``budget`` characters."""
    kept: list[str] = []
    used = 0
    for row in rows:
        used += len(row) + 1
        if used > budget:
            break
        kept.append(row)
    return kept


def error_section(report: Report) -> list[str]:
    """The files not linted (unreadable, misconfigured, empty folders), up to :data:`ERROR_ROWS`."""
    if not report.errors:
        return []
    lines = ["### Could not be linted", "", _row(["File", "Problem"]), "|---|---|"]
    lines += [_row([cell(posix_path(e.path)), cell(e.message)]) for e in report.errors[:ERROR_ROWS]]
    left = len(report.errors) - ERROR_ROWS
    if left > 0:
        lines += ["", f"{plural(left, 'more file')} not linted and not listed."]
    return [*lines, ""]


def skipped_section(report: Report) -> list[str]:
    """The documents speclint does not read, with the fix, capped at :data:`ERROR_ROWS`."""
    if not report.skipped:
        return []
    lines = ["### Files not checked", "", _row(["File", "Why, and how to check it"]), "|---|---|"]
    lines += [_row([cell(posix_path(s.path)), cell(s.reason)]) for s in report.skipped[:ERROR_ROWS]]
    left = len(report.skipped) - ERROR_ROWS
    if left > 0:
        lines += ["", f"{plural(left, 'more document')} not checked and not listed."]
    return [*lines, ""]


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the summary, with the families of ``registry`` (the built-in rules by default).

    ``color`` and ``quiet`` are ignored.
    """
    by_family: dict[str, Counter[Severity]] = {}
    for finding in report.findings:
        by_family.setdefault(finding.family, Counter())[finding.severity] += 1
    top = head(
        len(report.files),
        severity_counts(report.findings),
        report.errors,
        len(report.skipped),
        report.baselined,
        by_family,
        registry or builtin_registry(),
    )
    rows = finding_rows(report)
    return assemble(top, rows, len(rows), error_section(report) + skipped_section(report))


def head(
    files: int,
    counts: Mapping[Severity, int],
    errors: Sequence[FileError],
    skipped: int,
    baselined: int,
    by_family: Mapping[str, Mapping[Severity, int]],
    registry: RuleRegistry,
) -> list[str]:
    """The summary's lines above the findings: the totals, then the counts by family.

    Both :func:`render` and a summary written file by file start with these.
    """
    lines = ["## speclint report", "", totals_text(files, counts, errors, skipped, baselined), ""]
    if sum(counts.values()):
        lines += ["### Findings by family", "", *family_table_of(by_family, registry), ""]
    return lines


def assemble(head: list[str], rows: list[str], count: int, errors: list[str]) -> str:
    """The summary from its head, the finding rows, how many there are and the error lists.

    ``rows`` may stop early once they fill :data:`LIMIT` characters (only those that fit
    are shown); ``count`` is the number of findings there are in all.
    """
    findings: list[str] = []
    if count:
        fixed = "\n".join([*head, *errors]) + "\n"
        table = ["### Findings", "", _row(["File", "Where", "Code", "Severity", "Message"])]
        table.append("|---|---|---|---|---|")
        note_room = 200
        budget = LIMIT - len(fixed) - len("\n".join(table)) - note_room
        kept = _fit(rows, budget)
        findings = [*table, *kept, ""]
        left = count - len(kept)
        if left:
            findings += [
                f"{plural(left, 'more finding')} not shown (the first {len(kept)} are listed "
                "to keep this summary short); the full list is in the text, JSON or SARIF "
                "output.",
                "",
            ]
    return "\n".join([*head, *findings, *errors]).rstrip("\n") + "\n"
