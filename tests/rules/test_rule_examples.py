"""Every rule's own examples, run as tests (as sqlfluff runs its YAML rule cases).

Each rule must carry at least three failing and three passing examples; its documented
Example must be flagged and its Better must stay silent, with only that rule on.
The engine's own rules (SPL, ``engine = true``) judge directives against the other
rules' findings, so their examples are small documents linted with every rule on, and
only that rule's code is looked for.
"""

from __future__ import annotations

import re

import pytest

import speclint
from speclint.config import Settings
from speclint.docs import render_rule, render_rule_markdown
from speclint.query.parser import parse_query
from speclint.rules import Rule, all_rules

RULES = all_rules()
FAMILIES = {"PBR", "OVR", "RFL", "MFL", "OUT", "VOI", "CMP", "LOC", "SPL"}
#: Families about speclint's own directives rather than the book's principles.
HOUSEKEEPING = {"SPL"}


def _codes(text: str, rule: Rule) -> list[str]:
    if rule.engine:  # every rule on, so that directives have findings to silence
        report = speclint.check_text(text, "txt", config=Settings())
        assert not report.errors
        return [f.code for f in report.findings if f.code == rule.code]
    report = speclint.check_text(text, "txt", config=Settings(select=(rule.code,)))
    assert not report.errors
    return [f.code for f in report.findings]


CASES = [
    pytest.param(rule, kind, text, id=f"{rule.code}-{kind}-{i}")
    for rule in RULES
    for kind, texts in (
        ("fail", (*rule.tests.fail, rule.docs.example)),
        ("pass", (*rule.tests.pass_, rule.docs.better)),
    )
    for i, text in enumerate(texts)
]


@pytest.mark.parametrize(("rule", "kind", "text"), CASES)
def test_rule_example(rule: Rule, kind: str, text: str) -> None:
    codes = _codes(text, rule)
    if kind == "fail":
        assert rule.code in codes, f"{rule.code} should flag: {text}"
    else:
        assert codes == [], f"{rule.code} should stay silent on: {text}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_contract(rule: Rule) -> None:
    assert len(rule.tests.fail) >= 3, "at least three failing examples"
    assert len(rule.tests.pass_) >= 3, "at least three passing examples (near-misses)"
    assert rule.family in FAMILIES
    if rule.family not in HOUSEKEEPING:
        assert re.search(r"p2\d\d", rule.principle), "the principle cites the book by page"
        assert re.search(r"p2\d\d", rule.docs.why), "the docs cite the book by page"
    assert rule.engine == (rule.family in HOUSEKEEPING), "only SPL rules are raised by the engine"
    for query in (rule.query, rule.unless_anywhere, rule.unless_in_context):
        if query:
            parse_query(query)
    assert rule.code in render_rule(rule)
    assert "## Why it matters" in render_rule_markdown(rule)


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_each_family_has_at_least_two_rules() -> None:
    for family in ("PBR", "OVR", "RFL", "MFL"):
        assert sum(r.family == family for r in RULES) >= 2, family
