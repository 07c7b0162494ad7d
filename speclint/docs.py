"""Rule documentation: for the terminal (``speclint rule CODE``) and for ``docs/rules/``."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable

from speclint.rules.schema import Rule

_SECTIONS = (
    ("What it flags", "what"),
    ("Why it matters", "why"),
    ("Example", "example"),
    ("Better", "better"),
)


#: Stands in for a space inside a code span while wrapping (a private-use character).
_KEEP = "\ue000"
_CODE_SPAN = re.compile(r"`[^`]*`")


def _fill(text: str, width: int, indent: str = "  ") -> str:
    """Wrap each paragraph of ``text`` to ``width``, indented.

    Lines break only at spaces outside inline code spans: never at a hyphen
    (``fail-on``) and never inside a span (`` `SPL002 = "warning"` ``), so what is to
    be typed stays in one piece.
    """
    return "\n\n".join(
        textwrap.fill(
            _CODE_SPAN.sub(lambda m: m.group().replace(" ", _KEEP), " ".join(p.split())),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        ).replace(_KEEP, " ")
        for p in text.strip().split("\n\n")
    )


#: What ``buyer_voice`` means to a reader of the rule's documentation.
_BUYER_VOICE = (
    "Reads only a page that buys a service: silent on a page that buys nothing, such as a"
    " provider's own staff policy, a care home's statement of purpose or a section of an Act."
)
#: What ``buyer_marks`` adds for a reader of the rule's documentation.
_BUYER_MARKS = (
    "Reads only a page that shows a mark of buying (a contract, a provider, a payment or"
    " funding, a numbered clause): silent on a page of several sentences that names none,"
    " such as an NHS trust's supervision standard."
)


def render_rule(rule: Rule, width: int = 88) -> str:
    """Plain-text documentation of one rule, for a terminal."""
    lines = [
        f"{rule.code} {rule.name}",
        f"  Family: {rule.family}    Default severity: {rule.severity.value}",
        _fill(f"Principle: {rule.principle}", width),
        "",
    ]
    if rule.buyer_voice:
        lines += [_fill(_BUYER_VOICE, width), ""]
    if rule.buyer_marks:
        lines += [_fill(_BUYER_MARKS, width), ""]
    for title, key in _SECTIONS:
        lines += [title, _fill(getattr(rule.docs, key), width), ""]
    lines += ["Suggestion given with each finding", _fill(rule.suggestion, width), ""]
    return "\n".join(lines)


def render_rule_markdown(rule: Rule) -> str:
    """Markdown documentation of one rule, as committed under ``docs/rules/``."""
    out = [
        f"# {rule.code}: {rule.name}",
        "",
        f"- **Family:** {rule.family}",
        f"- **Default severity:** {rule.severity.value}",
        f"- **Principle:** {rule.principle}",
        "",
    ]
    if rule.buyer_voice:
        out += [_BUYER_VOICE, ""]
    if rule.buyer_marks:
        out += [_BUYER_MARKS, ""]
    for title, key in _SECTIONS:
        body = getattr(rule.docs, key)
        if key in ("example", "better"):
            body = "> " + body.replace("\n", "\n> ")
        out += [f"## {title}", "", body, ""]
    out += ["## Suggestion given with each finding", "", rule.suggestion, ""]
    return "\n".join(out)


def rules_json(rules: Iterable[Rule]) -> str:
    """``rules`` as ``speclint rules --format json`` prints them: docs and examples included."""
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "family": r.family,
            "principle": r.principle,
            "severity": r.severity.value,
            "buyer_voice": r.buyer_voice,
            "buyer_marks": r.buyer_marks,
            "message": r.message,
            "suggestion": r.suggestion,
            "docs": r.docs.model_dump(),
            "examples": {"fail": list(r.tests.fail), "pass": list(r.tests.pass_)},
        }
        for r in rules
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
