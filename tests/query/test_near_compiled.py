"""Proximity, ``AND``, concepts and the pre-filter's node test run in C agree with Python.

``speclint/_scan.c``'s ``near_hits``, ``and_hits``, ``concept_hits`` and ``checked_hits``
stand in for the Python ``run`` of :func:`speclint.query.program._near`, ``_and``,
``_concept`` and the ``checked`` wrapper of ``_compile`` unless ``SPECLINT_PURE_QUERY``
is set. ``tests/query/test_or_compiled.py`` compares the two ways over every rule and
concept; here generated connectors meet generated sentences full of negation cues, so
that every edge of the pairing is tried: each kind (sentence, clause, ordered and
unordered distance), distances from 0 up across the bounds, hits of one and of several
tokens, negated hits lent and borrowed cues, nested connectors (lenient sides), blockers,
both negation modes and a skipped sentence. The tree-walking handlers
(:meth:`Evaluator.interpret`) are held to the same hits.
"""

from __future__ import annotations

import random

import pytest
from helpers import programs_cleared

from speclint.query import program
from speclint.query.analysis import Analysis, analyse
from speclint.query.ast import And, Concept, Near, Neg, Not, Or, Phrase, Query, Term
from speclint.query.evaluate import Evaluator
from speclint.structure import text_unit

_COMPILED = pytest.mark.skipif(
    program._near_hits is None, reason="built without a C compiler: only the Python run exists"
)

#: Pieces of sentences of our own: negation cues of several kinds, lists, commas.
_PIECES = [
    "the fee will not be paid",
    "no training is funded",
    "staff receive supervision",
    "neither the fee nor the travel is paid",
    "the budget covers training and supervision",
    "payment is made without delay",
    "the provider never pays the fee",
    "travel time is paid monthly",
    "the council funds training",
    "supervision is not included in the fee",
    "the fee rises each year",
]

_WORDS = ["fee", "paid", "training", "supervision", "travel", "budget", "funded", "staff"]
_KINDS = ["s", "c", "w", "pre"]


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(_PIECES) for _ in range(rng.randint(1, 3))]
    joints = [rng.choice([", and ", ", but ", " and ", "; ", " while "]) for _ in parts[1:]]
    text = parts[0]
    for joint, part in zip(joints, parts[1:], strict=True):
        text += joint + part
    return text[0].upper() + text[1:] + "."


def _leaf(rng: random.Random) -> Query:
    pick = rng.random()
    if pick < 0.45:
        return Term(rng.choice(_WORDS))
    if pick < 0.6:
        return Term(rng.choice(["pai", "fund", "train", "supervis"]), True)
    if pick < 0.75:
        return Phrase(tuple(Term(w) for w in rng.choice([("the", "fee"), ("travel", "time")])))
    if pick < 0.9:
        return Or((Term(rng.choice(_WORDS)), Term(rng.choice(_WORDS)), Term("fee")))
    return Neg(Term(rng.choice(_WORDS)))


def _query(rng: random.Random, depth: int = 0) -> Query:
    if depth >= 2 or rng.random() < 0.3:
        return _leaf(rng)
    pick = rng.random()
    if pick < 0.7:
        right = _query(rng, depth + 1)
        if rng.random() < 0.15:
            right = Not(right)
        kind = rng.choice(_KINDS)
        distance = rng.randint(0, 6) if kind in ("w", "pre") else 0
        return Near(_query(rng, depth + 1), right, kind, distance)  # type: ignore[arg-type]
    if pick < 0.85:
        return And((_query(rng, depth + 1), _query(rng, depth + 1)))
    return Concept("GENERATED", _query(rng, depth + 1))


def _run(analyses: list[Analysis], queries: list[Query], interpret: bool = False) -> list:
    out = []
    for analysis in analyses:
        skips = [frozenset(), frozenset({0})]
        for affirmed in (True, False):
            for skip in skips:
                analysis.memo = {}  # each way and mode with a memo of its own
                for query in queries:
                    ev = Evaluator(analysis, affirmed, skip)
                    out.append(ev.interpret(query) if interpret else ev.run(query))
    return out


