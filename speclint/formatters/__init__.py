"""Output formats. Each module exposes ``render(report, registry, *, color, quiet) -> str``.

Formatters are pure: they never write, so the CLI and the API share them. The rule
registry is passed in (rule docs, family titles); ``None`` means the built-in rules, and
formats that show no rule docs never read it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal, Protocol, get_args

if TYPE_CHECKING:
    from speclint.models import Report
    from speclint.registry import RuleRegistry

#: An output format ``speclint check --format`` writes (the input's is ``InputFormat``).
OutputFormat = Literal["text", "json", "sarif", "github", "markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)


class Render(Protocol):
    """The one function every formatter module exposes."""

    def __call__(
        self,
        report: Report,
        registry: RuleRegistry | None = None,
        *,
        color: bool = False,
        quiet: bool = False,
    ) -> str:
        """Render ``report``; ``color`` and ``quiet`` are hints a format may ignore."""
        ...


def renderer(name: str) -> Render:
    """Return the ``render`` function of the named format."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    render: Render = importlib.import_module(f"speclint.formatters.{name}").render
    return render


def render(
    report: Report,
    fmt: str = "text",
    *,
    registry: RuleRegistry | None = None,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """``report`` in the format ``fmt``, exactly as ``speclint check --format FMT`` writes it.

    ``fmt`` is one of :data:`FORMATS` (``text``, ``json``, ``sarif``, ``github``,
    ``markdown``, ``html``). ``color`` adds terminal colours to ``text``; ``quiet``
    keeps ``text`` to the finding lines and ``github`` messages to one line. Rule docs
    come from ``registry`` (the built-in rules by default).
    """
    return renderer(fmt)(report, registry, color=color, quiet=quiet)
