"""The hand-written query reader (``speclint.query.grammar``) against ``query.lark``.

``query.lark`` stays the language's reference. Here lark reads it, and its trees are held
equal to the hand-written reader's on every string of the built-in packs that lark
accepts (every rule query, context query, check option and concept), and on generated
queries; where lark refuses a generated query, the reader must refuse it too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import tomllib
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from speclint.errors import QuerySyntaxError
from speclint.query import grammar
from speclint.query.ast import And, Concept, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term
from speclint.query.parser import _words


def _placeholder(name: str, at: int) -> Query:
    return Concept(name, Term(name.lower()))


@v_args(inline=True)
class _Reference(Transformer[Token, Query]):
    """lark's tree as speclint's, built as the reader builds it."""

    def concept(self, token: Token) -> Query:
        return _placeholder(str(token)[1:].upper(), token.start_pos or 0)

    def neg(self, item: Query) -> Query:
        return Neg(item)

    def term(self, token: Token) -> Query:
        words = _words(str(token))
        return words[0] if len(words) == 1 else Phrase(words)

    def phrase(self, token: Token) -> Query:
        words = _words(str(token)[1:-1])
        if not words:
            raise ValueError("an empty phrase")
        return Phrase(words) if len(words) > 1 else words[0]

    def number(self, kind: Token, op: Token | None = None, value: Token | None = None) -> Query:
        return NumberTest(
            str(kind).lower(),  # type: ignore[arg-type]
            "==" if str(op) == "=" else (str(op) if op is not None else None),
            float(value) if value is not None else None,
        )

    def or_(self, *items: Query) -> Query:
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self, *items: Query) -> Query:
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_(self, item: Query) -> Query:
        return Not(item)

    def near(self, *parts: Query | Token) -> Query:
        left = parts[0]
        assert not isinstance(left, Token)
        for i in range(1, len(parts), 2):
            op = str(parts[i]).lower()
            right = parts[i + 1]
            assert not isinstance(right, Token)
            if op in ("/s", "/c"):
                left = Near(left, right, "s" if op == "/s" else "c")
            else:
                kind, _, distance = op.partition("/")
                left = Near(left, right, "pre" if kind == "pre" else "w", int(distance))
        return left


_LARK = Lark(
    resources.files("speclint.query").joinpath("query.lark").read_text("utf-8"),
    parser="lalr",
    maybe_placeholders=False,
)


def _by_lark(query: str) -> Query | int:
    """lark's tree of ``query``, or the column where lark refuses it."""
    try:
        tree = _LARK.parse(query)
    except UnexpectedInput as error:
        eof = isinstance(error, UnexpectedEOF) or (
            isinstance(error, UnexpectedToken) and error.token.type == "$END"
        )
        column = getattr(error, "column", None)
        return len(query) + 1 if eof or not isinstance(column, int) or column < 1 else column
    try:
        return _Reference().transform(tree)
    except VisitError:
        return 1


def _by_reader(query: str) -> Query | int:
    try:
        return grammar.read(query, _placeholder, _words)
    except QuerySyntaxError as error:
        return error.column


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def _pack_strings() -> list[tuple[str, str]]:
    """Every string of the built-in packs, with the key it stands under."""
    packs = resources.files("speclint.rules").joinpath("packs")
    found: set[tuple[str, str]] = set()
    for entry in packs.iterdir():
        if entry.name.endswith(".toml"):
            found.update(_strings(tomllib.loads(entry.read_text("utf-8"))))
    return sorted(found)


def test_every_query_of_the_packs_reads_as_lark_reads_it() -> None:
    queries = 0
    for key, text in _pack_strings():
        expected = _by_lark(text)
        if key in ("query", "unless_in_context"):
            assert not isinstance(expected, int), text  # every query is one
            queries += 1
        elif isinstance(expected, int):
            continue  # a message, a doc or an example: not a query
        assert _by_reader(text) == expected, text
    assert queries > 600  # every rule's query and every concept's


_ATOMS = (
    "payment",
    "withh*",
    "re-tender*",
    "£5",
    "5%",
    '"at risk"',
    "'key target*'",
    "PERCENT",
    "MONEY >= 5",
    "NUMBER < 2.5",
    "PERCENT = 50",
    "@FUNDING",
    "@money_at_risk",
    "*",
    "2026",
)
_NEAR = ("/s", "/c", "/S", "w/5", "W/12", "pre/3", "PRE/1")


def _generated(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice(_ATOMS)
    if roll < 0.45:
        return " OR ".join(_generated(rng, depth + 1) for _ in range(rng.randint(2, 4)))
    if roll < 0.6:
        right = _generated(rng, depth + 1)
        return (
            f"{_generated(rng, depth + 1)} {rng.choice(_NEAR)} {'NOT ' * rng.randint(0, 1)}{right}"
        )
    if roll < 0.7:
        return f"NOT {_generated(rng, depth + 1)}"
    if roll < 0.8:
        return f"NEG({_generated(rng, depth + 1)})"
    if roll < 0.9:
        return f"({_generated(rng, depth + 1)})"
    return " AND ".join(_generated(rng, depth + 1) for _ in range(rng.randint(2, 3)))


def _broken(rng: random.Random, query: str) -> str:
    """``query`` with one token dropped, doubled or swapped for a stray one."""
    tokens = query.replace("(", " ( ").replace(")", " ) ").split()
    at = rng.randrange(len(tokens))
    roll = rng.random()
    if roll < 0.3:
        del tokens[at]
    elif roll < 0.6:
        tokens.insert(at, tokens[at])
    else:
        tokens[at] = rng.choice(("AND", "OR", "/s", "w/2", ">=", "NEG", "é", '"open', "NOT"))
    return " ".join(tokens)


def _keyword_as_word(query: str) -> bool:
    """Whether the reader refuses ``query`` at a keyword standing where a term should be.

    Or at a bare ``*``, which lark took for a phrase of no words (that crashed the lint).
    """
    try:
        grammar.read(query, _placeholder, _words)
    except QuerySyntaxError as error:
        return error.problem.startswith(
            ("'AND'", "'OR'", "unexpected 'NOT'", "unexpected 'NEG'", "a '*' needs")
        )
    return False


def _alike(query: str) -> bool:
    """Whether the reader agrees with lark on ``query`` (see the module's docstring)."""
    expected, got = _by_lark(query), _by_reader(query)
    if isinstance(expected, int):
        # Refused by both; the column may differ where lark, finding a keyword where it
        # wants a term, reads it as a word and stumbles a token later.
        return isinstance(got, int)
    # Accepted by lark: read alike, or refused where lark took a keyword for a word
    # ("payment AND AND fee", "a OR NOT b") or a bare "*" for a phrase; no query of the
    # packs does either.
    return got == expected or (isinstance(got, int) and _keyword_as_word(query))


@pytest.mark.parametrize("seed", range(4))
def test_generated_queries_read_alike(seed: int) -> None:
    rng = random.Random(seed)
    refused = 0
    for _ in range(500):
        query = _generated(rng)
        assert _alike(query), query
        broken = _broken(rng, query)
        if "(" in broken and broken.count("(") != broken.count(")"):
            continue  # parse_query refuses unbalanced brackets before either reader
        assert _alike(broken), broken
        refused += isinstance(_by_reader(broken), int)
    assert refused > 50  # the broken queries do reach the error paths
