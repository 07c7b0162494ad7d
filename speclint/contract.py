"""The stable JSON contract described by ``schemas/report.schema.json``.

A report as other tools read it: ``speclint check --format json``,
:meth:`speclint.models.Report.to_json` and ``speclint serve``'s API all write this.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from speclint.version import __version__

if TYPE_CHECKING:
    from speclint.models import Finding, Report

#: Bump when the shape changes in a way that breaks readers.
SCHEMA_VERSION = "1"


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the contract lays it out."""
    location = finding.location.model_dump(mode="json")
    return {
        "code": finding.code,
        "name": finding.name,
        "family": finding.family,
        "principle": finding.principle,
        "severity": finding.severity.value,
        "message": finding.message,
        "location": location,
        "excerpt": finding.excerpt,
        "suggestion": finding.suggestion,
        "fingerprint": finding.fingerprint,
        "highlights": [list(span) for span in finding.highlights],
        "related": list(finding.related),
        "also_at": [place.model_dump(mode="json") for place in finding.also_at],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready dictionary."""
    summary = report.summary
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "speclint", "version": __version__},
        "files": [
            {
                "path": fr.path,
                "format": fr.format,
                "findings": [finding_dict(f) for f in fr.findings],
            }
            for fr in report.files
        ],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "summary": {
            "files": summary.files,
            "findings": summary.findings,
            "errors": summary.errors,
            "baselined": report.baselined,
            "skipped": summary.skipped,
        },
    }


def report_json(report: Report) -> str:
    """The report as indented JSON (UTF-8, not ASCII-escaped)."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
