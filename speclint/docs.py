"""Rule documentation: for the terminal (``speclint rule CODE``) and for ``docs/rules/``."""

from __future__ import annotations

import textwrap

from speclint.rules.schema import Rule

_SECTIONS = (
    ("What it flags", "what"),
    ("Why it matters", "why"),
    ("Example", "example"),
    ("Better", "better"),
)


def _fill(text: str, width: int, indent: str = "  ") -> str:
    return "\n\n".join(
        textwrap.fill(
            " ".join(p.split()), width=width, initial_indent=indent, subsequent_indent=indent
        )
        for p in text.strip().split("\n\n")
    )


def render_rule(rule: Rule, width: int = 88) -> str:
    """Plain-text documentation of one rule, for a terminal."""
    lines = [
        f"{rule.code} {rule.name}",
        f"  Family: {rule.family}    Default severity: {rule.severity.value}",
        _fill(f"Principle: {rule.principle}", width),
        "",
    ]
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
    for title, key in _SECTIONS:
        body = getattr(rule.docs, key)
        if key in ("example", "better"):
            body = "> " + body.replace("\n", "\n> ")
        out += [f"## {title}", "", body, ""]
    out += ["## Suggestion given with each finding", "", rule.suggestion, ""]
    return "\n".join(out)
