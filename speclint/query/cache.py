"""Parsed queries cached on disk, so a run does not re-parse every rule's query.

The cache is a file in ``$SPECLINT_CACHE_DIR`` (default
``$XDG_CACHE_HOME/speclint`` or ``~/.cache/speclint``), named after a hash of the query
grammar, the parser, the syntax tree, the concept definitions, speclint's version and
Python's, so a change to any of them starts a new cache. Reading or writing it never
fails a run: a missing, unreadable or unwritable cache only costs the parse. It holds
plain data (dictionaries, lists and texts; each tree as JSON text, decoded when first
read) written with :mod:`marshal`, which reads a few times faster than JSON at start-up
and, unlike pickle, only ever builds values, never runs code; and it is sealed with an
HMAC whose key only this user holds (:mod:`speclint.signing`), checked before it is
read, so a planted or copied file can never replace a rule's query.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from speclint.atomic import write_cache_file
from speclint.query.ast import And, Concept, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term
from speclint.query.prefilter import Need, need_data
from speclint.signing import retire_old_versions, seal, unseal, user_cache_dir
from speclint.version import __version__


def to_data(query: Query, concepts: dict[str, Any] | None = None) -> Any:
    """A JSON-ready form of a parsed query.

    With ``concepts``, each concept is written there once (see :func:`_concept_entry`)
    and the tree names it (``["cref", name]``); without, concepts are written in full.
    """
    if isinstance(query, Term):
        return ["term", query.word, query.prefix]
    if isinstance(query, Phrase):
        return ["phrase", [to_data(w) for w in query.words]]
    if isinstance(query, NumberTest):
        return ["number", query.kind, query.op, query.value]
    if isinstance(query, (Or, And)):
        return [
            "or" if isinstance(query, Or) else "and",
            [to_data(i, concepts) for i in query.items],
        ]
    if isinstance(query, Not):
        return ["not", to_data(query.item, concepts)]
    if isinstance(query, Neg):
        return ["neg", to_data(query.item, concepts)]
    if isinstance(query, Concept):
        if concepts is None:
            return ["concept", query.name, to_data(query.query)]
        _add_concept(query, concepts)
        return ["cref", query.name]
    return [
        "near",
        to_data(query.left, concepts),
        to_data(query.right, concepts),
        query.kind,
        query.distance,
    ]


class _Clash(Exception):
    """Two concepts of one name with different trees: the query is not cached."""


def _add_concept(concept: Concept, concepts: dict[str, Any]) -> None:
    """Write ``concept`` (and the concepts it uses) into ``concepts`` once, by name.

    An entry holds the concept's tree as JSON text, decoded only when a run needs it,
    and the pre-filter's :class:`~speclint.query.prefilter.Need` of it, read first.
    """
    known = concepts.get(concept.name)
    if known is not None and (
        isinstance(concept, CachedConcept) or _WRITTEN.get(concept.name) is concept
    ):
        return  # read from this very file, or this very concept written already
    body = json.dumps(to_data(concept.query, concepts), separators=(",", ":"))
    if known is not None:
        if known["tree"] != body:
            raise _Clash(concept.name)
        return
    concepts[concept.name] = _entry(concept.query, body)
    _WRITTEN[concept.name] = concept


#: The concept each name was last written from during a :func:`save`: a concept met again
#: (every query of a run shares the built-in concepts' trees) is not written a second time.
_WRITTEN: dict[str, Concept] = {}


def _entry(query: Query, tree: str) -> dict[str, Any]:
    """A cached tree (JSON text, decoded when first read) with what the pre-filter needs."""
    return {"need": need_data(query), "anywhere": need_data(query, anywhere=True), "tree": tree}


def from_data(data: Any, concepts: _Concepts | None = None) -> Query:
    """The parsed query a :func:`to_data` form stands for."""
    tag = data[0]
    if tag == "term":
        return _term(data[1], data[2])
    if tag == "phrase":
        return Phrase(tuple(_term(w[1], w[2]) for w in data[1]))
    if tag == "number":
        return NumberTest(data[1], data[2], data[3])
    if tag in ("or", "and"):
        items = tuple(from_data(i, concepts) for i in data[1])
        return Or(items) if tag == "or" else And(items)
    if tag == "not":
        return Not(from_data(data[1], concepts))
    if tag == "neg":
        return Neg(from_data(data[1], concepts))
    if tag == "concept":
        return Concept(data[1], from_data(data[2], concepts))
    if tag == "cref":
        if concepts is None:
            raise KeyError(data[1])
        return concepts.get(data[1])
    return Near(from_data(data[1], concepts), from_data(data[2], concepts), data[3], data[4])


#: Each word read from the cache, made once: trees share their (immutable) terms, so
#: decoding a concept makes a node only for each word it has not met before.
_TERMS: dict[tuple[str, bool], Term] = {}


def _term(word: str, prefix: bool) -> Term:
    """The :class:`Term` for ``word`` (a stem when ``prefix``), shared by every tree."""
    key = (word, prefix)
    found = _TERMS.get(key)
    if found is None:
        if not isinstance(word, str) or not isinstance(prefix, bool):
            raise TypeError("not a term")
        found = _TERMS[key] = Term(word, prefix)
    return found


class CachedConcept(Concept):
    """A concept read from the cache: its tree is decoded the first time it is read.

    The pre-filter answers from ``need`` (and ``need_anywhere``) without the tree, so a
    run decodes only the concepts some unit's words allow. It compares, hashes and
    pickles as the :class:`~speclint.query.ast.Concept` it stands for. A rule's query
    read from the cache is one too, without a name: evaluating it, like walking it,
    is evaluating its tree.
    """

    need: Need
    need_anywhere: Need

    def __init__(
        self, name: str, entry: dict[str, Any], concepts: _Concepts, source: str | None = None
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "need", Need(entry["need"], concepts.get))
        object.__setattr__(self, "need_anywhere", Need(entry["anywhere"], concepts.get))
        object.__setattr__(self, "_entry", entry)
        object.__setattr__(self, "_concepts", concepts)

    def __getattr__(self, attr: str) -> Any:
        if attr != "query":
            raise AttributeError(attr)
        try:
            tree = from_data(json.loads(self.__dict__["_entry"]["tree"]), self._concepts)
        except (TypeError, IndexError, KeyError, ValueError, RecursionError):
            # Never expected (the file is sealed): parse the text afresh.
            source = self.__dict__["_source"]
            tree = self._concepts.reparse(source if source is not None else "@" + self.name)
            if source is None and isinstance(tree, Concept):
                tree = tree.query
        object.__setattr__(self, "query", tree)
        return tree

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Concept):
            return NotImplemented
        return (self.name, self.query) == (other.name, other.query)

    def __hash__(self) -> int:
        return hash((self.name, self.query))

    def __reduce__(self) -> tuple[type[Concept], tuple[str, Query]]:
        return Concept, (self.name, self.query)


class _Concepts:
    """The cache's concepts, each made once per process (so every query shares it)."""

    def __init__(self, entries: dict[str, Any], reparse: Callable[[str], Query]) -> None:
        self._entries = entries
        #: Parses a query's text against the built-in concepts, should a tree not decode.
        self.reparse = reparse
        self._made: dict[str, CachedConcept] = {}

    def add(self, name: str, entry: Any) -> None:
        """Take in ``name``'s cached entry, unless the table already holds that concept."""
        self._entries.setdefault(name, entry)

    def get(self, name: str) -> CachedConcept:
        """The concept called ``name``; ``KeyError`` when the cache has none."""
        found = self._made.get(name)
        if found is None:
            entry = self._entries[name]
            if not isinstance(entry, dict):
                raise TypeError(name)
            found = self._made[name] = CachedConcept(name, entry, self)
        return found


