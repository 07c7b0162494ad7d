"""The typed syntax tree of a rule query. Built by the parser; evaluated elsewhere.

Each node is frozen, and equal to (and hashed as) another of its class with the same
fields, as a frozen dataclass is; the classes are written out rather than made by
``@dataclass``, which compiles every method afresh at each start (about half a
millisecond a class, paid by every run of the command).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar, Generic, Literal, TypeVar, Union

NearKind = Literal["s", "c", "w", "pre"]
NumberKind = Literal["percent", "money", "number"]


class _Node:
    """What a frozen dataclass gives a node: no assignment, equality, hashing and repr."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()
    _key: ClassVar[Any]

    def __init_subclass__(cls) -> None:
        fields = cls.__match_args__
        # A node's fields as a tuple (for one field too), as a dataclass compares them.
        if len(fields) > 1:
            cls._key = staticmethod(attrgetter(*fields))
        else:
            cls._key = staticmethod(lambda node, name=fields[0]: (getattr(node, name),))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._key(self) == self._key(other))

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__qualname__}({shown})"


class Term(_Node):
    """A word, or a stem when ``prefix`` is true (``withh*``)."""

    __match_args__ = ("word", "prefix")
    word: str
    prefix: bool

    def __init__(self, word: str, prefix: bool = False) -> None:
        fields = self.__dict__
        fields["word"] = word
        fields["prefix"] = prefix


class Phrase(_Node):
    """Words in order, each of which may be a stem."""

    __match_args__ = ("words",)
    words: tuple[Term, ...]

    def __init__(self, words: tuple[Term, ...]) -> None:
        self.__dict__["words"] = words


class NumberTest(_Node):
    """A percentage, money amount or number, optionally compared with a value."""

    __match_args__ = ("kind", "op", "value")
    kind: NumberKind
    op: str | None
    value: float | None

    def __init__(self, kind: NumberKind, op: str | None = None, value: float | None = None) -> None:
        fields = self.__dict__
        fields["kind"] = kind
        fields["op"] = op
        fields["value"] = value


class Or(_Node):
    """Any of the items."""

    __match_args__ = ("items",)
    items: tuple[Query, ...]

    def __init__(self, items: tuple[Query, ...]) -> None:
        self.__dict__["items"] = items


class And(_Node):
    """All of the items somewhere in the unit the rule looks at."""

    __match_args__ = ("items",)
    items: tuple[Query, ...]

    def __init__(self, items: tuple[Query, ...]) -> None:
        self.__dict__["items"] = items


class Not(_Node):
    """The item does not occur (in the unit, or in the sentence or clause of a ``/s NOT``)."""

    __match_args__ = ("item",)
    item: Query

    def __init__(self, item: Query) -> None:
        self.__dict__["item"] = item


class Near(_Node):
    """Left and right in the same sentence (``s``), clause (``c``) or within ``distance`` words."""

    __match_args__ = ("left", "right", "kind", "distance")
    left: Query
    right: Query
    kind: NearKind
    distance: int

    def __init__(self, left: Query, right: Query, kind: NearKind, distance: int = 0) -> None:
        fields = self.__dict__
        fields["left"] = left
        fields["right"] = right
        fields["kind"] = kind
        fields["distance"] = distance


class Concept(_Node):
    """A named vocabulary (``@FUNDING``), expanded at parse time from ``concepts.toml``."""

    __match_args__ = ("name", "query")
    name: str
    query: Query

    def __init__(self, name: str, query: Query) -> None:
        fields = self.__dict__
        fields["name"] = name
        fields["query"] = query


class Neg(_Node):
    """``NEG(x)``: ``x`` said in the negative ("not funded", "no separate funding").

    Holds where a negation cue outside a hit of ``x`` has it in scope; the hit then runs
    from the cue to the end of ``x``, so the negation is part of the evidence.
    """

    __match_args__ = ("item",)
    item: Query

    def __init__(self, item: Query) -> None:
        self.__dict__["item"] = item


Query = Union[Term, Phrase, NumberTest, Or, And, Not, Near, Concept, Neg]  # noqa: UP007 (3.10 runtime alias)


_H = TypeVar("_H")


class ByKind(dict[type, _H], Generic[_H]):
    """What a walk over a query tree does with each kind of node, by the node's class.

    ``table[type(node)]`` is a plain dictionary look-up; a class not listed (a subclass,
    such as a concept read from the cache) takes the first listed base's entry, found
    once and remembered, or ``default``; without one it is a :class:`TypeError`.
    """

    def __init__(self, kinds: tuple[tuple[type, _H], ...], default: _H | None = None) -> None:
        super().__init__(kinds)
        self._kinds = kinds
        self._default = default

    def __missing__(self, kind: type) -> _H:
        found = next((entry for base, entry in self._kinds if issubclass(kind, base)), None)
        if found is None:
            found = self._default
        if found is None:
            raise TypeError(f"not a query node: {kind.__name__}")
        self[kind] = found
        return found
