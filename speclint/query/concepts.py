"""Concepts and word senses: vocabularies defined once, as data, for every rule.

A *concept* is a named query (``@FUNDING``) that any rule, or another concept, can use
as a term. A *sense* says when a word is used in a sense no rule means: "Post Sentence
Supervision" is probation, not reflective supervision; "unpaid carers" are family
members, not unpaid staff time. The tokeniser masks such words, so no term matches them.

Both live in ``speclint/rules/packs/concepts.toml`` and are validated when loaded: a
concept naming an unknown concept is an error with its column, and so is a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat

from speclint.query.words import normalise

_SPLIT = re.compile(r"[^\w£%'’*?]+")


@dataclass(frozen=True)
class SensePattern:
    """A wrong-sense pattern: words in order; ``stem*`` matches endings, ``?`` any one word."""

    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> SensePattern:
        """Read a pattern as written in ``concepts.toml``."""
        words = tuple(w.strip("'") for w in _SPLIT.split(normalise(text)) if w.strip("'"))
        if not words:
            raise ValueError("an empty sense pattern")
        return cls(words)

    def matches_at(self, norms: list[str], i: int) -> bool:
        """True when the pattern matches ``norms`` starting at index ``i``."""
        if i + len(self.words) > len(norms):
            return False
        return all(_word_matches(norms[i + k], w) for k, w in enumerate(self.words))


def _word_matches(norm: str, word: str) -> bool:
    if word == "?":
        return bool(norm)
    if word.endswith("*"):
        return norm.startswith(word[:-1])
    return norm == word


@dataclass(frozen=True)
class Sense:
    """Words (``target``) masked wherever one of the ``wrong`` patterns covers them.

    A sense may also be told by the words around it: a target word is masked where one
    of the ``context`` patterns starts within :data:`CONTEXT_REACH` words of it ("people
    on licence ... attend supervision"), unless one of the ``unless`` patterns starts at
    it or within that reach before it ("clinical supervision", "offender managers will
    have monthly supervision"): what comes before the word names whose it is.
    """

    name: str
    target: tuple[str, ...]
    wrong: tuple[SensePattern, ...]
    context: tuple[SensePattern, ...] = ()
    unless: tuple[SensePattern, ...] = ()

    def is_target(self, norm: str) -> bool:
        """True when ``norm`` is one of the words this sense masks."""
        exact, prefixes, anything = self._target_test
        return norm in exact or (anything and bool(norm)) or norm.startswith(prefixes)

    @cached_property
    def _target_test(self) -> tuple[frozenset[str], tuple[str, ...], bool]:
        """:meth:`is_target` as a set of words, a tuple of prefixes and "any word" (``?``)."""
        exact = frozenset(t for t in self.target if t != "?" and not t.endswith("*"))
        return exact, tuple(t[:-1] for t in self.target if t.endswith("*")), "?" in self.target

    def told_by_context(self, norms: list[str]) -> list[int]:
        """The target words of the sentence ``norms`` that their context gives this sense.

        The sentence's words are met with the target words in one set operation and the
        target stems by a map at C speed (most sentences hold none), and only a sentence
        holding one is walked word by word: :meth:`is_target` without a call per word.
        """
        exact, prefixes, anything = self._target_test
        if anything:
            targets = [j for j, norm in enumerate(norms) if self.is_target(norm)]
        elif exact.isdisjoint(norms) and not (
            prefixes and any(map(str.startswith, norms, repeat(prefixes)))
        ):
            return []
        else:
            targets = [
                j for j, norm in enumerate(norms) if norm in exact or norm.startswith(prefixes)
            ]
        if not targets:
            return []
        told = _starts(self.context, norms)
        if not told:
            return []
        kept = _starts(self.unless, norms)
        reach = CONTEXT_REACH
        return [
            j
            for j in targets
            if any(abs(i - j) <= reach for i in told) and not any(j - reach <= i <= j for i in kept)
        ]


#: How many words from a sense's word its ``context`` and ``unless`` patterns may start.
CONTEXT_REACH = 10


def _starts(patterns: tuple[SensePattern, ...], norms: list[str]) -> list[int]:
    """Where in ``norms`` one of ``patterns`` starts.

    A pattern can start only at a word its first word matches, so each word tries only
    the patterns that begin with it, with a stem it starts with, or with ``?``.
    """
    words, stems, prefixes, anywhere = _heads(patterns)
    out = []
    for i, norm in enumerate(norms):
        tried = words.get(norm, ())
        if prefixes and norm.startswith(prefixes):
            tried = [*tried, *(p for stem, p in stems if norm.startswith(stem))]
        if anywhere:
            tried = [*tried, *anywhere]
        if tried and any(p.matches_at(norms, i) for p in tried):
            out.append(i)
    return out


#: What :func:`_heads` makes of a tuple of patterns: those starting with a word, by that
#: word; those starting with a stem, with the stem (its ``*`` left off); every such stem;
#: those starting with ``?``.
_Heads = tuple[
    dict[str, list[SensePattern]],
    tuple[tuple[str, SensePattern], ...],
    tuple[str, ...],
    tuple[SensePattern, ...],
]
#: Each tuple of patterns' :data:`_Heads`, by the tuple's id (the tuple is kept, so
#: that the id is not reused).
_HEADS: dict[int, tuple[tuple[SensePattern, ...], _Heads]] = {}


def _heads(patterns: tuple[SensePattern, ...]) -> _Heads:
    """``patterns`` by their first word (see :data:`_Heads`), worked out once per tuple."""
    known = _HEADS.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1]
    words: dict[str, list[SensePattern]] = {}
    stems: list[tuple[str, SensePattern]] = []
    anywhere: list[SensePattern] = []
    for pattern in patterns:
        head = pattern.words[0]
        if head == "?":
            anywhere.append(pattern)
        elif head.endswith("*"):
            stems.append((head[:-1], pattern))
        else:
            words.setdefault(head, []).append(pattern)
    prefixes = tuple(dict.fromkeys(stem for stem, _ in stems))
    heads = (words, tuple(stems), prefixes, tuple(anywhere))
    if len(_HEADS) >= MEMO_WORDS:
        _HEADS.clear()
    _HEADS[id(patterns)] = (patterns, heads)
    return heads


#: How many words each of :class:`Senses`' per-word memos holds before it starts afresh
#: (a long-running ``serve`` meets new words without end).
MEMO_WORDS = 50_000


@dataclass
class Senses:
    """Every sense, compiled; masks tokens sentence by sentence."""

    senses: tuple[Sense, ...] = ()
    _first: dict[str, list[tuple[Sense, SensePattern]]] = field(default_factory=dict)
    _stems: list[tuple[str, Sense, SensePattern]] = field(default_factory=list)
    _targets: dict[str, bool] = field(default_factory=dict)
    _heads: dict[str, list[tuple[Sense, SensePattern]]] = field(default_factory=dict)
    _longest: int = 1
    #: The senses told by their context (see :meth:`Sense.told_by_context`), and their
    #: target words and stems: worked out from ``senses``.
    contextual: tuple[Sense, ...] = field(init=False, default=())
    _told_words: frozenset[str] = field(init=False, default=frozenset())
    _told_stems: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self.contextual = tuple(s for s in self.senses if s.context)
        targets = [t for s in self.contextual for t in s.target]
        self._told_words = frozenset(t for t in targets if not t.endswith("*"))
        self._told_stems = tuple(t[:-1] for t in targets if t.endswith("*"))
        self._longest = max((len(p.words) for s in self.senses for p in s.wrong), default=1)
        for sense in self.senses:
            for pattern in sense.wrong:
                head = pattern.words[0]
                if head.endswith("*") or head == "?":
                    self._stems.append((head, sense, pattern))
                else:
                    self._first.setdefault(head, []).append((sense, pattern))

    def _any_target(self, norm: str) -> bool:
        """True when some sense masks ``norm`` (remembered per word)."""
        known = self._targets.get(norm)
        if known is None:
            known = any(sense.is_target(norm) for sense in self.senses)
            if len(self._targets) >= MEMO_WORDS:
                self._targets.clear()
            self._targets[norm] = known
        return known

    def _starting(self, norm: str) -> list[tuple[Sense, SensePattern]]:
        """The patterns whose first word matches ``norm`` (remembered per word)."""
        found = self._heads.get(norm)
        if found is None:
            found = list(self._first.get(norm, ()))
            for head, sense, pattern in self._stems:
                if _word_matches(norm, head):
                    found.append((sense, pattern))
            if len(self._heads) >= MEMO_WORDS:
                self._heads.clear()
            self._heads[norm] = found
        return found

    def may_be_told(self, words: Collection[str]) -> bool:
        """True when ``words`` hold a target word of a sense told by its context.

        Asked of every unit's words: the whole words are met in one set operation, and
        the stems tested by a map at C speed, with no Python call per word.
        """
        if not self.contextual:
            return False
        if not self._told_words.isdisjoint(words):
            return True
        stems = self._told_stems
        return bool(stems) and any(map(str.startswith, words, repeat(stems)))

    def in_context(self, norms: list[str]) -> set[int]:
        """Indices (into ``norms``, one sentence) of target words its context masks."""
        out: set[int] = set()
        for sense in self.contextual:
            out.update(sense.told_by_context(norms))
        return out

    def masked(self, norms: list[str]) -> set[int]:
        """Indices (into ``norms``, one sentence) of words used in a wrong sense.

        Only the positions a pattern could start from to cover one of the sentence's
        target words are tried, so a sentence with none of them costs one look per word.
        """
        out = self.in_context(norms)
        if not self.senses:
            return out
        starts: set[int] = set()
        for j, norm in enumerate(norms):
            if self._any_target(norm):
                starts.update(range(max(0, j - self._longest + 1), j + 1))
        for i in sorted(starts):
            for sense, pattern in self._starting(norms[i]):
                if pattern.matches_at(norms, i):
                    for k in range(len(pattern.words)):
                        if sense.is_target(norms[i + k]):
                            out.add(i + k)
        return out


Registry = Mapping[str, str]
"""Concept name (without ``@``) to its query text."""
