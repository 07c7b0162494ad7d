"""Engine behaviour: selection, severities, suppressions, document-wide cancellation."""

from __future__ import annotations

from helpers import RULE_DOCS_AND_TESTS

import speclint
from speclint.config import Settings
from speclint.engine.grouping import unfolded
from speclint.models import Severity

WITHHELD = "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met."
SUPERVISION = "4.2 Each practitioner shall have clinical supervision every month."


def codes(text: str, settings: Settings | None = None, fmt: str = "md") -> list[str]:
    report = speclint.check_text(text, fmt, config=settings)  # type: ignore[arg-type]
    return [f.code for f in report.findings]


def test_select_and_ignore_by_code_or_prefix() -> None:
    assert codes(WITHHELD) == ["PBR001"]
    assert codes(WITHHELD, Settings(select=("RFL",))) == []
    assert codes(WITHHELD, Settings(ignore=("PBR",))) == []
    assert codes(WITHHELD, Settings(select=("PBR001",))) == ["PBR001"]


def test_severity_override_by_code_and_family() -> None:
    report = speclint.check_text(WITHHELD, config=Settings(severity={"PBR": Severity.INFO}))
    assert report.findings[0].severity is Severity.INFO


def test_inline_suppression_in_markdown() -> None:
    text = f"<!-- speclint: ignore PBR001 -- agreed with finance -->\n{WITHHELD}\n"
    assert codes(text) == []
    text = f"<!-- speclint: ignore RFL -- wrong family -->\n{WITHHELD}\n"
    assert codes(text) == ["SPL001", "PBR001"]  # the directive silenced nothing


def test_inline_suppression_in_text_and_whole_file() -> None:
    assert codes(f"speclint: ignore PBR001 -- agreed\n{WITHHELD}\n", fmt="txt") == []
    text = f"{SUPERVISION}\n\n# speclint: ignore-file PBR -- legacy\n\n{WITHHELD}\n"
    assert codes(text, fmt="txt") == ["RFL002"]


def test_suppression_applies_only_to_the_next_clause() -> None:
    text = f"<!-- speclint: ignore PBR001 -- agreed -->\n1.1 Intro.\n\n{WITHHELD}\n"
    assert codes(text) == ["SPL001", "PBR001"]  # 1.1 had nothing to silence


def test_reflective_time_funded_elsewhere_is_silent() -> None:
    assert codes(SUPERVISION) == ["RFL002"]
    funded = (
        f"{SUPERVISION}\n\nSchedule 3\n\n"
        "1.1 Supervision time is costed in the staffing model at 0.1 WTE."
    )
    assert codes(funded) == []


def test_definitions_history_and_quotations_are_silent() -> None:
    assert (
        codes("'Service credit' means a deduction of 2% of the monthly payment against a KPI.")
        == []
    )
    assert (
        codes("Under the previous contract 10% of the payment was withheld against targets.") == []
    )
    assert codes("> Ten per cent of the monthly payment will be withheld against targets.") == []
    assert codes("## Glossary\n\nRetention: 2% of the payment withheld against the KPI.") == []


def test_findings_carry_principle_excerpt_and_suggestion() -> None:
    (finding,) = speclint.check_text(WITHHELD).findings
    assert "p215" in finding.principle
    assert finding.excerpt.startswith("Ten per cent")
    assert finding.suggestion and finding.location.clause == "5.2"
    assert "'Ten per cent'" in finding.message


def test_an_empty_rule_list_runs_no_rules() -> None:
    from speclint.engine import Engine
    from speclint.parsers import parse_bytes
    from speclint.registry import builtin_registry
    from speclint.rules import get_rule

    document = parse_bytes(WITHHELD.encode(), "spec.md", "md")
    registry = builtin_registry()
    assert [f.code for f in Engine(registry).run(document).findings] == ["PBR001"]
    assert Engine(registry, rules=[]).run(document).findings == ()
    rfl = get_rule("RFL002")
    assert rfl is not None
    assert Engine(registry, rules=[rfl]).run(document).findings == ()


def test_the_engine_takes_lead_in_sources_from_the_units() -> None:
    """Where a list's lead-in is written comes from the structure, not a text search."""
    from speclint.engine import lead_sources
    from speclint.parsers import parse_bytes
    from speclint.structure import build_outline

    source = (
        "7.1 The Provider will give each carer:\n\n"
        "- a named contact;\n- a copy of the care plan.\n\n"
        "7.2 The Provider will give each carer:\n\n- a weekly call.\n"
    )
    units = build_outline(parse_bytes(source.encode(), "carers.md", "md")).units
    sources = lead_sources(units)
    assert sorted(sources) == [1, 2, 4]
    assert {sources[1][0], sources[2][0]} == {0} and sources[4][0] == 3
    for item, (unit, start, end) in sources.items():
        assert units[unit].text[start:end] == units[item].text[: units[item].lead_in]