@_COMPILED
def test_generated_connectors_agree_in_c_and_python(
    monkeypatch: pytest.MonkeyPatch, fresh_programs: None
) -> None:
    rng = random.Random(18)
    analyses = [
        analyse(text_unit(" ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))))
        for _ in range(60)
    ]
    queries = [_query(rng) for _ in range(250)]
    monkeypatch.delenv("SPECLINT_PURE_QUERY", raising=False)
    assert program.compiled_or()
    in_c = _run(analyses, queries)
    programs_cleared()
    monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    in_python = _run(analyses, queries)
    walked = _run(analyses, queries, interpret=True)
    assert len(in_c) == len(in_python) == len(walked)
    held = sum(found is not None for found in in_c)
    assert held > len(in_c) // 10  # the cases are not all empty
    negated = sum(
        1
        for analysis in analyses
        for tok in analysis.tokens
        if tok.negated_by  # the sentences do give the pairing cues to judge
    )
    assert negated > 50
    for k, (c, python, tree) in enumerate(zip(in_c, in_python, walked, strict=True)):
        assert c == python == tree, (k, queries[k % len(queries)])


@_COMPILED
@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(
    ("kind", "distance", "expected"),
    [
        # "the fee rises each year and staff receive supervision": fee=1, supervision=8.
        ("w", 6, None),
        ("w", 7, [(1, 1), (8, 8)]),
        ("pre", 7, [(1, 1), (8, 8)]),
        ("s", 0, [(1, 1), (8, 8)]),
    ],
)
def test_distance_bounds(
    monkeypatch: pytest.MonkeyPatch,
    fresh_programs: None,
    pure: bool,
    kind: str,
    distance: int,
    expected: list | None,
) -> None:
    if pure:
        monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    else:
        monkeypatch.delenv("SPECLINT_PURE_QUERY", raising=False)
    analysis = analyse(text_unit("The fee rises each year and staff receive supervision."))
    words = [t.norm for t in analysis.tokens]
    assert (words.index("fee"), words.index("supervision")) == (1, 8)
    forward = Near(Term("fee"), Term("supervision"), kind, distance)  # type: ignore[arg-type]
    backward = Near(Term("supervision"), Term("fee"), kind, distance)  # type: ignore[arg-type]
    assert Evaluator(analysis).run(forward) == expected
    # Order matters only to "pre": the other kinds pair either way round.
    assert Evaluator(analysis).run(backward) == (None if kind == "pre" else expected)


def _counting_pairs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of every compiled connector's Python pairing (C's fallback)."""
    calls = [0]
    real = program._pairs

    def counted(query: Near):  # type: ignore[no-untyped-def]
        pairs = real(query)

        def pairing(*args):  # type: ignore[no-untyped-def]
            calls[0] += 1
            return pairs(*args)

        return pairing

    monkeypatch.setattr(program, "_pairs", counted)
    return calls


@_COMPILED
def test_small_sides_are_paired_in_c_and_very_large_ones_handed_to_python(
    monkeypatch: pytest.MonkeyPatch, fresh_programs: None
) -> None:
    monkeypatch.delenv("SPECLINT_PURE_QUERY", raising=False)
    calls = _counting_pairs(monkeypatch)
    near = Near(Term("fee"), Term("paid"), "w", 3)
    cued = analyse(text_unit("The fee is not paid, and the travel fee is paid monthly."))
    plain = analyse(text_unit("The fee is paid monthly and the travel fee is paid weekly."))
    found = [Evaluator(a, affirmed).run(near) for a in (cued, plain) for affirmed in (True, False)]
    assert any(found) and calls == [0]  # with cues and without, C paired them itself
    # 150 sentences give sides of 300 hits each: more pairs than C tries one by one.
    many = analyse(text_unit(" ".join(["The fee is not paid and the fee is paid."] * 150)))
    in_c = [Evaluator(many, affirmed).run(near) for affirmed in (True, False)]
    assert calls[0] > 0
    programs_cleared()
    monkeypatch.setenv("SPECLINT_PURE_QUERY", "1")
    in_python = [Evaluator(many, affirmed).run(near) for affirmed in (True, False)]
    assert in_c == in_python and any(in_c)
