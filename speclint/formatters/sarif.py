"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, the SARIF viewers).

Every built-in rule is described in ``tool.driver.rules`` (ordered by code, so a rule's
``ruleIndex`` is the same in every run). Markdown and plain-text findings get a
``region`` (1-based lines, columns counted in Unicode code points, end column
exclusive); Word and PDF findings have no file lines, so their page, printed line,
paragraph, table cell, clause and section go in the result's ``properties`` instead of
a misleading region, and the message begins with where the finding is. A finding in a
clause or under a heading, in any format, also has a ``logicalLocations`` entry: the
clause number (kind ``clause``) or, outside numbered clauses, the nearest heading (kind
``section``), with the headings above it as the ``fullyQualifiedName``
(``Schedule 2 > Part A > 4.3.2``). Every result's
``where`` property says that place as a reader finds it
(:func:`~speclint.formatters._shared.describe_location`). ``partialFingerprints`` holds
the finding's fingerprint and its occurrence in the file, so a sentence repeated in two
clauses gives two alerts. Files that could not be read are tool execution notifications
(errors), and so are documents found in folders that speclint does not read (warnings).
The output is deterministic: no timestamps, no absolute paths that the report does not
hold, keys in a fixed order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from speclint.docs import render_rule_markdown
from speclint.formatters._shared import (
    describe_location,
    in_file_lines,
    posix_path,
)
from speclint.models import (
    FileError,
    FileReport,
    Finding,
    Location,
    Report,
    Severity,
    SkippedFile,
)
from speclint.registry import RuleRegistry, builtin_registry
from speclint.rules.schema import Rule
from speclint.version import __version__