def test_a_document_wide_absence_rule_honours_unless_anywhere() -> None:
    from speclint.engine import Engine
    from speclint.parsers import parse_bytes
    from speclint.registry import builtin_registry
    from speclint.rules import get_rule
    from speclint.rules.schema import Rule

    base = get_rule("OUT001")
    assert isinstance(base, Rule)
    fields = base.model_dump(exclude={"query", "unless_in_context", "unless_anywhere"})
    absent = Rule.model_validate({**fields, "query": "outcome*", "absent_from_document": True})
    unless = absent.model_copy(update={"unless_anywhere": "wellbeing"})
    registry = builtin_registry()

    def fired(rule: Rule, text: str) -> bool:
        document = parse_bytes(text.encode(), "spec.md", "md")
        return bool(Engine(registry, rules=[rule]).run(document).findings)

    plain = "3.1 The service runs from Monday to Friday.\n\n3.2 Staff will be trained.\n"
    assert fired(absent, plain)
    assert fired(unless, plain)
    assert not fired(absent, plain + "\n3.3 Outcomes are agreed with each person.\n")
    assert not fired(unless, plain + "\n3.3 Wellbeing is reviewed with each person.\n")


def test_a_modal_verb_is_quoted_only_when_nothing_else_triggered() -> None:
    report = speclint.check_text(SUPERVISION, "md")
    (finding,) = [f for f in report.findings if f.code == "RFL002"]
    assert "('supervision')" in finding.message
    assert "'shall'" not in finding.message


def test_a_figure_is_quoted_whole() -> None:
    table = (
        "| Period | Staffing required | Condition |\n|---|---|---|\n"
        "| 07:00 to 22:00 | One care worker to every eight tenants | "
        "At all times, irrespective of assessed need |\n"
    )
    messages = [f.message for f in speclint.check_text(table, "md").findings]
    assert any("'07:00 to 22:00'" in m for m in messages), messages
    assert not any("'07'" in m or "'00 to 22'" in m for m in messages)


def test_a_phrase_is_quoted_whole_however_long() -> None:
    text = "4.1 No visit will be planned for more than 45 minutes.\n"
    (finding,) = [f for f in speclint.check_text(text, "md").findings if f.code == "OVR008"]
    assert "'No visit will be planned for more than 45 minutes'" in finding.message


def test_unless_anywhere_is_judged_on_the_whole_document_whatever_unit_hit_first() -> None:
    """``unless_anywhere`` is asked at a rule's first hit: a cancelling clause after that
    hit still cancels every hit, and when nothing cancels, the hits of the later units
    are all kept."""
    from speclint.engine import Engine
    from speclint.parsers import parse_bytes
    from speclint.registry import builtin_registry
    from speclint.rules import get_rule
    from speclint.rules.schema import Rule

    base = get_rule("OUT001")
    assert isinstance(base, Rule)
    fields = base.model_dump(exclude={"query", "unless_in_context", "unless_anywhere"})
    rule = Rule.model_validate(
        {**fields, "query": "timesheet*", "unless_anywhere": "outcome* w/3 agreed"}
    )
    registry = builtin_registry()

    def clauses(text: str) -> list[str | None]:
        document = parse_bytes(text.encode(), "spec.md", "md")
        findings = Engine(registry, rules=[rule]).run(document).findings
        # Every place: the clauses of one section that share "timesheets" fold into one.
        return [place.location.clause for f in findings for place in unfolded(f)]

    hits = (
        "2.1 Carers submit timesheets each week.\n\n"
        "2.2 The rota is shared with families.\n\n"
        "2.3 Timesheets are checked by the coordinator.\n\n"
        "2.4 Missing timesheets are chased within two days.\n"
    )
    cancel = "2.5 Outcomes are agreed with each person at the first visit.\n"
    assert clauses(hits) == ["2.1", "2.3", "2.4"]
    assert clauses(hits + "\n" + cancel) == []
    assert clauses(cancel + "\n" + hits) == []


_CROSSING_PACK = (
    """
family = "CMP"
title = "t"
principle = "p"

[[rules]]
code = "CMP105"
name = "lead-in-and-item-test"
severity = "warning"
query = '(rebate /c withdrawn)'
message = "m ('{match}')"
suggestion = "s"
"""
    + RULE_DOCS_AND_TESTS
)


def test_a_finding_on_a_list_item_points_at_the_item_not_its_shared_lead_in() -> None:
    """Evidence in a lead-in and in each item: one finding per item, each at its item."""
    from speclint.engine import Engine
    from speclint.parsers import parse_bytes
    from speclint.registry import builtin_registry
    from speclint.rules import load_pack

    rule = load_pack(_CROSSING_PACK, "test.toml").rules[0]
    source = (
        "Rebates\n\n"
        "A rebate of 2% on the annual fee is offered to each home, except in these cases:\n\n"
        "a. homes rated good. For these homes the offer is withdrawn for a year.\n\n"
        "b. homes that are new. For these homes the offer is withdrawn for six months.\n"
    )
    document = parse_bytes(source.encode(), "fees.txt", "txt")
    unfolded = Settings(group_repeats=False)
    report = Engine(builtin_registry(), unfolded, rules=[rule]).run(document)
    assert [(f.location.line, f.location.clause) for f in report.findings] == [
        (5, "(a)"),
        (7, "(b)"),
    ]
    assert all("withdrawn" in f.excerpt for f in report.findings)
    # Folded (the default): one finding for the list, at its first item, naming the second.
    (folded,) = Engine(builtin_registry(), Settings(), rules=[rule]).run(document).findings
    assert folded.location == report.findings[0].location
    assert [place.line for place in folded.also_at] == [7]
