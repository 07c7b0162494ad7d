"""OVR006: a section that stacks absolute practice rules ("at all times", "without exception").

Rules that protect the person (identity badges, dignity, consent) and rules about running
the contract (returns, meetings, invoices, mail accounts) that name no care are not
counted: the stack is of rules about practice.
"""

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

#: The running of the contract, not the practice of care: returns, reports, data,
#: invoices, meetings, monitoring, mail accounts, insurance, records.
_ADMINISTRATION = re.compile(
    r"\b(returns?|reports?|reporting|data|invoices?|invoicing|meetings?|monitoring|e-?mail|"
    r"nhs ?mail|mail accounts?|insurance|records?|audits?|submissions?|submit\w*)\b",
    re.IGNORECASE,
)
#: The practice of care: where a sentence names it, an absolute rule is about care.
_CARE = re.compile(
    r"\b(visits?|calls?|sessions?|care|support|treatment|tasks?|routines?|person|people|patients?|residents?|clients?|"
    r"tenants?|service users?|children|young people|families|family)\b",
    re.IGNORECASE,
)


def _about_practice(sentence: str) -> bool:
    """False for a sentence about running the contract (returns, meetings) that names no care."""
    return not _ADMINISTRATION.search(sentence) or bool(_CARE.search(sentence))


def check(ctx: RuleContext, options: Options) -> Iterator[RuleHit]:
    """Flag a section (units under one heading) holding three or more absolute practice rules."""
    groups: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    for unit, start, end, sentence in operative_sentences(ctx, _ABSOLUTE, _ABSOLUTE_NEEDLES):
        if _PROTECTIVE.search(sentence) or not _about_practice(sentence):
            continue
        count = len(_ABSOLUTE.findall(sentence))
        key = tuple(ctx.outline.units[unit].heading_path)
        groups.setdefault(key, []).extend([(unit, start, end)] * count)
    for hits in groups.values():
        if len(hits) >= options.stack:
            unit, start, end = hits[0]
            yield RuleHit(unit, start, end, f"{len(hits)} absolute rules")
