"""OVR006: a section that stacks absolute practice rules ("at all times", "without exception")."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from speclint import lazy_re as re
from speclint.rules.checks._common import CheckOptions, operative_sentences
from speclint.rules.context import RuleContext, RuleHit


class Options(CheckOptions):
    """``[rules.options]`` of OVR006."""

    stack: int = Field(
        default=3, ge=2, description="absolute rules in one section that make a stack"
    )


_ABSOLUTE = re.compile(
    r"\b(at all times|must always|shall always|will always|without exception|in all cases|"
    r"under no circumstances|in every case)\b",
    re.IGNORECASE,
)
_ABSOLUTE_NEEDLES = (
    "at all times",
    "always",
    "without exception",
    "in all cases",
    "under no circumstances",
    "in every case",
)
_PROTECTIVE = re.compile(
    r"\b(identification|identity|badge|confidential\w*|dignity|respect\w*|lawful\w*|law|legislation|"
    r"data protection|safeguard\w*|safe|safety|courteous\w*|polite\w*|choices?|wishes|consent|"
    r"reachable|contactable|on call|available)\b",
    re.IGNORECASE,
)


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Flag a section (units under one heading) holding three or more absolute practice rules."""
    groups: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    for unit, start, end, sentence in operative_sentences(ctx, _ABSOLUTE, _ABSOLUTE_NEEDLES):
        if _PROTECTIVE.search(sentence):
            continue
        count = len(_ABSOLUTE.findall(sentence))
        key = tuple(ctx.outline.units[unit].heading_path)
        groups.setdefault(key, []).extend([(unit, start, end)] * count)
    for hits in groups.values():
        if len(hits) >= options.stack:
            unit, start, end = hits[0]
            yield RuleHit(unit, start, end, f"{len(hits)} absolute rules")
