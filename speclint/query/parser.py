"""Parse rule queries (``query.lark``) into the typed tree in :mod:`speclint.query.ast`."""

from __future__ import annotations

import atexit
import contextlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from speclint.errors import QuerySyntaxError
from speclint.query.ast import And, Concept, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term
from speclint.query.concepts import Registry
from speclint.query.words import normalise

_SPLIT = re.compile(r"[^\w£%'’*.]+|(?<=\w)[.](?!\d)")
_NAMES = {
    "AND": "AND",
    "OR": "OR",
    "NOT": "NOT",
    "NEAR": "a connector (/s, /c, w/N, pre/N)",
    "WORD": "a word",
    "PHRASE": "a quoted phrase",
    "LPAR": "'('",
    "RPAR": "')'",
    "NUMKIND": "PERCENT, MONEY or NUMBER",
    "CMP": "a comparison such as >=",
    "NUMBER": "a number",
    "CONCEPT": "a concept such as @FUNDING",
    "NEG": "NEG(...)",
}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("speclint.query").joinpath("query.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", cache=True, maybe_placeholders=False)


def _words(text: str) -> tuple[Term, ...]:
    out: list[Term] = []
    for raw in _SPLIT.split(normalise(text)):
        raw = raw.strip("'.")
        if not raw or raw == "*":
            continue
        prefix = raw.endswith("*")
        out.append(Term(raw.rstrip("*"), prefix))
    return tuple(out)


class _Concepts:
    """Resolves ``@NAME`` against a registry, each concept parsed once, cycles refused."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.done: dict[str, Concept] = {}
        self.stack: list[str] = []

    def resolve(self, name: str, query: str, column: int) -> Concept:
        found = self.done.get(name)
        if found is not None:
            return found
        if name not in self.registry:
            raise QuerySyntaxError(query, column, f"unknown concept @{name}")
        if name in self.stack:
            chain = " -> ".join("@" + n for n in [*self.stack[self.stack.index(name) :], name])
            raise QuerySyntaxError(query, column, f"concept cycle: {chain}")
        self.stack.append(name)
        try:
            body = _parse(self.registry[name], self)
        except QuerySyntaxError as exc:
            if exc.problem.startswith(("concept cycle", "in concept @")):
                raise
            raise QuerySyntaxError(
                self.registry[name], exc.column, f"in concept @{name}: {exc.problem}"
            ) from None
        finally:
            self.stack.pop()
        concept = self.done[name] = Concept(name, body)
        return concept


@v_args(inline=True)
class _ToAst(Transformer[Token, Query]):
    def __init__(self, concepts: _Concepts, query: str) -> None:
        super().__init__()
        self._concepts = concepts
        self._query = query

    def concept(self, token: Token) -> Query:
        return self._concepts.resolve(str(token)[1:].upper(), self._query, token.column or 1)

    def neg(self, item: Query) -> Query:
        return Neg(item)

    def term(self, token: Token) -> Query:
        words = _words(str(token))
        if len(words) == 1:
            return words[0]
        return Phrase(words)

    def phrase(self, token: Token) -> Query:
        words = _words(str(token)[1:-1])
        if not words:
            raise ValueError("an empty phrase")
        return Phrase(words) if len(words) > 1 else words[0]

    def number(self, kind: Token, op: Token | None = None, value: Token | None = None) -> Query:
        name = str(kind).lower()
        assert name in ("percent", "money", "number")
        return NumberTest(
            name,  # type: ignore[arg-type]
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


def _explain(error: UnexpectedInput, query: str) -> str:
    if isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        return "the query ends too early: something is missing after the last word"
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream or 0
        char = query[pos] if pos < len(query) else ""
        if char == '"':
            return "a phrase is missing its closing quote"
        return f"unexpected character {char!r}"
    if isinstance(error, UnexpectedToken):
        expected = sorted({_NAMES.get(e, e) for e in error.expected if not e.startswith("__")})
        got = str(error.token)
        hint = f"; expected {', '.join(expected)}" if expected and len(expected) <= 6 else ""
        if got in ("AND", "OR") or got.startswith("/"):
            return f"'{got}' needs a term on each side{hint}"
        if got == ")":
            return f"unexpected ')' (unbalanced brackets?){hint}"
        return f"unexpected {got!r}{hint}"
    return str(error)


_PARSED: dict[str, Query] = {}
_FRESH: set[str] = set()  # parsed in this process, not yet in the on-disk cache
_AT_EXIT: list[bool] = []


def preload(queries: Iterable[str]) -> None:
    """Take the parses of ``queries`` from the on-disk cache where it has them."""
    from speclint.query import cache

    _PARSED.update(cache.load((q for q in queries if q not in _PARSED), _parse))


def cached(query: str) -> Query | None:
    """The parse of ``query`` against the built-in concepts, if this process has it."""
    return _PARSED.get(query)


def remember(query: str, parsed: Query) -> None:
    """Keep ``parsed``, a parse against the built-in concepts, for this run and the next."""
    _PARSED[query] = parsed
    if not _AT_EXIT:
        # A query first parsed while linting (a check's own) is kept when the process ends;
        # a worker process ends without atexit handlers, so it keeps them between files.
        from speclint.workers import between_tasks

        atexit.register(persist)
        between_tasks(persist)
        _AT_EXIT.append(True)
    _FRESH.add(query)


def persist() -> None:
    """Add the queries parsed in this process to the on-disk cache.

    Workers of one run save at the same time: each holds a lock on the cache while it
    reads what the others saved and adds its own, so that none is lost.
    """
    from speclint.query import cache

    if not _FRESH:
        return
    with _locked(cache.cache_file()):
        cache.save((q, _PARSED[q]) for q in _FRESH)
    _FRESH.clear()


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``target`` (none where the platform has no ``flock``)."""
    try:
        import fcntl

        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target.with_suffix(".lock"), "a", encoding="utf-8")  # noqa: SIM115
    except (ImportError, OSError):
        yield
        return
    with handle:
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def builtin_concepts() -> Registry:
    """The concepts defined in ``speclint/rules/packs/concepts.toml``."""
    from speclint.query.vocabulary import builtin_vocabulary

    return builtin_vocabulary().registry