#: The ``$id`` of the official SARIF 2.1.0 schema (``schemas/sarif-schema-2.1.0.json``).
SCHEMA_URI = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The ``partialFingerprints`` key. Its value is the finding's fingerprint and its
#: occurrence in the file (``8c1f…:2``): v2 added the occurrence, so that the same
#: sentence flagged in two clauses gives two alerts, not one.
FINGERPRINT_KEY = "speclintFingerprint/v2"


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF ``artifactLocation`` for a path as the report holds it.

    A relative path becomes a percent-encoded relative URI reference against
    ``%SRCROOT%`` (the folder speclint was run from); an absolute path a ``file:`` URI.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(posix_path(path), safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: Rule, titles: dict[str, str]) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one rule, with its docs as help."""
    docs = rule.docs
    help_text = (
        f"Better: {rule.suggestion}\n\n"
        f"Why it matters: {docs.why}\n\n"
        f"Example: {docs.example}\n"
        f"Better clause: {docs.better}"
    )
    return _descriptor(
        rule, docs.what, {"text": help_text, "markdown": render_rule_markdown(rule)}, titles
    )


def unknown_rule(finding: Finding, titles: dict[str, str]) -> dict[str, Any]:
    """A descriptor for a code that is not a built-in rule, from what the finding carries."""
    help_ = {"text": f"Better: {finding.suggestion}", "markdown": finding.suggestion}
    return _descriptor(finding, finding.message, help_, titles)


def _descriptor(
    source: Rule | Finding, description: str, help_: dict[str, str], titles: dict[str, str]
) -> dict[str, Any]:
    """A ``reportingDescriptor`` from a rule, or a finding of a rule speclint does not know."""
    return {
        "id": source.code,
        "name": source.name,
        "shortDescription": {"text": _title(source.name)},
        "fullDescription": {"text": description},
        "help": help_,
        "defaultConfiguration": {"level": LEVELS[source.severity]},
        "properties": {
            "family": source.family,
            "principle": source.principle,
            "tags": _tags(source.family, titles),
        },
    }


def _title(name: str) -> str:
    """``payment-withheld-against-target`` -> ``Payment withheld against target``."""
    return name.replace("-", " ").capitalize()


def _tags(family: str, titles: dict[str, str]) -> list[str]:
    title = titles.get(family)
    return [family, title] if title else [family]


def _region(location: Location) -> dict[str, int]:
    """The region of a finding placed by file line (1-based; end column exclusive)."""
    region = {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": location.end_column,
    }
    return {key: value for key, value in region.items() if value is not None}


def _place_properties(location: Location) -> dict[str, Any]:
    """Page, printed line, paragraph, table cell, clause and section, where known."""
    out: dict[str, Any] = {}
    for key in ("page", "line", "paragraph", "clause"):
        value = getattr(location, key)
        if value is not None:
            out[key] = value
    if location.table is not None:
        out["table"] = location.table.model_dump()
    if location.section:
        out["section"] = list(location.section)
    return out


#: What joins the parts of a logical location's ``fullyQualifiedName``.
LOGICAL_SEPARATOR = " > "


def logical_location(location: Location) -> dict[str, str] | None:
    """The clause or section a finding is in, as a SARIF ``logicalLocation``.

    ``name`` is the clause number as printed (kind ``clause``) or, for a finding under
    headings but in no numbered clause, the nearest heading (kind ``section``). The
    ``fullyQualifiedName`` is the headings above it and then the clause, joined by
    ``" > "``. ``None`` for a finding in neither (a whole-document finding).
    """
    section = [" ".join(heading.split()) for heading in location.section or ()]
    section = [heading for heading in section if heading]
    if location.clause:
        name, kind, path = location.clause, "clause", [*section, location.clause]
    elif section:
        name, kind, path = section[-1], "section", section
    else:
        return None
    return {"name": name, "fullyQualifiedName": LOGICAL_SEPARATOR.join(path), "kind": kind}


def result(
    finding: Finding, file: FileReport, rule_index: int, occurrence: int = 1
) -> dict[str, Any]:
    """A SARIF ``result`` for one finding of ``file``.

    ``occurrence`` counts the findings in the file with the same fingerprint, this one
    included (see :func:`occurrences`).
    """
    location = finding.location
    physical: dict[str, Any] = {"artifactLocation": artifact_location(location.path or file.path)}
    message = finding.message + finding.fold_note
    place = describe_location(location)
    properties: dict[str, Any]
    if in_file_lines(file.format, location):
        physical["region"] = _region(location)
        properties = {k: v for k, v in _place_properties(location).items() if k != "line"}
    else:
        properties = _place_properties(location)
        message = f"{place}: {message}"
    properties["where"] = place
    if finding.excerpt:
        properties["excerpt"] = finding.excerpt
    if finding.related:
        properties["related"] = list(finding.related)
    at: dict[str, Any] = {"physicalLocation": physical}
    logical = logical_location(location)
    if logical is not None:
        at["logicalLocations"] = [logical]
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [at],
    }
    if finding.fingerprint:
        out["partialFingerprints"] = {FINGERPRINT_KEY: f"{finding.fingerprint}:{occurrence}"}
    if finding.folded:
        out["relatedLocations"] = _repeats(finding, file)
    if properties:
        out["properties"] = properties
    return out


def _repeats(finding: Finding, file: FileReport) -> list[dict[str, Any]]:
    """SARIF ``relatedLocations`` for the places folded into ``finding``, in document order.

    Each says it is the same issue and where: "same issue, row 4 of this table", or for
    a paragraph of the same section "same issue, line 34, column 81, clause 3.3".
    """
    out = []
    table = finding.location.table
    for number, member in enumerate(finding.folded, start=1):
        where = member.location
        physical: dict[str, Any] = {"artifactLocation": artifact_location(where.path or file.path)}
        if in_file_lines(file.format, where):
            physical["region"] = _region(where)
        place = describe_location(where, clause=where.table is None)  # a paragraph: its clause
        if where.table is not None and table is not None and where.table.index == table.index:
            spot = describe_location(where, table_cell=False, clause=False, whole_document=None)
            in_cell = where.line is not None or where.page is not None
            place = f"row {where.table.row} of this table" + (f", {spot}" if in_cell else "")
        code = f" ({member.code})" if member.code != finding.code else ""
        related: dict[str, Any] = {
            "id": number,
            "physicalLocation": physical,
            "message": {"text": f"same issue{code}, {place}"},
        }
        logical = logical_location(where)
        if logical is not None:
            related["logicalLocations"] = [logical]
        out.append(related)
    return out


def occurrences(report: Report) -> list[tuple[Finding, FileReport, int]]:
    """Every finding with its file and its occurrence number, in report order.

    The occurrence is how many findings of the same file, this one and those before
    it, share its fingerprint: 1 for the first, 2 for the next and so on.
    """
    out: list[tuple[Finding, FileReport, int]] = []
    seen: Counter[tuple[str, str]] = Counter()
    for file in report.files:
        for finding in file.findings:
            key = (posix_path(finding.location.path or file.path), finding.fingerprint)
            seen[key] += 1
            out.append((finding, file, seen[key]))
    return out


def notification(error: FileError) -> dict[str, Any]:
    """A tool execution notification for a file that could not be read."""
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}],
    }


def skipped_notification(skipped: SkippedFile) -> dict[str, Any]:
    """A tool execution notification (a warning) for a document speclint did not read."""
    return {
        "level": "warning",
        "message": {"text": f"{skipped.path}: not checked: {skipped.reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(skipped.path)}}],
    }


def _unknown(report: Report, registry: RuleRegistry) -> dict[str, dict[str, Any]]:
    """A descriptor for each code of ``report`` that ``registry`` does not hold."""
    known = set(registry.codes)
    found: dict[str, dict[str, Any]] = {}
    for finding in report.findings:
        if finding.code not in known and finding.code not in found:
            found[finding.code] = unknown_rule(finding, registry.titles)
    return found


def _rules(
    registry: RuleRegistry, unknown: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The run's rule descriptors (``registry``'s, then ``unknown`` by code) and each index."""
    titles = registry.titles
    rules = [rule_descriptor(r, titles) for r in registry.rules]
    index = {d["id"]: i for i, d in enumerate(rules)}
    for code in sorted(unknown):
        if code not in index:
            index[code] = len(rules)
            rules.append(unknown[code])
    return rules, index


