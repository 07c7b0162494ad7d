"""Concepts (``@NAME``), negated concepts (``NEG(...)``) and word senses: data with examples."""

from __future__ import annotations

import pytest

from speclint.errors import QuerySyntaxError, RulePackError
from speclint.query.analysis import analyse
from speclint.query.ast import Concept, Neg, Or, Term
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.query.prefilter import Candidates
from speclint.rules import load_concepts, vocabulary
from speclint.structure import text_unit

VOCAB = vocabulary()


def holds(query: str, text: str, registry: dict[str, str] | None = None) -> list[str] | None:
    clause = text_unit(text)
    analysis = analyse(clause)
    parsed = parse_query(query, registry) if registry is not None else parse_query(query)
    hits = Evaluator(analysis).run(parsed)
    if hits is None:
        return None
    return [text[analysis.tokens[a].start : analysis.tokens[b].end] for a, b in hits]


CONCEPT_CASES = [
    pytest.param(c.name, kind, text, id=f"{c.name}-{kind}-{i}")
    for c in VOCAB.pack.concepts
    for kind, texts in (("match", c.match), ("no_match", c.no_match))
    for i, text in enumerate(texts)
]


@pytest.mark.parametrize(("name", "kind", "text"), CONCEPT_CASES)
def test_concept_examples(name: str, kind: str, text: str) -> None:
    found = holds("@" + name, text)
    if kind == "match":
        assert found, f"@{name} should match: {text}"
    else:
        assert found is None, f"@{name} should not match: {text} (matched {found})"


SENSE_CASES = [
    pytest.param(s, kind, text, id=f"{s.name}-{kind}-{i}")
    for s in VOCAB.pack.senses
    for kind, texts in (("masked", s.masked), ("kept", s.kept))
    for i, text in enumerate(texts)
]


@pytest.mark.parametrize(("sense", "kind", "text"), SENSE_CASES)
def test_sense_examples(sense: object, kind: str, text: str) -> None:
    words = " OR ".join(sense.words)  # type: ignore[attr-defined]
    found = holds(words, text)
    if kind == "masked":
        assert found is None, f"{sense.name}: should be masked in: {text} ({found})"  # type: ignore[attr-defined]
    else:
        assert found, f"{sense.name}: should keep its sense in: {text}"  # type: ignore[attr-defined]


def test_every_concept_has_examples_and_a_description() -> None:
    for concept in VOCAB.pack.concepts:
        assert len(concept.match) >= 2 and len(concept.no_match) >= 2, concept.name
        assert concept.description


def test_concept_is_expanded_in_the_tree() -> None:
    tree = parse_query("@A OR b", {"A": "x OR y*"})
    assert tree == Or((Concept("A", Or((Term("x"), Term("y", True)))), Term("b")))


def test_concepts_use_concepts() -> None:
    registry = {"A": "@B OR c", "B": "fund*"}
    assert holds("@A", "The work is funded.", registry) == ["funded"]


def test_unknown_concept_points_at_its_column() -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query("payment /s @NOPE", {"A": "x"})
    assert info.value.column == 12
    assert "unknown concept @NOPE" in info.value.problem


def test_concept_cycle_is_an_error() -> None:
    with pytest.raises(QuerySyntaxError, match=r"concept cycle: @A -> @B -> @A"):
        parse_query("@A", {"A": "x OR @B", "B": "@A"})


def test_load_concepts_reports_unknown_names_and_cycles() -> None:
    bad = """
[[concepts]]
name = "A"
description = "a test concept"
query = "x OR @MISSING"
match = ["x", "x x"]
no_match = ["y", "z"]
"""
    with pytest.raises(RulePackError, match=r"concept A: .*unknown concept @MISSING"):
        load_concepts(bad, "test.toml")
    cycle = bad.replace("@MISSING", "@A")
    with pytest.raises(RulePackError, match="concept cycle"):
        load_concepts(cycle, "test.toml")


@pytest.mark.parametrize(
    ("words", "patterns", "error"),
    [
        # A wrong-sense pattern must spell out one of the sense's words.
        ('["risk"]', 'wrong = ["adults in need"]', "contains none of its words"),
        # A context (or unless) pattern may be any words, but not none.
        (
            '["supervision"]',
            'wrong = ["supervision order"]\ncontext = ["\'\'"]',
            "sense x: an empty sense pattern",
        ),
    ],
)
def test_a_bad_sense_pattern_is_an_error_naming_the_sense(
    words: str, patterns: str, error: str
) -> None:
    text = f"""
concepts = []
[[senses]]
name = "x"
words = {words}
meaning = "a test sense, nothing more"
{patterns}
masked = ["a", "b"]
kept = ["c", "d"]
"""
    with pytest.raises(RulePackError, match=error):
        load_concepts(text, "test.toml")


