"""Parsed queries cached on disk, so a run does not re-parse every rule's query.

The cache is a JSON file in ``$SPECLINT_CACHE_DIR`` (default
``$XDG_CACHE_HOME/speclint`` or ``~/.cache/speclint``), named after a hash of the query
grammar, the parser, the syntax tree, the concept definitions and speclint's version, so
a change to any of them starts a new cache. Reading or
writing it never fails a run: a missing, unreadable or unwritable cache only costs the
parse. JSON rather than pickle, so a cache file can never run code, and sealed with an
HMAC whose key only this user holds (:mod:`speclint.signing`), so a planted or copied
file can never replace a rule's query.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from speclint.query.ast import And, Concept, Near, Neg, Not, NumberTest, Or, Phrase, Query, Term
from speclint.signing import seal, unseal, user_cache_dir
from speclint.version import __version__


def to_data(query: Query) -> Any:
    """A JSON-ready form of a parsed query."""
    if isinstance(query, Term):
        return ["term", query.word, query.prefix]
    if isinstance(query, Phrase):
        return ["phrase", [to_data(w) for w in query.words]]
    if isinstance(query, NumberTest):
        return ["number", query.kind, query.op, query.value]
    if isinstance(query, (Or, And)):
        return ["or" if isinstance(query, Or) else "and", [to_data(i) for i in query.items]]
    if isinstance(query, Not):
        return ["not", to_data(query.item)]
    if isinstance(query, Neg):
        return ["neg", to_data(query.item)]
    if isinstance(query, Concept):
        return ["concept", query.name, to_data(query.query)]
    return ["near", to_data(query.left), to_data(query.right), query.kind, query.distance]


def from_data(data: Any) -> Query:
    """The parsed query a :func:`to_data` form stands for."""
    tag = data[0]
    if tag == "term":
        return Term(data[1], data[2])
    if tag == "phrase":
        return Phrase(tuple(Term(w[1], w[2]) for w in data[1]))
    if tag == "number":
        return NumberTest(data[1], data[2], data[3])
    if tag in ("or", "and"):
        items = tuple(from_data(i) for i in data[1])
        return Or(items) if tag == "or" else And(items)
    if tag == "not":
        return Not(from_data(data[1]))
    if tag == "neg":
        return Neg(from_data(data[1]))
    if tag == "concept":
        return Concept(data[1], from_data(data[2]))
    return Near(from_data(data[1]), from_data(data[2]), data[3], data[4])


@lru_cache(maxsize=1)
def cache_file() -> Path:
    """Where the cache for this grammar and version lives."""
    package = resources.files("speclint.query")
    sources = b"".join(
        package.joinpath(n).read_bytes() for n in ("query.lark", "parser.py", "ast.py")
    )
    # Concepts are expanded into the parsed queries, so their definitions are part of the key.
    sources += resources.files("speclint.rules").joinpath("packs/concepts.toml").read_bytes()
    key = hashlib.sha256(sources + __version__.encode()).hexdigest()[:16]
    return user_cache_dir() / f"queries-{key}.json"


@lru_cache(maxsize=1)
def _stored() -> dict[str, Any]:
    """The cached parses, or nothing when the file is missing, corrupt or not ours."""
    target = cache_file()
    try:
        content = unseal(target.name, target.read_bytes())
        raw = json.loads(content) if content is not None else {}
    except (OSError, ValueError, RecursionError):
        return {}
    return raw if isinstance(raw, dict) else {}


def load(queries: Iterable[str]) -> dict[str, Query]:
    """The cached parses of those ``queries`` the cache holds (read once per process)."""
    stored = _stored()
    out: dict[str, Query] = {}
    for text in queries:
        if text in stored:
            try:
                out[text] = from_data(stored[text])
            except (TypeError, IndexError, KeyError, ValueError):
                continue
    return out


def save(parsed: Iterable[tuple[str, Query]]) -> None:
    """Add ``parsed`` to the cache atomically; give up quietly if it cannot be written."""
    target = cache_file()
    data = {**_stored(), **{text: to_data(q) for text, q in parsed}}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".queries-", suffix=".tmp", dir=str(target.parent))
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal(target.name, json.dumps(data).encode("utf-8")))
        os.replace(tmp, target)
    except OSError:
        pass
