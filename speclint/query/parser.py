"""Parse rule queries (the language of ``query.lark``) into the tree of :mod:`speclint.query.ast`.

The reading itself is :mod:`speclint.query.grammar`'s; this module splits its words into
terms, resolves concepts, and keeps the parses of the built-in packs' queries between runs.
"""

from __future__ import annotations

import atexit
import contextlib
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from speclint.errors import QuerySyntaxError
from speclint.query import grammar
from speclint.query.ast import Concept, Query, Term
from speclint.query.concepts import Registry
from speclint.query.words import normalise

_SPLIT = re.compile(r"[^\w£%'’*.]+|(?<=\w)[.](?!\d)")


_SPLIT_SEEN: dict[str, tuple[Term, ...]] = {}


def _words(text: str) -> tuple[Term, ...]:
    """The terms of a word or phrase of a query, each split once per process."""
    found = _SPLIT_SEEN.get(text)
    if found is None:
        found = _SPLIT_SEEN[text] = _split(text)
    return found


def _split(text: str) -> tuple[Term, ...]:
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

    def resolve(self, name: str, query: str, at: int) -> Concept:
        """The concept ``name``, named at offset ``at`` of ``query``."""
        found = self.done.get(name)
        if found is not None:
            return found
        if name not in self.registry:
            raise grammar.error_at(query, at, f"unknown concept @{name}")
        if name in self.stack:
            chain = " -> ".join("@" + n for n in [*self.stack[self.stack.index(name) :], name])
            raise grammar.error_at(query, at, f"concept cycle: {chain}")
        self.stack.append(name)
        try:
            body = _parse(self.registry[name], self)
        except QuerySyntaxError as exc:
            if exc.problem.startswith(("concept cycle", "in concept @")):
                raise
            raise QuerySyntaxError(
                self.registry[name], exc.column, f"in concept @{name}: {exc.problem}", exc.line
            ) from None
        finally:
            self.stack.pop()
        concept = self.done[name] = Concept(name, body)
        return concept


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


_RESOLVERS = threading.local()


def _builtin_resolver() -> _Concepts:
    """The one resolver of the built-in concepts for this thread (new if they changed).

    Each concept is parsed once and its tree shared by every query that names it. A
    resolver keeps the chain of concepts it is inside (to refuse a cycle), so threads
    parsing at once each have their own.
    """
    registry = builtin_concepts()
    resolver: _Concepts | None = getattr(_RESOLVERS, "resolver", None)
    if resolver is None or resolver.registry is not registry:
        resolver = _RESOLVERS.resolver = _Concepts(registry)
    return resolver


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
        concepts = _builtin_resolver() if "@" in query else _Concepts({})
    if not query.strip():
        raise QuerySyntaxError(query, 1, "the query is empty")
    return grammar.read(query, lambda name, at: concepts.resolve(name, query, at), _words)
