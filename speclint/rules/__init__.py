"""The rule registry: every built-in rule pack, loaded once and validated.

Rules are data: one TOML pack per family in ``speclint/rules/packs``. A rule either
has a ``query`` in speclint's query language, names a Python ``check`` (a module of
:mod:`speclint.rules.checks`, with its ``[rules.options]``) when a query cannot say it
(arithmetic, document-wide facts), or is marked ``engine = true``: raised by the engine
itself while it applies inline suppressions (the SPL family), with its docs and examples
kept here like any other rule's.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from speclint.errors import QuerySyntaxError, RulePackError
from speclint.models import Severity, unvalidated
from speclint.query.concepts import Sense, SensePattern
from speclint.query.parser import cached, parse_query, persist, preload, remember
from speclint.query.vocabulary import (
    CONCEPTS,
    ConceptDef,
    ConceptPack,
    SenseDef,
    Vocabulary,
    prime_builtin,
)
from speclint.query.vocabulary import read_toml as _toml
from speclint.rules.schema import Rule, RuleDocs, RulePack, RuleTests

if TYPE_CHECKING:
    from speclint.rules.context import RuleContext, RuleHit

_M = TypeVar("_M", bound=BaseModel)

__all__ = [
    "ConceptDef",
    "ConceptPack",
    "Rule",
    "RulePack",
    "SenseDef",
    "Vocabulary",
    "all_rules",
    "check_function",
    "get_rule",
    "load_concepts",
    "load_pack",
    "packs",
    "vocabulary",
]


def load_concepts(text: str, source: str, *, builtin: bool = False) -> Vocabulary:
    """Validate ``concepts.toml``: every concept parses, names are known, no cycles.

    For the built-in file (``builtin``) the parses come from, and go to, the query
    cache: its name carries a hash of this file, so a cached parse was validated
    against these very definitions.
    """
    try:
        pack = ConceptPack.model_validate(_toml(text, source))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RulePackError(f"{source}: {where}: {first['msg']}") from None
    names = [c.name for c in pack.concepts]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise RulePackError(f"{source}: concept defined twice: {', '.join(dup)}")
    registry = {c.name: c.query for c in pack.concepts}
    if builtin:
        preload(c.query for c in pack.concepts)
    for concept in pack.concepts:
        if builtin and cached(concept.query) is not None:
            continue
        try:
            parsed = parse_query(concept.query, registry)
        except QuerySyntaxError as exc:
            raise RulePackError(f"{source}: concept {concept.name}: {exc}") from None
        if builtin:
            remember(concept.query, parsed)
    for sense in pack.senses:
        for pattern in (*sense.context, *sense.unless):
            try:
                SensePattern.parse(pattern)
            except ValueError as exc:
                raise RulePackError(f"{source}: sense {sense.name}: {exc}") from None
        for pattern in sense.wrong:
            try:
                words = SensePattern.parse(pattern).words
            except ValueError as exc:
                raise RulePackError(f"{source}: sense {sense.name}: {exc}") from None
            target = Sense(sense.name, sense.words, ())
            if not any(target.is_target(w.rstrip("*")) for w in words):
                raise RulePackError(
                    f"{source}: sense {sense.name}: pattern {pattern!r} contains none of "
                    f"its words {', '.join(sense.words)}"
                )
    return Vocabulary(pack)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in concepts and senses, loaded once (validated, or from the registry cache)."""
    stored = _stored_registry()
    if stored is not None:
        found = Vocabulary(stored[1])
        prime_builtin(found)
        return found
    entry = resources.files("speclint.rules").joinpath(f"packs/{CONCEPTS}")
    return load_concepts(entry.read_text("utf-8"), f"speclint/rules/packs/{CONCEPTS}", builtin=True)


def load_pack(text: str, source: str) -> RulePack:
    """Validate one pack's TOML text; raise :class:`RulePackError` naming ``source``."""
    data = _toml(text, source)
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RulePackError(f"{source}: {where}: {first['msg']}") from None
    for rule in pack.rules:
        if rule.check is not None and ":" not in rule.check:
            _validate_check(rule, source)
    preload(q for r in pack.rules for q in (r.query, r.unless_anywhere, r.unless_in_context) if q)
    for rule in pack.rules:
        for field in ("query", "unless_anywhere", "unless_in_context"):
            query = getattr(rule, field)
            if query is None:
                continue
            try:
                parse_query(query)
            except QuerySyntaxError as exc:
                raise RulePackError(f"{source}: {rule.code}.{field}: {exc}") from None
    return pack


