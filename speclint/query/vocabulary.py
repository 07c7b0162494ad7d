"""The built-in concepts and word senses, read from ``concepts.toml``.

Concepts (``@NAME``) are part of the query language and senses part of how a sentence
is read, so the query layer reads them itself; the file sits beside the rule packs
(``speclint/rules/packs/concepts.toml``) because rule authors edit them together, and
the rules layer validates it (:func:`speclint.rules.load_concepts`).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from speclint.errors import RulePackError
from speclint.query.concepts import Sense, SensePattern, Senses

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class _Strict(BaseModel):
    # Built when first validated; a run that reads the registry cache never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class ConceptDef(_Strict):
    """A named vocabulary, used in queries as ``@NAME``, with examples a test runs."""

    name: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    description: str = Field(min_length=10)
    query: str
    match: tuple[str, ...] = Field(min_length=2, description="Texts the concept matches")
    no_match: tuple[str, ...] = Field(
        min_length=2, description="Texts it must not match (other senses, near-misses)"
    )


class SenseDef(_Strict):
    """Words used in a sense no rule means; masked wherever a ``wrong`` pattern covers them."""

    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    words: tuple[str, ...] = Field(min_length=1, description="The words (stems with *) masked")
    meaning: str = Field(min_length=10, description="The wrong sense, in plain words")
    wrong: tuple[str, ...] = Field(min_length=1, description="Patterns: words, stem*, ? (any)")
    masked: tuple[str, ...] = Field(min_length=2, description="Texts where the word is masked")
    kept: tuple[str, ...] = Field(min_length=2, description="Texts where it keeps its sense")
    context: tuple[str, ...] = Field(
        default=(), description="Patterns anywhere in a sentence that give its words this sense"
    )
    unless: tuple[str, ...] = Field(
        default=(), description="Patterns in a sentence that keep its words' own sense there"
    )


class ConceptPack(_Strict):
    """``speclint/rules/packs/concepts.toml``: every concept and word sense."""

    concepts: tuple[ConceptDef, ...]
    senses: tuple[SenseDef, ...] = ()


CONCEPTS = "concepts.toml"


class Vocabulary:
    """The concepts (``@NAME``) and word senses of ``concepts.toml``."""

    def __init__(self, pack: ConceptPack) -> None:
        self.pack = pack
        self.concepts = {c.name: c for c in pack.concepts}
        self.registry = {c.name: c.query for c in pack.concepts}
        self.senses = Senses(
            tuple(
                Sense(
                    s.name,
                    s.words,
                    tuple(SensePattern.parse(p) for p in s.wrong),
                    tuple(SensePattern.parse(p) for p in s.context),
                    tuple(SensePattern.parse(p) for p in s.unless),
                )
                for s in pack.senses
            )
        )


def read_toml(text: str, source: str) -> dict[str, Any]:
    """``text`` read as TOML; :class:`RulePackError` naming ``source`` when it is not."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{source}: not valid TOML ({exc})") from None


_PRIMED: list[Vocabulary] = []


def prime_builtin(vocabulary: Vocabulary) -> None:
    """Take ``vocabulary`` as the built-in one instead of reading ``concepts.toml`` again.

    The rules layer calls this with the concepts it read from its registry cache, whose
    key covers ``concepts.toml``, so a cached run reads and validates no TOML at all.
    """
    if not _PRIMED:
        _PRIMED.append(vocabulary)


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The built-in concepts and senses, as the parser and the tokeniser use them.

    Read once, and checked against the schema only: :func:`speclint.rules.vocabulary`
    also checks that every concept parses and every sense pattern holds its words, and
    the rule packs are not loaded before it has.
    """
    if _PRIMED:
        return _PRIMED[0]
    source = f"speclint/rules/packs/{CONCEPTS}"
    text = resources.files("speclint").joinpath(f"rules/packs/{CONCEPTS}").read_text("utf-8")
    try:
        return Vocabulary(ConceptPack.model_validate(read_toml(text, source)))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RulePackError(f"{source}: {where}: {first['msg']}") from None
