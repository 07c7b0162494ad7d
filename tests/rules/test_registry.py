"""The rule registry is loaded once and passed down: engine, settings and formatters."""

from __future__ import annotations

import json

import pytest

import speclint
from speclint.config import validate_selectors
from speclint.engine import Engine
from speclint.errors import ConfigError
from speclint.formatters import render
from speclint.parsers import parse_bytes
from speclint.registry import RuleRegistry, builtin_registry
from speclint.rules import packs

WITHHELD = "5.2 Ten per cent of the monthly payment will be withheld until targets are met.\n"


def payment_only() -> RuleRegistry:
    """A registry holding the payment-by-results family alone."""
    return RuleRegistry.of(p for p in packs() if p.family == "PBR")


def test_a_registry_reads_its_packs_only_when_a_rule_is_read() -> None:
    calls: list[int] = []

    def load() -> tuple[()]:
        calls.append(1)
        return ()

    registry = RuleRegistry(load)
    assert calls == []
    assert registry.rules == () and registry.codes == ()
    assert registry.rules == () and calls == [1]  # read once


def test_the_builtin_registry_finds_rules_by_code_or_name() -> None:
    registry = builtin_registry()
    assert registry is builtin_registry()
    rule = registry.get("pbr001")
    assert rule is not None and registry.get(rule.name) is rule
    assert registry.get("XYZ999") is None
    assert [r.code for r in registry.rules] == sorted(r.code for r in speclint.all_rules())
    assert registry.titles["PBR"] == next(p.title for p in packs() if p.family == "PBR")


def test_the_engine_runs_the_rules_of_the_registry_it_is_given() -> None:
    document = parse_bytes(WITHHELD.encode(), "spec.md", "md")
    assert [f.code for f in Engine(builtin_registry()).run(document).findings] == ["PBR001"]
    assert Engine(RuleRegistry.of(())).run(document).findings == ()
    assert [f.code for f in Engine(payment_only()).run(document).findings] == ["PBR001"]


def test_selectors_are_checked_against_the_registry_given() -> None:
    validate_selectors(["PBR", "PBR001"], payment_only(), "--select")
    with pytest.raises(ConfigError, match=r"--select: 'MFL' names no rule"):
        validate_selectors(["MFL"], payment_only(), "--select")
    validate_selectors(["MFL"], builtin_registry(), "--select")
    validate_selectors(["ALL"], RuleRegistry(lambda: pytest.fail("read for ALL")), "--select")


def test_sarif_describes_the_rules_of_the_registry_and_any_code_it_lacks() -> None:
    report = speclint.check_text(WITHHELD)
    full = json.loads(render(report, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert [d["id"] for d in full] == list(builtin_registry().codes)
    empty = RuleRegistry.of(())
    (described,) = json.loads(render(report, "sarif", registry=empty))["runs"][0]["tool"]["driver"][
        "rules"
    ]
    assert described["id"] == "PBR001"
    assert described["fullDescription"]["text"] == report.findings[0].message


def test_markdown_lists_the_families_of_the_registry() -> None:
    report = speclint.check_text(WITHHELD)
    assert "| MFL |" in render(report, "markdown")
    only = render(report, "markdown", registry=payment_only())
    assert "| PBR |" in only and "| MFL |" not in only


def test_packs_rebuilt_from_the_registry_cache_equal_validated_ones() -> None:
    # A cached run rebuilds the packs without validating them: every field must come
    # back with the very type and value validation gives it.
    from speclint.rules import _concept_pack, _pack, vocabulary
    from speclint.rules.schema import ConceptPack, RulePack

    for pack in packs():
        text = pack.model_dump_json(by_alias=True)
        validated = RulePack.model_validate_json(text)
        rebuilt = _pack(pack.model_dump(mode="json", by_alias=True))
        assert rebuilt == validated, pack.family
        for mine, theirs in zip(rebuilt.rules, validated.rules, strict=True):
            assert mine.model_fields_set == theirs.model_fields_set
            assert type(mine.severity) is type(theirs.severity)
            assert type(mine.tests.pass_) is tuple and type(mine.include) is tuple
    concepts = vocabulary().pack
    text = concepts.model_dump_json(by_alias=True)
    rebuilt_concepts = _concept_pack(concepts.model_dump(mode="json", by_alias=True))
    assert rebuilt_concepts == ConceptPack.model_validate_json(text)


def test_a_cached_pack_missing_a_field_is_not_rebuilt() -> None:
    from speclint.rules import _pack

    data = packs()[0].model_dump(mode="json", by_alias=True)
    del data["rules"][0]["message"]
    with pytest.raises(KeyError):
        _pack(data)