def _validate_check(rule: Rule, source: str) -> None:
    """Fail the pack when its check is unknown or its options do not fit the check."""
    from speclint.rules import checks  # imported when a pack names a check

    assert rule.check is not None
    try:
        checks.bind(rule.check, rule.options)
    except KeyError:
        known = ", ".join(checks.CHECKS)
        raise RulePackError(
            f"{source}: {rule.code}.check: no check {rule.check!r} ({known})"
        ) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RulePackError(f"{source}: {rule.code}.options.{where}: {first['msg']}") from None


def check_function(rule: Rule) -> Callable[[RuleContext], Iterator[RuleHit]]:
    """The Python check a rule names, with its options bound: call it with a context."""
    assert rule.check is not None
    if ":" in rule.check:  # "module:function", a function of the context alone
        module, _, name = rule.check.partition(":")
        func: Callable[[RuleContext], Iterator[RuleHit]] = getattr(
            importlib.import_module(module), name
        )
        return func
    from speclint.rules import checks

    return checks.bind(rule.check, rule.options)


@lru_cache(maxsize=1)
def packs() -> tuple[RulePack, ...]:
    """Load every built-in pack, in family order (engine-raised families last).

    A pack set validated once is kept in the registry cache (see
    :func:`registry_cache_file`), so later runs skip the TOML, the validation and the
    import of every check module.
    """
    stored = _stored_registry()
    if stored is not None:
        loaded = stored[0]
        vocabulary()  # the cached concepts, before any query below needs them
        preload(
            q
            for p in loaded
            for r in p.rules
            for q in (r.query, r.unless_anywhere, r.unless_in_context)
            if q
        )
        return loaded
    validated = _load_packs()
    _store_registry(validated, vocabulary().pack)
    return validated


def _load_packs() -> tuple[RulePack, ...]:
    """Read and validate every built-in pack from its TOML."""
    vocabulary()  # concepts.toml, validated before any rule's query uses a concept
    folder = resources.files("speclint.rules").joinpath("packs")
    loaded = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.name != CONCEPTS:
            loaded.append(load_pack(entry.read_text("utf-8"), f"speclint/rules/packs/{entry.name}"))
    # The book's families first; the engine's own housekeeping family last.
    loaded.sort(key=lambda pack: all(rule.engine for rule in pack.rules))
    codes: set[str] = set()
    names: set[str] = set()
    for pack in loaded:
        for rule in pack.rules:
            if rule.code in codes or rule.name in names:
                raise RulePackError(f"duplicate rule code or name: {rule.code} {rule.name}")
            codes.add(rule.code)
            names.add(rule.name)
    persist()
    return tuple(loaded)


# -- the registry cache ------------------------------------------------------------------
#
# Validating the packs (TOML, pydantic, every check's options, every query) costs a
# tenth of a second at each start. The validated packs and concepts are kept in the
# user's cache folder as plain data (their ``model_dump(mode="json", by_alias=True)``
# form) written with :mod:`marshal`, which reads several times faster than JSON and
# builds values only, sealed like the query cache (:mod:`speclint.signing`, checked before
# it is read), under a name that hashes every file the validation read: the packs, this
# module, the schema, the checks and the query grammar (through the query cache's name,
# which also holds speclint's and Python's versions). Any edit starts a new entry; an
# entry that fails its seal or does not validate is ignored and the packs are validated
# afresh.

_REGISTRY_SOURCES = ("__init__.py", "schema.py")


@lru_cache(maxsize=1)
def registry_cache_file() -> Path:
    """Where the validated registry for these packs and this code is kept."""
    from speclint.query.cache import cache_file

    return _registry_cache_path(cache_file())


def _registry_cache_path(query_cache: Path | None = None) -> Path:
    """:func:`registry_cache_file` as the files read now (not when this run began).

    ``query_cache``: the query cache's file, when it is known (by default, as now).
    """
    from speclint.query.cache import SUFFIX, cache_path
    from speclint.signing import user_cache_dir

    package = resources.files("speclint.rules")
    digest = hashlib.sha256((query_cache or cache_path()).name.encode())
    entries = [package.joinpath(n) for n in _REGISTRY_SOURCES]
    for folder in ("packs", "checks"):
        entries += sorted(package.joinpath(folder).iterdir(), key=lambda e: e.name)
    for entry in entries:
        if entry.name.endswith((".py", ".toml")):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return user_cache_dir() / f"rules-{digest.hexdigest()[:16]}{SUFFIX}"