# -- NEG: a concept said in the negative --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The sessions are not costed.",
        "The Commissioner will not fund the extra hours.",
        "Staff attend four sessions a year, none of which will attract additional payment.",
        "There is no separate funding for the groups.",
        "Attendance will not be paid for.",
    ],
)
def test_neg_funding_matches_funding_said_in_the_negative(text: str) -> None:
    assert holds("NEG(@FUNDING)", text)


@pytest.mark.parametrize(
    "text",
    [
        "The sessions are costed at Schedule 3.",
        "The Commissioner will fund the extra hours.",
        "No other changes are made; the groups are funded separately.",
    ],
)
def test_neg_funding_stays_silent_on_affirmed_funding(text: str) -> None:
    assert holds("NEG(@FUNDING)", text) is None


def test_neg_hit_takes_in_the_cue() -> None:
    assert holds("NEG(funded)", "Supervision is not funded.") == ["not funded"]
    assert holds("NEG(funded)", "Supervision is funded.") is None


def test_neg_as_partner_of_a_connector() -> None:
    query = "supervision /s NEG(@FUNDING)"
    assert holds(query, "Supervision will not be funded by the Commissioner.")
    assert holds(query, "Supervision will be funded by the Commissioner.") is None


def test_neg_parses_into_the_tree() -> None:
    assert parse_query("NEG(fund*)", {}) == Neg(Term("fund", True))


# -- the pre-filter stays exact -------------------------------------------------------------


def test_prefilter_expands_concepts() -> None:
    texts = [
        "Supervision will not be funded.",
        "The price is fixed.",
        "Attendance attracts no additional payment.",
    ]
    query = parse_query("NEG(@FUNDING)")
    candidates = Candidates(texts).of(query)
    for unit, text in enumerate(texts):
        if holds("NEG(@FUNDING)", text):
            assert unit in candidates
    assert 1 not in candidates


# -- the command line lists them --------------------------------------------------------


def test_cli_lists_concepts_and_senses() -> None:
    import io
    import json

    from speclint.cli import main

    out = io.StringIO()
    assert main(["rules", "--concepts"], out=out) == 0
    text = out.getvalue()
    assert "@FUNDING" in text and "probation-supervision" in text
    out = io.StringIO()
    assert main(["rules", "--concepts", "--format", "json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert {c["name"] for c in data["concepts"]} >= {"FUNDING", "REFLECTIVE_TIME", "MONEY_AT_RISK"}


# -- word senses in whole rules (real-document false positives) ----------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "RFL002",
            "Any session attended under a licence or post sentence supervision appointment"
            " is enforceable.",
        ),
        (
            "OVR003",
            "In all cases, requesting clinicians should have access to advice on reading results.",
        ),
        ("LOC002", "The service responds to every victim regardless of ethnic background or age."),
        ("OUT001", "Scans can be captured in high throughput clinics run by optometrists."),
        (
            "PBR001",
            "Retention in drug treatment is measured against the national indicator each quarter.",
        ),
        ("MFL002", "Early defibrillation saves lives, and the new service also adds two clinics."),
    ],
)
def test_wrong_sense_stays_silent_in_rules(code: str, text: str) -> None:
    import speclint
    from speclint.config import Settings

    report = speclint.check_text(text, "txt", config=Settings(select=(code,)))
    assert [f.code for f in report.findings] == []


# -- guidance voice: recommending the anti-pattern is a finding; the remedy is not -------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Systems should move to a variable payment of 20% tied to the recovery rate.", True),
        (
            "Commissioners should withhold 5% of the monthly payment until the KPI targets"
            " are met.",
            True,
        ),
        ("ICBs may wish to link 10% of the contract value to the waiting time target.", True),
        ("Commissioners should avoid withholding payment against KPI targets.", False),
        (
            "Commissioners should pay a block price rather than withhold payment against targets.",
            False,
        ),
    ],
)
def test_guidance_voice(text: str, flagged: bool) -> None:
    import speclint
    from speclint.config import Settings

    report = speclint.check_text(text, "txt", config=Settings(select=("PBR",)))
    assert bool(report.findings) == flagged
