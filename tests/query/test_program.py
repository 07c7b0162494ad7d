"""Compiled queries (``speclint.query.program``) give the hits the tree-walking handlers give.

Every rule's query and every concept is run both ways over the rule examples and a
draft, unit by unit, in both negation modes, with the pre-filter's pruning (and in one
unit in five without it), each way with memos of its own so that neither borrows the
other's results.
"""

from __future__ import annotations

from speclint.parsers import parse_bytes
from speclint.query.ast import Query
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules import all_rules, vocabulary
from speclint.rules.context import RuleContext
from speclint.structure.build import build_outline

#: A draft of our own, with negation, lists, numbers and a quiet section.
DRAFT = """# Schedule 2: Service Specification

## 3. Workforce

3.1 Staff will have monthly reflective supervision, which is not funded separately and
must be met from the existing budget.

3.2 Neither the training days nor the backfill will be paid for by the Council.

3.3 The Provider shall not reduce the hours below 20 per cent of the target, and 5%
of the fee (£12,500) may be withheld where a KPI is missed.

## 4. Definitions

4.1 "Supervision" means a meeting with a line manager.
"""

#: Queries that mix the shapes the handlers take different paths for.
QUERIES = [
    "supervision /s NOT funded",
    "(withh* OR deduct*) /s target*",
    "NEG(@FUNDING)",
    "supervision w/5 (budget OR funded)",
    "payment pre/4 sum",
    "PERCENT >= 5 /s (withheld OR withhold*)",
    '(supervision OR "reflective supervision" OR @FUNDING OR budg* OR fee OR supervision)',
    "(training OR backfill) w/8 NOT paid",
]


def _queries() -> list[Query]:
    texts = {q for rule in all_rules() for q in (rule.query, rule.unless_anywhere) if q}
    texts.update("@" + concept.name for concept in vocabulary().pack.concepts)
    texts.update(QUERIES)
    return [parse_query(text) for text in sorted(texts)]


def _texts() -> list[str]:
    texts = [DRAFT]
    for rule in all_rules():
        texts += [*rule.tests.fail, *rule.tests.pass_]
    return texts


def test_compiled_queries_give_the_handlers_hits() -> None:
    """``run`` (compiled) and ``interpret`` (the handlers) agree on every query and unit."""
    outline = build_outline(parse_bytes("\n\n".join(_texts()).encode(), "d.md", "md"))
    ctx = RuleContext.build(outline)
    queries = _queries()
    allowed = [frozenset(ctx.could_match(query)) for query in queries]
    compared = held = 0
    for unit in range(len(outline.units)):
        analysis = ctx.analyses[unit]
        view = analysis.prefilter
        skip = ctx.skipped_sentences(unit)
        # Each way keeps its own memos (one with the pre-filter, one without), shared by
        # its queries as a lint shares them.
        memos: dict[tuple[bool, bool], dict] = {}
        for query, units in zip(queries, allowed, strict=True):
            if unit not in units:
                continue
            for affirmed in (True, False):
                # Unpruned, every part of every tree is walked: one unit in five is enough.
                for pruned in (True, False) if unit % 5 == 0 else (True,):
                    analysis.prefilter = view if pruned else None
                    try:
                        analysis.memo = memos.setdefault((True, pruned), {})
                        fast = Evaluator(analysis, affirmed, skip).run(query)
                        analysis.memo = memos.setdefault((False, pruned), {})
                        slow = Evaluator(analysis, affirmed, skip).interpret(query)
                    finally:
                        analysis.prefilter = view
                    assert fast == slow, (unit, affirmed, pruned)
                    compared += 1
                    held += slow is not None
    assert held > 1000 and compared > 2 * held
