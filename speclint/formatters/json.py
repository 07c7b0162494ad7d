"""Machine output: the stable JSON contract described by ``schemas/report.schema.json``.

The contract itself is :mod:`speclint.contract`, below the formatters, so that
:meth:`speclint.models.Report.to_json` can write it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from speclint.contract import SCHEMA_VERSION, finding_dict, report_dict, report_json

if TYPE_CHECKING:
    from speclint.models import Report
    from speclint.registry import RuleRegistry

__all__ = ["SCHEMA_VERSION", "finding_dict", "render", "report_dict"]


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report as indented JSON (UTF-8, not ASCII-escaped)."""
    return report_json(report)