#: The query-layer files a cached parse depends on: the grammar, the parser and every
#: module of this layer it (or this module) imports, so that changing one starts anew.
KEYED = (
    "query.lark",
    "grammar.py",
    "parser.py",
    "ast.py",
    "words.py",
    "concepts.py",
    "vocabulary.py",
    "cache.py",
    "prefilter.py",
    "analysis.py",
)


@lru_cache(maxsize=1)
def cache_file() -> Path:
    """Where the cache for this grammar and version lives (as this run first read them)."""
    return cache_path()


def cache_path() -> Path:
    """:func:`cache_file` for the files as they are now.

    A run that saves parses checks it against :func:`cache_file` first: if the grammar
    or the concepts changed while it ran, what it parsed may belong to either version,
    and is not saved under the name of the first.
    """
    package = resources.files("speclint.query")
    sources = b"".join(package.joinpath(n).read_bytes() for n in KEYED)
    # Concepts are expanded into the parsed queries, so their definitions are part of the key.
    sources += resources.files("speclint.rules").joinpath("packs/concepts.toml").read_bytes()
    sources += f"{__version__} {sys.version_info[:2]} {marshal.version}".encode()
    key = hashlib.sha256(sources).hexdigest()[:16]
    return user_cache_dir() / f"queries-{key}{SUFFIX}"


