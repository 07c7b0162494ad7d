"""The typed syntax tree of a rule query. Built by the parser; evaluated elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

NearKind = Literal["s", "c", "w", "pre"]
NumberKind = Literal["percent", "money", "number"]


@dataclass(frozen=True)
class Term:
    """A word, or a stem when ``prefix`` is true (``withh*``)."""

    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words in order, each of which may be a stem."""

    words: tuple[Term, ...]


@dataclass(frozen=True)
class NumberTest:
    """A percentage, money amount or number, optionally compared with a value."""

    kind: NumberKind
    op: str | None = None
    value: float | None = None


@dataclass(frozen=True)
class Or:
    """Any of the items."""

    items: tuple[Query, ...]


@dataclass(frozen=True)
class And:
    """All of the items somewhere in the unit the rule looks at."""

    items: tuple[Query, ...]


@dataclass(frozen=True)
class Not:
    """The item does not occur (in the unit, or in the sentence or clause of a ``/s NOT``)."""

    item: Query


@dataclass(frozen=True)
class Near:
    """Left and right in the same sentence (``s``), clause (``c``) or within ``distance`` words."""

    left: Query
    right: Query
    kind: NearKind
    distance: int = 0


@dataclass(frozen=True)
class Concept:
    """A named vocabulary (``@FUNDING``), expanded at parse time from ``concepts.toml``."""

    name: str
    query: Query


@dataclass(frozen=True)
class Neg:
    """``NEG(x)``: ``x`` said in the negative ("not funded", "no separate funding").

    Holds where a negation cue outside a hit of ``x`` has it in scope; the hit then runs
    from the cue to the end of ``x``, so the negation is part of the evidence.
    """

    item: Query


Query = Union[Term, Phrase, NumberTest, Or, And, Not, Near, Concept, Neg]  # noqa: UP007 (3.10 runtime alias)