def parse_query(query: str, concepts: Registry | None = None) -> Query:
    """Parse ``query``; raise :class:`QuerySyntaxError` pointing at the faulty column.

    ``@NAME`` is resolved against ``concepts`` (default: the built-in concepts); only
    queries parsed against the built-in concepts are cached.
    """
    if concepts is not None:
        return _parse(query, _Concepts(concepts))
    found = _PARSED.get(query)
    if found is None:
        preload((query,))  # a check's own query, say, cached by an earlier run
        found = _PARSED.get(query)
    if found is None:
        found = _parse(query)
        remember(query, found)
    return found


def _parse(query: str, concepts: _Concepts | None = None) -> Query:
    if concepts is None:  # uncached, against the built-in concepts
        concepts = _Concepts(builtin_concepts() if "@" in query else {})
    if not query.strip():
        raise QuerySyntaxError(query, 1, "the query is empty")
    if query.count("(") != query.count(")"):
        col = (query.rindex("(") if query.count("(") > query.count(")") else query.rindex(")")) + 1
        raise QuerySyntaxError(query, col, "unbalanced brackets")
    try:
        tree = _parser().parse(query)
    except UnexpectedInput as error:
        column = getattr(error, "column", None)
        eof = isinstance(error, UnexpectedEOF) or (
            isinstance(error, UnexpectedToken) and error.token.type == "$END"
        )
        if eof or not isinstance(column, int) or column < 1:
            column = len(query) + 1
        raise QuerySyntaxError(query, column, _explain(error, query)) from None
    try:
        return _ToAst(concepts, query).transform(tree)
    except Exception as error:  # a VisitError wrapping our ValueError or QuerySyntaxError
        cause = getattr(error, "orig_exc", error)
        if isinstance(cause, QuerySyntaxError):
            raise cause from None
        raise QuerySyntaxError(query, 1, str(cause)) from None