#: The cache files' ending: their content is :mod:`marshal` data (after the seal's line).
SUFFIX = ".marshal"


#: Bumped when the file's layout changes (the key above covers this module anyway).
_FORMAT = 3


@lru_cache(maxsize=1)
def _stored() -> dict[str, Any]:
    """The cached ``queries`` and ``concepts``, or nothing (missing, corrupt or not ours)."""
    target = cache_file()
    try:
        content = unseal(target.name, target.read_bytes())
        raw = marshal.loads(content) if content is not None else {}
    except (OSError, ValueError, EOFError, TypeError, RecursionError):
        return {}
    if (
        not isinstance(raw, dict)
        or raw.get("format") != _FORMAT
        or not isinstance(raw.get("queries"), dict)
        or not isinstance(raw.get("concepts"), dict)
    ):
        return {}
    return raw


_TABLE: list[_Concepts] = []


def _concepts(reparse: Callable[[str], Query]) -> _Concepts:
    """The process's one table of concepts, holding every concept the cache file holds now.

    The file is read again after this process saves (:func:`save`), and may then hold
    concepts another process of the run added, which the queries read with them name:
    they join the table. The file's name is keyed on ``concepts.toml``, so a name never
    comes back with another definition.
    """
    concepts = _stored().get("concepts", {})
    if not _TABLE:
        _TABLE.append(_Concepts(dict(concepts), reparse))
    else:
        for name, entry in concepts.items():
            _TABLE[0].add(name, entry)
    return _TABLE[0]


def load(queries: Iterable[str], reparse: Callable[[str], Query]) -> dict[str, Query]:
    """The cached parses of those ``queries`` the cache holds (read once per process).

    ``reparse`` parses a text afresh (against the built-in concepts), for a tree that
    fails to decode.

    Each is a nameless :class:`CachedConcept` (a concept's own definition is that
    concept), so its tree, like every concept's, is decoded only when a unit's words
    let the pre-filter through; concepts are shared by every query.
    """
    stored = _stored().get("queries", {})
    concepts = _concepts(reparse)
    out: dict[str, Query] = {}
    for text in queries:
        entry = stored.get(text)
        if entry is None:
            continue
        try:
            if not isinstance(entry, dict):
                raise TypeError(text)
            if "concept" in entry:
                out[text] = concepts.get(entry["concept"])
            else:
                out[text] = CachedConcept("", entry, concepts, text)
        except (TypeError, IndexError, KeyError, ValueError, AttributeError, RecursionError):
            continue
    return out


def save(parsed: Iterable[tuple[str, Query]]) -> None:
    """Add ``parsed`` to the cache atomically; give up quietly if it cannot be written."""
    target = cache_file()
    if cache_path() != target:
        return  # the grammar or the concepts changed during this run: keep nothing
    _stored.cache_clear()  # what another process of the run saved meanwhile is kept
    _WRITTEN.clear()
    stored = _stored()
    concepts: dict[str, Any] = dict(stored.get("concepts", {}))
    queries: dict[str, Any] = dict(stored.get("queries", {}))
    fresh: dict[str, dict[str, Any]] = {}
    for text, query in parsed:
        grown = dict(concepts)
        try:
            tree = json.dumps(to_data(query, grown), separators=(",", ":"))
        except _Clash:
            continue
        concepts = grown
        fresh[text] = _entry(query, tree)
    # A concept's own definition, cached as a query, is its entry: named, not copied.
    bodies = {entry["tree"]: name for name, entry in concepts.items()}
    for text, entry in fresh.items():
        name = bodies.get(entry["tree"])
        queries[text] = {"concept": name} if name is not None else entry
    data = {"format": _FORMAT, "concepts": concepts, "queries": queries}
    if write_cache_file(target, seal(target.name, marshal.dumps(data))):
        retire_old_versions(target)