@lru_cache(maxsize=1)
def _stored_registry() -> tuple[tuple[RulePack, ...], ConceptPack] | None:
    """The packs and concepts from the registry cache, or ``None`` when it has none."""
    from speclint.signing import unseal

    target = registry_cache_file()
    try:
        content = unseal(target.name, target.read_bytes())
        if content is None:
            return None
        data = marshal.loads(content)
        loaded = tuple(_pack(pack) for pack in data["packs"])
        return loaded, _concept_pack(data["concepts"])
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, RecursionError):
        return None


# The registry cache holds packs that were validated before they were written, and its
# seal says this user wrote them, so they are rebuilt without validating them again:
# the models' validators are then never built in a run that reads the cache (see
# ``defer_build`` in :mod:`speclint.rules.schema`). Each field gets the type validation
# gives it; a test checks that packs so rebuilt equal validated ones.


def _made(cls: type[_M], values: dict[str, Any]) -> _M:
    """An instance of the model ``cls`` holding ``values`` (every field), not validated."""
    if values.keys() != cls.model_fields.keys():
        raise KeyError(cls.__name__)
    return unvalidated(cls, values)


def _texts(items: list[str]) -> tuple[str, ...]:
    """``items`` as the tuple of texts a validated field holds."""
    if not all(isinstance(item, str) for item in items):
        raise TypeError("not a list of texts")
    return tuple(items)


def _rule(data: dict[str, Any]) -> Rule:
    """A :class:`Rule` from its ``model_dump(mode="json", by_alias=True)`` form."""
    tests = data["tests"]
    values = {
        **data,
        "severity": Severity(data["severity"]),
        "include": _texts(data["include"]),
        "docs": _made(RuleDocs, data["docs"]),
        "tests": _made(RuleTests, {"fail": _texts(tests["fail"]), "pass_": _texts(tests["pass"])}),
    }
    return _made(Rule, {name: values[name] for name in Rule.model_fields})


def _pack(data: dict[str, Any]) -> RulePack:
    """A :class:`RulePack` from its ``model_dump(mode="json", by_alias=True)`` form."""
    return _made(RulePack, {**data, "rules": tuple(_rule(rule) for rule in data["rules"])})


#: A sense's fields that hold texts (tuples once validated, lists in the cache's form).
_SENSE_TEXTS = ("words", "wrong", "masked", "kept", "context", "unless")


def _concept_pack(data: dict[str, Any]) -> ConceptPack:
    """A :class:`ConceptPack` from its ``model_dump(mode="json", by_alias=True)`` form."""
    concepts = tuple(
        _made(ConceptDef, {**c, "match": _texts(c["match"]), "no_match": _texts(c["no_match"])})
        for c in data["concepts"]
    )
    senses = tuple(
        _made(SenseDef, {**s, **{k: _texts(s[k]) for k in _SENSE_TEXTS}}) for s in data["senses"]
    )
    return _made(ConceptPack, {"concepts": concepts, "senses": senses})


def _store_registry(loaded: tuple[RulePack, ...], concepts: ConceptPack) -> None:
    """Keep validated packs and concepts for the next run; give up quietly on failure."""
    from speclint.atomic import write_cache_file
    from speclint.signing import retire_old_versions, seal

    target = registry_cache_file()
    if _registry_cache_path() != target:
        return  # a pack or concept changed while this run read them: keep nothing
    data = {
        "packs": [p.model_dump(mode="json", by_alias=True) for p in loaded],
        "concepts": concepts.model_dump(mode="json", by_alias=True),
    }
    if write_cache_file(target, seal(target.name, marshal.dumps(data))):
        retire_old_versions(target)


def all_rules() -> list[Rule]:
    """Every built-in rule, ordered by code."""
    return sorted((r for p in packs() for r in p.rules), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (``PBR001``) or name (``payment-withheld-against-target``)."""
    key = code_or_name.strip()
    for rule in all_rules():
        if rule.code == key.upper() or rule.name == key.lower():
            return rule
    return None
