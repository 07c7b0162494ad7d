"""A compiled ``OR`` run in C (``speclint/_scan.c``'s ``or_hits``) and its Python twin agree.

:func:`speclint.query.program._or` makes each ``OR``'s program: the C function when
``speclint._scan`` is built, its Python ``run`` without it or with
``SPECLINT_PURE_QUERY=1``. Every rule's query and every concept is run both ways over the
rule examples, the corpus sentences and a draft of our own, unit by unit, in both
negation modes, with the pre-filter and without it, with no sentence skipped and with the
first skipped; each way compiles its own programs and keeps its own memos.
"""

from __future__ import annotations

import pytest
from helpers import corpus_sentences, programs_cleared

from speclint.parsers import parse_bytes
from speclint.query import program
from speclint.query.ast import Or, Phrase, Query, Term
from speclint.query.evaluate import Evaluator
from speclint.query.parser import parse_query
from speclint.rules import all_rules, vocabulary
from speclint.rules.context import RuleContext
from speclint.structure import text_unit
from speclint.structure.build import build_outline

_COMPILED = pytest.mark.skipif(
    program._or_hits is None, reason="built without a C compiler: only the Python run exists"
)

#: A draft of our own: negation, a word written twice, phrases, numbers, lists.
DRAFT = """# Schedule 3: Payment

3.1 The fee will not be increased, and no extra payment is made for training or backfill.

3.2 Staff supervision will be funded; reflective supervision is not funded separately.

3.3 The Provider shall report the number of contacts made and visits completed each month.

3.4 Neither the mileage nor the travel time will be paid, and 10% of the fee may be withheld.
"""


def _queries() -> list[Query]:
    texts = {q for rule in all_rules() for q in (rule.query, rule.unless_anywhere) if q}
    texts.update("@" + concept.name for concept in vocabulary().pack.concepts)
    texts.add('(fee OR fee OR "extra payment" OR paid OR paid* OR @FUNDING OR PERCENT > 5)')
    return [parse_query(text) for text in sorted(texts)]


def _run_all(ctx: RuleContext, queries: list[Query], units: list[frozenset[int]]) -> list:
    """Every query's hits in every unit it may match, in four ways, in this mode."""
    out = []
    for unit in range(len(ctx.outline.units)):
        analysis = ctx.analyses[unit]
        # A memo for each way of running, shared by the unit's queries as a lint shares it.
        memos: dict[tuple[bool, frozenset[int]], dict] = {}
        view = analysis.prefilter
        sentences = len(ctx.outline.units[unit].sentences)
        skips = [frozenset()] + ([frozenset({0})] if sentences > 1 else [])
        for query, allowed in zip(queries, units, strict=True):
            if unit not in allowed:
                continue
            for affirmed in (True, False):
                for pruned in (True, False) if unit % 4 == 0 else (True,):
                    for skip in skips:
                        analysis.prefilter = view if pruned else None
                        analysis.memo = memos.setdefault((pruned, skip), {})
                        try:
                            found = Evaluator(analysis, affirmed, skip).run(query)
                        finally:
                            analysis.prefilter = view
                        out.append((unit, affirmed, pruned, skip, found))
    return out


@_COMPILED
def test_compiled_or_gives_the_python_runs_hits(
    monkeypatch: pytest.MonkeyPatch, fresh_programs: None
) -> None:
    """The C ``or_hits`` and the Python ``run`` agree on every query and unit."""
    texts = [DRAFT]
    for rule in all_rules():
        texts += [*rule.tests.fail, *rule.tests.pass_]
    texts += corpus_sentences()[::7]
    outline = build_outline(parse_bytes("\n\n".join(texts).encode(), "d.md", "md"))
    queries = _queries()

    def run() -> list:
        ctx = RuleContext.build(outline)  # fresh analyses: memos of their own
        return _run_all(ctx, queries, [frozenset(ctx.could_match(q)) for q in queries])

    monkeypatch.delenv("SPECLINT_PURE_QUERY", raising=False)
    assert program.compiled_or()
    in_c = run()
    programs_cleared()
    monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    assert not program.compiled_or()
    in_python = run()
    assert len(in_c) == len(in_python)
    assert sum(found is not None for *_, found in in_c) > 1000
    for c, python in zip(in_c, in_python, strict=True):
        assert c == python, c[:4]


def _or(*items: Query) -> Or:
    return Or(tuple(items))


@_COMPILED
@pytest.mark.parametrize("pure", [False, True])
def test_or_program_hits(monkeypatch: pytest.MonkeyPatch, fresh_programs: None, pure: bool) -> None:
    """Words written twice count twice, phrases need their other words, negation is heeded."""
    if pure:
        monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    else:
        monkeypatch.delenv("SPECLINT_PURE_QUERY", raising=False)
    from speclint.query.analysis import analyse

    fee, paid = Term("fee"), Term("paid")
    query = _or(fee, fee, Phrase((Term("extra"), Term("payment"))), paid, Term("pay", True))
    text = "The fee rises. No extra payment is paid. The fee is paid."
    analysis = analyse(text_unit(text), 0, 0)
    words = [t.norm for t in analysis.tokens]
    at = {w: [i for i, x in enumerate(words) if x == w] for w in ("fee", "extra", "paid")}
    run = program.compiled(query)
    strict = sorted(run(Evaluator(analysis, True)) or [])
    lenient = sorted(run(Evaluator(analysis, False)) or [])
    fees = [(i, i) for i in at["fee"]]
    # Negated by "No": the phrase, "paid" and "payment" (a stem hit) in the second sentence.
    assert strict == sorted([*fees, *fees, (at["paid"][1], at["paid"][1])])
    assert (at["extra"][0], at["extra"][0] + 1) in lenient
    assert lenient.count(fees[0]) == 2
    # Kept when negated: the phrase, "payment" (the stem's hit) and the first "paid".
    assert len(lenient) == len(strict) + 3
    skipped = run(Evaluator(analysis, False, frozenset({0})))
    assert skipped is not None and fees[0] not in skipped and fees[1] in skipped
    assert run(Evaluator(analyse(text_unit("Nothing here."), 0, 0), True)) is None
