"""A proximity connector asked of a whole document reads only the units that decide it.

:meth:`RuleContext.holds_anywhere` evaluates a proximity connector that does not keep to
its unit (an ``AND`` or a ``NOT`` inside it asks about the whole run of units) over one
analysis joining the units that can decide it: those where it can have hits
(:meth:`RuleContext._reach`) and those that answer each ``AND`` and ``NOT`` inside it as
the whole document does (:meth:`RuleContext._answering`). Before the seventeenth speed
pass of issue 18 it joined every unit holding a word of either side, and of each such
``AND`` or ``NOT``. These tests hold the narrower reading to the widest there is, one
analysis joining every unit of the document, for every such connector of the packs and
for connectors made to catch a unit left out.
"""

from __future__ import annotations

import pytest
from helpers import draft_and_corpus_documents
from test_holds_anywhere import _queries

from speclint.parsers import parse_bytes
from speclint.query.ast import And, Concept, Near, Neg, Not, Or, Query
from speclint.query.evaluate import Evaluator, unit_local
from speclint.query.parser import parse_query
from speclint.rules.context import RuleContext
from speclint.structure.build import build_outline


def _context(text: str) -> RuleContext:
    return RuleContext.build(build_outline(parse_bytes(text.encode(), "draft.md", "md")))


def _whole(ctx: RuleContext, query: Query, include: frozenset[str], affirmed: bool) -> bool:
    """``query`` over one analysis joining every unit of the document."""
    units = range(len(ctx.outline.units))
    skip = ctx.document_skips(include, units)
    return Evaluator(ctx.document(units), affirmed, skip).run(query) is not None


def _connectors() -> list[tuple[str, Near]]:
    """Every proximity connector of the packs that does not keep to its unit, once each."""
    seen: set[int] = set()
    found: list[tuple[str, Near]] = []

    def walk(code: str, query: Query) -> None:
        if id(query) in seen:
            return
        seen.add(id(query))
        if isinstance(query, Near):
            if not unit_local(query):
                found.append((code, query))
            walk(code, query.left)
            walk(code, query.right)
        elif isinstance(query, (Or, And)):
            for item in query.items:
                walk(code, item)
        elif isinstance(query, (Not, Neg)):
            walk(code, query.item)
        elif isinstance(query, Concept):
            walk(code, query.query)

    for code, query, _ in _queries():
        walk(code, query)
    return found


def _documents() -> list[tuple[str, str]]:
    return draft_and_corpus_documents(slice(1, None, 3), 900)


def test_the_packs_have_such_connectors() -> None:
    assert len(_connectors()) >= 20


@pytest.mark.parametrize(("name", "text"), _documents(), ids=lambda v: str(v)[:40])
def test_every_connector_of_the_packs_as_over_the_whole_document(name: str, text: str) -> None:
    whole, narrow = _context(text), _context(text)
    include = frozenset({"denied"})
    for code, near in _connectors():
        for affirmed in (True, False):
            expected = _whole(whole, near, include, affirmed)
            assert narrow.holds_anywhere(near, include, affirmed) is expected, (code, affirmed)


_TEXT = (
    "# Spec\n\n"
    "1.1 Staff get supervision monthly in protected time.\n\n"
    "1.2 The time is funded.\n\n"
    "1.3 Budgets will be cut.\n\n"
    "1.4 Training is not funded.\n\n"
    "1.5 Caseloads are reduced.\n\n"
    "1.6 Nothing is reduced for carers.\n"
)


@pytest.mark.parametrize(
    "query",
    [
        "supervision /s (monthly AND NOT cut)",  # cut in another unit answers the AND
        "supervision /s (monthly AND NOT budgets)",
        "supervision /s (monthly AND funded)",  # funded only elsewhere, yet the AND holds
        "supervision /s (monthly AND carers)",
        "supervision /s (monthly AND NOT NEG(funded))",  # the negated funding is in 1.4
        "supervision /s (monthly AND NOT NEG(supervision))",
        "(supervision AND funded) w/3 NOT cut",
        "(supervision AND funded) w/3 NOT monthly",
        "(supervision AND NOT training) w/5 protected",
        "(caseloads w/4 (reduced AND NOT NEG(reduced))) OR nothing",
        "caseloads w/4 (reduced AND NOT NEG(reduced))",
        "caseloads w/4 (reduced AND NOT NEG(cut))",
        "training /s (funded AND NOT NEG(funded))",
        "training /s (NEG(funded) AND budgets)",
        "carers /s (reduced AND NOT (supervision /s monthly))",
        "carers /s (reduced AND NOT (supervision /s weekly))",
        "(time OR training) /s ((funded AND NOT cut) OR protected)",
        "budgets /s (cut AND (NOT funded))",
        "budgets /s NEG(cut AND NOT funded)",
        "nowhere /s (funded AND NOT cut)",
        "(nowhere AND NOT cut) /s funded",
    ],
)
def test_connectors_made_to_catch_a_unit_left_out(query: str) -> None:
    parsed = parse_query(query)
    for affirmed in (True, False):
        expected = _whole(_context(_TEXT), parsed, frozenset(), affirmed)
        assert _context(_TEXT).holds_anywhere(parsed, frozenset(), affirmed) is expected
