"""Machine output: the stable JSON contract described by ``schemas/report.schema.json``.

The contract itself is :mod:`speclint.contract`, below the formatters, so that
:meth:`speclint.models.Report.to_json` can write it too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from speclint.contract import SCHEMA_VERSION, finding_dict, report_dict
from speclint.version import __version__

if TYPE_CHECKING:
    from speclint.models import Report
    from speclint.registry import RuleRegistry

__all__ = ["SCHEMA_VERSION", "ends", "file_entry", "finding_dict", "render", "report_dict"]


class _Error(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...


class _Skipped(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def reason(self) -> str: ...


def ends(
    errors: Sequence[_Error] = (),
    skipped: Sequence[_Skipped] = (),
    *,
    files: int = 0,
    findings: int = 0,
    baselined: int = 0,
) -> tuple[str, str]:
    """The report's text before its first file entry and after its last.

    The head ends with ``"files": [`` and does not depend on the arguments; the tail
    starts just after the closing ``]``. Between them go the entries of
    :func:`file_entry`, as :func:`join_files` puts them. ``files`` and ``findings``
    count the files linted and their findings (the errors are added here).
    """
    rest = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "speclint", "version": __version__},
        "files": [],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        "summary": {
            "files": files + len(errors),
            "findings": findings,
            "errors": len(errors),
            "baselined": baselined,
            "skipped": len(skipped),
        },
    }
    head, _, tail = json.dumps(rest, indent=2, ensure_ascii=False).partition('"files": []')
    return head + '"files": [', tail + "\n"


def file_entry(entry: dict[str, object]) -> str:
    """One file's entry of ``report_dict(...)["files"]`` as it stands in the report."""
    text = json.dumps(entry, indent=2, ensure_ascii=False)
    return "\n".join("    " + line for line in text.split("\n"))


def join_files(count: int) -> tuple[str, str]:
    """What goes before the ``count``-th file entry (from 1), and what closes the list."""
    return ("\n" if count == 1 else ",\n"), ("\n  ]" if count else "]")


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report as indented JSON (UTF-8, not ASCII-escaped)."""
    data = report_dict(report)
    head, tail = ends(
        report.errors,
        report.skipped,
        files=len(report.files),
        findings=data["summary"]["findings"],
        baselined=report.baselined,
    )
    parts = [head]
    for n, entry in enumerate(data["files"], 1):
        parts += [join_files(n)[0], file_entry(entry)]
    return "".join([*parts, join_files(len(data["files"]))[1], tail])