def with_tags(descriptor: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    """``descriptor`` with the tags its family has among ``titles``."""
    properties = {**descriptor["properties"]}
    properties["tags"] = _tags(properties["family"], titles)
    return {**descriptor, "properties": properties}


def _log(
    rules: list[dict[str, Any]],
    errors: Sequence[FileError],
    skipped: Sequence[SkippedFile],
    results: list[dict[str, Any]],
) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    notifications = [notification(e) for e in errors]
    notifications += [skipped_notification(s) for s in skipped]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "speclint",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The folder speclint was run from: relative paths are "
                            "relative to it."
                        }
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


#: How deep results are indented: ``runs`` > the run > ``results`` > a result.
RESULT_DEPTH = 8


def ends(
    registry: RuleRegistry,
    errors: Sequence[FileError],
    skipped: Sequence[SkippedFile],
    unknown: dict[str, dict[str, Any]],
) -> tuple[str, str, dict[str, int]]:
    """The log's text before its first result and after its last, and each rule's index.

    The head ends with ``"results": [``; the tail starts with its ``]`` when there are
    results (see :func:`results_text`). ``unknown`` describes the codes found that
    ``registry`` does not hold. Both :func:`render` and a log written file by file are
    put together from these.
    """
    rules, index = _rules(registry, unknown)
    text = json.dumps(_log(rules, errors, skipped, []), indent=2, ensure_ascii=False)
    head, _, tail = text.partition('"results": []')
    return head + '"results": [', tail + "\n", index


def result_text(found: dict[str, Any]) -> str:
    """One result as it stands in the log."""
    text = json.dumps(found, indent=2, ensure_ascii=False)
    return "\n".join(" " * RESULT_DEPTH + line for line in text.split("\n"))


def closing(any_results: bool) -> tuple[str, str]:
    """What opens the results once the head is written, and what closes them."""
    if any_results:
        return "\n", "\n" + " " * (RESULT_DEPTH - 2) + "]"
    return "", "]"


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report as an indented SARIF 2.1.0 log (``color`` and ``quiet`` ignored).

    The rules described are those of ``registry`` (the built-in rules by default).
    """
    rules = registry or builtin_registry()
    head, tail, index = ends(rules, report.errors, report.skipped, _unknown(report, rules))
    results = [result_text(result(f, fr, index[f.code], n)) for f, fr, n in occurrences(report)]
    opening, close = closing(bool(results))
    return head + opening + ",\n".join(results) + close + tail
