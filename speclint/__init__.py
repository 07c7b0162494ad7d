"""speclint: a linter for health and social-care commissioning documents.

The public API::

    speclint.check_paths(["specs/"], config)   -> Report
    speclint.check_text(text, fmt="md")         -> Report
    speclint.check_bytes(data, fmt="docx")      -> Report
    speclint.check_file(path)                   -> FileReport
    speclint.render(report, "json")             -> str, as `check --format json` writes it
    speclint.load_config(path) / speclint.Settings(...)
    speclint.all_rules(), speclint.get_rule("PBR001")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from speclint.version import __version__

__all__ = [
    "FileReport",
    "Finding",
    "Location",
    "Report",
    "Settings",
    "__version__",
    "all_rules",
    "check_bytes",
    "check_document",
    "check_file",
    "check_paths",
    "check_text",
    "get_rule",
    "load_config",
    "outline_document",
    "outline_paths",
    "render",
]

if TYPE_CHECKING:
    from speclint.api import (
        check_bytes,
        check_document,
        check_file,
        check_paths,
        check_text,
        outline_document,
        outline_paths,
    )
    from speclint.config import Settings
    from speclint.config import load_file as load_config
    from speclint.formatters import render
    from speclint.models import FileReport, Finding, Location, Report
    from speclint.rules import all_rules, get_rule

_LAZY = {
    "check_bytes": ("speclint.api", "check_bytes"),
    "check_document": ("speclint.api", "check_document"),
    "check_file": ("speclint.api", "check_file"),
    "check_paths": ("speclint.api", "check_paths"),
    "check_text": ("speclint.api", "check_text"),
    "outline_document": ("speclint.api", "outline_document"),
    "outline_paths": ("speclint.api", "outline_paths"),
    "render": ("speclint.formatters", "render"),
    "Settings": ("speclint.config", "Settings"),
    "load_config": ("speclint.config", "load_file"),
    "FileReport": ("speclint.models", "FileReport"),
    "Finding": ("speclint.models", "Finding"),
    "Location": ("speclint.models", "Location"),
    "Report": ("speclint.models", "Report"),
    "all_rules": ("speclint.rules", "all_rules"),
    "get_rule": ("speclint.rules", "get_rule"),
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so ``speclint --version`` starts instantly."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'speclint' has no attribute {name!r}")
