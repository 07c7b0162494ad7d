"""A document-wide query (``unless_anywhere``) gives what one joined analysis gives.

:meth:`RuleContext.holds_anywhere` reads a query that keeps to its unit
(:func:`speclint.query.evaluate.unit_local`) unit by unit, stopping at the first that
holds, and splits an ``OR``, an ``AND`` or a ``NOT`` at the top into its items; only
what is left is evaluated over the joined analysis of the units holding its words, as
every document-wide query once was. These tests hold the two to the same answer for
every rule's query and ``unless_anywhere`` and every concept of the packs, read both
ways round (affirmed only, and negated text too), on the Markdown drafts and on
documents made of the corpus sentences.
"""

from __future__ import annotations

import pytest
import tomllib
from helpers import ROOT, draft_and_corpus_documents

from speclint.parsers import parse_bytes
from speclint.query.ast import Concept, Query
from speclint.query.evaluate import Evaluator, unit_local
from speclint.query.parser import parse_query
from speclint.registry import builtin_registry
from speclint.rules.context import RuleContext, opted_in
from speclint.structure.build import build_outline


def _joined(ctx: RuleContext, query: Query, include: frozenset[str], affirmed: bool) -> bool:
    """The query over one analysis joining the units that hold its words."""
    units = sorted(ctx.candidates.anywhere(query))
    skip = ctx.document_skips(include, units)
    return Evaluator(ctx.document(units), affirmed, skip).run(query) is not None


def _context(text: str) -> RuleContext:
    return RuleContext.build(build_outline(parse_bytes(text.encode(), "draft.md", "md")))


def _queries() -> list[tuple[str, Query, frozenset[str]]]:
    found = []
    for rule in builtin_registry().rules:
        include = opted_in(rule.family, rule.include)
        for text in (rule.query, rule.unless_anywhere):
            if text:
                found.append((rule.code, parse_query(text), include))
    packs = ROOT / "speclint" / "rules" / "packs" / "concepts.toml"
    for concept in tomllib.loads(packs.read_text(encoding="utf-8"))["concepts"]:
        found.append((concept["name"], parse_query("@" + concept["name"]), frozenset({"denied"})))
    return found


def _documents() -> list[tuple[str, str]]:
    return draft_and_corpus_documents(slice(None, None, 2), 1200)


@pytest.mark.parametrize(("name", "text"), _documents(), ids=lambda v: str(v)[:40])
def test_every_query_holds_anywhere_as_over_one_joined_analysis(name: str, text: str) -> None:
    joined, split = _context(text), _context(text)
    for code, query, include in _queries():
        for affirmed in (True, False):
            expected = _joined(joined, query, include, affirmed)
            assert split.holds_anywhere(query, include, affirmed) is expected, (code, affirmed)


@pytest.mark.parametrize(
    ("query", "local"),
    [
        ("supervision", True),
        ('"protected time" OR funded*', True),
        ("supervision /s funded", True),
        ("supervision w/4 NOT funded", True),
        ("NEG(funded)", True),
        ("supervision AND funded", False),
        ("NOT funded", False),
        ("supervision /s (funded AND NOT cut)", False),
    ],
)
def test_what_keeps_to_its_unit(query: str, local: bool) -> None:
    parsed = parse_query(query)
    tree = parsed.query if isinstance(parsed, Concept) else parsed
    assert unit_local(tree) is local


@pytest.mark.parametrize(
    ("query", "holds"),
    [
        ("supervision AND funded", True),  # in two units: the document holds both
        ("supervision /s funded", False),  # never in one sentence
        ("NOT funded", False),
        ("NOT cut", True),
        ("(supervision AND NOT cut) OR nothing", True),
        ("(supervision w/3 NOT monthly) AND funded", False),
    ],
)
def test_a_document_holds_what_its_units_hold_together(query: str, holds: bool) -> None:
    text = "# Spec\n\n1.1 Staff get supervision monthly.\n\n1.2 The time is funded.\n"
    ctx = _context(text)
    parsed = parse_query(query)
    assert ctx.holds_anywhere(parsed, frozenset()) is holds
    assert _joined(_context(text), parsed, frozenset(), True) is holds
